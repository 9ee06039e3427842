/**
 * REAL build and push through the committed main bundle (`node dist/main/index.js`, as the runner
 * runs it: INPUT_* / GITHUB_* env, output, state and summary files): buildah builds the fixture
 * for linux/amd64 + linux/arm64 (arm64 RUN under qemu), and our registry client pushes it to real
 * CNCF distribution registries started here on 127.0.0.1 (htpasswd; token auth with a pull-only
 * user; TLS under the Alibaba-ACR-like name registry.cn-hangzhou.aliyuncs.com; a fault-injecting
 * proxy). Everything is checked through the registries' HTTP API.
 * Needs scripts/ci-setup.sh: fails under CI=true when something is missing, skips locally.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { promises as dns } from 'node:dns';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { MediaTypes, RegistryClient } from '../../src/adapters/registry/client.js';
import { buildahEnv, buildahRequirements, ensureBusyboxBase, FIXTURE_CONTEXT } from '../helpers/buildah.js';
import { examplePayload, SHA } from '../helpers/events.js';
import { ACR_LIKE_HOSTNAME, startRegistry, tlsFetch, type TestRegistry } from '../helpers/registry.js';
import { runActionAsync, type BundleRun, errorLine, execLines } from '../helpers/run-bundle.js';
import { isCI, requireReal, toolRequirement } from '../helpers/tools.js';

const REAL = requireReal('build-push', [...buildahRequirements(), toolRequirement('/usr/bin/docker-registry'), toolRequirement('htpasswd'), toolRequirement('openssl')]);
const real = REAL ? describe : describe.skip;

const rand = (): string => Math.random().toString(36).slice(2, 10);
// Unique canaries: a registry password and a build secret that must never show up anywhere.
const CANARY_PASSWORD = `canary-pw-${rand()}${rand()}`;
const CANARY_SECRET = `canary-secret-${rand()}${rand()}`;
const ACR_PASSWORD = `acr-pw-${rand()}${rand()}`;
const USER = 'builder';

interface Run extends BundleRun {
  code: number;
  ms: number;
}

type Event = { name: string; ref: string; payload: object };

const tagEvent = (): Event => ({ name: 'push', ref: 'refs/tags/v1.2.3', payload: examplePayload('push', (e) => e.head_commit != null) });

/** Runs the committed main bundle like the runner does (async: the token server and proxy live in this process). */
async function runMain(inputs: Record<string, string>, event: Event, extraEnv: Record<string, string> = {}): Promise<Run> {
  const started = Date.now();
  const r = await runActionAsync('main', { 'github-token': '', scan: 'builtin', ...inputs }, event, {
    baseEnv: { ...buildahEnv(), BUILDAH_ISOLATION: '' }, // BUILDAH_ISOLATION empty: the action detects the missing OCI runtime itself
    extraEnv,
    timeoutMs: 240_000
  });
  return { ...r, code: r.status ?? -1, ms: Date.now() - started };
}

interface Index {
  manifests: Array<{ digest: string; platform?: { os: string; architecture: string } }>;
}

