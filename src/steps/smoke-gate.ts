/**
 * The smoke test gate: before anything is pushed, every platform of the built image (or those in
 * `test-platforms`) is run, one at a time: `test-run` inside the image, and with
 * `test-healthcheck: true` the image's own process started and waited for (its HEALTHCHECK,
 * `test-healthcheck-cmd`, or `test-port`). A failure blocks the push like the scan gate does.
 */
import { tmpdir } from 'node:os';
import * as core from '../adapters/github/runner.js';
import { BuildahSmokeRunner, DockerSmokeRunner, type SmokeRunner } from '../adapters/smoke/runtime.js';
import { buildahCaps } from '../adapters/builder/buildah.js';
import { chooseRuntime, emulationNote, hostPlatform, parseSmokeInputs, platformsToTest, smokeMarkdown, smokeVerdict, type SmokeInputs, type SmokePlatformResult } from '../core/smoke.js';
import { DEFAULT_PLATFORMS, type Gate, type LocalImage } from '../core/build/types.js';
import { parsePlatforms } from '../core/platform.js';

type Env = Record<string, string | undefined>;

/** Reads and validates the test-* inputs (before anything is built); no gate when no test was asked for. */
export function smokeGate(env: Env = process.env): Gate | undefined {
  const inputs = parseSmokeInputs((name) => core.getInput(name));
  if (!inputs) return undefined;
  const oneJobOfSeveral = core.getInput('push-by-digest').trim().toLowerCase() === 'true';
  // test-platforms outside platforms: refused now, not after a long build
  if (!oneJobOfSeveral) platformsToTest(parsePlatforms(core.getInput('platforms') || DEFAULT_PLATFORMS.join(',')), inputs.platforms);
  return (image) => runSmoke(image, inputs, env, oneJobOfSeveral);
}

async function runSmoke(image: LocalImage, inputs: SmokeInputs, env: Env, oneJobOfSeveral: boolean): Promise<{ pass: boolean; reason?: string }> {
  const choice = chooseRuntime(inputs.runtime, image.builder);
  core.info(choice.reason);
  const platforms = platformsToTest(image.platforms, inputs.platforms, oneJobOfSeveral);
  if (platforms.length === 0) {
    core.info(`smoke test: skipped, ${image.platforms.join(', ')} is not in test-platforms (${(inputs.platforms ?? []).join(', ')})`);
    core.setOutput('test-result', 'skipped');
    return { pass: true };
  }
  const tempRoot = env.RUNNER_TEMP || tmpdir();
  const log = core.info;
  const runner: SmokeRunner =
    choice.runtime === 'buildah'
      ? new BuildahSmokeRunner(image.layout, tempRoot, { isolation: buildahCaps('', env as NodeJS.ProcessEnv).isolation, builder: image.builder, log })
      : new DockerSmokeRunner(image.layout, tempRoot, { builder: image.builder, log });
  const host = hostPlatform(process.arch);
  const results: SmokePlatformResult[] = [];
  try {
    for (const platform of platforms) {
      const note = emulationNote(platform, host);
      core.startGroup(`Smoke test ${platform}`);
      if (note) core.info(note);
      const checks = await runner.test(platform, image.platformDigests[platform], inputs);
      for (const c of checks) {
        core.info(`${platform} ${c.kind}: ${c.passed ? 'passed' : 'FAILED'} (${c.detail}) in ${(c.ms / 1000).toFixed(1)} s`);
        if (c.output) core.info(`last lines of output:\n${c.output}`);
      }
      core.endGroup();
      results.push({ platform, emulated: note !== undefined, checks });
    }
  } finally {
    await runner.cleanup().catch((e: unknown) => core.warning(`smoke test cleanup: ${(e as Error).message}`));
  }
  core.appendSummary(smokeMarkdown(results, choice));
  const verdict = smokeVerdict(results);
  core.setOutput('test-result', verdict.pass ? 'passed' : 'failed');
  return verdict;
}

/** Gates in order (the smoke test, then the scan): the first that blocks stops the rest. */
export function chainGates(...gates: Array<Gate | undefined>): Gate {
  return async (image) => {
    const notes: string[] = [];
    let annotations: Record<string, string> = {};
    for (const gate of gates) {
      if (!gate) continue;
      const verdict = await gate(image);
      if (!verdict.pass) return verdict;
      if (verdict.reason) notes.push(verdict.reason);
      annotations = { ...annotations, ...verdict.annotations };
    }
    return { pass: true, reason: notes.join('\n') || undefined, ...(Object.keys(annotations).length ? { annotations } : {}) };
  };
}
