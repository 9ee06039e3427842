/**
 * The template fast path against Handlebars over hostile names: prototype properties
 * (`constructor`, `__proto__`, `toString`…) are not values, built-in helper names are left to
 * Handlebars, and both paths give the same text for every expression the engine renders.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import Handlebars from 'handlebars';
import { renderGlobal, simpleTemplate, type TemplateEnv } from '../../src/core/template.js';
import { planTags, DEFAULT_PLAN_INPUTS } from '../../src/core/plan.js';
import { DEFAULT_ENGINE_OPTIONS, type ResolvedEvent } from '../../src/core/context.js';

const HOSTILE = [
  'constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable',
  'toLocaleString', '__defineGetter__', '__lookupGetter__', 'prototype', 'length', 'name', 'caller', 'arguments'
];
const DATA_NAMES = ['branch', 'tag', 'sha', 'version', 'major', 'raw'];

const event: ResolvedEvent = { eventName: 'push', ref: 'refs/heads/dev', sha: 'a'.repeat(40), kind: 'branch', branch: 'dev', isDefaultBranch: false, isSchedule: false };
const env: TemplateEnv = { event, payload: {}, now: new Date('2026-01-02T00:00:00Z'), commitDate: new Date('2026-01-02T00:00:00Z'), shortShaLength: 7 };

describe('template fast path: own properties only, the same answer as Handlebars', () => {
  it('{{constructor}} and friends render empty, never object-Object', () => {
    for (const name of HOSTILE) {
      expect([name, renderGlobal(`x{{${name}}}y`, env)]).toEqual([name, 'xy']);
      expect([name, simpleTemplate(`{{${name}}}`)?.({ branch: 'b' })]).toEqual([name, '']);
    }
    const plan = planTags({ ...DEFAULT_PLAN_INPUTS, tags: ['type=raw,value=v{{constructor}}', 'type=semver,pattern={{constructor}}{{major}},value=1.2.3'] }, { ctx: { eventName: 'push', ref: 'refs/heads/dev', sha: 'a'.repeat(40), repository: 'a/b', payload: {}, repo: {} }, options: DEFAULT_ENGINE_OPTIONS, now: env.now });
    expect(plan.tags.map((t) => t.name)).toEqual(['1', 'v']);
  });

  it('both paths agree over hostile and ordinary names (property)', () => {
    const name = fc.oneof(fc.constantFrom(...HOSTILE, ...DATA_NAMES, 'if', 'each', 'with', 'unless', 'log', 'lookup', 'helperMissing', 'blockHelperMissing'), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/));
    const text = fc.string({ maxLength: 6 }).filter((t) => !/[{}\\]/.test(t));
    const template = fc.array(fc.tuple(text, name), { minLength: 1, maxLength: 3 }).map((parts) => parts.map(([t, n]) => `${t}{{${n}}}`).join(''));
    const value = fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: 0, max: 99 }), fc.constant(undefined));
    fc.assert(
      fc.property(template, value, (tpl, v) => {
        const data: Record<string, unknown> = { branch: v, tag: 'v1', sha: 'abc', version: () => v, major: 0, raw: '&<>' };
        const fast = simpleTemplate(tpl);
        const slow = (): string => Handlebars.compile(tpl)(data);
        if (fast === undefined) {
          // a built-in helper name: the engine renders it with Handlebars itself
          expect(tpl).toMatch(/\{\{(if|each|with|unless|log|lookup|helperMissing|blockHelperMissing)\}\}/);
          return;
        }
        expect(fast(data)).toBe(slow());
      }),
      { numRuns: 1500 }
    );
  });
});
