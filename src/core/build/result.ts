/**
 * The build result as data, the step outputs derived from it (`digest`, `platform-digests`,
 * `imageid`, `metadata`, `pushed`), and the reading of buildx's `--metadata-file`.
 */
import type { BuilderName, CacheKind } from './types.js';
import { sizeJson, type SizeReport } from './image-size.js';

export interface PlatformResult {
  platform: string;
  /** image manifest digest */
  digest: string;
  /** manifest size in bytes */
  size: number;
  /** config digest (the image ID of that platform) */
  config: string;
  /** config + layers, compressed, in bytes */
  imageSize: number;
}

export interface TargetResult {
  image: string;
  registry: string;
  /** digest of the root pushed there (differs from `digest` when attestations were left out) */
  digest: string;
  references: string[];
  /** attestation manifests left out (Alibaba ACR) */
  dropped: number;
  /** blobs uploaded / already there */
  uploaded: number;
  skipped: number;
  /** tagged; by digest (push-by-digest); not tagged (another target failed, all-or-nothing); failed */
  status: 'tagged' | 'by digest' | 'not tagged' | 'failed';
  /** tags written now (a re-run writes none) */
  written: string[];
  /** blob and manifest bytes sent to this registry */
  bytes: number;
  /** time of this target's push (blobs, manifests, read-back) in ms */
  ms: number;
  /** why it failed */
  error?: string;
  /** planned tags that already named this image (nothing written: a re-run) */
  unchanged?: string[];
  /** version aliases held back by the forward-only rule: the tag, the digest it stays on, why */
  held?: Array<{ tag: string; on?: string; reason: string }>;
}

export interface BuildResult {
  builder: BuilderName;
  builderReason: string;
  pushed: boolean;
  pushReason: string;
  /** pushed by digest only, no tags (push-by-digest) */
  byDigest?: boolean;
  /** root digest (index for multi-platform, or the single manifest) as built */
  digest: string;
  mediaType: string;
  size: number;
  /** org.opencontainers.image.created of the plan */
  created: string;
  platforms: PlatformResult[];
  skippedPlatforms: string[];
  targets: TargetResult[];
  cache: { kind: CacheKind; note: string };
  buildx?: BuildxMetadata;
  timings: { buildMs: number; pushMs: number };
  notes: string[];
  /** each platform's size against the comparison tag (latest / the PR's base branch); absent when unread */
  imageSizes?: SizeReport;
}

export interface BuildxMetadata {
  ref?: string;
  digest?: string;
  configDigest?: string;
  /** decoded `short` texts of buildx.build.warnings */
  warnings: string[];
}

const DIGEST_RE = /^sha256:[a-f0-9]{63,64}$/;

/** buildx `--metadata-file` JSON → the keys we use. Tolerates missing keys (older buildx). */
export function parseBuildxMetadata(text: string): BuildxMetadata {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { warnings: [] };
  }
  const str = (k: string): string | undefined => (typeof json[k] === 'string' ? (json[k] as string) : undefined);
  const digest = str('containerimage.digest');
  const configDigest = str('containerimage.config.digest');
  const warnings = Array.isArray(json['buildx.build.warnings'])
    ? (json['buildx.build.warnings'] as Array<{ short?: string }>).map((w) => Buffer.from(w.short ?? '', 'base64').toString('utf8')).filter(Boolean)
    : [];
  return {
    ref: str('buildx.build.ref'),
    digest: digest && DIGEST_RE.test(digest) ? digest : undefined,
    configDigest: configDigest && DIGEST_RE.test(configDigest) ? configDigest : undefined,
    warnings
  };
}

/**
 * imageid as build-push-action defines it: the config digest of a single-platform image, the
 * index digest for a multi-platform one.
 */
export function imageId(r: Pick<BuildResult, 'digest' | 'platforms'>): string {
  return r.platforms.length === 1 ? r.platforms[0].config : r.digest;
}

export function metadataJson(r: BuildResult): object {
  return {
    builder: r.builder,
    digest: r.digest,
    mediaType: r.mediaType,
    size: r.size,
    created: r.created,
    pushed: r.pushed,
    ...(r.byDigest ? { pushedByDigest: true } : {}),
    platforms: Object.fromEntries(r.platforms.map((p) => [p.platform, { digest: p.digest, size: p.size, config: p.config, imageSize: p.imageSize }])),
    skippedPlatforms: r.skippedPlatforms,
    registries: Object.fromEntries(
      r.targets.map((t) => [t.image, {
          registry: t.registry,
          digest: t.digest,
          tags: t.references,
          status: t.status,
          tagsWritten: t.written,
          bytes: t.bytes,
          ms: t.ms,
          ...(t.error ? { error: t.error } : {}),
          ...(t.dropped ? { attestationsLeftOut: t.dropped } : {}),
          ...(t.unchanged?.length ? { unchanged: t.unchanged } : {}),
          ...(t.held?.length ? { heldBack: t.held } : {})
        }])
    ),
    cache: r.cache,
    ...(r.imageSizes ? { imageSizes: sizeJson(r.imageSizes) } : {}),
    ...(r.buildx ? { 'buildx.build.ref': r.buildx.ref } : {})
  };
}

export function buildOutputs(r: BuildResult): Record<string, string> {
  return {
    digest: r.digest,
    'platform-digests': JSON.stringify(Object.fromEntries(r.platforms.map((p) => [p.platform, p.digest]))),
    imageid: imageId(r),
    metadata: JSON.stringify(metadataJson(r)),
    pushed: String(r.pushed)
  };
}
