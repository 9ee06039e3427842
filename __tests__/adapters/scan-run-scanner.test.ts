/**
 * openExternalScanner with a RECORDED REPORT STANDING IN FOR THE SCANNER PROCESS (trivy/grype are
 * not run): per-platform layouts, exact argv, the scrubbed environment (no secret reaches the
 * process), the daily DB cache, and what happens when the DB cannot be fetched. The last test
 * runs a REAL child process (a shell script standing in for trivy) to show the spawned process
 * gets exactly the scrubbed environment.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCANNER_ENV_ALLOW } from '../../src/core/scan/scanner-env.js';
import type { DbCache } from '../../src/adapters/scan/db-cache.js';
import { prepareImage, type PreparedImage } from '../../src/adapters/scan/platform-layout.js';
import { ScannerRunError, openExternalScanner, spawnProcess, type ExternalScannerDeps, type ProcessRunner } from '../../src/adapters/scan/run-scanner.js';
import { twoPlatformLayout } from '../helpers/oci-layout.js';
import { FIXTURES, argvPaths, recordedReportStandIn } from '../helpers/recorded-scanner.js';

const NOW = new Date('2026-11-22T08:30:00Z');
const KEY = 'aim-build-trivy-db-2026-11-22';

/** Every secret a GitHub runner's environment may hold while the action runs. */
const SECRETS: Record<string, string> = {
  GITHUB_TOKEN: 'ghs_0123456789abcdefSECRET1',
  INPUT_PASSWORD: 'acr-password-SECRET2',
  'INPUT_GITHUB-TOKEN': 'ghs_SECRET3',
  ACTIONS_RUNTIME_TOKEN: 'runtime-SECRET4',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-SECRET5',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc.example/SECRET6',
  DOCKER_CONFIG: '/home/runner/.docker-SECRET7',
  REGISTRY_AUTH_FILE: '/run/containers/auth-SECRET8.json',
  XDG_RUNTIME_DIR: '/run/user/SECRET9',
  TRIVY_PASSWORD: 'SECRET10',
  TRIVY_USERNAME: 'user-SECRET11',
  GRYPE_REGISTRY_AUTH_PASSWORD: 'SECRET12',
  NPM_TOKEN: 'npm_SECRET13',
  AWS_SECRET_ACCESS_KEY: 'SECRET14',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'SECRET15',
  MY_DB_PASSWORD_FILE: '/secrets/SECRET16'
};
const RUNNER_ENV = { PATH: '/usr/bin:/bin', HOME: '/home/runner', GITHUB_WORKSPACE: '/home/runner/work/app', HTTPS_PROXY: 'http://proxy.internal:3128', ...SECRETS };

let root: string;
let image: PreparedImage;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'aim-runscan-'));
  image = await prepareImage(await twoPlatformLayout(join(root, 'layout')), root);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function memoryCache(existing: string[] = []): DbCache & { saved: string[]; restores: Array<[string[], string, string[]]> } {
  const saved: string[] = [];
  const restores: Array<[string[], string, string[]]> = [];
  return {
    saved,
    restores,
    async restore(paths, key, restoreKeys) {
      restores.push([paths, key, restoreKeys]);
      return existing.includes(key) ? key : existing.find((e) => restoreKeys.some((p) => e.startsWith(p)));
    },
    async save(_paths, key) {
      saved.push(key);
    }
  };
}

function deps(run: ProcessRunner, dbCache: DbCache, logs: string[] = []): ExternalScannerDeps {
  const tempDir = mkdtempSync(join(root, 'runner-temp-'));
  return {
    install: async () => ({ tool: 'trivy', version: '0.72.0', binary: '/opt/hostedtoolcache/trivy/0.72.0/amd64/trivy', fromCache: true }),
    dbCache,
    run,
    env: RUNNER_ENV,
    tempDir,
    now: () => NOW,
    log: { info: (m) => logs.push(m), warning: (m) => logs.push(`WARN ${m}`) }
  };
}

