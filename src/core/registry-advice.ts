/**
 * What to do when a registry refuses our credentials, written for the kind of registry it is: a
 * rejected password on Harbor or Alibaba ACR does not end with GHCR advice, and the reverse.
 */
import type { RegistryKind } from './targets.js';

export type CredentialProblem =
  /** HTTP 401 without credentials */
  | 'missing'
  /** HTTP 401 with credentials */
  | 'rejected'
  /** HTTP 403 / insufficient_scope: valid credentials, no permission */
  | 'denied';

export interface AdviceContext {
  registry?: string;
  /** 'push to' | 'delete from' (denied) */
  op?: string;
  username?: string;
}

const MISSING: Record<RegistryKind, (c: AdviceContext) => string> = {
  ghcr: () => 'Give the job `permissions: packages: write` and keep `github-token` (default `${{ github.token }}`), or give a `registry-auth` line for this host with a personal access token',
  acr: (c) => `Provide the Alibaba ACR login: a \`registry-auth\` line (\`${c.registry ?? '<host>'}=<user>:<password>\`), \`username\`/\`password\`, or an aliyun/acr-login step before this one`,
  dockerhub: () => 'Provide a Docker Hub login: `registry-auth: docker.io=<user>:<access token>`, `username`/`password`, or a docker/login-action step before this one',
  generic: (c) => `Provide a username and password/token for this registry: a \`registry-auth\` line (\`${c.registry ?? '<host>'}=<user>:<password>\`), \`username\`/\`password\`, or a docker/login-action step before this one`
};

const REJECTED: Record<RegistryKind, (c: AdviceContext) => string> = {
  ghcr: () => 'Check the token: the username must be the GitHub user (`${{ github.actor }}`) and the token a GITHUB_TOKEN or a personal access token with `write:packages`; it may be expired or revoked',
  acr: () =>
    'Check the Alibaba ACR login: the username is the Alibaba Cloud account or RAM user (e.g. `name@1234567890123456`), the password the registry password set in the ACR console (not the console sign-in password) or a temporary token from aliyun/acr-login, which expires',
  dockerhub: () => 'Check the Docker Hub username and use a personal access token as the password; it may be expired or revoked',
  generic: () => 'Check the username and password/token for this registry; for Harbor use a robot account (`robot$<project>+<name>`) and its secret; a token may be expired or revoked'
};

const DENIED: Record<RegistryKind, string> = {
  ghcr: 'Give the job `permissions: packages: write`; for an existing package, give this repository write access in the package settings (Manage Actions access)',
  acr: 'Grant the RAM user or role push on the namespace (e.g. AliyunContainerRegistryFullAccess or a policy on the namespace) and check that the namespace exists',
  dockerhub: 'The access token needs Read & Write scope, and the account must own the repository or be in an organisation team with write access',
  generic: 'For Harbor use a robot account with push permission or a project member with the Developer role or higher, and check that the project exists'
};

export function credentialAdvice(kind: RegistryKind, problem: CredentialProblem, c: AdviceContext = {}): string {
  if (problem === 'missing') return MISSING[kind](c);
  if (problem === 'rejected') return REJECTED[kind](c);
  const op = c.op ?? 'push to';
  return `The credentials${c.username ? ` of '${c.username}'` : ''} are valid but may not ${op} this repository. ${DENIED[kind]}`;
}
