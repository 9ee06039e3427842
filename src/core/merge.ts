/**
 * The `merge` sub-action, pure part. A multi-runner build pushes one image per platform BY DIGEST
 * (`push-by-digest: true`, one platform per job); merge combines them into ONE index:
 *   plan JSON + digests → the per-platform manifests (and their attestations) → one index, platforms
 *   in a fixed order → per target the index to push (Alibaba ACR without attestations, by the
 *   build's own push plan) → the children every target must already hold.
 * The adapter reads the registries, checks those children, and pushes with the build's all-or-nothing
 * push (every index by digest everywhere, then the tags).
 */
import { InputError } from './errors.js';
import { code } from './markdown.js';
import { DOCKER_LIST, DOCKER_MANIFEST, OCI_INDEX, isAttestation, platformString, type ImageIndex } from './oci.js';
import { planPush, type LayoutImage, type LayoutManifest, type PushTarget, type TargetPush } from './build/push-plan.js';
import { domainProblem, pathComponentProblem, tagProblem } from './reference.js';
import { table } from './summary.js';
import type { RegistryKind } from './targets.js';

export interface MergePlan {
  version: string;
  targets: PushTarget[];
  /** the plan's OCI annotations; they go onto the index (what registries show for a multi-arch image) */
  annotations: Record<string, string>;
  /** for the release-tag guard: the git tag of a tag build (from `event.ref`) */
  gitTag?: string;
  /** the latest tag's name (`latest.tag`; default `latest`) */
  latestTag: string;
  /** image → ACR component prefix (`targets[].tagPrefix`, else `<component>-` when every tag has it) */
  tagPrefixes: Record<string, string>;
}

/** One digest a build job pushed, as read from a registry. */
export interface MergeSource {
  digest: string;
  /** an index's manifests (images and attestations), or the single image manifest itself (its descriptor carries the platform from its config) */
  children: LayoutManifest[];
}

export interface ComposedIndex {
  /** the full index (every attestation) with its children, in the shape the build's push plan takes */
  image: LayoutImage;
  /** platforms in index order, each with the digest it came from */
  platforms: string[];
  from: Array<{ platform: string; digest: string }>;
  /** child digest → the digest given for it and its platform (for error messages) */
  origin: Record<string, { digest: string; platform: string }>;
}

export interface MergePush extends TargetPush {
  /** the manifests this target's index references: they must already be in the repository */
  children: string[];
}

const KINDS: RegistryKind[] = ['acr', 'ghcr', 'dockerhub', 'generic'];
const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;
const PLAN_HINT = 'expected the `plan` output of org/aim-build/meta (or of the full action): JSON with `targets[]`, each with registry, kind, repository, image and references';

function planError(value: string, what: string): InputError {
  return new InputError('plan', value.length > 60 ? `${value.slice(0, 57)}...` : value, `${what}; ${PLAN_HINT}`);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseTarget(raw: unknown, i: number, text: string): PushTarget {
  if (!isRecord(raw)) throw planError(text, `targets[${i}] is not an object`);
  const { registry, kind, repository, image, references } = raw;
  if (typeof registry !== 'string' || domainProblem(registry)) throw planError(text, `targets[${i}].registry is not a registry host[:port]`);
  if (typeof kind !== 'string' || !KINDS.includes(kind as RegistryKind)) throw planError(text, `targets[${i}].kind is not one of ${KINDS.join(', ')}`);
  if (typeof repository !== 'string' || repository.split('/').some((c) => pathComponentProblem(c))) throw planError(text, `targets[${i}].repository is not a repository path`);
  if (typeof image !== 'string' || image === '') throw planError(text, `targets[${i}].image is missing`);
  if (!Array.isArray(references)) throw planError(text, `targets[${i}].references is not a list`);
  const refs = references.map((r, j) => {
    if (!isRecord(r) || typeof r.tag !== 'string' || typeof r.ref !== 'string') throw planError(text, `targets[${i}].references[${j}] has no tag/ref`);
    const problem = tagProblem(r.tag);
    if (problem) throw planError(text, `targets[${i}].references[${j}]: ${problem}`);
    return { ref: r.ref, tag: r.tag, rule: typeof r.rule === 'string' ? r.rule : '' };
  });
  return { registry, kind: kind as RegistryKind, repository, image, references: refs };
}

/** The `plan` input: the meta action's `plan` output. */
export function parseMergePlan(text: string, allowNoTargets = false): MergePlan {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw planError(text, `not JSON (${(e as Error).message})`);
  }
  if (!isRecord(json) || !Array.isArray(json.targets)) throw planError(text, 'no `targets` list');
  const targets = json.targets.map((t, i) => parseTarget(t, i, text));
  if (targets.length === 0 && !allowNoTargets) throw planError(text, 'the plan has no targets (no images were given to meta), so there is nothing to merge into');
  const annotations = isRecord(json.annotations) ? Object.fromEntries(Object.entries(json.annotations).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};
  const ref = isRecord(json.event) && typeof json.event.ref === 'string' ? json.event.ref : '';
  const latestTag = isRecord(json.latest) && typeof json.latest.tag === 'string' && !tagProblem(json.latest.tag) ? json.latest.tag : 'latest';
  const tagPrefixes = Object.fromEntries(targets.map((t, i) => [t.image, tagPrefixOf((json.targets as unknown[])[i], t)]));
  return { version: typeof json.version === 'string' ? json.version : '', targets, annotations, ...(ref.startsWith('refs/tags/') ? { gitTag: ref.slice(10) } : {}), latestTag, tagPrefixes };
}

