/**
 * REAL: release tags are immutable unless asked, and version aliases move forward only
 * (issue 11 §2). Through the committed `dist/main` (buildah, FROM scratch, linux/amd64) against two
 * real distribution registries on 127.0.0.1; every tag is read back through the registry API:
 *  - a second release build of v1.2.3 with different content fails before anything is written
 *    in either registry (no tag moved, and the new image is not even there by digest);
 *  - the backport v1.4.9 pushed after v1.5.0 and v2.0.0 (`latest: release`) leaves `latest` and
 *    `1` where they are, writes `1.4`, and the summary says which aliases were held back and why.
 * The re-run of the same image (same digest: a build is not byte-reproducible, so the image is an
 * OCI layout written by the test) runs the guard and the push with the same real registries, and
 * through `dist/merge` (the reusable workflow's tagging job), where a re-run gives the same index.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryClient } from '../../src/adapters/registry/client.js';
import { readLayout } from '../../src/adapters/registry/oci-layout.js';
import { pushAll } from '../../src/adapters/registry/push.js';
import { planPush } from '../../src/core/build/push-plan.js';
import { guardTags, tagContextOf } from '../../src/steps/build-tags.js';
import { isSemverRelease } from '../../src/core/build/release-tags.js';
import { buildahEnv, buildahRequirements } from '../helpers/buildah.js';
import { examplePayload } from '../helpers/events.js';
import { smallTagPlan } from '../helpers/build.js';
import { planJson } from '../../src/core/outputs.js';
import { AMD64, LayoutWriter } from '../helpers/oci-layout.js';
import { pushLayout } from '../helpers/oci-push.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { runActionAsync, errorLine } from '../helpers/run-bundle.js';
import { requireReal, toolRequirement } from '../helpers/tools.js';

const REAL = requireReal('release-tags', [...buildahRequirements(), toolRequirement('/usr/bin/docker-registry')]);
const real = REAL ? describe : describe.skip;

const rand = (): string => Math.random().toString(36).slice(2, 10);
const tagEvent = (tag: string) => ({ name: 'push', ref: `refs/tags/${tag}`, payload: examplePayload('push', (e) => e.head_commit != null) });

const clientOf = (reg: TestRegistry): RegistryClient => new RegistryClient({ registry: reg.host, insecureHttp: true, backoffMs: 5 });

/** every tag of the repository → the digest it names, through the registry API */
async function tagsAndDigests(reg: TestRegistry, repo: string): Promise<Record<string, string>> {
  const c = clientOf(reg);
  const tags = (await c.listTags(repo).catch(() => [] as string[])).sort();
  const out: Record<string, string> = {};
  for (const t of tags) out[t] = (await c.headManifest(repo, t))!.digest;
  return out;
}

/** A layout with one file; different `content` → a different digest. */
async function layoutWith(content: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'aim-release-layout-'));
  const w = new LayoutWriter(dir);
  w.index([await w.image([[{ name: 'app/version.txt', content }]], AMD64)]);
  return dir;
}

