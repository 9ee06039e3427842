/**
 * What goes to each target: every blob and platform manifest BY DIGEST, then the index by digest,
 * and only after every target holds all of that, the index under each planned tag.
 *
 * Alibaba ACR targets get the index without attestation manifests (ACR Personal rejects OCI
 * artifacts: `unknown manifest class for application/vnd.oci.empty.v1+json`); every other target
 * gets the image exactly as built. With buildah, index-level annotations are added here, because
 * buildah only sets manifest annotations.
 */
import type { PlannedTarget } from '../plan.js';
import type { RegistryKind } from '../targets.js';
import { isAttestation, isArtifactManifest, isIndexType, platformString, type Descriptor, type ImageIndex, type ImageManifest } from '../oci.js';

export interface LayoutManifest {
  descriptor: Descriptor;
  /** the exact bytes, as a string */
  body: string;
  manifest: ImageManifest;
}

/** An image in a local OCI layout: the root (index or single manifest) and, for an index, its manifests. */
export interface LayoutImage {
  root: { descriptor: Descriptor; body: string };
  children: LayoutManifest[];
  /** when the root is a single image manifest */
  single?: ImageManifest;
}

export interface ManifestPush {
  digest: string;
  mediaType: string;
  body: string;
  blobs: Descriptor[];
}

export interface TargetPush {
  image: string;
  registry: string;
  repository: string;
  kind: RegistryKind;
  root: { mediaType: string; body: string; changed: boolean };
  /** pushed by digest before the root; image manifests before attestations */
  manifests: ManifestPush[];
  /** tag names (with the ACR component prefix) */
  tags: string[];
  references: string[];
  dropped: Array<{ digest: string; platform: string }>;
  notes: string[];
}

/** What a push needs of a planned target (the tag plan's targets, or the `plan` JSON the merge sub-action reads). */
export type PushTarget = Pick<PlannedTarget, 'image' | 'registry' | 'repository' | 'kind' | 'references'>;

export const ACR_ATTESTATION_NOTE =
  'Alibaba ACR rejects OCI-artifact attestations (`unknown manifest class for application/vnd.oci.empty.v1+json`), so the index pushed there has no provenance/SBOM manifests; other registries get them';

function blobsOf(m: ImageManifest): Descriptor[] {
  return [m.config, ...(m.layers ?? [])].filter((d): d is Descriptor => !!d?.digest);
}

function rootFor(image: LayoutImage, keep: (d: Descriptor) => boolean, indexAnnotations: Record<string, string>): TargetPush['root'] {
  const { descriptor, body } = image.root;
  if (!isIndexType(descriptor.mediaType)) return { mediaType: descriptor.mediaType, body, changed: false };
  const index = JSON.parse(body) as ImageIndex;
  const manifests = index.manifests.filter(keep);
  const addAnnotations = Object.entries(indexAnnotations).some(([k, v]) => index.annotations?.[k] !== v);
  if (manifests.length === index.manifests.length && !addAnnotations) return { mediaType: descriptor.mediaType, body, changed: false };
  const next: ImageIndex = { ...index, manifests };
  if (addAnnotations) next.annotations = { ...index.annotations, ...indexAnnotations };
  return { mediaType: descriptor.mediaType, body: JSON.stringify(next), changed: true };
}

export function planTargetPush(image: LayoutImage, target: PushTarget, indexAnnotations: Record<string, string> = {}): TargetPush {
  const acr = target.kind === 'acr';
  const byDigest = new Map(image.children.map((c) => [c.descriptor.digest, c]));
  const rejected = (d: Descriptor): boolean => {
    const child = byDigest.get(d.digest);
    return acr && (isAttestation(d) || (child !== undefined && isArtifactManifest(child.manifest)));
  };
  const kept = image.children.filter((c) => !rejected(c.descriptor));
  const dropped = image.children.filter((c) => rejected(c.descriptor)).map((c) => ({ digest: c.descriptor.digest, platform: platformString(c.descriptor.platform) }));
  const ordered = [...kept.filter((c) => !isAttestation(c.descriptor)), ...kept.filter((c) => isAttestation(c.descriptor))];
  const manifests: ManifestPush[] = ordered.map((c) => ({ digest: c.descriptor.digest, mediaType: c.descriptor.mediaType, body: c.body, blobs: blobsOf(c.manifest) }));
  return {
    image: target.image,
    registry: target.registry,
    repository: target.repository,
    kind: target.kind,
    root: image.single ? { mediaType: image.root.descriptor.mediaType, body: image.root.body, changed: false } : rootFor(image, (d) => !rejected(d), indexAnnotations),
    manifests,
    tags: target.references.map((r) => r.tag),
    references: target.references.map((r) => r.ref),
    dropped,
    notes: dropped.length > 0 ? [`${target.image}: ${dropped.length} attestation manifest(s) left out. ${ACR_ATTESTATION_NOTE}`] : []
  };
}

/** The push of every target. A single-manifest root is pushed as it is (its blobs first). */
export function planPush(image: LayoutImage, targets: PushTarget[], indexAnnotations: Record<string, string> = {}): TargetPush[] {
  return targets.map((t) => planTargetPush(image, t, indexAnnotations));
}

/** Blobs of the whole push of one target, deduplicated, single-manifest roots included. */
export function targetBlobs(image: LayoutImage, push: TargetPush): Descriptor[] {
  const all = image.single ? blobsOf(image.single) : push.manifests.flatMap((m) => m.blobs);
  const seen = new Set<string>();
  return all.filter((d) => (seen.has(d.digest) ? false : (seen.add(d.digest), true)));
}
