/**
 * The environment a scanner process gets: built by ALLOW-LIST, never by copying the runner's.
 *
 * A scanner of a local image layout needs no registry credentials, and the runner's environment
 * is full of them: GITHUB_TOKEN and every `INPUT_*` (the action's own `password` input arrives as
 * INPUT_PASSWORD), ACTIONS_RUNTIME_TOKEN / ACTIONS_ID_TOKEN_REQUEST_TOKEN (cache and OIDC),
 * DOCKER_CONFIG / REGISTRY_AUTH_FILE / XDG_RUNTIME_DIR (where docker, buildah and podman keep
 * logins), cloud keys. A compromised scanner binary (the trivy-action hijack stole exactly these)
 * finds none of them: HOME points at an empty scratch directory, so `~/.docker/config.json` is
 * not there either.
 */

export type Env = Record<string, string | undefined>;

/** Passed through when set: the process needs them to find programs, certificates and the network. */
export const SCANNER_ENV_ALLOW = [
  'PATH',
  'LANG',
  'LC_ALL',
  'TZ',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  // DB mirrors (addresses, not secrets), so users can route around a rate-limited DB registry
  'TRIVY_DB_REPOSITORY',
  'TRIVY_JAVA_DB_REPOSITORY',
  'GRYPE_DB_UPDATE_URL'
] as const;

/** A variable name that may hold a secret. Nothing with such a name reaches a scanner, allow-listed or not. */
export const SECRET_ENV_NAME = /(TOKEN|PASSWORD|PASSWD|SECRET|CREDENTIAL|AUTH|API_?KEY|PRIVATE|SESSION)/i;

export interface ScannerEnvOptions {
  /** an empty scratch directory: HOME, XDG config and cache */
  home: string;
  tmpDir: string;
  /** tool settings (GRYPE_DB_CACHE_DIR, …); checked against SECRET_ENV_NAME like everything else */
  extra?: Record<string, string>;
}

/** @throws Error when `extra` carries a secret-looking name (a programming error, not user input) */
export function scannerEnvironment(source: Env, o: ScannerEnvOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of SCANNER_ENV_ALLOW) {
    const value = source[name];
    if (value !== undefined && value !== '' && !SECRET_ENV_NAME.test(name)) env[name] = value;
  }
  env.PATH ??= '/usr/local/bin:/usr/bin:/bin';
  Object.assign(env, {
    HOME: o.home,
    TMPDIR: o.tmpDir,
    XDG_CONFIG_HOME: `${o.home}/.config`,
    XDG_CACHE_HOME: `${o.home}/.cache`,
    XDG_DATA_HOME: `${o.home}/.local/share`
  });
  for (const [name, value] of Object.entries(o.extra ?? {})) {
    if (SECRET_ENV_NAME.test(name)) throw new Error(`refusing to pass ${name} to a scanner process: the name looks like a secret`);
    env[name] = value;
  }
  return env;
}
