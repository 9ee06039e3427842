/** OCI image-spec shapes (index, manifest, descriptor) and the few questions we ask of them. */
import { formatPlatform, type Platform } from '../platform.js';

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const OCI_EMPTY = 'application/vnd.oci.empty.v1+json';

export type { Platform };

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

/** `os/arch[/variant]` of a descriptor's platform (formatting lives in ../platform.ts). */
export const platformString = formatPlatform;

/**
 * BuildKit attestations (provenance, SBOM): index entries annotated `vnd.docker.reference.type:
 * attestation-manifest` with platform unknown/unknown, or OCI artifacts (an `artifactType`).
 */
export function isAttestation(d: Descriptor): boolean {
  return d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' || !!d.artifactType || platformString(d.platform) === 'unknown/unknown';
}

/** A manifest that ACR Personal refuses: an OCI artifact (empty config, artifactType or subject). */
export function isArtifactManifest(m: ImageManifest): boolean {
  return m.config?.mediaType === OCI_EMPTY || !!m.artifactType || !!m.subject;
}

/**
 * An OCI image index of platform manifests, in the order given (the user's platform order), each
 * entry labelled with its platform; the text whose sha256 is the index digest.
 */
export function platformIndexText(manifests: ReadonlyArray<{ mediaType: string; digest: string; size: number; platform: Platform }>): string {
  const index: ImageIndex = {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: manifests.map((m) => ({ mediaType: m.mediaType, digest: m.digest, size: m.size, platform: { architecture: m.platform.architecture, os: m.platform.os, ...(m.platform.variant ? { variant: m.platform.variant } : {}) } }))
  };
  return JSON.stringify(index);
}

export function parseJson<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new Error(`${what} is not valid JSON (${(e as Error).message})`, { cause: e });
  }
}
