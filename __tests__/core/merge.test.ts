/**
 * The merge composition, pure: a REAL BuildKit index (../shared/fixtures/buildx, linux/amd64 +
 * linux/arm64 + two attestation manifests) split into the two one-platform indexes that push-by-digest
 * jobs would push, then merged back; Alibaba ACR targets get it without attestations; order,
 * duplicates, missing platforms and the plan/digests inputs as tables.
 */
import { describe, expect, it } from '@jest/globals';
import { ACR_ATTESTATION_NOTE, type LayoutManifest } from '../../src/core/build/push-plan.js';
import { DOCKER_LIST, DOCKER_MANIFEST, OCI_INDEX, OCI_MANIFEST, isAttestation, type Descriptor, type ImageIndex, type ImageManifest } from '../../src/core/oci.js';
import { composeIndex, mergeMarkdown, mergeOutputs, mergePushes, parseDigests, parseMergePlan, type MergeSource } from '../../src/core/merge.js';
import { planJson } from '../../src/core/outputs.js';
import { recordedFixture, smallTagPlan } from '../helpers/build.js';

const INDEX = JSON.parse(recordedFixture('imagetools-raw-index-with-attestations.json')) as ImageIndex;
const ATTESTATION = recordedFixture('imagetools-raw-attestation-manifest.json');
const [AMD64, ARM64, AMD64_ATT, ARM64_ATT] = INDEX.manifests;
const d = (c: string): string => `sha256:${c.repeat(64)}`;

function child(descriptor: Descriptor): LayoutManifest {
  const body = isAttestation(descriptor)
    ? ATTESTATION
    : JSON.stringify({ schemaVersion: 2, mediaType: descriptor.mediaType, config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: d('c'), size: 1 }, layers: [] });
  return { descriptor, body, manifest: JSON.parse(body) as ImageManifest };
}

/** What a push-by-digest job for one platform pushes: an index of that platform and its attestation. */
const source = (digest: string, ...descriptors: Descriptor[]): MergeSource => ({ digest, children: descriptors.map(child) });
const amd = source(d('a'), AMD64, AMD64_ATT);
const arm = source(d('b'), ARM64, ARM64_ATT);

const plan = (images = ['ghcr.io/acme/backend', 'registry.cn-hangzhou.aliyuncs.com/acme']) =>
  parseMergePlan(JSON.stringify(planJson(smallTagPlan(images, undefined, { component: 'backend' }))));

