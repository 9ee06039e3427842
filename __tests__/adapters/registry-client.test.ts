/**
 * RegistryClient against a REAL distribution registry (Debian docker-registry) on 127.0.0.1:
 * htpasswd (Basic) and token (Bearer) auth, a fault-injecting proxy, and TLS with a throwaway
 * CA under an Alibaba-ACR-like host name. Needs scripts/ci-setup.sh (fails under CI=true
 * when a tool is missing, skips locally).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RegistryError } from '../../src/core/errors.js';
import { mergeScopes, parseChallenge } from '../../src/adapters/registry/challenge.js';
import { MediaTypes, nextLink, RegistryClient, RegistryRequestError, sha256, type RegistryClientOptions } from '../../src/adapters/registry/client.js';
import { ACR_LIKE_HOSTNAME, startRegistry, tlsFetch, type TestRegistry } from '../helpers/registry.js';
import { requireReal, toolRequirement } from '../helpers/tools.js';

const USER = 'alice';
const PASSWORD = `pw-${Math.random().toString(36).slice(2)}-secret`;
const READER = { user: 'reader', password: `rd-${Math.random().toString(36).slice(2)}`, actions: ['pull' as const] };

const REAL = requireReal('registry-client', [toolRequirement('/usr/bin/docker-registry'), toolRequirement('htpasswd'), toolRequirement('openssl')]);
const real = REAL ? describe : describe.skip;

/** fast retries, collected logs */
function client(reg: Pick<TestRegistry, 'host'> | string, extra: Partial<RegistryClientOptions> = {}): RegistryClient & { logs: string[] } {
  const logs: string[] = [];
  const c = new RegistryClient({
    registry: typeof reg === 'string' ? reg : reg.host,
    insecureHttp: true,
    credentials: { username: USER, password: PASSWORD },
    backoffMs: 5,
    timeoutMs: 10_000,
    log: (m) => logs.push(m),
    ...extra
  });
  return Object.assign(c, { logs });
}

async function caught(p: Promise<unknown>): Promise<RegistryRequestError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(RegistryError);
    expect(e).toBeInstanceOf(RegistryRequestError);
    return e as RegistryRequestError;
  }
  throw new Error('expected a RegistryError');
}

/** a minimal OCI image: config + one layer blob + manifest */
async function pushImage(c: RegistryClient, repo: string, tag: string, arch = 'amd64'): Promise<{ digest: string; body: string; layer: Buffer }> {
  const config = Buffer.from(JSON.stringify({ architecture: arch, os: 'linux', config: { Labels: { tag } }, rootfs: { type: 'layers', diff_ids: [] } }));
  const layer = Buffer.from(`layer for ${repo}:${tag}:${arch}`);
  const cfg = await c.uploadBlob(repo, config);
  const lay = await c.uploadBlob(repo, layer);
  const body = JSON.stringify({
    schemaVersion: 2,
    mediaType: MediaTypes.ociManifest,
    config: { mediaType: MediaTypes.ociConfig, digest: cfg.digest, size: cfg.size },
    layers: [{ mediaType: MediaTypes.ociLayerGzip, digest: lay.digest, size: lay.size }]
  });
  const digest = await c.putManifest(repo, tag, body, MediaTypes.ociManifest);
  return { digest, body, layer };
}

/** Wraps fetch: pages a full tags/list answer by `n`/`last` and adds the Link header. */
const pagingFetch: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  if (!url.pathname.endsWith('/tags/list')) return fetch(input, init);
  const n = Number(url.searchParams.get('n') ?? 1000);
  const last = url.searchParams.get('last');
  const full = new URL(url);
  full.search = '';
  const res = await fetch(full, init);
  if (res.status !== 200) return res;
  const data = (await res.json()) as { name: string; tags: string[] };
  const all = [...data.tags].sort();
  const rest = last ? all.filter((t) => t > last) : all;
  const page = rest.slice(0, n);
  const headers = new Headers({ 'content-type': 'application/json' });
  if (rest.length > n) headers.set('link', `<${url.pathname}?last=${page[page.length - 1]}&n=${n}>; rel="next"`);
  return new Response(JSON.stringify({ name: data.name, tags: page }), { status: 200, headers });
};

