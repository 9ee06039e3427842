/**
 * Realistic event contexts built from @octokit/webhooks-examples (real webhook payloads recorded by
 * GitHub's docs), adjusted to the ref/sha a scenario needs.
 */
import { createRequire } from 'node:module';
import type { EventContext, EventPayload } from '../../src/core/context.js';
import { DEFAULT_ENGINE_OPTIONS } from '../../src/core/context.js';
import { repoFromPayload, commitDateFromPayload } from '../../src/adapters/github/context.js';
import { DEFAULT_PLAN_INPUTS, planTags, type PlanInputs, type TagPlan } from '../../src/core/plan.js';
import type { EngineOptions } from '../../src/core/context.js';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{ name: string; examples: Array<Record<string, unknown>> }>;

export const SHA = '860c1904a1ce19322e91ac35af1ab07466440c37';
export const NOW = new Date('2026-11-22T08:30:00Z');

export function examplePayload(name: string, pick: (e: Record<string, unknown>) => boolean = () => true): EventPayload {
  const group = examples.find((g) => g.name === name);
  const found = group?.examples.find(pick);
  if (!found) throw new Error(`no ${name} example`);
  return structuredClone(found) as EventPayload;
}

export type Scenario =
  | { event: 'push'; ref: string; defaultBranch?: string }
  | { event: 'pull_request' | 'pull_request_target'; pr: number; headSha?: string }
  | { event: 'schedule' | 'workflow_dispatch'; ref: string; defaultBranch?: string };

export function context(s: Scenario): EventContext {
  let payload: EventPayload;
  let ref: string;
  if (s.event === 'push') {
    payload = examplePayload('push', (e) => e.head_commit != null);
    ref = s.ref;
    payload.head_commit = { id: SHA, timestamp: '2026-11-20T10:00:00+08:00' };
    payload.repository = { ...payload.repository, default_branch: s.defaultBranch ?? 'main' };
  } else if (s.event === 'pull_request' || s.event === 'pull_request_target') {
    payload = examplePayload('pull_request', (e) => e.action === 'opened');
    payload.number = s.pr;
    payload.pull_request = { ...payload.pull_request, number: s.pr, head: { ...payload.pull_request?.head, sha: s.headSha ?? 'aaaaaaa1111111222222233333334444444555555' } };
    ref = s.event === 'pull_request' ? `refs/pull/${s.pr}/merge` : 'refs/heads/main';
  } else {
    payload = s.event === 'workflow_dispatch' ? examplePayload('workflow_dispatch') : {};
    if (s.event === 'workflow_dispatch') payload.repository = { ...payload.repository, default_branch: s.defaultBranch ?? 'main' };
    ref = (s as { ref: string }).ref;
  }
  return { eventName: s.event, ref, sha: SHA, repository: 'Acme/backend', payload, repo: repoFromPayload(payload), commitDate: commitDateFromPayload(payload, SHA) };
}

export function plan(s: Scenario, inputs: Partial<PlanInputs> = {}, options: Partial<EngineOptions> = {}): TagPlan {
  return planTags({ ...DEFAULT_PLAN_INPUTS, ...inputs }, { ctx: context(s), options: { ...DEFAULT_ENGINE_OPTIONS, ...options }, now: NOW });
}

/** The bare tag names of a plan without images, latest included. */
export function names(p: TagPlan): string[] {
  const n = p.tags.map((t) => t.name);
  return p.latest.enabled ? [...n, p.latest.tag] : n;
}
