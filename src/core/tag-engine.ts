/**
 * The rule engine: runs sorted tag rules over a resolved event and yields the version, the
 * ordered de-duplicated tag names (each with the rule that produced it) and metadata-action's
 * `latest=auto` decision. Semantics follow docker/metadata-action v6 (see docs/tag-rules.md §2).
 */
import parseSemver from 'semver/functions/parse.js';
import validSemver from 'semver/functions/valid.js';
import type { SemVer } from 'semver';
import * as pep440 from '@renovatebot/pep440';
import { InputError } from './errors.js';
import { ruleMatch, type Flavor, type TagRule } from './rules.js';
import { isRawStatement, renderGlobal, renderWith, type TemplateEnv } from './template.js';
import { sanitizeTag } from './reference.js';
import { shortSha } from './context.js';

export interface ProducedTag {
  name: string;
  /** the rule line (or preset row) that produced it */
  rule: string;
  line: number;
}

export interface EngineResult {
  /** first tag produced; '' when no rule produced anything */
  version: string;
  /** version first, then the others, de-duplicated; no `latest` */
  tags: ProducedTag[];
  /** `latest=auto` decision of the first rule that yielded a value; undefined when none did */
  latestAuto?: boolean;
  warnings: string[];
}

interface Value {
  raw: string;
  latest: boolean;
}

type Processor = (rule: TagRule, env: TemplateEnv, warn: (m: string) => void) => Value | undefined;

