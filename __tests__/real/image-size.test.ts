/**
 * REAL: image size and how it changed (issue 11 §4), against a real distribution registry on
 * 127.0.0.1. A fixture image of known layer sizes (an OCI layout written by the test) sits under
 * `latest`; the comparison read goes through manifests only and its numbers are the manifests'.
 *  - the adapter and the rule: a second fixture of known sizes against it, exact bytes and deltas;
 *    a missing tag is "new"; an unreadable registry throws (the step turns that into a warning);
 *  - through the committed `dist/main` (buildah, FROM scratch, linux/amd64): the summary and the
 *    `metadata` output carry the new image's size as its pushed manifest says, and the change against
 *    the fixture that `latest` names;
 *  - through `dist/main` with a registry that refuses to show `latest`: a warning, a passing push,
 *    and no sizes in the summary or the metadata.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryClient } from '../../src/adapters/registry/client.js';
import { platformsOf, readLayout } from '../../src/adapters/registry/oci-layout.js';
import { readBaselineSizes } from '../../src/adapters/registry/image-size.js';
import { compareSizes, sizeMarkdown } from '../../src/core/build/image-size.js';
import { buildahEnv, buildahRequirements } from '../helpers/buildah.js';
import { examplePayload } from '../helpers/events.js';
import { AMD64, ARM64, LayoutWriter } from '../helpers/oci-layout.js';
import { pushLayout } from '../helpers/oci-push.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { runActionAsync } from '../helpers/run-bundle.js';
import { requireReal, toolRequirement } from '../helpers/tools.js';

const REAL = requireReal('image-size', [...buildahRequirements(), toolRequirement('/usr/bin/docker-registry')]);
const real = REAL ? describe : describe.skip;

const clientOf = (reg: TestRegistry): RegistryClient => new RegistryClient({ registry: reg.host, insecureHttp: true, backoffMs: 5 });

interface Manifest {
  config: { size: number };
  layers: Array<{ size: number }>;
}
const sum = (m: Manifest): number => m.config.size + m.layers.reduce((n, l) => n + l.size, 0);

/** A layout per platform whose layers hold that many random (incompressible) bytes each; returns the dir. */
async function fixture(platforms: Array<[typeof AMD64, number[]]>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'aim-size-layout-'));
  const w = new LayoutWriter(dir);
  const images = [];
  for (const [platform, layers] of platforms) {
    images.push(await w.image(layers.map((n, i) => [{ name: `app/${platform.architecture}-${i}.bin`, content: randomBytes(n) }]), platform));
  }
  w.index(images);
  return dir;
}

