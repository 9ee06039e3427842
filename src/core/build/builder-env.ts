/**
 * The environment a builder process (buildah, buildx, docker, and their logins) gets: built by
 * ALLOW-LIST, never by copying the runner's, like the scanner's (../scan/scanner-env.ts).
 *
 * The runner hands this action its inputs as `INPUT_*` variables: `INPUT_PASSWORD`,
 * `INPUT_REGISTRY-AUTH`, `INPUT_SECRETS`, `INPUT_GITHUB-TOKEN`, … A builder needs none of them
 * (logins go through `--password-stdin` into a job-private file, build secrets through 0600 files
 * or one named variable per secret that the step adds itself), and a build tool, its plugins or a
 * credential helper it launches should not find them. Neither does it get GITHUB_TOKEN or the
 * runner's other variables. What a builder does need passes: the tool's own settings (BUILDAH_*,
 * BUILDX_*, BUILDKIT_*, DOCKER_*, CONTAINERS_*, STORAGE_*), where it keeps state (HOME, XDG_*,
 * DOCKER_CONFIG, REGISTRY_AUTH_FILE), locale, proxies and CA files, SOURCE_DATE_EPOCH, and the
 * Actions cache service that buildx's `type=gha` cache reads from the environment.
 */
import { SECRET_ENV_NAME, type Env } from '../scan/scanner-env.js';

/** Passed through when set. */
export const BUILDER_ENV_ALLOW = [
  'PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'TERM', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR',
  'SSL_CERT_FILE', 'SSL_CERT_DIR',
  'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'all_proxy',
  'XDG_RUNTIME_DIR', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_CONFIG_DIRS', 'XDG_DATA_DIRS',
  'REGISTRY_AUTH_FILE', 'SOURCE_DATE_EPOCH', 'CI', 'GITHUB_ACTIONS',
  // buildx `type=gha` cache: the runner's cache service (not an input of ours)
  'ACTIONS_CACHE_URL', 'ACTIONS_RESULTS_URL', 'ACTIONS_RUNTIME_TOKEN', 'ACTIONS_CACHE_SERVICE_V2'
] as const;

/** Tool settings, by prefix; a name that looks like a secret (DOCKER_PASSWORD, …) is still dropped. */
export const BUILDER_ENV_PREFIXES = ['BUILDAH_', 'BUILDX_', 'BUILDKIT_', 'DOCKER_', 'CONTAINERS_', 'STORAGE_', 'PODMAN_', 'QEMU_'] as const;

/** Runner-provided names allowed although they look like secrets (the Actions cache token). */
const ALLOWED_SECRET_NAMES = new Set<string>(['ACTIONS_RUNTIME_TOKEN']);

export function builderEnvAllowed(name: string): boolean {
  if (name.startsWith('INPUT_')) return false;
  const listed = (BUILDER_ENV_ALLOW as readonly string[]).includes(name) || BUILDER_ENV_PREFIXES.some((p) => name.startsWith(p));
  return listed && (!SECRET_ENV_NAME.test(name) || ALLOWED_SECRET_NAMES.has(name));
}

/**
 * The runner's allow-listed variables plus `extra`: what the step sets for this one process
 * (DOCKER_CONFIG / REGISTRY_AUTH_FILE of the job, `AIM_BUILD_SECRET_n` for a buildx secret,
 * tool switches), which always passes.
 */
export function builderEnvironment(source: Env, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) if (value !== undefined && builderEnvAllowed(name)) env[name] = value;
  return { ...env, ...extra };
}
