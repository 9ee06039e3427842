/**
 * Regular-expression denial of service (issue: `type=match,pattern=^(a+)+$` on a crafted branch
 * hung the step): user patterns run on a linear-time engine with a capped input, and keep
 * metadata-action's `String.prototype.match` semantics for ordinary patterns.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { planTags, DEFAULT_PLAN_INPUTS, type PlanInputs } from '../../src/core/plan.js';
import { DEFAULT_ENGINE_OPTIONS, type EventContext } from '../../src/core/context.js';
import { compilePattern, MAX_MATCH_INPUT } from '../../src/core/pattern.js';

const NOW = new Date('2026-01-02T00:00:00Z');
const ctx = (ref: string): EventContext => ({ eventName: 'push', ref, sha: 'a'.repeat(40), repository: 'acme/app', payload: {}, repo: {} });
const plan = (ref: string, tags: string[], more: Partial<PlanInputs> = {}) =>
  planTags({ ...DEFAULT_PLAN_INPUTS, tags, ...more }, { ctx: ctx(ref), options: DEFAULT_ENGINE_OPTIONS, now: NOW });

describe('catastrophic patterns finish in linear time', () => {
  it.each([
    ['type=match,pattern=^(a+)+$,value={{branch}}', `refs/heads/${'a'.repeat(1000)}!`],
    ['type=match,pattern=^(a|aa)+$', `refs/tags/${'a'.repeat(1000)}!`],
    ['type=match,pattern=(x+x+)+y', `refs/tags/${'x'.repeat(1000)}`],
    ['type=semver,pattern={{version}},match=^(\\d+)*$', `refs/tags/${'1'.repeat(1000)}x`]
  ])('%s on a crafted ref', (rule, ref) => {
    const started = process.hrtime.bigint();
    const p = plan(ref, [rule]);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(p.tags).toEqual([]);
    expect(p.warnings.join('\n')).toMatch(/does not match/);
    // a backtracking engine needs 2^1000 steps here; RE2 needs a few milliseconds
    expect(ms).toBeLessThan(2000);
  });

  it('a value longer than the cap is refused naming the rule', () => {
    const rule = 'type=match,pattern=^(a+)+$,value={{branch}}';
    expect(() => plan(`refs/heads/${'a'.repeat(MAX_MATCH_INPUT + 1)}`, [rule])).toThrow(
      `Invalid tags (line 1) '${rule}': the value to match is ${MAX_MATCH_INPUT + 1} characters; patterns run on at most ${MAX_MATCH_INPUT}`
    );
  });

  it('lookaround and backreferences are refused at parse time naming the rule and why', () => {
    expect(() => plan('refs/tags/v1', ['type=match,pattern=^(?=v)v(\\d)'])).toThrow(/Invalid tags \(line 1\) 'type=match,pattern=\^\(\?=v\)v\(\\d\)': pattern is not a valid regular expression: .*lookaround and backreferences/);
    expect(() => plan('refs/tags/v1', ['type=semver,pattern={{version}},match=(a)\\1'])).toThrow(/pattern is not a valid regular expression/);
    expect(() => plan('refs/tags/v1', ['type=match,pattern=/v/y'])).toThrow(/flag 'y' is not supported/);
  });
});

describe("metadata-action's match semantics are kept", () => {
  it.each([
    ['type=match,pattern=v(\\d+.\\d+),group=1', 'v1.2.3', ['1.2']],
    ['type=match,pattern=/V(\\d+)/i,group=1', 'v7', ['7']],
    ['type=match,pattern=\\d.\\d.\\d', 'release-1.2.3-x', ['1.2.3']],
    ['type=match,pattern=(?<major>\\d+)\\.(\\d+),group=2', 'v4.5', ['5']],
    ['type=match,pattern=^v(\\d+)(-rc)?$,group=2', 'v4', []],
    ['type=match,"pattern=^release\\d{1,2}"', 'release12', ['release12']],
    ['type=semver,pattern={{version}},match=^backend-v(\\d.\\d.\\d)$', 'backend-v3.4.5', ['3.4.5']]
  ])('%s on tag %s', (rule, tag, expected) => {
    expect(plan(`refs/tags/${tag}`, [rule], { latest: 'never' }).tags.map((t) => t.name)).toEqual(expected);
  });

  it('the engine agrees with RegExp#match on ordinary patterns and inputs (property)', () => {
    const patterns = ['v(\\d+)\\.(\\d+)', '^(\\w+)-(\\d+)?$', '[a-z]+', '(a|b)(c)?', '^release(\\d{1,2})', '/(V)(\\d)/i', '/\\d/g', '(x)*y'];
    fc.assert(
      fc.property(fc.constantFrom(...patterns), fc.stringMatching(/^[a-zA-Z0-9._-]{0,30}$/), (pattern, input) => {
        const literal = pattern.match(/^\/(.+)\/(.*)$/);
        const js = literal ? new RegExp(literal[1], literal[2]) : new RegExp(pattern);
        const expected = input.match(js);
        expect(compilePattern(pattern).match(input)).toEqual(expected === null ? null : [...expected]);
      }),
      { numRuns: 400 }
    );
  });
});
