/**
 * REAL: the main bundle (`node dist/main/index.js`) with NO credential inputs, against a real
 * htpasswd registry whose login exists only in a docker config written the way docker/login-action
 * writes it (`docker login --password-stdin` → `$DOCKER_CONFIG/config.json`, tab-indented,
 * `auths.<host>.auth` = base64 user:password). buildah builds, our client pushes. A stale stored
 * password fails the preflight, naming the file and the fix. The runner's file is never written.
 * Needs scripts/ci-setup.sh: fails under CI=true when something is missing, skips locally.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryClient } from '../../src/adapters/registry/client.js';
import { buildahEnv, buildahRequirements, ensureBusyboxBase, FIXTURE_CONTEXT } from '../helpers/buildah.js';
import { examplePayload } from '../helpers/events.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { runActionAsync, type BundleRun } from '../helpers/run-bundle.js';
import { requireReal, toolRequirement } from '../helpers/tools.js';

const REAL = requireReal('stored-logins', [...buildahRequirements(), toolRequirement('/usr/bin/docker-registry'), toolRequirement('htpasswd')]);
const real = REAL ? describe : describe.skip;

const rand = (): string => Math.random().toString(36).slice(2, 10);
const USER = 'login-action-user';
const PASSWORD = `stored-canary-${rand()}${rand()}`;

const tagEvent = { name: 'push', ref: 'refs/tags/v1.2.3', payload: examplePayload('push', (e) => e.head_commit != null) };

/** `$DOCKER_CONFIG/config.json` exactly as `docker login` (docker/login-action) leaves it. */
function loginActionDockerConfig(host: string, password: string): { dir: string; file: string; text: string } {
  const dir = mkdtempSync(join(tmpdir(), 'aim-login-action-'));
  mkdirSync(dir, { recursive: true });
  const text = JSON.stringify({ auths: { [host]: { auth: Buffer.from(`${USER}:${password}`).toString('base64') } } }, null, '\t');
  const file = join(dir, 'config.json');
  writeFileSync(file, text, { mode: 0o600 });
  return { dir, file, text };
}

function errorLine(r: BundleRun): string {
  return (/^::error::(.*)$/m.exec(r.stdout)?.[1] ?? '').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
}

async function runMain(inputs: Record<string, string>, dockerConfig: string): Promise<BundleRun> {
  return runActionAsync('main', { 'github-token': '', scan: 'none', context: FIXTURE_CONTEXT, ...inputs }, tagEvent, {
    baseEnv: { ...buildahEnv(), BUILDAH_ISOLATION: '' },
    extraEnv: { DOCKER_CONFIG: dockerConfig },
    timeoutMs: 240_000
  });
}

