/** `meta` sub-action: compute the tag plan only (no Docker needed). */
import { run } from '../run.js';
import { planStep } from '../steps/plan.js';

run(async () => {
  await planStep();
});
