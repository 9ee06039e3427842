/**
 * The tag plan: (inputs, event, options, clock) → every reference per target registry, the rule
 * that produced it, the latest decision and the OCI labels. Pure; the adapters do the I/O.
 */
import parseSemver from 'semver/functions/parse.js';
import gtSemver from 'semver/functions/gt.js';
import type { SemVer } from 'semver';
import { InputError } from './errors.js';
import { resolveEvent, type EngineOptions, type EventContext, type ResolvedEvent } from './context.js';
import { parseFlavor, parseTagRules, type Flavor } from './rules.js';
import { metadataActionDefaultRules, presetRules } from './preset.js';
import { runRules, type ProducedTag } from './tag-engine.js';
import { needsTemplateCompiler, type TemplateEnv } from './template.js';
import { needsPatternEngine } from './pattern.js';
import { githubHostOf, parseImagesInput, registrySpecs, resolveTarget, type RegistryType, type Target } from './targets.js';
import { referenceProblem, sanitizeTag, tagProblem } from './reference.js';
import { mergeLabels, ociLabels } from './labels.js';

export type LatestPolicy = 'auto' | 'default-branch' | 'release' | 'never';
export const LATEST_POLICIES: LatestPolicy[] = ['auto', 'default-branch', 'release', 'never'];

/**
 * `aim` (default): our preset when `tags` is empty, strict label lines, an event is required.
 * `metadata-action`: docker/metadata-action v6's defaults for those three (README "Compatibility
 * with docker/metadata-action"); reference validity and registry-aware naming stay on.
 */
export type CompatMode = 'aim' | 'metadata-action';
export const COMPAT_MODES: CompatMode[] = ['aim', 'metadata-action'];

export interface PlanInputs {
  images: string[];
  registry: string[];
  imageName: string;
  component: string;
  registryType: RegistryType;
  acrNamespace: string;
  acrRepository: string;
  tags: string[];
  flavor: string[];
  labels: string[];
  annotations: string[];
  latest: LatestPolicy;
  compat: CompatMode;
}

export const DEFAULT_PLAN_INPUTS: PlanInputs = {
  images: [],
  registry: [],
  imageName: '',
  component: '',
  registryType: 'auto',
  acrNamespace: 'ai-infra-matrix',
  acrRepository: 'ai-infra-matrix',
  tags: [],
  flavor: [],
  labels: [],
  annotations: [],
  latest: 'auto',
  compat: 'aim'
};

export interface PlannedReference {
  ref: string;
  tag: string;
  rule: string;
}

export interface PlannedTarget extends Target {
  references: PlannedReference[];
  /** whether this target gets `latest`, and why */
  latest: { enabled: boolean; reason: string };
}

export interface LatestDecision {
  policy: LatestPolicy;
  enabled: boolean;
  reason: string;
  /** the latest tag name after flavor prefix/suffix */
  tag: string;
  /** `release` policy on a stable semver tag: decided per target from its existing tags */
  pendingRelease?: string;
}

