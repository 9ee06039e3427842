/** The full action: tag plan → build → scan gate → push (and, as the post step, cleanup of logins and builders). */
import { guarded } from '../run.js';
import { planStep } from '../steps/plan.js';
import { buildStep } from '../steps/build.js';
import { buildGate } from '../steps/build-gate.js';
import { isPost, postStep } from '../steps/build-post.js';

void guarded(async () => {
  if (isPost()) return postStep();
  const plan = await planStep();
  const { gate, ready } = await buildGate(plan);
  await buildStep(plan, { gate, gateReady: ready });
});
