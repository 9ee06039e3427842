/**
 * GHCR cleanup through the GitHub Packages REST API. GitHub's API cannot be reached from here, so
 * api.github.com is a FAKE fetch (the github.com seam) that records every request and answers with
 * the documented shapes: version objects {id, name = digest, url, …, metadata.container.tags}, pages
 * of per_page=100 linked by `Link: <…>; rel="next"`, 404 `{"message":"Not Found"}` for the wrong
 * owner type, 204 for a delete. ghcr.io's registry API in the step test is a REAL CNCF registry with
 * GHCR-like token auth (the GitHub token as password), reached by rewriting the host.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GhcrPackages, PackagesApiError } from '../../src/adapters/github/packages.js';
import { RegistryClient } from '../../src/adapters/registry/client.js';
import type { GhcrVersion } from '../../src/core/cleanup.js';
import { registryAvailable, startRegistry, type TestRegistry } from '../helpers/registry.js';
import { requireReal, toolRequirement } from '../helpers/tools.js';
import { pushIndex, runCleanupStep } from '../helpers/cleanup-fixtures.js';

const TOKEN = `ghs_${Math.random().toString(36).slice(2)}FAKEtoken`;
const API = 'https://api.github.com';

interface Recorded {
  method: string;
  url: string;
  authorization?: string;
  apiVersion?: string;
}

interface FakeGitHubOptions {
  owner: string;
  ownerType: 'orgs' | 'users';
  /** the package name as GitHub stores it (`repo/api`) */
  name: string;
  versions: GhcrVersion[];
  /** version ids whose DELETE answers 403 (the token lacks admin on the package) */
  deny?: number[];
  /** version ids of a public package downloaded more than 5,000 times (D7) */
  popular?: number[];
  /** answer the first N requests with 502 */
  flaky?: number;
  /** other hosts (ghcr.io → the real registry) */
  passThrough?: (url: URL, init?: RequestInit) => Promise<Response> | undefined;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });

/** The github.com seam: a fake Packages API over `versions`, recording requests. */
function fakeGitHub(o: FakeGitHubOptions) {
  const requests: Recorded[] = [];
  const versions = [...o.versions];
  let flaky = o.flaky ?? 0;
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const other = o.passThrough?.(url, init);
    if (other) return other;
    const headers = new Headers(init?.headers);
    requests.push({ method: init?.method ?? 'GET', url: String(input), authorization: headers.get('authorization') ?? undefined, apiVersion: headers.get('x-github-api-version') ?? undefined });
    if (url.origin !== API) throw new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } });
    if (flaky-- > 0) return json(502, { message: 'Server Error' });
    const base = `/${o.ownerType}/${o.owner}/packages/container/${encodeURIComponent(o.name)}/versions`;
    const notFound = json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/packages/packages#list-package-versions-for-a-package-owned-by-an-organization', status: '404' });
    if (!url.pathname.startsWith(base)) return notFound;
    const id = Number(url.pathname.slice(base.length + 1));
    if (init?.method === 'DELETE') {
      const i = versions.findIndex((v) => v.id === id);
      if (o.deny?.includes(id)) return json(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/packages/packages#delete-a-package-version-for-an-organization', status: '403' });
      if (o.popular?.includes(id)) return json(400, { message: 'Publicly visible package versions with more than 5000 downloads cannot be deleted. Contact GitHub support for further assistance.', status: '400' });
      if (i < 0) return notFound;
      versions.splice(i, 1);
      return new Response(null, { status: 204 });
    }
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const last = Math.max(1, Math.ceil(versions.length / perPage));
    const link = (p: number, rel: string) => `<${API}${base}?per_page=${perPage}&page=${p}>; rel="${rel}"`;
    const links = page < last ? [link(page + 1, 'next'), link(last, 'last')] : [link(1, 'first'), link(Math.max(1, page - 1), 'prev')];
    return json(200, versions.slice((page - 1) * perPage, page * perPage), { link: links.join(', ') });
  }) as typeof fetch;
  return { fetch: fetchFn, requests, versions };
}

/** A version object as the REST API returns it. */
function version(id: number, digest: string, tags: string[], owner = 'acme', urlName = 'repo%2Fapi'): GhcrVersion {
  return {
    id,
    name: digest,
    url: `${API}/orgs/${owner}/packages/container/${urlName}/versions/${id}`,
    package_html_url: `https://github.com/orgs/${owner}/packages/container/package/${urlName}`,
    created_at: '2026-11-20T10:00:00Z',
    updated_at: '2026-11-20T10:00:00Z',
    html_url: `https://github.com/orgs/${owner}/packages/container/${urlName}/${id}`,
    metadata: { package_type: 'container', container: { tags } }
  } as GhcrVersion;
}

const orphan = (i: number) => version(100 + i, `sha256:${i.toString(16).padStart(64, '0')}`, []);

