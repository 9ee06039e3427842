/** Runs a step and turns any error into a failed step with an `aim-build:` prefix. */
import * as core from './adapters/github/runner.js';

export async function guarded(main: () => Promise<unknown>): Promise<void> {
  try {
    await main();
  } catch (e) {
    core.setFailed(`aim-build: ${e instanceof Error ? e.message : String(e)}`);
  }
}
