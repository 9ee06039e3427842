/**
 * Logins the runner already has, where the docker and containers tools keep them — so a workflow
 * that runs docker/login-action, aliyun/acr-login, `docker login` or `buildah login` first just
 * works. Read only: the runner's files are never written.
 *
 * Files, in this order (the first that has the registry wins):
 *  1. docker: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. Per docker's CLI:
 *     `credHelpers.<host>`, else `credsStore`, through `docker-credential-<name> get`; then
 *     `auths.<key>` (`auth` = base64 `user:password`, `identitytoken`, or `username`/`password`).
 *  2. containers (buildah, podman, skopeo; containers-auth.json(5)): `$REGISTRY_AUTH_FILE`, else
 *     `$XDG_RUNTIME_DIR/containers/auth.json` (`/run/containers/<uid>/auth.json` when XDG_RUNTIME_DIR
 *     is unset), then `$XDG_CONFIG_HOME/containers/auth.json` (`~/.config/containers/auth.json`);
 *     `credHelpers.<host>` then `auths.<key>`.
 * Keys match as docker writes them: `host:port`, with or without `http(s)://`, with a path
 * (`https://index.docker.io/v1/` is Docker Hub; `docker.io`, `index.docker.io` and
 * `registry-1.docker.io` are the same registry). An exact key wins over a normalised one.
 *
 * Credential helper protocol (docker-credential-helpers): `docker-credential-<name> get`, the
 * server URL on stdin, `{"ServerURL","Username","Secret"}` on stdout; Username `<token>` means the
 * secret is an identity token. The helper gets a minimal environment (no action inputs, no runner
 * tokens), a time limit and a cap on its output.
 *
 * Every secret found is masked (`::add-mask::`) before anything else happens; the log names the
 * source, never a value.
 */
import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoredLogin } from '../../core/build/credentials.js';

export interface CredentialSourceEnv {
  env: Record<string, string | undefined>;
  home: string;
  uid: number;
}

export interface CredentialSourceDeps {
  /** `::add-mask::` */
  mask: (secret: string) => void;
  warn: (message: string) => void;
  debug?: (message: string) => void;
  helperTimeoutMs?: number;
}

const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';
const DOCKER_HUB_HOSTS = ['docker.io', 'index.docker.io', 'registry-1.docker.io'];
const MAX_FILE_BYTES = 4 * 1024 * 1024;
const MAX_HELPER_OUTPUT = 1024 * 1024;

interface AuthEntry {
  auth?: unknown;
  identitytoken?: unknown;
  username?: unknown;
  password?: unknown;
}

interface ConfigFile {
  auths?: Record<string, AuthEntry>;
  credHelpers?: Record<string, unknown>;
  credsStore?: unknown;
}

type FileKind = 'docker' | 'containers';

interface Candidate {
  path: string;
  kind: FileKind;
}