real('image size against latest (real registry)', () => {
  let reg: TestRegistry;
  const dirs: string[] = [];

  beforeAll(async () => {
    reg = await startRegistry();
  }, 60_000);

  afterAll(async () => {
    await reg?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }, 60_000);

  it('reads the sizes latest names through manifests and compares a new image of known sizes exactly', async () => {
    const old = await fixture([[AMD64, [20_000, 3_000]], [ARM64, [9_000]]]);
    const now = await fixture([[AMD64, [25_000, 3_000, 1_000]]]);
    dirs.push(old, now);
    const client = clientOf(reg);
    const oldDigest = await pushLayout(client, 'size/app', old, ['latest']);

    // the expected numbers, from the fixture's own manifests as the registry serves them
    const oldIndex = JSON.parse((await client.getManifest('size/app', 'latest')).body) as { manifests: Array<{ digest: string; platform: { architecture: string } }> };
    const oldSizes: Record<string, number> = {};
    for (const d of oldIndex.manifests) oldSizes[d.platform.architecture] = sum(JSON.parse((await client.getManifest('size/app', d.digest)).body) as Manifest);
    expect(oldSizes.amd64).toBeGreaterThan(23_000);

    const read = await readBaselineSizes(client, 'size/app', 'latest');
    expect(read).toEqual({ digest: oldDigest, sizes: { 'linux/amd64': oldSizes.amd64, 'linux/arm64/v8': oldSizes.arm64 } });

    const current = await platformsOf(now, await readLayout(now));
    const rows = compareSizes(current, read!.sizes);
    expect(rows).toEqual([{ platform: 'linux/amd64', size: current[0].imageSize, before: oldSizes.amd64, delta: current[0].imageSize - oldSizes.amd64 }]);
    expect(rows[0].delta).toBeGreaterThan(0);
    const md = sizeMarkdown({ baseline: { image: `${reg.host}/size/app`, tag: 'latest', why: 'the latest tag' }, found: true, baselineDigest: read!.digest, platforms: rows });
    expect(md).toContain(`(${current[0].imageSize} B) |`);
    expect(md).toContain(`(${oldSizes.amd64} B) |`);
    expect(md).toContain(`(+${rows[0].delta} B) |`);

    // a tag that does not exist: new, not an error
    expect(await readBaselineSizes(client, 'size/app', 'main')).toBeUndefined();
    expect(await readBaselineSizes(client, 'size/none', 'latest')).toBeUndefined();
  }, 60_000);

  it('an unreachable registry throws (the build step warns and goes on)', async () => {
    const gone = new RegistryClient({ registry: '127.0.0.1:1', insecureHttp: true, backoffMs: 1, retries: 0 });
    await expect(readBaselineSizes(gone, 'size/app', 'latest')).rejects.toThrow();
  }, 60_000);

  it('dist/main: the summary and metadata show the pushed manifest size and its change against the fixture under latest', async () => {
    const old = await fixture([[AMD64, [40_000]]]);
    dirs.push(old);
    const client = clientOf(reg);
    const oldDigest = await pushLayout(client, 'size/built', old, ['latest']);
    const oldManifest = JSON.parse((await client.getManifest('size/built', 'latest')).body) as { manifests?: Array<{ digest: string }> } & Manifest;
    const oldSize = sum(JSON.parse((await client.getManifest('size/built', oldManifest.manifests![0].digest)).body) as Manifest);

    const ctx = mkdtempSync(join(tmpdir(), 'aim-size-ctx-'));
    dirs.push(ctx);
    writeFileSync(join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY app.txt /app/app.txt\n');
    writeFileSync(join(ctx, 'app.txt'), `size ${Math.random()}\n`);
    const r = await runActionAsync(
      'main',
      { images: `${reg.host}/size/built`, platforms: 'linux/amd64', builder: 'buildah', context: ctx, scan: 'none', 'github-token': '' },
      { name: 'push', ref: 'refs/tags/v1.0.0', payload: examplePayload('push', (e) => e.head_commit != null) },
      { baseEnv: { ...buildahEnv(), BUILDAH_ISOLATION: '' }, timeoutMs: 240_000 }
    );
    expect(r.stdout).not.toMatch(/::error::/);
    expect(r.status).toBe(0);

    // latest stays on the fixture (a tag push does not move it); the new image as pushed, by digest
    expect((await client.headManifest('size/built', 'latest'))!.digest).toBe(oldDigest);
    const top = await client.getManifest('size/built', r.outputs.digest);
    const body = JSON.parse(top.body) as { manifests?: Array<{ digest: string; platform?: { os: string } }> } & Manifest;
    const manifestBody = body.manifests ? (await client.getManifest('size/built', body.manifests.find((m) => m.platform?.os === 'linux')!.digest)).body : top.body;
    const newSize = sum(JSON.parse(manifestBody) as Manifest);
    const delta = newSize - oldSize;
    expect(delta).toBeLessThan(0);

    const meta = JSON.parse(r.outputs.metadata) as { imageSizes: unknown };
    expect(meta.imageSizes).toEqual({
      comparedWith: `${reg.host}/size/built:latest`,
      found: true,
      comparedDigest: oldDigest,
      platforms: { 'linux/amd64': { size: newSize, before: oldSize, delta } }
    });
    expect(r.summary).toContain('#### Image size');
    expect(r.summary).toContain(`| \`linux/amd64\` | `);
    expect(r.summary).toContain(`(${newSize} B) | `);
    expect(r.summary).toContain(`(${oldSize} B) | `);
    expect(r.summary).toContain(`(${delta} B) |`);
  }, 300_000);

  it('dist/main: a comparison tag that cannot be read is a warning; the push and the step still succeed', async () => {
    // the registry itself works; only reading latest fails (403 on its HEAD, through a proxy)
    const guarded = await startRegistry({ failures: [{ method: 'HEAD', path: /\/manifests\/latest$/, times: Infinity, action: { kind: 'status', status: 403 } }] });
    try {
      const ctx = mkdtempSync(join(tmpdir(), 'aim-size-ctx-'));
      dirs.push(ctx);
      writeFileSync(join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY app.txt /app/app.txt\n');
      writeFileSync(join(ctx, 'app.txt'), 'unread\n');
      const r = await runActionAsync(
        'main',
        { images: `${guarded.host}/size/app`, platforms: 'linux/amd64', builder: 'buildah', context: ctx, scan: 'none', 'github-token': '' },
        { name: 'push', ref: 'refs/tags/v1.0.0', payload: examplePayload('push', (e) => e.head_commit != null) },
        { baseEnv: { ...buildahEnv(), BUILDAH_ISOLATION: '' }, timeoutMs: 240_000 }
      );
      expect(r.stdout).not.toMatch(/::error::/);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`::warning::image size: could not read ${guarded.host}/size/app:latest to compare with`);
      expect(r.summary).not.toContain('#### Image size');
      expect(JSON.parse(r.outputs.metadata)).not.toHaveProperty('imageSizes');
      expect((await clientOf(guarded).headManifest('size/app', 'v1.0.0'))!.digest).toBe(r.outputs.digest);
    } finally {
      await guarded.stop();
    }
  }, 300_000);
});