describe('trivy through a recorded report standing in for the scanner process', () => {
  it('one run per platform on a one-platform layout; exact argv; parsed findings', async () => {
    const proc = recordedReportStandIn((p) => (p === 'linux/arm64/v8' ? 'trivy/fluentd-gems.json' : 'trivy/sl-micro-rancher5.4-clean.json'));
    const d = deps(proc, memoryCache());
    const session = await openExternalScanner('trivy', d);
    const amd = await session.scan(image, 'linux/amd64');
    const arm = await session.scan(image, 'linux/arm64');
    await session.close();

    expect(amd.findings).toEqual([]);
    expect(arm.scanner).toEqual({ name: 'trivy', version: 'dev' });
    expect(arm.findings.map((f) => [f.id, f.severity, f.pkgName, f.fixedVersion])).toEqual([
      ['CVE-2019-18224', 'CRITICAL', 'libidn2-0', '2.0.5-1+deb10u1'],
      ['CVE-2020-8165', 'HIGH', 'activesupport', '6.0.3.1, 5.2.4.3']
    ]);
    expect(proc.calls).toHaveLength(2);
    const [first, second] = proc.calls;
    const work = first.cwd;
    expect(first.command).toBe('/opt/hostedtoolcache/trivy/0.72.0/amd64/trivy');
    const dbDir = join(d.tempDir, 'aim-build-trivy-db');
    const common = ['--format', 'json', '--output', join(work, 'report-1.json'), '--scanners', 'vuln', '--cache-dir', dbDir, '--no-progress', '--disable-telemetry', '--skip-version-check', '--timeout', '15m'];
    expect(first.args).toEqual(['image', '--input', join(work, 'image-1'), ...common]);
    // the first run downloaded the DB; the second platform reuses it
    expect(second.args).toEqual(['image', '--input', join(work, 'image-2'), ...common.map((a) => a.replace('report-1', 'report-2')), '--skip-db-update']);
    expect(work.startsWith(d.tempDir)).toBe(true);
    expect(existsSync(work)).toBe(false); // scratch removed by close()
  });

  it('the scanner process gets no secret: allow-listed names only, HOME and cwd are scratch, no secret value anywhere', async () => {
    const proc = recordedReportStandIn(() => 'trivy/sl-micro-rancher5.4-clean.json');
    const session = await openExternalScanner('trivy', deps(proc, memoryCache()));
    await session.scan(image, 'linux/amd64');
    await session.close();
    const { env, args, cwd } = proc.calls[0];
    const allowed = new Set<string>([...SCANNER_ENV_ALLOW, 'HOME', 'TMPDIR', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_HOME']);
    expect(Object.keys(env).filter((k) => !allowed.has(k))).toEqual([]);
    for (const [name, value] of Object.entries(SECRETS)) {
      expect(env).not.toHaveProperty(name);
      expect(JSON.stringify([env, args, cwd])).not.toContain(value);
    }
    expect(env.HOME).toBe(join(cwd, 'home'));
    expect(env.HOME).not.toBe(RUNNER_ENV.HOME);
    expect(cwd).not.toBe(RUNNER_ENV.GITHUB_WORKSPACE); // a workspace .trivyignore / trivy.yaml cannot filter the report
    expect(env).toMatchObject({ PATH: '/usr/bin:/bin', HTTPS_PROXY: 'http://proxy.internal:3128' });
  });

  it("today's DB in the cache: every run skips the DB update and nothing is saved", async () => {
    const proc = recordedReportStandIn(() => 'trivy/sl-micro-rancher5.4-clean.json');
    const cache = memoryCache([KEY]);
    const logs: string[] = [];
    const d = deps(proc, cache, logs);
    const session = await openExternalScanner('trivy', d);
    await session.scan(image, 'linux/amd64');
    await session.scan(image, 'linux/arm64');
    await session.close();
    expect(cache.restores).toEqual([[[join(d.tempDir, 'aim-build-trivy-db', 'db')], KEY, ['aim-build-trivy-db-']]]);
    expect(proc.calls.map((c) => c.args.includes('--skip-db-update'))).toEqual([true, true]);
    expect(cache.saved).toEqual([]);
    expect(logs).toContain(`trivy DB restored from the Actions cache (${KEY})`);
  });

  it("a miss or yesterday's DB: the first run updates, today's key is saved at close", async () => {
    for (const existing of [[], ['aim-build-trivy-db-2026-11-21']]) {
      const proc = recordedReportStandIn(() => 'trivy/sl-micro-rancher5.4-clean.json');
      const cache = memoryCache(existing);
      const session = await openExternalScanner('trivy', deps(proc, cache));
      await session.scan(image, 'linux/amd64');
      await session.scan(image, 'linux/arm64');
      await session.close();
      expect(proc.calls.map((c) => c.args.includes('--skip-db-update'))).toEqual([false, true]);
      expect(cache.saved).toEqual([KEY]);
    }
  });

  it("the DB cannot be fetched but yesterday's was restored: retry on the older DB, with a warning", async () => {
    const proc = recordedReportStandIn(() => 'trivy/debian-buster.json');
    proc.failNext({ code: 1, stderr: 'FATAL init error: DB error: failed to download vulnerability DB: TOOMANYREQUESTS' });
    const logs: string[] = [];
    const cache = memoryCache(['aim-build-trivy-db-2026-11-20']);
    const session = await openExternalScanner('trivy', deps(proc, cache, logs));
    const report = await session.scan(image, 'linux/amd64');
    await session.close();
    expect(report.findings.length).toBeGreaterThan(0);
    expect(proc.calls.map((c) => c.args.includes('--skip-db-update'))).toEqual([false, true]);
    expect(logs).toContain('WARN trivy could not update its DB; scanning with the older DB restored from the cache (aim-build-trivy-db-2026-11-20). Findings newer than that DB are missed.');
    expect(cache.saved).toEqual([]); // an old DB is not saved under today's key
  });

  it('the DB cannot be fetched and none is cached: a clear error, the image was not scanned', async () => {
    const proc = recordedReportStandIn(() => 'trivy/debian-buster.json');
    proc.failNext({ code: 1, stderr: '2026-11-22T08:30:01Z\tFATAL\tFatal error\trun error: init error: DB error: failed to download vulnerability DB: OCI repository error: TOOMANYREQUESTS' });
    const session = await openExternalScanner('trivy', deps(proc, memoryCache()));
    const err = await session.scan(image, 'linux/amd64').catch((e: unknown) => e);
    await session.close();
    expect(err).toBeInstanceOf(ScannerRunError);
    expect(err).toMatchObject({ tool: 'trivy', exitCode: 1, db: true });
    expect((err as Error).message).toMatch(/^trivy 0\.72\.0 could not fetch its vulnerability DB .* so the image was NOT scanned and no tag was written\. Re-run the job later/);
    expect(proc.calls).toHaveLength(1);
  });

  it('a cached DB the new trivy cannot read (old schema): retried with a DB update', async () => {
    const proc = recordedReportStandIn(() => 'trivy/sl-micro-rancher5.4-clean.json');
    proc.failNext({ code: 1, stderr: 'FATAL init error: DB error: The local DB has an old schema version which is not supported by the current version of Trivy CLI. It needs to be updated.' });
    const cache = memoryCache([KEY]);
    const session = await openExternalScanner('trivy', deps(proc, cache));
    await session.scan(image, 'linux/amd64');
    await session.close();
    expect(proc.calls.map((c) => c.args.includes('--skip-db-update'))).toEqual([true, false]);
    expect(cache.saved).toEqual([KEY]);
  });

  it('any other failure is a ScannerRunError with the tail of stderr', async () => {
    const proc = recordedReportStandIn(() => 'trivy/sl-micro-rancher5.4-clean.json');
    proc.failNext({ code: 2, stderr: 'FATAL unable to initialize an image scanner: unsupported media type' });
    const session = await openExternalScanner('trivy', deps(proc, memoryCache()));
    await expect(session.scan(image, 'linux/amd64')).rejects.toThrow(
      'trivy 0.72.0 failed with exit code 2; the image was NOT scanned and no tag was written. trivy said:\nFATAL unable to initialize an image scanner: unsupported media type'
    );
    await session.close();
  });
});

describe('grype through a recorded report standing in for the scanner process', () => {
  it('oci-dir: source, DB settings in the scrubbed env, findings parsed', async () => {
    const proc = recordedReportStandIn(() => 'grype/chainguard-ruby.json');
    const d = deps(proc, memoryCache(['aim-build-grype-db-2026-11-22']));
    d.install = async () => ({ tool: 'grype', version: '0.116.0', binary: '/opt/grype', fromCache: true });
    const session = await openExternalScanner('grype', d);
    const report = await session.scan(image, 'linux/arm64');
    await session.close();
    const { args, env, cwd } = proc.calls[0];
    expect(args).toEqual([`oci-dir:${join(cwd, 'image-1')}`, '-o', 'json', '--file', join(cwd, 'report-1.json')]);
    expect(env).toMatchObject({ GRYPE_DB_CACHE_DIR: join(d.tempDir, 'aim-build-grype-db'), GRYPE_DB_AUTO_UPDATE: 'false', GRYPE_CHECK_FOR_APP_UPDATE: 'false' });
    for (const value of Object.values(SECRETS)) expect(JSON.stringify(env)).not.toContain(value);
    expect(report.scanner.name).toBe('grype');
    expect(report.findings.map((f) => f.severity)).toEqual(['HIGH', 'HIGH', 'HIGH']);
  });
});

describe('spawnProcess: a REAL child process (a shell script standing in for trivy)', () => {
  it('gets exactly the scrubbed environment: no runner secret reaches it', async () => {
    const bin = join(root, 'fake-trivy');
    // writes its whole environment next to the report, then the recorded report
    writeFileSync(bin, `#!/bin/sh\nout=""\nwhile [ $# -gt 0 ]; do if [ "$1" = "--output" ]; then out="$2"; fi; shift; done\nenv > "$out.env"\ncp "${join(FIXTURES, 'trivy/sl-micro-rancher5.4-clean.json')}" "$out"\n`);
    chmodSync(bin, 0o755);
    const d = deps(spawnProcess, memoryCache());
    d.env = { ...process.env, ...SECRETS };
    d.install = async () => ({ tool: 'trivy', version: '0.72.0', binary: bin, fromCache: true });
    let dumped = '';
    const spy: ProcessRunner = async (req) => {
      const res = await spawnProcess(req);
      dumped = readFileSync(`${argvPaths(req.args).output}.env`, 'utf8');
      return res;
    };
    d.run = spy;
    const session = await openExternalScanner('trivy', d);
    const report = await session.scan(image, 'linux/amd64');
    await session.close();
    expect(report.findings).toEqual([]);
    const names = dumped.split('\n').filter(Boolean).map((l) => l.slice(0, l.indexOf('=')));
    for (const [name, value] of Object.entries(SECRETS)) {
      expect(names).not.toContain(name);
      expect(dumped).not.toContain(value);
    }
    expect(names.filter((n) => !['PWD', 'SHLVL', '_', 'OLDPWD'].includes(n)).every((n) => [...SCANNER_ENV_ALLOW, 'HOME', 'TMPDIR', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_HOME'].includes(n))).toBe(true);
    expect(readdirSync(d.tempDir).filter((n) => n.startsWith('aim-build-trivy-run-'))).toEqual([]);
  });

  it('a missing binary is a clear error', async () => {
    await expect(spawnProcess({ command: join(root, 'no-such-scanner'), args: [], env: { PATH: '/usr/bin' }, cwd: root })).rejects.toThrow(/^cannot run .*no-such-scanner: spawn .* ENOENT$/);
  });
});
