/**
 * REAL: every requested platform ends up in the pushed index, in the requested order (issue: a
 * platform silently disappeared). The Dockerfile is the usual static-binary image: stages that
 * start `FROM scratch` and only COPY. buildah < 1.41 with `--layers` lets the second platform hit
 * the first one's cache there (a scratch base has no architecture to key on) and the manifest
 * list ends with ONE entry; the action builds each platform in its own store.
 * Through the committed `dist/main` against a real registry on 127.0.0.1; the index is read back
 * with plain HTTP (the distribution API), not through our client.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildah, buildahEnv, buildahRequirements } from '../helpers/buildah.js';
import { examplePayload } from '../helpers/events.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { runActionAsync, errorLine, execLines } from '../helpers/run-bundle.js';
import { requireReal, toolRequirement } from '../helpers/tools.js';

const REAL = requireReal('platforms', [...buildahRequirements(), toolRequirement('/usr/bin/docker-registry')]);
const real = REAL ? describe : describe.skip;

const DOCKERFILE = `FROM scratch AS base
ARG VERSION
COPY app.txt /app/app.txt
FROM base
ARG VERSION
LABEL e2e.version=$VERSION
COPY app.txt /app/copy.txt
`;

const tagEvent = () => ({ name: 'push', ref: 'refs/tags/v1.2.3', payload: examplePayload('push', (e) => e.head_commit != null) });

interface Descriptor {
  mediaType: string;
  digest: string;
  platform?: { os: string; architecture: string; variant?: string };
}

const rand = (): string => Math.random().toString(36).slice(2, 10);

/** GET through the distribution API with plain fetch (no auth on this registry). */
async function get(reg: TestRegistry, path: string, accept: string): Promise<{ status: number; body: string; type: string }> {
  const r = await fetch(`${reg.url}/v2/${path}`, { headers: { accept } });
  return { status: r.status, body: await r.text(), type: r.headers.get('content-type') ?? '' };
}

const INDEX_ACCEPT = 'application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json';
const MANIFEST_ACCEPT = 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json';

/** The pushed index's platforms in index order, each checked against its manifest's config. */
async function pushedPlatforms(reg: TestRegistry, repo: string, tag: string): Promise<string[]> {
  const idx = await get(reg, `${repo}/manifests/${tag}`, INDEX_ACCEPT);
  expect(idx.status).toBe(200);
  expect(idx.type).toBe('application/vnd.oci.image.index.v1+json');
  const manifests = (JSON.parse(idx.body) as { manifests: Descriptor[] }).manifests;
  const out: string[] = [];
  for (const m of manifests) {
    const man = JSON.parse((await get(reg, `${repo}/manifests/${m.digest}`, MANIFEST_ACCEPT)).body) as { config: { digest: string } };
    const config = JSON.parse((await get(reg, `${repo}/blobs/${man.config.digest}`, '*/*')).body) as { os: string; architecture: string; config?: { Labels?: Record<string, string> } };
    const listed = `${m.platform?.os}/${m.platform?.architecture}`;
    expect(`${config.os}/${config.architecture}`).toBe(listed); // each manifest's config says the platform it is listed as
    expect(config.config?.Labels?.['e2e.version']).toBe('v1.2.3');
    out.push(listed);
  }
  return out;
}

