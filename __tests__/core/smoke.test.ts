/** core/smoke.ts: input validation, runtime choice, HEALTHCHECK reading, verdict/summary, and the exact argv (docker argv: no daemon here). */
import { describe, expect, it } from '@jest/globals';
import {
  buildahFromArgs,
  buildahRunArgs,
  chooseRuntime,
  commandArgv,
  dockerExecArgs,
  dockerLoadArgs,
  dockerPortArgs,
  dockerRmArgs,
  dockerRunArgs,
  dockerStartArgs,
  emulationNote,
  healthcheckOf,
  mainProcess,
  parseSmokeInputs,
  platformsToTest,
  publishedPort,
  readyCheck,
  smokeMarkdown,
  smokeVerdict,
  SMOKE_INPUT_NAMES
} from '../../src/core/smoke.js';

const inputs = (o: Record<string, string>) => parseSmokeInputs((n) => o[n] ?? '');

describe('parseSmokeInputs', () => {
  it('reads exactly SMOKE_INPUT_NAMES', () => {
    const asked = new Set<string>();
    parseSmokeInputs((n) => (asked.add(n), ''));
    expect([...asked].sort()).toEqual([...SMOKE_INPUT_NAMES].sort());
  });
  it('is off without test-run or test-healthcheck', () => {
    expect(inputs({})).toBeUndefined();
    expect(inputs({ 'test-timeout': '120', 'test-platforms': 'all', 'test-healthcheck': 'false', 'test-runtime': 'auto' })).toBeUndefined(); // action.yml defaults
  });
  it('reads the shell form, the exec form, timeout and platforms', () => {
    expect(inputs({ 'test-run': '/app/server --version', 'test-timeout': '2m', 'test-platforms': 'linux/arm64' })).toEqual({
      run: { form: 'shell', text: '/app/server --version' },
      healthcheck: false,
      healthcheckCmd: undefined,
      port: undefined,
      timeoutSeconds: 120,
      platforms: ['linux/arm64'],
      runtime: 'auto'
    });
    expect(inputs({ 'test-run': '["/app/server","--version"]' })?.run).toEqual({ form: 'exec', argv: ['/app/server', '--version'] });
    expect(inputs({ 'test-healthcheck': 'true', 'test-platforms': 'all' })?.platforms).toBeUndefined();
  });
  it.each([
    [{ 'test-run': '["a",1]' }, /test-run: the exec form must be a non-empty JSON array of strings/],
    [{ 'test-run': '[oops' }, /test-run: .* is not a JSON array/],
    [{ 'test-run': 'x', 'test-timeout': '0' }, /test-timeout: "0" is not a duration/],
    [{ 'test-run': 'x', 'test-timeout': '10h' }, /test-timeout: "10h"/],
    [{ 'test-healthcheck': 'yes' }, /test-healthcheck: "yes" is not true or false/],
    [{ 'test-port': '8080' }, /test-port is set but test-healthcheck is not true/],
    [{ 'test-healthcheck': 'true', 'test-port': '70000' }, /test-port: "70000" is not a TCP port/],
    [{ 'test-run': 'x', 'test-runtime': 'lxc' }, /test-runtime: "lxc" is not one of auto, docker, buildah/],
    [{ 'test-run': 'x', 'test-platforms': 'linux/amd46' }, /linux\/amd64/]
  ])('refuses %j', (raw, message) => {
    expect(() => inputs(raw)).toThrow(message);
  });
});

describe('platformsToTest', () => {
  const built = ['linux/amd64', 'linux/arm64'];
  it('defaults to every built platform, keeps build order', () => {
    expect(platformsToTest(built, undefined)).toEqual(built);
    expect(platformsToTest(built, ['linux/arm64', 'linux/amd64'])).toEqual(built);
  });
  it('refuses a platform that was not built, naming both lists', () => {
    expect(() => platformsToTest(built, ['linux/riscv64'])).toThrow('test-platforms: linux/riscv64 was not built (built: linux/amd64, linux/arm64)');
  });
  it('in one push-by-digest job of several, tests only its own platform (possibly none)', () => {
    expect(platformsToTest(['linux/arm64'], ['linux/amd64', 'linux/arm64'], true)).toEqual(['linux/arm64']);
    expect(platformsToTest(['linux/arm64'], ['linux/amd64'], true)).toEqual([]);
  });
});

