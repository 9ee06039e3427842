/** Writes a plan to the step: log groups, warnings, outputs and the job summary. */
import * as core from './runner.js';
import type { TagPlan } from '../../core/plan.js';
import { planOutputs, references, type Separators } from '../../core/outputs.js';
import { planMarkdown } from '../../core/summary.js';

export async function reportPlan(plan: TagPlan, sep: Separators): Promise<void> {
  core.startGroup('Tag plan');
  core.info(`version: ${plan.version}`);
  for (const ref of references(plan)) core.info(ref);
  core.endGroup();
  for (const w of plan.warnings) core.warning(w);
  for (const [name, value] of Object.entries(planOutputs(plan, sep))) core.setOutput(name, value);
  core.appendSummary(planMarkdown(plan));
}
