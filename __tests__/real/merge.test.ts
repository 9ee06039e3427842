/**
 * REAL multi-runner build, as the reusable workflow runs it, through the committed bundles: two
 * `dist/main` runs with `push-by-digest: true` and one platform each (buildah; arm64 RUN under qemu)
 * push by digest, without tags, into two real registries (htpasswd, and the Alibaba-ACR-like TLS one
 * under registry.cn-hangzhou.aliyuncs.com when that name resolves here, as in build-push.test.ts);
 * `dist/meta` computes the plan; `dist/merge` combines the two digests into one index and tags it.
 * Everything is checked through the registries' HTTP API. A digest missing in one registry fails
 * the merge with a message naming registry, repository and digest, and writes no tag anywhere.
 * Needs scripts/ci-setup.sh: fails under CI=true when something is missing, skips locally.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { promises as dns } from 'node:dns';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MediaTypes, RegistryClient } from '../../src/adapters/registry/client.js';
import { buildahEnv, buildahRequirements, ensureBusyboxBase, FIXTURE_CONTEXT } from '../helpers/buildah.js';
import { examplePayload } from '../helpers/events.js';
import { ACR_LIKE_HOSTNAME, startRegistry, tlsFetch, type TestRegistry } from '../helpers/registry.js';
import { runActionAsync, type BundleRun, errorLine } from '../helpers/run-bundle.js';
import { isCI, requireReal, toolRequirement } from '../helpers/tools.js';

const REAL = requireReal('merge', [...buildahRequirements(), toolRequirement('/usr/bin/docker-registry'), toolRequirement('htpasswd'), toolRequirement('openssl')]);
const real = REAL ? describe : describe.skip;

const rand = (): string => Math.random().toString(36).slice(2, 10);
const PASSWORD = `merge-pw-${rand()}${rand()}`;
const SECOND_PASSWORD = `second-pw-${rand()}${rand()}`;
const USER = 'builder';

interface Run extends BundleRun {
  code: number;
  /** the SARIF file the scan wrote (read before the runner's temp directory goes) */
  sarif?: { runs: Array<{ automationDetails?: { id: string } }> };
}

const tagEvent = (ref = 'refs/tags/v1.2.3') => ({ name: 'push', ref, payload: examplePayload('push', (e) => e.head_commit != null) });

/** A committed bundle, run like the runner runs it (async: nothing in this process may block the registries' token servers). */
async function runBundle(entry: string, inputs: Record<string, string>, event: ReturnType<typeof tagEvent>, extraEnv: Record<string, string>): Promise<Run> {
  const r = await runActionAsync(entry, { 'github-token': '', ...inputs }, event, { baseEnv: { ...buildahEnv(), BUILDAH_ISOLATION: '' }, extraEnv, timeoutMs: 240_000 });
  const sarif = r.outputs['sarif-file'] ? (JSON.parse(readFileSync(r.outputs['sarif-file'], 'utf8')) as Run['sarif']) : undefined;
  rmSync(join(r.files.temp, '..'), { recursive: true, force: true });
  return { ...r, code: r.status ?? -1, sarif };
}

interface Index {
  mediaType: string;
  manifests: Array<{ digest: string; platform?: { os: string; architecture: string } }>;
  annotations?: Record<string, string>;
}

async function tagsAndDigests(c: RegistryClient, repo: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of (await c.listTags(repo)).sort()) out[t] = (await c.headManifest(repo, t))!.digest;
  return out;
}

