/** The plan step shared by the full action and the `meta` sub-action: inputs → plan → outputs. */
import * as core from '../adapters/github/runner.js';
import { readPlanInputs, readSeparators } from '../adapters/github/inputs.js';
import { readEngineOptions, readEventContext } from '../adapters/github/context.js';
import { reportPlan } from '../adapters/github/report.js';
import { listExistingTags } from '../adapters/registry/existing-tags.js';
import { prepareTemplates } from '../adapters/template-compiler.js';
import { planTags, resolveReleaseLatest, type TagPlan } from '../core/plan.js';

export async function planStep(): Promise<TagPlan> {
  const inputs = readPlanInputs();
  // the preset renders no commit_date; only a user's rule or flavor can ask for it
  const needsCommitDate = [...inputs.tags, ...inputs.flavor].some((line) => line.includes('commit_date'));
  const ctx = await readEventContext(process.env, { token: core.getInput('github-token'), log: core.debug, needsCommitDate, eventOptional: inputs.compat === 'metadata-action' });
  await prepareTemplates(inputs);
  let plan = planTags(inputs, { ctx, options: readEngineOptions(process.env), now: new Date() });
  if (plan.latest.pendingRelease) plan = resolveReleaseLatest(plan, await listExistingTags(plan, core.info));
  await reportPlan(plan, readSeparators());
  return plan;
}