describe('GhcrPackages (REST)', () => {
  it('lists every page (per_page=100, Link rel="next") with the nested name encoded as %2F', async () => {
    const gh = fakeGitHub({ owner: 'acme', ownerType: 'orgs', name: 'repo/api', versions: Array.from({ length: 250 }, (_, i) => orphan(i)) });
    const versions = await new GhcrPackages('acme', 'repo/api', { fetch: gh.fetch, token: TOKEN }).listVersions();
    expect(versions).toHaveLength(250);
    expect(versions[249].id).toBe(349);
    expect(gh.requests.map((r) => r.url)).toEqual([
      `${API}/orgs/acme/packages/container/repo%2Fapi/versions?per_page=100`,
      `${API}/orgs/acme/packages/container/repo%2Fapi/versions?per_page=100&page=2`,
      `${API}/orgs/acme/packages/container/repo%2Fapi/versions?per_page=100&page=3`
    ]);
    expect(gh.requests.every((r) => r.authorization === `Bearer ${TOKEN}` && r.apiVersion === '2022-11-28')).toBe(true);
  });

  it('a user-owned package: the org endpoint answers 404, the user endpoint is used from then on', async () => {
    const gh = fakeGitHub({ owner: 'octocat', ownerType: 'users', name: 'hello', versions: [version(1, 'sha256:' + 'a'.repeat(64), ['pr-7'], 'octocat', 'hello')] });
    const api = new GhcrPackages('octocat', 'hello', { fetch: gh.fetch, token: TOKEN });
    expect((await api.listVersions()).map((v) => v.id)).toEqual([1]);
    expect(await api.deleteVersion(1)).toBe('deleted');
    expect(gh.requests.map((r) => `${r.method} ${r.url.replace(API, '')}`)).toEqual([
      'GET /orgs/octocat/packages/container/hello/versions?per_page=100',
      'GET /users/octocat/packages/container/hello/versions?per_page=100',
      'DELETE /users/octocat/packages/container/hello/versions/1'
    ]);
  });

  it('neither an org nor a user package: a 404 that names the package and the permission fix', async () => {
    const gh = fakeGitHub({ owner: 'acme', ownerType: 'orgs', name: 'other', versions: [] });
    await expect(new GhcrPackages('acme', 'repo/api', { fetch: gh.fetch, token: TOKEN }).listVersions()).rejects.toThrow(
      "Registry ghcr.io: container package 'repo/api' of acme was not found for the organization or the user 'acme' (HTTP 404). Check the image name; GitHub also answers 404 when the token cannot see the package"
    );
  });

  it('403 on delete: names the package, the version and the fix (packages: write, Admin role; D6); never the token', async () => {
    const gh = fakeGitHub({ owner: 'acme', ownerType: 'orgs', name: 'repo/api', versions: [orphan(1)], deny: [101] });
    const err = (await new GhcrPackages('acme', 'repo/api', { fetch: gh.fetch, token: TOKEN }).deleteVersion(101).catch((e: unknown) => e)) as PackagesApiError;
    expect(err).toBeInstanceOf(PackagesApiError);
    expect(err.kind).toBe('denied');
    expect(err.message).toBe(
      "Registry ghcr.io: cannot delete version 101 of container package 'repo/api' of acme (HTTP 403: Resource not accessible by integration). " +
        'Give the job `permissions: packages: write`, and in the package settings → Manage Actions access give this repository the Admin role ' +
        '(deleting a version needs admin on the package); a classic personal access token needs read:packages and delete:packages'
    );
    expect(err.message).not.toContain(TOKEN);
  });

  it('a public version over 5,000 downloads (D7) is its own kind, for a warning', async () => {
    const gh = fakeGitHub({ owner: 'acme', ownerType: 'orgs', name: 'repo/api', versions: [orphan(1)], popular: [101] });
    const err = (await new GhcrPackages('acme', 'repo/api', { fetch: gh.fetch, token: TOKEN }).deleteVersion(101).catch((e: unknown) => e)) as PackagesApiError;
    expect(err.kind).toBe('too-many-downloads');
    expect(err.message).toMatch(/more than 5000 downloads cannot be deleted.*GitHub does not delete versions of a public package that were downloaded more than 5,000 times/);
  });

  it('retries 5xx; a 401 says the token was rejected', async () => {
    const gh = fakeGitHub({ owner: 'acme', ownerType: 'orgs', name: 'app', versions: [orphan(1)], flaky: 2 });
    expect(await new GhcrPackages('acme', 'app', { fetch: gh.fetch, token: TOKEN, sleep: async () => {} }).listVersions()).toHaveLength(1);
    expect(gh.requests).toHaveLength(3);
    const unauthorized = (async () => json(401, { message: 'Bad credentials' })) as typeof fetch;
    await expect(new GhcrPackages('acme', 'app', { fetch: unauthorized, token: 'x' }).listVersions()).rejects.toThrow(/HTTP 401: Bad credentials\)\. The github-token was rejected/);
  });
});

const REAL = requireReal('GHCR cleanup step', [{ name: 'docker-registry', ok: registryAvailable() }, toolRequirement('openssl')]);

