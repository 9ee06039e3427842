/**
 * Starts a REAL CNCF distribution registry (Debian's `docker-registry`, /usr/bin/docker-registry)
 * on 127.0.0.1 and a free port, for tests.
 *
 *   const reg = await startRegistry({ auth: { user: 'alice', password: 'pw' } });
 *   // reg.host === '127.0.0.1:PORT'; reg.url === 'http://127.0.0.1:PORT'
 *   await reg.stop();
 *
 * Options:
 *  - auth.scheme 'basic' (default): htpasswd auth, bcrypt via `htpasswd -Bin` (password on stdin).
 *    Every authenticated user may pull and push (that is all htpasswd can express).
 *  - auth.scheme 'token': the Docker token flow (`WWW-Authenticate: Bearer realm=…`), like GHCR,
 *    ACR and Harbor. A token server runs in this process; it checks Basic credentials and grants
 *    per user `actions` (default pull, push, delete), so a pull-only user gets `insufficient_scope`
 *    from the real registry when pushing.
 *  - tls: serve HTTPS with a throwaway CA (openssl); the server certificate's SAN has `hostname`
 *    (default 'localhost'), 'localhost' and IP 127.0.0.1. `caPath`/`caPem` expose the CA and
 *    `certDir` is a directory with `ca.crt` for `buildah/skopeo --cert-dir`.
 *    For an ACR-like name such as registry.cn-hangzhou.aliyuncs.com, clients must resolve the
 *    name to 127.0.0.1: scripts/ci-setup.sh adds it to /etc/hosts (Go tools need that); Node's
 *    fetch can instead use a dispatcher with a `connect.lookup` (see tlsFetch in this file).
 *  - failures: put a flaky proxy (./flaky-proxy.ts) in front; `host`/`url` then point to the proxy
 *    and `directHost` to the registry itself.
 *  - readOnly: distribution's maintenance read-only mode (writes answer 405 UNSUPPORTED).
 *  - deleteEnabled: storage.delete.enabled, true by default; false makes DELETE of a manifest
 *    answer 405 UNSUPPORTED (a registry where deletion is disabled, the distribution default).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID, sign, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startFlakyProxy, type FlakyProxy, type FlakyRule } from './flaky-proxy.js';
import { runSync, which, SETUP_HINT } from './tools.js';

export const REGISTRY_BIN = '/usr/bin/docker-registry';

/** The hostname used for the Alibaba-ACR-like TLS registry (mapped to 127.0.0.1 by ci-setup.sh). */
export const ACR_LIKE_HOSTNAME = 'registry.cn-hangzhou.aliyuncs.com';

export type RegistryAction = 'pull' | 'push' | 'delete' | '*';

export interface RegistryUser {
  user: string;
  password: string;
  /** token scheme only: actions granted on every repository (default pull, push, delete) */
  actions?: RegistryAction[];
}

export interface StartRegistryOptions {
  auth?: RegistryUser & { scheme?: 'basic' | 'token'; extraUsers?: RegistryUser[] };
  tls?: boolean;
  /** name the TLS certificate is issued for (default 'localhost') */
  hostname?: string;
  failures?: FlakyRule[];
  readOnly?: boolean;
  /** storage.delete.enabled (default true); false: DELETE of a manifest answers 405 UNSUPPORTED */
  deleteEnabled?: boolean;
}

export interface TokenServer {
  url: string;
  /** token requests seen: user ('' = anonymous), requested scopes and whether creds were accepted */
  readonly requests: Array<{ user: string; scopes: string[]; ok: boolean }>;
}

export interface TestRegistry {
  /** '127.0.0.1:PORT' (the proxy when `failures` is given) */
  host: string;
  /** http(s)://host */
  url: string;
  port: number;
  /** the registry itself, bypassing any proxy */
  directHost: string;
  /** the certificate name for TLS ('localhost' without TLS) */
  hostname: string;
  /** `${hostname}:${port}` — the name a client that resolves `hostname` to 127.0.0.1 uses */
  namedHost: string;
  tls: boolean;
  dir: string;
  caPath?: string;
  caPem?: string;
  /** directory with ca.crt, for `--cert-dir` of buildah/skopeo */
  certDir?: string;
  proxy?: FlakyProxy;
  tokenServer?: TokenServer;
  /** the registry's stdout+stderr so far */
  logs(): string;
  stop(): Promise<void>;
}

export function registryAvailable(): boolean {
  return which(REGISTRY_BIN) !== undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, logs: () => string, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with ${child.exitCode}:\n${logs()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok && /listening on/.test(logs())) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`docker-registry did not listen on 127.0.0.1:${port} within ${timeoutMs} ms:\n${logs()}`);
}

/** bcrypt htpasswd lines; passwords go to htpasswd on stdin (-i), never argv. */
function htpasswdFile(users: RegistryUser[]): string {
  return users.map((u) => runSync('htpasswd', ['-Bin', u.user], { input: `${u.password}\n` }).trim()).join('\n') + '\n';
}

