/**
 * dist/scan/index.js as the runner runs it (`node dist/scan/index.js`, INPUT_* / GITHUB_*
 * variables, output and summary files), on OCI layouts written by the test, builtin scanner.
 * Also: the scanner/cache code stays out of the meta bundle.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AMD64, ARM64, LayoutWriter } from '../helpers/oci-layout.js';
import { parseOutputFile } from '../helpers/runner-files.js';

const KEY = `-----BEGIN EC PRIVATE KEY-----\n${Buffer.from('k'.repeat(90)).toString('base64')}\n-----END EC PRIVATE KEY-----\n`;
let root: string;
let leaky: string;
let clean: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'aim-dist-scan-'));
  const l = new LayoutWriter(join(root, 'leaky'));
  l.index([await l.image([[{ name: 'app/ok', content: 'ok' }]], AMD64), await l.image([[{ name: 'etc/ssl/private/app.key', content: KEY }]], ARM64)]);
  leaky = l.dir;
  const c = new LayoutWriter(join(root, 'clean'));
  c.index([await c.image([[{ name: 'app/ok', content: 'ok' }]], AMD64), await c.image([[{ name: 'app/ok', content: 'ok' }]], ARM64)]);
  clean = c.dir;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function runScan(inputs: Record<string, string>) {
  const dir = mkdtempSync(join(root, 'run-'));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary.md') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    RUNNER_TEMP: dir,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
  };
  const res = spawnSync(process.execPath, ['dist/scan/index.js'], { env, encoding: 'utf8' });
  return { status: res.status, stdout: res.stdout, outputs: parseOutputFile(readFileSync(files.output, 'utf8')), summary: readFileSync(files.summary, 'utf8') };
}

const built = existsSync('dist/scan/index.js');
(built ? describe : describe.skip)('dist/scan/index.js (builtin scanner, local OCI layouts)', () => {
  it('a scanner-mirror URL with credentials is refused before anything runs; the credentials are masked and never shown', () => {
    const r = runScan({ image: clean, scan: 'trivy', 'scanner-mirror': 'https://robot:mirr0r-canary-pw@nexus.internal/scanners' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("::error::aim-build: Invalid scanner-mirror 'https://***@nexus.internal/scanners': a mirror URL cannot carry credentials");
    expect([...r.stdout.matchAll(/^::add-mask::(.*)$/gm)].map((m) => m[1])).toEqual(expect.arrayContaining(['robot:mirr0r-canary-pw', 'mirr0r-canary-pw']));
    const shown = r.stdout.replace(/^::add-mask::.*$/gm, '');
    expect(shown).not.toContain('mirr0r-canary-pw');
    expect(shown).not.toMatch(/download|installing/i);
  });

  it('a leaked key on arm64 fails the step; outputs, SARIF file and summary say which platform and what', () => {
    const r = runScan({ image: leaky, scan: 'builtin' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      `::error::aim-build: scan gate blocked: no tag was written. 1 blocking finding on linux/arm64/v8: private-key (CRITICAL) in /etc/ssl/private/app.key [linux/arm64/v8]`
    );
    expect(r.outputs.verdict).toBe('blocked');
    expect(JSON.parse(r.outputs['scan-result']).counts['linux/arm64/v8'].CRITICAL).toBe(1);
    expect(JSON.parse(readFileSync(r.outputs['sarif-file'], 'utf8')).runs[0].results).toHaveLength(1);
    expect(r.summary).toContain('| linux/arm64/v8 | /etc/ssl/private/app.key | - | private-key | CRITICAL | - |');
    expect(r.summary).not.toContain(Buffer.from('k'.repeat(90)).toString('base64').slice(8, 40));
  });

  it('scan-mode warn: the same image passes the step with a warning', () => {
    const r = runScan({ image: leaky, scan: 'builtin', 'scan-mode': 'warn' });
    expect(r.status).toBe(0);
    expect(r.outputs.verdict).toBe('warn');
    expect(r.stdout).toContain('::warning::scan gate failed (scan-mode: warn, not blocking)');
  });

  it('a clean image passes; one platform can be chosen', () => {
    const r = runScan({ image: clean, scan: 'builtin', platforms: 'linux/arm64' });
    expect(r.stdout).not.toContain('::error::');
    expect(r.status).toBe(0);
    expect(Object.keys(JSON.parse(r.outputs['scan-result']).counts)).toEqual(['linux/arm64']);
  });
});

describe('bundle boundaries', () => {
  it('the meta bundle carries no scanner, download or DB-cache code', () => {
    if (!existsSync('dist/meta/index.js')) return;
    const meta = readFileSync('dist/meta/index.js', 'utf8');
    for (const marker of ['aim-build-trivy-db-', '@actions/cache', '@actions/tool-cache', 'ScannerVerificationError']) expect(meta).not.toContain(marker);
  });
});
