/**
 * The pipeline's push (src/adapters/registry/push.ts) from a local OCI layout to a REAL registry
 * (docker-registry on 127.0.0.1) through the fault-injecting proxy: the layer streams from disk in
 * resumable chunks, a chunk cut mid-body resumes, the index is pushed by digest, then tagged.
 * The > 2 GiB version of this (peak RSS, skopeo side by side) is scripts/bench-transfer.mjs (npm run bench).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RegistryClient } from '../../src/adapters/registry/client.js';
import { readLayout } from '../../src/adapters/registry/oci-layout.js';
import { pushAll } from '../../src/adapters/registry/push.js';
import { planPush } from '../../src/core/build/push-plan.js';
import { blobPath } from '../../src/core/oci.js';
import { AMD64, LayoutWriter } from '../helpers/oci-layout.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { requireReal, toolRequirement } from '../helpers/tools.js';

const REAL = requireReal('push-stream', [toolRequirement('/usr/bin/docker-registry')]);
const real = REAL ? describe : describe.skip;
const sha = (b: Buffer | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

real('push from an OCI layout streams and resumes (real registry, flaky proxy)', () => {
  let reg: TestRegistry;
  let dir: string;
  beforeAll(async () => {
    reg = await startRegistry({ failures: [] });
    dir = mkdtempSync(path.join(os.tmpdir(), 'aim-push-stream-'));
  });
  afterAll(async () => {
    await reg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function layout(name: string, layerBytes: number): Promise<{ dir: string; layer: { digest: string; size: number } }> {
    const d = path.join(dir, name);
    const w = new LayoutWriter(d);
    const layer = w.blob(randomBytes(layerBytes));
    const cfg = w.blob(JSON.stringify({ ...AMD64, rootfs: { type: 'layers', diff_ids: [layer.digest] } }));
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...cfg },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...layer }]
    });
    w.index([{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...w.blob(manifest), platform: AMD64 }]);
    return { dir: d, layer };
  }

  it('a 12 MiB layer in 4 MiB chunks, the second chunk cut mid-body: resumed, pushed by digest, tagged, read back', async () => {
    const { dir: d, layer } = await layout('ok', 12 * 1024 * 1024 + 5);
    const logs: string[] = [];
    const client = new RegistryClient({ registry: reg.host, insecureHttp: true, chunkBytes: 4 * 1024 * 1024, backoffMs: 1, onSecret: () => undefined, log: (m) => logs.push(m) });
    reg.proxy!.setRules([{ method: 'PATCH', path: '/blobs/uploads/', skip: 1, times: 1, action: { kind: 'cut-request', afterBytes: 1024 * 1024 } }]);
    const image = await readLayout(d);
    const pushes = planPush(image, [{ image: `${reg.host}/aim/stream`, registry: reg.host, repository: 'aim/stream', kind: 'generic', references: [{ tag: 'v1', ref: `${reg.host}/aim/stream:v1`, rule: 'test' }] }]);
    const [result] = await pushAll(d, image, pushes, { clientFor: () => client, log: () => undefined });
    expect(reg.proxy!.applied(0)).toBe(1);
    // distribution keeps the chunks it completed and sometimes the part of the cut one it wrote
    const resumed = logs.map((l) => /resumes at byte (\d+) of 12582917/.exec(l)).find(Boolean);
    expect(resumed).toBeTruthy();
    expect(Number(resumed![1])).toBeGreaterThanOrEqual(4 * 1024 * 1024);
    expect(Number(resumed![1])).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(result.digest).toBe(image.root.descriptor.digest);
    expect(result.references).toEqual([`${reg.host}/aim/stream:v1`]);
    await expect(client.headManifest('aim/stream', 'v1')).resolves.toMatchObject({ digest: result.digest });
    const back = path.join(dir, 'back');
    await client.downloadBlob('aim/stream', layer.digest, back);
    expect(sha(readFileSync(back))).toBe(layer.digest);
  });

  it('two targets in the same registry: the second mounts the blobs from the first (no second upload)', async () => {
    const { dir: d } = await layout('two', 300_000);
    const client = new RegistryClient({ registry: reg.host, insecureHttp: true, backoffMs: 1, onSecret: () => undefined });
    reg.proxy!.setRules([]);
    const before = reg.proxy!.requests.length;
    const image = await readLayout(d);
    const target = (repo: string) => ({ image: `${reg.host}/${repo}`, registry: reg.host, repository: repo, kind: 'generic' as const, references: [{ tag: 'v1', ref: `${reg.host}/${repo}:v1`, rule: 'test' }] });
    const [one, two] = await pushAll(d, image, planPush(image, [target('aim/one'), target('aim/two')]), { clientFor: () => client, log: () => undefined });
    expect(one.uploaded).toBe(2);
    expect(two.uploaded).toBe(0);
    expect(two.digest).toBe(one.digest);
    const sent = reg.proxy!.requests.slice(before).filter((r) => r.path.startsWith('/v2/aim/two/'));
    expect(sent.filter((r) => r.method === 'POST' && /mount=.*&from=aim%2Fone/.test(r.path) && r.status === 201)).toHaveLength(2);
    expect(sent.some((r) => r.method === 'PUT' && r.path.includes('/blobs/uploads/'))).toBe(false);
    await expect(client.headManifest('aim/two', 'v1')).resolves.toMatchObject({ digest: one.digest });
  });

  it('a layout whose blob is shorter than its descriptor fails before any upload, naming the blob; no tag is written', async () => {
    const { dir: d, layer } = await layout('short', 100_000);
    truncateSync(blobPath(d, layer.digest), 10);
    const client = new RegistryClient({ registry: reg.host, insecureHttp: true, backoffMs: 1, onSecret: () => undefined });
    const image = await readLayout(d);
    const pushes = planPush(image, [{ image: `${reg.host}/aim/short`, registry: reg.host, repository: 'aim/short', kind: 'generic', references: [{ tag: 'v1', ref: `${reg.host}/aim/short:v1`, rule: 'test' }] }]);
    await expect(pushAll(d, image, pushes, { clientFor: () => client, log: () => undefined })).rejects.toThrow(new RegExp(`blob ${layer.digest} in the image layout .* has 10 bytes, the manifest says 100000`));
    await expect(client.headManifest('aim/short', 'v1')).resolves.toBeUndefined();
  });
});
