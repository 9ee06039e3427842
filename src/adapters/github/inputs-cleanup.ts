/**
 * The `cleanup` sub-action's inputs: the plan inputs (read as the meta step reads them), the PR
 * number and the credentials. Every secret is masked before anything else can print it.
 * `registry-auth` and the username/password/github-token precedence are the build's
 * (core/build/inputs.ts, core/build/credentials.ts), so one set of credential inputs fits both.
 */
import * as core from './runner.js';
import { getList, readPlanInputs } from './inputs.js';
import { InputError } from '../../core/errors.js';
import { parseBool, parseRegistryAuth } from '../../core/build/inputs.js';
import type { RegistryAuthEntry } from '../../core/build/types.js';
import type { PlanInputs } from '../../core/plan.js';

export interface CleanupInputs {
  plan: PlanInputs;
  /** the pr-number input; undefined: take it from the event payload */
  prNumber?: number;
  githubToken: string;
  registryAuth: RegistryAuthEntry[];
  username: string;
  password: string;
  dryRun: boolean;
}

export function readCleanupInputs(): CleanupInputs {
  const githubToken = core.getInput('github-token');
  if (githubToken) core.setSecret(githubToken);
  const password = core.getInput('password');
  if (password) core.setSecret(password);
  const registryAuth = parseRegistryAuth(getList('registry-auth'));
  for (const e of registryAuth) core.setSecret(e.password);
  const raw = core.getInput('pr-number');
  const prNumber = raw === '' ? undefined : Number(raw.replace(/^#/, ''));
  if (prNumber !== undefined && (!Number.isInteger(prNumber) || prNumber < 1)) throw new InputError('pr-number', raw, 'expected a pull request number such as 12 (or leave it empty on a pull_request event)');
  return { plan: readPlanInputs(), prNumber, githubToken, registryAuth, username: core.getInput('username'), password, dryRun: parseBool('dry-run', core.getInput('dry-run'), false) };
}

/** Names of the inputs read above; a test keeps cleanup/action.yml in step with it. */
export const CLEANUP_INPUT_NAMES = [
  'images', 'registry', 'image-name', 'component', 'registry-type', 'acr-namespace', 'acr-repository', 'tags', 'flavor',
  'pr-number', 'github-token', 'registry-auth', 'username', 'password', 'dry-run'
];
