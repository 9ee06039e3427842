/**
 * The scan gate on REAL images and a REAL registry: buildah (chroot isolation) builds a
 * linux/amd64 + linux/arm64 image whose arm64 variant has a planted RSA private key, and a clean
 * one; `buildah manifest push --all … oci:DIR` exports each to an OCI layout; the gate scans every
 * platform; a CNCF registry on 127.0.0.1 shows, through its HTTP API, that no planned tag points
 * at the failing image while the clean one is pushed by digest and tagged.
 *
 * trivy / grype: a RECORDED REPORT STANDS IN FOR THE SCANNER PROCESS (the binaries are not run);
 * the real image layouts, per-platform layouts, env scrubbing, policy, SARIF and tagging are real.
 * Needs scripts/ci-setup.sh: fails under CI=true when a tool is missing, skips locally.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryClient } from '../../src/adapters/registry/client.js';
import * as runner from '../../src/adapters/github/runner.js';
import type { DbCache } from '../../src/adapters/scan/db-cache.js';
import { openExternalScanner } from '../../src/adapters/scan/run-scanner.js';
import { parseSarif } from '../../src/core/scan/sarif.js';
import type { ScanPolicy } from '../../src/core/scan/policy.js';
import type { ExternalScanner } from '../../src/core/scan/scanners.js';
import { gateThenTag, scanGate, type ScanGateDeps } from '../../src/steps/scan.js';
import { scanActionStep } from '../../src/steps/scan-action.js';
import { buildah, buildahRequirements, ensureBusyboxBase, removeManifestAndImages } from '../helpers/buildah.js';
import { layoutDigest, pushLayout } from '../helpers/oci-push.js';
import { recordedReportStandIn, type RecordedScannerProcess } from '../helpers/recorded-scanner.js';
import { REGISTRY_BIN, startRegistry, type TestRegistry } from '../helpers/registry.js';
import { parseOutputFile } from '../helpers/runner-files.js';
import { requireReal, toolRequirement } from '../helpers/tools.js';

const REAL = requireReal('scan gate on real images', [...buildahRequirements(), toolRequirement(REGISTRY_BIN), toolRequirement('htpasswd')]);
const real = REAL ? describe : describe.skip;

const CREDS = { username: 'ci', password: `pw-${Math.random().toString(36).slice(2)}-secret` };
const NOW = new Date('2026-11-22T08:30:00Z');
const POLICY: ScanPolicy = { severities: ['CRITICAL', 'HIGH'], ignoreUnfixed: true, mode: 'block', ignores: [] };
const PLATFORMS = ['linux/amd64', 'linux/arm64'];
const CONTAINERFILE = 'FROM localhost/aim-busybox:latest\nARG TARGETARCH\nCOPY secrets/${TARGETARCH}/ /root/\nUSER 65534:65534\n';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KEY_PEM = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const KEY_BODY_LINE = KEY_PEM.split('\n')[5];

let root: string;
let leaky: string;
let clean: string;
let reg: TestRegistry;
const lists: string[] = [];
const timings: Record<string, number> = {};

/** Build amd64+arm64 from `secrets/<arch>/` trees and export the list to an OCI layout. */
async function buildLayout(name: string, secrets: Record<'amd64' | 'arm64', Record<string, string>>): Promise<string> {
  const ctx = join(root, `ctx-${name}`);
  for (const [arch, files] of Object.entries(secrets)) {
    mkdirSync(join(ctx, 'secrets', arch), { recursive: true });
    writeFileSync(join(ctx, 'secrets', arch, '.keep'), '');
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(ctx, 'secrets', arch, path, '..'), { recursive: true });
      writeFileSync(join(ctx, 'secrets', arch, path), content, { mode: 0o600 });
    }
  }
  writeFileSync(join(ctx, 'Containerfile'), CONTAINERFILE);
  const list = `localhost/aim-scan-${name}-${process.pid}-${Date.now()}`;
  lists.push(list);
  const b = await buildah(['build', '--isolation', 'chroot', '--platform', PLATFORMS.join(','), '--manifest', list, '-f', join(ctx, 'Containerfile'), ctx]);
  const dir = join(root, `oci-${name}`);
  const p = await buildah(['manifest', 'push', '--all', list, `oci:${dir}`]);
  timings[`build+export ${name} (2 platforms)`] = b.ms + p.ms;
  return dir;
}

