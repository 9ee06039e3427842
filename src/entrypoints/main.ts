/** The full action: tag plan → build → smoke test gate → scan gate → push → deployment files (and, as the post step, cleanup of logins and builders). */
import { guarded } from '../run.js';
import { planStep } from '../steps/plan.js';
import { buildStep } from '../steps/build.js';
import { buildGate } from '../steps/build-gate.js';
import { chainGates, smokeGate } from '../steps/smoke-gate.js';
import { isPost, postStep } from '../steps/build-post.js';
import { deployFilesPreflight, deployFilesStep } from '../steps/deploy-files.js';

void guarded(async () => {
  if (isPost()) return postStep();
  const plan = await planStep();
  await deployFilesPreflight();
  const smoke = smokeGate(); // test-* inputs validated before anything is built
  const { gate, ready } = await buildGate(plan);
  const result = await buildStep(plan, { gate: chainGates(smoke, gate), gateReady: ready });
  await deployFilesStep(plan, result);
});