function tagPrefixOf(raw: unknown, t: PushTarget): string {
  const r = raw as Record<string, unknown>;
  if (typeof r.tagPrefix === 'string') return t.references.every((ref) => ref.tag.startsWith(r.tagPrefix as string)) ? r.tagPrefix : '';
  const component = typeof r.component === 'string' && r.component !== '' ? `${r.component}-` : '';
  return component && t.references.length > 0 && t.references.every((ref) => ref.tag.startsWith(component)) ? component : '';
}

/** The `digests` input: `sha256:…` per line or comma separated; repeats are dropped. */
export function parseDigests(text: string): string[] {
  const digests = text.split(/[\s,]+/).filter(Boolean);
  if (digests.length === 0) throw new InputError('digests', text, 'give the `digest` output of every push-by-digest build job, one per line');
  for (const d of digests) {
    if (!DIGEST_RE.test(d)) throw new InputError('digests', d, 'expected sha256:<64 hex digits>, one per line or comma separated (the `digest` output of each push-by-digest build job)');
  }
  return [...new Set(digests)];
}

const REFERENCE_DIGEST = 'vnd.docker.reference.digest';

interface Entry {
  platform: string;
  child: LayoutManifest;
  digest: string;
}

function imageEntries(sources: MergeSource[]): Entry[] {
  const entries: Entry[] = [];
  for (const s of sources) {
    for (const child of s.children.filter((c) => !isAttestation(c.descriptor))) {
      const platform = platformString(child.descriptor.platform);
      const twin = entries.find((e) => e.platform === platform);
      if (twin) {
        if (twin.child.descriptor.digest === child.descriptor.digest) continue;
        throw new InputError('digests', `${twin.digest}, ${s.digest}`, `both hold an image for ${platform}: give one digest per platform`);
      }
      entries.push({ platform, child, digest: s.digest });
    }
  }
  return entries;
}

function ordered(entries: Entry[], order: string[] | undefined): Entry[] {
  if (!order) return entries;
  const missing = order.filter((p) => !entries.some((e) => e.platform === p));
  if (missing.length > 0) {
    throw new InputError('digests', entries.map((e) => `${e.digest} (${e.platform})`).join(', ') || '(none)', `no digest holds ${missing.join(', ')}: the build job for ${missing.length === 1 ? 'that platform' : 'those platforms'} did not push, or its digest did not reach this step`);
  }
  const extra = entries.filter((e) => !order.includes(e.platform));
  if (extra.length > 0) throw new InputError('platforms', order.join(','), `the digests also hold ${extra.map((e) => e.platform).join(', ')}; list every platform, or leave platforms empty`);
  return order.map((p) => entries.find((e) => e.platform === p) as Entry);
}

function mediaTypeFor(images: Entry[], attestations: LayoutManifest[]): string {
  return attestations.length === 0 && images.every((e) => e.child.descriptor.mediaType === DOCKER_MANIFEST) ? DOCKER_LIST : OCI_INDEX;
}

/**
 * ONE index of every platform: image manifests in `order` (the `platforms` input) or in the order the
 * digests were given, then each one's attestation manifests in the same order. Deterministic: the
 * same sources give byte-identical JSON, so the same digest in every registry.
 */
