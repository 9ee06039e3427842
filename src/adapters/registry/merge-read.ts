/**
 * Registry reads for the `merge` sub-action: what a build job pushed by digest (an index of one
 * platform with its attestations, or a single image manifest, whose platform comes from its config),
 * and whether every target already holds what the merged index will reference.
 */
import { mapLimit } from '../concurrency.js';
import { RegistryRequestError, type RegistryClient } from './client.js';
import { isArtifactManifest, isIndexType, parseJson, type Descriptor, type ImageIndex, type ImageManifest } from '../../core/oci.js';
import type { LayoutManifest, PushTarget } from '../../core/build/push-plan.js';
import type { ComposedIndex, MergePush, MergeSource } from '../../core/merge.js';
import { errorMessage } from '../../core/errors.js';

export type ClientFor = (registry: string) => RegistryClient;

const FIX =
  'The build job for that platform did not push it here: check that it ran with push-by-digest: true, push enabled and the same images as this plan, and that it succeeded; re-run it, then this merge';

async function readChild(client: RegistryClient, repository: string, d: Descriptor): Promise<LayoutManifest> {
  const m = await client.getManifest(repository, d.digest, [d.mediaType]);
  return { descriptor: d, body: m.body, manifest: parseJson<ImageManifest>(m.body, `manifest ${d.digest}`) };
}

async function readFrom(client: RegistryClient, repository: string, digest: string): Promise<MergeSource> {
  const root = await client.getManifest(repository, digest);
  const mediaType = root.mediaType || (parseJson<{ mediaType?: string }>(root.body, `manifest ${digest}`).mediaType ?? '');
  if (isIndexType(mediaType)) {
    const index = parseJson<ImageIndex>(root.body, `index ${digest}`);
    return { digest, children: await mapLimit(index.manifests, 4, (d) => readChild(client, repository, d)) };
  }
  const manifest = parseJson<ImageManifest>(root.body, `manifest ${digest}`);
  if (isArtifactManifest(manifest) || !manifest.config?.digest) {
    throw new RegistryRequestError(client.registry, `${digest} in '${repository}' is not an image (an artifact or attestation)`, 'Pass the `digest` output of the build jobs', 'protocol', repository);
  }
  const config = parseJson<{ os?: string; architecture?: string; variant?: string }>((await client.getBlob(repository, manifest.config.digest)).toString('utf8'), `config of ${digest}`);
  const platform = { architecture: config.architecture ?? 'unknown', os: config.os ?? 'unknown', ...(config.variant ? { variant: config.variant } : {}) };
  return { digest, children: [{ descriptor: { mediaType, digest, size: root.size, platform }, body: root.body, manifest }] };
}

/**
 * Reads one digest from the first target that has it, targets that get attestations first (an
 * Alibaba ACR target holds the platform manifests but not the index with attestations).
 */
export async function readSource(digest: string, targets: PushTarget[], clientFor: ClientFor): Promise<MergeSource> {
  const order = [...targets.filter((t) => t.kind !== 'acr'), ...targets.filter((t) => t.kind === 'acr')];
  const tried: string[] = [];
  for (const t of order) {
    try {
      if (await clientFor(t.registry).headManifest(t.repository, digest)) return await readFrom(clientFor(t.registry), t.repository, digest);
      tried.push(`${t.image} (HTTP 404)`);
    } catch (e) {
      tried.push(`${t.image} (${errorMessage(e)})`);
    }
  }
  const first = order[0];
  throw new RegistryRequestError(
    first.registry,
    `digest ${digest} is not in repository '${first.repository}', nor in any other target: ${tried.join('; ')}`,
    FIX,
    'not-found',
    first.repository,
    404,
    'MANIFEST_UNKNOWN'
  );
}

/** Per target, the manifests its index would reference that are not there: one error naming registry, repository, digest and the fix. */
export async function missingChildren(pushes: MergePush[], origin: ComposedIndex['origin'], clientFor: ClientFor): Promise<RegistryRequestError[]> {
  const results = await mapLimit(pushes, 3, async (p) => {
    const client = clientFor(p.registry);
    const absent = (await mapLimit(p.children, 4, async (d) => ((await client.headManifest(p.repository, d)) ? undefined : d))).filter((d): d is string => d !== undefined);
    if (absent.length === 0) return undefined;
    const what = absent.map((d) => {
      const o = origin[d];
      return o ? `${o.digest} (${o.platform}${o.digest !== d ? `: manifest ${d}` : ''})` : d;
    });
    return new RegistryRequestError(p.registry, `not in repository '${p.repository}': ${what.join(', ')} (HTTP 404)`, FIX, 'not-found', p.repository, 404, 'MANIFEST_UNKNOWN');
  });
  return results.filter((r): r is RegistryRequestError => r !== undefined);
}
