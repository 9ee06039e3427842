/**
 * The event context from the runner: GITHUB_* variables, the event payload file and, only when a
 * token is given and the API answers, the repository and commit from the REST API. With no
 * network it still works from the payload. `fetch` is injected so tests never reach github.com.
 */
import { existsSync, readFileSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import { checkPayload, type EngineOptions, type EventContext, type EventPayload, type RepoInfo } from '../../core/context.js';

type Env = Record<string, string | undefined>;
export type Fetch = typeof fetch;

export interface ContextDeps {
  token?: string;
  fetch?: Fetch;
  log?: (message: string) => void;
  /** per-request limit for the optional API calls */
  timeoutMs?: number;
  /**
   * Whether the plan renders `{{commit_date}}`. When it does not, a payload without the commit's
   * timestamp (release, workflow_dispatch) costs no commits API request: nothing would use it.
   */
  needsCommitDate?: boolean;
  /** compat: metadata-action — unset GITHUB_EVENT_NAME / GITHUB_REF / GITHUB_REPOSITORY read as '' */
  eventOptional?: boolean;
}

function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new InputError(name, '', `${name} is not set; run inside GitHub Actions, or use the CLI (node dist/cli/index.js plan --help)`);
  return value;
}

export function readPayload(path: string | undefined): EventPayload {
  if (!path) return {};
  if (!existsSync(path)) throw new InputError('GITHUB_EVENT_PATH', path, 'the event payload file does not exist; unset GITHUB_EVENT_PATH or point it at the webhook payload JSON');
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError('GITHUB_EVENT_PATH', path, `the event payload is not valid JSON (${(e as Error).message})`);
  }
  return checkPayload(value, path);
}

export function repoFromPayload(payload: EventPayload): RepoInfo {
  const r = payload.repository;
  if (!r) return {};
  return { name: r.name, description: r.description, htmlUrl: r.html_url, license: r.license === undefined ? undefined : (r.license?.spdx_id ?? null), defaultBranch: r.default_branch };
}

/** Fields of RepoInfo the labels and rules read; `null` (no description, no licence) is an answer. */
const REPO_FIELDS = ['name', 'description', 'htmlUrl', 'license', 'defaultBranch'] as const;

/**
 * What the payload's `repository` does not say. Push, pull_request and release payloads carry all
 * of it, so on those events the repository API is never asked (docs/benchmarks.md, "with a token").
 */
export function missingRepoFields(repo: RepoInfo): string[] {
  return REPO_FIELDS.filter((f) => repo[f] === undefined);
}

export function commitDateFromPayload(payload: EventPayload, sha: string): Date | undefined {
  const stamp = payload.commits?.find((c) => c.id === sha)?.timestamp ?? (payload.head_commit?.id === sha ? payload.head_commit.timestamp : undefined);
  return stamp ? new Date(stamp) : undefined;
}

async function api<T>(env: Env, path: string, deps: ContextDeps): Promise<T | undefined> {
  if (!deps.token) return undefined;
  const url = `${env.GITHUB_API_URL || 'https://api.github.com'}${path}`;
  try {
    const res = await (deps.fetch ?? fetch)(url, {
      headers: { authorization: `Bearer ${deps.token}`, accept: 'application/vnd.github+json', 'user-agent': 'aim-build' },
      signal: AbortSignal.timeout(deps.timeoutMs ?? 5000)
    });
    if (!res.ok) {
      deps.log?.(`GitHub API ${path}: HTTP ${res.status}; using the event payload`);
      return undefined;
    }
    return (await res.json()) as T;
  } catch (e) {
    deps.log?.(`GitHub API ${path} not reachable (${(e as Error).message}); using the event payload`);
    return undefined;
  }
}

interface ApiRepo {
  name?: string;
  description?: string | null;
  html_url?: string;
  default_branch?: string;
  license?: { spdx_id?: string | null } | null;
}

export async function readEventContext(env: Env, deps: ContextDeps = {}): Promise<EventContext> {
  const read = (name: string): string => (deps.eventOptional ? (env[name] ?? '') : required(env, name));
  const repository = read('GITHUB_REPOSITORY');
  const sha = env.GITHUB_SHA ?? '';
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  let repo = repoFromPayload(payload);
  const missing = missingRepoFields(repo);
  if (repository && missing.length > 0) {
    deps.log?.(`The event payload lacks repository ${missing.join(', ')}; asking the repository API`);
    const fromApi = await api<ApiRepo>(env, `/repos/${repository}`, deps);
    if (fromApi) {
      const api = repoFromPayload({ repository: fromApi });
      // the payload wins where it answered; the API fills only what it lacked
      repo = Object.fromEntries(REPO_FIELDS.map((f) => [f, repo[f] === undefined ? api[f] : repo[f]])) as RepoInfo;
    }
  }
  if (repository) repo.htmlUrl ??= `${env.GITHUB_SERVER_URL || 'https://github.com'}/${repository}`;
  let commitDate = commitDateFromPayload(payload, sha);
  if (!commitDate && sha && repository && deps.needsCommitDate !== false) {
    const commit = await api<{ commit?: { committer?: { date?: string } } }>(env, `/repos/${repository}/commits/${sha}`, deps);
    if (commit?.commit?.committer?.date) commitDate = new Date(commit.commit.committer.date);
  }
  return { eventName: read('GITHUB_EVENT_NAME'), ref: read('GITHUB_REF'), sha, repository, payload, repo, commitDate, serverUrl: env.GITHUB_SERVER_URL || undefined };
}

const LEVELS = ['manifest', 'index', 'manifest-descriptor', 'index-descriptor'];

/** docker/metadata-action's environment toggles, validated. */
export function readEngineOptions(env: Env): EngineOptions {
  const lengthRaw = env.DOCKER_METADATA_SHORT_SHA_LENGTH;
  const shortShaLength = lengthRaw ? Number(lengthRaw) : 7;
  if (!Number.isInteger(shortShaLength) || shortShaLength < 1) {
    throw new InputError('DOCKER_METADATA_SHORT_SHA_LENGTH', lengthRaw ?? '', 'must be a whole number of at least 1 (default 7)');
  }
  const levels = (env.DOCKER_METADATA_ANNOTATIONS_LEVELS || 'manifest').split(',').map((l) => l.trim()).filter(Boolean);
  for (const level of levels) {
    if (!LEVELS.includes(level)) throw new InputError('DOCKER_METADATA_ANNOTATIONS_LEVELS', level, `use a comma list of ${LEVELS.join(', ')}`);
  }
  return { shortShaLength, prHeadSha: /true/i.test(env.DOCKER_METADATA_PR_HEAD_SHA ?? ''), annotationLevels: levels };
}
