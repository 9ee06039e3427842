/**
 * REAL smoke test gate through the committed main bundle (`node dist/main/index.js`, as the runner
 * runs it): buildah builds the smoke fixture (busybox base, RUN per platform, a process that
 * serves) for linux/amd64 + linux/arm64 (arm64 under QEMU), the gate runs it with buildah before
 * any push, and a real registry on 127.0.0.1 is checked through its HTTP API: a failed smoke test
 * leaves no manifest and no tag; a passing one pushes every tag.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { buildahEnv, buildahRequirements, ensureBusyboxBase } from '../helpers/buildah.js';
import { examplePayload } from '../helpers/events.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { runActionAsync, type BundleRun, errorLine } from '../helpers/run-bundle.js';
import { requireReal, toolRequirement } from '../helpers/tools.js';
import { SMOKE_CONTEXT } from '../helpers/smoke.js';

const REAL = requireReal('smoke-gate', [...buildahRequirements(), toolRequirement('/usr/bin/docker-registry')]);
const real = REAL ? describe : describe.skip;
const REPO = 'aim/smoke';
const INDEX = 'application/vnd.oci.image.index.v1+json';

const tagEvent = () => ({ name: 'push', ref: 'refs/tags/v1.2.3', payload: examplePayload('push', (e) => e.head_commit != null) });

async function runMain(reg: TestRegistry, inputs: Record<string, string>): Promise<BundleRun & { code: number }> {
  const r = await runActionAsync(
    'main',
    { 'github-token': '', scan: 'none', images: `${reg.host}/${REPO}`, context: SMOKE_CONTEXT, file: join(SMOKE_CONTEXT, 'Containerfile'), ...inputs },
    tagEvent(),
    { baseEnv: { ...buildahEnv(), BUILDAH_ISOLATION: '' }, timeoutMs: 300_000 }
  );
  return { ...r, code: r.status ?? -1 };
}

/** The root digest the build logged ("built sha256:… (linux/amd64, linux/arm64)"). */
function builtDigest(r: BundleRun): string {
  const m = /^built (sha256:[a-f0-9]{64}) \(/m.exec(r.stdout);
  if (!m) throw new Error(`no "built sha256:…" line in:\n${r.stdout.slice(-3000)}`);
  return m[1];
}

/** What the registry holds for the repository, through its HTTP API: the tag list and whether the built index exists. */
async function registryState(reg: TestRegistry, digest: string): Promise<{ tagsStatus: number; tags: string[]; indexStatus: number }> {
  const tags = await fetch(`${reg.url}/v2/${REPO}/tags/list`);
  const body = tags.ok ? ((await tags.json()) as { tags?: string[] | null }) : { tags: [] };
  const index = await fetch(`${reg.url}/v2/${REPO}/manifests/${digest}`, { method: 'HEAD', headers: { Accept: INDEX } });
  return { tagsStatus: tags.status, tags: (body.tags ?? []).sort(), indexStatus: index.status };
}

real('smoke test gate through dist/main (buildah, real registry)', () => {
  let reg: TestRegistry;

  beforeAll(async () => {
    await ensureBusyboxBase();
    reg = await startRegistry();
  }, 300_000);

  afterAll(async () => {
    await reg?.stop();
  }, 60_000);

  it.each([
    [{ 'test-run': 'true', 'test-timeout': '10h' }, 'test-timeout: "10h" is not a duration between 1 s and 6 h'],
    [{ 'test-run': 'true', 'test-platforms': 'linux/riscv64' }, 'test-platforms: linux/riscv64 was not built (built: linux/amd64, linux/arm64)'],
    [{ 'test-port': '8080' }, 'test-port is set but test-healthcheck is not true']
  ])('a bad smoke input %j fails before anything is built, naming the input', async (inputs, message) => {
    const r = await runMain(reg, inputs);
    expect(r.code).not.toBe(0);
    expect(errorLine(r)).toContain(message);
    expect(r.stdout).not.toMatch(/^built sha256:/m);
    expect(r.stdout).not.toContain('buildah build');
  }, 120_000);

  it('a failing command blocks the push: no manifest and no tag in the registry; the summary shows the platform, exit code and output', async () => {
    const r = await runMain(reg, { 'test-run': '/app/server --fail', 'test-platforms': 'linux/amd64' });
    expect(r.code).not.toBe(0);
    expect(errorLine(r)).toContain('the image was not pushed: smoke test failed, nothing was pushed: linux/amd64 run: exit code 3');
    expect(r.stdout).toContain('smoke test runtime: buildah (test-runtime: auto, the image was built by buildah');
    expect(r.outputs['test-result']).toBe('failed');
    expect(r.summary).toContain('### Smoke test: failed, nothing was pushed');
    expect(r.summary).toContain('| `linux/amd64` | run | ❌ failed | 3 |');
    expect(r.summary).toContain('`smoke-server: failing on purpose`');
    expect(r.summary).not.toContain('linux/arm64'); // test-platforms
    expect(await registryState(reg, builtDigest(r))).toEqual({ tagsStatus: 404, tags: [], indexStatus: 404 });
  }, 300_000);

  it('a healthcheck that never passes (arm64 under QEMU) blocks the push within test-timeout', async () => {
    const r = await runMain(reg, { 'test-healthcheck': 'true', 'test-healthcheck-cmd': 'test -f /tmp/never', 'test-timeout': '5', 'test-platforms': 'linux/arm64' });
    expect(r.code).not.toBe(0);
    expect(errorLine(r)).toContain('linux/arm64 healthcheck: test-healthcheck-cmd did not pass within test-timeout (5 s)');
    expect(r.stdout).toMatch(/linux\/arm64 is not the host's platform \(linux\/amd64\): it runs under QEMU/);
    expect(r.summary).toContain('| `linux/arm64` (QEMU) | healthcheck | ❌ failed | timed out |');
    expect(await registryState(reg, builtDigest(r))).toEqual({ tagsStatus: 404, tags: [], indexStatus: 404 });
  }, 300_000);

  it('passing command and healthcheck on amd64 and arm64: pushed, every tag on the built index', async () => {
    const r = await runMain(reg, { 'test-run': '["/app/server","--version"]', 'test-healthcheck': 'true', 'test-healthcheck-cmd': 'test -f /tmp/ready', 'test-timeout': '90' });
    expect(errorLine(r)).toBe('');
    expect(r.code).toBe(0);
    expect(r.outputs['test-result']).toBe('passed');
    expect(r.stdout).toContain('smoke test passed: 4 check(s) on linux/amd64, linux/arm64');
    for (const row of ['| `linux/amd64` | run | ✅ passed | 0 |', '| `linux/amd64` | healthcheck | ✅ passed | 0 |', '| `linux/arm64` (QEMU) | run | ✅ passed | 0 |', '| `linux/arm64` (QEMU) | healthcheck | ✅ passed | 0 |']) {
      expect(r.summary).toContain(row);
    }
    expect(r.summary).toContain('`smoke-server 1.0 on aarch64 (built on aarch64)`');
    const digest = r.outputs.digest;
    expect(digest).toBe(builtDigest(r));
    expect(await registryState(reg, digest)).toEqual({ tagsStatus: 200, tags: ['1', '1.2', '1.2.3', 'v1.2.3'], indexStatus: 200 });
  }, 300_000);
});
