#!/usr/bin/env bash
# Installs everything the real-component tests need (buildah, skopeo, CNCF distribution
# registry, htpasswd, qemu-user-static, busybox-static for amd64 + arm64, openssl) on a
# Debian 12 machine, as root, non-interactively. Idempotent: a second run only verifies.
#
#   sudo bash scripts/ci-setup.sh
#
# Environment:
#   AIM_TEST_CACHE   where the busybox-static .debs are put (default /tmp/aim-build-test-cache)
#   AIM_ACR_HOSTNAME hostname mapped to 127.0.0.1 in /etc/hosts for the TLS "ACR-like" test
#                    registry (default registry.cn-hangzhou.aliyuncs.com); set to "" to skip.
#
# Exits non-zero with a message naming the failed step.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
CACHE="${AIM_TEST_CACHE:-/tmp/aim-build-test-cache}"
ACR_HOSTNAME="${AIM_ACR_HOSTNAME-registry.cn-hangzhou.aliyuncs.com}"
START=$(date +%s)
STEP="start"

log() { echo "[ci-setup] $*"; }
fail() { echo "[ci-setup] ERROR during '${STEP}': $*" >&2; exit 1; }
trap 'rc=$?; if [ $rc -ne 0 ]; then echo "[ci-setup] FAILED during step: ${STEP} (exit ${rc})" >&2; fi' EXIT

[ "$(id -u)" = 0 ] || fail "must run as root (apt-get, /etc/hosts and binfmt_misc need it)"
command -v apt-get >/dev/null || fail "apt-get not found: this script supports Debian/Ubuntu only"

