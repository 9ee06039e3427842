/**
 * The `meta` sub-action: the tag plan plus the platform matrix for one-job-per-platform builds.
 * Also the entry `@github/local-action` runs: `npx local-action run . src/steps/meta.ts .env.example`.
 */
import * as core from '../adapters/github/runner.js';
import { readMatrixInputs } from '../adapters/github/inputs.js';
import { readPayload } from '../adapters/github/context.js';
import { platformMatrix } from '../core/matrix.js';
import { guarded } from '../run.js';
import { planStep } from './plan.js';

export async function metaStep(): Promise<void> {
  const repository = readPayload(process.env.GITHUB_EVENT_PATH).repository as { private?: boolean } | undefined;
  const options = readMatrixInputs(repository?.private);
  await planStep();
  const matrix = platformMatrix(options);
  core.info(`Platform matrix: ${matrix.include.map((m) => `${m.platform} on ${m.runner}${m.qemu ? ' (QEMU)' : ''}`).join(', ')} — ${matrix.reason}`);
  core.setOutput('matrix', JSON.stringify({ include: matrix.include }));
  core.setOutput('platforms', options.platforms.join(','));
}

export const run = (): Promise<void> => guarded(metaStep);
