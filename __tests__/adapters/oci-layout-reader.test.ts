/** Reading local OCI layouts for the push: digests checked, tars extracted safely, platforms and sizes. */
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tar from 'tar-stream';
import { blobPath, extractTar, platformsOf, readLayout } from '../../src/adapters/registry/oci-layout.js';
import { AMD64, LayoutWriter, twoPlatformLayout } from '../helpers/oci-layout.js';

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
