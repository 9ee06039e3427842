/**
 * The push plan against a REAL BuildKit index (../shared/fixtures/buildx/imagetools-raw-index-with-attestations.json:
 * linux/amd64 + linux/arm64 + two attestation manifests): ACR targets get the index without the
 * attestations, every other target the exact bytes; tags only for planned references.
 */
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { planPush, planTargetPush, targetBlobs, type LayoutImage, ACR_ATTESTATION_NOTE } from '../../../src/core/build/push-plan.js';
import { isArtifactManifest, isAttestation, OCI_EMPTY, OCI_INDEX, OCI_MANIFEST, type ImageIndex, type ImageManifest } from '../../../src/core/oci.js';
import { recordedFixture, smallTagPlan } from '../../helpers/build.js';

const sha = (s: string): string => `sha256:${createHash('sha256').update(s).digest('hex')}`;
const INDEX = recordedFixture('imagetools-raw-index-with-attestations.json');
const ATTESTATION = recordedFixture('imagetools-raw-attestation-manifest.json');

function manifestFor(i: number): ImageManifest {
  return {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${String(i).repeat(64).slice(0, 64)}`, size: 10 },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: `sha256:${String(i + 5).repeat(64).slice(0, 64)}`, size: 20 }]
  };
}

function layoutImage(): LayoutImage {
  const index = JSON.parse(INDEX) as ImageIndex;
  return {
    root: { descriptor: { mediaType: OCI_INDEX, digest: sha(INDEX), size: INDEX.length }, body: INDEX },
    children: index.manifests.map((d, i) => {
      const body = isAttestation(d) ? ATTESTATION : JSON.stringify(manifestFor(i));
      return { descriptor: d, body, manifest: JSON.parse(body) as ImageManifest };
    })
  };
}

const ACR = 'registry.cn-hangzhou.aliyuncs.com/acme';

describe('push plan', () => {
  it('the recorded index is what BuildKit exported (digest 5ac2d3ac…) and has 2 attestations', () => {
    expect(sha(INDEX)).toBe('sha256:5ac2d3ac39878329a6328eba5b2a6e5e7a06279244eea0f2ea893f76cefff26c');
    expect((JSON.parse(INDEX) as ImageIndex).manifests.filter(isAttestation)).toHaveLength(2);
  });

  it('GHCR gets the exact bytes (same digest as built); ACR gets the platforms only, with a note', () => {
    const plan = smallTagPlan(['ghcr.io/acme/backend', ACR], undefined, { component: 'backend' });
    const [ghcr, acr] = planPush(layoutImage(), plan.targets);
    expect(ghcr.root).toEqual({ mediaType: OCI_INDEX, body: INDEX, changed: false });
    expect(ghcr.manifests.map((m) => m.digest)).toEqual((JSON.parse(INDEX) as ImageIndex).manifests.map((d) => d.digest));
    expect(ghcr.dropped).toEqual([]);
    expect(ghcr.tags).toEqual(['v1.2.3', '1.2.3', '1.2', '1']);

    const acrIndex = JSON.parse(acr.root.body) as ImageIndex;
    expect(acr.root.changed).toBe(true);
    expect(acrIndex.manifests.map((d) => `${d.platform?.os}/${d.platform?.architecture}`)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(acr.manifests).toHaveLength(2);
    expect(acr.dropped.map((d) => d.platform)).toEqual(['unknown/unknown', 'unknown/unknown']);
    expect(acr.repository).toBe('acme/ai-infra-matrix');
    expect(acr.tags).toEqual(['backend-v1.2.3', 'backend-1.2.3', 'backend-1.2', 'backend-1']);
    expect(acr.notes).toEqual([`${ACR}/ai-infra-matrix: 2 attestation manifest(s) left out. ${ACR_ATTESTATION_NOTE}`]);
  });

  it('image manifests are pushed before the attestations that refer to them; blobs are deduplicated', () => {
    const [ghcr] = planPush(layoutImage(), smallTagPlan(['ghcr.io/acme/backend']).targets);
    const isAtt = ghcr.manifests.map((m) => m.body === ATTESTATION);
    expect(isAtt).toEqual([false, false, true, true]);
    const blobs = targetBlobs(layoutImage(), ghcr);
    expect(new Set(blobs.map((b) => b.digest)).size).toBe(blobs.length);
  });

  it('an OCI-artifact manifest (empty config) is left out for ACR even without the index annotation', () => {
    const image = layoutImage();
    const artifact = { ...manifestFor(9), config: { mediaType: OCI_EMPTY, digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a', size: 2 } };
    image.children[1] = { ...image.children[1], manifest: artifact };
    expect(isArtifactManifest(artifact)).toBe(true);
    const acr = planTargetPush(image, smallTagPlan([ACR], undefined, { component: 'backend' }).targets[0]);
    expect(acr.dropped).toHaveLength(3);
  });

  it('buildah: index-level annotations are added to the pushed index (the one place buildah cannot set them)', () => {
    const p = planTargetPush(layoutImage(), smallTagPlan(['ghcr.io/acme/backend']).targets[0], { 'org.opencontainers.image.version': 'v1.2.3' });
    expect(p.root.changed).toBe(true);
    expect((JSON.parse(p.root.body) as ImageIndex).annotations).toEqual({ 'org.opencontainers.image.version': 'v1.2.3' });
  });

  it('a single-manifest image is pushed as it is: blobs, then the manifest under the tags', () => {
    const m = manifestFor(1);
    const body = JSON.stringify(m);
    const image: LayoutImage = { root: { descriptor: { mediaType: OCI_MANIFEST, digest: sha(body), size: body.length }, body }, children: [], single: m };
    const [p] = planPush(image, smallTagPlan([ACR], undefined, { component: 'backend' }).targets);
    expect(p.manifests).toEqual([]);
    expect(p.root).toEqual({ mediaType: OCI_MANIFEST, body, changed: false });
    expect(targetBlobs(image, p).map((b) => b.digest)).toEqual([m.config.digest, m.layers[0].digest]);
  });
});
