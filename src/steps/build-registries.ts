/**
 * Registries for the build step: credentials per registry, one client each, the push preflight
 * (every target, in parallel, before anything is built) and the builder's own logins.
 */
import * as core from '../adapters/github/runner.js';
import { mapLimit } from '../adapters/concurrency.js';
import { RegistryClient, type RegistryClientOptions } from '../adapters/registry/client.js';
import { toolLogin, type JobDir } from '../adapters/registry/login.js';
import { anonymousRegistries, isLoopbackRegistry, type RegistryLogin } from '../core/build/credentials.js';
import type { BuilderName } from '../core/build/types.js';
import type { PlannedTarget } from '../core/plan.js';
import { errorMessage } from '../core/errors.js';

export type ClientFor = (registry: string) => RegistryClient;

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
export async function preflight(targets: Array<Pick<PlannedTarget, 'registry' | 'repository' | 'image'>>, logins: RegistryLogin[], clientFor: ClientFor): Promise<void> {
  const unique = targets.filter((t, i) => targets.findIndex((u) => u.registry === t.registry && u.repository === t.repository) === i);
  for (const registry of anonymousRegistries(targets, logins)) {
    core.info(`${registry}: no credentials given (registry-auth, username/password, or github-token for GHCR); trying anonymously`);
  }
  const started = Date.now();
  const results = await mapLimit(unique, 4, async (t) => {
    try {
      await clientFor(t.registry).checkPushAccess(t.repository);
      return undefined;
    } catch (e) {
      return `  - ${t.image}: ${errorMessage(e)}`;
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
