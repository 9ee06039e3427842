/**
 * The release-tag guard of the build (between the build and the push) and of the merge sub-action
 * (before its index is pushed): one HEAD per planned tag
 * in every target (bounded, in parallel) and, when a version's aliases are planned, one tag list
 * per target (the plan's, when `latest: release` already read it). The rule is
 * `core/build/release-tags.ts`; a conflict fails the step before anything is pushed or tagged.
 */
import * as core from '../adapters/github/runner.js';
import { mapLimit } from '../adapters/concurrency.js';
import { loadPatternEngine } from '../adapters/template-compiler.js';
import { compilePattern } from '../core/pattern.js';
import { errorMessage, InputError } from '../core/errors.js';
import { buildVersion, decideTargetTags, isSemverRelease, releaseConflictMessage, tagDecisionNotes, type ReleaseTagRule, type TargetTagDecision } from '../core/build/release-tags.js';
import { digestOf } from '../adapters/registry/push.js';
import type { TargetPush } from '../core/build/push-plan.js';
import type { TagPlan } from '../core/plan.js';
import type { BuildInputs } from '../core/build/types.js';
import type { ClientFor } from './build-registries.js';

export type ReleaseTagInputs = Pick<BuildInputs, 'releaseTagPattern' | 'overwriteReleaseTags' | 'moveAliases'>;

/** The rule from the inputs; a bad `release-tag-pattern` fails before anything is built. */
export async function releaseTagRule(inputs: ReleaseTagInputs): Promise<ReleaseTagRule> {
  let isRelease = isSemverRelease;
  if (inputs.releaseTagPattern !== '') {
    await loadPatternEngine();
    let pattern: ReturnType<typeof compilePattern>;
    try {
      pattern = compilePattern(inputs.releaseTagPattern);
    } catch (e) {
      throw new InputError('release-tag-pattern', inputs.releaseTagPattern, `${errorMessage(e)}; give a regular expression matched against each tag, e.g. ^v\\d+\\.\\d+\\.\\d+$`);
    }
    isRelease = (name) => pattern.match(name) !== null;
  }
  return { isRelease, overwriteRelease: inputs.overwriteReleaseTags, moveAliases: inputs.moveAliases };
}

export interface GuardedPush {
  /** the pushes with only the tags to write; references: every tag naming the image afterwards */
  pushes: TargetPush[];
  decisions: TargetTagDecision[];
  /** targets left out because they could not be read (only with `skipUnreadable`) */
  unreadable: Array<{ push: TargetPush; error: Error }>;
}

/** What the guard needs of a tag plan (the build's `TagPlan`, or the merge sub-action's `plan` JSON). */
export interface TagContext {
  /** the git tag of a tag build (`v1.4.9`), else undefined */
  gitTag?: string;
  /** the latest tag's name (flavor prefix/suffix applied) */
  latestTag: string;
  /** each target's ACR component prefix ('' elsewhere) */
  tagPrefixes: Record<string, string>;
  /** tag lists already read for `latest: release` */
  existingTags?: Record<string, string[] | undefined>;
}

export function tagContextOf(plan: TagPlan): TagContext {
  return {
    gitTag: plan.event.kind === 'tag' ? plan.event.tag : undefined,
    latestTag: plan.latest.tag,
    tagPrefixes: Object.fromEntries(plan.targets.map((t) => [t.image, t.tagPrefix])),
    existingTags: plan.existingTags
  };
}

/**
 * Reads the targets, applies the rule, fails on any conflict (nothing written), returns what to write.
 * A target that cannot be read fails the step (nothing pushed), or with `skipUnreadable`
 * (`on-registry-error: continue`) is left out and returned in `unreadable`.
 */
export async function guardTags(
  plan: TagContext,
  all: TargetPush[],
  rule: ReleaseTagRule,
  clientFor: ClientFor,
  options: { concurrency?: number; skipUnreadable?: boolean; unreadableHint?: string } = {}
): Promise<GuardedPush> {
  const concurrency = options.concurrency ?? 8;
  const prefixOf = (image: string): string => plan.tagPrefixes[image] ?? '';
  const heads = all.flatMap((p) => p.tags.map((tag) => ({ p, tag })));
  type Read = { p: TargetPush; tag: string; digest?: string; error?: Error };
  const reads = await mapLimit(heads, concurrency, async ({ p, tag }): Promise<Read> => {
    try {
      return { p, tag, digest: (await clientFor(p.registry).headManifest(p.repository, tag))?.digest };
    } catch (e) {
      return { p, tag, error: new Error(`could not read ${p.image}:${tag} to check it before tagging (${errorMessage(e)})`, { cause: e }) };
    }
  });
  const unreadable = all.flatMap((p) => {
    const error = reads.find((r) => r.p === p && r.error)?.error;
    return error ? [{ push: p, error }] : [];
  });
  if (unreadable.length > 0 && !options.skipUnreadable) {
    throw new Error(`${unreadable.map((u) => u.error.message).join('\n')}\nnothing was pushed${options.unreadableHint ? ` (${options.unreadableHint})` : ''}`);
  }
  for (const u of unreadable) core.warning(`${u.error.message}; left out (on-registry-error: continue)`);
  const pushes = all.filter((p) => !unreadable.some((u) => u.push === p));
  const read = reads.filter((r) => !r.error);
  const version = buildVersion(plan.gitTag);
  const lists = await mapLimit(pushes, concurrency, async (p) => {
    if (!version || rule.moveAliases) return [];
    const known = plan.existingTags?.[p.image];
    if (known) return known;
    try {
      const tags = await clientFor(p.registry).listTags(p.repository);
      core.info(`${p.image}: ${tags.length} existing tag(s) read for the forward-only alias rule`);
      return tags;
    } catch (e) {
      core.warning(`could not list the tags of ${p.image} (${errorMessage(e)}); its version aliases are held back`);
      return undefined;
    }
  });
  const decisions = pushes.map((p, i) =>
    decideTargetTags(
      {
        image: p.image,
        registry: p.registry,
        tagPrefix: prefixOf(p.image),
        digest: digestOf(p.root.body),
        tags: p.tags,
        current: Object.fromEntries(read.filter((r) => r.p === p).map((r) => [r.tag, r.digest])),
        existing: lists[i]
      },
      plan.gitTag,
      plan.latestTag,
      rule
    )
  );
  const conflict = releaseConflictMessage(decisions);
  if (conflict) throw new Error(conflict);
  const notes = tagDecisionNotes(decisions);
  for (const line of notes.info) core.info(line);
  for (const w of notes.warnings) core.warning(w);
  const guarded = pushes.map((p, i) => {
    const d = decisions[i];
    return { ...p, tags: d.write, references: d.names.map((tag) => `${p.image}:${tag}`) };
  });
  return { pushes: guarded, decisions, unreadable };
}
