/**
 * The PR comment over a fake fetch that records every request (the github.com seam) and keeps a
 * list of comments like the REST API: update-not-duplicate, pagination, per-image keys, fork PRs,
 * read-only tokens. Events come from @octokit/webhooks-examples (recorded payloads).
 */
import { describe, expect, it } from '@jest/globals';
import { SCAN_MARKER } from '../../src/core/scan/summary.js';
import { keyMarker, prTarget, upsertPrComment, type PrCommentContext } from '../../src/adapters/github/pr-comment.js';
import { examplePayload } from '../helpers/events.js';

interface Recorded {
  method: string;
  url: string;
  body?: { body: string };
  auth: string | null;
}

/** A tiny issue-comments API: GET (paged by 2, with Link), POST, PATCH. */
function fakeGitHub(initial: Array<{ id: number; body: string }> = [], opts: { writeStatus?: number } = {}) {
  const comments = initial.map((c) => ({ ...c }));
  const requests: Recorded[] = [];
  let nextId = 1000;
  const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    const body = init?.body ? (JSON.parse(String(init.body)) as { body: string }) : undefined;
    requests.push({ method, url, body, auth: headers.get('authorization') });
    const json = (status: number, data: unknown, extra: Record<string, string> = {}) => new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json', ...extra } });
    if (method !== 'GET' && opts.writeStatus) return json(opts.writeStatus, { message: 'Resource not accessible by integration' });
    const list = /\/repos\/acme\/app\/issues\/(\d+)\/comments\?per_page=100(?:&page=(\d+))?$/.exec(url);
    if (method === 'GET' && list) {
      const page = Number(list[2] ?? 1);
      const slice = comments.slice((page - 1) * 2, page * 2);
      const link: Record<string, string> = page * 2 < comments.length ? { link: `<https://api.github.com/repos/acme/app/issues/${list[1]}/comments?per_page=100&page=${page + 1}>; rel="next"` } : {};
      // every stored comment reads back as written by GITHUB_TOKEN (pr-comment-author.test.ts checks other authors)
      return json(200, slice.map((c) => ({ user: { login: 'github-actions[bot]', type: 'Bot' }, ...c })), link);
    }
    if (method === 'POST' && url.endsWith('/comments')) {
      const c = { id: nextId++, body: body?.body ?? '' };
      comments.push(c);
      return json(201, c);
    }
    const patch = /\/issues\/comments\/(\d+)$/.exec(url);
    if (method === 'PATCH' && patch) {
      const c = comments.find((x) => x.id === Number(patch[1]));
      if (!c) return json(404, {});
      c.body = body?.body ?? '';
      return json(200, c);
    }
    return json(404, {});
  }) as typeof globalThis.fetch;
  return { fetch: fakeFetch, requests, comments };
}

const TOKEN = 'ghs_test-token-value';

function prContext(number = 7): PrCommentContext {
  const payload = examplePayload('pull_request', (e) => e.action === 'opened') as PrCommentContext['payload'];
  payload.number = number;
  payload.pull_request = { ...payload.pull_request, number, head: { ...payload.pull_request?.head, repo: { full_name: 'acme/app' } }, base: { repo: { full_name: 'acme/app' } } };
  return { eventName: 'pull_request', repository: 'acme/app', payload };
}

const table = (n: number) => `${SCAN_MARKER}\n### Image scan: ❌ blocked — no tag was written\n\n| Platform | CRITICAL |\n| --- | ---: |\n| linux/arm64 | ${n} |\n`;

function logger() {
  const lines: string[] = [];
  return { lines, log: { info: (m: string) => lines.push(m), warning: (m: string) => lines.push(`WARN ${m}`) } };
}