export function composeIndex(sources: MergeSource[], order: string[] | undefined, annotations: Record<string, string> = {}): ComposedIndex {
  const images = ordered(imageEntries(sources), order);
  if (images.length === 0) throw new InputError('digests', sources.map((s) => s.digest).join(', '), 'these hold no platform image (only attestations?)');
  const all = sources.flatMap((s) => s.children.filter((c) => isAttestation(c.descriptor)).map((c) => ({ c, digest: s.digest })));
  const position = (a: LayoutManifest): number => {
    const i = images.findIndex((e) => e.child.descriptor.digest === a.descriptor.annotations?.[REFERENCE_DIGEST]);
    return i < 0 ? images.length : i;
  };
  const attestations = all.filter((a, i) => all.findIndex((b) => b.c.descriptor.digest === a.c.descriptor.digest) === i).sort((a, b) => position(a.c) - position(b.c));
  const children = [...images.map((e) => e.child), ...attestations.map((a) => a.c)];
  const mediaType = mediaTypeFor(images, attestations.map((a) => a.c));
  // descriptors exactly as the build jobs' indexes list them (platform, annotations and all)
  const index: ImageIndex = { schemaVersion: 2, mediaType, manifests: children.map((c) => c.descriptor) };
  if (mediaType === OCI_INDEX && Object.keys(annotations).length > 0) index.annotations = annotations;
  const body = JSON.stringify(index);
  const origin: ComposedIndex['origin'] = {};
  for (const e of images) origin[e.child.descriptor.digest] = { digest: e.digest, platform: e.platform };
  for (const a of attestations) {
    const subject = images[position(a.c)];
    origin[a.c.descriptor.digest] = { digest: a.digest, platform: subject ? `${subject.platform} attestation` : 'attestation' };
  }
  return {
    // the digest is computed where hashing is (the adapter); the push plan reads only the body
    image: { root: { descriptor: { mediaType, digest: '', size: new TextEncoder().encode(body).length }, body }, children },
    platforms: images.map((e) => e.platform),
    from: images.map((e) => ({ platform: e.platform, digest: e.digest })),
    origin
  };
}

/**
 * Per target: the index to push (the build's push plan: Alibaba ACR gets it without attestation
 * manifests) with nothing to upload (the build jobs pushed every manifest and blob by digest), and
 * the children that must already be there.
 */
export function mergePushes(composed: ComposedIndex, targets: PushTarget[]): MergePush[] {
  return planPush(composed.image, targets).map((p) => ({ ...p, manifests: [], children: (JSON.parse(p.root.body) as ImageIndex).manifests.map((d) => d.digest) }));
}

export interface MergedTarget {
  image: string;
  registry: string;
  digest: string;
  references: string[];
  dropped: number;
  /** tags that already named the index (a re-run: nothing written) */
  unchanged?: string[];
  /** aliases held back by the forward-only rule, with the digest they stay on and why */
  held?: Array<{ tag: string; on?: string; reason: string }>;
}

export interface MergeResult {
  /** the index digest of the first target that got every attestation (Alibaba ACR's differs) */
  digest: string;
  platforms: string[];
  targets: MergedTarget[];
}

export function mergeOutputs(r: MergeResult): Record<string, string> {
  return { digest: r.digest, tags: r.targets.flatMap((t) => t.references).join('\n') };
}

const short = (digest: string): string => `\`${digest.slice(0, 19)}…\``;

export function mergeMarkdown(r: MergeResult, sources: Array<{ digest: string; platform: string }>): string {
  const note = (t: MergedTarget, ref: string): string =>
    [t.unchanged?.some((tag) => ref === `${t.image}:${tag}`) ? 'already there: nothing written' : '', t.dropped ? `${t.dropped} attestation(s) left out (Alibaba ACR)` : ''].filter(Boolean).join('; ');
  const rows = r.targets.flatMap((t) => [
    ...t.references.map((ref) => [t.registry, code(ref), short(t.digest), note(t, ref)]),
    ...(t.held ?? []).map((h) => [t.registry, code(`${t.image}:${h.tag}`), h.on ? short(h.on) : '—', h.reason])
  ]);
  return [
    '### aim-build merge',
    `One index of ${r.platforms.length} platform(s) (${r.platforms.join(', ')}), digest \`${r.digest}\`, pushed by digest to ${r.targets.length} target(s), then tagged.`,
    table(['Platform', 'From digest'], sources.map((s) => [s.platform, short(s.digest)])),
    table(['Registry', 'Reference', 'Digest', 'Note'], rows)
  ].join('\n\n') + '\n';
}
