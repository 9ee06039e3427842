/**
 * The one home of OCI facts: media types, image-spec shapes (index, manifest, descriptor), digests
 * and blob paths, and the few questions we ask of them.
 *
 * Digest rule for the whole codebase: a digest is accepted only if it matches {@link DIGEST_RE}
 * (sha256 with 64 lowercase hex, or sha512 with 128) and equals the hash of the bytes we hold; a
 * registry header that disagrees is an error. Every blob file path is built by {@link blobPath}.
 */

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const OCI_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
export const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_CONFIG = 'application/vnd.docker.container.image.v1+json';
export const OCI_EMPTY = 'application/vnd.oci.empty.v1+json';

export const MediaTypes = {
  ociIndex: OCI_INDEX,
  ociManifest: OCI_MANIFEST,
  ociConfig: OCI_CONFIG,
  ociLayerGzip: OCI_LAYER_GZIP,
  dockerManifestList: DOCKER_LIST,
  dockerManifest: DOCKER_MANIFEST,
  dockerConfig: DOCKER_CONFIG
} as const;

/** Accept header for "give me whatever this tag is": index/list first, then single manifests. */
export const ALL_MANIFEST_TYPES: readonly string[] = [OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST];

/** The largest manifest we read or write: 4 MiB, distribution's own limit. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** `sha256:<64 hex>` or `sha512:<128 hex>`, lowercase: the only digests we accept. */
export const DIGEST_RE = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

export type DigestAlgorithm = 'sha256' | 'sha512';

export function isDigest(value: unknown): boolean {
  return typeof value === 'string' && DIGEST_RE.test(value);
}

/** The algorithm of a valid digest; throws naming `what` and the bad value otherwise. */
export function digestAlgorithm(value: unknown, what = 'digest'): DigestAlgorithm {
  if (!isDigest(value)) throw new Error(`${what} ${JSON.stringify(String(value)).slice(0, 200)} is not a digest (sha256:<64 hex> or sha512:<128 hex>)`);
  const v = value as string;
  return v.slice(0, v.indexOf(':')) as DigestAlgorithm;
}

/**
 * The path of a blob in an OCI image layout rooted at `dir`: `<dir>/blobs/<alg>/<hex>`. The ONE
 * place blob paths are built; a value that is not a valid digest never becomes a path.
 */
export function blobPath(dir: string, digest: unknown): string {
  digestAlgorithm(digest, 'blob digest');
  const d = digest as string;
  return `${dir.replace(/\/+$/, '')}/blobs/${d.slice(0, d.indexOf(':'))}/${d.slice(d.indexOf(':') + 1)}`;
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
  artifactType?: string;
}

export interface ImageIndex {
  schemaVersion: number;
  mediaType?: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

export interface ImageManifest {
  schemaVersion: number;
  mediaType?: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

export function isIndexType(mediaType: string | undefined): boolean {
  return mediaType === OCI_INDEX || mediaType === DOCKER_LIST;
}

export function platformString(p: Platform | undefined): string {
  if (!p) return 'unknown/unknown';
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
}

/**
 * BuildKit attestations (provenance, SBOM) and other non-image index entries: annotated
 * `vnd.docker.reference.type: attestation-manifest`, OCI artifacts (an `artifactType`), or an
 * entry whose platform OS is `unknown`. Takes parsed-but-unchecked JSON too (scan adapters).
 */
export function isAttestation(d: { annotations?: unknown; artifactType?: unknown; platform?: unknown }): boolean {
  const annotations = (typeof d.annotations === 'object' && d.annotations !== null ? d.annotations : {}) as Record<string, unknown>;
  const platform = (typeof d.platform === 'object' && d.platform !== null ? d.platform : {}) as Record<string, unknown>;
  return annotations['vnd.docker.reference.type'] === 'attestation-manifest' || (typeof d.artifactType === 'string' && d.artifactType !== '') || platform.os === 'unknown';
}

/** A manifest that ACR Personal refuses: an OCI artifact (empty config, artifactType or subject). */
export function isArtifactManifest(m: ImageManifest): boolean {
  return m.config?.mediaType === OCI_EMPTY || !!m.artifactType || !!m.subject;
}

export function parseJson<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new Error(`${what} is not valid JSON (${(e as Error).message})`, { cause: e });
  }
}
