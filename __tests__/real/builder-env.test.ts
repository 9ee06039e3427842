/**
 * Builder processes get an environment without our own secret inputs. Through the committed
 * `dist/main` with the REAL buildah, behind a recording wrapper first on PATH (`buildah` that
 * writes its environment to a file, then execs /usr/bin/buildah): every buildah process the
 * action started (probe, login, build, push) is checked. The registry password is a canary that
 * must work (the push succeeds) and yet appear in no builder's environment.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildahEnv, buildahRequirements } from '../helpers/buildah.js';
import { examplePayload } from '../helpers/events.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { runActionAsync } from '../helpers/run-bundle.js';
import { requireReal, toolRequirement, which } from '../helpers/tools.js';

const REAL = requireReal('builder-env', [...buildahRequirements(), toolRequirement('/usr/bin/docker-registry'), toolRequirement('htpasswd')]);
const real = REAL ? describe : describe.skip;

const rand = (): string => Math.random().toString(36).slice(2, 10);
const PASSWORD = `pw-canary-${rand()}${rand()}`;
const SECRET = `secret-canary-${rand()}${rand()}`;
const TOKEN = `ghs_canary${rand()}${rand()}`;

real('builder environment allow-list through dist/main (real buildah behind a recording wrapper)', () => {
  let reg: TestRegistry;
  let dir = '';

  beforeAll(async () => {
    reg = await startRegistry({ auth: { user: 'builder', password: PASSWORD } });
    dir = mkdtempSync(join(tmpdir(), 'aim-builder-env-'));
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'dumps'));
    const real = which('buildah')!;
    writeFileSync(join(dir, 'bin', 'buildah'), `#!/bin/sh\nenv > "${join(dir, 'dumps')}/$$.env"\nexec ${real} "$@"\n`);
    chmodSync(join(dir, 'bin', 'buildah'), 0o755);
    mkdirSync(join(dir, 'ctx'));
    writeFileSync(join(dir, 'ctx', 'Dockerfile'), 'FROM scratch\nCOPY Dockerfile /Dockerfile\n');
  }, 60_000);

  afterAll(async () => {
    await reg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('INPUT_PASSWORD, INPUT_REGISTRY-AUTH, INPUT_SECRETS, INPUT_GITHUB-TOKEN and GITHUB_TOKEN reach no buildah process; the push still works', async () => {
    const base = buildahEnv();
    const r = await runActionAsync(
      'main',
      {
        images: `${reg.host}/env/app`,
        platforms: 'linux/amd64',
        builder: 'buildah',
        context: join(dir, 'ctx'),
        cache: 'off',
        scan: 'none',
        username: 'builder',
        password: PASSWORD,
        'registry-auth': `other.example.com=someone:${PASSWORD}`,
        secrets: `tok=${SECRET}`,
        'github-token': TOKEN
      },
      { name: 'push', ref: 'refs/tags/v1.2.3', payload: examplePayload('push', (e) => e.head_commit != null) },
      { baseEnv: { ...base, PATH: `${join(dir, 'bin')}:${base.PATH ?? ''}`, BUILDAH_ISOLATION: '', GITHUB_TOKEN: TOKEN }, timeoutMs: 120_000 }
    );
    expect(/^::error::(.*)$/m.exec(r.stdout)?.[1] ?? '').toBe('');
    expect(r.status).toBe(0);
    expect(r.outputs.pushed).toBe('true');
    const dumps = readdirSync(join(dir, 'dumps')).map((f) => readFileSync(join(dir, 'dumps', f), 'utf8'));
    expect(dumps.length).toBeGreaterThanOrEqual(4); // --version probe, info, login, build, push
    expect(dumps.some((d) => /^CONTAINERS_STORAGE_CONF=/m.test(d))).toBe(true); // the tool's settings pass
    for (const d of dumps) {
      for (const canary of [PASSWORD, SECRET, TOKEN]) expect(d).not.toContain(canary);
      expect(d).not.toMatch(/^INPUT_/m);
      expect(d).not.toMatch(/^GITHUB_TOKEN=/m);
    }
  }, 180_000);
});
