/**
 * The scan table as ONE pull-request comment that is updated on every run, not duplicated:
 * list the PR's issue comments, find ours by the hidden SCAN_MARKER (plus a per-image key, so a
 * matrix of components keeps one comment each), PATCH it, or POST a new one.
 *
 * Never fails the step: outside a PR, without a token, on a fork PR (`pull_request` from a fork
 * gets a read-only GITHUB_TOKEN) or when the token may not write, it logs a warning and the job
 * summary still has the table. The token comes only from the caller (the github-token input).
 * `fetch` is injected: tests record the requests instead of reaching github.com.
 *
 * Whose comment: the marker is plain text anyone can paste, so a comment is ours only when its
 * author is the token's identity too (otherwise a PR author could plant the marker, have the
 * scan table written under their name, and later edit it to say "pass"). The identity, asked
 * only when a marked comment exists: `GET /user` (a personal or user token) → the GraphQL
 * `viewer` (a GitHub App installation token: `<app>[bot]`) → `github-actions[bot]`, which is
 * who GITHUB_TOKEN writes as and which can call neither. A marked comment by anyone else is left
 * alone (with a warning) and a new comment is created.
 */
import { SCAN_MARKER } from '../../core/scan/summary.js';
import type { EventPayload } from '../../core/context.js';

export interface PrCommentContext {
  eventName: string;
  /** owner/name */
  repository: string;
  payload: EventPayload & { repository?: { full_name?: string } };
  /** GITHUB_API_URL (GHES); default https://api.github.com */
  apiUrl?: string;
}

export interface PrCommentDeps {
  fetch: typeof fetch;
  log: { info(message: string): void; warning(message: string): void };
  timeoutMs?: number;
}

export type PrCommentOutcome = { action: 'created' | 'updated'; id: number } | { action: 'skipped'; reason: string };

/** GitHub's limit is 65,536 characters per comment. */
const MAX_BODY = 65_000;

export function keyMarker(key: string): string {
  return `<!-- aim-build:scan-key:${key.replace(/--+/g, '-').replace(/[<>]/g, '')} -->`;
}

/** The PR number, or why there is no comment to write. */
export function prTarget(ctx: PrCommentContext): { number: number } | { skip: string; warn: boolean } {
  if (ctx.eventName !== 'pull_request' && ctx.eventName !== 'pull_request_target') return { skip: `not a pull request event (${ctx.eventName})`, warn: false };
  const number = ctx.payload.pull_request?.number ?? ctx.payload.number;
  if (!number) return { skip: 'the event payload has no pull request number', warn: true };
  const head = ctx.payload.pull_request?.head?.repo?.full_name;
  const base = ctx.payload.pull_request?.base?.repo?.full_name ?? ctx.payload.repository?.full_name ?? ctx.repository;
  if (ctx.eventName === 'pull_request' && (!head || head.toLowerCase() !== base.toLowerCase())) {
    return { skip: `pull request #${number} comes from a fork (${head ?? 'deleted repository'}): its GITHUB_TOKEN is read-only, so the scan table is only in the job summary`, warn: true };
  }
  return { number };
}

interface Comment {
  id: number;
  body?: string;
  user?: { login?: string; type?: string } | null;
}

/** Who the token writes comments as: a REST login (`octocat`, `github-actions[bot]`). */
export interface TokenIdentity {
  login: string;
  /** how it was found, for the log */
  source: 'GET /user' | 'GraphQL viewer' | 'GITHUB_TOKEN default';
}

/** GITHUB_TOKEN's author on github.com and GHES. */
export const GITHUB_TOKEN_LOGIN = 'github-actions[bot]';

type Request = (method: string, url: string, body?: unknown) => Promise<Response>;

/** The GraphQL endpoint next to a REST base: api.github.com/graphql, GHES <host>/api/graphql. */
export function graphqlUrl(api: string): string {
  return /\/api\/v3$/.test(api) ? api.replace(/\/api\/v3$/, '/api/graphql') : `${api}/graphql`;
}

export async function tokenIdentity(request: Request, api: string): Promise<TokenIdentity> {
  try {
    const res = await request('GET', `${api}/user`);
    const login = res.ok ? ((await res.json()) as { login?: unknown }).login : undefined;
    if (typeof login === 'string' && login) return { login, source: 'GET /user' };
  } catch {
    // fall through: not a user token, or the endpoint is not reachable
  }
  try {
    const res = await request('POST', graphqlUrl(api), { query: '{ viewer { login __typename } }' });
    const viewer = res.ok ? ((await res.json()) as { data?: { viewer?: { login?: unknown; __typename?: unknown } } }).data?.viewer : undefined;
    // GraphQL names a bot without the `[bot]` suffix its REST login carries
    if (typeof viewer?.login === 'string' && viewer.login) return { login: viewer.__typename === 'Bot' ? `${viewer.login}[bot]` : viewer.login, source: 'GraphQL viewer' };
  } catch {
    // fall through
  }
  return { login: GITHUB_TOKEN_LOGIN, source: 'GITHUB_TOKEN default' };
}