interface Pki {
  caPath: string;
  caPem: string;
  certPath: string;
  keyPath: string;
  certDir: string;
}

/** Throwaway CA + server certificate (EC P-256) for `hostname`, localhost and 127.0.0.1. */
export function makeTestPki(dir: string, hostname: string): Pki {
  const p = (f: string): string => path.join(dir, f);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  runSync('openssl', ['req', '-x509', ...ec, '-keyout', p('ca.key'), '-out', p('ca.crt'), '-days', '2', '-subj', '/CN=aim-build test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  runSync('openssl', ['req', ...ec, '-keyout', p('server.key'), '-out', p('server.csr'), '-subj', `/CN=${hostname}`]);
  const sans = [`DNS:${hostname}`, 'DNS:localhost', 'IP:127.0.0.1'].filter((v, i, a) => a.indexOf(v) === i).join(',');
  writeFileSync(p('server.ext'), `subjectAltName=${sans}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n`);
  runSync('openssl', ['x509', '-req', '-in', p('server.csr'), '-CA', p('ca.crt'), '-CAkey', p('ca.key'), '-CAcreateserial',
    '-out', p('server.crt'), '-days', '2', '-extfile', p('server.ext')]);
  const certDir = p('certs.d');
  mkdirSync(certDir);
  const caPem = readFileSync(p('ca.crt'), 'utf8');
  writeFileSync(path.join(certDir, 'ca.crt'), caPem);
  return { caPath: p('ca.crt'), caPem, certPath: p('server.crt'), keyPath: p('server.key'), certDir };
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

async function startTokenServer(dir: string, users: RegistryUser[], service: string, issuer: string): Promise<TokenServer & { stop(): Promise<void>; certPath: string }> {
  const keyPath = path.join(dir, 'token.key');
  const certPath = path.join(dir, 'token.crt');
  runSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', '/CN=aim-build token signer']);
  const key = readFileSync(keyPath);
  const x5c = new X509Certificate(readFileSync(certPath)).raw.toString('base64');
  const requests: TokenServer['requests'] = [];

  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const scopes = u.searchParams.getAll('scope').flatMap((s) => s.split(' ')).filter(Boolean);
    let who: RegistryUser | undefined;
    let user = '';
    const authz = req.headers.authorization;
    if (authz?.startsWith('Basic ')) {
      const decoded = Buffer.from(authz.slice(6), 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      user = decoded.slice(0, i);
      const pw = decoded.slice(i + 1);
      who = users.find((x) => x.user === user && x.password === pw);
      if (!who) {
        requests.push({ user, scopes, ok: false });
        res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="aim-test-token"' });
        res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'invalid username or password', detail: null }] }));
        return;
      }
    }
    requests.push({ user, scopes, ok: true });
    const allowed = new Set<string>(who ? (who.actions ?? ['pull', 'push', 'delete']) : []);
    const access = scopes.flatMap((s) => {
      const [type, ...rest] = s.split(':');
      const actions = (rest.pop() ?? '').split(',');
      const name = rest.join(':');
      const granted = allowed.has('*') ? actions : actions.filter((a) => allowed.has(a));
      return granted.length ? [{ type, name, actions: granted }] : [];
    });
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', x5c: [x5c] };
    const claims = { iss: issuer, sub: user, aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: randomUUID(), access };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const token = `${input}.${b64url(sign('RSA-SHA256', Buffer.from(input), key))}`;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date().toISOString() }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/token`,
    requests,
    certPath,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  };
}

export async function startRegistry(opts: StartRegistryOptions = {}): Promise<TestRegistry> {
  if (!registryAvailable()) throw new Error(`${REGISTRY_BIN} not found; ${SETUP_HINT}`);
  if (opts.tls && opts.failures) throw new Error('startRegistry: failures (proxy) with tls is not supported');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aim-registry-'));
  chmodSync(dir, 0o700);
  const hostname = opts.hostname ?? 'localhost';
  const service = 'aim-test-registry';
  const issuer = 'aim-test-issuer';
  const cleanups: Array<() => Promise<void>> = [];

  let authYaml = '';
  let tokenServer: Awaited<ReturnType<typeof startTokenServer>> | undefined;
  if (opts.auth) {
    const users = [opts.auth, ...(opts.auth.extraUsers ?? [])];
    if ((opts.auth.scheme ?? 'basic') === 'basic') {
      writeFileSync(path.join(dir, 'htpasswd'), htpasswdFile(users), { mode: 0o600 });
      authYaml = `auth:\n  htpasswd:\n    realm: aim-test-registry\n    path: ${path.join(dir, 'htpasswd')}\n`;
    } else {
      tokenServer = await startTokenServer(dir, users, service, issuer);
      cleanups.push(tokenServer.stop);
      authYaml = `auth:\n  token:\n    realm: ${tokenServer.url}\n    service: ${service}\n    issuer: ${issuer}\n    rootcertbundle: ${tokenServer.certPath}\n`;
    }
  }

  const pki = opts.tls ? makeTestPki(dir, hostname) : undefined;

  let child: ChildProcess | undefined;
  let port = 0;
  let output = '';
  const logs = (): string => output;
  for (let attempt = 0; attempt < 3 && !child; attempt++) {
    port = await freePort();
    const config = [
      'version: 0.1',
      'log:',
      '  level: info',
      '  accesslog:',
      '    disabled: false',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${path.join(dir, 'data')}`,
      '  delete:',
      `    enabled: ${opts.deleteEnabled !== false}`,
      ...(opts.readOnly ? ['  maintenance:', '    readonly:', '      enabled: true'] : []),
      'http:',
      `  addr: 127.0.0.1:${port}`,
      `  secret: ${randomBytes(16).toString('hex')}`,
      ...(pki ? ['  tls:', `    certificate: ${pki.certPath}`, `    key: ${pki.keyPath}`] : []),
      authYaml
    ].join('\n');
    const configPath = path.join(dir, 'config.yml');
    writeFileSync(configPath, config, { mode: 0o600 });
    output = '';
    const c = spawn(REGISTRY_BIN, ['serve', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    c.stdout?.on('data', (b: Buffer) => (output += b.toString()));
    c.stderr?.on('data', (b: Buffer) => (output += b.toString()));
    try {
      await waitForPort(port, c, logs);
      child = c;
    } catch (e) {
      c.kill('SIGKILL');
      if (!/address already in use/.test(output) || attempt === 2) {
        for (const f of cleanups) await f();
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
    }
  }
  const proc = child as ChildProcess;

  let proxy: FlakyProxy | undefined;
  if (opts.failures) {
    proxy = await startFlakyProxy({ host: '127.0.0.1', port }, opts.failures);
    cleanups.push(proxy.stop);
  }

  const scheme = pki ? 'https' : 'http';
  const host = proxy ? proxy.host : `127.0.0.1:${port}`;
  return {
    host,
    url: `${scheme}://${host}`,
    port: proxy ? proxy.port : port,
    directHost: `127.0.0.1:${port}`,
    hostname,
    namedHost: `${hostname}:${port}`,
    tls: !!pki,
    dir,
    caPath: pki?.caPath,
    caPem: pki?.caPem,
    certDir: pki?.certDir,
    proxy,
    tokenServer,
    logs,
    async stop() {
      for (const f of cleanups.reverse()) await f();
      if (proc.exitCode === null) {
        const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
        proc.kill('SIGTERM');
        const t = setTimeout(() => proc.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(t);
      }
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/**
 * A fetch that trusts `caPem` and resolves the names in `hosts` (e.g. the ACR-like hostname)
 * to the given loopback address, without touching /etc/hosts or process-wide CA settings.
 *
 * Node's fetch has no CA option; it takes an undici `dispatcher` (see undiciAgentClass).
 */
export async function tlsFetch(caPem: string, hosts: Record<string, '127.0.0.1'> = {}): Promise<{ fetch: typeof fetch; close(): Promise<void> }> {
  const { Agent: AgentClass, fetch: baseFetch = fetch } = await undiciAgentClass();
  const lookup = (hostname: string, options: unknown, cb: (...args: unknown[]) => void): void => {
    const mapped = hosts[hostname];
    if (mapped) {
      if ((options as { all?: boolean } | undefined)?.all) cb(null, [{ address: mapped, family: 4 }]);
      else cb(null, mapped, 4);
      return;
    }
    import('node:dns').then((dns) => dns.lookup(hostname, options as never, cb as never), (e) => cb(e));
  };
  const dispatcher = new AgentClass({ connect: { ca: caPem, lookup } });
  const f = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => baseFetch(input, { ...init, dispatcher } as RequestInit)) as typeof fetch;
  return { fetch: f, close: () => dispatcher.close() };
}

interface AgentLike {
  close(): Promise<void>;
}
type AgentCtor = new (opts: { connect: Record<string, unknown> }) => AgentLike;

/**
 * Outside Jest, the Agent class of Node's bundled undici is reachable through undici's global
 * dispatcher symbol. Inside Jest's VM sandbox that global is not visible, so fall back to the
 * `undici` npm package (present in node_modules through @actions/http-client).
 */
async function undiciAgentClass(): Promise<{ Agent: AgentCtor; fetch?: typeof fetch }> {
  const sym = Symbol.for('undici.globalDispatcher.1');
  const g = globalThis as unknown as Record<symbol, AgentLike | undefined>;
  if (g[sym]) return { Agent: g[sym].constructor as AgentCtor };
  try {
    const mod = (await import('undici')) as unknown as { Agent: AgentCtor; fetch: typeof fetch };
    return { Agent: mod.Agent, fetch: mod.fetch };
  } catch (e) {
    throw new Error(`tlsFetch: no undici Agent available (${(e as Error).message}); add undici as a devDependency`, { cause: e });
  }
}