function tagOrValue(rule: TagRule, env: TemplateEnv, keepSlash: boolean): string | undefined {
  if (rule.attrs.value.length > 0) return renderGlobal(rule.attrs.value, env);
  if (env.event.kind !== 'tag' || env.event.tag === undefined) return undefined;
  return keepSlash ? env.event.tag : env.event.tag.replace(/\//g, '-');
}

function applyMatch(rule: TagRule, value: string, warn: (m: string) => void): string | undefined {
  const pattern = rule.attrs.match;
  if (!pattern) return value;
  const m = ruleMatch(pattern, value, rule.source, rule.line);
  if (!m) {
    warn(`${rule.source}: match '${pattern}' does not match '${value}'; no tag from this rule`);
    return undefined;
  }
  return m[1] ?? m[0];
}

const procSemver: Processor = (rule, env, warn) => {
  const raw = tagOrValue(rule, env, false);
  const value = raw === undefined ? undefined : applyMatch(rule, raw, warn);
  if (value === undefined) return undefined;
  if (!validSemver(value)) {
    if (!rule.quiet) warn(`${rule.source}: '${value}' is not a valid semver (https://semver.org/); no tag from this rule`);
    return undefined;
  }
  const v = parseSemver(value, { loose: true }) as SemVer;
  // the fields of a parsed semver, as metadata-action hands its SemVer object to the template
  const data = { raw: v.raw, version: v.version, major: v.major, minor: v.minor, patch: v.patch, prerelease: v.prerelease, build: v.build };
  if (v.prerelease.length > 0) {
    return { raw: renderWith(isRawStatement(rule.attrs.pattern) ? rule.attrs.pattern : '{{version}}', data), latest: false };
  }
  if (rule.skipMajorZero && v.major === 0 && rule.attrs.pattern === '{{major}}') return undefined;
  return { raw: renderWith(rule.attrs.pattern, data), latest: true };
};

const procPep440: Processor = (rule, env, warn) => {
  const raw = tagOrValue(rule, env, false);
  const value = raw === undefined ? undefined : applyMatch(rule, raw, warn);
  if (value === undefined) return undefined;
  if (!pep440.valid(value)) {
    if (!rule.quiet) warn(`${rule.source}: '${value}' does not conform to PEP 440; no tag from this rule`);
    return undefined;
  }
  const info = pep440.explain(value);
  const clean = pep440.clean(value) ?? value;
  if (info?.is_prerelease || info?.is_postrelease || info?.is_devrelease) {
    return { raw: isRawStatement(rule.attrs.pattern) ? value : clean, latest: false };
  }
  const data = {
    raw: () => value,
    version: () => clean,
    major: () => pep440.major(value),
    minor: () => pep440.minor(value),
    patch: () => pep440.patch(value)
  };
  return { raw: renderWith(rule.attrs.pattern, data), latest: true };
};

const procMatch: Processor = (rule, env, warn) => {
  const value = tagOrValue(rule, env, true);
  if (value === undefined) return undefined;
  const m = ruleMatch(rule.attrs.pattern, value, rule.source, rule.line);
  if (!m) {
    warn(`${rule.source}: pattern does not match '${value}'; no tag from this rule`);
    return undefined;
  }
  const group = m[Number(rule.attrs.group)];
  if (group === undefined) {
    warn(`${rule.source}: group ${rule.attrs.group} does not exist in the pattern; no tag from this rule`);
    return undefined;
  }
  return { raw: group, latest: true };
};

const procSchedule: Processor = (rule, env) =>
  env.event.isSchedule ? { raw: renderGlobal(rule.attrs.pattern, env), latest: false } : undefined;

const procEdge: Processor = (rule, env) => {
  if (env.event.kind !== 'branch') return undefined;
  const branch = rule.attrs.branch || env.event.defaultBranch;
  return branch === env.event.branch ? { raw: 'edge', latest: false } : undefined;
};

const procRef: Processor = (rule, env) => {
  const { event } = env;
  if (rule.attrs.event === 'branch' && event.kind === 'branch') return { raw: event.branch ?? '', latest: false };
  if (rule.attrs.event === 'tag' && event.kind === 'tag') return { raw: event.tag ?? '', latest: true };
  if (rule.attrs.event === 'pr' && event.kind === 'pr') return { raw: event.pr ?? '', latest: false };
  return undefined;
};

const procRaw: Processor = (rule, env) => ({ raw: renderGlobal(rule.attrs.value, env), latest: false });

const procSha: Processor = (rule, env) => {
  if (!env.event.sha) return undefined;
  const sha = rule.attrs.format === 'long' ? env.event.sha : shortSha(env.event.sha, env.shortShaLength);
  return { raw: sha, latest: false };
};

const PROCESSORS: Record<TagRule['type'], Processor> = {
  schedule: procSchedule,
  semver: procSemver,
  pep440: procPep440,
  match: procMatch,
  edge: procEdge,
  ref: procRef,
  raw: procRaw,
  sha: procSha
};

/** A rule's own prefix/suffix (even empty) wins over the flavor's. */
function decorate(value: string, rule: TagRule, flavor: Flavor, env: TemplateEnv): string {
  const prefix = rule.attrs.prefix !== undefined ? renderGlobal(rule.attrs.prefix, env) : renderGlobal(flavor.prefix, env);
  const suffix = rule.attrs.suffix !== undefined ? renderGlobal(rule.attrs.suffix, env) : renderGlobal(flavor.suffix, env);
  return `${prefix}${value}${suffix}`;
}

function isEnabled(rule: TagRule, env: TemplateEnv): boolean {
  const enabled = renderGlobal(rule.attrs.enable, env).trim();
  if (enabled !== 'true' && enabled !== 'false') {
    throw new InputError('tags', rule.source, `enable evaluated to '${enabled}'; it must be true or false`, rule.line);
  }
  return enabled === 'true';
}

function runRule(rule: TagRule, flavor: Flavor, env: TemplateEnv, warn: (m: string) => void): Value | undefined {
  try {
    if (rule.onlyOn && env.event.kind !== rule.onlyOn) return undefined;
    if (!isEnabled(rule, env)) return undefined;
    const value = PROCESSORS[rule.type](rule, env, warn);
    if (value === undefined || value.raw.length === 0) return undefined;
    return { raw: decorate(value.raw, rule, flavor, env), latest: value.latest };
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('tags', rule.source, (e as Error).message, rule.line);
  }
}

export function runRules(rules: TagRule[], flavor: Flavor, env: TemplateEnv): EngineResult {
  const warnings: string[] = [];
  const tags: ProducedTag[] = [];
  let latestAuto: boolean | undefined;
  for (const rule of rules) {
    const value = runRule(rule, flavor, env, (m) => warnings.push(m));
    if (value === undefined) continue;
    const name = sanitizeTag(value.raw);
    if (!tags.some((t) => t.name === name)) tags.push({ name, rule: rule.source, line: rule.line });
    latestAuto ??= value.latest;
  }
  return { version: tags[0]?.name ?? '', tags, latestAuto, warnings };
}