function writtenBy(c: Comment, who: TokenIdentity): boolean {
  const login = c.user?.login ?? '';
  if (login.toLowerCase() !== who.login.toLowerCase()) return false;
  // a `[bot]` login is an app's; a user cannot take such a name, but check the type as well
  return !login.endsWith('[bot]') || c.user?.type === 'Bot';
}

export async function upsertPrComment(markdown: string, ctx: PrCommentContext, token: string, deps: PrCommentDeps, key = ''): Promise<PrCommentOutcome> {
  const target = prTarget(ctx);
  if ('skip' in target) return skipped(target.skip, target.warn, deps);
  if (!token) return skipped('no github-token was given, so the scan table is only in the job summary', true, deps);
  const api = (ctx.apiUrl || 'https://api.github.com').replace(/\/+$/, '');
  const request: Request = async (method, url, body) =>
    deps.fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        'user-agent': 'aim-build',
        ...(body ? { 'content-type': 'application/json' } : {})
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(deps.timeoutMs ?? 15_000)
    });
  const marker = key ? keyMarker(key) : '';
  const text = withKey(markdown, marker);
  try {
    const existing = await findComment(request, `${api}/repos/${ctx.repository}/issues/${target.number}/comments?per_page=100`, marker, api, deps);
    const res = existing
      ? await request('PATCH', `${api}/repos/${ctx.repository}/issues/comments/${existing.id}`, { body: text })
      : await request('POST', `${api}/repos/${ctx.repository}/issues/${target.number}/comments`, { body: text });
    if (!res.ok) return skipped(writeFailure(res.status, existing ? 'update' : 'create', target.number), true, deps);
    const id = ((await res.json()) as Comment).id ?? existing?.id ?? 0;
    deps.log.info(`${existing ? 'Updated' : 'Created'} the scan comment on pull request #${target.number}`);
    return { action: existing ? 'updated' : 'created', id };
  } catch (e) {
    return skipped(`could not write the scan comment on pull request #${target.number}: ${(e as Error).message}`, true, deps);
  }
}

function skipped(reason: string, warn: boolean, deps: PrCommentDeps): PrCommentOutcome {
  if (warn) deps.log.warning(reason);
  else deps.log.info(`PR comment skipped: ${reason}`);
  return { action: 'skipped', reason };
}

function withKey(markdown: string, marker: string): string {
  let body = markdown.startsWith(SCAN_MARKER) ? markdown : `${SCAN_MARKER}\n${markdown}`;
  if (marker) body = body.replace(SCAN_MARKER, `${SCAN_MARKER}\n${marker}`);
  return body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}\n\n_…cut at GitHub's comment size limit; the job summary has the rest._\n` : body;
}

function isOurs(body: string, marker: string): boolean {
  if (!body.includes(SCAN_MARKER)) return false;
  return marker ? body.includes(marker) : !body.includes('<!-- aim-build:scan-key:');
}

async function findComment(request: Request, first: string, marker: string, api: string, deps: PrCommentDeps): Promise<Comment | undefined> {
  let who: TokenIdentity | undefined;
  let url: string | undefined = first;
  for (let page = 0; url && page < 50; page++) {
    const res = await request('GET', url);
    if (!res.ok) throw new Error(`listing comments answered HTTP ${res.status}`);
    const comments = (await res.json()) as Comment[];
    for (const c of comments.filter((x) => isOurs(x.body ?? '', marker))) {
      who ??= await tokenIdentity(request, api);
      if (writtenBy(c, who)) return c;
      deps.log.warning(
        `comment ${c.id} carries the aim-build scan marker but was written by ${JSON.stringify(c.user?.login ?? 'unknown')}, not by this token (${who.login}, from ${who.source}); it is left alone and a new comment is written`
      );
    }
    url = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
  }
  return undefined;
}

function writeFailure(status: number, what: string, pr: number): string {
  const hint =
    status === 403 || status === 404
      ? 'the token may not write pull-request comments: give the job `permissions: pull-requests: write`'
      : 'the GitHub API did not accept it';
  return `could not ${what} the scan comment on pull request #${pr} (HTTP ${status}): ${hint}. The scan table is in the job summary`;
}
