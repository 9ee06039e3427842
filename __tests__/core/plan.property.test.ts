/**
 * Property tests: for random branch names, tag names, versions, PR numbers and images, every
 * emitted reference is valid per the OCI grammar or the run fails with a clear InputError; the
 * same input always gives the same output.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { planTags, DEFAULT_PLAN_INPUTS, type PlanInputs } from '../../src/core/plan.js';
import { DEFAULT_ENGINE_OPTIONS, type EventContext } from '../../src/core/context.js';
import { InputError } from '../../src/core/errors.js';
import { referenceProblem } from '../../src/core/reference.js';
import { planJson } from '../../src/core/outputs.js';

const NOW = new Date('2026-11-22T00:00:00Z');
const segment = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/);
const anyText = fc.string({ minLength: 1, maxLength: 160, unit: 'grapheme' });
const branch = fc.oneof(fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/')), anyText);
const semverTag = fc
  .tuple(fc.nat(30), fc.nat(30), fc.nat(30), fc.option(fc.stringMatching(/^[0-9A-Za-z-]{1,10}(\.[0-9A-Za-z-]{1,6})?$/)), fc.option(fc.stringMatching(/^[0-9A-Za-z-]{1,10}$/)))
  .map(([a, b, c, pre, build]) => `v${a}.${b}.${c}${pre ? `-${pre}` : ''}${build ? `+${build}` : ''}`);
const tag = fc.oneof(semverTag, branch);
const host = fc.constantFrom('ghcr.io', 'registry.cn-hangzhou.aliyuncs.com', 'harbor.local:8443', 'localhost:5000', 'docker.io', 'crpi-x1.cn-beijing.personal.cr.aliyuncs.com');
const image = fc.oneof(
  fc.tuple(host, fc.array(segment, { minLength: 0, maxLength: 3 })).map(([h, p]) => [h, ...p].join('/')),
  anyText
);
const event = fc.oneof(
  branch.map((b) => ({ eventName: 'push', ref: `refs/heads/${b}` })),
  tag.map((t) => ({ eventName: 'push', ref: `refs/tags/${t}` })),
  fc.integer({ min: 1, max: 9_999_999 }).map((n) => ({ eventName: 'pull_request', ref: `refs/pull/${n}/merge` })),
  branch.map((b) => ({ eventName: 'schedule', ref: `refs/heads/${b}` }))
);
const ruleSets = fc.constantFrom<string[]>(
  [],
  ['type=ref,event=branch', 'type=ref,event=tag', 'type=ref,event=pr', 'type=sha'],
  ['type=semver,pattern={{version}}', 'type=semver,pattern={{major}}.{{minor}}', 'type=semver,pattern={{raw}}'],
  ['type=sha,prefix={{branch}}-', 'type=raw,value={{tag}}-{{date \'YYYYMMDD\'}}']
);

const arbInput = fc.record({
  ev: event,
  images: fc.array(image, { minLength: 0, maxLength: 3 }),
  component: fc.oneof(fc.constant(''), segment, anyText),
  tags: ruleSets,
  latest: fc.constantFrom('auto', 'default-branch', 'never') as fc.Arbitrary<PlanInputs['latest']>
});

type Arb = typeof arbInput extends fc.Arbitrary<infer T> ? T : never;

function run(a: Arb) {
  const ctx: EventContext = {
    eventName: a.ev.eventName,
    ref: a.ev.ref,
    sha: '860c1904a1ce19322e91ac35af1ab07466440c37',
    repository: 'acme/app',
    payload: { repository: { default_branch: 'main' } },
    repo: { defaultBranch: 'main' }
  };
  const inputs = { ...DEFAULT_PLAN_INPUTS, images: a.images.map((i) => i.replace(/\r?\n/g, ' ')), component: a.component, tags: a.tags, latest: a.latest };
  return planTags(inputs, { ctx, options: DEFAULT_ENGINE_OPTIONS, now: NOW });
}

describe('plan properties', () => {
  it('every reference is valid, or the run fails with an InputError that names an input', () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        try {
          const p = run(a);
          for (const t of p.targets) {
            for (const r of t.references) expect(referenceProblem(t.image, r.tag)).toBeUndefined();
          }
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          expect(e.message).toMatch(/^Invalid [a-z-]+( \(line \d+\))? '/);
        }
      }),
      { numRuns: 4000 }
    );
  });

  it('the same input gives the same output', () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        const once = (): string => {
          try {
            return JSON.stringify(planJson(run(a)));
          } catch (e) {
            return `error: ${(e as Error).message}`;
          }
        };
        expect(once()).toBe(once());
      }),
      { numRuns: 1000 }
    );
  });
});

describe('template fast path', () => {
  it('renders exactly as Handlebars for text with only {{name}} mustaches', async () => {
    const { simpleTemplate } = await import('../../src/core/template.js');
    const Handlebars = (await import('handlebars')).default;
    const name = fc.constantFrom('branch', 'tag', 'sha', 'major', 'minor', 'missing', 'flag', 'fn');
    const text = fc.string({ maxLength: 8 }).filter((t) => !/[{}\\]/.test(t));
    const template = fc.array(fc.tuple(text, name, fc.constantFrom('', ' ')), { maxLength: 4 }).map((parts) => parts.map(([t, n, sp]) => `${t}{{${sp}${n}${sp}}}`).join(''));
    const value = fc.oneof(fc.string({ maxLength: 12 }), fc.integer({ min: 0, max: 99 }), fc.boolean(), fc.constant(undefined));
    fc.assert(
      fc.property(template, value, value, (tpl, v1, v2) => {
        const data = { branch: v1, tag: v2, sha: 'abc&<>"\'`=', major: 0, minor: v2, flag: false, fn: () => v1 };
        const fast = simpleTemplate(tpl);
        expect(fast).toBeDefined();
        expect(fast?.(data)).toBe(Handlebars.compile(tpl)(data));
      }),
      { numRuns: 2000 }
    );
  });

  it('leaves helpers with arguments, blocks and paths to Handlebars', async () => {
    const { simpleTemplate } = await import('../../src/core/template.js');
    for (const t of ["{{date 'YYYY'}}", '{{#if branch}}x{{/if}}', '{{a.b}}', '{{{raw}}}', '{{! note }}', 'a\\{{b}}']) expect(simpleTemplate(t)).toBeUndefined();
  });
});