async function layerFiles(blob: Buffer): Promise<Record<string, string>> {
  const data = blob[0] === 0x1f && blob[1] === 0x8b ? gunzipSync(blob) : blob;
  const files: Record<string, string> = {};
  const ex = tar.extract();
  await new Promise<void>((resolve, reject) => {
    ex.on('entry', (h, s, next) => {
      const chunks: Buffer[] = [];
      s.on('data', (c: unknown) => void chunks.push(c as Buffer));
      s.on('end', () => {
        if (h.type === 'file') files[h.name.replace(/^\.?\//, '')] = Buffer.concat(chunks).toString('utf8');
        next();
      });
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
    ex.end(data);
  });
  return files;
}

/** index → per-platform labels and files, read through the registry API */
async function readImage(c: RegistryClient, repo: string, ref: string) {
  const idx = await c.getManifest(repo, ref);
  const index = JSON.parse(idx.body) as Index;
  const platforms: Record<string, { labels: Record<string, string>; files: Record<string, string>; layers: Buffer[] }> = {};
  for (const m of index.manifests) {
    const man = JSON.parse((await c.getManifest(repo, m.digest)).body) as { config: { digest: string }; layers: Array<{ digest: string }> };
    const config = JSON.parse((await c.getBlob(repo, man.config.digest)).toString('utf8')) as { config?: { Labels?: Record<string, string> } };
    const layers = await Promise.all(man.layers.map((l) => c.getBlob(repo, l.digest)));
    const files = Object.assign({}, ...(await Promise.all(layers.map(layerFiles)))) as Record<string, string>;
    platforms[`${m.platform?.os}/${m.platform?.architecture}`] = { labels: config.config?.Labels ?? {}, files, layers };
  }
  return { idx, index, platforms };
}

/** The fixture plus a RUN step that consumes a build secret (and records only its length). */
function secretContext(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aim-secret-ctx-'));
  copyFileSync(join(FIXTURE_CONTEXT, 'hello.txt'), join(dir, 'hello.txt'));
  const dockerfile = readFileSync(join(FIXTURE_CONTEXT, 'Dockerfile'), 'utf8').replace(
    'RUN mkdir -p /out',
    'RUN --mount=type=secret,id=canary wc -c < /run/secrets/canary > /tmp/secret-bytes && mkdir -p /out && cp /tmp/secret-bytes /out/secret-bytes'
  );
  expect(dockerfile).toContain('--mount=type=secret,id=canary');
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  return dir;
}

/** The fixture with a private key left in the final image of one platform only (arm64). */
function leakyContext(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aim-leaky-ctx-'));
  copyFileSync(join(FIXTURE_CONTEXT, 'hello.txt'), join(dir, 'hello.txt'));
  const key = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  writeFileSync(join(dir, 'id_rsa'), key);
  const dockerfile = readFileSync(join(FIXTURE_CONTEXT, 'Dockerfile'), 'utf8')
    .replace('COPY hello.txt /src/hello.txt', 'COPY hello.txt /src/hello.txt\nCOPY id_rsa /src/id_rsa')
    .replace(' && cat /src/hello.txt > /out/hello.txt', ' && cat /src/hello.txt > /out/hello.txt \\\n && if [ "$(uname -m)" = aarch64 ]; then mkdir -p /out/root/.ssh && cp /src/id_rsa /out/root/.ssh/id_rsa; fi');
  expect(dockerfile).toContain('/out/root/.ssh/id_rsa');
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  return dir;
}

function client(reg: TestRegistry, password = CANARY_PASSWORD): RegistryClient {
  return new RegistryClient({ registry: reg.directHost, insecureHttp: true, credentials: { username: USER, password }, backoffMs: 5 });
}

async function tagsAndDigests(c: RegistryClient, repo: string): Promise<Record<string, string>> {
  const tags = (await c.listTags(repo)).sort();
  const out: Record<string, string> = {};
  for (const t of tags) out[t] = (await c.headManifest(repo, t))!.digest;
  return out;
}

real('build + push with buildah through dist/main (real registries)', () => {
  let basic: TestRegistry;
  let acr: TestRegistry | undefined;
  let acrCertDir = '';
  let ctx = '';
  const cleanups: Array<() => unknown> = [];

  beforeAll(async () => {
    await ensureBusyboxBase();
    basic = await startRegistry({ auth: { user: USER, password: CANARY_PASSWORD } });
    ctx = secretContext();
    const resolvable = await dns.lookup(ACR_LIKE_HOSTNAME, { family: 4 }).then((r) => r.address === '127.0.0.1', () => false);
    if (resolvable) {
      acr = await startRegistry({ auth: { user: 'acr-user', password: ACR_PASSWORD }, tls: true, hostname: ACR_LIKE_HOSTNAME });
      // what a self-hosted runner with a private CA does: trust it for buildah (certs.d) and for Node (NODE_EXTRA_CA_CERTS)
      acrCertDir = join('/etc/containers/certs.d', acr.namedHost);
      mkdirSync(acrCertDir, { recursive: true });
      copyFileSync(acr.caPath!, join(acrCertDir, 'ca.crt'));
    } else {
      const msg = `${ACR_LIKE_HOSTNAME} does not resolve to 127.0.0.1; run \`sudo bash scripts/ci-setup.sh\``;
      if (isCI()) throw new Error(msg);
      console.warn(`SKIPPED the ACR-like part: ${msg}`);
    }
  }, 180_000);

  afterAll(async () => {
    if (acrCertDir) rmSync(acrCertDir, { recursive: true, force: true });
    if (ctx) rmSync(ctx, { recursive: true, force: true });
    for (const c of cleanups) await c();
    await acr?.stop();
    await basic?.stop();
  }, 60_000);

  it('builds linux/amd64 + linux/arm64 once and pushes the whole tag plan to an htpasswd registry and an ACR-like TLS registry; canaries never leak', async () => {
    const images = [`${basic.host}/aim/fixture`, ...(acr ? [`${acr.namedHost}/acme`] : [])];
    const auth = [`${basic.host}=${USER}:${CANARY_PASSWORD}`, ...(acr ? [`${acr.namedHost}=acr-user:${ACR_PASSWORD}`] : [])];
    const r = await runMain(
      { images: images.join('\n'), component: 'backend', context: ctx, 'registry-auth': auth.join('\n'), secrets: `canary=${CANARY_SECRET}` },
      tagEvent(),
      acr ? { NODE_EXTRA_CA_CERTS: acr.caPath! } : {}
    );
    expect(errorLine(r)).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/builder: auto picked buildah 1\.\d+\.\d+: daemonless multi-platform builds \(no Docker needed\); skipped buildx: /);
    expect(r.stdout).toContain('push preflight: ');

    // outputs
    const digest = r.outputs.digest;
    expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(r.outputs.pushed).toBe('true');
    expect(r.outputs.imageid).toBe(digest);
    const platformDigests = JSON.parse(r.outputs['platform-digests']) as Record<string, string>;
    expect(Object.keys(platformDigests).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    const meta = JSON.parse(r.outputs.metadata);
    expect(meta).toMatchObject({ builder: 'buildah', digest, pushed: true, mediaType: MediaTypes.ociIndex });
    expect(Object.keys(meta.platforms).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    expect(meta.platforms['linux/arm64'].imageSize).toBeGreaterThan(0);

    // the htpasswd registry: every planned tag → the same index, both platforms, labels, the RUN ran per arch
    const c = client(basic);
    expect(await tagsAndDigests(c, 'aim/fixture')).toEqual({ '1': digest, '1.2': digest, '1.2.3': digest, 'v1.2.3': digest });
    const { idx, index, platforms } = await readImage(c, 'aim/fixture', 'v1.2.3');
    expect(idx.mediaType).toBe(MediaTypes.ociIndex);
    expect(index.manifests.map((m) => `${m.platform?.os}/${m.platform?.architecture}`).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    for (const [platform, uname] of [['linux/amd64', 'x86_64'], ['linux/arm64', 'aarch64']] as const) {
      const p = platforms[platform];
      expect(platformDigests[platform]).toBe(index.manifests.find((m) => `${m.platform?.os}/${m.platform?.architecture}` === platform)!.digest);
      expect(p.labels['org.opencontainers.image.version']).toBe('v1.2.3');
      expect(p.labels['org.opencontainers.image.revision']).toBe(SHA);
      expect(p.labels['org.opencontainers.image.source']).toMatch(/^https:\/\/github\.com\//);
      expect(p.files.VERSION.trim()).toBe('v1.2.3'); // VERSION build arg = the plan version
      expect(p.files.ARCH.trim()).toBe(uname);
      expect(p.files['secret-bytes'].trim()).toBe(String(CANARY_SECRET.length)); // the secret reached the RUN step…
      for (const layer of p.layers) expect(gunzipSync(layer).toString('latin1')).not.toContain(CANARY_SECRET); // …and not the image
    }

    // the ACR-like registry (TLS verified against the ACR host name): component tags in the unified repository
    if (acr) {
      const f = await tlsFetch(acr.caPem!, { [ACR_LIKE_HOSTNAME]: '127.0.0.1' });
      cleanups.push(f.close);
      const a = new RegistryClient({ registry: acr.namedHost, fetch: f.fetch, credentials: { username: 'acr-user', password: ACR_PASSWORD } });
      const acrTags = await tagsAndDigests(a, 'acme/ai-infra-matrix');
      expect(acrTags).toEqual({ 'backend-1': digest, 'backend-1.2': digest, 'backend-1.2.3': digest, 'backend-v1.2.3': digest });
      expect(meta.registries[`${acr.namedHost}/acme/ai-infra-matrix`].tags).toHaveLength(4);
      expect(r.stdout).toContain(`${acr.namedHost}: buildah login as 'acr-user' (registry-auth line 2) into the job-private config`);
    }

    // summary
    expect(r.summary).toContain('### aim-build image');
    expect(r.summary).toContain(`| ${basic.host} | \`${basic.host}/aim/fixture:1.2\` | \`${digest.slice(0, 19)}…\` |  |`);

    // canaries: not in stdout/stderr, outputs, state, summary, or any argv at the exec seam
    const argv = execLines(r);
    // one `buildah <its store> build --platform P` per platform, in the requested order
    const builds = argv.filter((a) => a[0] === 'buildah' && a.includes('build') && a.includes('--platform'));
    expect(builds.map((a) => a[a.indexOf('--platform') + 1])).toEqual(['linux/amd64', 'linux/arm64']);
    expect(argv.some((a) => a.includes('--password-stdin'))).toBe(true);
    const buildArgv = builds[0];
    expect(buildArgv[buildArgv.indexOf('--secret') + 1]).toMatch(/^id=canary,src=\/.*\/secrets\/secret-0$/);
    // `::add-mask::` lines are commands the runner consumes (it then hides the value everywhere); they are never shown
    const masks = [...r.stdout.matchAll(/^::add-mask::(.*)$/gm)].map((m) => m[1]);
    for (const canary of [CANARY_PASSWORD, CANARY_SECRET, ...(acr ? [ACR_PASSWORD] : [])]) expect(masks).toContain(canary);
    const shown = r.stdout.replace(/^::add-mask::.*$/gm, '');
    const everything = [shown, r.stderr, JSON.stringify(r.outputs), JSON.stringify(r.state), r.summary, JSON.stringify(argv), readFileSync(r.files.output, 'utf8')].join('\n');
    for (const canary of [CANARY_PASSWORD, CANARY_SECRET, ACR_PASSWORD]) expect(everything).not.toContain(canary);

    // the job-private directory (logins, secret files, layout) is gone after the main step; only
    // the SARIF file stays, for github/codeql-action/upload-sarif…
    expect(readdirSync(r.files.temp)).toEqual(['aim-build-scan.sarif']);
    // …and the post step (state isPost + dir) is a clean no-op
    expect(r.state.isPost).toBe('true');
    expect(r.state['aim-build-dir']).toMatch(/aim-build-[0-9a-f-]{36}$/);
    const post = await runMain({}, tagEvent(), { 'STATE_isPost': 'true', 'STATE_aim-build-dir': r.state['aim-build-dir'] });
    expect(post.code).toBe(0);
    expect(execLines(post).some((a) => a.includes('build'))).toBe(false);
    expect(existsSync(r.state['aim-build-dir'])).toBe(false);
  }, 240_000);
});

real('build + push failures through dist/main: fast, clear, and never a tag on a half-pushed image', () => {
  let basic: TestRegistry;
  let token: TestRegistry;
  const READER = { user: 'reader', password: `rd-${rand()}`, actions: ['pull' as const] };

  beforeAll(async () => {
    await ensureBusyboxBase();
    [basic, token] = await Promise.all([
      startRegistry({ auth: { user: USER, password: CANARY_PASSWORD } }),
      startRegistry({ auth: { user: 'pusher', password: `pp-${rand()}`, scheme: 'token', extraUsers: [READER] } })
    ]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([basic?.stop(), token?.stop()]);
  }, 60_000);

  it('wrong password, push denied (pull-only token), unknown registry: all reported together in seconds, before any build', async () => {
    const r = await runMain(
      {
        images: [`${basic.host}/aim/denied`, `${token.host}/aim/denied`, 'nonexistent.invalid/acme/app'].join('\n'),
        context: FIXTURE_CONTEXT,
        'registry-auth': [`${basic.host}=${USER}:wrong-${CANARY_PASSWORD}`, `${token.host}=${READER.user}:${READER.password}`].join('\n')
      },
      tagEvent()
    );
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(20_000);
    expect(execLines(r).some((a) => a.includes('build'))).toBe(false);
    const err = errorLine(r);
    expect(err).toMatch(/^aim-build: push preflight failed for 3 of 3 target\(s\) after \d+\.\d s; nothing was built or pushed:\n/);
    expect(err).toContain(`  - ${basic.host}/aim/denied: Registry ${basic.host}: credentials for user '${USER}' were rejected when trying to push to 'aim/denied' (HTTP 401`);
    expect(err).toContain('Check the username and password/token for this registry');
    expect(err).toContain(`  - ${token.host}/aim/denied: Registry ${token.host}: access denied: cannot push to 'aim/denied'`);
    expect(err).toContain(`The credentials of '${READER.user}' are valid but may not push to this repository`);
    expect(err).toContain('  - nonexistent.invalid/acme/app: Registry nonexistent.invalid: cannot resolve the host name (ENOTFOUND). Check the registry host name');
    for (const secret of [CANARY_PASSWORD, READER.password]) expect(r.stdout.replace(/^::add-mask::.*$/gm, '')).not.toContain(secret);
    expect(await client(basic).listTags('aim/denied')).toEqual([]);
  }, 120_000);

  it('HTTP 500 then 201 on a manifest PUT and a blob upload cut mid-body are retried; every tag lands on one complete image', async () => {
    const flaky = await startRegistry({
      auth: { user: USER, password: CANARY_PASSWORD },
      failures: [
        { method: 'PUT', path: /\/manifests\/sha256:/, times: 1, action: { kind: 'status', status: 500 } },
        { method: 'PUT', path: /\/blobs\/uploads\//, times: 1, action: { kind: 'cut-request', afterBytes: 40 } }
      ]
    });
    try {
      const r = await runMain({ images: `${flaky.host}/aim/retry`, context: FIXTURE_CONTEXT, 'registry-auth': `${flaky.host}=${USER}:${CANARY_PASSWORD}` }, tagEvent());
      expect(errorLine(r)).toBe('');
      expect(r.code).toBe(0);
      expect(flaky.proxy!.applied(0)).toBe(1);
      expect(flaky.proxy!.applied(1)).toBe(1);
      expect(r.stdout).toMatch(/PUT \/v2\/aim\/retry\/manifests\/sha256:[a-f0-9]{64} -> HTTP 500; retry 1\/3 in \d+ ms/);
      expect(r.stdout).toMatch(/blob upload to aim\/retry failed \(.*\); retrying in \d+ ms/);
      const digest = r.outputs.digest;
      expect(await tagsAndDigests(client(flaky), 'aim/retry')).toEqual({ '1': digest, '1.2': digest, '1.2.3': digest, 'v1.2.3': digest });
      const { platforms } = await readImage(client(flaky), 'aim/retry', 'v1.2.3');
      expect(Object.keys(platforms).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    } finally {
      await flaky.stop();
    }
  }, 180_000);

  it('a registry that stops accepting uploads mid-push: the push fails after retries and NO registry gets a tag (not even the healthy one)', async () => {
    const dying = await startRegistry({
      auth: { user: USER, password: CANARY_PASSWORD },
      failures: [{ method: 'PUT', path: /\/blobs\/uploads\//, skip: 1, times: Infinity, action: { kind: 'reset' } }]
    });
    try {
      const r = await runMain(
        {
          images: `${basic.host}/aim/halfway\n${dying.host}/aim/halfway`,
          context: FIXTURE_CONTEXT,
          'registry-auth': `${basic.host}=${USER}:${CANARY_PASSWORD}\n${dying.host}=${USER}:${CANARY_PASSWORD}`
        },
        tagEvent()
      );
      expect(r.code).toBe(1);
      const err = errorLine(r);
      expect(err).toMatch(/^aim-build: push failed for 1 of 2 target\(s\); no tag was written anywhere, so no tag points to a half-pushed image:\n/);
      expect(err).toContain(`  - ${dying.host}/aim/halfway: Registry ${dying.host}: network error while trying to push to 'aim/halfway'`);
      expect(r.stdout).toMatch(/blob upload to aim\/halfway failed .*retrying in/);
      // the healthy registry got every blob and manifest by digest, but not a single tag
      expect(await client(basic).listTags('aim/halfway')).toEqual([]);
      expect(await client(dying).listTags('aim/halfway')).toEqual([]);
      expect(r.outputs.digest).toBeUndefined();
    } finally {
      await dying.stop();
    }
  }, 180_000);

  it('scan gate (builtin, real scanner): a private key left in the arm64 image blocks the push; no tag and no manifest reach the registry', async () => {
    const leaky = leakyContext();
    const watched = await startRegistry({ auth: { user: USER, password: CANARY_PASSWORD }, failures: [] });
    try {
      const r = await runMain({ images: `${watched.host}/aim/leaky`, context: leaky, username: USER, password: CANARY_PASSWORD }, tagEvent());
      expect(r.code).toBe(1);
      expect(errorLine(r)).toMatch(/^aim-build: the image was not pushed: scan gate blocked: no tag was written\. 1 blocking finding on linux\/arm64: private-key \(CRITICAL\) in \/root\/\.ssh\/id_rsa/);
      expect(r.outputs['scan-verdict']).toBe('blocked');
      expect(JSON.parse(r.outputs['scan-result'])).toMatchObject({ verdict: 'blocked', counts: { 'linux/amd64': { CRITICAL: 0 }, 'linux/arm64': { CRITICAL: 1 } } });
      expect(existsSync(r.outputs['sarif-file'])).toBe(true);
      expect(r.summary).toContain('| linux/arm64 | /root/.ssh/id_rsa | - | private-key | CRITICAL | - |');
      expect(r.stdout + r.summary + readFileSync(r.outputs['sarif-file'], 'utf8')).not.toContain('PRIVATE KEY-----\nMII');
      const c = client(watched);
      await expect(c.listTags('aim/leaky')).resolves.toEqual([]);
      // the preflight may start (and cancel) a blob upload; nothing else was written
      expect(watched.proxy!.requests.filter((q) => q.method === 'PUT' || (q.method === 'PATCH'))).toEqual([]);
      expect(r.outputs.pushed ?? '').not.toBe('true');
    } finally {
      rmSync(leaky, { recursive: true, force: true });
      await watched.stop();
    }
  }, 180_000);

  it('a pull request from a fork is built but never pushed, and the registry is never contacted', async () => {
    const watched = await startRegistry({ auth: { user: USER, password: CANARY_PASSWORD }, failures: [] });
    try {
      const payload = examplePayload('pull_request', (e) => e.action === 'opened') as { pull_request: { head: { repo: { full_name: string } } } };
      payload.pull_request.head.repo.full_name = 'someone/backend-fork';
      const r = await runMain({ images: `${watched.host}/aim/fork`, context: FIXTURE_CONTEXT }, { name: 'pull_request', ref: 'refs/pull/7/merge', payload });
      expect(errorLine(r)).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('push: auto never pushes for a pull request from a fork (someone/backend-fork); the image is built only');
      expect(r.outputs.pushed).toBe('false');
      expect(r.outputs.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
      expect(Object.keys(JSON.parse(r.outputs['platform-digests'])).sort()).toEqual(['linux/amd64', 'linux/arm64']);
      expect(watched.proxy!.requests).toEqual([]);
      expect(r.summary).toContain('Not pushed: push: auto never pushes for a pull request from a fork');
    } finally {
      await watched.stop();
    }
  }, 180_000);
});