function gateDeps(logs: string[] = [], openScanner?: ScanGateDeps['openScanner']): ScanGateDeps {
  return { now: () => NOW, tempDir: mkdtempSync(join(root, 'runner-temp-')), log: { info: (m) => logs.push(m), warning: (m) => logs.push(`WARN ${m}`) }, openScanner };
}

function client(): RegistryClient {
  return new RegistryClient({ registry: reg.host, insecureHttp: true, credentials: CREDS, backoffMs: 5 });
}

/** A gate's tag step: push the layout by digest, then write the planned tags. */
const tagWith = (layout: string, repository: string) => async (tags: readonly string[]) => {
  await pushLayout(client(), repository, layout, tags);
};

/** trivy/grype sessions whose process is a recorded report stand-in (the real binaries are not run). */
function recordedScanner(proc: RecordedScannerProcess, version: string): (tool: ExternalScanner) => Promise<ReturnType<typeof openExternalScanner> extends Promise<infer S> ? S : never> {
  const cache: DbCache = { restore: async () => undefined, save: async () => undefined };
  return async (tool) =>
    openExternalScanner(tool, {
      install: async () => ({ tool, version, binary: `/opt/recorded-report-stand-in/${tool}`, fromCache: true }),
      dbCache: cache,
      run: proc,
      env: { ...process.env, GITHUB_TOKEN: 'ghs_never-reaches-the-scanner', REGISTRY_PASSWORD: CREDS.password },
      tempDir: mkdtempSync(join(root, 'scanner-temp-')),
      now: () => NOW,
      log: { info: () => undefined, warning: () => undefined }
    });
}