APT_OPTS=(-y -q -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
PKGS=(
  buildah            # daemonless image builds (brings containers-common, netavark/cni, crun/runc)
  skopeo             # copy/inspect images between registries
  docker-registry    # CNCF distribution registry: /usr/bin/docker-registry
  apache2-utils      # htpasswd -B (bcrypt) for the registry's htpasswd auth
  qemu-user-static   # arm64 RUN steps on amd64 (also registers binfmt via binfmt-support)
  binfmt-support     # update-binfmts
  busybox-static     # amd64 busybox for the local base image
  openssl            # throwaway CA + server certs for the TLS registry
  ca-certificates
  fuse-overlayfs     # fallback storage driver when kernel overlay is not usable
  uidmap             # newuidmap/newgidmap for rootless buildah (harmless as root)
)

# --- 1. arm64 foreign architecture (for apt-get download busybox-static:arm64) -------------
STEP="add arm64 architecture"
NEED_UPDATE=0
if dpkg --print-foreign-architectures | grep -qx arm64; then
  log "arm64 architecture already added"
else
  log "dpkg --add-architecture arm64"
  dpkg --add-architecture arm64
  NEED_UPDATE=1
fi

# --- 2. apt-get update (only when needed) ----------------------------------------------------
STEP="check installed packages"
MISSING=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    MISSING+=("$p")
  fi
done
ARM64_LISTS=$(find /var/lib/apt/lists -maxdepth 1 -name '*binary-arm64_Packages*' 2>/dev/null | head -1)
[ -n "$ARM64_LISTS" ] || NEED_UPDATE=1
[ ${#MISSING[@]} -eq 0 ] || NEED_UPDATE=1

if [ "$NEED_UPDATE" = 1 ]; then
  STEP="apt-get update"
  log "apt-get update"
  # Third-party sources that cannot be reached here make apt-get update exit non-zero; that is
  # fine as long as Debian's own lists were fetched, which the install step below verifies.
  if ! apt-get update -q -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3; then
    log "WARNING: apt-get update reported errors (unreachable extra sources?); continuing"
  fi
fi

# --- 3. install ---------------------------------------------------------------------------------
if [ ${#MISSING[@]} -gt 0 ]; then
  STEP="apt-get install ${MISSING[*]}"
  log "apt-get install --no-install-recommends ${MISSING[*]}"
  apt-get install "${APT_OPTS[@]}" --no-install-recommends "${MISSING[@]}" \
    || fail "apt-get install failed for: ${MISSING[*]}"
else
  log "all packages already installed: ${PKGS[*]}"
fi

STEP="verify binaries"
for b in buildah skopeo htpasswd openssl qemu-aarch64-static /usr/bin/docker-registry /bin/busybox; do
  command -v "$b" >/dev/null || fail "expected binary '$b' is missing after install"
done
log "buildah $(buildah --version | awk '{print $3}'), skopeo $(skopeo --version | awk '{print $3}'), $(/usr/bin/docker-registry --version 2>&1 | head -1)"

# --- 4. busybox-static .debs for amd64 and arm64 into the test cache ---------------------------
STEP="download busybox-static debs"
mkdir -p "$CACHE/debs"
# apt downloads as the sandbox user _apt; let it write here (else a harmless "unsandboxed" warning).
if id _apt >/dev/null 2>&1; then chown _apt "$CACHE/debs"; fi
for arch in amd64 arm64; do
  if ls "$CACHE/debs"/busybox-static_*_"$arch".deb >/dev/null 2>&1; then
    log "busybox-static:$arch already in $CACHE/debs"
  else
    log "apt-get download busybox-static:$arch -> $CACHE/debs"
    (cd "$CACHE/debs" && apt-get download -q "busybox-static:$arch") \
      || fail "could not download busybox-static:$arch (is the arm64 architecture in apt's lists? run apt-get update)"
  fi
done
chown -R root "$CACHE/debs"
chmod -R a+rX "$CACHE/debs"

# --- 5. qemu binfmt for arm64 -------------------------------------------------------------------
STEP="register qemu-aarch64 binfmt"
if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
  log "mounting binfmt_misc"
  mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc \
    || fail "cannot mount binfmt_misc; arm64 RUN steps need it (kernel CONFIG_BINFMT_MISC)"
fi
if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
  if command -v update-binfmts >/dev/null && [ -e /usr/share/binfmts/qemu-aarch64 ]; then
    log "update-binfmts --import qemu-aarch64"
    update-binfmts --import qemu-aarch64 || true
    update-binfmts --enable qemu-aarch64 || true
  fi
fi
if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
  # Register by hand, with the F (fix binary) flag so it works inside chroots/containers.
  log "registering qemu-aarch64 in binfmt_misc by hand (flags OCF)"
  printf '%s' ':qemu-aarch64:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/usr/libexec/qemu-binfmt/aarch64-binfmt-P:OCFP' \
    > /proc/sys/fs/binfmt_misc/register 2>/dev/null \
    || printf '%s' ':qemu-aarch64:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/usr/bin/qemu-aarch64-static:OCF' \
    > /proc/sys/fs/binfmt_misc/register \
    || fail "could not register qemu-aarch64 with binfmt_misc"
fi
grep -q '^enabled' /proc/sys/fs/binfmt_misc/qemu-aarch64 || fail "qemu-aarch64 binfmt entry exists but is disabled"
grep -q '^flags:.*F' /proc/sys/fs/binfmt_misc/qemu-aarch64 \
  || log "WARNING: qemu-aarch64 binfmt lacks the F flag; arm64 RUN inside a chroot may fail"

STEP="verify arm64 emulation"
TMPX=$(mktemp -d)
dpkg-deb -x "$(ls "$CACHE/debs"/busybox-static_*_arm64.deb | head -1)" "$TMPX"
OUT=$("$TMPX/bin/busybox" uname -m 2>&1) || { rm -rf "$TMPX"; fail "arm64 busybox did not run via binfmt: $OUT"; }
rm -rf "$TMPX"
[ "$OUT" = aarch64 ] || fail "arm64 busybox ran but 'uname -m' said '$OUT' (expected aarch64)"
log "arm64 binaries run through qemu binfmt (uname -m = $OUT)"

# --- 6. hostname of the ACR-like TLS test registry -> 127.0.0.1 ---------------------------------
if [ -n "$ACR_HOSTNAME" ]; then
  STEP="map $ACR_HOSTNAME to 127.0.0.1"
  if awk -v h="$ACR_HOSTNAME" '$1 == "127.0.0.1" { for (i = 2; i <= NF && $i !~ /^#/; i++) if ($i == h) f = 1 } END { exit !f }' /etc/hosts; then
    log "/etc/hosts already maps $ACR_HOSTNAME to 127.0.0.1"
  else
    log "adding '127.0.0.1 $ACR_HOSTNAME' to /etc/hosts (test registry only)"
    printf '127.0.0.1 %s # aim-build tests\n' "$ACR_HOSTNAME" >> /etc/hosts
  fi
  getent hosts "$ACR_HOSTNAME" | grep -q '^127\.0\.0\.1' \
    || fail "$ACR_HOSTNAME does not resolve to 127.0.0.1 (check /etc/nsswitch.conf 'hosts: files ...')"
fi

STEP="done"
log "OK in $(( $(date +%s) - START ))s; test cache: $CACHE"