real('multi-runner build: push-by-digest per platform through dist/main, then dist/merge (real registries)', () => {
  let basic: TestRegistry;
  let second: TestRegistry;
  /** the Alibaba-ACR-like name (TLS, component tags) when it resolves; otherwise a second htpasswd registry */
  let acrLike = false;
  let certDir = '';
  let secondClient: RegistryClient;
  const cleanups: Array<() => unknown> = [];
  const basicClient = (): RegistryClient => new RegistryClient({ registry: basic.directHost, insecureHttp: true, credentials: { username: USER, password: PASSWORD }, backoffMs: 5 });

  let images: string[] = [];
  let auth = '';
  let extraEnv: Record<string, string> = {};
  const SECOND_REPO = (): string => (acrLike ? 'acme/ai-infra-matrix' : 'aim/merged');
  const digests: Record<string, string> = {};
  const platformDigests: Record<string, string> = {};

  beforeAll(async () => {
    await ensureBusyboxBase();
    basic = await startRegistry({ auth: { user: USER, password: PASSWORD } });
    acrLike = await dns.lookup(ACR_LIKE_HOSTNAME, { family: 4 }).then((r) => r.address === '127.0.0.1', () => false);
    if (acrLike) {
      second = await startRegistry({ auth: { user: 'acr-user', password: SECOND_PASSWORD }, tls: true, hostname: ACR_LIKE_HOSTNAME });
      certDir = join('/etc/containers/certs.d', second.namedHost);
      mkdirSync(certDir, { recursive: true });
      copyFileSync(second.caPath!, join(certDir, 'ca.crt'));
      const f = await tlsFetch(second.caPem!, { [ACR_LIKE_HOSTNAME]: '127.0.0.1' });
      cleanups.push(f.close);
      secondClient = new RegistryClient({ registry: second.namedHost, fetch: f.fetch, credentials: { username: 'acr-user', password: SECOND_PASSWORD } });
      images = [`${basic.host}/aim/merged`, `${second.namedHost}/acme`];
      auth = [`${basic.host}=${USER}:${PASSWORD}`, `${second.namedHost}=acr-user:${SECOND_PASSWORD}`].join('\n');
      extraEnv = { NODE_EXTRA_CA_CERTS: second.caPath! };
    } else {
      const msg = `${ACR_LIKE_HOSTNAME} does not resolve to 127.0.0.1; run \`sudo bash scripts/ci-setup.sh\``;
      if (isCI()) throw new Error(msg);
      console.warn(`the second registry is a plain htpasswd one: ${msg}`);
      second = await startRegistry({ auth: { user: 'acr-user', password: SECOND_PASSWORD } });
      secondClient = new RegistryClient({ registry: second.directHost, insecureHttp: true, credentials: { username: 'acr-user', password: SECOND_PASSWORD } });
      images = [`${basic.host}/aim/merged`, `${second.host}/aim/merged`];
      auth = [`${basic.host}=${USER}:${PASSWORD}`, `${second.host}=acr-user:${SECOND_PASSWORD}`].join('\n');
    }
  }, 180_000);

  afterAll(async () => {
    if (certDir) rmSync(certDir, { recursive: true, force: true });
    for (const c of cleanups) await c();
    await second?.stop();
    await basic?.stop();
  }, 60_000);

  it('each platform job pushes its image by digest to both registries and writes no tag; its SARIF category names the platform', async () => {
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      const r = await runBundle(
        'main',
        { images: images.join('\n'), component: 'backend', context: FIXTURE_CONTEXT, 'registry-auth': auth, platforms: platform, 'push-by-digest': 'true', scan: 'builtin' },
        tagEvent(),
        extraEnv
      );
      expect(errorLine(r)).toBe('');
      expect(r.code).toBe(0);
      expect(r.outputs.pushed).toBe('true');
      expect(r.outputs.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
      expect(Object.keys(JSON.parse(r.outputs['platform-digests']))).toEqual([platform]);
      expect(r.stdout).toContain('push-by-digest: no tag was written; the merge sub-action (org/aim-build/merge) combines the platform digests and writes the 8 planned tag(s)');
      expect(r.summary).toContain('Pushed by digest, no tags (push-by-digest)');
      expect(r.sarif?.runs[0].automationDetails?.id).toBe(`aim-build/image-scan/${basic.host.replace(":", "-")}/aim/merged/${platform.replace("/", "-")}`);
      expect(JSON.parse(r.outputs.metadata)).toMatchObject({ pushed: true, pushedByDigest: true });
      digests[platform] = r.outputs.digest;
      platformDigests[platform] = (JSON.parse(r.outputs['platform-digests']) as Record<string, string>)[platform];
      expect(await basicClient().headManifest('aim/merged', r.outputs.digest)).toBeDefined();
      expect(await secondClient.headManifest(SECOND_REPO(), r.outputs.digest)).toBeDefined();
    }
    expect(await basicClient().listTags('aim/merged')).toEqual([]);
    expect(await secondClient.listTags(SECOND_REPO())).toEqual([]);
  }, 300_000);

  it('dist/merge: one index of both platforms (in the plan\'s order) by digest in both registries, then every planned tag → that index', async () => {
    expect(Object.keys(digests)).toHaveLength(2);
    const meta = await runBundle('meta', { images: images.join('\n'), component: 'backend' }, tagEvent(), {});
    expect(meta.code).toBe(0);
    expect(meta.outputs.push).toBe('true');
    const r = await runBundle(
      'merge',
      { plan: meta.outputs.plan, digests: `${digests['linux/arm64']}\n${digests['linux/amd64']}`, platforms: meta.outputs.platforms, 'registry-auth': auth },
      tagEvent(),
      extraEnv
    );
    expect(errorLine(r)).toBe('');
    expect(r.code).toBe(0);
    const merged = r.outputs.digest;
    expect(merged).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(r.outputs.tags.split('\n')).toEqual(meta.outputs.tags.split('\n'));
    expect(r.stdout).toContain('push preflight: 2 target repository(ies) accept pushes');

    const basicTags = await tagsAndDigests(basicClient(), 'aim/merged');
    expect(basicTags).toEqual({ '1': merged, '1.2': merged, '1.2.3': merged, 'v1.2.3': merged });
    const secondTags = await tagsAndDigests(secondClient, SECOND_REPO());
    expect(secondTags).toEqual(acrLike ? { 'backend-1': merged, 'backend-1.2': merged, 'backend-1.2.3': merged, 'backend-v1.2.3': merged } : basicTags);

    for (const [client, repo] of [[basicClient(), 'aim/merged'], [secondClient, SECOND_REPO()]] as const) {
      const got = await client.getManifest(repo, acrLike && repo !== 'aim/merged' ? 'backend-v1.2.3' : 'v1.2.3');
      expect(got.digest).toBe(merged);
      expect(got.mediaType).toBe(MediaTypes.ociIndex);
      const index = JSON.parse(got.body) as Index;
      expect(index.manifests.map((m) => `${m.platform?.os}/${m.platform?.architecture}`)).toEqual(['linux/amd64', 'linux/arm64']);
      expect(index.manifests.map((m) => m.digest)).toEqual([platformDigests['linux/amd64'], platformDigests['linux/arm64']]);
      expect(index.annotations?.['org.opencontainers.image.version']).toBe('v1.2.3');
    }
    expect(r.summary).toContain('### aim-build merge');
    expect(r.summary).toContain(`| ${basic.host} | \`${basic.host}/aim/merged:1.2\` | \`${merged.slice(0, 19)}…\` |  |`);
    const shown = r.stdout.replace(/^::add-mask::.*$/gm, '');
    for (const secret of [PASSWORD, SECOND_PASSWORD]) expect(shown + r.summary + JSON.stringify(r.outputs)).not.toContain(secret);
  }, 120_000);

  it('a platform digest that one registry lacks: a clear error naming that registry, repository and digest, and no tag anywhere', async () => {
    // linux/arm64 again, pushed to the first registry only (its build job "forgot" the second one)
    const partial = await runBundle(
      'main',
      { images: images[0], context: FIXTURE_CONTEXT, 'registry-auth': auth, platforms: 'linux/arm64', 'push-by-digest': 'true', scan: 'builtin', 'build-args': 'VERSION=v2.0.0-partial' },
      tagEvent('refs/tags/v2.0.0'),
      extraEnv
    );
    expect(partial.code).toBe(0);
    const lonely = partial.outputs.digest;
    const lonelyManifest = (JSON.parse(partial.outputs['platform-digests']) as Record<string, string>)['linux/arm64'];
    expect(lonely).not.toBe(digests['linux/arm64']);
    expect(await secondClient.headManifest(SECOND_REPO(), lonely)).toBeUndefined();

    const before = [await tagsAndDigests(basicClient(), 'aim/merged'), await tagsAndDigests(secondClient, SECOND_REPO())];
    const meta = await runBundle('meta', { images: images.join('\n'), component: 'backend' }, tagEvent('refs/tags/v2.0.0'), {});
    const r = await runBundle('merge', { plan: meta.outputs.plan, digests: `${digests['linux/amd64']},${lonely}`, platforms: 'linux/amd64,linux/arm64', 'registry-auth': auth }, tagEvent('refs/tags/v2.0.0'), extraEnv);
    expect(r.code).toBe(1);
    const secondHost = acrLike ? second.namedHost : second.host;
    expect(errorLine(r)).toBe(
      `aim-build: Registry ${secondHost}: not in repository '${SECOND_REPO()}': ${lonely} (linux/arm64: manifest ${lonelyManifest}) (HTTP 404). ` +
        'The build job for that platform did not push it here: check that it ran with push-by-digest: true, push enabled and the same images as this plan, and that it succeeded; re-run it, then this merge'
    );
    expect(r.outputs).toEqual({});
    expect([await tagsAndDigests(basicClient(), 'aim/merged'), await tagsAndDigests(secondClient, SECOND_REPO())]).toEqual(before);

    const nowhere = `sha256:${'0'.repeat(64)}`;
    const none = await runBundle('merge', { plan: meta.outputs.plan, digests: `${digests['linux/amd64']}\n${nowhere}`, 'registry-auth': auth }, tagEvent('refs/tags/v2.0.0'), extraEnv);
    expect(none.code).toBe(1);
    expect(errorLine(none)).toContain(`aim-build: Registry ${basic.host}: digest ${nowhere} is not in repository 'aim/merged', nor in any other target: ${basic.host}/aim/merged (HTTP 404);`);
    expect([await tagsAndDigests(basicClient(), 'aim/merged'), await tagsAndDigests(secondClient, SECOND_REPO())]).toEqual(before);
  }, 300_000);
});
