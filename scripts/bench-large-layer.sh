#!/usr/bin/env bash
# One-platform image with a 300 MB incompressible layer (FROM scratch + COPY of random bytes):
# the action (`dist/main`, builder buildah, cache off, scan none) against a plain
# `buildah build` + `buildah push` of the same context to the same loopback registry.
# Fresh random content before every run (nothing can be reused from an earlier one), runs
# interleaved; prints wall and CPU (user+sys of the whole process tree) per run.
#   bash scripts/bench-large-layer.sh [RUNS] [MB]
# Needs scripts/ci-setup.sh (buildah, docker-registry) and a built dist/main.
set -euo pipefail
RUNS=${1:-3}
MB=${2:-300}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/aim-bench-large-XXXXXX)
trap 'kill "$REG_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
export CONTAINERS_STORAGE_CONF=${CONTAINERS_STORAGE_CONF:-${AIM_TEST_CACHE:-/tmp/aim-build-test-cache}/containers/storage.conf}
export BUILDAH_ISOLATION=chroot
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
mkdir -p "$WORK/ctx" "$WORK/reg"
printf 'FROM scratch\nCOPY big.bin /big.bin\n' > "$WORK/ctx/Dockerfile"
cat > "$WORK/reg/config.yml" <<YML
version: 0.1
storage:
  filesystem:
    rootdirectory: $WORK/reg/data
http:
  addr: 127.0.0.1:$PORT
log:
  level: error
YML
/usr/bin/docker-registry serve "$WORK/reg/config.yml" > "$WORK/reg/log" 2>&1 &
REG_PID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/v2/" >/dev/null && break; sleep 0.1; done

fresh() { head -c $((MB * 1024 * 1024)) /dev/urandom > "$WORK/ctx/big.bin"; }

plain() {
  buildah build --platform linux/amd64 -t "localhost/aim-bench-plain:$1" "$WORK/ctx" >/dev/null 2>&1
  buildah push --tls-verify=false "localhost/aim-bench-plain:$1" "docker://127.0.0.1:$PORT/plain/$1:1" >/dev/null 2>&1
  buildah rmi "localhost/aim-bench-plain:$1" >/dev/null 2>&1
}

action() {
  local d="$WORK/run-$1"
  mkdir -p "$d/temp"; : > "$d/out"; : > "$d/state"; : > "$d/summary"
  echo '{"repository":{"name":"x","default_branch":"main","html_url":"https://github.com/acme/x"}}' > "$d/event.json"
  env -i PATH="$PATH" HOME="$HOME" CONTAINERS_STORAGE_CONF="$CONTAINERS_STORAGE_CONF" \
    GITHUB_EVENT_NAME=push GITHUB_REF=refs/tags/v1.2.3 GITHUB_SHA=860c1904a1ce19322e91ac35af1ab07466440c37 GITHUB_REPOSITORY=acme/x \
    GITHUB_EVENT_PATH="$d/event.json" GITHUB_OUTPUT="$d/out" GITHUB_STATE="$d/state" GITHUB_STEP_SUMMARY="$d/summary" RUNNER_TEMP="$d/temp" \
    INPUT_IMAGES="127.0.0.1:$PORT/action/$1" INPUT_PLATFORMS=linux/amd64 INPUT_BUILDER=buildah INPUT_CONTEXT="$WORK/ctx" \
    INPUT_CACHE=off INPUT_SCAN=none INPUT_GITHUB-TOKEN= node "$ROOT/dist/main/index.js" > "$d/log" 2>&1 || { grep '::error::' "$d/log"; exit 1; }
  grep -o 'Build [0-9.]* s, push [0-9.]* s' "$d/summary" >&2 || true
}

echo "| run | plain wall s | plain cpu s | action wall s | action cpu s | action / plain |"
echo "|---|---|---|---|---|---|"
for i in $(seq "$RUNS"); do
  fresh; p=$( { /usr/bin/time -f '%e %U %S' bash -c "$(declare -f plain); WORK=$WORK PORT=$PORT plain p$i" ; } 2>&1 | tail -1)
  fresh; a=$( { /usr/bin/time -f '%e %U %S' bash -c "$(declare -f action); WORK=$WORK PORT=$PORT ROOT=$ROOT MB=$MB CONTAINERS_STORAGE_CONF=$CONTAINERS_STORAGE_CONF action a$i" ; } 2>&1 | tail -1)
  read -r pw pu ps <<< "$p"; read -r aw au as <<< "$a"
  echo "| $i | $pw | $(echo "$pu + $ps" | bc) | $aw | $(echo "$au + $as" | bc) | $(echo "scale=2; $aw / $pw" | bc)× |"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