describe('chooseRuntime', () => {
  it('follows the builder auto picked, and says why', () => {
    expect(chooseRuntime('auto', 'buildah')).toEqual({ runtime: 'buildah', reason: expect.stringContaining('built by buildah') });
    expect(chooseRuntime('auto', 'buildx').runtime).toBe('docker');
    expect(chooseRuntime('auto', 'docker').runtime).toBe('docker');
    expect(chooseRuntime('buildah', 'buildx')).toEqual({ runtime: 'buildah', reason: 'smoke test runtime: buildah (test-runtime: buildah)' });
  });
});

describe('emulation note', () => {
  it('is given for foreign platforms only', () => {
    expect(emulationNote('linux/amd64', 'linux/amd64')).toBeUndefined();
    expect(emulationNote('linux/arm64', 'linux/amd64')).toMatch(/QEMU .*slower/);
  });
});

describe('HEALTHCHECK from the image config', () => {
  it('reads CMD-SHELL and CMD with nanosecond durations', () => {
    const config = { config: { Healthcheck: { Test: ['CMD-SHELL', 'wget -q -O- localhost:8080/health'], Interval: 2e9, Timeout: 1e9, Retries: 5 } } };
    expect(healthcheckOf(config)).toEqual({ command: { form: 'shell', text: 'wget -q -O- localhost:8080/health' }, intervalMs: 2000, timeoutMs: 1000, startPeriodMs: 0, retries: 5 });
    expect(healthcheckOf({ config: { Healthcheck: { Test: ['CMD', '/bin/check', '-v'] } } })).toEqual({
      command: { form: 'exec', argv: ['/bin/check', '-v'] },
      intervalMs: 30_000,
      timeoutMs: 30_000,
      startPeriodMs: 0,
      retries: 3
    });
  });
  it('treats NONE, missing and malformed as no healthcheck', () => {
    expect(healthcheckOf({ config: { Healthcheck: { Test: ['NONE'] } } })).toBeUndefined();
    expect(healthcheckOf({ config: {} })).toBeUndefined();
    expect(healthcheckOf({ config: { Healthcheck: { Test: 'CMD true' } } })).toBeUndefined();
  });
  it('picks test-port, then test-healthcheck-cmd, then the image HEALTHCHECK; explains the buildah OCI limit', () => {
    const base = inputs({ 'test-healthcheck': 'true' })!;
    expect(readyCheck({ ...base, port: 80 }, {}, 'buildah')).toEqual({ kind: 'port', port: 80, intervalMs: 500 });
    expect(readyCheck({ ...base, healthcheckCmd: { form: 'shell', text: 'true' } }, {}, 'buildah')).toMatchObject({ kind: 'command', source: 'test-healthcheck-cmd' });
    expect(readyCheck(base, { config: { Healthcheck: { Test: ['CMD', 'true'] } } }, 'buildx')).toMatchObject({ kind: 'command', source: 'the image HEALTHCHECK' });
    expect(() => readyCheck(base, { config: {} }, 'buildah')).toThrow(/no HEALTHCHECK\. buildah writes OCI images.*Set test-healthcheck-cmd/);
  });
  it('starts Entrypoint + Cmd', () => {
    expect(mainProcess({ config: { Entrypoint: ['/app/server'], Cmd: ['--port', '80'] } })).toEqual(['/app/server', '--port', '80']);
    expect(() => mainProcess({ config: {} })).toThrow(/neither ENTRYPOINT nor CMD/);
  });
});