describe('composeIndex', () => {
  it('the two one-platform halves of a real BuildKit index merge back into that index (same manifests, same order)', () => {
    const composed = composeIndex([amd, arm], ['linux/amd64', 'linux/arm64']);
    expect(JSON.parse(composed.image.root.body)).toEqual(INDEX);
    expect(composed.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(composed.from).toEqual([{ platform: 'linux/amd64', digest: d('a') }, { platform: 'linux/arm64', digest: d('b') }]);
    expect(composed.origin[ARM64_ATT.digest]).toEqual({ digest: d('b'), platform: 'linux/arm64 attestation' });
  });

  it.each([
    ['the platforms input', [amd, arm], ['linux/arm64', 'linux/amd64'], ['linux/arm64', 'linux/amd64']],
    ['the platforms input, whatever order the digests come in', [arm, amd], ['linux/amd64', 'linux/arm64'], ['linux/amd64', 'linux/arm64']],
    ['the digests, without a platforms input', [arm, amd], undefined, ['linux/arm64', 'linux/amd64']]
  ] as const)('orders platforms by %s, each attestation after the images in the same order', (_why, sources, order, expected) => {
    const index = JSON.parse(composeIndex([...sources], order ? [...order] : undefined).image.root.body) as ImageIndex;
    const att = (p: string) => (p === 'linux/amd64' ? AMD64_ATT : ARM64_ATT).digest;
    const img = (p: string) => (p === 'linux/amd64' ? AMD64 : ARM64).digest;
    expect(index.manifests.map((m) => m.digest)).toEqual([...expected.map(img), ...expected.map(att)]);
  });

  it('is deterministic: the same sources give byte-identical JSON (so one digest in every registry)', () => {
    const a = composeIndex([amd, arm], ['linux/amd64', 'linux/arm64'], { 'org.opencontainers.image.version': 'v1.2.3' });
    const b = composeIndex([arm, amd], ['linux/amd64', 'linux/arm64'], { 'org.opencontainers.image.version': 'v1.2.3' });
    expect(a.image.root.body).toBe(b.image.root.body);
    expect(JSON.parse(a.image.root.body)).toMatchObject({ schemaVersion: 2, mediaType: OCI_INDEX, annotations: { 'org.opencontainers.image.version': 'v1.2.3' } });
  });

  it('single image manifests (docker builder, or a one-platform build without an index) become a Docker list when all are Docker manifests', () => {
    const one = (digest: string, architecture: string): MergeSource => source(digest, { mediaType: DOCKER_MANIFEST, digest, size: 500, platform: { os: 'linux', architecture } });
    const composed = composeIndex([one(d('1'), 'amd64'), one(d('2'), 'arm64')], undefined, { ignored: 'docker lists have no annotations' });
    expect(JSON.parse(composed.image.root.body)).toEqual({
      schemaVersion: 2,
      mediaType: DOCKER_LIST,
      manifests: [
        { mediaType: DOCKER_MANIFEST, digest: d('1'), size: 500, platform: { os: 'linux', architecture: 'amd64' } },
        { mediaType: DOCKER_MANIFEST, digest: d('2'), size: 500, platform: { os: 'linux', architecture: 'arm64' } }
      ]
    });
    const mixed = composeIndex([one(d('1'), 'amd64'), source(d('3'), { mediaType: OCI_MANIFEST, digest: d('3'), size: 9, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } })], undefined);
    expect(mixed.image.root.descriptor.mediaType).toBe(OCI_INDEX);
    expect(mixed.platforms).toEqual(['linux/amd64', 'linux/arm64/v8']);
  });

  it.each([
    ['a platform whose build job did not push', [amd], ['linux/amd64', 'linux/arm64'], `Invalid digests '${d('a')} (linux/amd64)': no digest holds linux/arm64: the build job for that platform did not push, or its digest did not reach this step`],
    ['two digests for one platform', [amd, source(d('e'), { ...AMD64, digest: d('f') })], undefined, `Invalid digests '${d('a')}, ${d('e')}': both hold an image for linux/amd64: give one digest per platform`],
    ['a platform the input does not list', [amd, arm], ['linux/amd64'], "Invalid platforms 'linux/amd64': the digests also hold linux/arm64; list every platform, or leave platforms empty"],
    ['attestations only', [source(d('a'), AMD64_ATT)], undefined, `Invalid digests '${d('a')}': these hold no platform image (only attestations?)`]
  ] as const)('refuses %s', (_why, sources, order, message) => {
    expect(() => composeIndex([...sources], order ? [...order] : undefined)).toThrow(message);
  });
});

describe('mergePushes', () => {
  it('GHCR gets the whole index; Alibaba ACR the images only (the build\'s ACR rule), nothing is uploaded, the children must be there', () => {
    const composed = composeIndex([amd, arm], ['linux/amd64', 'linux/arm64']);
    const [ghcr, acr] = mergePushes(composed, plan().targets);
    expect(ghcr).toMatchObject({ image: 'ghcr.io/acme/backend', manifests: [], dropped: [], tags: ['v1.2.3', '1.2.3', '1.2', '1'] });
    expect(ghcr.root.body).toBe(composed.image.root.body);
    expect(ghcr.children).toEqual(INDEX.manifests.map((m) => m.digest));
    expect(acr.repository).toBe('acme/ai-infra-matrix');
    expect(acr.tags).toEqual(['backend-v1.2.3', 'backend-1.2.3', 'backend-1.2', 'backend-1']);
    expect(acr.children).toEqual([AMD64.digest, ARM64.digest]);
    expect((JSON.parse(acr.root.body) as ImageIndex).manifests).toEqual([AMD64, ARM64]);
    expect(acr.dropped).toHaveLength(2);
    expect(acr.notes[0]).toContain(ACR_ATTESTATION_NOTE);
  });
});

