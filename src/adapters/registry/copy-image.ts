/**
 * Registry-to-registry copy of one image BY DIGEST (index → platform manifests → config and
 * layers), for a promotion target that lacks the source: blobs the destination already has are
 * skipped (`hasBlob`), manifests go up children first, by digest, so nothing is tagged here.
 *
 * Known limit: a missing blob passes through memory (getBlob → uploadBlob), one at a time; the
 * streamed transfer of the registry client replaces this when it lands.
 */
import type { RegistryClient } from './client.js';

interface Descriptor {
  digest: string;
  mediaType?: string;
  size?: number;
}

interface ManifestDoc {
  manifests?: Descriptor[];
  config?: Descriptor;
  layers?: Descriptor[];
}

export interface CopyStats {
  manifests: number;
  blobs: number;
  bytes: number;
}

export interface CopyEnd {
  client: RegistryClient;
  repository: string;
}

export async function copyImage(from: CopyEnd, to: CopyEnd, digest: string, stats: CopyStats = { manifests: 0, blobs: 0, bytes: 0 }): Promise<CopyStats> {
  const manifest = await from.client.getManifest(from.repository, digest);
  if (manifest.digest !== digest) throw new Error(`${from.client.registry}/${from.repository}@${digest}: the registry served a manifest with digest ${manifest.digest}`);
  const doc = JSON.parse(manifest.body) as ManifestDoc;
  for (const child of doc.manifests ?? []) {
    if (!(await to.client.headManifest(to.repository, child.digest))) await copyImage(from, to, child.digest, stats);
  }
  for (const blob of [...(doc.config ? [doc.config] : []), ...(doc.layers ?? [])]) {
    if (await to.client.hasBlob(to.repository, blob.digest)) continue;
    const data = await from.client.getBlob(from.repository, blob.digest);
    const up = await to.client.uploadBlob(to.repository, data);
    if (up.digest !== blob.digest) throw new Error(`${from.client.registry}/${from.repository}: blob ${blob.digest} arrived as ${up.digest}`);
    stats.blobs++;
    stats.bytes += data.length;
  }
  await to.client.putManifest(to.repository, digest, manifest.body, manifest.mediaType);
  stats.manifests++;
  return stats;
}
