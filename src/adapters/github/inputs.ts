/**
 * The only place that reads action inputs (`INPUT_*` through @actions/core). Everything after this
 * takes the typed objects. List inputs keep their line numbers so errors can point at a line.
 */
import * as core from './runner.js';
import { InputError } from '../../core/errors.js';
import { COMPAT_MODES, DEFAULT_PLAN_INPUTS, LATEST_POLICIES, type CompatMode, type LatestPolicy, type PlanInputs } from '../../core/plan.js';
import { registryType } from '../../core/targets.js';
import type { Separators } from '../../core/outputs.js';
import { parsePlatforms, type ArmStrategy, type MatrixOptions } from '../../core/matrix.js';
import { PUSH_MODES, type PushMode } from '../../core/build/types.js';

/** Newline-separated list; blank and `#` lines are kept (the parsers skip them) so line numbers match. */
export function getList(name: string): string[] {
  const value = core.getInput(name);
  return value === '' ? [] : value.split(/\r?\n/);
}

function getOr(name: string, fallback: string): string {
  return core.getInput(name) || fallback;
}

export function getChoice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
  const value = getOr(name, fallback);
  if (!(choices as readonly string[]).includes(value)) throw new InputError(name, value, `expected one of ${choices.join(', ')}`);
  return value as T;
}

export function readPlanInputs(): PlanInputs {
  return {
    images: getList('images'),
    registry: getList('registry'),
    imageName: core.getInput('image-name'),
    component: core.getInput('component'),
    registryType: registryType('registry-type', getOr('registry-type', 'auto')),
    acrNamespace: getOr('acr-namespace', DEFAULT_PLAN_INPUTS.acrNamespace),
    acrRepository: getOr('acr-repository', DEFAULT_PLAN_INPUTS.acrRepository),
    tags: getList('tags'),
    flavor: getList('flavor'),
    labels: getList('labels'),
    annotations: getList('annotations'),
    latest: getChoice<LatestPolicy>('latest', LATEST_POLICIES, 'auto'),
    compat: getChoice<CompatMode>('compat', COMPAT_MODES, 'aim')
  };
}

export function readSeparators(): Separators {
  const sep = (name: string): string => core.getInput(name, { trimWhitespace: false }) || '\n';
  return { tags: sep('sep-tags'), labels: sep('sep-labels'), annotations: sep('sep-annotations') };
}

/** Names of the inputs read above; a test keeps action.yml in step with it. */
export const PLAN_INPUT_NAMES = [
  'images', 'registry', 'image-name', 'component', 'registry-type', 'acr-namespace', 'acr-repository',
  'tags', 'flavor', 'labels', 'annotations', 'latest', 'compat', 'sep-tags', 'sep-labels', 'sep-annotations', 'github-token'
];

/** The `meta` sub-action's platform-matrix inputs (for the reusable workflow's build jobs). */
export function readMatrixInputs(privateRepository: boolean | undefined): MatrixOptions {
  return {
    platforms: parsePlatforms(getOr('platforms', 'linux/amd64,linux/arm64')),
    armStrategy: getChoice<ArmStrategy>('arm-strategy', ['auto', 'native', 'qemu'], 'auto'),
    amd64Runner: getOr('amd64-runner', 'ubuntu-24.04'),
    arm64Runner: getOr('arm64-runner', 'ubuntu-24.04-arm'),
    privateRepository
  };
}

export const MATRIX_INPUT_NAMES = ['platforms', 'arm-strategy', 'amd64-runner', 'arm64-runner'];

/** The `meta` sub-action's `push` input: the same choice as the full action's, for its `push` output. */
export function readPushMode(): PushMode {
  return getChoice<PushMode>('push', PUSH_MODES, 'auto');
}

export const PUSH_INPUT_NAMES = ['push'];
