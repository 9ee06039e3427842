/**
 * Our runner protocol module against @actions/core itself: same inputs, same log commands, and
 * GITHUB_OUTPUT / GITHUB_STATE records that parse to the same values. Both run in child processes
 * with the same environment, so this compares real behaviour, not mocks.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseOutputFile } from '../helpers/runner-files.js';

const values = ['plain', '  padded  ', 'multi\nline\r\nvalue', '100% done: a,b', '', 'ünïcödé ✓', '::error::injection'];

function script(impl: 'core' | 'ours'): string {
  const mod = impl === 'core' ? "await import('@actions/core')" : `await import(${JSON.stringify(resolve('__tests__/helpers/runner-entry.mjs'))})`;
  return `
    const c = ${mod};
    const vals = ${JSON.stringify(values)};
    console.log(JSON.stringify([c.getInput('my-input'), c.getInput('my-input', { trimWhitespace: false }), c.getInput('missing')]));
    vals.forEach((v, i) => { c.setOutput('out' + i, v); c.saveState('st' + i, v); });
    c.info('hello'); c.debug('dbg 50%\\nnext'); c.warning('careful\\r\\nnow'); c.startGroup('Group 1'); c.endGroup(); c.setSecret('s3cr3t\\nx');
    c.setFailed('bad: 100%');
    ${impl === 'core' ? "await c.summary.addRaw('## sum\\n').write();" : "c.appendSummary('## sum\\n');"}
  `;
}

function runImpl(impl: 'core' | 'ours') {
  const dir = mkdtempSync(join(tmpdir(), `aim-runner-${impl}-`));
  const files = { GITHUB_OUTPUT: join(dir, 'out'), GITHUB_STATE: join(dir, 'state'), GITHUB_STEP_SUMMARY: join(dir, 'sum') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script(impl)], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', 'INPUT_MY-INPUT': '  spaced value \n', ...files }
  });
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    outputs: parseOutputFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    state: parseOutputFile(readFileSync(files.GITHUB_STATE, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')
  };
}

describe('runner protocol module vs @actions/core', () => {
  const core = runImpl('core');
  const ours = runImpl('ours');
  it('both ran', () => {
    expect(core.stderr).toBe('');
    expect(ours.stderr).toBe('');
    expect(Object.keys(core.outputs)).toHaveLength(values.length);
  });
  it('same inputs, log commands and exit code', () => {
    expect(ours.stdout).toBe(core.stdout);
    expect(ours.status).toBe(core.status);
    expect(ours.status).toBe(1);
  });
  it('same outputs and state', () => {
    expect(ours.outputs).toEqual(core.outputs);
    expect(ours.state).toEqual(core.state);
    expect(ours.outputs.out2).toBe('multi\nline\r\nvalue');
  });
  it('same summary', () => {
    expect(ours.summary).toBe(core.summary);
  });
});