real('scan gate: builtin on real buildah images, end to end against a real registry', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'aim-scan-gate-'));
    const base = await ensureBusyboxBase();
    timings[base.built ? 'base images (built)' : 'base images (cached)'] = base.ms;
    leaky = await buildLayout('leaky', { amd64: {}, arm64: { '.ssh/id_rsa': KEY_PEM } });
    clean = await buildLayout('clean', { amd64: {}, arm64: {} });
    reg = await startRegistry({ auth: { user: CREDS.username, password: CREDS.password } });
  }, 240_000);

  afterAll(async () => {
    for (const list of lists) await removeManifestAndImages(list);
    await reg?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
    runner.useRunnerIO(process.env, (t) => void process.stdout.write(t));
    console.log(`scan gate timings (ms): ${JSON.stringify(timings)}`);
  }, 60_000);

  it('the planted key on linux/arm64 blocks; amd64 passes; SARIF written and valid; the key never leaks', async () => {
    const deps = gateDeps();
    const started = Date.now();
    const gate = await scanGate({ layout: leaky, platforms: PLATFORMS }, { scanner: 'builtin', policy: POLICY }, deps);
    timings['builtin gate, 2 platforms (leaky)'] = Date.now() - started;
    expect(gate.verdict).toMatchObject({ pass: false, blocked: true });
    expect(gate.verdict.counts).toEqual({
      'linux/amd64': { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 },
      'linux/arm64': { CRITICAL: 1, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 }
    });
    expect(gate.verdict.blocking.map((f) => [f.platform, f.id, f.severity, f.path, f.title])).toEqual([['linux/arm64', 'private-key', 'CRITICAL', '/root/.ssh/id_rsa', 'RSA private key']]);

    expect(gate.sarifPath).toBe(join(deps.tempDir, 'aim-build-scan.sarif'));
    const sarifText = readFileSync(gate.sarifPath, 'utf8');
    const sarif = JSON.parse(sarifText);
    expect(sarif).toMatchObject({ version: '2.1.0', $schema: 'https://json.schemastore.org/sarif-2.1.0.json' });
    expect(sarif.runs).toHaveLength(1);
    const [run] = sarif.runs;
    expect(run.tool.driver.name).toBe('aim-build');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['private-key']);
    expect(run.results).toHaveLength(1);
    expect(run.results[0]).toMatchObject({
      ruleId: 'private-key',
      ruleIndex: 0,
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'root/.ssh/id_rsa' }, region: { startLine: 1 } } }],
      properties: { platform: 'linux/arm64', severity: 'CRITICAL' }
    });
    expect(run.tool.driver.rules[0].properties['security-severity']).toBe('9.5');
    // our own SARIF reader accepts it and gets the same finding back
    expect(parseSarif(sarifText, gate.sarifPath).findings.map((f) => [f.id, f.severity, f.platform])).toEqual([['private-key', 'CRITICAL', 'linux/arm64']]);

    const result = JSON.parse(gate.resultJson);
    expect(result).toMatchObject({ verdict: 'blocked', scanner: 'builtin', blocking: [{ platform: 'linux/arm64', id: 'private-key', severity: 'CRITICAL', path: '/root/.ssh/id_rsa' }], sarifFile: gate.sarifPath });
    expect(gate.summaryMarkdown).toContain('### Image scan (builtin): ❌ blocked — no tag was written');
    expect(gate.summaryMarkdown).toContain('| linux/arm64 | 1 | 0 | 0 | 0 | ❌ blocked |');
    expect(gate.summaryMarkdown).toContain('| linux/amd64 | 0 | 0 | 0 | 0 | ✅ pass |');
    expect(gate.summaryMarkdown).toContain('| linux/arm64 | /root/.ssh/id_rsa | - | private-key | CRITICAL | - |');
    for (const text of [sarifText, gate.resultJson, gate.summaryMarkdown]) {
      expect(text).not.toContain(KEY_BODY_LINE);
      expect(text).not.toContain('BEGIN RSA PRIVATE KEY');
    }
  });

  it('the clean image passes with zero findings on both platforms and an empty SARIF run', async () => {
    const gate = await scanGate({ layout: clean, platforms: [] }, { scanner: 'builtin', policy: POLICY }, gateDeps());
    expect(gate.verdict.pass).toBe(true);
    expect(Object.keys(gate.verdict.counts).sort()).toEqual(['linux/amd64', 'linux/arm64']); // every platform of the layout (index order is build order)
    expect(Object.values(gate.verdict.counts).every((c) => Object.values(c).every((n) => n === 0))).toBe(true);
    expect(JSON.parse(readFileSync(gate.sarifPath, 'utf8')).runs[0].results).toEqual([]);
    expect(gate.result.verdict).toBe('pass');
  });

  it('END TO END: clean is pushed and tagged; the leaky image is blocked and the registry API shows no planned tag pointing to it', async () => {
    const repo = 'aim/scan-e2e';
    const c = client();
    const first = await gateThenTag({ layout: clean, platforms: PLATFORMS }, ['1.0.0', 'latest'], tagWith(clean, repo), { scanner: 'builtin', policy: POLICY }, gateDeps());
    expect(first.tagged).toBe(true);
    const cleanDigest = layoutDigest(clean);
    expect((await c.headManifest(repo, '1.0.0'))?.digest).toBe(cleanDigest);
    expect((await c.headManifest(repo, 'latest'))?.digest).toBe(cleanDigest);

    let tagCalled = false;
    const logs: string[] = [];
    const second = await gateThenTag(
      { layout: leaky, platforms: PLATFORMS },
      ['1.0.1', 'latest'],
      async (tags) => {
        tagCalled = true;
        await tagWith(leaky, repo)(tags);
      },
      { scanner: 'builtin', policy: POLICY },
      gateDeps(logs)
    );
    expect(second.tagged).toBe(false);
    expect(tagCalled).toBe(false);
    expect(logs).toContain('WARN scan gate blocked: 1 blocking finding(s); no tag was written to 2 target(s)');
    // the registry: no 1.0.1, latest still on the clean image, and the leaky index is not there at all
    expect((await c.listTags(repo)).sort()).toEqual(['1.0.0', 'latest']);
    expect(await c.headManifest(repo, '1.0.1')).toBeUndefined();
    expect((await c.headManifest(repo, 'latest'))?.digest).toBe(cleanDigest);
    expect(await c.headManifest(repo, layoutDigest(leaky))).toBeUndefined();
  }, 60_000);

  it('the scan sub-action pulls the pushed image from the registry (both platforms) and passes; a local leaky layout fails the step', async () => {
    const out = join(root, 'gh-output');
    writeFileSync(out, '');
    const written: string[] = [];
    const env = {
      RUNNER_TEMP: mkdtempSync(join(root, 'runner-temp-')),
      GITHUB_OUTPUT: out,
      GITHUB_EVENT_NAME: 'push',
      INPUT_IMAGE: `${reg.host}/aim/scan-e2e:1.0.0`,
      INPUT_SCAN: 'builtin',
      INPUT_USERNAME: CREDS.username,
      INPUT_PASSWORD: CREDS.password
    };
    runner.useRunnerIO(env, (t) => void written.push(t));
    const started = Date.now();
    const gate = await scanActionStep({ env, fetch: globalThis.fetch, now: () => NOW });
    timings['scan sub-action: pull 2 platforms + builtin'] = Date.now() - started;
    expect(gate.verdict.pass).toBe(true);
    const outputs = parseOutputFile(readFileSync(out, 'utf8'));
    expect(outputs.verdict).toBe('pass');
    expect(JSON.parse(outputs['scan-result']).counts).toEqual({
      'linux/amd64': { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 },
      'linux/arm64': { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 }
    });
    expect(outputs['sarif-file']).toBe(join(env.RUNNER_TEMP, 'aim-build-scan.sarif'));
    expect(outputs.summary).toContain(`### Image scan (builtin): ${reg.host}/aim/scan-e2e:1.0.0: ✅ passed`);
    expect(written.join('')).toContain(`::add-mask::${CREDS.password}`);
    expect(written.join('').replace(`::add-mask::${CREDS.password}`, '')).not.toContain(CREDS.password);

    writeFileSync(out, '');
    const armOnly = { ...env, INPUT_PLATFORMS: 'linux/arm64' };
    runner.useRunnerIO(armOnly, (t) => void written.push(t));
    const arm = await scanActionStep({ env: armOnly, fetch: globalThis.fetch, now: () => NOW });
    expect(Object.keys(arm.verdict.counts)).toEqual(['linux/arm64']); // only that platform was pulled and scanned

    // no credential inputs: the login `buildah login` left in a containers auth.json is found and used
    writeFileSync(out, '');
    const authFile = join(root, 'stored-auth.json');
    writeFileSync(authFile, JSON.stringify({ auths: { [reg.host]: { auth: Buffer.from(`${CREDS.username}:${CREDS.password}`).toString('base64') } } }), { mode: 0o600 });
    const storedEnv = { ...env, INPUT_USERNAME: '', INPUT_PASSWORD: '', HOME: mkdtempSync(join(root, 'home-')), REGISTRY_AUTH_FILE: authFile };
    const storedLog: string[] = [];
    runner.useRunnerIO(storedEnv, (t) => void storedLog.push(t));
    expect((await scanActionStep({ env: storedEnv, fetch: globalThis.fetch, now: () => NOW })).verdict.pass).toBe(true);
    expect(storedLog.join('')).toContain(`${reg.host}: credentials from containers auth file ${authFile} (auths["${reg.host}"])`);
    expect(storedLog.join('').replace(/^::add-mask::.*$/gm, '')).not.toContain(CREDS.password);

    writeFileSync(out, '');
    const leakyEnv = { ...env, INPUT_IMAGE: leaky, INPUT_PASSWORD: '', INPUT_USERNAME: '' };
    runner.useRunnerIO(leakyEnv, (t) => void written.push(t));
    await expect(scanActionStep({ env: leakyEnv, fetch: globalThis.fetch, now: () => NOW })).rejects.toThrow(
      'scan gate blocked: no tag was written. 1 blocking finding on linux/arm64: private-key (CRITICAL) in /root/.ssh/id_rsa [linux/arm64]. See the job summary and the SARIF file'
    );
    expect(parseOutputFile(readFileSync(out, 'utf8')).verdict).toBe('blocked');
  }, 60_000);

  describe('trivy and grype: a RECORDED REPORT STANDS IN FOR THE SCANNER PROCESS (binaries not run)', () => {
    it('trivy: a recorded CRITICAL with a fix on arm64 blocks, no tag; recorded clean reports pass and tag', async () => {
      const repo = 'aim/scan-trivy';
      const c = client();
      const blocking = recordedReportStandIn((p) => (p.startsWith('linux/arm64') ? 'trivy/debian-buster.json' : 'trivy/sl-micro-rancher5.4-clean.json'));
      const blocked = await gateThenTag({ layout: clean, platforms: PLATFORMS }, ['2.0.0'], tagWith(clean, repo), { scanner: 'trivy', policy: POLICY }, gateDeps([], recordedScanner(blocking, '0.72.0')));
      expect(blocked.tagged).toBe(false);
      expect(blocked.gate.verdict.blocking.map((f) => [f.platform, f.pkgName, f.id, f.severity, f.fixedVersion])).toEqual([['linux/arm64', 'libidn2-0', 'CVE-2019-18224', 'CRITICAL', '2.0.5-1+deb10u1']]);
      expect(blocked.gate.verdict.ignored.map((i) => i.finding.id)).toEqual(['CVE-2019-18276']); // LOW, affected, no fix: ignore-unfixed
      expect(blocked.gate.summaryMarkdown).toContain('| linux/arm64 | libidn2-0 | 2.0.5-1 | CVE-2019-18224 | CRITICAL | 2.0.5-1+deb10u1 |');
      expect(await c.listTags(repo)).toEqual([]);
      // each platform ran on its own one-platform layout; no secret in any scanner env
      expect(blocking.calls).toHaveLength(2);
      for (const call of blocking.calls) {
        expect(JSON.stringify(call.env)).not.toContain('ghs_never-reaches-the-scanner');
        expect(JSON.stringify(call.env)).not.toContain(CREDS.password);
      }

      const passing = recordedReportStandIn(() => 'trivy/sl-micro-rancher5.4-clean.json');
      const ok = await gateThenTag({ layout: clean, platforms: PLATFORMS }, ['2.0.1'], tagWith(clean, repo), { scanner: 'trivy', policy: POLICY }, gateDeps([], recordedScanner(passing, '0.72.0')));
      expect(ok.tagged).toBe(true);
      expect(ok.gate.result).toMatchObject({ verdict: 'pass', scanner: 'trivy', scannerVersion: '0.72.0' });
      expect(await c.listTags(repo)).toEqual(['2.0.1']);
      expect((await c.headManifest(repo, '2.0.1'))?.digest).toBe(layoutDigest(clean));
    }, 60_000);

    it('grype: recorded HIGH findings with fixes on amd64 block, no tag; an empty recorded report passes and tags', async () => {
      const repo = 'aim/scan-grype';
      const c = client();
      const blocking = recordedReportStandIn((p) => (p === 'linux/amd64' ? 'grype/chainguard-ruby.json' : 'grype/presenter-empty.json'));
      const blocked = await gateThenTag({ layout: clean, platforms: PLATFORMS }, ['3.0.0'], tagWith(clean, repo), { scanner: 'grype', policy: POLICY }, gateDeps([], recordedScanner(blocking, '0.116.0')));
      expect(blocked.tagged).toBe(false);
      expect(blocked.gate.verdict.counts['linux/arm64'].HIGH).toBe(0);
      expect(blocked.gate.verdict.blocking.every((f) => f.platform === 'linux/amd64' && f.severity === 'HIGH' && f.fixedVersion)).toBe(true);
      expect(blocked.gate.verdict.blocking.length).toBeGreaterThan(0);
      expect(await c.listTags(repo)).toEqual([]);
      expect(blocking.calls.map((call) => call.args[0].split(':')[0])).toEqual(['oci-dir', 'oci-dir']);

      const passing = recordedReportStandIn(() => 'grype/presenter-empty.json');
      const ok = await gateThenTag({ layout: clean, platforms: PLATFORMS }, ['3.0.1'], tagWith(clean, repo), { scanner: 'grype', policy: POLICY }, gateDeps([], recordedScanner(passing, '0.116.0')));
      expect(ok.tagged).toBe(true);
      expect((await c.headManifest(repo, '3.0.1'))?.digest).toBe(layoutDigest(clean));
    }, 60_000);
  });
});