real('logins the runner already has, through dist/main (real registry, real buildah)', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    await ensureBusyboxBase();
    reg = await startRegistry({ auth: { user: USER, password: PASSWORD } });
  }, 180_000);
  afterAll(async () => {
    await reg?.stop();
  }, 60_000);

  it('credentials only in a docker config written by docker/login-action: the build pushes; the source is logged, the value masked; the file is untouched', async () => {
    const cfg = loginActionDockerConfig(reg.host, PASSWORD);
    const before = statSync(cfg.file).mtimeMs;
    const r = await runMain({ images: `${reg.host}/aim/stored`, builder: 'buildah' }, cfg.dir);
    expect(errorLine(r)).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${reg.host}: credentials from docker config ${cfg.file} (auths["${reg.host}"]) (a login this runner already had)`);
    expect(r.stdout).toContain(`${reg.host}: buildah login as '${USER}' (docker config ${cfg.file} (auths["${reg.host}"])) into the job-private config`);
    const c = new RegistryClient({ registry: reg.host, insecureHttp: true, credentials: { username: USER, password: PASSWORD } });
    expect((await c.listTags('aim/stored')).sort()).toEqual(['1', '1.2', '1.2.3', 'v1.2.3']);
    expect((await c.headManifest('aim/stored', 'v1.2.3'))!.digest).toBe(r.outputs.digest);
    // masked: the runner hides it everywhere; nothing else shows it
    expect([...r.stdout.matchAll(/^::add-mask::(.*)$/gm)].map((m) => m[1])).toContain(PASSWORD);
    const shown = [r.stdout.replace(/^::add-mask::.*$/gm, ''), r.stderr, JSON.stringify(r.outputs), r.summary].join('\n');
    expect(shown).not.toContain(PASSWORD);
    expect(shown).not.toContain(Buffer.from(`${USER}:${PASSWORD}`).toString('base64'));
    // the runner's docker config is read, never written
    expect(readFileSync(cfg.file, 'utf8')).toBe(cfg.text);
    expect(statSync(cfg.file).mtimeMs).toBe(before);
  }, 240_000);

  it('credentials only in a credential helper (credsStore): found through `docker-credential-<name> get`, which sees no action inputs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aim-helper-'));
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const seen = join(dir, 'seen');
    // the docker-credential-helpers protocol: server URL on stdin, {ServerURL,Username,Secret} on stdout
    writeFileSync(
      join(bin, 'docker-credential-aimstore'),
      `#!/bin/sh\n[ "$1" = get ] || exit 2\nserver=$(cat)\nenv | cut -d= -f1 > '${seen}'\nif [ "$server" = '${reg.host}' ]; then printf '{"ServerURL":"%s","Username":"${USER}","Secret":"${PASSWORD}"}' "$server"; exit 0; fi\necho 'credentials not found in native keychain'; exit 1\n`,
      { mode: 0o755 }
    );
    const cfgDir = join(dir, 'docker');
    mkdirSync(cfgDir);
    writeFileSync(join(cfgDir, 'config.json'), JSON.stringify({ auths: { [reg.host]: {} }, credsStore: 'aimstore' }, null, '\t'));
    const r = await runActionAsync('main', { 'github-token': '', scan: 'none', context: FIXTURE_CONTEXT, images: `${reg.host}/aim/helper`, password: '' }, tagEvent, {
      baseEnv: { ...buildahEnv(), BUILDAH_ISOLATION: '', PATH: `${bin}:${process.env.PATH ?? ''}` },
      extraEnv: { DOCKER_CONFIG: cfgDir, INPUT_SECRETS: 'tok=helper-must-not-see-this' },
      timeoutMs: 240_000
    });
    expect(errorLine(r)).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${reg.host}: credentials from credential helper docker-credential-aimstore (credsStore in ${join(cfgDir, 'config.json')})`);
    const c = new RegistryClient({ registry: reg.host, insecureHttp: true, credentials: { username: USER, password: PASSWORD } });
    expect((await c.listTags('aim/helper')).sort()).toEqual(['1', '1.2', '1.2.3', 'v1.2.3']);
    const envNames = readFileSync(seen, 'utf8').split('\n');
    expect(envNames).toContain('PATH');
    expect(envNames.filter((n) => /^(INPUT_|GITHUB_|ACTIONS_|RUNNER_)/.test(n))).toEqual([]);
  }, 240_000);

  it('a wrong stored password fails the preflight in seconds, naming where the login came from and how to fix it', async () => {
    const stale = `stale-canary-${rand()}${rand()}`;
    const cfg = loginActionDockerConfig(reg.host, stale);
    const started = Date.now();
    const r = await runMain({ images: `${reg.host}/aim/stale` }, cfg.dir);
    expect(r.status).toBe(1);
    expect(Date.now() - started).toBeLessThan(30_000);
    const err = errorLine(r);
    expect(err).toContain(`  - ${reg.host}/aim/stale: Registry ${reg.host}: credentials for user '${USER}' were rejected when trying to push to 'aim/stale' (HTTP 401`);
    expect(err).toContain(`The credentials came from docker config ${cfg.file} (auths["${reg.host}"]): the stored login in ${cfg.file} is out of date: log in again (docker/login-action, aliyun/acr-login or \`docker login ${reg.host}\`), or give \`registry-auth\` / \`username\` + \`password\`, which win over stored logins.`);
    expect(r.stdout).not.toMatch(/exec \["buildah","build"/);
    expect(r.stdout.replace(/^::add-mask::.*$/gm, '')).not.toContain(stale);
  }, 120_000);
});