(REAL ? describe : describe.skip)('the cleanup step on GHCR (fake REST API, real registry for the manifests)', () => {
  let reg: TestRegistry;
  let pr7: { digest: string; children: string[] };
  let main: { digest: string; children: string[] };
  /** ghcr.io/v2/… → the real registry (token auth: user octocat, the GitHub token as password, like GHCR) */
  const toRegistry = (url: URL, init?: RequestInit) =>
    url.host === 'ghcr.io' ? fetch(`${reg.url}${url.pathname}${url.search}`, init) : url.hostname === '127.0.0.1' ? fetch(url, init) : undefined; // the token server

  beforeAll(async () => {
    reg = await startRegistry({ auth: { scheme: 'token', user: 'octocat', password: TOKEN } });
    const c = new RegistryClient({ registry: reg.host, insecureHttp: true, credentials: { username: 'octocat', password: TOKEN } });
    pr7 = await pushIndex(c, 'acme/repo/api', 'pr-7', [
      { platform: 'linux/amd64', content: 'same-amd64' },
      { platform: 'linux/arm64', content: 'pr7-arm64' },
      { platform: 'attestation', content: 'pr7-att' }
    ]);
    main = await pushIndex(c, 'acme/repo/api', 'main', [
      { platform: 'linux/amd64', content: 'same-amd64' },
      { platform: 'linux/arm64', content: 'main-arm64' }
    ]);
  });
  afterAll(async () => reg?.stop());

  const packageVersions = (): GhcrVersion[] => [
    version(9001, pr7.digest, ['pr-7']),
    version(9002, pr7.children[0], []),
    version(9003, pr7.children[1], []),
    version(9004, pr7.children[2], []),
    version(8001, main.digest, ['main', 'latest']),
    version(8002, main.children[1], []),
    ...Array.from({ length: 120 }, (_, i) => orphan(i)) // old untagged versions: not this PR's (D8)
  ];

  it('deletes the pr-7 version and its own children by version id; the child main shares and the orphans stay', async () => {
    const gh = fakeGitHub({ owner: 'acme', ownerType: 'orgs', name: 'repo/api', versions: packageVersions(), passThrough: toRegistry });
    const run = await runCleanupStep({ images: 'ghcr.io/acme/repo/api', 'github-token': TOKEN }, gh.fetch);
    expect(run.error).toBeUndefined();
    const deletes = gh.requests.filter((r) => r.method === 'DELETE').map((r) => r.url);
    expect(deletes).toEqual([9001, 9003, 9004].map((id) => `${API}/orgs/acme/packages/container/repo%2Fapi/versions/${id}`));
    expect(gh.versions.map((v) => v.id).slice(0, 3)).toEqual([9002, 8001, 8002]);
    expect(gh.versions).toHaveLength(123);
    expect(JSON.parse(run.outputs.deleted).map((e: { versionId: number; reason: string }) => [e.versionId, e.reason])).toEqual([
      [9001, "tagged only with this pull request's tag pr-7"],
      [9003, 'linux/arm64 manifest of pr-7, referenced by no live tag'],
      [9004, 'attestation manifest of pr-7, referenced by no live tag']
    ]);
    expect(JSON.parse(run.outputs.kept)).toEqual([expect.objectContaining({ versionId: 9002, reason: expect.stringContaining('also referenced by ghcr.io/acme/repo/api:main') })]);
    expect(run.stdout.split(TOKEN).length - 1).toBe(1); // only in ::add-mask::
  });

  it('a version GitHub will not delete (D7) stays with a warning, and so do its children', async () => {
    const gh = fakeGitHub({ owner: 'acme', ownerType: 'orgs', name: 'repo/api', versions: packageVersions(), popular: [9001], passThrough: toRegistry });
    const run = await runCleanupStep({ images: 'ghcr.io/acme/repo/api', 'github-token': TOKEN }, gh.fetch);
    expect(run.error).toBeUndefined();
    expect(gh.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    expect(run.stdout).toMatch(/::warning::Registry ghcr.io: cannot delete version 9001 .*more than 5000 downloads/);
    expect(JSON.parse(run.outputs.kept).map((e: { versionId: number }) => e.versionId)).toEqual([9001, 9003, 9004, 9002]);
  });

  it('403 on delete fails the step with the permission fix; nothing else is attempted', async () => {
    const gh = fakeGitHub({ owner: 'acme', ownerType: 'orgs', name: 'repo/api', versions: packageVersions(), deny: [9001], passThrough: toRegistry });
    const run = await runCleanupStep({ images: 'ghcr.io/acme/repo/api', 'github-token': TOKEN }, gh.fetch);
    expect(run.error?.message).toContain('the cleanup of pull request #7 failed: ghcr.io/acme/repo/api: Registry ghcr.io: cannot delete version 9001');
    expect(run.error?.message).toContain('give this repository the Admin role');
    expect(gh.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });

  it('no github-token: a clear input error for the GHCR target', async () => {
    const gh = fakeGitHub({ owner: 'acme', ownerType: 'orgs', name: 'repo/api', versions: packageVersions(), passThrough: toRegistry });
    const run = await runCleanupStep({ images: 'ghcr.io/acme/repo/api' }, gh.fetch);
    expect(run.error?.message).toContain("Invalid github-token '': GHCR versions are deleted through the GitHub REST API");
    expect(gh.requests).toEqual([]);
  });
});