describe('registry client pure parts', () => {
  it('parses Bearer and Basic challenges', () => {
    expect(parseChallenge('Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/r:pull,push",error="insufficient_scope"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:o/r:pull,push', error: 'insufficient_scope' }
    });
    expect(parseChallenge('Basic realm="aim-test"')).toEqual({ scheme: 'basic', params: { realm: 'aim-test' } });
    expect(parseChallenge('Basic realm="x", Bearer realm="https://t/token",service=s')?.scheme).toBe('bearer');
    expect(parseChallenge(null)).toBeUndefined();
  });

  it('merges scopes per repository with canonical action order', () => {
    expect(mergeScopes(['repository:a/b:pull,push', 'repository:a/b:push,pull'])).toEqual(['repository:a/b:pull,push']);
    expect(mergeScopes(['repository:a/b:pull,push', 'repository:a/b:delete', 'repository:c:pull', ''])).toEqual(['repository:a/b:pull,push,delete', 'repository:c:pull']);
  });

  it('follows Link rel="next"', () => {
    expect(nextLink('</v2/a/tags/list?last=b&n=2>; rel="next"')).toBe('/v2/a/tags/list?last=b&n=2');
    expect(nextLink(null)).toBeUndefined();
  });

  it('maps DNS and TLS failures from fetch to errors with a fix', async () => {
    const failing = (code: string) =>
      (async () => {
        throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
      }) as unknown as typeof fetch;
    const dns = await caught(new RegistryClient({ registry: 'registry.example.invalid', fetch: failing('ENOTFOUND'), retries: 0 }).listTags('o/r'));
    expect(dns.kind).toBe('dns');
    expect(dns.message).toMatch(/registry\.example\.invalid.*cannot resolve.*Check the registry host name/);
    const tls = await caught(new RegistryClient({ registry: 'h.example', fetch: failing('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), retries: 0 }).listTags('o/r'));
    expect(tls.kind).toBe('tls');
    expect(tls.message).toMatch(/certificate not trusted.*NODE_EXTRA_CA_CERTS/);
  });
});

real('RegistryClient against a real htpasswd registry', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ auth: { user: USER, password: PASSWORD } });
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('without credentials: /v2/ says auth is required and reads fail with 401 and the fix', async () => {
    const anon = client(reg, { credentials: undefined });
    await expect(anon.ping()).resolves.toEqual({ apiVersion: 'registry/2.0', authRequired: true, authScheme: 'basic', authenticated: false });
    const e = await caught(anon.listTags('aim/app'));
    expect(e.status).toBe(401);
    expect(e.kind).toBe('auth');
    expect(e.message).toContain(`Registry ${reg.host}:`);
    expect(e.message).toMatch(/authentication required.*'aim\/app'.*HTTP 401.*Provide a username and password/);
  });

  it('with credentials: ping authenticates; the password never appears in logs', async () => {
    const c = client(reg);
    await expect(c.ping()).resolves.toMatchObject({ authRequired: true, authenticated: true });
    expect(c.logs.join('\n')).not.toContain(PASSWORD);
    expect(c.logs.join('\n')).not.toContain(Buffer.from(`${USER}:${PASSWORD}`).toString('base64'));
  });

  it('a wrong password gives a clear error naming registry, user and fix (without the password)', async () => {
    const bad = client(reg, { credentials: { username: USER, password: 'not-the-password' } });
    const e = await caught(bad.checkPushAccess('aim/app'));
    expect(e.kind).toBe('auth');
    expect(e.status).toBe(401);
    expect(e.repository).toBe('aim/app');
    expect(e.message).toMatch(new RegExp(`Registry ${reg.host}: credentials for user 'alice' were rejected .*'aim/app'.*HTTP 401.*Check the username and password`));
    expect(e.message).not.toContain('not-the-password');
  });

  it('pushes blobs + manifest + index, reads them back, lists, deletes', async () => {
    const c = client(reg);
    const repo = 'aim/roundtrip';
    const amd = await pushImage(c, repo, 'v1-amd64', 'amd64');
    const arm = await pushImage(c, repo, 'v1-arm64', 'arm64');
    expect(amd.digest).toBe(sha256(Buffer.from(amd.body)));

    const got = await c.getManifest(repo, 'v1-amd64');
    expect(got).toEqual({ digest: amd.digest, mediaType: MediaTypes.ociManifest, body: amd.body, size: Buffer.byteLength(amd.body) });
    const layerDigest = (JSON.parse(got.body) as { layers: Array<{ digest: string }> }).layers[0].digest;
    await expect(c.getBlob(repo, layerDigest)).resolves.toEqual(amd.layer);

    const index = JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaTypes.ociIndex,
      manifests: [
        { mediaType: MediaTypes.ociManifest, digest: amd.digest, size: Buffer.byteLength(amd.body), platform: { os: 'linux', architecture: 'amd64' } },
        { mediaType: MediaTypes.ociManifest, digest: arm.digest, size: Buffer.byteLength(arm.body), platform: { os: 'linux', architecture: 'arm64' } }
      ]
    });
    const indexDigest = await c.putManifest(repo, 'v1', index, MediaTypes.ociIndex);
    const idx = await c.getManifest(repo, 'v1');
    expect(idx.mediaType).toBe(MediaTypes.ociIndex);
    expect(idx.digest).toBe(indexDigest);
    await expect(c.headManifest(repo, 'v1')).resolves.toEqual({ digest: indexDigest, mediaType: MediaTypes.ociIndex, size: Buffer.byteLength(index) });
    await expect(c.getManifest(repo, indexDigest)).resolves.toMatchObject({ digest: indexDigest });

    expect((await c.listTags(repo)).sort()).toEqual(['v1', 'v1-amd64', 'v1-arm64']);

    await c.deleteManifest(repo, indexDigest);
    await expect(c.headManifest(repo, 'v1')).resolves.toBeUndefined();
    const missing = await caught(c.getManifest(repo, 'v1'));
    expect(missing.kind).toBe('not-found');
    expect(missing.message).toMatch(/aim\/roundtrip:v1.*HTTP 404 MANIFEST_UNKNOWN.*Check the repository name and the tag/);
  });

  it('lists tags across pages (Link header) and treats an unknown repository as having no tags', async () => {
    const repo = 'aim/paged';
    const { body } = await pushImage(client(reg), repo, 't0');
    for (const t of ['t1', 't2', 't3', 't4']) await client(reg).putManifest(repo, t, body, MediaTypes.ociManifest);
    // distribution 2.8 ignores `n` on tags/list (tag pagination came with v3): page its real answer
    // the way v3/GHCR do, with `Link: <…?last=X&n=N>; rel="next"`.
    const c = client(reg, { fetch: pagingFetch });
    expect((await c.listTags(repo, 2)).sort()).toEqual(['t0', 't1', 't2', 't3', 't4']);
    expect(c.logs.filter((l) => /GET .*tags\/list -> 200/.test(l))).toHaveLength(3);
    await expect(c.listTags('aim/never-pushed')).resolves.toEqual([]);
  });

  it('push-access preflight succeeds and leaves nothing behind', async () => {
    const c = client(reg);
    await c.checkPushAccess('aim/preflight');
    expect(c.logs.some((l) => /POST .*blobs\/uploads\/ -> 202/.test(l))).toBe(true);
    expect(c.logs.some((l) => /DELETE .*blobs\/uploads\/[0-9a-f-]+ -> 204/.test(l))).toBe(true);
    await expect(c.listTags('aim/preflight')).resolves.toEqual([]);
  });
});

