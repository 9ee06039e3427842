/**
 * Registry-to-registry image copy over the distribution API (no docker daemon, no temp files).
 *
 * Per image: with skip-existing, ONE HEAD of the target (and one of the source unless the source is
 * pinned by digest) decides "already present". Otherwise the source manifest is read by digest and
 * copied bottom-up: blobs, then each platform manifest by digest, then the index by digest, then the
 * tag. A copy cut short therefore never leaves a tag on an incomplete image. Digests stay those of
 * the source (manifests are copied byte for byte); attestation manifests are kept unless
 * `attestations` is false (then the index is rewritten without them and gets a new digest).
 *
 * Blob copies go through {@link BlobCopier}, one small interface; the default is the transfer
 * engine's streaming registry-to-registry copy (RegistryClient.pushBlob with a registry blob
 * source: never held in memory or written to disk, resumable, hashed on the way). A blob this run
 * already put into another repository of the same target registry (a shared base layer) is
 * mounted from there (`POST ?mount=&from=`) instead of being sent again.
 */
import { mapLimit } from '../concurrency.js';
import { errorMessage } from '../../core/errors.js';
import { isAttestation, isIndexType, parseJson, platformString, type Descriptor, type ImageIndex, type ImageManifest } from '../../core/oci.js';
import type { MirrorItem, MirrorResult } from '../../core/mirror/plan.js';
import { ALL_MANIFEST_TYPES, RegistryRequestError, sha256, type RegistryClient } from './client.js';
import { registryBlobSource, Slots } from './blobs.js';

export interface BlobLocation {
  client: RegistryClient;
  repository: string;
}

/** exists: nothing sent; mounted: linked from another repository of the registry; uploaded: bytes moved */
export type BlobCopyStatus = 'exists' | 'mounted' | 'uploaded';

export interface BlobCopier {
  /** Make `digest` (of `size` bytes) exist in `dst`, reading it from `src`; says whether bytes moved. */
  copyBlob(src: BlobLocation, dst: BlobLocation, digest: string, size: number): Promise<BlobCopyStatus>;
}

/**
 * The transfer engine: HEAD-skip, else a cross-repository mount from `mountFrom` (same registry),
 * else a streamed copy from the source registry.
 */
/** attempts of one blob copy whose stream broke */
const COPY_ATTEMPTS = 4;

export function streamingBlobCopier(): BlobCopier {
  /** target registry → digest → a repository there that has it (from this run) */
  const known = new Map<string, string>();
  /** copies of one digest into one registry run one after another, so the first streams and the rest mount */
  const queue = new Map<string, Promise<unknown>>();
  return {
    copyBlob(src, dst, digest, size) {
      const key = `${dst.client.registry}@${digest}`;
      const run = async (): Promise<BlobCopyStatus> => {
        const from = known.get(key) ?? (src.client.registry === dst.client.registry ? src.repository : undefined);
        for (let attempt = 1; ; attempt++) {
          try {
            const r = await dst.client.pushBlob(dst.repository, registryBlobSource(src.client, src.repository, digest, size), { mountFrom: from });
            if (!known.has(key)) known.set(key, dst.repository);
            return r.status;
          } catch (e) {
            // A source connection dropped mid-blob surfaces as a stream error inside the upload:
            // start the copy again (bounded); answers that will not change (auth, 404, …) are final.
            const final = e instanceof RegistryRequestError && !['network', 'timeout', 'unavailable'].includes(e.kind);
            if (final) throw e;
            if (attempt >= COPY_ATTEMPTS) throw new Error(`copying blob ${digest} (${size} bytes) from ${src.client.registry}/${src.repository} to ${dst.client.registry}/${dst.repository} failed ${attempt} times; last: ${errorMessage(e)}`, { cause: e });
            src.client.log(`copy of ${digest} to ${dst.client.registry}/${dst.repository} failed (${errorMessage(e)}); retry ${attempt}/${COPY_ATTEMPTS - 1}`);
            await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** (attempt - 1)));
          }
        }
      };
      const p = (queue.get(key) ?? Promise.resolve()).catch(() => undefined).then(run);
      queue.set(key, p);
      return p;
    }
  };
}

export interface MirrorEngineOptions {
  /** one client per registry host (credentials and transport chosen by the caller) */
  clientFor(registry: string): RegistryClient;
  copier?: BlobCopier;
  /** one HEAD per image: skip when the target already has the source's digest (default true) */
  skipExisting?: boolean;
  /** keep attestation manifests of an index (default true: the index digest stays the source's) */
  attestations?: boolean;
  /** images in flight (default 4) */
  imageConcurrency?: number;
  /** blobs in flight over all images (default 8) */
  blobConcurrency?: number;
  /** called as each image finishes (the live line) */
  onResult?(result: MirrorResult, done: number, total: number): void;
  now?(): number;
}

/** Foreign (non-distributable) layers are not copied: registries refuse or skip them. */
const FOREIGN = /\.foreign\.|nondistributable/;


interface Tally {
  bytes: number;
  copied: number;
  mounted: number;
  present: number;
}