describe('upsertPrComment', () => {
  it('first run creates one comment; the second run updates it (no duplicate)', async () => {
    const gh = fakeGitHub([{ id: 1, body: 'LGTM' }]);
    const { log } = logger();
    expect(await upsertPrComment(table(1), prContext(), TOKEN, { fetch: gh.fetch, log })).toEqual({ action: 'created', id: 1000 });
    expect(await upsertPrComment(table(0), prContext(), TOKEN, { fetch: gh.fetch, log })).toEqual({ action: 'updated', id: 1000 });
    expect(gh.comments).toEqual([{ id: 1, body: 'LGTM' }, { id: 1000, body: table(0) }]);
    expect(gh.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET https://api.github.com/repos/acme/app/issues/7/comments?per_page=100',
      'POST https://api.github.com/repos/acme/app/issues/7/comments',
      'GET https://api.github.com/repos/acme/app/issues/7/comments?per_page=100',
      // a marked comment exists: whose is it? (this fake answers neither, so GITHUB_TOKEN's github-actions[bot])
      'GET https://api.github.com/user',
      'POST https://api.github.com/graphql',
      'PATCH https://api.github.com/repos/acme/app/issues/comments/1000'
    ]);
    expect(gh.requests.every((r) => r.auth === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('finds our comment on a later page (Link rel="next") and updates it', async () => {
    const gh = fakeGitHub([{ id: 1, body: 'a' }, { id: 2, body: 'b' }, { id: 3, body: 'c' }, { id: 4, body: table(3) }, { id: 5, body: 'e' }]);
    expect(await upsertPrComment(table(0), prContext(), TOKEN, { fetch: gh.fetch, log: logger().log })).toEqual({ action: 'updated', id: 4 });
    expect(gh.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET', 'POST', 'PATCH']);
    expect(gh.comments.filter((c) => c.body.includes(SCAN_MARKER))).toHaveLength(1);
  });

  it('a per-image key keeps one comment per image (a matrix of components), each updated in place', async () => {
    const gh = fakeGitHub();
    const deps = { fetch: gh.fetch, log: logger().log };
    await upsertPrComment(table(1), prContext(), TOKEN, deps, 'ghcr.io/acme/backend');
    await upsertPrComment(table(2), prContext(), TOKEN, deps, 'ghcr.io/acme/frontend');
    await upsertPrComment(table(0), prContext(), TOKEN, deps, 'ghcr.io/acme/backend');
    expect(gh.comments).toHaveLength(2);
    expect(gh.comments[0].body).toBe(table(0).replace(SCAN_MARKER, `${SCAN_MARKER}\n${keyMarker('ghcr.io/acme/backend')}`));
    expect(gh.comments[1].body).toContain('| linux/arm64 | 2 |');
  });

  it('outside a PR: no request at all', async () => {
    const gh = fakeGitHub();
    const { lines, log } = logger();
    const ctx = { ...prContext(), eventName: 'push' };
    expect(await upsertPrComment(table(1), ctx, TOKEN, { fetch: gh.fetch, log })).toEqual({ action: 'skipped', reason: 'not a pull request event (push)' });
    expect(gh.requests).toEqual([]);
    expect(lines).toEqual(['PR comment skipped: not a pull request event (push)']);
  });

  it('a fork PR (read-only GITHUB_TOKEN): warns, no request, does not fail', async () => {
    const gh = fakeGitHub();
    const { lines, log } = logger();
    const ctx = prContext(9);
    ctx.payload.pull_request = { ...ctx.payload.pull_request, head: { repo: { full_name: 'mallory/app' } } };
    const out = await upsertPrComment(table(1), ctx, TOKEN, { fetch: gh.fetch, log });
    expect(out).toEqual({ action: 'skipped', reason: 'pull request #9 comes from a fork (mallory/app): its GITHUB_TOKEN is read-only, so the scan table is only in the job summary' });
    expect(gh.requests).toEqual([]);
    expect(lines).toEqual([`WARN ${(out as { reason: string }).reason}`]);
    // pull_request_target runs with the base repository's token: it may comment
    expect(prTarget({ ...ctx, eventName: 'pull_request_target' })).toEqual({ number: 9 });
  });

  it('a token without pull-requests: write → a warning naming the permission, not a failure', async () => {
    const gh = fakeGitHub([], { writeStatus: 403 });
    const { lines, log } = logger();
    const out = await upsertPrComment(table(1), prContext(), TOKEN, { fetch: gh.fetch, log });
    expect(out.action).toBe('skipped');
    expect(lines).toEqual([
      'WARN could not create the scan comment on pull request #7 (HTTP 403): the token may not write pull-request comments: give the job `permissions: pull-requests: write`. The scan table is in the job summary'
    ]);
  });

  it('no token, or the API unreachable: warnings, never a thrown error; GHES API URL honoured', async () => {
    const { lines, log } = logger();
    const gh = fakeGitHub();
    expect((await upsertPrComment(table(1), prContext(), '', { fetch: gh.fetch, log })).action).toBe('skipped');
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    expect((await upsertPrComment(table(1), prContext(), TOKEN, { fetch: down, log })).action).toBe('skipped');
    expect(lines).toEqual([
      'WARN no github-token was given, so the scan table is only in the job summary',
      'WARN could not write the scan comment on pull request #7: fetch failed'
    ]);
    const ghes = fakeGitHub();
    await upsertPrComment(table(1), { ...prContext(), apiUrl: 'https://ghe.example.com/api/v3' }, TOKEN, { fetch: ghes.fetch, log });
    expect(ghes.requests[0].url).toBe('https://ghe.example.com/api/v3/repos/acme/app/issues/7/comments?per_page=100');
  });
});
