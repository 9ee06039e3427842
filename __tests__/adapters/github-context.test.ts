/**
 * readEventContext with a token, against a loopback HTTP server standing in for the GitHub REST API
 * (GITHUB_API_URL points at it; real fetch, real sockets). Payloads are GitHub's recorded webhook
 * examples (@octokit/webhooks-examples). Counts the requests the API server received.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEventContext, missingRepoFields } from '../../src/adapters/github/context.js';
import { examplePayload, SHA } from '../helpers/events.js';
import { runActionAsync } from '../helpers/run-bundle.js';

let server: Server;
let apiUrl = '';
let requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url} auth=${req.headers.authorization ?? ''}`);
    res.setHeader('content-type', 'application/json');
    if (req.url === '/repos/acme/backend' || req.url === '/repos/Acme/Backend') {
      res.end(JSON.stringify({ name: 'backend', description: 'from the API', html_url: 'https://github.example/acme/backend', default_branch: 'trunk', license: { spdx_id: 'Apache-2.0' } }));
    } else if (req.url === `/repos/acme/backend/commits/${SHA}` || req.url === `/repos/Acme/Backend/commits/${SHA}`) {
      res.end(JSON.stringify({ commit: { committer: { date: '2026-01-02T03:04:05Z' } } }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  requests = [];
});

function envFor(eventName: string, ref: string, payload: object): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'aim-ctx-'));
  writeFileSync(join(dir, 'event.json'), JSON.stringify(payload));
  return { GITHUB_REPOSITORY: 'acme/backend', GITHUB_EVENT_NAME: eventName, GITHUB_REF: ref, GITHUB_SHA: SHA, GITHUB_EVENT_PATH: join(dir, 'event.json'), GITHUB_API_URL: apiUrl };
}

const withToken = { token: 'ghs_test', needsCommitDate: false };

describe('repository metadata with a token (loopback server standing in for the GitHub API)', () => {
  it.each([
    ['push', 'refs/tags/v1.2.3', examplePayload('push')],
    ['pull_request', 'refs/pull/2/merge', examplePayload('pull_request', (e) => e.action === 'opened')],
    ['release', 'refs/tags/v1.2.3', examplePayload('release', (e) => e.action === 'published')]
  ])('a recorded %s payload carries description, license, default branch and URL: no API request', async (event, ref, payload) => {
    const ctx = await readEventContext(envFor(event, ref, payload), withToken);
    expect(requests).toEqual([]);
    const r = payload.repository!;
    expect(ctx.repo).toEqual({ name: r.name, description: r.description, htmlUrl: r.html_url, license: r.license?.spdx_id ?? null, defaultBranch: r.default_branch });
    expect(missingRepoFields(ctx.repo)).toEqual([]);
  });

  it('a payload without repository metadata: exactly one repository API request, which fills what was missing', async () => {
    const ctx = await readEventContext(envFor('workflow_dispatch', 'refs/heads/main', {}), withToken);
    expect(requests).toEqual(['GET /repos/acme/backend auth=Bearer ghs_test']);
    expect(ctx.repo).toEqual({ name: 'backend', description: 'from the API', htmlUrl: 'https://github.example/acme/backend', license: 'Apache-2.0', defaultBranch: 'trunk' });
  });

  it('a payload with part of it: one request; the payload answers win, null included (no description is an answer)', async () => {
    const payload = { repository: { name: 'backend', description: null, html_url: 'https://github.com/acme/backend' } };
    const ctx = await readEventContext(envFor('push', 'refs/heads/main', payload), withToken);
    expect(requests).toHaveLength(1);
    expect(ctx.repo).toEqual({ name: 'backend', description: null, htmlUrl: 'https://github.com/acme/backend', license: 'Apache-2.0', defaultBranch: 'trunk' });
  });

  it('commit date: asked from the commits API only when the plan renders {{commit_date}} and the payload lacks it', async () => {
    const release = examplePayload('release', (e) => e.action === 'published');
    const skipped = await readEventContext(envFor('release', 'refs/tags/v1.2.3', release), withToken);
    expect(requests).toEqual([]);
    expect(skipped.commitDate).toBeUndefined();
    const asked = await readEventContext(envFor('release', 'refs/tags/v1.2.3', release), { token: 'ghs_test', needsCommitDate: true });
    expect(requests).toEqual([`GET /repos/acme/backend/commits/${SHA} auth=Bearer ghs_test`]);
    expect(asked.commitDate?.toISOString()).toBe('2026-01-02T03:04:05.000Z');
  });

  it('a tag push whose head commit is the sha: the payload timestamp, no request even with {{commit_date}}', async () => {
    const push = { ...examplePayload('push'), head_commit: { id: SHA, timestamp: '2026-11-20T10:00:00+08:00' } };
    const ctx = await readEventContext(envFor('push', 'refs/tags/v1.2.3', push), { token: 'ghs_test', needsCommitDate: true });
    expect(requests).toEqual([]);
    expect(ctx.commitDate?.toISOString()).toBe('2026-11-20T02:00:00.000Z');
  });

  it('without a token nothing is asked, whatever the payload lacks', async () => {
    const ctx = await readEventContext(envFor('workflow_dispatch', 'refs/heads/main', {}), { needsCommitDate: true });
    expect(requests).toEqual([]);
    expect(ctx.repo.htmlUrl).toBe('https://github.com/acme/backend');
  });
});

describe('through the committed dist/meta with a github-token (loopback server standing in for the GitHub API)', () => {
  const inputs = { images: 'ghcr.io/acme/backend', 'github-token': 'ghs_test' };
  const extraEnv = (): Record<string, string> => ({ GITHUB_API_URL: apiUrl });

  it('a recorded tag push payload: no API request at all; the labels come from the payload', async () => {
    const payload = { ...examplePayload('push'), head_commit: { id: SHA, timestamp: '2026-11-20T10:00:00+08:00' } };
    const r = await runActionAsync('meta', inputs, { name: 'push', ref: 'refs/tags/v1.2.3', payload }, { extraEnv: extraEnv() });
    expect(r.status).toBe(0);
    expect(requests).toEqual([]);
    expect(r.outputs.labels).toContain(`org.opencontainers.image.url=${payload.repository!.html_url}`);
  });

  it('a payload without repository metadata: one repository API request, whose description reaches the labels', async () => {
    const r = await runActionAsync('meta', inputs, { name: 'workflow_dispatch', ref: 'refs/tags/v1.2.3', payload: {} }, { extraEnv: extraEnv() });
    expect(r.status).toBe(0);
    expect(requests).toEqual(['GET /repos/Acme/Backend auth=Bearer ghs_test']);
    expect(r.outputs.labels).toContain('org.opencontainers.image.description=from the API');
  });
});