/** The files to read, in order (see the module comment). */
export function credentialFiles({ env, home, uid }: CredentialSourceEnv): Candidate[] {
  const files: Candidate[] = [{ path: join(env.DOCKER_CONFIG || join(home, '.docker'), 'config.json'), kind: 'docker' }];
  if (env.REGISTRY_AUTH_FILE) files.push({ path: env.REGISTRY_AUTH_FILE, kind: 'containers' });
  else files.push({ path: env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json') : `/run/containers/${uid}/auth.json`, kind: 'containers' });
  files.push({ path: join(env.XDG_CONFIG_HOME || join(home, '.config'), 'containers', 'auth.json'), kind: 'containers' });
  return files.filter((f, i) => files.findIndex((g) => g.path === f.path) === i);
}

/** `https://Index.Docker.io/v1/` → `index.docker.io`; `host:5000/path` → `host:5000`; hub aliases → index.docker.io. */
export function normalizeRegistryKey(key: string): string {
  const host = key.trim().replace(/^https?:\/\//i, '').split('/')[0].toLowerCase();
  return DOCKER_HUB_HOSTS.includes(host) ? 'index.docker.io' : host;
}

function isDockerHub(registry: string): boolean {
  return DOCKER_HUB_HOSTS.includes(registry.toLowerCase());
}

/** The keys tried exactly, best first. */
function exactKeys(registry: string): string[] {
  return isDockerHub(registry) ? [DOCKER_HUB_KEY, ...DOCKER_HUB_HOSTS] : [registry];
}

function findKey<T>(map: Record<string, T> | undefined, registry: string): string | undefined {
  if (!map || typeof map !== 'object') return undefined;
  const keys = Object.keys(map);
  for (const k of exactKeys(registry)) if (keys.includes(k)) return k;
  const want = normalizeRegistryKey(registry);
  // a bare host key before one with a scheme or path
  return keys.filter((k) => normalizeRegistryKey(k) === want).sort((a, b) => a.length - b.length)[0];
}

/** The server address a credential helper is asked for (docker asks for the Hub's v1 URL). */
function helperServer(registry: string): string {
  return isDockerHub(registry) ? DOCKER_HUB_KEY : registry;
}

async function readConfig(file: Candidate, deps: CredentialSourceDeps): Promise<ConfigFile | undefined> {
  try {
    const s = await stat(file.path);
    if (!s.isFile()) return undefined;
    if (s.size > MAX_FILE_BYTES) {
      deps.warn(`${file.path} is larger than 4 MiB; its logins are not read`);
      return undefined;
    }
    const parsed = JSON.parse(await readFile(file.path, 'utf8')) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
    return parsed as ConfigFile;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    // never echo the content: it holds secrets
    deps.warn(`${file.path} could not be read as a ${file.kind === 'docker' ? 'docker config' : 'containers auth'} file (${code ?? (e instanceof SyntaxError ? 'invalid JSON' : (e as Error).message)}); its logins are ignored`);
    return undefined;
  }
}

interface Found {
  username: string;
  password: string;
  identityToken?: boolean;
}

/** One `auths` entry; undefined for the empty markers docker writes when a credential store holds the secret. */
function decodeEntry(entry: AuthEntry, key: string, path: string, deps: CredentialSourceDeps): Found | undefined {
  if (!entry || typeof entry !== 'object') return undefined;
  let username = '';
  let password = '';
  if (typeof entry.auth === 'string' && entry.auth !== '') {
    deps.mask(entry.auth);
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) {
      deps.warn(`${path}: the "auth" value of auths[${quote(key)}] is not base64 of user:password; it is ignored`);
    } else {
      username = decoded.slice(0, colon);
      password = decoded.slice(colon + 1).replace(/\0+$/, '');
    }
  } else if (typeof entry.username === 'string' && typeof entry.password === 'string') {
    username = entry.username;
    password = entry.password;
  }
  if (typeof entry.identitytoken === 'string' && entry.identitytoken !== '') {
    deps.mask(entry.identitytoken);
    return { username: username || '<token>', password: entry.identitytoken, identityToken: true };
  }
  if (password === '') return undefined;
  deps.mask(password);
  return { username, password };
}

/** Only the variables a credential helper may need; never INPUT_*, ACTIONS_*, GITHUB_TOKEN. */
export function helperEnv(env: Record<string, string | undefined>): Record<string, string> {
  const keep = /^(PATH|HOME|USER|LOGNAME|LANG|LC_ALL|TMPDIR|TZ|DOCKER_CONFIG|DBUS_SESSION_BUS_ADDRESS|PASSWORD_STORE_DIR|GNUPGHOME|XDG_[A-Z_]+|(HTTPS?|NO|ALL)_PROXY|(https?|no|all)_proxy|AWS_[A-Z0-9_]+|GOOGLE_[A-Z0-9_]+|CLOUDSDK_[A-Z0-9_]+|AZURE_[A-Z0-9_]+|ALIBABA_CLOUD_[A-Z0-9_]+|ALICLOUD_[A-Z0-9_]+|SSL_CERT_(FILE|DIR))$/;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && keep.test(k)) out[k] = v;
  return out;
}

export class CredentialHelperError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialHelperError';
  }
}

/**
 * `docker-credential-<name> get`: undefined when the helper has nothing for `server`. Throws
 * {@link CredentialHelperError} (the message never holds its output) when it cannot be run.
 */
export async function helperGet(name: string, server: string, env: Record<string, string | undefined>, timeoutMs = 30_000): Promise<Found | undefined> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) throw new CredentialHelperError(`credential helper name '${name}' is not valid (letters, digits, '.', '_', '-')`);
  const program = `docker-credential-${name}`;
  const { code, stdout, error } = await new Promise<{ code: number | null; stdout: string; error?: string }>((resolve) => {
    const child = spawn(program, ['get'], { env: helperEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const done = (r: { code: number | null; stdout: string; error?: string }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done({ code: null, stdout: '', error: `did not answer within ${Math.round(timeoutMs / 1000)} s` });
    }, timeoutMs);
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_HELPER_OUTPUT) {
        child.kill('SIGKILL');
        done({ code: null, stdout: '', error: 'answered with more than 1 MiB' });
      } else chunks.push(c);
    });
    child.stderr.resume();
    child.on('error', (e: NodeJS.ErrnoException) => done({ code: null, stdout: '', error: e.code === 'ENOENT' ? `${program} is not on PATH` : e.message }));
    child.on('close', (c) => done({ code: c, stdout: Buffer.concat(chunks).toString('utf8') }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(server);
  });
  if (error) throw new CredentialHelperError(`${program} get ${server}: ${error}`);
  if (code !== 0) {
    // docker-credential-helpers' "credentials not found in native keychain" is a normal answer
    if (/credentials not found/i.test(stdout)) return undefined;
    throw new CredentialHelperError(`${program} get ${server} failed with exit code ${code}`);
  }
  let parsed: { Username?: unknown; Secret?: unknown };
  try {
    parsed = JSON.parse(stdout) as { Username?: unknown; Secret?: unknown };
  } catch {
    throw new CredentialHelperError(`${program} get ${server} did not answer with JSON {ServerURL, Username, Secret}`);
  }
  if (typeof parsed.Secret !== 'string' || parsed.Secret === '') return undefined;
  const username = typeof parsed.Username === 'string' ? parsed.Username : '';
  return username === '<token>' ? { username, password: parsed.Secret, identityToken: true } : { username, password: parsed.Secret };
}

