/**
 * The mirror sub-action's inputs (and the CLI's flags of the same names). Secrets are masked first.
 */
import * as core from './runner.js';
import { getList } from './inputs.js';
import { InputError } from '../../core/errors.js';
import { parseBool, parseKeyValues, parseRegistryAuth } from '../../core/build/inputs.js';
import { registryType } from '../../core/targets.js';
import type { MirrorInputs } from '../../steps/mirror.js';

export function readMirrorInputs(): MirrorInputs {
  const password = core.getInput('password');
  if (password) core.setSecret(password);
  const registryAuth = parseRegistryAuth(getList('registry-auth'));
  for (const e of registryAuth) core.setSecret(e.password);
  return mirrorInputsFrom({
    images: getList('images'),
    files: getList('files'),
    buildArgs: getList('build-args'),
    target: core.getInput('target'),
    registryType: core.getInput('registry-type'),
    skipExisting: core.getInput('skip-existing'),
    strict: core.getInput('strict'),
    attestations: core.getInput('attestations'),
    concurrency: core.getInput('concurrency'),
    username: core.getInput('username'),
    password,
    registryAuth
  });
}

/** Raw strings (inputs or CLI flags) → typed inputs; the same checks for both. */
export function mirrorInputsFrom(raw: {
  images: string[];
  files: string[];
  buildArgs: string[];
  target: string;
  registryType?: string;
  skipExisting?: string;
  strict?: string;
  attestations?: string;
  concurrency?: string;
  username?: string;
  password?: string;
  registryAuth: MirrorInputs['registryAuth'];
}): MirrorInputs {
  const concurrency = Number(raw.concurrency || '4');
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) throw new InputError('concurrency', raw.concurrency ?? '', 'expected a whole number from 1 to 32');
  if (!raw.target.trim()) throw new InputError('target', '', 'give the registry namespace to mirror into, e.g. harbor.example.com/mirror');
  return {
    images: raw.images,
    files: raw.files.map((f) => f.trim()).filter((f) => f && !f.startsWith('#')),
    buildArgs: Object.fromEntries(parseKeyValues('build-args', raw.buildArgs)),
    target: raw.target.trim(),
    registryType: registryType('registry-type', raw.registryType || 'auto'),
    skipExisting: parseBool('skip-existing', raw.skipExisting ?? '', true),
    strict: parseBool('strict', raw.strict ?? '', false),
    attestations: parseBool('attestations', raw.attestations ?? '', true),
    concurrency,
    username: raw.username ?? '',
    password: raw.password ?? '',
    registryAuth: raw.registryAuth
  };
}

/** Names of the inputs read above; a test keeps mirror/action.yml in step with it. */
export const MIRROR_INPUT_NAMES = ['images', 'files', 'build-args', 'target', 'registry-type', 'skip-existing', 'strict', 'attestations', 'concurrency', 'registry-auth', 'username', 'password'];
