/**
 * The PR comment is edited only when its author is the token's identity. A loopback HTTP server
 * stands in for the GitHub REST and GraphQL API (github.com cannot be reached here); real fetch,
 * real sockets. It answers like GitHub for three kinds of token: GITHUB_TOKEN (neither /user nor
 * the GraphQL viewer: "Resource not accessible by integration"), a personal token (/user), and a
 * GitHub App installation token (GraphQL viewer is the Bot, REST login `<app>[bot]`).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SCAN_MARKER } from '../../src/core/scan/summary.js';
import { graphqlUrl, upsertPrComment, type PrCommentContext } from '../../src/adapters/github/pr-comment.js';

type User = { login: string; type: 'User' | 'Bot' };
interface StoredComment {
  id: number;
  body: string;
  user: User;
}

const TOKENS: Record<string, { rest?: User; viewer?: { login: string; __typename: string }; writesAs: User }> = {
  'ghs_actions-token': { writesAs: { login: 'github-actions[bot]', type: 'Bot' } },
  'ghp_personal-token': { rest: { login: 'octocat', type: 'User' }, viewer: { login: 'octocat', __typename: 'User' }, writesAs: { login: 'octocat', type: 'User' } },
  'ghs_app-token': { viewer: { login: 'aim-release-bot', __typename: 'Bot' }, writesAs: { login: 'aim-release-bot[bot]', type: 'Bot' } }
};

let server: Server;
let api = '';
let comments: StoredComment[] = [];
let log: string[] = [];
let nextId = 500;

function send(res: import('node:http').ServerResponse, status: number, data: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(data));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      const token = TOKENS[(req.headers.authorization ?? '').replace(/^Bearer /, '')];
      log.push(`${req.method} ${req.url}`);
      if (!token) return send(res, 401, { message: 'Bad credentials' });
      const forbidden = { message: 'Resource not accessible by integration' };
      if (req.method === 'GET' && req.url === '/user') return token.rest ? send(res, 200, token.rest) : send(res, 403, forbidden);
      if (req.method === 'POST' && req.url === '/graphql') {
        return token.viewer ? send(res, 200, { data: { viewer: token.viewer } }) : send(res, 200, { data: null, errors: [{ type: 'FORBIDDEN', message: forbidden.message }] });
      }
      if (req.method === 'GET' && req.url === '/repos/acme/app/issues/7/comments?per_page=100') return send(res, 200, comments);
      const body = raw ? (JSON.parse(raw) as { body: string }).body : '';
      if (req.method === 'POST' && req.url === '/repos/acme/app/issues/7/comments') {
        const c = { id: nextId++, body, user: token.writesAs };
        comments.push(c);
        return send(res, 201, c);
      }
      const patch = /^\/repos\/acme\/app\/issues\/comments\/(\d+)$/.exec(req.url ?? '');
      if (req.method === 'PATCH' && patch) {
        const c = comments.find((x) => x.id === Number(patch[1]));
        if (!c) return send(res, 404, {});
        c.body = body; // GitHub lets a writer edit anyone's comment: exactly the risk
        return send(res, 200, c);
      }
      send(res, 404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const ctx = (): PrCommentContext => ({
  eventName: 'pull_request',
  repository: 'acme/app',
  apiUrl: api,
  payload: { number: 7, pull_request: { number: 7, head: { repo: { full_name: 'acme/app' } }, base: { repo: { full_name: 'acme/app' } } } }
});
const table = (n: number) => `${SCAN_MARKER}\n### Image scan: ${n === 0 ? '✅ pass' : '❌ blocked'}\n`;
const planted = (): StoredComment => ({ id: 1, body: `${SCAN_MARKER}\n### Image scan: ✅ pass (planted)`, user: { login: 'mallory', type: 'User' } });

async function upsert(token: string, n: number) {
  const lines: string[] = [];
  const out = await upsertPrComment(table(n), ctx(), token, { fetch, log: { info: (m) => lines.push(m), warning: (m) => lines.push(`WARN ${m}`) } });
  return { out, lines };
}

function reset(initial: StoredComment[]): void {
  comments = initial;
  log = [];
}

describe('PR comment author check (loopback server standing in for the GitHub API)', () => {
  it('GITHUB_TOKEN: a marker planted by the PR author is left alone; ours is created, then updated', async () => {
    reset([planted()]);
    const first = await upsert('ghs_actions-token', 2);
    expect(first.out).toEqual({ action: 'created', id: expect.any(Number) });
    expect(first.lines[0]).toMatch(/^WARN comment 1 carries the aim-build scan marker but was written by "mallory", not by this token \(github-actions\[bot\], from GITHUB_TOKEN default\)/);
    expect(log).toEqual(['GET /repos/acme/app/issues/7/comments?per_page=100', 'GET /user', 'POST /graphql', 'POST /repos/acme/app/issues/7/comments']);
    const second = await upsert('ghs_actions-token', 0);
    expect(second.out).toEqual({ action: 'updated', id: (first.out as { id: number }).id });
    expect(comments[0]).toEqual(planted());
    expect(comments.slice(1)).toEqual([{ id: (first.out as { id: number }).id, body: table(0), user: { login: 'github-actions[bot]', type: 'Bot' } }]);
  });

  it('a user named like the bot without the Bot type is not the bot', async () => {
    reset([{ id: 2, body: table(1), user: { login: 'github-actions[bot]', type: 'User' } }]);
    expect((await upsert('ghs_actions-token', 0)).out.action).toBe('created');
    expect(comments[0].body).toBe(table(1));
  });

  it('a personal token: GET /user names the author; its own comment is edited, no GraphQL call', async () => {
    reset([planted(), { id: 3, body: table(1), user: { login: 'octocat', type: 'User' } }]);
    expect((await upsert('ghp_personal-token', 0)).out).toEqual({ action: 'updated', id: 3 });
    expect(log).toEqual(['GET /repos/acme/app/issues/7/comments?per_page=100', 'GET /user', 'PATCH /repos/acme/app/issues/comments/3']);
    expect(comments[0]).toEqual(planted());
  });

  it('a GitHub App token: the GraphQL viewer (a Bot) is <app>[bot] in REST; GITHUB_TOKEN comments are not its own', async () => {
    reset([{ id: 4, body: table(1), user: { login: 'github-actions[bot]', type: 'Bot' } }, { id: 5, body: table(1), user: { login: 'aim-release-bot[bot]', type: 'Bot' } }]);
    expect((await upsert('ghs_app-token', 0)).out).toEqual({ action: 'updated', id: 5 });
    expect(comments.find((c) => c.id === 4)!.body).toBe(table(1));
  });

  it('no marked comment: no identity request at all (one GET, one POST)', async () => {
    reset([{ id: 6, body: 'LGTM', user: { login: 'octocat', type: 'User' } }]);
    expect((await upsert('ghs_actions-token', 1)).out.action).toBe('created');
    expect(log).toEqual(['GET /repos/acme/app/issues/7/comments?per_page=100', 'POST /repos/acme/app/issues/7/comments']);
  });

  it('GraphQL endpoint next to the REST base (github.com and GHES)', () => {
    expect(graphqlUrl('https://api.github.com')).toBe('https://api.github.com/graphql');
    expect(graphqlUrl('https://ghe.example.com/api/v3')).toBe('https://ghe.example.com/api/graphql');
  });
});
