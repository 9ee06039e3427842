/**
 * The `meta` sub-action: the tag plan plus the platform matrix for one-job-per-platform builds and
 * the push decision (the build's own pushDecision), which the reusable workflow's jobs follow.
 * Also the entry `@github/local-action` runs: `npx local-action run . src/steps/meta.ts .env.example`.
 */
import { createHash } from 'node:crypto';
import * as core from '../adapters/github/runner.js';
import { readMatrixInputs, readPushMode } from '../adapters/github/inputs.js';
import { readPayload } from '../adapters/github/context.js';
import { platformMatrix } from '../core/matrix.js';
import { references } from '../core/outputs.js';
import { guarded } from '../run.js';
import { planStep } from './plan.js';
import { pushDecision } from './push-decision.js';

export async function metaStep(): Promise<void> {
  const repository = readPayload(process.env.GITHUB_EVENT_PATH).repository as { private?: boolean } | undefined;
  const options = readMatrixInputs(repository?.private);
  const mode = readPushMode();
  const plan = await planStep();
  const matrix = platformMatrix(options);
  core.info(`Platform matrix: ${matrix.include.map((m) => `${m.platform} on ${m.runner}${m.qemu ? ' (QEMU)' : ''}`).join(', ')} — ${matrix.reason}`);
  core.setOutput('matrix', JSON.stringify({ include: matrix.include }));
  core.setOutput('platforms', options.platforms.join(','));
  const decision = pushDecision(plan, mode, process.env);
  core.info(`Push decision: ${decision.push ? 'push' : 'no push'} (${decision.reason})`);
  core.setOutput('push', String(decision.push));
  // one workflow may build several images (a matrix of components or variants): names of things
  // shared across its jobs (artifacts) need a key that differs per image set and tag plan
  core.setOutput('key', createHash('sha256').update(JSON.stringify(references(plan))).digest('hex').slice(0, 12));
}

export const run = (): Promise<void> => guarded(metaStep);
