/** `meta` sub-action: compute the tag plan only (no Docker needed). */
import * as core from '@actions/core';
import { run } from '../run.js';
import { readPlanInputs, readSeparators } from '../adapters/github/inputs.js';
import { readEngineOptions, readEventContext } from '../adapters/github/context.js';
import { reportPlan } from '../adapters/github/report.js';
import { planTags, resolveReleaseLatest } from '../core/plan.js';
import { listExistingTags } from '../adapters/registry/existing-tags.js';

run(async () => {
  const inputs = readPlanInputs();
  const token = core.getInput('github-token');
  const ctx = await readEventContext(process.env, { token, log: core.debug });
  let plan = planTags(inputs, { ctx, options: readEngineOptions(process.env), now: new Date() });
  if (plan.latest.pendingRelease) plan = resolveReleaseLatest(plan, await listExistingTags(plan, core.info));
  await reportPlan(plan, readSeparators());
});
