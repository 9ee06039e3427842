/**
 * The README's inputs/outputs tables are generated from the action.yml files and must be current,
 * and every action.yml documents exactly the inputs the code reads.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { MATRIX_INPUT_NAMES, PLAN_INPUT_NAMES, PUSH_INPUT_NAMES } from '../src/adapters/github/inputs.js';
import { MERGE_INPUT_NAMES } from '../src/adapters/github/inputs-merge.js';
import { SUMMARY_INPUT_NAMES } from '../src/steps/workflow-summary.js';
import { SCAN_INPUT_NAMES } from '../src/adapters/github/inputs-scan.js';
import { PROMOTE_INPUT_NAMES } from '../src/steps/promote.js';

const load = (file: string) => parse(readFileSync(file, 'utf8')) as { inputs: Record<string, { description?: string }>; outputs: Record<string, { description?: string }>; runs: { using: string; main: string } };

describe('action.yml files', () => {
  it.each(['action.yml', 'meta/action.yml', 'scan/action.yml', 'cleanup/action.yml', 'merge/action.yml', 'summary/action.yml', 'promote/action.yml'])('%s: runs on node24, every input and output is described', (file) => {
    const action = load(file);
    expect(action.runs.using).toBe('node24');
    for (const [name, spec] of [...Object.entries(action.inputs), ...Object.entries(action.outputs)]) {
      expect([name, (spec.description ?? '').length > 10]).toEqual([name, true]);
    }
  });

  it('meta/action.yml declares exactly the inputs the plan step reads', () => {
    expect(Object.keys(load('meta/action.yml').inputs).sort()).toEqual([...PLAN_INPUT_NAMES, ...MATRIX_INPUT_NAMES, ...PUSH_INPUT_NAMES].sort());
  });

  it('merge/action.yml and summary/action.yml declare exactly the inputs their steps read', () => {
    expect(Object.keys(load('merge/action.yml').inputs).sort()).toEqual([...MERGE_INPUT_NAMES].sort());
    expect(Object.keys(load('summary/action.yml').inputs).sort()).toEqual([...SUMMARY_INPUT_NAMES].sort());
    expect(Object.keys(load('promote/action.yml').inputs).sort()).toEqual([...PROMOTE_INPUT_NAMES].sort());
  });

  it('meta and merge describe the inputs they share with the full action (push, credentials) identically', () => {
    const main = load('action.yml');
    expect(load('meta/action.yml').inputs.push).toEqual(main.inputs.push);
    for (const name of ['username', 'password', 'registry-auth']) expect([name, load('merge/action.yml').inputs[name]]).toEqual([name, main.inputs[name]]);
    for (const name of ['username', 'password', 'registry-auth']) expect([name, load('promote/action.yml').inputs[name]]).toEqual([name, main.inputs[name]]);
  });

  it('action.yml declares every input the plan step reads', () => {
    expect(Object.keys(load('action.yml').inputs)).toEqual(expect.arrayContaining(PLAN_INPUT_NAMES));
  });

  it('meta and the full action describe the shared inputs identically', () => {
    const main = load('action.yml');
    const meta = load('meta/action.yml');
    for (const name of PLAN_INPUT_NAMES.filter((n) => n !== 'github-token')) expect([name, main.inputs[name]]).toEqual([name, meta.inputs[name]]);
  });

  it('the full action and the scan sub-action describe the scan inputs identically', () => {
    const main = load('action.yml');
    const scan = load('scan/action.yml');
    for (const name of SCAN_INPUT_NAMES) expect([name, main.inputs[name]]).toEqual([name, scan.inputs[name]]);
  });
});

describe('README', () => {
  it('inputs/outputs tables are identical to the action.yml files (npm run docs)', () => {
    const r = spawnSync(process.execPath, ['scripts/docs.mjs', '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('every documented input appears in the README tables', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const name of Object.keys(load('action.yml').inputs)) expect(readme).toContain(`| \`${name}\` |`);
  });
});
