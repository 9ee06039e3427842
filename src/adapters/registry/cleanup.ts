/**
 * PR cleanup on an OCI distribution registry: read which digest every tag points at and which
 * children each index has, then delete manifests by digest. A registry where deletion is disabled
 * (HTTP 405 / UNSUPPORTED) is reported, not failed: the caller turns it into a warning.
 */
import { RegistryRequestError, type RegistryClient } from './client.js';
import { mapLimit } from '../concurrency.js';
import type { ChildRef, ManifestNode, RepositoryState } from '../../core/cleanup.js';
import { isAttestation, isDigest, isIndexType, platformString, type Descriptor } from '../../core/oci.js';

/** `linux/arm64/v8`, or `attestation` for attestations and other artifacts. */
function childLabel(m: Partial<Descriptor>): string | undefined {
  if (isAttestation(m)) return 'attestation';
  const p = m.platform;
  if (!p?.os || !p.architecture) return undefined;
  return platformString(p);
}

/**
 * Reads the children of `roots` (default: the nodes whose media type is an index or unknown) and,
 * below them, of every nested index. `nodes` is every manifest known in the repository (on GHCR the
 * package versions); an untagged nested index that is not among them is added. A manifest that
 * cannot be read gets `unreadable` (the planner then deletes nothing that manifest might reference).
 */
export async function readChildren(
  client: RegistryClient,
  repository: string,
  nodes: ManifestNode[],
  opts: { roots?: ManifestNode[]; mediaTypes?: Map<string, string>; concurrency?: number } = {}
): Promise<void> {
  const byDigest = new Map(nodes.map((n) => [n.digest, n]));
  const types = opts.mediaTypes ?? new Map<string, string>();
  let wave = opts.roots ?? nodes.filter((n) => isIndexType(types.get(n.digest)) || !types.has(n.digest));
  const done = new Set<string>();
  while (wave.length > 0) {
    wave.forEach((n) => done.add(n.digest));
    const next: ManifestNode[] = [];
    await mapLimit(wave, opts.concurrency ?? 8, async (n) => {
      try {
        const m = await client.getManifest(repository, n.digest);
        const body = JSON.parse(m.body) as { manifests?: Array<Partial<Descriptor>> };
        const listed = Array.isArray(body.manifests) ? body.manifests : [];
        const bad = listed.find((c) => !isDigest(c?.digest));
        if (bad) throw new Error(`index ${n.digest} lists a child that is not a digest: ${JSON.stringify(String(bad?.digest)).slice(0, 100)}`);
        const children = listed as Array<Partial<Descriptor> & { digest: string }>;
        n.children = children.map((c): ChildRef => ({ digest: c.digest, ...(childLabel(c) ? { label: childLabel(c) } : {}) }));
        for (const c of children) {
          if (!isIndexType(c.mediaType) || done.has(c.digest)) continue;
          let child = byDigest.get(c.digest);
          if (!child) {
            child = { digest: c.digest, tags: [] };
            byDigest.set(c.digest, child);
            nodes.push(child);
          }
          next.push(child);
        }
      } catch (e) {
        n.unreadable = e instanceof RegistryRequestError ? e.detail : (e as Error).message;
      }
    });
    wave = next.filter((n, i) => next.indexOf(n) === i && !done.has(n.digest));
  }
}

/**
 * Tags → digests of one repository, with index children. When none of `prTags` is in the
 * repository the other tags are not read at all (nothing to clean there).
 */
export async function readRepositoryState(client: RegistryClient, repository: string, prTags: string[], concurrency = 8): Promise<RepositoryState> {
  const tags = await client.listTags(repository);
  if (!tags.some((t) => prTags.includes(t))) return { nodes: [] };
  const heads = await mapLimit(tags, concurrency, async (tag) => ({ tag, head: await client.headManifest(repository, tag) }));
  const nodes = new Map<string, ManifestNode>();
  const mediaTypes = new Map<string, string>();
  for (const { tag, head } of heads) {
    if (!head) continue; // deleted since the tag list was read
    const node = nodes.get(head.digest) ?? { digest: head.digest, tags: [] };
    node.tags.push(tag);
    nodes.set(head.digest, node);
    if (head.mediaType) mediaTypes.set(head.digest, head.mediaType);
  }
  const list = [...nodes.values()];
  await readChildren(client, repository, list, { mediaTypes, concurrency });
  return { nodes: list };
}

export type DeleteResult = { status: 'deleted' } | { status: 'gone' } | { status: 'unsupported' | 'failed'; message: string; error: RegistryRequestError | Error };

/** DELETE /v2/<repo>/manifests/<digest>, classified; never throws for a registry answer. */
export async function deleteManifest(client: RegistryClient, repository: string, digest: string): Promise<DeleteResult> {
  try {
    await client.deleteManifest(repository, digest);
    return { status: 'deleted' };
  } catch (e) {
    if (!(e instanceof RegistryRequestError)) return { status: 'failed', message: (e as Error).message, error: e as Error };
    if (e.kind === 'not-found') return { status: 'gone' };
    if (e.kind === 'unsupported' || e.code === 'UNSUPPORTED') return { status: 'unsupported', message: e.message, error: e };
    return { status: 'failed', message: e.message, error: e };
  }
}

/** The warning for a registry that refuses DELETE: which registry, and how to turn deletion on. */
export function deletionDisabledWarning(registry: string, repository: string, count: number, detail: string): string {
  return (
    `Registry ${registry}: deleting manifests is disabled (${detail}), so ${count} manifest${count === 1 ? '' : 's'} of this pull request stay in ${repository}. ` +
    'To let aim-build clean up PR images there, enable deletion: CNCF distribution / registry:2 with `storage.delete.enabled: true` ' +
    '(env REGISTRY_STORAGE_DELETE_ENABLED=true) and run its garbage collector for the blobs; Harbor: credentials with the delete permission on the project. ' +
    'Registries without a delete API (e.g. Docker Hub) need their own UI or API'
  );
}
