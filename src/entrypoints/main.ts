/** The full action: tag plan → build → push (and, as the post step, cleanup of logins and builders). */
import { guarded } from '../run.js';
import { planStep } from '../steps/plan.js';
import { buildStep } from '../steps/build.js';
import { isPost, postStep } from '../steps/build-post.js';

void guarded(async () => {
  if (isPost()) return postStep();
  await buildStep(await planStep());
});
