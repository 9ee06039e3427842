/**
 * Promote / roll back, as data: which tag moves where in each target, by the forward-only rule.
 * Pure: the step reads the registries (current digests, tag lists, the source's annotations) and
 * writes manifests; everything it decides comes from here.
 *
 * Kinds of tag:
 *  - `release`: a full version (`v1.3.0`, `1.3.0`, `backend-v1.3.0` on ACR). Written once: one that
 *    already names another digest is a conflict (fix: a new version, or `overwrite-release-tags`).
 *  - `latest`, `major` (`1`, `v1`), `minor` (`1.3`, `v1.3`): aliases. FORWARD-ONLY: they move to
 *    the promoted version only when no higher stable version of their scope (all, same major, same
 *    major.minor) is already in that target; otherwise they are held back, and the summary says by
 *    which version. An alias named explicitly in `to` (a rollback: `to: latest`) or any alias with
 *    `move-aliases: true` moves anyway, and the summary names the digest it moved from.
 *  - `other`: any other tag (`staging`, `prod`): moves as asked.
 */
import parseSemver from 'semver/functions/parse.js';
import gtSemver from 'semver/functions/gt.js';
import type { SemVer } from 'semver';
import { InputError } from './errors.js';
import { tagProblem } from './reference.js';
import { SCAN_VERDICT_ANNOTATION } from './scan/record.js';

export { SCAN_VERDICT_ANNOTATION };

export type TagKind = 'release' | 'latest' | 'major' | 'minor' | 'other';
export type MoveAction = 'create' | 'move' | 'unchanged' | 'held' | 'conflict';

/** Verdicts that refuse a promotion unless `force`. */
export const REFUSED_VERDICTS: Record<string, string> = {
  blocked: 'the scan gate blocked it',
  warn: 'the scan found blocking findings (pushed only because scan-mode was warn)'
};

export interface PlannedTag {
  /** full tag in this target (ACR component prefix included) */
  tag: string;
  /** the tag without the target's prefix */
  name: string;
  kind: TagKind;
  /** named in `to` itself (not produced by the version's fan-out) */
  explicit: boolean;
}

export interface TagMove extends PlannedTag {
  image: string;
  registry: string;
  /** digest the tag names now, undefined when it does not exist */
  before?: string;
  /** digest it names after the promotion (the source's; `before` when held or conflicting) */
  after: string;
  action: MoveAction;
  reason: string;
  /** an alias moved backwards: the higher version that was there */
  higher?: string;
}

const FULL_VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** A full version (`v1.3.0`, `1.3.0`, `v2.0.0-rc.1`): a release tag by default. */
export const isFullVersion = (name: string): boolean => FULL_VERSION.test(name);

export function stableVersion(name: string): SemVer | undefined {
  if (!FULL_VERSION.test(name)) return undefined;
  const v = parseSemver(name, { loose: true });
  return v && v.prerelease.length === 0 ? v : undefined;
}

/** What kind of tag `name` is, given the promoted version (when it is one) and the latest tag's name. */
export function classifyTag(name: string, version: SemVer | undefined, latestTag: string): TagKind {
  if (name === latestTag) return 'latest';
  const bare = name.replace(/^v/, '');
  if (version && /^\d+$/.test(bare) && Number(bare) === version.major) return 'major';
  if (version && /^\d+\.\d+$/.test(bare) && bare === `${version.major}.${version.minor}`) return 'minor';
  if (FULL_VERSION.test(name)) return 'release';
  return 'other';
}

/** The highest stable version among `existing` (prefix stripped) in an alias's scope that is above `version`. */
export function higherInScope(kind: TagKind, version: SemVer, existing: readonly string[]): SemVer | undefined {
  let best: SemVer | undefined;
  for (const name of existing) {
    const v = stableVersion(name);
    if (!v || !gtSemver(v, version)) continue;
    if (kind === 'major' && v.major !== version.major) continue;
    if (kind === 'minor' && (v.major !== version.major || v.minor !== version.minor)) continue;
    if (!best || gtSemver(v, best)) best = v;
  }
  return best;
}

export interface AliasRule {
  /** the version being promoted (from `to`, or the source tag when it is a version) */
  version?: SemVer;
  /** `move-aliases: true`: aliases may move backwards */
  moveAliases: boolean;
}

/** Forward-only: whether an alias tag moves, and why. Non-aliases always may. */
export function aliasMoves(tag: PlannedTag, existing: readonly string[], rule: AliasRule): { move: boolean; reason: string; higher?: SemVer } {
  if (tag.kind !== 'latest' && tag.kind !== 'major' && tag.kind !== 'minor') return { move: true, reason: tag.kind === 'release' ? 'release tag' : 'as asked' };
  if (!rule.version) return { move: true, reason: tag.explicit ? 'named explicitly' : 'as asked' };
  const higher = higherInScope(tag.kind, rule.version, existing);
  if (!higher) return { move: true, reason: `${rule.version.version} is the highest ${scopeName(tag.kind, rule.version)}` };
  if (tag.explicit) return { move: true, reason: `explicit rollback (${higher.version} is higher)`, higher };
  if (rule.moveAliases) return { move: true, reason: `move-aliases: true (${higher.version} is higher)`, higher };
  return { move: false, reason: `held back: ${higher.version} > ${rule.version.version} is already there (forward-only; move-aliases: true or name it in to to roll back)`, higher };
}

