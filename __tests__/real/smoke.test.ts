/**
 * REAL smoke test runner (buildah, no daemon): images built here with buildah from the busybox
 * base (RUN, a process that serves), for linux/amd64 and linux/arm64 (arm64 under QEMU binfmt),
 * exported to a local OCI layout exactly as the build step does, then run by BuildahSmokeRunner:
 * a passing and a failing command, a healthcheck that passes and one that never does (bounded by
 * test-timeout), the image's own HEALTHCHECK (config as buildx writes it), and a port that answers.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildah, buildahEnv, buildahRequirements, ensureBusyboxBase } from '../helpers/buildah.js';
import { requireReal, run } from '../helpers/tools.js';
import { SMOKE_CONTEXT } from '../helpers/smoke.js';
import { platformsOf, readLayout, writePlatformIndex } from '../../src/adapters/registry/oci-layout.js';
import { BuildahSmokeRunner } from '../../src/adapters/smoke/runtime.js';
import { parseSmokeInputs, type SmokeInputs } from '../../src/core/smoke.js';

const REAL = requireReal('smoke', buildahRequirements());
const real = REAL ? describe : describe.skip;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Builds the fixture for each platform into one OCI layout (a store per platform, like the build step). */
async function buildLayout(dir: string, platforms: string[], port: number): Promise<{ layout: string; digests: Record<string, string> }> {
  const layout = join(dir, 'layout');
  const refs: Array<[string, string]> = [];
  for (const platform of platforms) {
    const slug = platform.replace(/\//g, '-');
    const iid = join(dir, `${slug}.iid`);
    await buildah(['build', '--isolation', 'chroot', '--platform', platform, '--build-arg', `PORT=${port}`, '--iidfile', iid, '-f', join(SMOKE_CONTEXT, 'Containerfile'), SMOKE_CONTEXT]);
    await buildah(['push', '--format', 'oci', readFileSync(iid, 'utf8').trim(), `oci:${layout}:${slug}`]);
    refs.push([platform, slug]);
  }
  await writePlatformIndex(layout, refs);
  const ps = await platformsOf(layout, await readLayout(layout));
  return { layout, digests: Object.fromEntries(ps.map((p) => [p.platform, p.digest])) };
}

/** A copy of one platform manifest whose config has a HEALTHCHECK, as buildx writes it (buildah's OCI output drops it). */
function withImageHealthcheck(layout: string, manifestDigest: string, test: string[]): string {
  const blob = (d: string): string => join(layout, 'blobs', 'sha256', d.slice(7));
  const put = (text: string): string => {
    const d = `sha256:${createHash('sha256').update(text).digest('hex')}`;
    writeFileSync(blob(d), text);
    return d;
  };
  const manifest = JSON.parse(readFileSync(blob(manifestDigest), 'utf8')) as { config: { digest: string; size: number } };
  const config = JSON.parse(readFileSync(blob(manifest.config.digest), 'utf8')) as { config: Record<string, unknown> };
  config.config.Healthcheck = { Test: test, Interval: 1e9, Timeout: 5e9, Retries: 2 };
  const configText = JSON.stringify(config);
  manifest.config = { ...manifest.config, digest: put(configText), size: Buffer.byteLength(configText) };
  return put(JSON.stringify(manifest));
}

const smoke = (o: Record<string, string>): SmokeInputs => parseSmokeInputs((n) => o[n] ?? '')!;

real('smoke test runner on real images (buildah; arm64 under QEMU)', () => {
  let dir = '';
  let built: { layout: string; digests: Record<string, string> };
  let port = 0;
  const logs: string[] = [];
  let runner: BuildahSmokeRunner;
  const env = (): Record<string, string> => ({ CONTAINERS_STORAGE_CONF: buildahEnv().CONTAINERS_STORAGE_CONF as string });

  beforeAll(async () => {
    await ensureBusyboxBase();
    dir = mkdtempSync(join(tmpdir(), 'aim-smoke-'));
    port = await freePort();
    built = await buildLayout(dir, ['linux/amd64', 'linux/arm64'], port);
    runner = new BuildahSmokeRunner(built.layout, dir, { isolation: 'chroot', builder: 'buildah', env: env(), log: (l) => logs.push(l) });
  }, 600_000);

  afterAll(async () => {
    await runner?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(['linux/amd64', 'linux/arm64'])('%s: a passing command (exit 0, its output kept)', async (platform) => {
    const [check] = await runner.test(platform, built.digests[platform], smoke({ 'test-run': '/app/server --version' }));
    const arch = platform === 'linux/amd64' ? 'x86_64' : 'aarch64';
    expect(check).toMatchObject({ kind: 'run', passed: true, exitCode: 0, timedOut: false });
    expect(check.output).toBe(`smoke-server 1.0 on ${arch} (built on ${arch})`);
  }, 120_000);

  it.each(['linux/amd64', 'linux/arm64'])('%s: a failing command (exit 3, stderr kept), exec form', async (platform) => {
    const [check] = await runner.test(platform, built.digests[platform], smoke({ 'test-run': '["/app/server","--fail"]' }));
    expect(check).toMatchObject({ kind: 'run', passed: false, exitCode: 3, detail: 'exit code 3' });
    expect(check.output).toContain('smoke-server: failing on purpose');
  }, 120_000);

  it('a command that hangs is stopped at test-timeout', async () => {
    const started = Date.now();
    const [check] = await runner.test('linux/amd64', built.digests['linux/amd64'], smoke({ 'test-run': 'sleep 120', 'test-timeout': '3' }));
    expect(check).toMatchObject({ passed: false, timedOut: true, detail: 'did not finish within test-timeout (3 s)' });
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it.each(['linux/amd64', 'linux/arm64'])('%s: a healthcheck that passes (the started process marks itself ready)', async (platform) => {
    const [check] = await runner.test(platform, built.digests[platform], smoke({ 'test-healthcheck': 'true', 'test-healthcheck-cmd': 'test -f /tmp/ready', 'test-timeout': '60' }));
    expect(check).toMatchObject({ kind: 'healthcheck', passed: true, exitCode: 0 });
    expect(check.detail).toMatch(/^test-healthcheck-cmd passed after \d+ attempt/);
  }, 120_000);

  it.each(['linux/amd64', 'linux/arm64'])('%s: a healthcheck that never passes is bounded by test-timeout', async (platform) => {
    const started = Date.now();
    const [check] = await runner.test(platform, built.digests[platform], smoke({ 'test-healthcheck': 'true', 'test-healthcheck-cmd': 'test -f /tmp/never', 'test-timeout': '5' }));
    expect(check).toMatchObject({ kind: 'healthcheck', passed: false, timedOut: true, detail: 'test-healthcheck-cmd did not pass within test-timeout (5 s)' });
    expect(Date.now() - started).toBeLessThan(40_000);
  }, 120_000);

  it("the image's own HEALTHCHECK (config as buildx writes it): healthy, and unhealthy after its retries", async () => {
    const good = withImageHealthcheck(built.layout, built.digests['linux/amd64'], ['CMD-SHELL', 'test -f /tmp/ready']);
    const [ok] = await runner.test('linux/amd64', good, smoke({ 'test-healthcheck': 'true', 'test-timeout': '60' }));
    expect(ok).toMatchObject({ passed: true, detail: expect.stringMatching(/^the image HEALTHCHECK passed/) });
    const bad = withImageHealthcheck(built.layout, built.digests['linux/amd64'], ['CMD', '/bin/false']);
    const [ko] = await runner.test('linux/amd64', bad, smoke({ 'test-healthcheck': 'true', 'test-timeout': '60' }));
    expect(ko).toMatchObject({ passed: false, exitCode: 1, detail: 'unhealthy: the image HEALTHCHECK failed 2 time(s) in a row (retries 2)' });
  }, 120_000);

  it('buildah output has no HEALTHCHECK: test-healthcheck alone fails with the fix', async () => {
    const [check] = await runner.test('linux/amd64', built.digests['linux/amd64'], smoke({ 'test-healthcheck': 'true' }));
    expect(check.passed).toBe(false);
    expect(check.detail).toMatch(/no HEALTHCHECK\. buildah writes OCI images.*Set test-healthcheck-cmd/);
  }, 60_000);

  it('test-port: the started server answers on the runner loopback; the process is gone afterwards', async () => {
    const [check] = await runner.test('linux/amd64', built.digests['linux/amd64'], smoke({ 'test-healthcheck': 'true', 'test-port': String(port), 'test-timeout': '60' }));
    expect(check).toMatchObject({ passed: true, detail: expect.stringMatching(new RegExp(`^port ${port} answered`)) });
    await new Promise((r) => setTimeout(r, 2500));
    const ps = await run('ps', ['-eo', 'args'], { check: false });
    expect(ps.stdout).not.toContain(`httpd -f -p 127.0.0.1:${port}`);
  }, 120_000);
});
