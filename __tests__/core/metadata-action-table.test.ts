/**
 * Parity with docker/metadata-action v6: every row of its own test table (transcribed as data in
 * __tests__/fixtures/metadata-action/, Apache-2.0, see the README there) is run through our engine
 * and must give the same version, tags, labels and annotations (and json / bake / sep-tags
 * contents). With `compat: metadata-action` every row; in the default mode every row that gives
 * `tags` (the others get our preset, by design). Rows that cannot match are listed in DIFFERENT
 * with the reason, and the test fails if such a row starts matching (so the list stays minimal).
 *
 * The upstream test pins the clock (moment() and Date#toISOString) to 2020-01-10T00:30:00Z, which
 * also fixes `{{commit_date}}`; it mocks the repository API with repo.json. We do the same at our
 * one seam: the EventContext.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planTags, DEFAULT_PLAN_INPUTS, type CompatMode, type TagPlan } from '../../src/core/plan.js';
import { readEngineOptions, repoFromPayload } from '../../src/adapters/github/context.js';
import { labelLines, references, tagNames } from '../../src/core/outputs.js';
import { isRawStatement } from '../../src/core/template.js';
import type { EventContext, EventPayload } from '../../src/core/context.js';

const DIR = join(fileURLToPath(new URL('.', import.meta.url)), '../fixtures/metadata-action');

interface Row {
  section: string;
  name: string;
  envFile: string;
  inputs: { images?: string[]; tags?: string[]; flavor?: string[]; labels?: string[]; annotations?: string[]; sepTags?: string; bakeTarget?: string };
  env: Record<string, string>;
  annotationLevels?: string[];
  expected: Record<string, unknown>;
}

const table = JSON.parse(readFileSync(join(DIR, 'table.json'), 'utf8')) as {
  clock: string;
  isRawStatement: Array<{ pattern: string; expected: boolean }>;
  rows: Row[];
};
const NOW = new Date(table.clock);

/** `KEY=value` lines of the upstream `.env` fixtures (`#` lines are comments). */
function readEnv(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(join(DIR, 'events', file), 'utf8').split(/\r?\n/)) {
    const m = line.match(/^\s*([A-Z0-9_]+)=(.*)$/);
    if (m) env[m[1]] = m[2].trim();
  }
  return env;
}

const repoJson = JSON.parse(readFileSync(join(DIR, 'events/repo.json'), 'utf8')) as EventPayload['repository'];

function contextOf(row: Row): EventContext {
  const env = readEnv(row.envFile);
  const payload = env.GITHUB_EVENT_PATH ? (JSON.parse(readFileSync(join(DIR, 'events', basename(env.GITHUB_EVENT_PATH)), 'utf8')) as EventPayload) : {};
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    ref: env.GITHUB_REF ?? '',
    sha: env.GITHUB_SHA ?? '',
    repository: env.GITHUB_REPOSITORY || 'docker/repo',
    payload,
    repo: repoFromPayload({ repository: repoJson }),
    commitDate: NOW
  };
}

function planOf(row: Row, compat: CompatMode): TagPlan {
  const { images = [], tags = [], flavor = [], labels = [], annotations = [] } = row.inputs;
  const options = readEngineOptions({ ...row.env, DOCKER_METADATA_ANNOTATIONS_LEVELS: (row.annotationLevels ?? ['manifest']).join(',') });
  return planTags({ ...DEFAULT_PLAN_INPUTS, images, tags, flavor, labels, annotations, compat }, { ctx: contextOf(row), options, now: NOW });
}

/** Everything a row asserts, computed from our plan in metadata-action's shapes. */
function actual(row: Row, plan: TagPlan): Record<string, unknown> {
  const refs = references(plan);
  const labels = labelLines(plan.labels);
  const annotations = labelLines(plan.annotations);
  const levelled = plan.annotationLevels.flatMap((level) => annotations.map((a) => `${level}:${a}`));
  const args = { DOCKER_META_IMAGES: plan.targets.map((t) => t.image).join(','), DOCKER_META_VERSION: plan.version || undefined };
  const bake = (body: object): object => ({ target: { [row.inputs.bakeTarget ?? 'docker-metadata-action']: body } });
  const all: Record<string, unknown> = {
    version: { main: plan.version || undefined, partial: plan.tags.slice(1).map((t) => t.name), latest: plan.latest.enabled },
    tags: refs,
    labels,
    annotations,
    json: { tags: refs, 'tag-names': tagNames(plan), labels: plan.labels, annotations: levelled },
    bakeTags: bake({ tags: refs, args }),
    bakeLabels: bake({ labels: plan.labels }),
    bakeAnnotations: bake({ annotations: levelled }),
    bakeDefinition: bake({ tags: refs, labels: plan.labels, args }),
    joinedTags: refs.join(row.inputs.sepTags ?? '\n')
  };
  return Object.fromEntries(Object.keys(row.expected).map((k) => [k, all[k]]));
}

/**
 * Rows that cannot match, with the reason and the error our engine gives instead (the test checks
 * that exact error, and fails when such a row starts matching). Keep this list minimal.
 */
const LABEL_WITHOUT_EQUALS = {
  reason: "labels: ['invalid']: a label line without '=' fails the step in the default mode (a typo must not vanish); compat: metadata-action skips it with a warning",
  error: /Invalid labels \(line 1\) 'invalid': expected key=value/
};
const DIFFERENT: Record<CompatMode, Record<string, { reason: string; error: RegExp }>> = {
  'metadata-action': {},
  aim: {
    'json/json01': LABEL_WITHOUT_EQUALS,
    'bakeFile/bakeFile01': LABEL_WITHOUT_EQUALS,
    'bakeFileTagsLabels/bakeFileTagsLabels01': LABEL_WITHOUT_EQUALS
  }
};

const key = (row: Row): string => `${row.section}/${row.name}`;

function outcome(row: Row, compat: CompatMode): Record<string, unknown> | string {
  try {
    return actual(row, planOf(row, compat));
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

describe('docker/metadata-action v6 test table', () => {
  it('the transcribed table is complete (131 rows of v6.2.0)', () => {
    expect(table.rows).toHaveLength(131);
    expect(new Set(table.rows.map(key)).size).toBe(table.rows.length);
  });

  it.each(table.isRawStatement.map((r) => [r.pattern, r.expected] as const))('isRawStatement(%j) is %s', (pattern, expected) => {
    expect(isRawStatement(pattern)).toBe(expected);
  });

  describe.each<CompatMode>(['metadata-action', 'aim'])('compat: %s', (compat) => {
    const rows = table.rows.filter((r) => compat === 'metadata-action' || (r.inputs.tags ?? []).length > 0);
    it.each(rows.map((r) => [key(r), r] as const))('%s', (id, row) => {
      expect(Object.keys(row.expected).length).toBeGreaterThan(0);
      const got = outcome(row, compat);
      const reason = DIFFERENT[compat][id];
      if (reason) {
        expect(got).not.toEqual(row.expected);
        expect(got).toMatch(reason.error);
      } else {
        expect(got).toEqual(row.expected);
      }
    });

    it('covers the rows it claims to', () => {
      expect(rows.length).toBeGreaterThan(compat === 'aim' ? 90 : 130);
      for (const id of Object.keys(DIFFERENT[compat])) expect(rows.map(key)).toContain(id);
    });
  });
});
