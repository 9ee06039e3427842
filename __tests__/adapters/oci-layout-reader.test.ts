/** Reading local OCI layouts for the push: digests checked, tars extracted safely, platforms and sizes. */
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tar from 'tar-stream';
import { annotateRoot, blobPath, extractTar, orderPlatformIndex, platformsOf, readLayout } from '../../src/adapters/registry/oci-layout.js';
import { AMD64, ARM64, LayoutWriter, twoPlatformLayout } from '../helpers/oci-layout.js';

async function tarFile(entries: Array<{ name: string; content: string }>): Promise<string> {
  const pack = tar.pack();
  for (const e of entries) pack.entry({ name: e.name }, e.content);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(Buffer.from(c as Uint8Array));
  const file = join(mkdtempSync(join(tmpdir(), 'aim-tar-')), 'x.tar');
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}

describe('OCI layout reader', () => {
  it('a two-platform layout: root index, manifests, platforms with config digests and sizes', async () => {
    const dir = await twoPlatformLayout(mkdtempSync(join(tmpdir(), 'aim-layout-')));
    const image = await readLayout(dir);
    expect(image.root.descriptor.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(image.children).toHaveLength(2);
    const platforms = await platformsOf(dir, image);
    expect(platforms.map((p) => p.platform)).toEqual(['linux/amd64', 'linux/arm64/v8']);
    expect(platforms.every((p) => p.imageSize > 0 && p.config.startsWith('sha256:'))).toBe(true);
  });

  it('a single-manifest layout (docker save, single-platform buildx) takes its platform from the config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aim-layout-'));
    const w = new LayoutWriter(dir);
    const m = await w.image([[{ name: 'a.txt', content: 'a' }]], AMD64);
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [m] }));
    const image = await readLayout(dir);
    expect(image.single).toBeDefined();
    expect((await platformsOf(dir, image)).map((p) => [p.platform, p.digest])).toEqual([['linux/amd64', m.digest]]);
  });

  it('a corrupt or missing blob is an error naming it', async () => {
    const dir = await twoPlatformLayout(mkdtempSync(join(tmpdir(), 'aim-layout-')));
    const image = await readLayout(dir);
    const child = image.children[0].descriptor.digest;
    writeFileSync(blobPath(dir, child), '{"tampered":true}');
    await expect(readLayout(dir)).rejects.toThrow(`manifest (linux/amd64) in ${dir} is corrupt: expected ${child}`);
    await expect(readLayout(join(dir, 'nope'))).rejects.toThrow('is not an OCI image layout (no index.json)');
  });

  it('extracts a layout tar, and refuses entries that would land outside the directory', async () => {
    const ok = await tarFile([{ name: 'oci-layout', content: '{}' }, { name: './blobs/sha256/abc', content: 'x' }]);
    const dest = mkdtempSync(join(tmpdir(), 'aim-x-'));
    await extractTar(ok, dest);
    expect(readFileSync(join(dest, 'blobs/sha256/abc'), 'utf8')).toBe('x');
    const evil = await tarFile([{ name: '../evil.txt', content: 'x' }]);
    const dest2 = mkdtempSync(join(tmpdir(), 'aim-x-'));
    await expect(extractTar(evil, join(dest2, 'inner'))).rejects.toThrow("entry '../evil.txt' would be written outside");
    expect(existsSync(join(dest2, 'evil.txt'))).toBe(false);
  });
});

describe('orderPlatformIndex: the index lists the platforms in the order the user gave them (buildx and docker write their own)', () => {
  it('a reversed index is rewritten in the requested order, attestations after the images; the new root digest is the hash of the bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aim-order-'));
    const w = new LayoutWriter(dir);
    const amd = await w.image([[{ name: 'a.txt', content: 'amd64\n' }]], AMD64);
    const arm = await w.image([[{ name: 'b.txt', content: 'arm64\n' }]], ARM64);
    const att = { ...(await w.image([[{ name: 'att.json', content: '{}' }]], { os: 'unknown', architecture: 'unknown' })) };
    const before = w.index([att, arm, amd]);
    const root = await orderPlatformIndex(dir, ['linux/amd64', 'linux/arm64']);
    expect(root).not.toBe(before.digest);
    const image = await readLayout(dir); // digest-checked read
    expect(image.root.descriptor.digest).toBe(root);
    expect(image.children.map((c) => c.descriptor.digest)).toEqual([amd.digest, arm.digest, att.digest]);
    expect((await platformsOf(dir, image)).map((p) => p.platform)).toEqual(['linux/amd64', 'linux/arm64/v8']);
    // the user's order is kept the other way round too
    expect(await orderPlatformIndex(dir, ['linux/arm64', 'linux/amd64'])).not.toBe(root);
    expect((await readLayout(dir)).children.map((c) => c.descriptor.digest)).toEqual([arm.digest, amd.digest, att.digest]);
  });

  it('an index already in order is left byte for byte (same root digest)', async () => {
    const dir = await twoPlatformLayout(mkdtempSync(join(tmpdir(), 'aim-order-')));
    const before = readFileSync(join(dir, 'index.json'), 'utf8');
    const root = (await readLayout(dir)).root.descriptor.digest;
    expect(await orderPlatformIndex(dir, ['linux/amd64', 'linux/arm64'])).toBe(root);
    expect(readFileSync(join(dir, 'index.json'), 'utf8')).toBe(before);
  });
});

describe('annotateRoot: the scan verdict written onto the layout root before the push', () => {
  const RECORD = { 'org.aim-build.scan.verdict': 'warn', 'org.aim-build.scan.scanner': 'builtin' };

  it('an index root: a new root blob with the annotations, the same platform images; a second call changes nothing', async () => {
    const dir = await twoPlatformLayout(mkdtempSync(join(tmpdir(), 'aim-annotate-')));
    const before = await readLayout(dir);
    const root = await annotateRoot(dir, RECORD);
    expect(root).not.toBe(before.root.descriptor.digest);
    const after = await readLayout(dir); // digest-checked read
    expect(after.root.descriptor).toMatchObject({ digest: root, size: Buffer.byteLength(after.root.body) });
    expect(JSON.parse(after.root.body)).toEqual({ ...JSON.parse(before.root.body), annotations: { ...JSON.parse(before.root.body).annotations, ...RECORD } });
    expect(after.children.map((c) => c.descriptor.digest)).toEqual(before.children.map((c) => c.descriptor.digest));
    const indexJson = readFileSync(join(dir, 'index.json'), 'utf8');
    expect(await annotateRoot(dir, RECORD)).toBe(root);
    expect(readFileSync(join(dir, 'index.json'), 'utf8')).toBe(indexJson);
  });

  it('a single-manifest root (no index) is annotated the same way; its platform digest follows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aim-annotate-'));
    const w = new LayoutWriter(dir);
    const m = await w.image([[{ name: 'a.txt', content: 'a' }]], AMD64);
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [m] }));
    const root = await annotateRoot(dir, RECORD);
    expect(root).not.toBe(m.digest);
    const image = await readLayout(dir);
    expect(image.single?.annotations).toMatchObject(RECORD);
    expect(image.root.descriptor.mediaType).toBe(m.mediaType);
    expect((await platformsOf(dir, image)).map((p) => [p.platform, p.digest])).toEqual([['linux/amd64', root]]);
  });
});