real('release tags are immutable; aliases move forward only (dist/main, two real registries)', () => {
  let a: TestRegistry;
  let b: TestRegistry;
  const dirs: string[] = [];
  let ctx = '';

  beforeAll(async () => {
    [a, b] = await Promise.all([startRegistry(), startRegistry()]);
    ctx = mkdtempSync(join(tmpdir(), 'aim-release-ctx-'));
    dirs.push(ctx);
    writeFileSync(join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY app.txt /app/app.txt\n');
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }, 60_000);

  const main = (repo: string, tag: string, content: string, extra: Record<string, string> = {}) => {
    writeFileSync(join(ctx, 'app.txt'), content);
    return runActionAsync(
      'main',
      { images: `${a.host}/${repo}\n${b.host}/${repo}`, platforms: 'linux/amd64', builder: 'buildah', context: ctx, scan: 'none', 'github-token': '', ...extra },
      tagEvent(tag),
      { baseEnv: { ...buildahEnv(), BUILDAH_ISOLATION: '' }, timeoutMs: 240_000 }
    );
  };

  it('a second release build of v1.2.3 with different content fails before anything is written in either registry', async () => {
    const first = await main('rel/app', 'v1.2.3', `first ${rand()}\n`);
    expect(errorLine(first)).toBe('');
    expect(first.status).toBe(0);
    const before = await tagsAndDigests(a, 'rel/app');
    expect(Object.keys(before).sort()).toEqual(['1', '1.2', '1.2.3', 'v1.2.3']);
    expect(await tagsAndDigests(b, 'rel/app')).toEqual(before);
    const old = before['v1.2.3'];

    const second = await main('rel/app', 'v1.2.3', `second ${rand()}\n`);
    expect(second.status).not.toBe(0);
    const msg = errorLine(second);
    const built = /this build is (sha256:[a-f0-9]{64})/.exec(msg)?.[1] ?? '';
    expect(built).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(built).not.toBe(old);
    for (const reg of [a, b]) {
      for (const tag of ['v1.2.3', '1.2.3']) expect(msg).toContain(`${reg.host}: ${reg.host}/rel/app:${tag} names ${old}; this build is ${built}`);
    }
    expect(msg).toContain('overwrite-release-tags: true');
    // nothing written anywhere: every tag where it was, and the new image not even by digest
    expect(await tagsAndDigests(a, 'rel/app')).toEqual(before);
    expect(await tagsAndDigests(b, 'rel/app')).toEqual(before);
    for (const reg of [a, b]) expect(await clientOf(reg).headManifest('rel/app', built)).toBeUndefined();

    // asked for: overwrite-release-tags moves them, with a warning
    const forced = await main('rel/app', 'v1.2.3', `third ${rand()}\n`, { 'overwrite-release-tags': 'true' });
    expect(errorLine(forced)).toBe('');
    expect(forced.status).toBe(0);
    const after = await tagsAndDigests(a, 'rel/app');
    expect(after['v1.2.3']).toBe(forced.outputs.digest);
    expect(after['v1.2.3']).not.toBe(old);
    expect(forced.stdout).toMatch(new RegExp(`::warning::${a.host.replace(/\./g, '\\.')}/rel/app:v1\\.2\\.3 was a release tag on ${old}; moved to ${forced.outputs.digest}`));
  }, 300_000);

  it('backport v1.4.9 after v1.5.0 and v2.0.0 (latest: release): latest and 1 stay, 1.4 moves; the summary says why', async () => {
    const v15 = await layoutWith('1.5.0\n');
    const v20 = await layoutWith('2.0.0\n');
    const v148 = await layoutWith('1.4.8\n');
    dirs.push(v15, v20, v148);
    const seeded: Record<string, string> = {};
    for (const reg of [a, b]) {
      const c = clientOf(reg);
      seeded['1.4'] = await pushLayout(c, 'rel/backport', v148, ['v1.4.8', '1.4.8', '1.4']);
      seeded['1'] = await pushLayout(c, 'rel/backport', v15, ['v1.5.0', '1.5.0', '1.5', '1']);
      seeded.latest = await pushLayout(c, 'rel/backport', v20, ['v2.0.0', '2.0.0', '2.0', '2', 'latest']);
    }

    const r = await main('rel/backport', 'v1.4.9', `backport ${rand()}\n`, { latest: 'release' });
    expect(errorLine(r)).toBe('');
    expect(r.status).toBe(0);
    const digest = r.outputs.digest;
    for (const reg of [a, b]) {
      const tags = await tagsAndDigests(reg, 'rel/backport');
      expect(tags['v1.4.9']).toBe(digest);
      expect(tags['1.4.9']).toBe(digest);
      expect(tags['1.4']).toBe(digest); // the highest 1.4.x now
      expect(tags['1']).toBe(seeded['1']); // stays on 1.5.0
      expect(tags.latest).toBe(seeded.latest); // stays on 2.0.0
    }
    expect(r.summary).toContain(`held back: 1.5.0 > 1.4.9 is already there`);
    const metadata = JSON.parse(r.outputs.metadata) as { registries: Record<string, { tags: string[]; heldBack?: Array<{ tag: string; on: string }> }> };
    const entry = metadata.registries[`${a.host}/rel/backport`];
    expect(entry.heldBack).toEqual([expect.objectContaining({ tag: '1', on: seeded['1'] })]);
    expect(entry.tags.sort()).toEqual([`${a.host}/rel/backport:1.4`, `${a.host}/rel/backport:1.4.9`, `${a.host}/rel/backport:v1.4.9`]);

    // compat with metadata-action's behaviour: move-aliases: true moves 1 back to the backport
    const moved = await main('rel/backport', 'v1.4.9', `backport ${rand()}\n`, { latest: 'release', 'move-aliases': 'true', 'overwrite-release-tags': 'true' });
    expect(errorLine(moved)).toBe('');
    expect((await tagsAndDigests(a, 'rel/backport'))['1']).toBe(moved.outputs.digest);
  }, 300_000);

  it('the same image again (a re-run): the guard reads both registries, writes no tag, and says so', async () => {
    const layout = await layoutWith(`same ${rand()}\n`);
    dirs.push(layout);
    const plan = smallTagPlan([`${a.host}/rel/same`, `${b.host}/rel/same`]);
    const image = await readLayout(layout);
    const clientFor = (registry: string): RegistryClient => new RegistryClient({ registry, insecureHttp: true, backoffMs: 5 });
    const rule = { isRelease: isSemverRelease, overwriteRelease: false, moveAliases: false };
    const run = async () => {
      const guarded = await guardTags(tagContextOf(plan), planPush(image, plan.targets), rule, clientFor);
      return { guarded, targets: await pushAll(layout, image, guarded.pushes, { clientFor, log: () => undefined }) };
    };
    const first = await run();
    expect(first.guarded.pushes.map((p) => p.tags.sort())).toEqual([['1', '1.2', '1.2.3', 'v1.2.3'], ['1', '1.2', '1.2.3', 'v1.2.3']]);
    const before = await tagsAndDigests(a, 'rel/same');
    expect(before['v1.2.3']).toBe(first.targets[0].digest);

    const again = await run();
    expect(again.guarded.pushes.map((p) => p.tags)).toEqual([[], []]); // nothing to write
    expect(again.guarded.decisions.flatMap((d) => d.moves.map((m) => m.action))).toEqual(Array(8).fill('unchanged'));
    // the outputs still name every tag on the image
    expect(again.targets[0].references.sort()).toEqual(['1', '1.2', '1.2.3', 'v1.2.3'].map((t) => `${a.host}/rel/same:${t}`));
    expect(await tagsAndDigests(a, 'rel/same')).toEqual(before);
    expect(await tagsAndDigests(b, 'rel/same')).toEqual(before);
  }, 120_000);

  it('dist/merge (the reusable workflow): another index for v1.2.3 fails before anything is written; a re-run of the same merge is a no-op', async () => {
    const one = await layoutWith(`merge one ${rand()}\n`);
    const two = await layoutWith(`merge two ${rand()}\n`);
    dirs.push(one, two);
    const repo = 'rel/merged';
    const digests: Record<string, string> = {};
    for (const reg of [a, b]) {
      digests.one = await pushLayout(clientOf(reg), repo, one, []);
      digests.two = await pushLayout(clientOf(reg), repo, two, []);
    }
    const plan = JSON.stringify(planJson(smallTagPlan([`${a.host}/${repo}`, `${b.host}/${repo}`])));
    const merge = (digest: string) => runActionAsync('merge', { plan, digests: digest, 'github-token': '' }, tagEvent('v1.2.3'), { timeoutMs: 60_000 });

    const first = await merge(digests.one);
    expect(errorLine(first)).toBe('');
    expect(first.status).toBe(0);
    const before = await tagsAndDigests(a, repo);
    expect(Object.keys(before).sort()).toEqual(['1', '1.2', '1.2.3', 'v1.2.3']);
    expect(await tagsAndDigests(b, repo)).toEqual(before);

    const other = await merge(digests.two);
    expect(other.status).not.toBe(0);
    const msg = errorLine(other);
    const index = /this build is (sha256:[a-f0-9]{64})/.exec(msg)?.[1] ?? '';
    expect(msg).toContain(`${b.host}: ${b.host}/${repo}:v1.2.3 names ${before['v1.2.3']}; this build is ${index}`);
    expect(await tagsAndDigests(a, repo)).toEqual(before);
    expect(await tagsAndDigests(b, repo)).toEqual(before);
    for (const reg of [a, b]) expect(await clientOf(reg).headManifest(repo, index)).toBeUndefined();

    const again = await merge(digests.one);
    expect(errorLine(again)).toBe('');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`${a.host}/${repo}:v1.2.3 already names ${before['v1.2.3']}: nothing to write`);
    expect(again.stdout).not.toMatch(/:v1\.2\.3 → sha256/); // no tag PUT
    expect(again.summary).toContain(`| ${a.host} | \`${a.host}/${repo}:v1.2.3\` | \`${before['v1.2.3'].slice(0, 19)}…\` | already there: nothing written |`);
    expect(await tagsAndDigests(a, repo)).toEqual(before);
  }, 120_000);
});
