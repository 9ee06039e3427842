/**
 * Test-side "push by digest, then tag" of a local OCI layout with RegistryClient (the pipeline's
 * own push lives in src/adapters/registry/push.ts). Blobs and manifests go up by digest first;
 * tags are PUT last, so a tag never points at something incomplete.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegistryClient } from '../../src/adapters/registry/client.js';

interface Desc {
  mediaType: string;
  digest: string;
}

const blobPath = (dir: string, digest: string): string => join(dir, 'blobs', 'sha256', digest.replace(/^sha256:/, ''));

/** Push the image (index or manifest) that index.json names; then PUT each tag. Returns its digest. */
export async function pushLayout(client: RegistryClient, repository: string, dir: string, tags: readonly string[]): Promise<string> {
  const top = (JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { manifests: Desc[] }).manifests[0];
  const topBody = readFileSync(blobPath(dir, top.digest));
  const doc = JSON.parse(topBody.toString('utf8')) as { manifests?: Desc[] };
  const images = doc.manifests ?? [top];
  for (const m of images) {
    const body = readFileSync(blobPath(dir, m.digest));
    const manifest = JSON.parse(body.toString('utf8')) as { config: Desc; layers: Desc[] };
    for (const b of [manifest.config, ...manifest.layers]) await client.uploadBlob(repository, readFileSync(blobPath(dir, b.digest)));
    if (doc.manifests) await client.putManifest(repository, m.digest, body, m.mediaType);
  }
  let digest = top.digest;
  await client.putManifest(repository, top.digest, topBody, top.mediaType);
  for (const tag of tags) digest = await client.putManifest(repository, tag, topBody, top.mediaType);
  return digest;
}

/** The digest index.json names (what a tag must point to after the push). */
export function layoutDigest(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { manifests: Desc[] }).manifests[0].digest;
}
