/** Turns any error into a failed step with an `aim-build:` prefix; nothing else. */
import * as core from './adapters/github/runner.js';

export function run(main: () => Promise<void>): void {
  main().catch((e: unknown) => {
    core.setFailed(`aim-build: ${e instanceof Error ? e.message : String(e)}`);
  });
}
