/**
 * The `merge` sub-action's inputs: the meta action's `plan` output, the build jobs' digests, the
 * platform order, and the build's credential inputs (read and masked by the same function).
 */
import * as core from './runner.js';
import { CREDENTIAL_INPUT_NAMES, readCredentialInputs } from './inputs-build.js';
import { parsePlatforms } from '../../core/platform.js';
import { parseDigests, parseMergePlan, type MergePlan } from '../../core/merge.js';
import type { BuildInputs } from '../../core/build/types.js';

export interface MergeInputs {
  plan: MergePlan;
  digests: string[];
  /** index order and the platforms that must be there; undefined: the order of the digests */
  platforms?: string[];
  credentials: Pick<BuildInputs, 'username' | 'password' | 'registryAuth' | 'githubToken'>;
}

export function readMergeInputs(): MergeInputs {
  const credentials = readCredentialInputs();
  const platforms = core.getInput('platforms');
  return {
    plan: parseMergePlan(core.getInput('plan')),
    digests: parseDigests(core.getInput('digests')),
    platforms: platforms ? parsePlatforms(platforms) : undefined,
    credentials
  };
}

/** Names of the inputs read above; a test keeps merge/action.yml in step with it. */
export const MERGE_INPUT_NAMES = ['plan', 'digests', 'platforms', ...CREDENTIAL_INPUT_NAMES];
