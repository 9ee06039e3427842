/**
 * The `merge` sub-action's inputs: the meta action's `plan` output, the build jobs' digests, the
 * platform order, and the build's credential inputs (read and masked by the same function).
 */
import * as core from './runner.js';
import { CREDENTIAL_INPUT_NAMES, readCredentialInputs } from './inputs-build.js';
import { parsePlatforms } from '../../core/platform.js';
import { parseDigests, parseMergePlan, type MergePlan } from '../../core/merge.js';
import type { BuildInputs } from '../../core/build/types.js';
import { parseBool } from '../../core/build/inputs.js';

export interface MergeInputs {
  plan: MergePlan;
  digests: string[];
  /** index order and the platforms that must be there; undefined: the order of the digests */
  platforms?: string[];
  credentials: Pick<BuildInputs, 'username' | 'password' | 'registryAuth' | 'githubToken'>;
  release: Pick<BuildInputs, 'releaseTagPattern' | 'overwriteReleaseTags' | 'moveAliases'>;
}

export function readMergeInputs(): MergeInputs {
  const credentials = readCredentialInputs();
  const platforms = core.getInput('platforms');
  return {
    plan: parseMergePlan(core.getInput('plan')),
    digests: parseDigests(core.getInput('digests')),
    platforms: platforms ? parsePlatforms(platforms) : undefined,
    credentials,
    release: {
      releaseTagPattern: core.getInput('release-tag-pattern').trim(),
      overwriteReleaseTags: parseBool('overwrite-release-tags', core.getInput('overwrite-release-tags'), false),
      moveAliases: parseBool('move-aliases', core.getInput('move-aliases'), false)
    }
  };
}

/** Names of the inputs read above; a test keeps merge/action.yml in step with it. */
export const MERGE_INPUT_NAMES = ['plan', 'digests', 'platforms', 'release-tag-pattern', 'overwrite-release-tags', 'move-aliases', ...CREDENTIAL_INPUT_NAMES];
