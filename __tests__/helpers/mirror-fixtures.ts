/**
 * Multi-arch fixture images, built in memory by the tests and pushed with RegistryClient (blobs,
 * then platform manifests by digest, then the index, then the tag). Layers are random bytes
 * (the registry checks digests and sizes, not tar contents); a shared base layer goes into every
 * platform of every image, as a common CUDA/Python base would.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { RegistryClient } from '../../src/adapters/registry/client.js';

export interface FixtureImage {
  repository: string;
  tag: string;
  /** digest of what the tag points at (index or manifest) */
  digest: string;
  mediaType: string;
  /** platform → manifest digest (attestations under 'attestation') */
  children: Record<string, string>;
  /** every blob digest → size */
  blobs: Map<string, number>;
  /** bytes of the blobs unique to this image (not in the shared base) */
  uniqueBytes: number;
}

const digestOf = (b: Uint8Array): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

export function sharedBase(size: number): Buffer {
  return randomBytes(size);
}

/**
 * Push `repository:tag`: one manifest per platform (shared base layer + a unique layer of
 * `layerBytes` + a config), an optional BuildKit-style attestation manifest, an index over them
 * (or a single manifest when one platform and no attestation).
 */
export async function pushFixture(client: RegistryClient, repository: string, tag: string, o: { base: Buffer; platforms: string[]; layerBytes: number; attestation?: boolean }): Promise<FixtureImage> {
  const blobs = new Map<string, number>();
  let uniqueBytes = 0;
  const upload = async (b: Buffer, unique: boolean): Promise<{ digest: string; size: number }> => {
    const r = await client.uploadBlob(repository, b);
    if (unique && !blobs.has(r.digest)) uniqueBytes += r.size;
    blobs.set(r.digest, r.size);
    return r;
  };
  const baseDesc = await upload(o.base, false);
  const children: Record<string, string> = {};
  const descs: object[] = [];
  for (const p of o.platforms) {
    const [os, architecture, variant] = p.split('/');
    const layer = await upload(randomBytes(o.layerBytes), true);
    const config = await upload(Buffer.from(JSON.stringify({ architecture, os, ...(variant ? { variant } : {}), rootfs: { type: 'layers', diff_ids: [baseDesc.digest, layer.digest] }, config: {} })), true);
    const manifest = Buffer.from(JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config.digest, size: config.size },
      layers: [
        { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...baseDesc },
        { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...layer }
      ]
    }));
    const d = digestOf(manifest);
    await client.putManifest(repository, d, manifest, OCI_MANIFEST);
    children[p] = d;
    descs.push({ mediaType: OCI_MANIFEST, digest: d, size: manifest.length, platform: { os, architecture, ...(variant ? { variant } : {}) } });
  }
  if (o.attestation) {
    const statement = await upload(Buffer.from(JSON.stringify({ _type: 'https://in-toto.io/Statement/v0.1', predicateType: 'https://slsa.dev/provenance/v0.2', nonce: randomBytes(8).toString('hex') })), true);
    const empty = await upload(Buffer.from('{}'), false);
    const subject = descs[0] as { digest: string };
    const m = Buffer.from(JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...empty },
      layers: [{ mediaType: 'application/vnd.in-toto+json', ...statement, annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' } }]
    }));
    const d = digestOf(m);
    await client.putManifest(repository, d, m, OCI_MANIFEST);
    children.attestation = d;
    descs.push({ mediaType: OCI_MANIFEST, digest: d, size: m.length, platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': subject.digest } });
  }
  if (descs.length === 1) {
    const only = Object.values(children)[0];
    const m = await client.getManifest(repository, only);
    await client.putManifest(repository, tag, m.body, OCI_MANIFEST);
    return { repository, tag, digest: only, mediaType: OCI_MANIFEST, children, blobs, uniqueBytes };
  }
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: descs }));
  const digest = digestOf(index);
  await client.putManifest(repository, digest, index, OCI_INDEX);
  await client.putManifest(repository, tag, index, OCI_INDEX);
  return { repository, tag, digest, mediaType: OCI_INDEX, children, blobs, uniqueBytes };
}
