/**
 * scanGate / gateThenTag on OCI layouts written by the test (fast, no buildah; the real-image and
 * real-registry version is __tests__/real/scan-gate.test.ts): modes, ignore entries with expiry,
 * `scan: none`, the result JSON and the one-line step message.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseIgnoreFile } from '../../src/core/scan/ignore-file.js';
import type { ScanPolicy } from '../../src/core/scan/policy.js';
import { countedFindings, verdictMessage } from '../../src/core/scan/result.js';
import { gateThenTag, scanBuildGate, scanGate, type ScanGateDeps } from '../../src/steps/scan.js';
import { AMD64, ARM64, LayoutWriter } from '../helpers/oci-layout.js';

const KEY = `-----BEGIN OPENSSH PRIVATE KEY-----\n${Buffer.from('openssh-key-v1\0\0\0\0\x04none' + 'x'.repeat(80)).toString('base64')}\n-----END OPENSSH PRIVATE KEY-----\n`;
const BLOCK: ScanPolicy = { severities: ['CRITICAL', 'HIGH'], ignoreUnfixed: true, mode: 'block', ignores: [] };

let root: string;
let layout: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'aim-gate-'));
  const w = new LayoutWriter(join(root, 'layout'));
  const amd = await w.image([[{ name: 'app/ok.txt', content: 'ok\n' }]], AMD64);
  const arm = await w.image([[{ name: 'home/app/.ssh/id_ed25519', content: KEY }, { name: 'home/app/.bash_history', content: 'ls\n' }]], ARM64);
  w.index([amd, arm]);
  layout = w.dir;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function deps(logs: string[] = [], now = '2026-11-22T08:30:00Z'): ScanGateDeps {
  return { now: () => new Date(now), tempDir: mkdtempSync(join(root, 'tmp-')), log: { info: (m) => logs.push(m), warning: (m) => logs.push(`WARN ${m}`) } };
}

describe('gateThenTag', () => {
  it('block: tag is never called; the message names platform, id, where', async () => {
    const tagged: string[][] = [];
    const r = await gateThenTag({ layout, platforms: ['linux/amd64', 'linux/arm64'] }, ['1.0.0'], async (t) => void tagged.push([...t]), { scanner: 'builtin', policy: BLOCK }, deps());
    expect(r.tagged).toBe(false);
    expect(tagged).toEqual([]);
    expect(r.gate.verdict.counts['linux/arm64']).toEqual({ CRITICAL: 1, HIGH: 0, MEDIUM: 1, LOW: 0, UNKNOWN: 0 });
    expect(verdictMessage(r.gate.verdict)).toBe(
      'scan gate blocked: no tag was written. 1 blocking finding on linux/arm64: private-key (CRITICAL) in /home/app/.ssh/id_ed25519 [linux/arm64]. See the job summary and the SARIF file'
    );
  });

  it('warn: the same finding is reported, the tags are written', async () => {
    const tagged: string[][] = [];
    const r = await gateThenTag({ layout, platforms: [] }, ['1.0.0', 'latest'], async (t) => void tagged.push([...t]), { scanner: 'builtin', policy: { ...BLOCK, mode: 'warn' } }, deps());
    expect(r.tagged).toBe(true);
    expect(tagged).toEqual([['1.0.0', 'latest']]);
    expect(r.gate.result.verdict).toBe('warn');
    expect(r.gate.summaryMarkdown).toContain('⚠️ failed (mode: warn — tags were still written)');
    expect(verdictMessage(r.gate.verdict)).toMatch(/^scan gate failed \(scan-mode: warn, not blocking\)\. 1 blocking finding on linux\/arm64/);
  });

  it('an ignore entry lets it through until it expires (judged with the injected clock)', async () => {
    const ignores = parseIgnoreFile('private-key path:/home/app/** exp:2026-12-01 # test key, rotated in JIRA-7\n', '.trivyignore');
    const before = await scanGate({ layout, platforms: [] }, { scanner: 'builtin', policy: { ...BLOCK, ignores } }, deps([], '2026-11-30T12:00:00Z'));
    expect(before.verdict.pass).toBe(true);
    expect(before.result).toMatchObject({ verdict: 'pass', ignored: 1, expiredIgnores: [] });
    expect(before.summaryMarkdown).toContain('1 finding ignored (1 by ignore entries, 0 without a fixed version).');
    const after = await scanGate({ layout, platforms: [] }, { scanner: 'builtin', policy: { ...BLOCK, ignores } }, deps([], '2026-12-01T00:00:01Z'));
    expect(after.verdict.blocked).toBe(true);
    expect(after.result.expiredIgnores).toEqual(['private-key (.trivyignore line 1, path:/home/app/**, exp:2026-12-01)']);
    // the SARIF holds what was counted: with the entry active, the key is not an alert
    expect(countedFindings(before.findings, before.verdict).map((f) => f.id)).toEqual(['shell-history']);
    expect(countedFindings(after.findings, after.verdict).map((f) => f.id).sort()).toEqual(['private-key', 'shell-history']);
  });

  it('scan: none → skipped, no SARIF, tags written', async () => {
    const d = deps();
    const r = await gateThenTag({ layout, platforms: [] }, ['x'], async () => undefined, { scanner: 'none', policy: BLOCK }, d);
    expect(r.tagged).toBe(true);
    expect(r.gate.sarifPath).toBe('');
    expect(JSON.parse(r.gate.resultJson)).toMatchObject({ verdict: 'skipped', counts: {}, blocking: [] });
    expect(r.gate.summaryMarkdown).toBe('<!-- aim-build:scan -->\n### Image scan: skipped (`scan: none`)\n');
    expect(existsSync(join(d.tempDir, 'aim-build-scan.sarif'))).toBe(false);
  });

  it('the SARIF path input is honoured; an unknown platform is a clear error, nothing tagged', async () => {
    const d = deps();
    const sarifPath = join(d.tempDir, 'reports', 'image.sarif');
    const r = await scanGate({ layout, platforms: ['linux/amd64'] }, { scanner: 'builtin', policy: BLOCK, sarifPath }, d);
    expect(r.sarifPath).toBe(sarifPath);
    expect(existsSync(sarifPath)).toBe(true);
    let tagged = false;
    await expect(
      gateThenTag({ layout, platforms: ['linux/s390x'] }, ['x'], async () => void (tagged = true), { scanner: 'builtin', policy: BLOCK }, deps())
    ).rejects.toThrow('no image for platform linux/s390x; it has: linux/amd64, linux/arm64/v8');
    expect(tagged).toBe(false);
  });

  it('trivy without a scanner factory is a programming error, not a silent pass', async () => {
    await expect(scanGate({ layout, platforms: [] }, { scanner: 'trivy', policy: BLOCK }, deps())).rejects.toThrow('scan: trivy needs a scanner factory (externalScannerFactory)');
  });
});

describe('scanBuildGate (the build pipeline seam)', () => {
  it('answers pass/blocked with the step message, and publishes the full result first', async () => {
    const published: string[] = [];
    const gate = scanBuildGate({ scanner: 'builtin', policy: BLOCK }, deps(), (r) => void published.push(r.result.verdict));
    expect(await gate({ layout, platforms: ['linux/amd64', 'linux/arm64'] })).toEqual({
      pass: false,
      reason: 'scan gate blocked: no tag was written. 1 blocking finding on linux/arm64: private-key (CRITICAL) in /home/app/.ssh/id_ed25519 [linux/arm64]. See the job summary and the SARIF file'
    });
    // what the push records on the image: the verdict and the scanner
    expect(await gate({ layout, platforms: ['linux/amd64'] })).toEqual({
      pass: true,
      reason: 'scan gate passed (builtin)',
      annotations: { 'org.aim-build.scan.verdict': 'pass', 'org.aim-build.scan.scanner': 'builtin' }
    });
    expect(published).toEqual(['blocked', 'pass']);
  });

  it('scan-mode warn passes with verdict=warn to record; scan: none records nothing', async () => {
    const warn = scanBuildGate({ scanner: 'builtin', policy: { ...BLOCK, mode: 'warn' } }, deps(), () => undefined);
    const r = await warn({ layout, platforms: ['linux/amd64', 'linux/arm64'] });
    expect(r.pass).toBe(true);
    expect(r.annotations).toEqual({ 'org.aim-build.scan.verdict': 'warn', 'org.aim-build.scan.scanner': 'builtin' });
    const none = scanBuildGate({ scanner: 'none', policy: BLOCK }, deps(), () => undefined);
    expect(await none({ layout, platforms: ['linux/amd64', 'linux/arm64'] })).toMatchObject({ pass: true, annotations: {} });
  });
});