describe('argv (buildah; docker argv only: no Docker daemon here)', () => {
  const store = { root: '/t/storage', runroot: '/t/run', driver: 'overlay' };
  it('buildah from / run', () => {
    expect(buildahFromArgs(store, '/t/p:smoke', 'linux/arm64/v8', 'c1')).toEqual([
      '--root', '/t/storage', '--runroot', '/t/run', '--storage-driver', 'overlay',
      'from', '--name', 'c1', '--os', 'linux', '--arch', 'arm64', '--variant', 'v8', 'oci:/t/p:smoke'
    ]);
    expect(buildahRunArgs(store, 'c1', commandArgv({ form: 'shell', text: 'echo hi | wc' }), { isolation: 'chroot', hostNetwork: true })).toEqual([
      '--root', '/t/storage', '--runroot', '/t/run', '--storage-driver', 'overlay',
      'run', '--isolation', 'chroot', '--network', 'host', 'c1', '--', '/bin/sh', '-c', 'echo hi | wc'
    ]);
  });
  it('docker load / run / start / exec / port / rm (argv table)', () => {
    expect(dockerLoadArgs('/t/a.tar')).toEqual(['load', '--input', '/t/a.tar']);
    expect(dockerRunArgs('sha256:abc', 'linux/arm64', ['/app/server', '--version'], 'n')).toEqual([
      'run', '--rm', '--name', 'n', '--platform', 'linux/arm64', '--pull', 'never', '--entrypoint', '/app/server', 'sha256:abc', '--version'
    ]);
    expect(dockerStartArgs('sha256:abc', 'linux/amd64', 'n', 8080)).toEqual(['run', '--detach', '--name', 'n', '--platform', 'linux/amd64', '--pull', 'never', '--publish', '127.0.0.1::8080/tcp', 'sha256:abc']);
    expect(dockerExecArgs('n', ['/bin/sh', '-c', 'true'])).toEqual(['exec', 'n', '/bin/sh', '-c', 'true']);
    expect(dockerPortArgs('n', 8080)).toEqual(['port', 'n', '8080/tcp']);
    expect(dockerRmArgs('n')).toEqual(['rm', '--force', '--volumes', 'n']);
    expect(publishedPort('0.0.0.0:1\n127.0.0.1:49153\n')).toBe(49153);
    expect(publishedPort('[::]:49153')).toBeUndefined();
  });
});

describe('verdict and summary', () => {
  const ok = { kind: 'run' as const, passed: true, exitCode: 0, timedOut: false, detail: 'exit code 0', output: 'v1.2.3', ms: 1200 };
  const bad = { kind: 'run' as const, passed: false, exitCode: 3, timedOut: false, detail: 'exit code 3', output: '<img src=x> `| boom', ms: 800 };
  it('fails when any check fails, naming platform and check', () => {
    expect(smokeVerdict([{ platform: 'linux/amd64', emulated: false, checks: [ok] }]).pass).toBe(true);
    expect(smokeVerdict([{ platform: 'linux/amd64', emulated: false, checks: [ok] }, { platform: 'linux/arm64', emulated: true, checks: [bad] }])).toEqual({
      pass: false,
      reason: 'smoke test failed, nothing was pushed: linux/arm64 run: exit code 3'
    });
  });
  it('shows per platform result, exit code, time and the escaped last lines', () => {
    const md = smokeMarkdown([{ platform: 'linux/amd64', emulated: false, checks: [ok] }, { platform: 'linux/arm64', emulated: true, checks: [bad] }], chooseRuntime('auto', 'buildah'));
    expect(md).toContain('| `linux/amd64` | run | ✅ passed | 0 | 1.2 s | exit code 0 |');
    expect(md).toContain('| `linux/arm64` (QEMU) | run | ❌ failed | 3 | 0.8 s | exit code 3 |');
    expect(md).toContain('\n``<img src=x> `| boom``\n'); // a code span (core/markdown.ts#code): shown literally, not rendered
    expect(md).not.toMatch(/^<img/m);
  });
});
