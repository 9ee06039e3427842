/**
 * Logins the runner already has (src/adapters/registry/credential-sources.ts): real files in a
 * temporary HOME, a real `docker-credential-<name>` script on PATH, and a REAL htpasswd registry
 * (Debian docker-registry on 127.0.0.1) that must accept what was found — and reject a stale login
 * with a message that says where it came from and how to fix it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialFiles, findStoredLogins, helperEnv, helperGet, normalizeRegistryKey, type CredentialSourceEnv } from '../../src/adapters/registry/credential-sources.js';
import { RegistryClient } from '../../src/adapters/registry/client.js';
import { preflight, registryClients, registryLogins } from '../../src/steps/build-registries.js';
import { useRunnerIO } from '../../src/adapters/github/runner.js';
import type { StoredLogin } from '../../src/core/build/credentials.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { requireReal, toolRequirement } from '../helpers/tools.js';

const rand = (): string => Math.random().toString(36).slice(2, 10);
const USER = 'stored-user';
const PASSWORD = `stored-pw-${rand()}${rand()}`;
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** docker CLI (and so docker/login-action) writes config.json with tab indentation and `auth` = base64(user:password) */
function dockerLoginActionConfig(entries: Record<string, object>, extra: object = {}): string {
  return JSON.stringify({ auths: entries, ...extra }, null, '\t');
}

interface Sandbox {
  home: string;
  bin: string;
  opts: (env?: Record<string, string>) => CredentialSourceEnv;
}

function sandbox(): Sandbox {
  const home = mkdtempSync(join(tmpdir(), 'aim-creds-home-'));
  const bin = join(home, 'bin');
  mkdirSync(bin);
  return { home, bin, opts: (env = {}) => ({ env: { PATH: `${bin}:${process.env.PATH ?? ''}`, HOME: home, ...env }, home, uid: 4242 }) };
}

