/**
 * Registry logins for the builder (it pulls base images and reads/writes registry caches; the
 * push itself is ours), into a JOB-PRIVATE directory under RUNNER_TEMP (0700):
 *  - buildah: `buildah login --authfile <dir>/auth.json --password-stdin` → REGISTRY_AUTH_FILE;
 *  - buildx / docker: `docker login --password-stdin` with DOCKER_CONFIG=<dir>/docker, a copy of
 *    the runner's config without its credential store, so the runner's own credentials (e.g. the
 *    Docker Hub login of GitHub-hosted runners) are read but never overwritten. cli-plugins,
 *    contexts and buildx state are linked so `docker buildx` finds its plugin and builders.
 * The password only ever goes to stdin. "Logout" is deleting the directory (main step's finally,
 * and the post step for a cancelled job).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execTool, tail } from '../exec.js';
import { RegistryError } from '../../core/errors.js';
import { isLoopbackRegistry, type RegistryLogin } from '../../core/build/credentials.js';
import type { BuilderName } from '../../core/build/types.js';

export interface JobDir {
  dir: string;
  /** REGISTRY_AUTH_FILE for buildah / skopeo */
  authFile: string;
  /** DOCKER_CONFIG for docker / buildx */
  dockerConfig: string;
}

/** `<RUNNER_TEMP>/aim-build-<uuid>`, mode 0700. */
export async function createJobDir(runnerTemp: string | undefined): Promise<JobDir> {
  const dir = join(runnerTemp || tmpdir(), `aim-build-${randomUUID()}`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const authFile = join(dir, 'auth.json');
  // buildah refuses a REGISTRY_AUTH_FILE that does not exist; start with no logins
  await writeFile(authFile, '{"auths":{}}\n', { mode: 0o600 });
  return { dir, authFile, dockerConfig: join(dir, 'docker') };
}

/** Best effort; used by the main step's finally and the post step. */
export async function removeJobDir(dir: string): Promise<void> {
  if (!dir || !/aim-build-[0-9a-f-]{36}$/.test(dir)) return; // only ever a directory this action created
  await rm(dir, { recursive: true, force: true });
}

/** The job-private DOCKER_CONFIG: the runner's config.json minus credential stores, links to plugins/contexts/buildx. */
export async function prepareDockerConfig(job: JobDir, original: string = process.env.DOCKER_CONFIG || join(homedir(), '.docker')): Promise<void> {
  await mkdir(job.dockerConfig, { recursive: true, mode: 0o700 });
  let config: Record<string, unknown> = {};
  try {
    config = JSON.parse(await readFile(join(original, 'config.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    /* no config yet */
  }
  delete config.credsStore;
  delete config.credHelpers;
  await writeFile(join(job.dockerConfig, 'config.json'), JSON.stringify(config, null, 2), { mode: 0o600 });
  await mkdir(join(original, 'buildx'), { recursive: true }).catch(() => undefined);
  for (const sub of ['cli-plugins', 'contexts', 'buildx']) {
    if (existsSync(join(original, sub))) await symlink(join(original, sub), join(job.dockerConfig, sub)).catch(() => undefined);
  }
}

/** Environment that points a builder at the job-private credentials. */
export function builderAuthEnv(builder: BuilderName, job: JobDir): Record<string, string> {
  return builder === 'buildah' ? { REGISTRY_AUTH_FILE: job.authFile } : { DOCKER_CONFIG: job.dockerConfig };
}

/**
 * An identity token (docker's `identitytoken`, a credential helper's `<token>` user) cannot go
 * through `login --password-stdin`: it is written as an `auths` entry into the JOB-PRIVATE file
 * (0600), where buildah (containers/image) and docker read it the same way.
 */
export async function writeIdentityToken(builder: BuilderName, login: RegistryLogin, job: JobDir): Promise<void> {
  const file = builder === 'buildah' ? job.authFile : join(job.dockerConfig, 'config.json');
  if (builder !== 'buildah') await mkdir(job.dockerConfig, { recursive: true, mode: 0o700 });
  let config: { auths?: Record<string, unknown> } = {};
  try {
    config = JSON.parse(await readFile(file, 'utf8')) as typeof config;
  } catch {
    /* new file */
  }
  const hub = ['docker.io', 'index.docker.io', 'registry-1.docker.io'].includes(login.registry);
  const key = hub ? (builder === 'buildah' ? 'docker.io' : 'https://index.docker.io/v1/') : login.registry;
  const user = login.username === '<token>' ? '' : login.username;
  config.auths = { ...(config.auths ?? {}), [key]: { auth: Buffer.from(`${user}:`, 'utf8').toString('base64'), identitytoken: login.password } };
  await writeFile(file, JSON.stringify(config, null, 2), { mode: 0o600 });
  await chmod(file, 0o600);
}

/** One login with the builder's own tool; the password goes to stdin only. */
export async function toolLogin(builder: BuilderName, login: RegistryLogin, job: JobDir): Promise<void> {
  if (login.identityToken) return writeIdentityToken(builder, login, job);
  const loopback = isLoopbackRegistry(login.registry);
  const r =
    builder === 'buildah'
      ? await execTool('buildah', ['login', '--authfile', job.authFile, '--username', login.username, '--password-stdin', ...(loopback ? ['--tls-verify=false'] : []), login.registry], {
          input: `${login.password}\n`
        })
      : await execTool('docker', ['login', '--username', login.username, '--password-stdin', login.registry], { input: login.password, env: { DOCKER_CONFIG: job.dockerConfig } });
  if (r.exitCode !== 0) {
    const tool = builder === 'buildah' ? 'buildah login' : 'docker login';
    const tls = /x509|certificate/i.test(r.stderr)
      ? `; the registry's certificate is not trusted by ${tool.split(' ')[0]}: put its CA in ${builder === 'buildah' ? '/etc/containers/certs.d' : '/etc/docker/certs.d'}/${login.registry}/ca.crt`
      : '';
    const fix = login.fix ? `The credentials came from ${login.source}: ${login.fix}` : 'Check the credentials for this registry';
    throw new RegistryError(login.registry, `${tool} as '${login.username}' (${login.source}) failed: ${tail(r, 3)}`, `${fix}${tls}`);
  }
}
