/**
 * Small OCI image layouts written by the test itself (tar-stream + gzip, blobs, index.json), for
 * tests that need an image on disk but not a real build. Real builds: __tests__/helpers/buildah.ts.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

export interface FileEntry {
  name: string;
  content?: string | Buffer;
  /** default 0644 */
  mode?: number;
}

export async function tarOf(entries: FileEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) pack.entry({ name: e.name, type: 'file', mode: e.mode ?? 0o644 }, e.content ?? '');
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** A gzipped tar of `entries` (release archives, layers). */
export async function tarGzOf(entries: FileEntry[]): Promise<Buffer> {
  return gzipSync(await tarOf(entries));
}

export const sha256 = (bytes: Buffer | string): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os: string; architecture: string; variant?: string };
}

export class LayoutWriter {
  constructor(readonly dir: string) {
    mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
    writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  }

  blob(bytes: Buffer | string): { digest: string; size: number } {
    const digest = sha256(bytes);
    writeFileSync(join(this.dir, 'blobs', 'sha256', digest.slice(7)), bytes);
    return { digest, size: Buffer.byteLength(bytes) };
  }

  /** One image (gzip layers); returns its manifest descriptor with the platform set. */
  async image(layers: FileEntry[][], platform: { os: string; architecture: string; variant?: string }, config: object = { User: '1000' }): Promise<Descriptor> {
    const descs = [];
    const diffIds = [];
    for (const entries of layers) {
      const raw = await tarOf(entries);
      diffIds.push(sha256(raw));
      descs.push({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...this.blob(gzipSync(raw)) });
    }
    const cfg = this.blob(JSON.stringify({ ...platform, config, rootfs: { type: 'layers', diff_ids: diffIds } }));
    const manifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...cfg }, layers: descs });
    return { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...this.blob(manifest), platform };
  }

  /** index.json → one image index blob listing `manifests` (what `buildah manifest push --all oci:` writes). */
  index(manifests: Descriptor[]): Descriptor {
    const index = this.blob(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }));
    const top = { mediaType: 'application/vnd.oci.image.index.v1+json', ...index };
    writeFileSync(join(this.dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [top] }));
    return top;
  }
}

export const AMD64 = { os: 'linux', architecture: 'amd64' };
export const ARM64 = { os: 'linux', architecture: 'arm64', variant: 'v8' };

/** A two-platform layout with one small file per platform. */
export async function twoPlatformLayout(dir: string): Promise<string> {
  const w = new LayoutWriter(dir);
  const a = await w.image([[{ name: 'app/amd64.txt', content: 'amd64\n' }]], AMD64);
  const b = await w.image([[{ name: 'app/arm64.txt', content: 'arm64\n' }]], ARM64);
  w.index([a, b]);
  return dir;
}
