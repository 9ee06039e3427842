/**
 * Which planned tags a build may write in each target, decided from what the target holds now:
 *  - a RELEASE tag (semver `v1.2.3`/`1.2.3` by default, or `release-tag-pattern`) that already
 *    names another digest is a CONFLICT: the step fails before any tag is written anywhere,
 *    unless `overwrite-release-tags: true` (then it moves, with a warning);
 *  - a tag that already names the image is left alone (a re-run of the same release is a no-op);
 *  - `latest` and the version aliases (`1`, `1.4`) move FORWARD ONLY: the promote sub-action's
 *    rule (`core/promote.ts#decideMoves`/`aliasMoves`), with the target's tag list, so the backport
 *    v1.4.9 after v1.5.0 leaves `1` on 1.5.0; `move-aliases: true` (and `compat: metadata-action`
 *    by default) lets them move backwards as metadata-action does;
 *  - every other tag (branch, `pr-N`, `nightly`, sha) moves as asked.
 * Pure: the step reads the registries (one HEAD per planned tag, one tag list per target).
 */
import { classifyTag, decideMoves, isFullVersion, stableVersion, type PlannedTag, type TagMove } from '../promote.js';

/** `release-tag-pattern` empty: semver `v1.2.3`, `1.2.3` (prereleases included) are release tags. */
export const isSemverRelease = isFullVersion;

export interface ReleaseTagRule {
  /** whether a tag name (ACR component prefix stripped) is a release tag */
  isRelease: (name: string) => boolean;
  overwriteRelease: boolean;
  /** aliases may move backwards (metadata-action behaviour) */
  moveAliases: boolean;
}

export interface TargetTagState {
  image: string;
  registry: string;
  tagPrefix: string;
  /** the digest this build pushes to the target */
  digest: string;
  /** the planned tags (prefix included) */
  tags: string[];
  /** current digest of each planned tag; absent: the tag does not exist */
  current: Record<string, string | undefined>;
  /** every tag of the repository; undefined: the list could not be read (aliases are then held) */
  existing: readonly string[] | undefined;
}

export interface TargetTagDecision {
  image: string;
  registry: string;
  /** the digest this build pushes there */
  digest: string;
  moves: TagMove[];
  /** tags to write (create or move) */
  write: string[];
  /** tags that name the image after the push (written + already there) */
  names: string[];
}

/** The build's release version: a stable semver git tag, else none (aliases then move as asked). */
export function buildVersion(gitTag: string | undefined): ReturnType<typeof stableVersion> {
  return gitTag ? stableVersion(gitTag.replace(/\//g, '-')) : undefined;
}

export function decideTargetTags(state: TargetTagState, gitTag: string | undefined, latestTag: string, rule: ReleaseTagRule): TargetTagDecision {
  const version = buildVersion(gitTag);
  const planned: PlannedTag[] = state.tags.map((tag) => {
    const name = tag.startsWith(state.tagPrefix) ? tag.slice(state.tagPrefix.length) : tag;
    const kind = classifyTag(name, version, latestTag);
    const alias = kind === 'latest' || kind === 'major' || kind === 'minor';
    return { tag, name, kind: alias ? kind : rule.isRelease(name) ? 'release' : 'other', explicit: false };
  });
  const listUnread = state.existing === undefined && version !== undefined && !rule.moveAliases;
  const moves = decideMoves(
    planned,
    { image: state.image, registry: state.registry, tagPrefix: state.tagPrefix, source: state.digest, current: state.current, existing: state.existing ?? [] },
    { version, moveAliases: rule.moveAliases, overwriteRelease: rule.overwriteRelease }
  ).map((m): TagMove => {
    const isAlias = m.kind === 'latest' || m.kind === 'major' || m.kind === 'minor';
    if (listUnread && isAlias && (m.action === 'create' || m.action === 'move')) {
      return { ...m, after: m.before ?? '', action: 'held', reason: `held back: the tag list of ${state.image} could not be read, so forward-only cannot be checked (grant read access, or move-aliases: true)` };
    }
    if (m.kind === 'release' && m.action === 'move') return { ...m, reason: `overwrite-release-tags: true: moved from ${m.before ?? ''}` };
    return m;
  });
  const write = moves.filter((m) => m.action === 'create' || m.action === 'move').map((m) => m.tag);
  const names = moves.filter((m) => m.action !== 'held' && m.action !== 'conflict').map((m) => m.tag);
  return { image: state.image, registry: state.registry, digest: state.digest, moves, write, names };
}

/** The step's error for every conflict of every target (undefined: none). */
export function releaseConflictMessage(decisions: readonly TargetTagDecision[]): string | undefined {
  const conflicts = decisions.flatMap((d) => d.moves.filter((m) => m.action === 'conflict').map((m) => ({ m, digest: d.digest })));
  if (conflicts.length === 0) return undefined;
  const lines = conflicts.map(({ m, digest }) => `  - ${m.registry}: ${m.image}:${m.tag} names ${m.before ?? ''}; this build is ${digest}`);
  return (
    `release tag conflict: ${conflicts.length} release tag(s) already name another image, and release tags are not rewritten. Nothing was tagged in any registry:\n${lines.join('\n')}\n` +
    'Fix: release a new version (a new git tag), or set overwrite-release-tags: true to move them (the previous image stays reachable by digest)'
  );
}

/** Log lines and warnings: no-ops, held aliases, overwritten releases. */
export function tagDecisionNotes(decisions: readonly TargetTagDecision[]): { info: string[]; warnings: string[] } {
  const info: string[] = [];
  const warnings: string[] = [];
  for (const d of decisions) {
    for (const m of d.moves) {
      if (m.action === 'unchanged') info.push(`${m.image}:${m.tag} already names ${m.after}: nothing to write (a re-run of the same image)`);
      if (m.action === 'held') info.push(`${m.image}:${m.tag} ${m.reason}${m.before ? `; it stays on ${m.before}` : ''}`);
      if (m.kind === 'release' && m.action === 'move') warnings.push(`${m.image}:${m.tag} was a release tag on ${m.before ?? ''}; moved to ${m.after} because overwrite-release-tags is true`);
    }
  }
  return { info, warnings };
}
