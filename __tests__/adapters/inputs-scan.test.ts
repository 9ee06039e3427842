/**
 * Scan inputs through the real runner protocol (INPUT_* variables), and scan/action.yml kept in
 * step with what is read. Image references for the scan sub-action.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import * as runner from '../../src/adapters/github/runner.js';
import { SCAN_ACTION_INPUT_NAMES, SCAN_INPUT_NAMES, readScanActionInputs, readScanInputs } from '../../src/adapters/github/inputs-scan.js';
import { parseImageReference } from '../../src/adapters/scan/pull-layout.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function withInputs(inputs: Record<string, string>): string[] {
  const written: string[] = [];
  runner.useRunnerIO(Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])), (t) => void written.push(t));
  return written;
}

afterEach(() => runner.useRunnerIO(process.env, (t) => void process.stdout.write(t)));

describe('scanner-mirror with credentials (regression: a URL with user:password@ must be refused and never printed)', () => {
  it.each([
    ['https://ci:Secr3t-pw@nexus.internal/repository/scanners', 'https://***@nexus.internal/repository/scanners', ['ci:Secr3t-pw', 'Secr3t-pw']],
    ['http://tok3n-only@10.0.0.5:8081/raw/', 'http://***@10.0.0.5:8081/raw/', ['tok3n-only']],
    ['ci:Secr3t-pw@nexus.internal/scanners', '***@nexus.internal/scanners', ['ci:Secr3t-pw', 'Secr3t-pw']]
  ])('%s is refused as %s, the credentials masked first', (value, shown, masked) => {
    const written = withInputs({ 'scanner-mirror': value });
    let message = '';
    try {
      readScanInputs();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      `Invalid scanner-mirror '${shown}': a mirror URL cannot carry credentials (user:password@); serve the scanner archives to the runners without authentication (their pinned sha256 still verifies every byte) and remove the credentials from the URL`
    );
    const log = written.join('');
    expect([...log.matchAll(/^::add-mask::(.*)$/gm)].map((m) => m[1])).toEqual(masked);
    for (const secret of masked) expect(message).not.toContain(secret);
  });

  it('an @ in the path is not credentials', () => {
    withInputs({ 'scanner-mirror': 'https://nexus.internal/repository/@scanners' });
    expect(readScanInputs().scannerMirror).toBe('https://nexus.internal/repository/@scanners');
  });
});

describe('readScanInputs', () => {
  it('defaults: trivy, CRITICAL,HIGH, ignore-unfixed, block, the default .trivyignore', () => {
    withInputs({});
    expect(readScanInputs()).toEqual({
      scanner: 'trivy',
      severities: ['CRITICAL', 'HIGH'],
      ignoreUnfixed: true,
      ignoreFile: '.trivyignore',
      ignoreFileExplicit: false,
      mode: 'block',
      scannerVersion: '',
      scannerChecksums: '',
      scannerMirror: '',
      sarifFile: ''
    });
  });

  it('every input read', () => {
    withInputs({
      scan: 'Builtin',
      'scan-severity': 'critical, high\nmedium',
      'scan-ignore-unfixed': 'false',
      'scan-ignore-file': 'security/ignore.txt',
      'scan-mode': 'warn',
      'scanner-version': '0.73.0',
      'scanner-checksums': 'abc  x.tar.gz',
      'scanner-mirror': 'https://nexus.internal/scanners',
      'sarif-file': 'out/scan.sarif'
    });
    expect(readScanInputs()).toEqual({
      scanner: 'builtin',
      severities: ['CRITICAL', 'HIGH', 'MEDIUM'],
      ignoreUnfixed: false,
      ignoreFile: 'security/ignore.txt',
      ignoreFileExplicit: true,
      mode: 'warn',
      scannerVersion: '0.73.0',
      scannerChecksums: 'abc  x.tar.gz',
      scannerMirror: 'https://nexus.internal/scanners',
      sarifFile: 'out/scan.sarif'
    });
  });

  it.each([
    [{ scan: 'snyk' }, "Invalid scan 'snyk': expected one of trivy, grype, builtin, none (builtin: our secret scanner, no download; none: no scan)"],
    [{ 'scan-severity': 'CRITICAL,SEVERE' }, "Invalid scan-severity 'SEVERE': use one or more of CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN"],
    [{ 'scan-severity': ' , ' }, "Invalid scan-severity '': name at least one severity, e.g. CRITICAL,HIGH"],
    [{ 'scan-ignore-unfixed': 'yes' }, "Invalid scan-ignore-unfixed 'yes': expected true or false"],
    [{ 'scan-mode': 'audit' }, "Invalid scan-mode 'audit': use 'block' (a failing scan stops tagging) or 'warn' (report only)"]
  ])('%j → %s', (inputs, message) => {
    withInputs(inputs);
    expect(() => readScanInputs()).toThrow(message);
  });
});

describe('readScanActionInputs', () => {
  it('masks the password and token before anything else; platforms split on commas and newlines', () => {
    const written = withInputs({ image: 'ghcr.io/acme/app:1.2.3', platforms: 'linux/amd64,\nlinux/arm64/v8', username: 'bot', password: 's3cr3t', 'github-token': 'ghs_x', 'pr-comment': 'false' });
    const inputs = readScanActionInputs();
    expect(inputs).toMatchObject({ image: 'ghcr.io/acme/app:1.2.3', platforms: ['linux/amd64', 'linux/arm64/v8'], username: 'bot', password: 's3cr3t', githubToken: 'ghs_x', prComment: false });
    expect(written.join('')).toBe('::add-mask::s3cr3t\n::add-mask::ghs_x\n');
  });

  it('image is required; a platform must be os/arch', () => {
    withInputs({});
    expect(() => readScanActionInputs()).toThrow("Invalid image '': give an image reference (ghcr.io/acme/app:1.2.3) or the path of an OCI layout");
    withInputs({ image: 'x', platforms: 'arm64' });
    expect(() => readScanActionInputs()).toThrow("Invalid platforms 'arm64': not os/architecture[/variant]; did you mean linux/arm64?");
  });
});

describe('action.yml parity', () => {
  it('scan/action.yml declares exactly the inputs the sub-action reads, each with a description; outputs documented', () => {
    const action = parse(readFileSync(`${ROOT}/scan/action.yml`, 'utf8')) as { inputs: Record<string, { description: string }>; outputs: Record<string, { description: string }>; runs: { using: string; main: string } };
    expect(Object.keys(action.inputs).sort()).toEqual([...SCAN_ACTION_INPUT_NAMES].sort());
    for (const [name, input] of Object.entries(action.inputs)) expect(`${name}: ${input.description}`.length).toBeGreaterThan(name.length + 20);
    expect(Object.keys(action.outputs).sort()).toEqual(['sarif-file', 'scan-result', 'summary', 'verdict']);
    expect(action.runs).toEqual({ using: 'node24', main: '../dist/scan/index.js' });
    expect(SCAN_ACTION_INPUT_NAMES.slice(0, SCAN_INPUT_NAMES.length)).toEqual(SCAN_INPUT_NAMES);
  });
});

describe('parseImageReference', () => {
  it.each([
    ['ghcr.io/acme/app:1.2.3', { registry: 'ghcr.io', repository: 'acme/app', ref: '1.2.3' }],
    ['ghcr.io/acme/app', { registry: 'ghcr.io', repository: 'acme/app', ref: 'latest' }],
    ['alpine', { registry: 'docker.io', repository: 'library/alpine', ref: 'latest' }],
    ['127.0.0.1:5000/aim/x:dev', { registry: '127.0.0.1:5000', repository: 'aim/x', ref: 'dev' }],
    [`registry.cn-hangzhou.aliyuncs.com/acme/ai-infra-matrix:backend-1.2@sha256:${'a'.repeat(64)}`, { registry: 'registry.cn-hangzhou.aliyuncs.com', repository: 'acme/ai-infra-matrix', ref: `sha256:${'a'.repeat(64)}` }]
  ])('%s', (text, ref) => {
    expect(parseImageReference(text)).toEqual(ref);
  });

  it.each(['ghcr.io/Acme/App:1', 'ghcr.io/acme/app@sha256:short', './not-there'])('%s is refused', (text) => {
    expect(() => parseImageReference(text)).toThrow(/^Invalid image /);
  });
});
