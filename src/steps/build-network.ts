/**
 * Internal-network builds, the I/O half (the rules are core/build/network.ts): decide the network
 * (inputs, AI_INFRA_NETWORK_ENV / INTERNAL_REGISTRY, or one short probe of the public registry),
 * read the Dockerfile's base images, check each one is in the internal mirror (one HEAD each), and
 * give the builder its redirection: buildx build contexts or a job-private registries.conf for buildah.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '../adapters/github/runner.js';
import { mapLimit } from '../adapters/concurrency.js';
import { RegistryClient, type RegistryClientOptions } from '../adapters/registry/client.js';
import { toolLogin, type JobDir } from '../adapters/registry/login.js';
import { isLoopbackRegistry, resolveLogins } from '../core/build/credentials.js';
import { buildContextsFor, decideNetwork, missingFromMirror, networkMarkdown, networkSettings, planRewrites, registriesConf, type ProbeOutcome, type Rewrite } from '../core/build/network.js';
import type { BuilderName, BuildInputs } from '../core/build/types.js';
import { errorMessage } from '../core/errors.js';
import { readSourceFile } from './mirror.js';

/** The public registry `auto` probes (Docker Hub's API endpoint). */
export const PUBLIC_REGISTRY_PROBE = 'https://registry-1.docker.io/v2/';
export const PROBE_TIMEOUT_MS = 3000;

export interface NetworkPrep {
  /** extra `--build-context` pairs (buildx) */
  buildContexts: Array<[string, string]>;
  /** extra environment for the builder (buildah: CONTAINERS_REGISTRIES_CONF) */
  env: Record<string, string>;
  /** job summary section ('' when nothing to say) */
  markdown: string;
  rewrites: Rewrite[];
}

export interface NetworkDeps {
  fetch?: typeof fetch;
  /** the URL `auto` probes (tests: a loopback server) */
  probeUrl?: string;
  probeTimeoutMs?: number;
  clientOptions?: Partial<RegistryClientOptions>;
}

/** One GET with a short timeout: any HTTP answer means the public registry is reachable. */
export async function probePublicRegistry(url: string, timeoutMs: number, fetchFn: typeof fetch = globalThis.fetch): Promise<ProbeOutcome> {
  const started = performance.now();
  try {
    const res = await fetchFn(url, { method: 'GET', signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await res.body?.cancel();
    return { reachable: true, detail: `HTTP ${res.status} in ${Math.round(performance.now() - started)} ms` };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const timedOut = err.name === 'TimeoutError' || err.name === 'AbortError';
    return { reachable: false, detail: timedOut ? `no answer within ${timeoutMs} ms` : (err.cause?.code ?? err.cause?.message ?? err.message) };
  }
}

export async function prepareNetwork(inputs: BuildInputs, builder: BuilderName, env: NodeJS.ProcessEnv, job: JobDir, deps: NetworkDeps = {}): Promise<NetworkPrep> {
  const none: NetworkPrep = { buildContexts: [], env: {}, markdown: '', rewrites: [] };
  const settings = networkSettings({ network: core.getInput('network'), internalRegistry: core.getInput('internal-registry') }, env);
  if (settings.mode === 'auto' && !settings.internal) return none;
  const probeUrl = deps.probeUrl ?? PUBLIC_REGISTRY_PROBE;
  const probe = settings.mode === 'auto' ? await probePublicRegistry(probeUrl, deps.probeTimeoutMs ?? PROBE_TIMEOUT_MS, deps.fetch) : undefined;
  const decision = decideNetwork(settings, new URL(probeUrl).host, probe);
  core.info(decision.reason);
  if (!decision.internal || !settings.internal) return { ...none, markdown: networkMarkdown(decision, []) };
  const internal = settings.internal;

  const dockerfile = inputs.file || join(inputs.context, 'Dockerfile');
  const { baseImages } = await import('../core/mirror/base-images.js');
  const bases = baseImages([readSourceFile(dockerfile, 'file')], Object.fromEntries(inputs.buildArgs));
  const own = new Set(inputs.buildContexts.map(([k]) => k));
  const rewrites = planRewrites(bases, internal).filter((r) => !own.has(r.name));
  for (const r of rewrites) core.info(`base image ${r.name} → ${r.mirror} (${r.file}:${r.line})`);

  const [login] = resolveLogins([{ registry: internal.domain, kind: 'generic' }], inputs, env.GITHUB_ACTOR ?? '');
  const client = new RegistryClient({ registry: internal.domain, insecureHttp: isLoopbackRegistry(internal.domain), credentials: login ? { username: login.username, password: login.password } : undefined, fetch: deps.fetch, log: core.debug, ...deps.clientOptions });
  const present = await mapLimit(rewrites, 4, async (r) => {
    const ref = r.mirror.includes('@') ? r.mirror.slice(r.mirror.indexOf('@') + 1) : r.mirror.slice(r.mirror.lastIndexOf(':') + 1);
    try {
      return (await client.headManifest(r.mirrorPath, ref)) !== undefined;
    } catch (e) {
      throw new Error(`could not check ${r.mirror} in the internal mirror: ${errorMessage(e)}`, { cause: e });
    }
  });
  const missing = rewrites.filter((_, i) => !present[i]);
  if (missing.length) throw new Error(missingFromMirror(missing, internal));

  const markdown = networkMarkdown(decision, rewrites);
  if (rewrites.length === 0) return { ...none, markdown };
  if (builder === 'docker') throw new Error('network is internal but the docker builder (without buildx) cannot redirect base images; use buildx or buildah (builder input)');
  if (login) await toolLogin(builder, login, job);
  if (builder === 'buildah') {
    const conf = join(job.dir, 'registries.conf');
    writeFileSync(conf, registriesConf(rewrites, isLoopbackRegistry), { mode: 0o600 });
    return { buildContexts: [], env: { CONTAINERS_REGISTRIES_CONF: conf }, markdown, rewrites };
  }
  return { buildContexts: buildContextsFor(rewrites), env: {}, markdown, rewrites };
}

/** Names of the inputs read above; a test keeps action.yml in step with them. */
export const NETWORK_INPUT_NAMES = ['network', 'internal-registry'];
