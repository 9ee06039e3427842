/**
 * Whether this run pushes. `auto` pushes for events that publish (branch/tag pushes, releases,
 * manual and scheduled runs) and for pull requests from a branch of this repository; never for a
 * pull request from a fork (its token cannot push, and its code must not receive registry
 * credentials), nor for anything Dependabot triggered (its pull requests and pushes to its branches
 * get a read-only token and no Actions secrets: GitHub treats them like a fork).
 */
import { InputError } from '../errors.js';
import type { PushMode } from './types.js';

export interface PushFacts {
  eventName: string;
  /** owner/name of the repository the workflow runs in */
  repository: string;
  /** payload.pull_request.head.repo.full_name; null when the fork was deleted */
  headRepository?: string | null;
  /** GITHUB_ACTOR: who triggered the run (`dependabot[bot]` gets a read-only token) */
  actor?: string;
  /** there is at least one target */
  hasTargets: boolean;
}

export interface PushDecision {
  push: boolean;
  reason: string;
}

const PUBLISHING_EVENTS = ['push', 'release', 'workflow_dispatch', 'schedule'];
const PR_EVENTS = ['pull_request', 'pull_request_target'];
const DEPENDABOT = 'dependabot[bot]';

export function resolvePush(mode: PushMode, f: PushFacts): PushDecision {
  if (mode === 'false') return { push: false, reason: 'push: false' };
  if (mode === 'true') {
    if (!f.hasTargets) throw new InputError('push', 'true', 'there is nothing to push to: give `images` (or `registry` with `image-name`)');
    return { push: true, reason: 'push: true' };
  }
  if (!f.hasTargets) return { push: false, reason: 'push: auto, and no images are given (build only)' };
  if (f.actor === DEPENDABOT) {
    return { push: false, reason: `push: auto never pushes for a ${f.eventName} event Dependabot triggered (its token is read-only and it gets no secrets, like a fork's pull request); the image is built only` };
  }
  if (PUBLISHING_EVENTS.includes(f.eventName)) return { push: true, reason: `push: auto on a ${f.eventName} event` };
  if (PR_EVENTS.includes(f.eventName)) {
    const head = f.headRepository ?? '';
    if (head !== '' && head.toLowerCase() === f.repository.toLowerCase()) {
      return { push: true, reason: 'push: auto on a pull request from a branch of this repository' };
    }
    return { push: false, reason: `push: auto never pushes for a pull request from a fork (${head || 'deleted fork'}); the image is built only` };
  }
  return { push: false, reason: `push: auto does not push on a ${f.eventName} event; set push: true to push` };
}
