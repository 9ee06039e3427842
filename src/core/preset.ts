/**
 * The seed's tag table (docs/tag-rules.md §1), used when the user gives no `tags:` rules. It is written
 * as ordinary metadata-action rules so the plan can show which row produced each tag; two
 * preset-only switches keep `{{major}}` of 0 out and silence "not semver" warnings for tags such as
 * `v0.0.3.3` (they still get their own name from `type=ref,event=tag`); the branch-sha row applies to
 * branch refs only (in metadata-action syntax: `enable={{#if branch}}true{{else}}false{{/if}}`).
 *
 * | event                        | tags                                   |
 * |------------------------------|----------------------------------------|
 * | push to the default branch   | main-<sha7>, latest                    |
 * | push to another branch       | develop, develop-<sha7>                |
 * | tag v1.2.3                   | v1.2.3, 1.2.3, 1.2, 1                  |
 * | tag v1.0.0-alpha.1           | v1.0.0-alpha.1, 1.0.0-alpha.1          |
 * | tag that is not semver       | its own name, sanitised                |
 * | pull_request #123            | pr-123                                 |
 * | schedule                     | nightly + the branch rows              |
 */
import { parseTagRule, sortRules, type TagRule } from './rules.js';

const PRESET_LINES: Array<[string, Partial<TagRule>]> = [
  ['type=schedule,pattern=nightly', {}],
  ['type=ref,event=tag,priority=950', {}],
  ['type=semver,pattern={{version}}', { quiet: true }],
  ['type=semver,pattern={{major}}.{{minor}}', { quiet: true }],
  ['type=semver,pattern={{major}}', { quiet: true, skipMajorZero: true }],
  ['type=ref,event=branch,enable={{is_not_default_branch}}', {}],
  ['type=sha,prefix={{branch}}-', { onlyOn: 'branch' }],
  ['type=ref,event=pr', {}]
];

export function presetRules(): TagRule[] {
  return sortRules(PRESET_LINES.map(([line, extra]) => ({ ...parseTagRule(line, 0), ...extra, source: `preset: ${line}${extra.onlyOn ? ` (${extra.onlyOn} refs)` : ''}` })));
}

/** docker/metadata-action v6's rules for an empty `tags` input (`compat: metadata-action`). */
export const METADATA_ACTION_DEFAULT_TAGS = ['type=schedule', 'type=ref,event=branch', 'type=ref,event=tag', 'type=ref,event=pr'];

export function metadataActionDefaultRules(): TagRule[] {
  return sortRules(METADATA_ACTION_DEFAULT_TAGS.map((line) => ({ ...parseTagRule(line, 0), source: `metadata-action default: ${line}` })));
}
