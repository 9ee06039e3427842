/**
 * REAL: one row per registry, and a deliberate partial publish (issue 11 §3). Three distribution
 * registries on 127.0.0.1; the release-tag guard reads all three, then one is stopped before the
 * push (mid-run), and the build step's push (src/adapters/registry/push.ts) runs:
 *  - default (`on-registry-error: fail`): no tag in any registry, every row says where it stands;
 *  - `continue`: the two healthy registries fully tagged, the stopped one failed and named.
 * And through the committed `dist/main` (buildah, FROM scratch): a registry that stops accepting
 * uploads mid-push with `on-registry-error: continue` (the step fails, the healthy ones are tagged)
 * and `continue-warn` (the step warns). Everything is checked through the registries' HTTP API.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
import { buildahEnv, buildahRequirements } from '../helpers/buildah.js';
import { examplePayload } from '../helpers/events.js';
import { runActionAsync, type BundleRun } from '../helpers/run-bundle.js';

const REAL = requireReal('partial-publish', [toolRequirement('/usr/bin/docker-registry')]);
const real = REAL ? describe : describe.skip;
const BUNDLE = requireReal('partial-publish-bundle', [...buildahRequirements(), toolRequirement('/usr/bin/docker-registry')]);
const bundle = BUNDLE ? describe : describe.skip;

function errorLine(r: BundleRun): string {
  return (/^::error::(.*)$/m.exec(r.stdout)?.[1] ?? '').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
}

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

  it('continue, a registry already gone at the release-tag check: it is left out as a failed row, the others are tagged', async () => {
    const regs = await Promise.all([startRegistry(), startRegistry(), startRegistry()]);
    const repo = 'partial/early';
    const plan = smallTagPlan(regs.map((r) => `${r.host}/${repo}`));
    const image = await readLayout(layout);
    await regs[1].stop();
    try {
      const fail = await guardTags(tagContextOf(plan), planPush(image, plan.targets), rule, clientFor, { unreadableHint: 'hint' }).catch((e: unknown) => e as Error);
      expect((fail as Error).message).toContain(`could not read ${regs[1].host}/${repo}:v1.2.3 to check it before tagging`);
      expect((fail as Error).message).toContain('nothing was pushed (hint)');
      const guarded = await guardTags(tagContextOf(plan), planPush(image, plan.targets), rule, clientFor, { skipUnreadable: true });
      expect(guarded.pushes.map((p) => p.registry)).toEqual([regs[0].host, regs[2].host]);
      expect(guarded.unreadable.map((u) => u.push.registry)).toEqual([regs[1].host]);
      const results = await pushAll(layout, image, guarded.pushes, { clientFor, log: () => undefined, onError: 'continue' });
      expect(results.map((r) => r.status)).toEqual(['tagged', 'tagged']);
      for (const r of [regs[0], regs[2]]) expect(await tags(r, repo)).toEqual(['1', '1.2', '1.2.3', 'v1.2.3']);
    } finally {
      await Promise.all([regs[0].stop(), regs[2].stop()]);
    }
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

bundle('on-registry-error through dist/main (buildah; a registry that stops accepting uploads mid-push)', () => {
  let ctx = '';
  beforeAll(() => {
    ctx = mkdtempSync(join(tmpdir(), 'aim-partial-ctx-'));
    writeFileSync(join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY app.txt /app/app.txt\n');
  });
  afterAll(() => rmSync(ctx, { recursive: true, force: true }));

  async function main(mode: string) {
    writeFileSync(join(ctx, 'app.txt'), `${mode} ${Math.random()}\n`);
    const healthy = await Promise.all([startRegistry(), startRegistry()]);
    // the preflight's upload start passes; every blob upload PUT is cut
    const dying = await startRegistry({ failures: [{ method: 'PUT', path: /\/blobs\/uploads\//, times: Infinity, action: { kind: 'reset' } }] });
    const regs = [...healthy, dying];
    try {
      const r = await runActionAsync(
        'main',
        { images: regs.map((g) => `${g.host}/aim/partial`).join('\n'), platforms: 'linux/amd64', builder: 'buildah', context: ctx, scan: 'none', 'github-token': '', 'on-registry-error': mode },
        { name: 'push', ref: 'refs/tags/v1.2.3', payload: examplePayload('push', (e) => e.head_commit != null) },
        { baseEnv: { ...buildahEnv(), BUILDAH_ISOLATION: '' }, timeoutMs: 240_000 }
      );
      const state = await Promise.all(regs.map((g) => tags(g, 'aim/partial')));
      return { r, regs, state };
    } finally {
      await Promise.all(regs.map((g) => g.stop()));
    }
  }

  it('continue: both healthy registries fully tagged, the step fails naming the failed one; one summary row per registry', async () => {
    const { r, regs, state } = await main('continue');
    expect(r.status).not.toBe(0);
    expect(state).toEqual([['1', '1.2', '1.2.3', 'v1.2.3'], ['1', '1.2', '1.2.3', 'v1.2.3'], []]);
    const err = errorLine(r);
    expect(err).toContain('partial publish (on-registry-error: continue): 1 of 3 registries failed:');
    expect(err).toContain(`  - ${regs[2].host}/aim/partial: `);
    expect(err).toContain(`tagged completely: ${regs[0].host}/aim/partial, ${regs[1].host}/aim/partial`);
    expect(r.summary).toContain('| Registry | Image | Status | Digest | Tags written | Bytes moved | Time |');
    expect(r.summary).toContain(`| ${regs[0].host} | \`${regs[0].host}/aim/partial\` | tagged | `);
    expect(r.summary).toContain(`| ${regs[2].host} | \`${regs[2].host}/aim/partial\` | failed: `);
    const meta = JSON.parse(r.outputs.metadata) as { registries: Record<string, { status: string; tagsWritten: string[] }> };
    expect(meta.registries[`${regs[1].host}/aim/partial`]).toMatchObject({ status: 'tagged', tagsWritten: ['v1.2.3', '1.2.3', '1.2', '1'] });
    expect(meta.registries[`${regs[2].host}/aim/partial`]).toMatchObject({ status: 'failed', tagsWritten: [] });
  }, 300_000);

  it('continue-warn: the same partial publish, and the step only warns', async () => {
    const { r, regs, state } = await main('continue-warn');
    expect(errorLine(r)).toBe('');
    expect(r.status).toBe(0);
    expect(state).toEqual([['1', '1.2', '1.2.3', 'v1.2.3'], ['1', '1.2', '1.2.3', 'v1.2.3'], []]);
    expect(r.stdout).toMatch(new RegExp(`::warning::partial publish \\(on-registry-error: continue-warn\\): 1 of 3 registries failed:.*${regs[2].host.replace(/\./g, '\\.')}/aim/partial`));
  }, 300_000);
});
