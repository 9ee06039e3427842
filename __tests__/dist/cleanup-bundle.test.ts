/**
 * The committed cleanup bundle as the runner runs it: `node dist/cleanup/index.js` with INPUT_* and
 * GITHUB_* variables, a GITHUB_OUTPUT file and a step summary, against a REAL registry on
 * 127.0.0.1 (dry run: nothing is deleted). Plus cleanup/action.yml parity with the code and with
 * meta/action.yml. Rebuild the bundle with `node scripts/build.mjs cleanup`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CLEANUP_INPUT_NAMES } from '../../src/adapters/github/inputs-cleanup.js';
import { RegistryClient } from '../../src/adapters/registry/client.js';
import { registryAvailable, startRegistry, type TestRegistry } from '../helpers/registry.js';
import { requireReal, run } from '../helpers/tools.js';
import { parseOutputFile } from '../helpers/runner-files.js';
import { closedPayload, pushIndex } from '../helpers/cleanup-fixtures.js';
import { SHA } from '../helpers/events.js';

type ActionYml = { inputs: Record<string, { description?: string; default?: string }>; outputs: Record<string, { description?: string }>; runs: { using: string; main: string } };
const load = (file: string) => parse(readFileSync(file, 'utf8')) as ActionYml;

describe('cleanup/action.yml', () => {
  it('runs the cleanup bundle on node24 and declares exactly the inputs the step reads, all described', () => {
    const action = load('cleanup/action.yml');
    expect(action.runs).toEqual({ using: 'node24', main: '../dist/cleanup/index.js' });
    expect(Object.keys(action.inputs).sort()).toEqual([...CLEANUP_INPUT_NAMES].sort());
    expect(Object.keys(action.outputs)).toEqual(['deleted', 'kept']);
    for (const [name, spec] of [...Object.entries(action.inputs), ...Object.entries(action.outputs)]) expect([name, (spec.description ?? '').length > 10]).toEqual([name, true]);
  });

  it('describes the plan inputs exactly as meta/action.yml does', () => {
    const cleanup = load('cleanup/action.yml');
    const meta = load('meta/action.yml');
    for (const name of ['images', 'registry', 'image-name', 'component', 'registry-type', 'acr-namespace', 'acr-repository', 'tags', 'flavor']) {
      expect([name, cleanup.inputs[name]]).toEqual([name, meta.inputs[name]]);
    }
  });
});

const REAL = requireReal('dist/cleanup against a real registry', [{ name: 'docker-registry', ok: registryAvailable() }]);

async function runBundle(inputs: Record<string, string>, event: { name: string; ref: string; payload: object }) {
  const dir = mkdtempSync(join(tmpdir(), 'aim-dist-cleanup-'));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary.md'), event: join(dir, 'event.json') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  writeFileSync(files.event, JSON.stringify(event.payload));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_EVENT_NAME: event.name,
    GITHUB_REF: event.ref,
    GITHUB_SHA: SHA,
    GITHUB_REPOSITORY: 'Acme/backend',
    GITHUB_ACTOR: 'octocat',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
  };
  const res = await run(process.execPath, ['dist/cleanup/index.js'], { env, check: false, timeoutMs: 20_000 });
  const result = { ...res, outputs: parseOutputFile(readFileSync(files.output, 'utf8')), summary: readFileSync(files.summary, 'utf8') };
  rmSync(dir, { recursive: true, force: true });
  return result;
}

(REAL ? describe : describe.skip)('dist/cleanup/index.js as the runner runs it', () => {
  let reg: TestRegistry;
  let pr7: { digest: string; children: string[] };
  beforeAll(async () => {
    reg = await startRegistry();
    const c = new RegistryClient({ registry: reg.host, insecureHttp: true });
    pr7 = await pushIndex(c, 'acme/ai-infra-matrix', 'backend-pr-7', [
      { platform: 'linux/amd64', content: 'same-amd64' },
      { platform: 'linux/arm64', content: 'pr7-arm64' }
    ]);
    await pushIndex(c, 'acme/ai-infra-matrix', 'backend-main', [
      { platform: 'linux/amd64', content: 'same-amd64' },
      { platform: 'linux/arm64', content: 'main-arm64' }
    ]);
    await pushIndex(c, 'acme/ai-infra-matrix', 'frontend-pr-7', [{ platform: 'linux/amd64', content: 'frontend' }]);
  });
  afterAll(async () => reg?.stop());

  it('dry run on a pull_request closed event: the ACR-style component plan, outputs and summary; nothing deleted', async () => {
    const r = await runBundle(
      { registry: `${reg.host}/acme`, 'registry-type': 'acr', 'image-name': 'ai-infra-backend', 'dry-run': 'true', 'github-token': 'ghs_unused' },
      { name: 'pull_request', ref: 'refs/pull/7/merge', payload: closedPayload(7) }
    );
    expect(r.stdout).not.toMatch(/::error::/);
    expect(r.code).toBe(0);
    const image = `${reg.host}/acme/ai-infra-matrix`;
    expect(JSON.parse(r.outputs.deleted)).toEqual([
      { registry: reg.host, image, reference: `${image}:backend-pr-7`, digest: pr7.digest, tags: ['backend-pr-7'], reason: "tagged only with this pull request's tag backend-pr-7", dryRun: true },
      { registry: reg.host, image, reference: `${image}@${pr7.children[1]}`, digest: pr7.children[1], tags: [], reason: 'linux/arm64 manifest of backend-pr-7, referenced by no live tag', dryRun: true }
    ]);
    expect(JSON.parse(r.outputs.kept)).toEqual([expect.objectContaining({ digest: pr7.children[0], reason: expect.stringContaining(`also referenced by ${image}:backend-main`) })]);
    expect(r.summary).toContain('### aim-build PR cleanup: pull request #7');
    expect(r.summary).toContain(`| ${reg.host} | \`${image}:backend-pr-7\` | would delete (dry run) |`);
    const tags = (await (await fetch(`${reg.url}/v2/acme/ai-infra-matrix/tags/list`)).json()) as { tags: string[] };
    expect(tags.tags.sort()).toEqual(['backend-main', 'backend-pr-7', 'frontend-pr-7']);
    expect(r.stdout).toContain('::add-mask::ghs_unused');
    expect(r.ms).toBeLessThan(10_000);
  });

  it('a manual run (workflow_dispatch, as pr-cleanup.yml passes its pr-number input) cleans up the pull request it names', async () => {
    const r = await runBundle(
      { registry: `${reg.host}/acme`, 'registry-type': 'acr', 'image-name': 'ai-infra-backend', 'pr-number': '7', 'dry-run': 'true', 'github-token': 'ghs_unused' },
      { name: 'workflow_dispatch', ref: 'refs/heads/main', payload: { inputs: { 'pr-number': '7' }, ref: 'refs/heads/main', repository: (closedPayload(7) as { repository: object }).repository } }
    );
    expect(r.stdout).not.toMatch(/::error::/);
    expect(r.code).toBe(0);
    const image = `${reg.host}/acme/ai-infra-matrix`;
    expect(JSON.parse(r.outputs.deleted).map((d: { reference: string }) => d.reference)).toEqual([`${image}:backend-pr-7`, `${image}@${pr7.children[1]}`]);
    expect(r.summary).toContain('### aim-build PR cleanup: pull request #7');
  });

  it('a push event without pr-number fails the step with the fix', async () => {
    const r = await runBundle({ images: `${reg.host}/acme/app`, 'dry-run': 'true' }, { name: 'push', ref: 'refs/heads/main', payload: {} });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("::error::aim-build: Invalid pr-number '': the 'push' event has no pull request number: run on `pull_request: types: [closed]`, or give pr-number");
  });
});
