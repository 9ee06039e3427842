/**
 * Which credentials each target registry gets. Per registry, first match wins:
 *  1. a `registry-auth` line for that host;
 *  2. GHCR: the `github-token` input as the workflow actor;
 *  3. any other registry: the `username` / `password` inputs;
 *  4. none (anonymous; the preflight then says what is missing).
 */
import type { PlannedTarget } from '../plan.js';
import type { RegistryKind } from '../targets.js';
import type { BuildInputs } from './types.js';

export interface RegistryLogin {
  registry: string;
  kind: RegistryKind;
  username: string;
  password: string;
  /** where the credentials came from, for the log (never the values) */
  source: string;
}

export function resolveLogins(targets: Array<Pick<PlannedTarget, 'registry' | 'kind'>>, inputs: Pick<BuildInputs, 'registryAuth' | 'githubToken' | 'username' | 'password'>, actor: string): RegistryLogin[] {
  const out: RegistryLogin[] = [];
  for (const t of targets) {
    if (out.some((l) => l.registry === t.registry)) continue;
    const entry = inputs.registryAuth.find((e) => e.registry === t.registry);
    if (entry) out.push({ registry: t.registry, kind: t.kind, username: entry.username, password: entry.password, source: `registry-auth line ${entry.line}` });
    else if (t.kind === 'ghcr' && inputs.githubToken) out.push({ registry: t.registry, kind: t.kind, username: actor || 'x-access-token', password: inputs.githubToken, source: 'github-token' });
    else if (t.kind !== 'ghcr' && inputs.username && inputs.password) out.push({ registry: t.registry, kind: t.kind, username: inputs.username, password: inputs.password, source: 'username/password inputs' });
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