function write(path: string, text: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

/**
 * A credential helper as the docker-credential-helpers protocol defines it: `get` reads the
 * server URL from stdin, answers {ServerURL,Username,Secret}; unknown servers answer
 * "credentials not found in native keychain" with exit 1. It records what it saw.
 */
function installHelper(box: Sandbox, name: string, logins: Record<string, [string, string]>): string {
  const seen = join(box.home, `${name}.seen`);
  const cases = Object.entries(logins)
    .map(([server, [user, secret]]) => `  '${server}') printf '{"ServerURL":"%s","Username":"%s","Secret":"%s"}' '${server}' '${user}' '${secret}'; exit 0 ;;`)
    .join('\n');
  const script = `#!/bin/sh
[ "$1" = get ] || exit 2
server=$(cat)
{ echo "server=$server"; env | cut -d= -f1 | sort | sed 's/^/env=/'; } > '${seen}'
case "$server" in
${cases}
esac
echo "credentials not found in native keychain"
exit 1
`;
  const path = join(box.bin, `docker-credential-${name}`);
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return seen;
}

function collect(): { deps: { mask: (s: string) => void; warn: (m: string) => void }; masked: string[]; warnings: string[] } {
  const masked: string[] = [];
  const warnings: string[] = [];
  return { deps: { mask: (s) => void masked.push(s), warn: (m) => void warnings.push(m) }, masked, warnings };
}

describe('where stored logins are looked for (docker CLI and containers-auth.json(5) rules)', () => {
  it('files in order: DOCKER_CONFIG or ~/.docker, REGISTRY_AUTH_FILE or XDG_RUNTIME_DIR or /run/containers/<uid>, XDG_CONFIG_HOME or ~/.config', () => {
    const paths = (env: Record<string, string>): string[] => credentialFiles({ env, home: '/h', uid: 1001 }).map((f) => `${f.kind}:${f.path}`);
    expect(paths({})).toEqual(['docker:/h/.docker/config.json', 'containers:/run/containers/1001/auth.json', 'containers:/h/.config/containers/auth.json']);
    expect(paths({ DOCKER_CONFIG: '/d', XDG_RUNTIME_DIR: '/run/user/1001', XDG_CONFIG_HOME: '/c' })).toEqual([
      'docker:/d/config.json',
      'containers:/run/user/1001/containers/auth.json',
      'containers:/c/containers/auth.json'
    ]);
    expect(paths({ REGISTRY_AUTH_FILE: '/a/auth.json', XDG_RUNTIME_DIR: '/run/user/1001' })[1]).toBe('containers:/a/auth.json');
  });

  it.each([
    ['https://index.docker.io/v1/', 'index.docker.io'],
    ['docker.io', 'index.docker.io'],
    ['registry-1.docker.io', 'index.docker.io'],
    ['Harbor.Example.com:8443', 'harbor.example.com:8443'],
    ['https://harbor.example.com:8443/', 'harbor.example.com:8443'],
    ['http://127.0.0.1:5000/v2/', '127.0.0.1:5000'],
    ['quay.io/team/app', 'quay.io']
  ])('key %s is registry %s', (key, host) => expect(normalizeRegistryKey(key)).toBe(host));

  it('auths keys as docker writes them; exact keys first; empty credsStore markers are skipped; every secret masked', async () => {
    const box = sandbox();
    write(
      join(box.home, '.docker', 'config.json'),
      dockerLoginActionConfig({
        'https://index.docker.io/v1/': { auth: b64('hubuser:hub-pw') },
        'https://harbor.example.com/v2/': { auth: b64('scheme-user:scheme-pw') },
        'harbor.example.com': { auth: b64('exact-user:exact-pw') },
        'acr.example.com:5000': { auth: b64('acr:pw:with:colons') },
        'legacy.example.com': { username: 'legacy', password: 'legacy-pw' },
        'azure.example.com': { auth: b64('00000000-0000-0000-0000-000000000000:'), identitytoken: 'refresh-tok' },
        'marker.example.com': {},
        'broken.example.com': { auth: b64('no-colon-here') }
      })
    );
    const { deps, masked, warnings } = collect();
    const found = await findStoredLogins(
      ['docker.io', 'harbor.example.com', 'acr.example.com:5000', 'legacy.example.com', 'azure.example.com', 'marker.example.com', 'broken.example.com', 'nothing.example.com'],
      box.opts(),
      deps
    );
    const file = join(box.home, '.docker', 'config.json');
    expect(found.map((l) => [l.registry, l.username, l.password, l.source, !!l.identityToken])).toEqual([
      ['docker.io', 'hubuser', 'hub-pw', `docker config ${file} (auths["https://index.docker.io/v1/"])`, false],
      ['harbor.example.com', 'exact-user', 'exact-pw', `docker config ${file} (auths["harbor.example.com"])`, false],
      ['acr.example.com:5000', 'acr', 'pw:with:colons', `docker config ${file} (auths["acr.example.com:5000"])`, false],
      ['legacy.example.com', 'legacy', 'legacy-pw', `docker config ${file} (auths["legacy.example.com"])`, false],
      ['azure.example.com', '00000000-0000-0000-0000-000000000000', 'refresh-tok', `docker config ${file} (auths["azure.example.com"])`, true]
    ]);
    for (const secret of ['hub-pw', 'exact-pw', 'pw:with:colons', 'legacy-pw', 'refresh-tok', b64('hubuser:hub-pw')]) expect(masked).toContain(secret);
    expect(warnings).toEqual([`${file}: the "auth" value of auths["broken.example.com"] is not base64 of user:password; it is ignored`]);
    // a key with a scheme and a path still matches when it is the only one
    const only = sandbox();
    write(join(only.home, '.docker', 'config.json'), dockerLoginActionConfig({ 'https://harbor.example.com/v2/': { auth: b64('scheme-user:scheme-pw') } }));
    expect((await findStoredLogins(['harbor.example.com'], only.opts(), collect().deps)).map((l) => l.username)).toEqual(['scheme-user']);
  });

  it('an unreadable file is named in a warning, never echoed', async () => {
    const box = sandbox();
    const file = write(join(box.home, '.docker', 'config.json'), '{"auths": {"x": {"auth": "SECRET-CONTENT"');
    const { deps, warnings } = collect();
    expect(await findStoredLogins(['x'], box.opts(), deps)).toEqual([]);
    expect(warnings).toEqual([`${file} could not be read as a docker config file (invalid JSON); its logins are ignored`]);
  });

  it('the docker config comes before the containers auth file', async () => {
    const box = sandbox();
    write(join(box.home, '.docker', 'config.json'), dockerLoginActionConfig({ 'r.example.com': { auth: b64('docker-user:d') } }));
    write(join(box.home, 'run', 'containers', 'auth.json'), dockerLoginActionConfig({ 'r.example.com': { auth: b64('buildah-user:b') }, 'only-buildah.example.com': { auth: b64('bu:b2') } }));
    const found = await findStoredLogins(['r.example.com', 'only-buildah.example.com'], box.opts({ XDG_RUNTIME_DIR: join(box.home, 'run') }), collect().deps);
    expect(found.map((l) => [l.registry, l.username])).toEqual([
      ['r.example.com', 'docker-user'],
      ['only-buildah.example.com', 'bu']
    ]);
    expect(found[1].source).toBe(`containers auth file ${join(box.home, 'run', 'containers', 'auth.json')} (auths["only-buildah.example.com"])`);
  });
});

describe('credential helpers (docker-credential-<name> get)', () => {
  it('credHelpers.<host> and credsStore; Docker Hub is asked as https://index.docker.io/v1/; <token> is an identity token', async () => {
    const box = sandbox();
    installHelper(box, 'store', { 'https://index.docker.io/v1/': ['hub', 'hub-secret'], 'plain.example.com': ['plain', 'plain-secret'] });
    installHelper(box, 'ecr', { 'ecr.example.com': ['<token>', 'id-token'] });
    const file = write(join(box.home, '.docker', 'config.json'), dockerLoginActionConfig({ 'https://index.docker.io/v1/': {} }, { credsStore: 'store', credHelpers: { 'ecr.example.com': 'ecr' } }));
    const { deps, masked } = collect();
    const found = await findStoredLogins(['docker.io', 'plain.example.com', 'ecr.example.com', 'unknown.example.com'], box.opts(), deps);
    expect(found.map((l) => [l.registry, l.username, l.password, l.source, !!l.identityToken])).toEqual([
      ['docker.io', 'hub', 'hub-secret', `credential helper docker-credential-store (credsStore in ${file})`, false],
      ['plain.example.com', 'plain', 'plain-secret', `credential helper docker-credential-store (credsStore in ${file})`, false],
      ['ecr.example.com', '<token>', 'id-token', `credential helper docker-credential-ecr (credHelpers["ecr.example.com"] in ${file})`, true]
    ]);
    expect(masked).toEqual(expect.arrayContaining(['hub-secret', 'plain-secret', 'id-token']));
  });

  it('the helper runs with a minimal environment: no action inputs, no runner tokens', async () => {
    const box = sandbox();
    const seen = installHelper(box, 'envcheck', { 'h.example.com': ['u', 'p'] });
    const env = helperEnv({ PATH: '/bin', HOME: '/h', INPUT_PASSWORD: 'x', 'INPUT_REGISTRY-AUTH': 'x', GITHUB_TOKEN: 'x', ACTIONS_RUNTIME_TOKEN: 'x', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x', AWS_PROFILE: 'ci', XDG_RUNTIME_DIR: '/run/user/1' });
    expect(Object.keys(env).sort()).toEqual(['AWS_PROFILE', 'HOME', 'PATH', 'XDG_RUNTIME_DIR']);
    const found = await helperGet('envcheck', 'h.example.com', { ...box.opts().env, INPUT_PASSWORD: 'canary', GITHUB_TOKEN: 'canary', ACTIONS_RUNTIME_TOKEN: 'canary' });
    expect(found).toEqual({ username: 'u', password: 'p' });
    const recorded = readFileSync(seen, 'utf8');
    expect(recorded).toContain('server=h.example.com\n');
    expect(recorded).toContain('env=PATH\n');
    expect(recorded).not.toMatch(/env=(INPUT_|GITHUB_TOKEN|ACTIONS_)/);
  });

  it('a helper that is missing or broken is a warning naming it, and the lookup goes on', async () => {
    const box = sandbox();
    const file = write(join(box.home, '.docker', 'config.json'), dockerLoginActionConfig({ 'h.example.com': { auth: b64('file-user:file-pw') } }, { credHelpers: { 'h.example.com': 'absent', 'bad.example.com': '../evil' } }));
    const { deps, warnings } = collect();
    const found = await findStoredLogins(['h.example.com', 'bad.example.com'], box.opts(), deps);
    expect(found).toEqual([]);
    expect(warnings).toEqual([
      `h.example.com: credHelpers["h.example.com"] in ${file} names a credential helper that failed (docker-credential-absent get h.example.com: docker-credential-absent is not on PATH); this login is skipped`,
      `bad.example.com: credHelpers["bad.example.com"] in ${file} names a credential helper that failed (credential helper name '../evil' is not valid (letters, digits, '.', '_', '-')); this login is skipped`
    ]);
  });
});

const REAL = requireReal('credential-sources', [toolRequirement('/usr/bin/docker-registry'), toolRequirement('htpasswd')]);
const real = REAL ? describe : describe.skip;

real('a real htpasswd registry accepts what was found, and a stale login is explained', () => {
  let reg: TestRegistry;
  const out: string[] = [];
  beforeAll(async () => {
    reg = await startRegistry({ auth: { user: USER, password: PASSWORD } });
  }, 60_000);
  afterAll(async () => {
    await reg?.stop();
  });

  const pushAccess = async (login: StoredLogin | undefined): Promise<void> => {
    expect(login).toBeDefined();
    const c = new RegistryClient({ registry: reg.host, insecureHttp: true, credentials: { username: login!.username, password: login!.password }, backoffMs: 5 });
    await c.checkPushAccess('aim/stored');
  };

  it('credentials only in a docker config written the way docker/login-action writes it', async () => {
    const box = sandbox();
    write(join(box.home, 'docker-cfg', 'config.json'), dockerLoginActionConfig({ [reg.host]: { auth: b64(`${USER}:${PASSWORD}`) } }));
    const [login] = await findStoredLogins([reg.host], box.opts({ DOCKER_CONFIG: join(box.home, 'docker-cfg') }), collect().deps);
    await pushAccess(login);
  });

  it('credentials only in a credential helper on PATH', async () => {
    const box = sandbox();
    installHelper(box, 'aimtest', { [reg.host]: [USER, PASSWORD] });
    write(join(box.home, '.docker', 'config.json'), dockerLoginActionConfig({}, { credHelpers: { [reg.host]: 'aimtest' } }));
    const [login] = await findStoredLogins([reg.host], box.opts(), collect().deps);
    await pushAccess(login);
  });

  it('credentials only in a containers auth.json (REGISTRY_AUTH_FILE, and XDG_RUNTIME_DIR with an http:// key)', async () => {
    const box = sandbox();
    const file = write(join(box.home, 'auth.json'), JSON.stringify({ auths: { [reg.host]: { auth: b64(`${USER}:${PASSWORD}`) } } }, null, '\t'));
    const [viaEnv] = await findStoredLogins([reg.host], box.opts({ REGISTRY_AUTH_FILE: file }), collect().deps);
    await pushAccess(viaEnv);
    write(join(box.home, 'xdg', 'containers', 'auth.json'), JSON.stringify({ auths: { [`http://${reg.host}/v2/`]: { auth: b64(`${USER}:${PASSWORD}`) } } }));
    const [viaXdg] = await findStoredLogins([reg.host], box.opts({ XDG_RUNTIME_DIR: join(box.home, 'xdg') }), collect().deps);
    expect(viaXdg.source).toBe(`containers auth file ${join(box.home, 'xdg', 'containers', 'auth.json')} (auths["http://${reg.host}/v2/"])`);
    await pushAccess(viaXdg);
  });

  it('without any stored login the same push is refused (the tests above are not passing by accident)', async () => {
    const box = sandbox();
    expect(await findStoredLogins([reg.host], box.opts(), collect().deps)).toEqual([]);
    const c = new RegistryClient({ registry: reg.host, insecureHttp: true, backoffMs: 5 });
    await expect(c.checkPushAccess('aim/stored')).rejects.toThrow('authentication required');
  });

  it('a wrong stored password: the preflight says where the login came from and how to fix it; the value is never printed', async () => {
    const box = sandbox();
    const stale = `stale-${rand()}${rand()}`;
    const file = write(join(box.home, '.docker', 'config.json'), dockerLoginActionConfig({ [reg.host]: { auth: b64(`${USER}:${stale}`) } }));
    useRunnerIO({}, (t) => void out.push(t));
    const targets = [{ registry: reg.host, kind: 'generic' as const, repository: 'aim/stored', image: `${reg.host}/aim/stored` }];
    const logins = await registryLogins(targets, { registryAuth: [], username: '', password: '', githubToken: '' }, box.opts().env);
    expect(out.join('')).toContain(`${reg.host}: credentials from docker config ${file} (auths["${reg.host}"]) (a login this runner already had)`);
    let message = '';
    try {
      await preflight(targets, logins, registryClients(logins, { backoffMs: 5 }));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(`credentials for user '${USER}' were rejected when trying to push to 'aim/stored' (HTTP 401`);
    expect(message).toContain(`The credentials came from docker config ${file} (auths["${reg.host}"]): the stored login in ${file} is out of date: log in again (docker/login-action, aliyun/acr-login or \`docker login ${reg.host}\`), or give \`registry-auth\` / \`username\` + \`password\`, which win over stored logins.`);
    const log = out.join('');
    expect(log).toContain(`::add-mask::${stale}`);
    expect(log.replace(/^::add-mask::.*$/gm, '')).not.toContain(stale);
    expect(message).not.toContain(stale);
  });
});

describe('identity tokens reach the builder through its job-private file (never the runner\'s)', () => {
  it('buildah: an auths entry with identitytoken in the job auth.json; docker: in the job DOCKER_CONFIG; both read back by the containers/docker rules', async () => {
    const { createJobDir, toolLogin } = await import('../../src/adapters/registry/login.js');
    const box = sandbox();
    const job = await createJobDir(box.home);
    const login = { registry: 'azure.example.com', kind: 'generic' as const, username: '00000000-0000-0000-0000-000000000000', password: 'refresh-tok', source: 'x', origin: 'stored' as const, identityToken: true };
    await toolLogin('buildah', login, job);
    await toolLogin('buildx', { ...login, registry: 'docker.io', username: '<token>' }, job);
    const fromJob = await findStoredLogins(['azure.example.com'], { env: { REGISTRY_AUTH_FILE: job.authFile }, home: box.home, uid: 1 }, collect().deps);
    expect(fromJob.map((l) => [l.username, l.password, l.identityToken])).toEqual([['00000000-0000-0000-0000-000000000000', 'refresh-tok', true]]);
    const fromDocker = await findStoredLogins(['docker.io'], { env: { DOCKER_CONFIG: job.dockerConfig }, home: box.home, uid: 1 }, collect().deps);
    expect(fromDocker.map((l) => [l.username, l.password, l.source.endsWith('(auths["https://index.docker.io/v1/"])')])).toEqual([['<token>', 'refresh-tok', true]]);
    expect((statSync(job.authFile).mode & 0o777).toString(8)).toBe('600');
  });
});

describe('hostile keys in a stored file cannot inject runner commands into the log', () => {
  it('a key with a newline and ::set-output is quoted as JSON in the source', async () => {
    const box = sandbox();
    write(join(box.home, '.docker', 'config.json'), JSON.stringify({ auths: { 'https://h.example.com/\n::set-output name=x::y': { auth: b64('u:p') } } }));
    const [login] = await findStoredLogins(['h.example.com'], box.opts(), collect().deps);
    expect(login.source).toBe(`docker config ${join(box.home, '.docker', 'config.json')} (auths["https://h.example.com/\\n::set-output name=x::y"])`);
    expect(login.source).not.toContain('\n');
  });
});
