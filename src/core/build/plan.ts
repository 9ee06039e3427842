/**
 * (build inputs, tag plan, builder, facts) → BuildPlan: what to build, independent of the tool.
 * VERSION is passed as a build arg (= the plan version, as the seed workflows do) unless the
 * build-args input sets it; labels and annotations come from the tag plan.
 */
import { InputError } from '../errors.js';
import type { TagPlan } from '../plan.js';
import { resolveCache, type CacheContext } from './cache.js';
import type { Annotation, BuilderName, BuildInputs, BuildPlan } from './types.js';

export interface BuildFacts {
  builder: BuilderName;
  push: boolean;
  ghaAvailable: boolean;
  baseBranch?: string;
  localCacheDir: string;
}

const ANNOTATION_LEVELS_BUILDAH = ['manifest', 'index'];

export function planAnnotations(plan: TagPlan): Annotation[] {
  return plan.annotationLevels.flatMap((level) => Object.entries(plan.annotations).map(([key, value]) => ({ level, key, value })));
}

function buildArgs(inputs: BuildInputs, plan: TagPlan): Array<[string, string]> {
  const args = [...inputs.buildArgs];
  if (plan.version && !args.some(([k]) => k === 'VERSION')) args.unshift(['VERSION', plan.version]);
  return args;
}

function platformsFor(builder: BuilderName, requested: string[], warn: (m: string) => void): { platforms: string[]; skipped: string[] } {
  if (requested.length === 0) throw new InputError('platforms', '', 'give at least one platform, e.g. linux/amd64');
  if (builder !== 'docker' || requested.length === 1) return { platforms: requested, skipped: [] };
  const [first, ...rest] = requested;
  warn(`docker without buildx builds one platform: ${first} only; skipped ${rest.join(', ')}. Install buildx (docker/setup-buildx-action) or buildah to build them all`);
  return { platforms: [first], skipped: rest };
}

function checkBuilderSupport(builder: BuilderName, inputs: BuildInputs, annotations: Annotation[], warn: (m: string) => void): void {
  if (builder === 'docker') {
    if (inputs.secrets.length > 0) throw new InputError('secrets', inputs.secrets.map((s) => s.id).join(','), 'docker without buildx (the legacy builder) cannot pass build secrets; use buildx or buildah');
    if (inputs.buildContexts.length > 0) throw new InputError('build-contexts', inputs.buildContexts.map(([k]) => k).join(','), 'docker without buildx cannot use named build contexts; use buildx or buildah');
    if (annotations.length > 0) warn('annotations are ignored by docker without buildx (labels are set)');
  }
  if (builder !== 'buildx') {
    if (inputs.provenance) warn(`provenance is a BuildKit attestation; ${builder} does not produce it, so the input is ignored`);
    if (inputs.sbom) warn(`sbom is a BuildKit attestation; ${builder} does not produce it, so the input is ignored`);
  }
  if (builder === 'buildah') {
    const unsupported = [...new Set(annotations.filter((a) => !ANNOTATION_LEVELS_BUILDAH.includes(a.level)).map((a) => a.level))];
    if (unsupported.length > 0) warn(`annotation levels ${unsupported.join(', ')} are not supported with buildah (manifest and index are); those annotations are skipped`);
  }
}

function cacheContext(plan: TagPlan, inputs: BuildInputs, facts: BuildFacts, platforms: string[]): CacheContext {
  const first = plan.targets[0];
  const scopeName = first?.component ?? first?.repository.split('/').pop() ?? plan.event.eventName;
  return {
    builder: facts.builder,
    ghaAvailable: facts.ghaAvailable,
    event: plan.event,
    baseBranch: facts.baseBranch,
    scopeName: scopeName || 'image',
    platforms,
    registryImage: first?.image,
    tagPrefix: first?.tagPrefix,
    localDir: inputs.cacheRef || facts.localCacheDir,
    push: facts.push
  };
}

export function planBuild(inputs: BuildInputs, plan: TagPlan, facts: BuildFacts): BuildPlan {
  const warnings: string[] = [];
  const warn = (m: string): void => void warnings.push(m);
  const { platforms, skipped } = platformsFor(facts.builder, inputs.platforms, warn);
  let annotations = planAnnotations(plan);
  checkBuilderSupport(facts.builder, inputs, annotations, warn);
  if (facts.builder === 'buildah') annotations = annotations.filter((a) => ANNOTATION_LEVELS_BUILDAH.includes(a.level));
  if (facts.builder === 'docker') annotations = [];
  const cache = resolveCache({ mode: inputs.cache, ref: inputs.cacheRef, from: inputs.cacheFrom, to: inputs.cacheTo }, cacheContext(plan, inputs, facts, platforms), warn);
  return {
    builder: facts.builder,
    platforms,
    skippedPlatforms: skipped,
    context: inputs.context || '.',
    file: inputs.file,
    target: inputs.target,
    buildArgs: buildArgs(inputs, plan),
    labels: Object.entries(plan.labels),
    annotations,
    buildContexts: inputs.buildContexts,
    secrets: inputs.secrets.map((s) => ({ id: s.id, kind: s.kind })),
    cache,
    noCache: inputs.noCache,
    pull: inputs.pull,
    provenance: facts.builder === 'buildx' ? inputs.provenance : '',
    sbom: facts.builder === 'buildx' ? inputs.sbom : '',
    acrTargets: plan.targets.some((t) => t.kind === 'acr'),
    warnings
  };
}