export async function mirrorImages(items: readonly MirrorItem[], o: MirrorEngineOptions): Promise<MirrorResult[]> {
  const now = o.now ?? (() => performance.now());
  const copier = o.copier ?? streamingBlobCopier();
  const blobs = new Slots(Math.max(1, o.blobConcurrency ?? 8));
  /** in-flight and finished blob copies per target repository, so shared base layers move once */
  const inflight = new Map<string, Promise<BlobCopyStatus>>();
  let done = 0;

  const copyBlob = (src: BlobLocation, dst: BlobLocation, d: Descriptor, t: Tally): Promise<void> => {
    const key = `${dst.client.registry}/${dst.repository}@${d.digest}`;
    let p = inflight.get(key);
    const mine = !p;
    if (!p) {
      p = blobs.run(() => copier.copyBlob(src, dst, d.digest, d.size));
      inflight.set(key, p);
      p.catch(() => inflight.delete(key));
    }
    return p.then((r) => {
      if (mine && r === 'uploaded') {
        t.bytes += d.size;
        t.copied++;
      } else if (mine && r === 'mounted') t.mounted++;
      else t.present++;
    });
  };

  /** Copy the manifest `digest` (already read: `body`) and everything below it; PUT it by digest. */
  const copyTree = async (src: BlobLocation, dst: BlobLocation, body: string, mediaType: string, digest: string, keepAttestations: boolean, t: Tally, platforms: string[], depth = 0): Promise<{ body: string; mediaType: string; digest: string }> => {
    if (depth > 2) throw new Error('manifest nesting deeper than index → index → manifest');
    const doc = parseJson<ImageIndex & ImageManifest>(body, `manifest ${digest}`);
    const type = mediaType || doc.mediaType || '';
    if (isIndexType(type) || Array.isArray(doc.manifests)) {
      const children = doc.manifests.filter((m) => keepAttestations || !isAttestation(m));
      await Promise.all(
        children.map(async (m) => {
          if (!isAttestation(m)) platforms.push(platformString(m.platform));
          const child = await src.client.getManifest(src.repository, m.digest, [m.mediaType, ...ALL_MANIFEST_TYPES]);
          await copyTree(src, dst, child.body, child.mediaType || m.mediaType, m.digest, keepAttestations, t, platforms, depth + 1);
        })
      );
      let out = body;
      if (children.length !== doc.manifests.length) out = JSON.stringify({ ...doc, manifests: children });
      const put = await dst.client.putManifest(dst.repository, out === body ? digest : sha256(Buffer.from(out, 'utf8')), out, type);
      return { body: out, mediaType: type, digest: put };
    }
    if (!doc.config || !Array.isArray(doc.layers)) throw new Error(`manifest ${digest} is neither an image index nor an image manifest (media type '${type}')`);
    await Promise.all([doc.config, ...doc.layers].filter((d) => !FOREIGN.test(d.mediaType ?? '') && !(d as { urls?: unknown }).urls).map((d) => copyBlob(src, dst, d, t)));
    const put = await dst.client.putManifest(dst.repository, digest, body, type);
    if (put !== digest) throw new Error(`${dst.client.registry} stored manifest ${digest} as ${put}`);
    return { body, mediaType: type, digest };
  };

  const one = async (item: MirrorItem): Promise<MirrorResult> => {
    const started = now();
    const base: MirrorResult = { sourceRef: item.sourceRef, targetRef: item.targetRef, status: 'failed', platforms: [], bytes: 0, blobsCopied: 0, blobsMounted: 0, blobsPresent: 0, ms: 0 };
    const t: Tally = { bytes: 0, copied: 0, mounted: 0, present: 0 };
    try {
      const src: BlobLocation = { client: o.clientFor(item.source.domain), repository: item.source.path };
      const dst: BlobLocation = { client: o.clientFor(item.target.domain), repository: item.target.path };
      const srcRef = item.source.digest ?? (item.source.tag as string);
      const dstRef = item.target.tag ?? (item.target.digest as string);
      if (o.skipExisting !== false) {
        const srcDigest = item.source.digest ?? (await src.client.headManifest(src.repository, srcRef))?.digest;
        if (!srcDigest) throw notFound(item);
        const there = await dst.client.headManifest(dst.repository, dstRef);
        if (there?.digest === srcDigest) return { ...base, status: 'present', digest: srcDigest, ms: now() - started };
      }
      const top = await src.client.getManifest(src.repository, srcRef).catch((e: unknown) => {
        throw e instanceof RegistryRequestError && e.kind === 'not-found' ? notFound(item) : e;
      });
      const platforms: string[] = [];
      const copied = await copyTree(src, dst, top.body, top.mediaType, top.digest, o.attestations !== false, t, platforms);
      if (item.target.tag) {
        const tagged = await dst.client.putManifest(dst.repository, item.target.tag, copied.body, copied.mediaType);
        if (tagged !== copied.digest) throw new Error(`${dst.client.registry} tagged ${item.target.tag} as ${tagged}, expected ${copied.digest}`);
      }
      return { ...base, status: 'copied', digest: copied.digest, platforms: platforms.sort(), bytes: t.bytes, blobsCopied: t.copied, blobsMounted: t.mounted, blobsPresent: t.present, ms: now() - started };
    } catch (e) {
      return { ...base, bytes: t.bytes, blobsCopied: t.copied, blobsMounted: t.mounted, blobsPresent: t.present, error: errorMessage(e), ms: now() - started };
    }
  };

  return mapLimit(items, Math.max(1, o.imageConcurrency ?? 4), async (item) => {
    const r = await one(item);
    o.onResult?.(r, ++done, items.length);
    return r;
  });
}

function notFound(item: MirrorItem): Error {
  return new Error(`${item.sourceRef} does not exist on ${item.source.domain} (check the name and tag)`);
}
