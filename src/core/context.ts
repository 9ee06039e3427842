/**
 * The event a plan is computed for, as plain data. The GitHub adapter fills it from GITHUB_* and
 * the event payload; the CLI fills it from flags. Nothing here reads the environment.
 */

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
  if (/pull_request_target/.test(ctx.eventName)) ref = `refs/pull/${ctx.payload.number ?? ctx.payload.pull_request?.number}/merge`;
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
