/**
 * The reusable workflow's own bundles, run as the runner runs them: dist/summary writes the job
 * summary and ONE pull-request comment (to a GitHub API stand-in on 127.0.0.1 that records the
 * requests), and dist/merge refuses bad inputs before touching any registry. The merge against real
 * registries is __tests__/real/merge.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { examplePayload, SHA } from '../helpers/events.js';
import { parseOutputFile } from '../helpers/runner-files.js';
import { runAction } from '../helpers/run-bundle.js';
import { run } from '../helpers/tools.js';
import { planJson } from '../../src/core/outputs.js';
import { smallTagPlan } from '../helpers/build.js';

interface Seen {
  method: string;
  url: string;
  auth: string;
  body: string;
}

/** A GitHub REST stand-in: lists no comments, accepts a new one. */
function fakeApi(): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization ?? '', body });
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      res.end(req.method === 'POST' ? JSON.stringify({ id: 99 }) : '[]');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise<void>((r) => server.close(() => r())) })
    )
  );
}

const PLAN = JSON.stringify(planJson(smallTagPlan(['ghcr.io/acme/backend'], { event: 'pull_request', pr: 7 })));
const DIGEST = `sha256:${'e'.repeat(64)}`;

describe('dist/summary/index.js', () => {
  let api: Awaited<ReturnType<typeof fakeApi>>;
  beforeAll(async () => {
    api = await fakeApi();
  });
  afterAll(async () => api.close());

  it('a same-repository pull request: one job summary and one PR comment with the references, the digest and both platforms\' scans', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aim-summary-'));
    const results = join(dir, 'results');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(results);
    const zero = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 };
    for (const p of ['linux/amd64', 'linux/arm64']) {
      writeFileSync(join(results, `${p.replace('/', '-')}.scan.json`), JSON.stringify({ verdict: 'pass', pass: true, blocked: false, mode: 'block', scanner: 'builtin', scannerVersion: 'builtin', counts: { [p]: zero }, blocking: [], ignored: 0, expiredIgnores: [], sarifFile: '' }));
    }
    writeFileSync(join(results, 'linux-amd64.digest'), `${DIGEST}\n`);
    const payload = examplePayload('pull_request', (e) => e.action === 'opened') as { number: number; pull_request: { number: number; head: { repo: { full_name: string } }; base: { repo: { full_name: string } } } };
    payload.number = 7;
    payload.pull_request.number = 7;
    payload.pull_request.head.repo.full_name = 'Acme/Backend';
    payload.pull_request.base.repo.full_name = 'Acme/Backend';
    const files = { output: join(dir, 'out'), summary: join(dir, 'summary.md'), event: join(dir, 'event.json') };
    writeFileSync(files.output, '');
    writeFileSync(files.summary, '');
    writeFileSync(files.event, JSON.stringify(payload));
    const token = `ghs_canary${Date.now()}`;
    const env = {
      PATH: process.env.PATH ?? '',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REF: 'refs/pull/7/merge',
      GITHUB_SHA: SHA,
      GITHUB_REPOSITORY: 'Acme/Backend',
      GITHUB_EVENT_PATH: files.event,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_API_URL: api.url,
      INPUT_PLAN: PLAN,
      INPUT_PUSH: 'true',
      INPUT_DIGEST: DIGEST,
      'INPUT_BUILD-RESULT': 'success',
      'INPUT_MERGE-RESULT': 'success',
      INPUT_RESULTS: results,
      'INPUT_PR-COMMENT': 'true',
      'INPUT_GITHUB-TOKEN': token
    };
    const r = await run(process.execPath, ['dist/summary/index.js'], { env, check: false });
    expect(r.stdout).not.toMatch(/::error::/);
    expect(r.code).toBe(0);
    const summary = readFileSync(files.summary, 'utf8');
    expect(summary).toContain('✅ pushed and tagged');
    expect(summary).toContain('| `ghcr.io/acme/backend:pr-7` |');
    expect(summary).toContain('| linux/arm64 | 0 | 0 | 0 | 0 | ✅ pass |');
    expect(parseOutputFile(readFileSync(files.output, 'utf8')).markdown).toBe(summary);
    expect(api.seen.map((s) => `${s.method} ${s.url.replace(/\?.*$/, '')}`)).toEqual(['GET /repos/Acme/Backend/issues/7/comments', 'POST /repos/Acme/Backend/issues/7/comments']);
    expect(api.seen.every((s) => s.auth === `Bearer ${token}`)).toBe(true);
    const comment = JSON.parse(api.seen[1].body).body as string;
    expect(comment).toContain('<!-- aim-build:scan-key:workflow:ghcr.io/acme/backend -->');
    expect(comment).toContain(`Pull by digest: \`ghcr.io/acme/backend@${DIGEST}\``);
    expect(r.stdout).toContain(`::add-mask::${token}`);
  });

  it('a fork pull request: the summary says built, not pushed; no comment is attempted (read-only token), only a warning', () => {
    const payload = examplePayload('pull_request', (e) => e.action === 'opened') as { pull_request: { head: { repo: { full_name: string } } } };
    payload.pull_request.head.repo.full_name = 'someone/fork';
    const r = runAction('summary', { plan: PLAN, push: 'false', 'build-result': 'success', 'merge-result': 'skipped', 'github-token': 'x' }, { name: 'pull_request', ref: 'refs/pull/7/merge', payload }, { GITHUB_API_URL: 'http://127.0.0.1:9' });
    expect(r.status).toBe(0);
    expect(r.summary).toContain('🔨 built and scanned, not pushed');
    expect(r.stdout).toContain('::warning::pull request #');
    expect(r.stdout).toContain('comes from a fork');
  });
});

describe('dist/merge/index.js refuses bad inputs before any registry is contacted', () => {
  const event = { name: 'push', ref: 'refs/tags/v1.2.3', payload: examplePayload('push', (e) => e.head_commit != null) };
  it.each([
    ['no plan', { plan: '', digests: DIGEST }, "::error::aim-build: Invalid plan '': not JSON"],
    ['a tag instead of a digest', { plan: PLAN, digests: 'latest' }, "::error::aim-build: Invalid digests 'latest': expected sha256:<64 hex digits>"],
    ['a bad platform', { plan: PLAN, digests: DIGEST, platforms: 'arm64' }, "::error::aim-build: Invalid platforms 'arm64': not os/architecture[/variant]; did you mean linux/arm64?"]
  ])('%s', (_why, inputs, message) => {
    const r = runAction('merge', inputs, event);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(message);
    expect(r.outputs).toEqual({});
  });

  it('masks the passwords before anything else', () => {
    const r = runAction('merge', { plan: PLAN, digests: 'bad', password: 'pw-canary-1', 'registry-auth': 'h.example.com=u:pw-canary-2' }, event);
    expect(r.stdout.indexOf('::add-mask::pw-canary-1')).toBeGreaterThanOrEqual(0);
    expect(r.stdout.indexOf('::add-mask::pw-canary-2')).toBeLessThan(r.stdout.indexOf('::error::'));
  });
});
