/**
 * REAL: one row per registry, and a deliberate partial publish (issue 11 §3). Three distribution
 * registries on 127.0.0.1; the release-tag guard reads all three, then one is stopped before the
 * push (mid-run), and the build step's push (src/adapters/registry/push.ts) runs:
 *  - default (`on-registry-error: fail`): no tag in any registry, every row says where it stands;
 *  - `continue`: the two healthy registries fully tagged, the stopped one failed and named.
 * Everything is checked through the registries' HTTP API.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryClient } from '../../src/adapters/registry/client.js';
import { readLayout } from '../../src/adapters/registry/oci-layout.js';
import { pushAll, PushError } from '../../src/adapters/registry/push.js';
import { planPush } from '../../src/core/build/push-plan.js';
import { isSemverRelease } from '../../src/core/build/release-tags.js';
import { registryTable } from '../../src/core/build/summary.js';
import { guardTags, tagContextOf } from '../../src/steps/build-tags.js';
import { smallTagPlan } from '../helpers/build.js';
import { AMD64, LayoutWriter } from '../helpers/oci-layout.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { requireReal, toolRequirement } from '../helpers/tools.js';

const REAL = requireReal('partial-publish', [toolRequirement('/usr/bin/docker-registry')]);
const real = REAL ? describe : describe.skip;

const clientFor = (registry: string): RegistryClient => new RegistryClient({ registry, insecureHttp: true, backoffMs: 5, retries: 1 });
const rule = { isRelease: isSemverRelease, overwriteRelease: false, moveAliases: false };

async function tags(reg: TestRegistry, repo: string): Promise<string[]> {
  return (await clientFor(reg.host).listTags(repo).catch(() => [] as string[])).sort();
}

real('one row per registry; on-registry-error (three real registries, one stopped mid-run)', () => {
  const dirs: string[] = [];

  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  let layout = '';
  beforeAll(async () => {
    layout = mkdtempSync(join(tmpdir(), 'aim-partial-'));
    dirs.push(layout);
    const w = new LayoutWriter(layout);
    // 64 KiB that gzip cannot shrink, so bytes moved is visible
    w.index([await w.image([[{ name: 'app/blob.bin', content: randomBytes(64 * 1024) }]], AMD64)]);
  });

  /** three registries; the guard reads all of them; then the third is stopped; then the push */
  async function run(onError: 'fail' | 'continue') {
    const regs = await Promise.all([startRegistry(), startRegistry(), startRegistry()]);
    const repo = `partial/${onError}`;
    const plan = smallTagPlan(regs.map((r) => `${r.host}/${repo}`));
    const image = await readLayout(layout);
    const guarded = await guardTags(tagContextOf(plan), planPush(image, plan.targets), rule, clientFor);
    expect(guarded.pushes.map((p) => p.tags.length)).toEqual([4, 4, 4]);
    await regs[2].stop();
    const outcome = await pushAll(layout, image, guarded.pushes, { clientFor, log: () => undefined, onError }).then(
      (results) => ({ results, error: undefined as unknown }),
      (error: unknown) => ({ results: error instanceof PushError ? error.results : [], error })
    );
    const state = await Promise.all(regs.slice(0, 2).map((r) => tags(r, repo)));
    await Promise.all(regs.slice(0, 2).map((r) => r.stop()));
    return { regs, repo, outcome, state };
  }

  it('default (fail): no tag in any registry; each row says where it stands', async () => {
    const { regs, outcome, state } = await run('fail');
    expect(outcome.error).toBeInstanceOf(PushError);
    expect((outcome.error as Error).message).toContain(`${regs[2].host}/partial/fail`);
    expect(state).toEqual([[], []]); // nothing tagged, not even on the healthy ones
    expect(outcome.results.map((r) => [r.registry, r.status, r.written])).toEqual([
      [regs[0].host, 'not tagged', []],
      [regs[1].host, 'not tagged', []],
      [regs[2].host, 'failed', []]
    ]);
    expect(outcome.results[0].bytes).toBeGreaterThan(64 * 1024); // the layer, the config and the manifests went up
    expect(outcome.results[2].error).toContain(regs[2].host);
    const md = registryTable(outcome.results);
    expect(md).toContain(`| ${regs[2].host} | \`${regs[2].host}/partial/fail\` | failed: `);
    expect(md).toContain(`| ${regs[0].host} | \`${regs[0].host}/partial/fail\` | not tagged | \`sha256:`);
  }, 120_000);

  it('continue: the two healthy registries fully tagged, the stopped one failed and named', async () => {
    const { regs, outcome, state } = await run('continue');
    expect(outcome.error).toBeUndefined();
    expect(state).toEqual([
      ['1', '1.2', '1.2.3', 'v1.2.3'],
      ['1', '1.2', '1.2.3', 'v1.2.3']
    ]);
    expect(outcome.results.map((r) => [r.registry, r.status, [...r.written].sort()])).toEqual([
      [regs[0].host, 'tagged', ['1', '1.2', '1.2.3', 'v1.2.3']],
      [regs[1].host, 'tagged', ['1', '1.2', '1.2.3', 'v1.2.3']],
      [regs[2].host, 'failed', []]
    ]);
    for (const r of outcome.results.slice(0, 2)) {
      expect(r.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
      expect(r.bytes).toBeGreaterThan(0);
      expect(r.ms).toBeGreaterThan(0);
    }
    expect(outcome.results[2].error).toContain(regs[2].host);
  }, 120_000);
});
