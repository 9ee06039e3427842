/**
 * The push decision for this run, from the event: ONE function for the full action's build and the
 * `meta` sub-action's `push` output (which the reusable workflow's jobs follow), so both always agree.
 */
import { readPayload } from '../adapters/github/context.js';
import { resolvePush, type PushDecision } from '../core/build/push-mode.js';
import type { PushMode } from '../core/build/types.js';
import type { TagPlan } from '../core/plan.js';

type Env = Record<string, string | undefined>;

export function pushDecision(plan: TagPlan, mode: PushMode, env: Env): PushDecision {
  const payload = readPayload(env.GITHUB_EVENT_PATH) as { pull_request?: { head?: { repo?: { full_name?: string } | null } } };
  return resolvePush(mode, {
    eventName: plan.event.eventName,
    repository: env.GITHUB_REPOSITORY ?? '',
    headRepository: payload.pull_request?.head?.repo?.full_name ?? null,
    actor: env.GITHUB_ACTOR,
    hasTargets: plan.targets.length > 0
  });
}
