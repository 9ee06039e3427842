/**
 * Reads the comparison image's sizes (issue 11 §4) through manifests only: a HEAD of the tag,
 * the manifest or index it names, and each platform manifest; no blob is downloaded. The sums
 * and the comparison are core/build/image-size.ts.
 */
import { isIndexType } from '../../core/oci.js';
import { indexPlatforms, manifestImageSize } from '../../core/build/image-size.js';
import type { RegistryClient } from './client.js';

export interface BaselineSizes {
  digest: string;
  /** platform → config + layers; `''` for a single manifest (its platform lives in the config blob) */
  sizes: Record<string, number>;
}

/** undefined when the tag does not exist; throws when the registry cannot be read. */
export async function readBaselineSizes(client: RegistryClient, repository: string, tag: string): Promise<BaselineSizes | undefined> {
  const head = await client.headManifest(repository, tag);
  if (!head) return undefined;
  const top = await client.getManifest(repository, head.digest);
  const what = `${repository}@${top.digest}`;
  if (!isIndexType(top.mediaType)) return { digest: top.digest, sizes: { '': manifestImageSize(top.body, what) } };
  const sizes: Record<string, number> = {};
  for (const p of indexPlatforms(top.body, what)) {
    const m = await client.getManifest(repository, p.digest);
    sizes[p.platform] = manifestImageSize(m.body, `${repository}@${p.digest} (${p.platform})`);
  }
  return { digest: top.digest, sizes };
}
