/**
 * REAL promote / roll back: two CNCF distribution registries on 127.0.0.1, each behind a counting
 * proxy (every request, its body bytes both ways); fixture images pushed through our registry
 * client; the committed bundles run as the runner runs them (`node dist/promote/index.js`) and
 * from a terminal (`node dist/cli/index.js promote`, password on stdin). Everything is checked
 * through the registry API: which digest each tag names, and that no blob moved when both
 * registries already held the image (only manifests).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryClient } from '../../src/adapters/registry/client.js';
import { LayoutWriter, AMD64, ARM64, sha256 } from '../helpers/oci-layout.js';
import { pushLayout } from '../helpers/oci-push.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { runActionAsync, type BundleRun, errorLine } from '../helpers/run-bundle.js';
import { requireReal, run, toolRequirement } from '../helpers/tools.js';
import { DEFAULT_PLAN_INPUTS, planTags } from '../../src/core/plan.js';
import { DEFAULT_ENGINE_OPTIONS } from '../../src/core/context.js';

const REAL = requireReal('promote', [toolRequirement('/usr/bin/docker-registry'), toolRequirement('htpasswd')]);
const real = REAL ? describe : describe.skip;
const USER = 'promoter';
const PASSWORD = `pw-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
const REPO = 'acme/backend';
const dispatch = { name: 'workflow_dispatch', ref: 'refs/heads/main', payload: {} };

async function fixtureImage(dir: string, marker: string, annotations?: Record<string, string>): Promise<string> {
  const w = new LayoutWriter(dir);
  const a = await w.image([[{ name: 'app/id.txt', content: `${marker} amd64\n` }]], AMD64);
  const b = await w.image([[{ name: 'app/id.txt', content: `${marker} arm64\n` }]], ARM64);
  const body = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [a, b], ...(annotations ? { annotations } : {}) });
  const top = { mediaType: 'application/vnd.oci.image.index.v1+json', ...w.blob(body) };
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [top] }));
  expect(top.digest).toBe(sha256(body));
  return dir;
}

real('promote (two real registries behind counting proxies, dist/promote and dist/cli)', () => {
  let a: TestRegistry;
  let b: TestRegistry;
  let work: string;
  const digests: Record<string, string> = {};
  const client = (r: TestRegistry) => new RegistryClient({ registry: r.host, insecureHttp: true, credentials: { username: USER, password: PASSWORD } });
  const images = () => `${a.host}/${REPO}\n${b.host}/${REPO}`;
  const auth = () => `${a.host}=${USER}:${PASSWORD}\n${b.host}=${USER}:${PASSWORD}`;

  async function tags(r: TestRegistry, repo = REPO): Promise<Record<string, string>> {
    const c = client(r);
    const out: Record<string, string> = {};
    for (const t of (await c.listTags(repo)).sort()) out[t] = (await c.headManifest(repo, t))!.digest;
    return out;
  }

  async function promote(inputs: Record<string, string>): Promise<BundleRun & { blobRequests: string[]; blobBytes: number; writes: string[] }> {
    const start = [a.proxy!.requests.length, b.proxy!.requests.length];
    const r = await runActionAsync('promote', { 'github-token': '', images: images(), 'registry-auth': auth(), ...inputs }, dispatch, { timeoutMs: 60_000 });
    const seen = [...a.proxy!.requests.slice(start[0]), ...b.proxy!.requests.slice(start[1])];
    const blobs = seen.filter((q) => /\/blobs\//.test(q.path));
    return { ...r, blobRequests: blobs.map((q) => `${q.method} ${q.path}`), blobBytes: blobs.reduce((n, q) => n + q.requestBytes + q.responseBytes, 0), writes: seen.filter((q) => !['GET', 'HEAD'].includes(q.method)).map((q) => `${q.method} ${q.path}`) };
  }

  beforeAll(async () => {
    [a, b] = await Promise.all([startRegistry({ auth: { user: USER, password: PASSWORD }, failures: [] }), startRegistry({ auth: { user: USER, password: PASSWORD }, failures: [] })]);
    work = mkdtempSync(join(tmpdir(), 'aim-promote-'));
    const old = await fixtureImage(join(work, 'old'), 'v1.2.2');
    const build = await fixtureImage(join(work, 'build'), 'main-0a1b2c3');
    const hotfix = await fixtureImage(join(work, 'hotfix'), 'v1.2.9');
    for (const r of [a, b]) {
      digests.old = await pushLayout(client(r), REPO, old, ['v1.2.2', '1.2.2', '1.2', '1', 'latest']);
      digests.build = await pushLayout(client(r), REPO, build, ['main-0a1b2c3']);
      digests.hotfix = await pushLayout(client(r), REPO, hotfix, ['hotfix-1a2b3c4']);
    }
    // only in registry A: reaches B by registry-to-registry copy
    digests.onlyA = await pushLayout(client(a), REPO, await fixtureImage(join(work, 'only-a'), 'only in A'), ['only-a']);
    // an image whose recorded scan verdict blocked it
    const blocked = await fixtureImage(join(work, 'blocked'), 'blocked', { 'org.aim-build.scan.verdict': 'blocked', 'org.aim-build.scan.scanner': 'trivy 0.58.1' });
    for (const r of [a, b]) digests.blocked = await pushLayout(client(r), REPO, blocked, ['main-blocked']);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('dry-run shows before → after and writes nothing', async () => {
    const before = [await tags(a), await tags(b)];
    const r = await promote({ source: 'main-0a1b2c3', to: 'v1.3.0', 'dry-run': 'true' });
    expect(errorLine(r.stdout)).toBe('');
    expect(r.status).toBe(0);
    expect([await tags(a), await tags(b)]).toEqual(before);
    expect(r.summary).toContain('### Promote (dry run: nothing was written)');
    expect(r.summary).toContain(`| ${a.host}/${REPO} | \`1.3\` | — | \`${digests.build.slice(0, 19)}…\` | create |`);
    expect(r.summary).toContain(`| ${b.host}/${REPO} | \`latest\` | \`${digests.old.slice(0, 19)}…\` | \`${digests.build.slice(0, 19)}…\` | move |`);
    expect(r.outputs.tags).toBe('');
    expect(r.blobRequests).toEqual([]);
  });

  it('promotes main-0a1b2c3 to v1.3.0 in both registries as a release build would tag it; only manifests move (0 blob bytes)', async () => {
    const r = await promote({ source: 'main-0a1b2c3', to: 'v1.3.0' });
    expect(errorLine(r.stdout)).toBe('');
    expect(r.status).toBe(0);
    for (const reg of [a, b]) {
      expect(await tags(reg)).toEqual({
        '1': digests.build, '1.2': digests.old, '1.2.2': digests.old, '1.3': digests.build, '1.3.0': digests.build,
        latest: digests.build, 'hotfix-1a2b3c4': digests.hotfix, 'main-0a1b2c3': digests.build, 'main-blocked': digests.blocked,
        ...(reg === a ? { 'only-a': digests.onlyA } : {}), 'v1.2.2': digests.old, 'v1.3.0': digests.build
      });
    }
    expect(r.outputs.digest).toBe(digests.build);
    expect(r.outputs.tags.split('\n').sort()).toEqual(['v1.3.0', '1.3.0', '1.3', '1', 'latest'].flatMap((t) => [`${a.host}/${REPO}:${t}`, `${b.host}/${REPO}:${t}`]).sort());
    expect(r.blobRequests).toEqual([]);
    expect(r.blobBytes).toBe(0);
    const moves = (JSON.parse(r.outputs.result) as { moves: Array<{ tag: string; before?: string; action: string }> }).moves;
    expect(moves.filter((m) => m.tag === 'latest').map((m) => [m.before, m.action])).toEqual([[digests.old, 'move'], [digests.old, 'move']]);
    expect(r.writes.filter((w) => w.startsWith('PUT')).length).toBe(10);
    // the same promotion again is a no-op: every tag unchanged, nothing written
    const again = await promote({ source: 'main-0a1b2c3', to: 'v1.3.0' });
    expect(again.status).toBe(0);
    expect((JSON.parse(again.outputs.result) as { moves: Array<{ action: string }> }).moves.map((m) => m.action)).toEqual(Array(10).fill('unchanged'));
    expect(again.writes).toEqual([]);
  });

  it('a backport v1.2.9 moves 1.2 but never 1 or latest (forward-only); the summary says what held them', async () => {
    const r = await promote({ source: 'hotfix-1a2b3c4', to: 'v1.2.9' });
    expect(errorLine(r.stdout)).toBe('');
    for (const reg of [a, b]) {
      const t = await tags(reg);
      expect([t['v1.2.9'], t['1.2.9'], t['1.2'], t['1'], t.latest]).toEqual([digests.hotfix, digests.hotfix, digests.hotfix, digests.build, digests.build]);
    }
    expect(r.summary).toContain('| `1` | `' + digests.build.slice(0, 19) + '…` | `' + digests.build.slice(0, 19) + '…` | held | held back: 1.3.0 > 1.2.9 is already there');
    expect(r.blobBytes).toBe(0);
  });

  it('rollback from a terminal: `promote --source v1.2.2 --to latest` moves latest back and says from what to what; 1 and 1.3 stay', async () => {
    const res = await run(process.execPath, ['dist/cli/index.js', 'promote', '--source', 'v1.2.2', '--to', 'latest', '--images', `${a.host}/${REPO}`, '--images', `${b.host}/${REPO}`, '--registry-auth-stdin'], {
      input: auth(),
      env: { PATH: process.env.PATH ?? '' },
      check: false,
      timeoutMs: 60_000
    });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    for (const reg of [a, b]) {
      const t = await tags(reg);
      expect([t.latest, t['1'], t['1.3'], t['v1.3.0']]).toEqual([digests.old, digests.build, digests.build, digests.build]);
    }
    expect(res.stdout).toContain(`${a.host}/${REPO}:latest: ${digests.build} → ${digests.old} (explicit rollback (1.3.0 is higher): from v1.3.0 to v1.2.2)`);
    expect(res.stdout).toContain(`| ${b.host}/${REPO} | \`latest\` | \`${digests.build.slice(0, 19)}…\` | \`${digests.old.slice(0, 19)}…\` | move | explicit rollback (1.3.0 is higher): from v1.3.0 to v1.2.2 |`);
    expect(res.stdout).not.toContain(PASSWORD);
    expect(res.stdout).not.toContain('::'); // a terminal gets no runner commands (no add-mask echo of the password, no debug lines)
  });

  it('a target without the image gets it by registry-to-registry copy, reported with its bytes', async () => {
    const r = await promote({ source: digests.onlyA, to: 'staging' });
    expect(errorLine(r.stdout)).toBe('');
    expect((await tags(b)).staging).toBe(digests.onlyA);
    expect((await tags(a)).staging).toBe(digests.onlyA);
    const copies = (JSON.parse(r.outputs.result) as { copies: Array<{ image: string; manifests: number; blobs: number; bytes: number }> }).copies;
    expect(copies).toEqual([{ image: `${b.host}/${REPO}`, from: `${a.host}/${REPO}`, manifests: 3, blobs: 4, bytes: expect.any(Number) }]);
    expect(copies[0].bytes).toBeGreaterThan(0);
    expect(r.blobBytes).toBeGreaterThanOrEqual(2 * copies[0].bytes); // read from A, written to B
    expect(r.summary).toContain(`copied the image to ${b.host}/${REPO} from ${a.host}/${REPO} (registry to registry): 3 manifest(s), 4 blob(s)`);
  });

  it('refuses an image whose recorded scan verdict blocked it (nothing written); force: true promotes it with a note', async () => {
    const before = await tags(a);
    const r = await promote({ source: 'main-blocked', to: 'staging' });
    expect(r.status).toBe(1);
    expect(errorLine(r.stdout)).toBe(`aim-build: refusing to promote ${a.host}/${REPO}@${digests.blocked}: org.aim-build.scan.verdict=blocked: the scan gate blocked it. Fix the findings and build again, or set force: true`);
    expect(await tags(a)).toEqual(before);
    const forced = await promote({ source: 'main-blocked', to: 'staging', force: 'true' });
    expect(errorLine(forced.stdout)).toBe('');
    expect((await tags(b)).staging).toBe(digests.blocked);
    expect(forced.summary).toContain('force: true: promoted despite org.aim-build.scan.verdict=blocked');
  });

  it('a release tag that names another image is a conflict: nothing is written anywhere', async () => {
    const before = [await tags(a), await tags(b)];
    const r = await promote({ source: 'hotfix-1a2b3c4', to: 'v1.3.0' });
    expect(r.status).toBe(1);
    const err = errorLine(r.stdout);
    expect(err).toMatch(/^aim-build: 4 release tag\(s\) already name another image; nothing was written:\n/);
    expect(err).toContain(`  - ${a.host}/${REPO}: release tag v1.3.0 already names ${digests.build}; release tags are not rewritten: promote to a new version, or set overwrite-release-tags: true`);
    expect([await tags(a), await tags(b)]).toEqual(before);
  });

  it('an Alibaba-ACR-typed target gets the component-prefixed fan-out, the same tags the tag plan of a v1.3.0 build gives', async () => {
    const acrRepo = 'acme/ai-infra-matrix';
    await pushLayout(client(a), acrRepo, join(work, 'build'), ['backend-main-0a1b2c3', 'frontend-v9.0.0']);
    const inputs = { images: `name=${a.host}/acme,registry-type=acr`, component: 'backend', source: 'main-0a1b2c3', to: 'v1.3.0' };
    const r = await promote(inputs);
    expect(errorLine(r.stdout)).toBe('');
    const plan = planTags({ ...DEFAULT_PLAN_INPUTS, images: [inputs.images], component: 'backend', latest: 'release' }, {
      ctx: { eventName: 'push', ref: 'refs/tags/v1.3.0', sha: '0'.repeat(40), repository: 'acme/backend', payload: {}, repo: {} },
      options: DEFAULT_ENGINE_OPTIONS,
      now: new Date()
    });
    const release = plan.targets[0].references.map((x) => x.tag);
    expect(release).toEqual(['backend-v1.3.0', 'backend-1.3.0', 'backend-1.3', 'backend-1']);
    const t = await tags(a, acrRepo);
    // frontend-v9.0.0 is another component: it does not hold backend-latest back
    expect(Object.keys(t).sort()).toEqual([...release, 'backend-latest', 'backend-main-0a1b2c3', 'frontend-v9.0.0'].sort());
    for (const tag of [...release, 'backend-latest']) expect([tag, t[tag]]).toEqual([tag, digests.build]);
    expect(r.blobBytes).toBe(0);
  });

  it('a source tag that names different images in the two registries fails before writing, naming both', async () => {
    await client(b).putManifest(REPO, 'split', (await client(b).getManifest(REPO, digests.hotfix)).body, 'application/vnd.oci.image.index.v1+json');
    await client(a).putManifest(REPO, 'split', (await client(a).getManifest(REPO, digests.build)).body, 'application/vnd.oci.image.index.v1+json');
    const r = await promote({ source: 'split', to: 'prod' });
    expect(r.status).toBe(1);
    expect(errorLine(r.stdout)).toBe(`aim-build: the source split names different images: ${a.host}/${REPO} → ${digests.build}, ${b.host}/${REPO} → ${digests.hotfix}; nothing was written. Promote by digest (source: ${digests.build}) to copy that one everywhere`);
    expect((await tags(a)).prod).toBeUndefined();
  });
});