function scopeName(kind: TagKind, v: SemVer): string {
  if (kind === 'major') return `${v.major}.x version`;
  if (kind === 'minor') return `${v.major}.${v.minor}.x version`;
  return 'stable version';
}

export interface TargetState {
  image: string;
  registry: string;
  tagPrefix: string;
  /** digest of the source in this target */
  source: string;
  /** current digest of each planned tag (absent: the tag does not exist) */
  current: Record<string, string | undefined>;
  /** every tag in the repository */
  existing: readonly string[];
}

/** Every planned tag of one target: before → after and what happens. */
export function decideMoves(tags: PlannedTag[], state: TargetState, rule: AliasRule & { overwriteRelease: boolean }): TagMove[] {
  const existing = state.existing.filter((t) => t.startsWith(state.tagPrefix)).map((t) => t.slice(state.tagPrefix.length));
  return tags.map((t) => {
    const before = state.current[t.tag];
    const base = { ...t, image: state.image, registry: state.registry, before };
    if (before === state.source) return { ...base, after: before, action: 'unchanged', reason: 'already there' };
    if (t.kind === 'release' && before !== undefined && !rule.overwriteRelease) {
      return { ...base, after: before, action: 'conflict', reason: `release tag ${t.tag} already names ${before}; release tags are not rewritten: promote to a new version, or set overwrite-release-tags: true` };
    }
    const alias = aliasMoves(t, existing, rule);
    if (!alias.move) return { ...base, after: before ?? '', action: 'held', reason: alias.reason };
    return { ...base, after: state.source, action: before === undefined ? 'create' : 'move', reason: alias.reason, ...(alias.higher ? { higher: alias.higher.version } : {}) };
  });
}

/** Why the recorded verdict refuses a promotion, or undefined. */
export function verdictRefusal(annotations: Record<string, string> | undefined): string | undefined {
  const verdict = annotations?.[SCAN_VERDICT_ANNOTATION];
  if (verdict === undefined) return undefined;
  return REFUSED_VERDICTS[verdict] ? `${SCAN_VERDICT_ANNOTATION}=${verdict}: ${REFUSED_VERDICTS[verdict]}` : undefined;
}

const short = (d: string | undefined): string => (d ? `\`${d.slice(0, 19)}…\`` : '—');
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

export interface PromoteReport {
  source: string;
  digest: string;
  dryRun: boolean;
  moves: TagMove[];
  copies: Array<{ image: string; from: string; blobs: number; bytes: number; manifests: number }>;
  notes: string[];
}

export function promoteMarkdown(r: PromoteReport): string {
  const title = r.dryRun ? '### Promote (dry run: nothing was written)' : '### Promote';
  const rows = r.moves.map((m) => `| ${cell(m.image)} | \`${cell(m.tag)}\` | ${short(m.before)} | ${m.action === 'held' || m.action === 'conflict' ? short(m.before) : short(m.after)} | ${m.action} | ${cell(m.reason)} |`);
  const copies = r.copies.map((c) => `- ${r.dryRun ? 'would copy' : 'copied'} the image to ${cell(c.image)} from ${cell(c.from)} (registry to registry): ${c.manifests} manifest(s), ${c.blobs} blob(s), ${c.bytes} bytes`);
  return [
    `${title}\n`,
    `Source \`${cell(r.source)}\` → \`${r.digest}\`\n`,
    '| Image | Tag | Before | After | Action | Why |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    ...copies,
    ...r.notes.map((n) => `- ${cell(n)}`),
    ''
  ].join('\n');
}

/** `to` lines: at most one full version (it gets the release fan-out), any number of plain tags. */
export function parsePromoteTo(lines: readonly string[]): { version?: string; tags: string[] } {
  const out: { version?: string; tags: string[] } = { tags: [] };
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (FULL_VERSION.test(line)) {
      if (out.version) throw new InputError('to', line, `only one version per promotion (already ${out.version}); run promote once per version`, i + 1);
      out.version = line;
      return;
    }
    const problem = tagProblem(line);
    if (problem) throw new InputError('to', line, `${problem}; give a tag name (latest, staging) or a version (v1.3.0)`, i + 1);
    out.tags.push(line);
  });
  if (!out.version && out.tags.length === 0) throw new InputError('to', lines.join(' '), 'give the tags to point at the source: a version (v1.3.0, fanned out like a release) and/or tag names (latest, staging)');
  return out;
}

/**
 * The tags one target gets: the version's fan-out as a release build of that tag would produce
 * it (`produced`, prefix stripped, from the tag plan of a `refs/tags/<version>` event), its
 * `latest` (policy `release`/`auto`; the forward-only rule decides), and the explicit tags.
 */
export function plannedTags(tagPrefix: string, produced: readonly string[], latest: string | undefined, explicit: readonly string[], version: SemVer | undefined, latestTag: string): PlannedTag[] {
  const tags = new Map<string, PlannedTag>();
  const add = (name: string, isExplicit: boolean): void => {
    if (tags.get(name)?.explicit) return;
    tags.set(name, { tag: `${tagPrefix}${name}`, name, kind: classifyTag(name, version, latestTag), explicit: isExplicit });
  };
  for (const name of produced) add(name, false);
  if (latest) add(latest, false);
  for (const name of explicit) add(name, true);
  return [...tags.values()];
}
