/** The `mirror` sub-action: inputs → runMirror → outputs, job summary, verdict. */
import * as core from '../adapters/github/runner.js';
import { readMirrorInputs } from '../adapters/github/inputs-mirror.js';
import { mirrorVerdict, runMirror, type MirrorDeps, type MirrorRun } from './mirror.js';
import { runnerStoredLogins } from './build-registries.js';

export async function mirrorStep(deps: Omit<MirrorDeps, 'info' | 'warn'>): Promise<MirrorRun> {
  const inputs = readMirrorInputs();
  const run = await runMirror(inputs, { storedLogins: runnerStoredLogins(process.env), ...deps, info: core.info, warn: core.warning });
  core.info(run.tally);
  core.setOutput('mapping', JSON.stringify(run.mapping));
  core.setOutput('results', JSON.stringify(run.results));
  core.setOutput('failed', String(run.failed.length));
  core.appendSummary(run.markdown + '\n');
  const verdict = mirrorVerdict(run, inputs.strict);
  if (verdict.warn) core.warning(verdict.warn);
  if (verdict.fail) throw new Error(verdict.fail);
  return run;
}
