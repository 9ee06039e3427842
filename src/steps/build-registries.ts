/**
 * Registries for the build step: credentials per registry, one client each, the push preflight
 * (every target, in parallel, before anything is built) and the builder's own logins.
 */
import * as core from '../adapters/github/runner.js';
import { mapLimit } from '../adapters/concurrency.js';
import { RegistryClient, type RegistryClientOptions } from '../adapters/registry/client.js';
import { toolLogin, type JobDir } from '../adapters/registry/login.js';
import { findStoredLogins } from '../adapters/registry/credential-sources.js';
import { RegistryRequestError, withRegistryKind } from '../adapters/registry/errors.js';
import type { RegistryKind } from '../core/targets.js';
import { anonymousRegistries, isLoopbackRegistry, registriesForStoredLogins, resolveLogins, type CredentialInputs, type RegistryLogin, type StoredLogin } from '../core/build/credentials.js';
import type { BuilderName } from '../core/build/types.js';
import type { PlannedTarget } from '../core/plan.js';
import { errorMessage } from '../core/errors.js';
import { homedir } from 'node:os';

export type ClientFor = (registry: string) => RegistryClient;

export type StoredLoginLookup = (registries: string[]) => Promise<StoredLogin[]>;

/** The runner's stored logins (docker config, credential helpers, containers auth.json), masked as found. */
export function runnerStoredLogins(env: Record<string, string | undefined>): StoredLoginLookup {
  return (registries) =>
    findStoredLogins(registries, { env, home: env.HOME || homedir(), uid: process.getuid?.() ?? 0 }, { mask: core.setSecret, warn: core.warning, debug: core.debug });
}

/**
 * Credentials per registry (see core/build/credentials.ts for the order). Stored logins are looked
 * up only for registries our inputs leave open. The log names each registry's source, never a value.
 */
export async function registryLogins(
  targets: Array<Pick<PlannedTarget, 'registry' | 'kind'>>,
  inputs: CredentialInputs,
  env: Record<string, string | undefined>,
  lookup: StoredLoginLookup = runnerStoredLogins(env)
): Promise<RegistryLogin[]> {
  const open = registriesForStoredLogins(targets, inputs);
  const stored = open.length > 0 ? await lookup(open) : [];
  const logins = resolveLogins(targets, inputs, env.GITHUB_ACTOR ?? '', stored);
  for (const l of logins) core.info(`${l.registry}: credentials from ${l.source}${l.origin === 'stored' ? ' (a login this runner already had)' : ''}`);
  return logins;
}

/** One client per registry host, with its credentials; loopback registries over plain HTTP. */
export function registryClients(logins: RegistryLogin[], options: Partial<RegistryClientOptions> = {}): ClientFor {
  const clients = new Map<string, RegistryClient>();
  return (registry) => {
    let c = clients.get(registry);
    if (!c) {
      const login = logins.find((l) => l.registry === registry);
      c = new RegistryClient({
        registry,
        insecureHttp: isLoopbackRegistry(registry),
        credentials: login ? { username: login.username, password: login.password } : undefined,
        log: core.debug,
        userAgent: 'aim-build',
        ...options
      });
      clients.set(registry, c);
    }
    return c;
  };
}

export class PreflightError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreflightError';
  }
}

/**
 * Push permission for every target repository: a blob upload is started and cancelled (nothing
 * is left behind). All denials are reported together, in seconds, before the build starts.
 */
export async function preflight(targets: Array<Pick<PlannedTarget, 'registry' | 'repository' | 'image'> & { kind?: RegistryKind }>, logins: RegistryLogin[], clientFor: ClientFor): Promise<void> {
  const unique = targets.filter((t, i) => targets.findIndex((u) => u.registry === t.registry && u.repository === t.repository) === i);
  for (const registry of anonymousRegistries(targets, logins)) {
    core.info(`${registry}: no credentials (no registry-auth line, username/password, stored docker/containers login, or github-token for GHCR); trying anonymously`);
  }
  const started = Date.now();
  const results = await mapLimit(unique, 4, async (t) => {
    try {
      await clientFor(t.registry).checkPushAccess(t.repository);
      return undefined;
    } catch (e) {
      const login = logins.find((l) => l.registry === t.registry);
      const err = e instanceof RegistryRequestError && t.kind ? withRegistryKind(e, t.kind, login?.username) : e;
      return `  - ${t.image}: ${errorMessage(err)}${storedLoginNote(err, login)}`;
    }
  });
  const failures = results.filter((r): r is string => r !== undefined);
  if (failures.length > 0) {
    throw new PreflightError(
      `push preflight failed for ${failures.length} of ${unique.length} target(s) after ${((Date.now() - started) / 1000).toFixed(1)} s; nothing was built or pushed:\n${failures.join('\n')}`
    );
  }
  core.info(`push preflight: ${unique.length} target repository(ies) accept pushes (${Date.now() - started} ms)`);
}

/** A rejected stored login: say where it came from and how to repair it. */
function storedLoginNote(e: unknown, login: RegistryLogin | undefined): string {
  if (!login || login.origin !== 'stored' || !(e instanceof RegistryRequestError) || (e.kind !== 'auth' && e.kind !== 'denied')) return '';
  return ` The credentials came from ${login.source}: ${login.fix ?? 'log in again'}.`;
}

/**
 * The builder's logins into the job-private config, for base-image pulls and registry caches.
 * When not pushing, a failed login is only a warning (the build may not need it).
 */
export async function builderLogins(builder: BuilderName, logins: RegistryLogin[], job: JobDir, push: boolean): Promise<void> {
  for (const login of logins) {
    try {
      await toolLogin(builder, login, job);
      core.info(`${login.registry}: ${builder === 'buildah' ? 'buildah' : 'docker'} login as '${login.username}' (${login.source}) into the job-private config`);
    } catch (e) {
      if (push) throw e;
      core.warning(`${errorMessage(e)} (not pushing, so the build continues)`);
    }
  }
}
