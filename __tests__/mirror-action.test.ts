/** mirror/action.yml: node24, every input and output described, exactly the inputs the step reads. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { MIRROR_INPUT_NAMES } from '../src/adapters/github/inputs-mirror.js';

const action = parse(readFileSync('mirror/action.yml', 'utf8')) as { inputs: Record<string, { description?: string }>; outputs: Record<string, { description?: string }>; runs: { using: string; main: string } };

describe('mirror/action.yml', () => {
  it('runs dist/mirror on node24; every input and output is described', () => {
    expect(action.runs).toEqual({ using: 'node24', main: '../dist/mirror/index.js' });
    for (const [name, spec] of [...Object.entries(action.inputs), ...Object.entries(action.outputs)]) expect([name, (spec.description ?? '').length > 10]).toEqual([name, true]);
  });
  it('declares exactly the inputs the mirror step reads', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...MIRROR_INPUT_NAMES].sort());
  });
});

describe('README: Mirroring and internal networks', () => {
  it('the naming-rule table is the code\'s (MIRROR_RULES, which the mapping tests check)', async () => {
    const { MIRROR_RULES } = await import('../src/core/mirror/mapping.js');
    const readme = readFileSync('README.md', 'utf8');
    for (const [src, harbor, acr] of MIRROR_RULES) expect(readme).toContain(`| \`${src}\` | \`${harbor}\` | \`${acr}\` |`);
  });
});
