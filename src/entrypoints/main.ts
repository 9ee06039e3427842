/** The full action. Today it computes and publishes the tag plan; build, push and scan build on it. */
import { guarded } from '../run.js';
import { planStep } from '../steps/plan.js';

void guarded(async () => {
  await planStep();
});
