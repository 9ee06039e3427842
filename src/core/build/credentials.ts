/**
 * Which credentials each target registry gets. Per registry, first match wins:
 *  1. a `registry-auth` line for that host;
 *  2. the `username` / `password` inputs — on GHCR only when every target is GHCR (in a run that
 *     also pushes to ACR/Harbor/…, those inputs are that registry's password and never go to GitHub);
 *  3. a login the runner already has (docker config, credential helper, containers auth.json),
 *     found by the adapter and passed in as data;
 *  4. GHCR only (`ghcr.io`, `containers.<GHES host>`): the `github-token` input as the workflow actor;
 *  5. none (anonymous; the preflight then says what is missing).
 */
import type { PlannedTarget } from '../plan.js';
import type { RegistryKind } from '../targets.js';
import type { BuildInputs } from './types.js';

/** Where a login came from: our inputs, or a login the runner already had. */
export type LoginOrigin = 'registry-auth' | 'inputs' | 'stored' | 'github-token';

export interface RegistryLogin {
  registry: string;
  kind: RegistryKind;
  username: string;
  password: string;
  /** where the credentials came from, for the log (never the values) */
  source: string;
  origin: LoginOrigin;
  /** stored logins: how to repair the stored login when the registry rejects it */
  fix?: string;
  /** the password is an identity token (OAuth refresh token), as docker's `identitytoken` */
  identityToken?: boolean;
}

/** A login the runner already has for one registry host, as the credential-sources adapter found it. */
export interface StoredLogin {
  registry: string;
  username: string;
  password: string;
  /** e.g. `docker config /home/runner/.docker/config.json (auths["ghcr.io"])` — never the value */
  source: string;
  /** what to do when the registry rejects it */
  fix: string;
  identityToken?: boolean;
}

export type CredentialInputs = Pick<BuildInputs, 'registryAuth' | 'githubToken' | 'username' | 'password'>;
type TargetLike = Pick<PlannedTarget, 'registry' | 'kind'>;

function inputsApply(kind: RegistryKind, targets: TargetLike[], inputs: CredentialInputs): boolean {
  if (!inputs.username || !inputs.password) return false;
  return kind !== 'ghcr' || targets.every((t) => t.kind === 'ghcr');
}

function uniqueTargets(targets: TargetLike[]): TargetLike[] {
  return targets.filter((t, i) => targets.findIndex((u) => u.registry === t.registry) === i);
}

/** Registries our own inputs do not cover: only for these are the runner's stored logins looked up. */
export function registriesForStoredLogins(targets: TargetLike[], inputs: CredentialInputs): string[] {
  return uniqueTargets(targets)
    .filter((t) => !inputs.registryAuth.some((e) => e.registry === t.registry) && !inputsApply(t.kind, targets, inputs))
    .map((t) => t.registry);
}

export function resolveLogins(targets: TargetLike[], inputs: CredentialInputs, actor: string, stored: StoredLogin[] = []): RegistryLogin[] {
  const out: RegistryLogin[] = [];
  for (const t of uniqueTargets(targets)) {
    const base = { registry: t.registry, kind: t.kind };
    const entry = inputs.registryAuth.find((e) => e.registry === t.registry);
    const found = stored.find((s) => s.registry === t.registry);
    if (entry) out.push({ ...base, username: entry.username, password: entry.password, source: `registry-auth line ${entry.line}`, origin: 'registry-auth' });
    else if (inputsApply(t.kind, targets, inputs)) out.push({ ...base, username: inputs.username, password: inputs.password, source: 'username/password inputs', origin: 'inputs' });
    else if (found) out.push({ ...base, username: found.username, password: found.password, source: found.source, origin: 'stored', fix: found.fix, identityToken: found.identityToken });
    else if (t.kind === 'ghcr' && inputs.githubToken) out.push({ ...base, username: actor || 'x-access-token', password: inputs.githubToken, source: 'github-token', origin: 'github-token' });
  }
  return out;
}

/** Registries with no credentials at all (pushes there will fail unless the registry is open). */
export function anonymousRegistries(targets: Array<Pick<PlannedTarget, 'registry'>>, logins: RegistryLogin[]): string[] {
  return [...new Set(targets.map((t) => t.registry))].filter((r) => !logins.some((l) => l.registry === r));
}

/** Hosts on the loopback interface speak plain HTTP (as docker assumes for 127.0.0.0/8). */
export function isLoopbackRegistry(registry: string): boolean {
  return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(registry);
}