real('RegistryClient against a real token-auth (Bearer) registry', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ auth: { user: USER, password: PASSWORD, scheme: 'token', extraUsers: [READER] } });
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('gets a scoped token and pushes; tokens are cached per scope', async () => {
    const c = client(reg);
    await expect(c.ping()).resolves.toMatchObject({ authScheme: 'bearer', authenticated: true });
    await c.checkPushAccess('aim/tok');
    // distribution wants `delete` to cancel an upload: its challenge scope is requested too
    expect(c.logs.some((l) => /DELETE .*blobs\/uploads\/.* -> 204/.test(l))).toBe(true);
    const mine = () => reg.tokenServer!.requests.filter((r) => r.user === USER).map((r) => r.scopes.join(' '));
    expect(mine()).toContain('repository:aim/tok:pull,push');
    expect(mine()).toContain('repository:aim/tok:pull,push,delete');
    const before = mine().length;
    await pushImage(c, 'aim/tok', 'v1');
    await expect(c.listTags('aim/tok')).resolves.toEqual(['v1']);
    // the whole push reused the cached pull,push token; only the pull scope (HEAD blob, tags) was new
    expect(mine().slice(before)).toEqual(['repository:aim/tok:pull']);
  });

  it('a pull-only account is denied push with the GHCR/ACR/Harbor fix', async () => {
    const c = client(reg, { credentials: { username: READER.user, password: READER.password } });
    await expect(c.listTags('aim/tok')).resolves.toEqual(['v1']);
    const e = await caught(c.checkPushAccess('aim/tok'));
    expect(e.kind).toBe('denied');
    expect(e.message).toMatch(/access denied: cannot push to 'aim\/tok'.*credentials of 'reader' are valid but may not push.*packages: write/);
  });

  it('wrong password at the token endpoint is an auth error, not a retry loop', async () => {
    const c = client(reg, { credentials: { username: USER, password: 'wrong' } });
    const before = reg.tokenServer!.requests.length;
    const e = await caught(c.listTags('aim/tok'));
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(/credentials for user 'alice' were rejected/);
    expect(reg.tokenServer!.requests.length - before).toBe(1);
  });
});