describe('inputs', () => {
  it('plan: the meta `plan` output (a real one) gives every target with every reference and the annotations', () => {
    const p = plan();
    expect(p.version).toBe('v1.2.3');
    expect(p.targets.map((t) => [t.registry, t.kind, t.repository, t.references.length])).toEqual([
      ['ghcr.io', 'ghcr', 'acme/backend', 4],
      ['registry.cn-hangzhou.aliyuncs.com', 'acr', 'acme/ai-infra-matrix', 4]
    ]);
    expect(p.annotations).toEqual({ 'org.opencontainers.image.version': 'v1.2.3' });
  });

  it.each([
    ['not JSON', '{', /^Invalid plan '\{': not JSON/],
    ['no targets list', '{"version":"v1"}', /no `targets` list; expected the `plan` output of org\/aim-build\/meta/],
    ['no targets', '{"targets":[]}', /the plan has no targets \(no images were given to meta\)/],
    ['a bad tag', JSON.stringify({ targets: [{ registry: 'ghcr.io', kind: 'ghcr', repository: 'a/b', image: 'ghcr.io/a/b', references: [{ ref: 'x', tag: '-x' }] }] }), /targets\[0\]\.references\[0\]: a tag cannot start with '-'/],
    ['an unknown kind', JSON.stringify({ targets: [{ registry: 'ghcr.io', kind: 'quay', repository: 'a/b', image: 'ghcr.io/a/b', references: [] }] }), /targets\[0\]\.kind is not one of acr, ghcr, dockerhub, generic/]
  ])('plan: %s is refused with the fix', (_why, text, message) => {
    expect(() => parseMergePlan(text)).toThrow(message);
  });

  it('digests: newline or comma separated, repeats dropped; anything else is refused', () => {
    expect(parseDigests(` ${d('a')}\n${d('b')},${d('a')}\n`)).toEqual([d('a'), d('b')]);
    expect(() => parseDigests('\n')).toThrow("Invalid digests '\n': give the `digest` output of every push-by-digest build job");
    expect(() => parseDigests('ghcr.io/acme/app@sha256:abc')).toThrow("Invalid digests 'ghcr.io/acme/app@sha256:abc': expected sha256:<64 hex digits>");
  });
});

describe('outputs and summary', () => {
  it('digest, every reference written, and a table per reference', () => {
    const r = {
      digest: d('9'),
      platforms: ['linux/amd64', 'linux/arm64'],
      targets: [
        { image: 'ghcr.io/acme/app', registry: 'ghcr.io', digest: d('9'), references: ['ghcr.io/acme/app:v1', 'ghcr.io/acme/app:1'], dropped: 0 },
        { image: 'r.aliyuncs.com/a/m', registry: 'r.aliyuncs.com', digest: d('8'), references: ['r.aliyuncs.com/a/m:x-v1'], dropped: 2 }
      ]
    };
    expect(mergeOutputs(r)).toEqual({ digest: d('9'), tags: 'ghcr.io/acme/app:v1\nghcr.io/acme/app:1\nr.aliyuncs.com/a/m:x-v1' });
    const md = mergeMarkdown(r, [{ platform: 'linux/amd64', digest: d('a') }]);
    expect(md).toContain('One index of 2 platform(s) (linux/amd64, linux/arm64)');
    expect(md).toContain('| r.aliyuncs.com | `r.aliyuncs.com/a/m:x-v1` | `sha256:888888888888…` | 2 attestation(s) left out (Alibaba ACR) |');
  });
});