export interface TagPlan {
  version: string;
  preset: boolean;
  event: ResolvedEvent;
  /** tag names without per-registry prefixes, in output order (latest excluded) */
  tags: ProducedTag[];
  latest: LatestDecision;
  targets: PlannedTarget[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
  annotationLevels: string[];
  warnings: string[];
  /**
   * `latest: release`: the tag list of each target as read for the latest decision (undefined
   * entry: unreadable). The build's forward-only alias rule reuses it (one tag-list read per target).
   */
  existingTags?: Record<string, string[] | undefined>;
}

export interface PlanEnv {
  ctx: EventContext;
  options: EngineOptions;
  now: Date;
}

/** Whether planning these inputs needs the full Handlebars compiler (see core/template.ts). */
export function planNeedsTemplateCompiler(inputs: PlanInputs): boolean {
  return needsTemplateCompiler([...inputs.tags, ...inputs.flavor, ...inputs.labels, ...inputs.annotations]);
}

/** Whether planning these inputs needs the regular-expression engine (see core/pattern.ts). */
export function planNeedsPatternEngine(inputs: PlanInputs): boolean {
  return needsPatternEngine(inputs.tags);
}

function hasLines(lines: string[]): boolean {
  return lines.some((l) => l.trim() !== '' && !l.trim().startsWith('#'));
}

export function planTags(inputs: PlanInputs, { ctx, options, now }: PlanEnv): TagPlan {
  const warnings: string[] = [];
  const warn = (m: string): void => void warnings.push(m);
  const event = resolveEvent(ctx, options);
  const env: TemplateEnv = { event, payload: ctx.payload, now, commitDate: ctx.commitDate ?? now, shortShaLength: options.shortShaLength };
  const compat = inputs.compat === 'metadata-action';
  const given = hasLines(inputs.tags);
  const preset = !given && !compat;
  const flavor = parseFlavor(inputs.flavor);
  if (compat && ctx.ref === '') {
    warn('No event context (no git ref: GITHUB_REF is not set): only rules that need no event can produce tags (compat: metadata-action)');
  }
  const rules = given ? parseTagRules(inputs.tags) : compat ? metadataActionDefaultRules() : presetRules();
  const result = runRules(rules, flavor, env);
  warnings.push(...result.warnings);
  if (preset && result.tags.length === 0) {
    throw new InputError('tags', '', `the preset has no tag for event '${ctx.eventName}' on ref '${ctx.ref}'; add tags: rules such as type=raw,value=<tag>`);
  }
  if (!preset && result.tags.length === 0) {
    warn(given ? 'No tag was produced by the tags rules for this event; check the tags input' : "No tag was produced by metadata-action's default rules (schedule, branch, tag, pr) for this event; give tags: rules");
  }
  const latest = decideLatest(inputs.latest, preset, flavor, event, result.tags, result.latestAuto, warn);
  const naming = { ...inputs, githubHost: githubHostOf(ctx.serverUrl) };
  const specs = [...parseImagesInput(inputs.images), ...registrySpecs(inputs.registry)];
  const resolved: Target[] = [];
  for (const spec of specs) {
    const target = resolveTarget(spec, naming, warn);
    const twin = resolved.find((t) => t.image === target.image && t.tagPrefix === target.tagPrefix);
    if (twin) {
      warn(`${target.inputName} line ${target.line} '${target.input}' names ${target.image} again (${twin.inputName} line ${twin.line}); it is used once`);
      continue;
    }
    resolved.push(target);
  }
  const targets = resolved.map((target) => renderTarget(target, result.tags, latest.enabled ? latest : undefined, latest.reason));
  const base = ociLabels(ctx, result.version, event.sha, now);
  return {
    version: result.version,
    preset,
    event,
    tags: result.tags,
    latest,
    targets,
    labels: Object.fromEntries(mergeLabels('labels', base, inputs.labels, env, compat ? warn : undefined)),
    annotations: Object.fromEntries(mergeLabels('annotations', base, inputs.annotations, env, compat ? warn : undefined)),
    annotationLevels: options.annotationLevels,
    warnings
  };
}

function latestName(flavor: Flavor): string {
  return sanitizeTag(`${flavor.prefixLatest ? flavor.prefix : ''}latest${flavor.suffixLatest ? flavor.suffix : ''}`);
}

function decideLatest(
  policy: LatestPolicy,
  preset: boolean,
  flavor: Flavor,
  event: ResolvedEvent,
  tags: ProducedTag[],
  latestAuto: boolean | undefined,
  warn: (m: string) => void
): LatestDecision {
  const tag = latestName(flavor);
  const decision = (enabled: boolean, reason: string, pendingRelease?: string): LatestDecision => ({
    policy,
    enabled: enabled && tags.length > 0,
    reason: tags.length > 0 ? reason : 'no tags were produced',
    tag,
    pendingRelease
  });
  if (policy !== 'auto' && flavor.latestSet) {
    throw new InputError('latest', policy, `flavor sets latest=${flavor.latest} too; keep one of them (the latest input or flavor latest=)`);
  }
  const effective = policy === 'auto' ? (preset ? 'default-branch' : 'flavor') : policy;
  switch (effective) {
    case 'never':
      return decision(false, 'latest policy: never');
    case 'flavor':
      if (flavor.latest !== 'auto') return decision(flavor.latest === 'true', `flavor latest=${flavor.latest}`);
      return decision(latestAuto === true, `flavor latest=auto: ${latestAuto ? 'the first rule that produced a tag sets latest' : 'the first rule that produced a tag does not set latest'}`);
    case 'default-branch': {
      if (event.kind === 'branch' && !event.defaultBranch) warn('The default branch is unknown (no repository in the event payload and no API access), so latest is not set');
      const on = event.kind === 'branch' && event.isDefaultBranch;
      return decision(on, on ? `latest policy: default branch (${event.branch})` : 'latest policy: only pushes to the default branch move latest');
    }
    default: {
      const v = event.kind === 'tag' && event.tag ? parseSemver(event.tag.replace(/\//g, '-'), { loose: true }) : null;
      if (!v || v.prerelease.length > 0) return decision(false, 'latest policy: release (only a stable semver tag moves latest)');
      return decision(false, 'latest policy: release (pending the registry tag lists)', v.version);
    }
  }
}

function renderTarget(target: Target, tags: ProducedTag[], latest: LatestDecision | undefined, latestReason: string): PlannedTarget {
  const planned: PlannedTarget = { ...target, references: [], latest: { enabled: false, reason: latestReason } };
  for (const t of tags) addReference(planned, t.name, t.rule, t.line);
  if (latest) withLatest(planned, latest.tag, latestReason);
  return planned;
}

export function withLatest(target: PlannedTarget, tag: string, reason: string): void {
  addReference(target, tag, `latest (${reason})`, -1);
  target.latest = { enabled: true, reason };
}

function addReference(target: PlannedTarget, name: string, rule: string, line: number): void {
  const ref = referenceFor(target, name, rule, line);
  if (target.references.some((r) => r.ref === ref)) return;
  target.references.push({ ref, tag: `${target.tagPrefix}${name}`, rule });
}

/** `image:prefix+name`, checked against the OCI grammar; the error names the rule and the fix. */
export function referenceFor(target: Target, name: string, rule = 'tag', line = -1): string {
  const tag = `${target.tagPrefix}${name}`;
  const problem = tagProblem(name === '' ? '' : tag) ?? referenceProblem(target.image, tag);
  if (problem) throw referenceError(target, name, tag, rule, line, problem);
  return `${target.image}:${tag}`;
}

function referenceError(target: Target, name: string, tag: string, rule: string, line: number, problem: string): InputError {
  const where = `for ${target.image}`;
  if (target.tagPrefix && !tagProblem(name)) {
    return new InputError('component', target.component ?? '', `the ACR tag '${tag}' ${where} is invalid: ${problem}. Use a component that starts with a letter or digit and keep component + tag within 128 characters`);
  }
  const fix = 'change the rule (value, prefix, suffix or pattern) so the tag starts with a letter, digit or `_` and stays within 128 characters; tags are never truncated';
  if (line > 0) return new InputError('tags', rule, `produces tag '${tag}' ${where}: ${problem}; ${fix}`, line);
  return new InputError('tags', '', `the ${rule} produces tag '${tag}' ${where}: ${problem}; shorten the branch/tag name or give tags: rules`);
}

/**
 * `latest: release`: a stable tag moves latest in a target only when no higher stable semver is
 * already there, so a backport v1.4.9 pushed after v2.0.0 never moves it (metadata-action#80).
 * `existing[image]` is undefined when the registry could not be read: latest is then kept back.
 */
export function resolveReleaseLatest(plan: TagPlan, existing: Record<string, string[] | undefined>): TagPlan {
  const version = plan.latest.pendingRelease;
  if (!version) return plan;
  const warnings = [...plan.warnings];
  const targets = plan.targets.map((t) => {
    const copy: PlannedTarget = { ...t, references: [...t.references] };
    const tags = existing[t.image];
    if (tags === undefined) {
      warnings.push(`Could not list the tags of ${t.image}, so latest was not moved there; grant read access or use latest: default-branch`);
      copy.latest = { enabled: false, reason: 'latest policy: release (tag list unavailable)' };
      return copy;
    }
    const higher = tags
      .filter((tag) => tag.startsWith(t.tagPrefix))
      .map((tag) => parseSemver(tag.slice(t.tagPrefix.length), { loose: true }))
      .filter((v): v is SemVer => v !== null && v.prerelease.length === 0 && gtSemver(v, version));
    if (higher.length > 0) {
      copy.latest = { enabled: false, reason: `latest policy: release (${t.image} already has ${higher[0].raw} > ${version})` };
      return copy;
    }
    withLatest(copy, plan.latest.tag, `latest policy: release (${version} is the highest stable version in ${t.image})`);
    return copy;
  });
  return { ...plan, targets, warnings, existingTags: existing };
}