real('every requested platform, in order (buildah, FROM scratch, --layers cache), through dist/main', () => {
  let reg: TestRegistry;
  let ctx = '';
  let toolCache = '';

  beforeAll(async () => {
    reg = await startRegistry();
    ctx = mkdtempSync(join(tmpdir(), 'aim-scratch-ctx-'));
    // unique content per test run: the first build is really cold (no cache anywhere matches it)
    writeFileSync(join(ctx, 'app.txt'), `static binary stand-in ${rand()}${rand()}\n`);
    writeFileSync(join(ctx, 'Dockerfile'), DOCKERFILE);
    toolCache = mkdtempSync(join(tmpdir(), 'aim-tool-cache-'));
  }, 60_000);

  afterAll(async () => {
    await reg?.stop();
    for (const d of [ctx, toolCache]) if (d) rmSync(d, { recursive: true, force: true });
  }, 60_000);

  const main = (repo: string, platforms: string, extra: Record<string, string> = {}) =>
    runActionAsync(
      'main',
      { images: `${reg.host}/${repo}`, platforms, builder: 'buildah', context: ctx, scan: 'none', 'github-token': '', ...extra },
      tagEvent(),
      // RUNNER_TOOL_CACHE persists between runs like on a self-hosted runner: the layer cache lives there
      { baseEnv: { ...buildahEnv(), BUILDAH_ISOLATION: '' }, extraEnv: { RUNNER_TOOL_CACHE: toolCache }, timeoutMs: 240_000 }
    );

  it('buildah alone (why): one multi-platform `build --layers --manifest` of this Dockerfile ends with one platform on buildah < 1.41', async () => {
    const version = (await buildah(['--version'])).stdout;
    const [major, minor] = (/version (\d+)\.(\d+)/.exec(version) ?? []).slice(1).map(Number);
    const list = `localhost/aim-scratch-repro-${rand()}`;
    // warm the cache with one platform, then build both: the second hits the first one's cache
    await buildah(['build', '--layers', '--platform', 'linux/amd64', '--build-arg', 'VERSION=v1.2.3', '-t', `${list}-warm`, ctx]);
    await buildah(['build', '--layers', '--platform', 'linux/amd64,linux/arm64', '--build-arg', 'VERSION=v1.2.3', '--manifest', list, ctx]);
    const entries = (JSON.parse((await buildah(['manifest', 'inspect', list])).stdout) as { manifests: Descriptor[] }).manifests;
    await buildah(['manifest', 'rm', list], { check: false });
    await buildah(['rmi', `${list}-warm`], { check: false });
    if (major === 1 && minor < 41) expect(entries).toHaveLength(1); // the bug this suite guards against
    else expect(entries).toHaveLength(2);
  }, 120_000);

  it('cold, then warm (cache hits for both platforms): the registry index lists linux/amd64 and linux/arm64, in that order', async () => {
    const cold = await main('scratch/app', 'linux/amd64,linux/arm64');
    expect(errorLine(cold)).toBe('');
    expect(cold.status).toBe(0);
    expect(await pushedPlatforms(reg, 'scratch/app', 'v1.2.3')).toEqual(['linux/amd64', 'linux/arm64']);
    // one build per platform, each in its own store under the tool cache
    const builds = execLines(cold).filter((a) => a.includes('build') && a.includes('--platform'));
    expect(builds.map((a) => a[a.indexOf('--platform') + 1])).toEqual(['linux/amd64', 'linux/arm64']);
    for (const a of builds) {
      expect(a).toContain('--layers');
      expect(a[a.indexOf('--root') + 1].startsWith(join(toolCache, 'aim-build-cache', 'buildah-stores'))).toBe(true);
      // never the main store as an additional image store: buildah 1.28 deadlocks with a concurrent writer of it
      expect(a.join(' ')).not.toContain('imagestore');
    }

    // a rebuild is a new image (timestamps): moving the existing release tag v1.2.3 must be asked for
    const warm = await main('scratch/app', 'linux/amd64,linux/arm64', { 'overwrite-release-tags': 'true' });
    expect(errorLine(warm)).toBe('');
    expect(warm.status).toBe(0);
    expect(await pushedPlatforms(reg, 'scratch/app', 'v1.2.3')).toEqual(['linux/amd64', 'linux/arm64']);
    // the layer cache works for BOTH platforms: every COPY step of each platform is a cache hit
    const copies = warm.stdout.split('\n').filter((l) => /STEP \d+\/\d+: COPY app\.txt/.test(l)).length;
    const hits = warm.stdout.split('\n').filter((l) => l.startsWith('--> Using cache')).length;
    expect(copies).toBe(4);
    expect(hits).toBeGreaterThanOrEqual(4);
    expect(warm.outputs.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(Object.keys(JSON.parse(warm.outputs['platform-digests']) as object)).toEqual(['linux/amd64', 'linux/arm64']);
  }, 300_000);

  it('the index follows the order the user gave (arm64 first)', async () => {
    const r = await main('scratch/reversed', 'linux/arm64,linux/amd64');
    expect(errorLine(r)).toBe('');
    expect(r.status).toBe(0);
    expect(await pushedPlatforms(reg, 'scratch/reversed', 'v1.2.3')).toEqual(['linux/arm64', 'linux/amd64']);
  }, 300_000);

  it('`platforms: linux/amd46` is refused before anything runs, naming the closest valid value; nothing is pushed', async () => {
    const r = await main('scratch/typo', 'linux/amd46,linux/arm64');
    expect(r.status).not.toBe(0);
    expect(errorLine(r)).toContain("Invalid platforms 'linux/amd46': 'amd46' is not an OCI/Go architecture; did you mean linux/amd64?");
    expect(execLines(r)).toEqual([]); // no builder probe, no build
    expect((await get(reg, 'scratch/typo/tags/list', 'application/json')).status).toBe(404);
  }, 120_000);
});
