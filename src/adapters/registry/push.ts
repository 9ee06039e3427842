/**
 * Pushes one local image to every target, all-or-nothing per tag set:
 *   phase 1, every target in parallel: blobs streamed from disk (skipping those the repository has;
 *            a second target in the same registry mounts them from the first), platform
 *            manifests and the index BY DIGEST, then the index is read back by digest;
 *   phase 2, only when phase 1 succeeded everywhere: the index under every planned tag (skipped
 *            with `tags: false`: push-by-digest builds, whose tags the merge step writes).
 * So a failed or interrupted push leaves no tag pointing at a half-pushed image, in any registry.
 * `onError: 'continue'` (a partial publish the user asked for): phase 2 tags every healthy target
 * and the failed ones come back as rows with status `failed`; every row has bytes sent and time.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { mapLimit } from '../concurrency.js';
import { fileBlobSource, RegistryRequestError, type RegistryClient } from './client.js';
import { targetBlobs, type LayoutImage, type TargetPush } from '../../core/build/push-plan.js';
import type { TargetResult } from '../../core/build/result.js';
import { errorMessage } from '../../core/errors.js';
import { blobPath, isIndexType } from '../../core/oci.js';

export interface PushDeps {
  clientFor: (registry: string) => RegistryClient;
  log: (message: string) => void;
  /** targets in flight (default 3) and blobs in flight per target (default 4) */
  targetConcurrency?: number;
  blobConcurrency?: number;
  /** false: phase 1 only (push by digest, no tag anywhere); default true */
  tags?: boolean;
  /**
   * `fail` (default): all-or-nothing, no tag anywhere when any target fails (PushError).
   * `continue`: every healthy target is tagged; failed ones come back with status `failed`.
   */
  onError?: 'fail' | 'continue';
}

export class PushError extends Error {
  /** every target's state (one row per registry), when known */
  results: TargetResult[] = [];
  constructor(message: string, readonly failures: Array<{ image: string; error: unknown }>) {
    super(message);
    this.name = 'PushError';
  }
}

export const digestOf = (body: string): string => `sha256:${createHash('sha256').update(body, 'utf8').digest('hex')}`;

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

async function settled<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<Array<Settled<R>>> {
  return mapLimit(items, limit, async (item) => {
    try {
      return { ok: true as const, value: await fn(item) };
    } catch (error) {
      return { ok: false as const, error };
    }
  });
}

interface Staged {
  digest: string;
  uploaded: number;
  skipped: number;
  /** blob and manifest bytes sent */
  bytes: number;
  ms: number;
}

/**
 * Phase 1 for one target: everything by digest, then read the index back. `mountFrom`: a repository
 * of the same registry that already received these blobs (cross-repository mount, no bytes sent).
 */
async function stage(dir: string, image: LayoutImage, p: TargetPush, deps: PushDeps, mountFrom?: string): Promise<Staged> {
  const started = Date.now();
  const client = deps.clientFor(p.registry);
  let uploaded = 0;
  let skipped = 0;
  let bytes = 0;
  // Streamed from disk and hashed on the way (never read whole); the client bounds transfers per registry.
  await mapLimit(targetBlobs(image, p), deps.blobConcurrency ?? 4, async (b) => {
    const file = blobPath(dir, b.digest);
    const size = await stat(file).then(
      (st) => st.size,
      () => Promise.reject(new Error(`blob ${b.digest} is missing from the image layout ${dir} (the builder did not export it)`))
    );
    if (size !== b.size) throw new Error(`blob ${b.digest} in the image layout ${dir} has ${size} bytes, the manifest says ${b.size}; the layout is corrupt`);
    const sent = await client.pushBlob(p.repository, fileBlobSource(file, b.digest, size), mountFrom ? { mountFrom } : {});
    if (sent.status === 'uploaded') {
      uploaded++;
      bytes += size;
    } else skipped++;
  });
  bytes += [...p.manifests.map((m) => m.body), p.root.body].reduce((n, body) => n + Buffer.byteLength(body, 'utf8'), 0);
  for (const m of p.manifests) await client.putManifest(p.repository, m.digest, m.body, m.mediaType).catch((e: unknown) => Promise.reject(explainRejection(e)));
  const digest = digestOf(p.root.body);
  await client.putManifest(p.repository, digest, p.root.body, p.root.mediaType);
  const back = await client.getManifest(p.repository, digest, [p.root.mediaType]);
  if (back.digest !== digest) throw new Error(`${p.image}@${digest} reads back as ${back.digest}`);
  for (const m of p.manifests) {
    if (!(await client.headManifest(p.repository, m.digest))) throw new Error(`${p.image}@${m.digest} is missing after the push`);
  }
  const what = p.manifests.length > 0 ? `${p.manifests.length} manifest(s) and the index` : isIndexType(p.root.mediaType) ? 'the index' : 'the manifest';
  deps.log(`${p.image}@${digest}: ${what} by digest; ${uploaded} blob(s) uploaded, ${skipped} already there`);
  return { digest, uploaded, skipped, bytes, ms: Date.now() - started };
}

