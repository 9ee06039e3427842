/**
 * main/post dispatch and the post step: removes the job-private directory (registry logins,
 * secret files, the local image) and any buildx builder this action created, when the main step
 * could not (cancelled, timed out). Best effort: warnings only.
 */
import * as core from '../adapters/github/runner.js';
import { removeJobDir } from '../adapters/registry/login.js';
import { removeBuildxBuilder } from '../adapters/builder/buildx.js';
import { errorMessage } from '../core/errors.js';

/** State keys (never secrets: a path and a builder name). */
export const STATE = { isPost: 'isPost', jobDir: 'aim-build-dir', buildxBuilder: 'aim-build-buildx-builder' } as const;

/** True in the post step. In the main step it records the flag first, so a post run never builds. */
export function isPost(): boolean {
  if (core.getState(STATE.isPost) === 'true') return true;
  core.saveState(STATE.isPost, 'true');
  return false;
}

export async function postStep(): Promise<void> {
  const dir = core.getState(STATE.jobDir);
  if (dir) {
    try {
      await removeJobDir(dir);
      core.info(`aim-build post: removed ${dir} (registry logins, secret files, local image)`);
    } catch (e) {
      core.warning(`aim-build post: could not remove ${dir}: ${errorMessage(e)}`);
    }
  }
  const builder = core.getState(STATE.buildxBuilder);
  if (builder) {
    try {
      await removeBuildxBuilder(builder);
      core.info(`aim-build post: removed buildx builder ${builder}`);
    } catch (e) {
      core.warning(`aim-build post: could not remove buildx builder ${builder}: ${errorMessage(e)}`);
    }
  }
}
