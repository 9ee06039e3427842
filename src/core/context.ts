/**
 * The event a plan is computed for, as plain data. The GitHub adapter fills it from GITHUB_* and
 * the event payload; the CLI fills it from flags. Nothing here reads the environment.
 */
import { InputError } from './errors.js';

export interface RepoInfo {
  name?: string;
  description?: string | null;
  htmlUrl?: string;
  license?: string | null;
  defaultBranch?: string;
}

export interface EventPayload {
  number?: number;
  base_ref?: string | null;
  repository?: {
    name?: string;
    description?: string | null;
    html_url?: string;
    default_branch?: string;
    license?: { spdx_id?: string | null } | null;
  };
  pull_request?: {
    number?: number;
    head?: { sha?: string; ref?: string; repo?: { full_name?: string } | null };
    base?: { ref?: string; repo?: { full_name?: string } };
  };
  commits?: Array<{ id: string; timestamp: string }>;
  head_commit?: { id: string; timestamp: string } | null;
}

type Kind = 'string' | 'number' | 'object' | 'array' | 'string|null' | 'object|null';

/** The payload fields the engine reads, with the JSON type each must have when present. */
const PAYLOAD_FIELDS: Array<[string, Kind]> = [
  ['number', 'number'],
  ['base_ref', 'string|null'],
  ['repository', 'object'],
  ['repository.name', 'string'],
  ['repository.description', 'string|null'],
  ['repository.html_url', 'string'],
  ['repository.default_branch', 'string'],
  ['repository.license', 'object|null'],
  ['repository.license.spdx_id', 'string|null'],
  ['pull_request', 'object'],
  ['pull_request.number', 'number'],
  ['pull_request.head', 'object'],
  ['pull_request.head.sha', 'string'],
  ['pull_request.head.ref', 'string'],
  ['pull_request.head.repo', 'object|null'],
  ['pull_request.head.repo.full_name', 'string'],
  ['pull_request.base', 'object'],
  ['pull_request.base.ref', 'string'],
  ['commits', 'array'],
  ['head_commit', 'object|null'],
  ['head_commit.id', 'string'],
  ['head_commit.timestamp', 'string']
];

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Checks an event payload (untrusted JSON) before the engine reads it: an object, and every field
 * the engine uses of the type GitHub sends. A mismatch is an InputError naming the field.
 */
export function checkPayload(value: unknown, source: string, input = 'GITHUB_EVENT_PATH'): EventPayload {
  const bad = (hint: string): InputError => new InputError(input, source, `${hint}; point it at the webhook payload JSON the runner writes (an object such as {"repository": {…}})`);
  if (kindOf(value) !== 'object') throw bad(`the event payload is ${kindOf(value)}, not a JSON object`);
  for (const [path, kind] of PAYLOAD_FIELDS) {
    let v: unknown = value;
    for (const key of path.split('.')) v = kindOf(v) === 'object' && Object.hasOwn(v as object, key) ? (v as Record<string, unknown>)[key] : undefined;
    if (v === undefined) continue;
    if (!kind.split('|').includes(kindOf(v))) throw bad(`"${path}" is ${kindOf(v)} (${JSON.stringify(v).slice(0, 40)}), not ${kind.replace('|', ' or ')}`);
  }
  const commits = (value as { commits?: unknown[] }).commits ?? [];
  commits.forEach((c, i) => {
    const ok = kindOf(c) === 'object' && typeof (c as { id?: unknown }).id === 'string' && typeof (c as { timestamp?: unknown }).timestamp === 'string';
    if (!ok) throw bad(`"commits[${i}]" is not an object with a string id and timestamp`);
  });
  return value as EventPayload;
}

export interface EventContext {
  eventName: string;
  /** e.g. refs/heads/main, refs/tags/v1.2.3, refs/pull/12/merge */
  ref: string;
  sha: string;
  /** owner/name */
  repository: string;
  payload: EventPayload;
  /** repository metadata: payload.repository, or the REST API when a token reached it */
  repo: RepoInfo;
  /** commit date of `sha` (falls back to `now` in the adapter) */
  commitDate?: Date;
  /** GITHUB_SERVER_URL (GitHub Enterprise Server: its `containers.<host>` registry is GHCR) */
  serverUrl?: string;
}

/** Env toggles of docker/metadata-action, resolved by the adapter. */
export interface EngineOptions {
  /** DOCKER_METADATA_SHORT_SHA_LENGTH, default 7 */
  shortShaLength: number;
  /** DOCKER_METADATA_PR_HEAD_SHA=true */
  prHeadSha: boolean;
  /** DOCKER_METADATA_ANNOTATIONS_LEVELS, default ['manifest'] */
  annotationLevels: string[];
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = { shortShaLength: 7, prHeadSha: false, annotationLevels: ['manifest'] };

export type RefKind = 'branch' | 'tag' | 'pr' | 'other';

/** What the ref is, after metadata-action's adjustments (pull_request_target, PR head sha). */
export interface ResolvedEvent {
  eventName: string;
  ref: string;
  sha: string;
  kind: RefKind;
  branch?: string;
  tag?: string;
  pr?: string;
  defaultBranch?: string;
  isDefaultBranch: boolean;
  isSchedule: boolean;
}

const HEADS = /^refs\/heads\//;
const TAGS = /^refs\/tags\//;
const PULL = /^refs\/pull\//;

export function resolveEvent(ctx: EventContext, opts: EngineOptions): ResolvedEvent {
  let ref = ctx.ref;
  let sha = ctx.sha;
  if (/pull_request_target/.test(ctx.eventName)) {
    const number = ctx.payload.number ?? ctx.payload.pull_request?.number;
    if (number === undefined) {
      throw new InputError('GITHUB_EVENT_PATH', ctx.eventName, 'a pull_request_target payload needs the pull request number ("number" or "pull_request.number") to name its ref; run the step on the event\'s own payload');
    }
    ref = `refs/pull/${number}/merge`;
  }
  if (opts.prHeadSha && /pull_request/.test(ctx.eventName) && ctx.payload.pull_request?.head?.sha) {
    sha = ctx.payload.pull_request.head.sha;
  }
  const defaultBranch = ctx.payload.repository?.default_branch ?? ctx.repo.defaultBranch;
  const base = { eventName: ctx.eventName, ref, sha, defaultBranch, isSchedule: /schedule/.test(ctx.eventName) };
  if (HEADS.test(ref)) {
    const branch = ref.replace(HEADS, '');
    return { ...base, kind: 'branch', branch, isDefaultBranch: isDefaultBranch(ctx.eventName, branch, defaultBranch) };
  }
  if (TAGS.test(ref)) return { ...base, kind: 'tag', tag: ref.replace(TAGS, ''), isDefaultBranch: false };
  if (PULL.test(ref)) return { ...base, kind: 'pr', pr: ref.replace(PULL, '').replace(/\/merge$/, ''), isDefaultBranch: false };
  return { ...base, kind: 'other', isDefaultBranch: false };
}

/** metadata-action's `{{is_default_branch}}`: some events always run on the default branch. */
function isDefaultBranch(eventName: string, branch: string, defaultBranch: string | undefined): boolean {
  if (branch.length === 0) return false;
  if (defaultBranch === branch) return true;
  return /create|discussion|issues|schedule/.test(eventName);
}

export function shortSha(sha: string, length: number): string {
  return length >= sha.length ? sha : sha.substring(0, length);
}