/** ACR Personal answers `DENIED: unknown manifest class for application/vnd.oci.empty.v1+json` to attestations: say that, not "no permission". */
function explainRejection(e: unknown): unknown {
  if (!(e instanceof RegistryRequestError) || !/unknown manifest class/i.test(e.detail)) return e;
  const answer = /\((HTTP [^)]*)\)/.exec(e.detail)?.[1] ?? e.detail;
  return new RegistryRequestError(
    e.registry,
    `refused an attestation manifest in '${e.repository ?? ''}' (${answer}): it does not accept OCI-artifact manifests, like Alibaba ACR Personal`,
    'Hosts ending in .aliyuncs.com get the image without attestations automatically; for ACR behind another name add registry-type=acr to the images line ' +
      '(or the registry-type input), or set provenance: false and sbom: false',
    'unsupported',
    e.repository,
    e.status,
    e.code
  );
}

/** Phase 2 for one target: every tag. */
async function tagTarget(p: TargetPush, digest: string, deps: PushDeps): Promise<string[]> {
  const client = deps.clientFor(p.registry);
  const written: string[] = [];
  for (const tag of p.tags) {
    const got = await client.putManifest(p.repository, tag, p.root.body, p.root.mediaType);
    if (got !== digest) throw new Error(`${p.image}:${tag} was stored as ${got}, expected ${digest}`);
    written.push(tag);
    deps.log(`${p.image}:${tag} → ${digest}`);
  }
  return written;
}

export async function pushAll(dir: string, image: LayoutImage, pushes: TargetPush[], deps: PushDeps): Promise<TargetResult[]> {
  // Targets in the same registry: the first uploads, the others mount its blobs (no second upload).
  const leads = new Map<string, { repository: string; done: Promise<Staged> }>();
  const staged = await settled(pushes, deps.targetConcurrency ?? 3, async (p) => {
    const lead = leads.get(p.registry);
    if (!lead) {
      const done = stage(dir, image, p, deps);
      leads.set(p.registry, { repository: p.repository, done });
      return done;
    }
    const ok = await lead.done.then(
      () => true,
      () => false
    );
    return stage(dir, image, p, deps, ok && lead.repository !== p.repository ? lead.repository : undefined);
  });
  const failed = staged.flatMap((s, i) => (s.ok ? [] : [{ image: pushes[i].image, error: s.error }]));
  const rows = (tagged: Array<Settled<string[]> | undefined>, untagged: TargetResult['status']): TargetResult[] =>
    pushes.map((p, i) => {
      const s = staged[i];
      if (!s.ok) return failedTarget(p, s.error);
      const t = tagged[i];
      if (t && !t.ok) return { ...targetResult(p, s.value, [], 'failed', []), error: errorMessage(t.error) };
      return t ? targetResult(p, s.value, p.references, 'tagged', t.value) : targetResult(p, s.value, [], untagged, []);
    });
  if (failed.length > 0 && deps.onError !== 'continue') {
    const lines = failed.map((f) => `  - ${f.image}: ${errorMessage(f.error)}`).join('\n');
    const error = new PushError(`push failed for ${failed.length} of ${pushes.length} target(s); no tag was written anywhere, so no tag points to a half-pushed image:\n${lines}`, failed);
    error.results = rows([], 'not tagged');
    throw error;
  }
  if (deps.tags === false) return rows([], 'by digest');
  const healthy = pushes.filter((_, i) => staged[i].ok);
  const tagged = await settled(healthy, deps.targetConcurrency ?? 3, async (p) => tagTarget(p, (staged[pushes.indexOf(p)] as { value: Staged }).value.digest, deps));
  const byTarget = pushes.map((p) => (healthy.includes(p) ? tagged[healthy.indexOf(p)] : undefined));
  const tagFailures = byTarget.flatMap((s, i) => (s && !s.ok ? [{ image: pushes[i].image, error: s.error }] : []));
  if (tagFailures.length > 0 && deps.onError !== 'continue') {
    const lines = tagFailures.map((f) => `  - ${f.image}: ${errorMessage(f.error)}`).join('\n');
    const error = new PushError(
      `every image was pushed completely, but writing tags failed for ${tagFailures.length} target(s) (tags already written point to the complete image; re-run to finish: the re-run builds a new image, so add overwrite-release-tags: true for the release tags already written):\n${lines}`,
      tagFailures
    );
    error.results = rows(byTarget, 'not tagged');
    throw error;
  }
  return rows(byTarget, 'not tagged');
}

function targetResult(p: TargetPush, staged: Staged, references: string[], status: TargetResult['status'], written: string[]): TargetResult {
  return {
    image: p.image,
    registry: p.registry,
    digest: staged.digest,
    references,
    dropped: p.dropped.length,
    uploaded: staged.uploaded,
    skipped: staged.skipped,
    status,
    written,
    bytes: staged.bytes,
    ms: staged.ms
  };
}

/** The row of a target that got nothing. */
export function failedTarget(p: TargetPush, error: unknown): TargetResult {
  return { image: p.image, registry: p.registry, digest: '', references: [], dropped: p.dropped.length, uploaded: 0, skipped: 0, status: 'failed', written: [], bytes: 0, ms: 0, error: errorMessage(error) };
}
