/**
 * DockerSmokeRunner against a FAKE `docker` CLI on PATH (no Docker daemon here): a shell script
 * that records every argv and answers like docker does (load → "Loaded image ID: …", run, run -d,
 * exec, port, inspect, rm). What is checked: the order of calls, the exact argv, the archive
 * handed to `docker load` (a single-platform OCI layout with the platform's manifest and blobs), and
 * that every container and image is removed. The real docker path needs a GitHub-hosted runner.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerSmokeRunner } from '../../src/adapters/smoke/runtime.js';
import { parseSmokeInputs, type SmokeInputs } from '../../src/core/smoke.js';
import { run } from '../helpers/tools.js';

const smoke = (o: Record<string, string>): SmokeInputs => parseSmokeInputs((n) => o[n] ?? '')!;

let dir = '';
let layout = '';
let manifestDigest = '';
let ours: string[] = [];
let log = '';
const savedPath = process.env.PATH;

function put(text: string): string {
  const d = `sha256:${createHash('sha256').update(text).digest('hex')}`;
  writeFileSync(join(layout, 'blobs', 'sha256', d.slice(7)), text);
  return d;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aim-smoke-docker-'));
  layout = join(dir, 'layout');
  mkdirSync(join(layout, 'blobs', 'sha256'), { recursive: true });
  const layer = put('layer-bytes');
  put('another platform layer: not in this archive');
  const configText = JSON.stringify({ os: 'linux', architecture: 'arm64', config: { Cmd: ['/app/server'], Healthcheck: { Test: ['CMD', '/app/check'], Interval: 1e8, Retries: 3 } } });
  const config = put(configText);
  manifestDigest = put(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config, size: configText.length }, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layer, size: 11 }] }));
  ours = [manifestDigest, config, layer];
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  log = join(dir, 'docker.log');
  // the fake: `run --rm` exits with what the command asks (exit 3 for --fail); exec fails twice then passes
  writeFileSync(
    join(bin, 'docker'),
    `#!/bin/sh
printf '%s\\n' "$*" >> ${log}
case "$1" in
  load) tar -tf "$3" | sort > ${dir}/archive.txt; echo "Loaded image ID: sha256:fakeimage"; exit 0 ;;
  run) case "$*" in *--fail*) echo "failing on purpose" >&2; exit 3 ;; *--detach*) echo cid; exit 0 ;; *) echo "v1.0"; exit 0 ;; esac ;;
  exec) n=$(cat ${dir}/exec-count 2>/dev/null || echo 0); n=$((n+1)); echo $n > ${dir}/exec-count; [ $n -ge 3 ] && exit 0; echo "not yet"; exit 1 ;;
  inspect) echo "true 0"; exit 0 ;;
  *) exit 0 ;;
esac
`
  );
  chmodSync(join(bin, 'docker'), 0o755);
  process.env.PATH = `${bin}:${savedPath}`;
});

afterAll(() => {
  process.env.PATH = savedPath;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('DockerSmokeRunner (fake docker CLI: no daemon here)', () => {
  it('loads the platform archive, runs the command, starts the image, polls its HEALTHCHECK with exec, removes everything', async () => {
    const runner = new DockerSmokeRunner(layout, dir, { builder: 'buildx', log: () => undefined });
    const checks = await runner.test('linux/arm64', manifestDigest, smoke({ 'test-run': '/app/server --fail', 'test-healthcheck': 'true', 'test-timeout': '30' }));
    await runner.cleanup();
    expect(checks.map((c) => [c.kind, c.passed, c.exitCode, c.detail])).toEqual([
      ['run', false, 3, 'exit code 3'],
      ['healthcheck', true, 0, 'the image HEALTHCHECK passed after 3 attempt(s)']
    ]);
    expect(checks[0].output).toBe('failing on purpose');
    const calls = readFileSync(log, 'utf8').trim().split('\n').map((l) => l.replace(/aim-smoke-linux-arm64-[0-9a-f]{8}/g, 'NAME').replace(/\S+\/p-[0-9a-f]{8}\.tar/, 'ARCHIVE'));
    expect(calls).toEqual([
      'load --input ARCHIVE',
      'run --rm --name NAME-run --platform linux/arm64 --pull never --entrypoint /bin/sh sha256:fakeimage -c /app/server --fail',
      'run --detach --name NAME --platform linux/arm64 --pull never sha256:fakeimage',
      'inspect --format {{.State.Running}} {{.State.ExitCode}} NAME',
      'exec NAME /app/check',
      'inspect --format {{.State.Running}} {{.State.ExitCode}} NAME',
      'exec NAME /app/check',
      'inspect --format {{.State.Running}} {{.State.ExitCode}} NAME',
      'exec NAME /app/check',
      'rm --force --volumes NAME',
      'image rm --force sha256:fakeimage'
    ]);
    const blobs = readFileSync(join(dir, 'archive.txt'), 'utf8').trim().split('\n');
    expect(blobs).toEqual([...ours.map((d) => `blobs/sha256/${d.slice(7)}`), 'index.json', 'oci-layout'].sort()); // only this platform's blobs
    const listing = (await run('ls', [dir])).stdout;
    expect(listing).not.toMatch(/aim-smoke-/); // the archive directory is gone
  });
});