/** A key of the file as JSON: a newline in it cannot start a runner command in the log. */
function quote(key: string): string {
  return JSON.stringify(key);
}

function describe(file: Candidate): string {
  return `${file.kind === 'docker' ? 'docker config' : 'containers auth file'} ${file.path}`;
}

function loginCommand(file: Candidate, registry: string): string {
  const host = isDockerHub(registry) ? '' : ` ${registry}`;
  return file.kind === 'docker'
    ? `log in again (docker/login-action, aliyun/acr-login or \`docker login${host}\`)`
    : `log in again (\`buildah login${host}\` or \`podman login${host}\`${file.path ? ` with REGISTRY_AUTH_FILE=${file.path}` : ''})`;
}

const PRECEDENCE_FIX = 'or give `registry-auth` / `username` + `password`, which win over stored logins';

async function fromHelper(name: string, registry: string, file: Candidate, why: string, opts: CredentialSourceEnv, deps: CredentialSourceDeps): Promise<StoredLogin | undefined> {
  const server = helperServer(registry);
  let found: Found | undefined;
  try {
    found = await helperGet(name, server, opts.env, deps.helperTimeoutMs);
  } catch (e) {
    deps.warn(`${registry}: ${why} in ${file.path} names a credential helper that failed (${(e as Error).message}); this login is skipped`);
    return undefined;
  }
  if (!found) return undefined;
  deps.mask(found.password);
  return {
    registry,
    ...found,
    source: `credential helper docker-credential-${name} (${why} in ${file.path})`,
    fix: `update the login that docker-credential-${name} stores for ${server}: ${loginCommand(file, registry)}, ${PRECEDENCE_FIX}`
  };
}

async function lookupIn(file: Candidate, config: ConfigFile, registry: string, opts: CredentialSourceEnv, deps: CredentialSourceDeps): Promise<StoredLogin | undefined> {
  const helperKey = findKey(config.credHelpers, registry);
  if (helperKey !== undefined) {
    const name = config.credHelpers?.[helperKey];
    if (typeof name === 'string' && name !== '') return fromHelper(name, registry, file, `credHelpers[${quote(helperKey)}]`, opts, deps);
  }
  if (file.kind === 'docker' && typeof config.credsStore === 'string' && config.credsStore !== '') {
    const viaStore = await fromHelper(config.credsStore, registry, file, 'credsStore', opts, deps);
    if (viaStore) return viaStore;
  }
  const key = findKey(config.auths, registry);
  if (key === undefined || !config.auths) return undefined;
  const found = decodeEntry(config.auths[key], key, file.path, deps);
  if (!found) return undefined;
  return { registry, ...found, source: `${describe(file)} (auths[${quote(key)}])`, fix: `the stored login in ${file.path} is out of date: ${loginCommand(file, registry)}, ${PRECEDENCE_FIX}` };
}

/** The first stored login for each registry (registries without one are left out). */
export async function findStoredLogins(registries: string[], opts: CredentialSourceEnv, deps: CredentialSourceDeps): Promise<StoredLogin[]> {
  if (registries.length === 0) return [];
  const files: Array<[Candidate, ConfigFile]> = [];
  for (const file of credentialFiles(opts)) {
    const config = await readConfig(file, deps);
    if (config) files.push([file, config]);
  }
  const out: StoredLogin[] = [];
  for (const registry of [...new Set(registries)]) {
    for (const [file, config] of files) {
      const found = await lookupIn(file, config, registry, opts, deps);
      if (found) {
        out.push(found);
        break;
      }
    }
  }
  deps.debug?.(`stored logins: read ${files.map(([f]) => f.path).join(', ') || 'no file'}; found for ${out.map((l) => l.registry).join(', ') || 'no registry'}`);
  return out;
}