real('RegistryClient retries through a fault-injecting proxy', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ auth: { user: USER, password: PASSWORD }, failures: [] });
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('500 then 201 on PUT manifest is retried and succeeds', async () => {
    const c = client(reg);
    const { body } = await pushImage(c, 'aim/flaky', 'base');
    reg.proxy!.setRules([{ method: 'PUT', path: /\/manifests\/again$/, times: 1, action: { kind: 'status', status: 500 } }]);
    const digest = await c.putManifest('aim/flaky', 'again', body, MediaTypes.ociManifest);
    const puts = reg.proxy!.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/manifests/again'));
    expect(puts.map((r) => r.status)).toEqual([500, 201]);
    expect(reg.proxy!.applied(0)).toBe(1);
    await expect(c.headManifest('aim/flaky', 'again')).resolves.toMatchObject({ digest });
  });

  it('gives up after bounded retries with the attempts and status in the message', async () => {
    const c = client(reg, { retries: 2 });
    reg.proxy!.setRules([{ method: 'GET', path: '/tags/list', times: Infinity, action: { kind: 'status', status: 503 } }]);
    const e = await caught(c.listTags('aim/flaky'));
    expect(e.kind).toBe('unavailable');
    expect(e.status).toBe(503);
    expect(e.message).toMatch(/HTTP 503.*after 3 attempts.*Retry later/);
  });

  it('a blob push cut off mid-body restarts the upload and completes', async () => {
    const c = client(reg);
    const blob = Buffer.alloc(64 * 1024, 7);
    reg.proxy!.setRules([{ method: 'PUT', path: /\/blobs\/uploads\//, times: 1, action: { kind: 'cut-request', afterBytes: 1000 } }]);
    const { digest } = await c.uploadBlob('aim/flaky', blob);
    expect(reg.proxy!.applied(0)).toBe(1);
    expect(c.logs.some((l) => /blob upload .* retrying/.test(l))).toBe(true);
    await expect(c.getBlob('aim/flaky', digest)).resolves.toEqual(blob);
  });

  it('a connection reset on a read is retried', async () => {
    const c = client(reg);
    reg.proxy!.setRules([{ method: 'GET', path: '/tags/list', times: 1, action: { kind: 'reset' } }]);
    await expect(c.listTags('aim/flaky')).resolves.toEqual(expect.arrayContaining(['base', 'again']));
  });

  it('a slow registry hits the per-request timeout', async () => {
    const c = client(reg, { timeoutMs: 300, retries: 0 });
    reg.proxy!.setRules([{ path: '/tags/list', times: 1, action: { kind: 'delay', ms: 1500 } }]);
    const e = await caught(c.listTags('aim/flaky'));
    expect(e.kind).toBe('timeout');
    expect(e.message).toMatch(/no response within 300 ms while trying to list tags of 'aim\/flaky'.*raise the timeout/);
  });
});

real('RegistryClient against a read-only registry', () => {
  it('push preflight reports 405 as a read-only registry', async () => {
    const reg = await startRegistry({ auth: { user: USER, password: PASSWORD }, readOnly: true });
    try {
      const e = await caught(client(reg).checkPushAccess('aim/ro'));
      expect(e.kind).toBe('unsupported');
      expect(e.message).toMatch(/HTTP 405.*read-only/);
    } finally {
      await reg.stop();
    }
  });
});

real(`RegistryClient over TLS with a private CA as ${ACR_LIKE_HOSTNAME}`, () => {
  let reg: TestRegistry;
  let trusted: Awaited<ReturnType<typeof tlsFetch>>;
  beforeAll(async () => {
    reg = await startRegistry({ auth: { user: USER, password: PASSWORD }, tls: true, hostname: ACR_LIKE_HOSTNAME });
    trusted = await tlsFetch(reg.caPem!, { [ACR_LIKE_HOSTNAME]: '127.0.0.1' });
  });
  afterAll(async () => {
    await trusted?.close();
    await reg?.stop();
  });

  it('works with the test CA under the ACR-like host name', async () => {
    const c = client(reg.namedHost, { insecureHttp: false, fetch: trusted.fetch });
    await expect(c.ping()).resolves.toMatchObject({ authenticated: true });
    await c.checkPushAccess('aim-ns/app');
    await pushImage(c, 'aim-ns/app', '1.0.0');
    await expect(c.listTags('aim-ns/app')).resolves.toEqual(['1.0.0']);
  });

  it('without the CA the certificate is rejected with a TLS error and fix', async () => {
    const c = client(reg.directHost, { insecureHttp: false, retries: 0 });
    const e = await caught(c.listTags('aim-ns/app'));
    expect(e.kind).toBe('tls');
    expect(e.message).toContain(`Registry ${reg.directHost}: TLS certificate not trusted`);
  });
});
