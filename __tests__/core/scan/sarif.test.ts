import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { recordedPath } from '../../helpers/recorded.js';
import { type Finding, ScanReportError } from '../../../src/core/scan/findings.js';
import { parseGrypeJson } from '../../../src/core/scan/grype.js';
import { type SarifLog, parseSarif, scoreSeverity, writeSarif } from '../../../src/core/scan/sarif.js';
import { parseTrivyJson } from '../../../src/core/scan/trivy.js';

/** Recorded upstream outputs, kept in the repository (see __tests__/fixtures/recorded/README.md). */
const FIXTURES = recordedPath('scanners');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

describe('parseSarif on recorded SARIF (scanner binaries not run here)', () => {
  it('trivy alpine-310.sarif: 4 MEDIUM results; package, versions and fix from the message text', () => {
    const report = parseSarif(fixture('trivy/alpine-310.sarif'), 'alpine-310.sarif');
    expect(report.scanner).toEqual({ name: 'trivy', version: 'dev' });
    expect(report.artifactName).toBe('testdata/fixtures/images/alpine-310.tar.gz');
    expect(report.findings.map((f) => [f.id, f.severity, f.pkgName, f.installedVersion, f.fixedVersion, f.fixState])).toEqual([
      ['CVE-2019-1549', 'MEDIUM', 'libcrypto1.1', '1.1.1c-r0', '1.1.1d-r0', 'fixed'],
      ['CVE-2019-1551', 'MEDIUM', 'libcrypto1.1', '1.1.1c-r0', '1.1.1d-r2', 'fixed'],
      ['CVE-2019-1549', 'MEDIUM', 'libssl1.1', '1.1.1c-r0', '1.1.1d-r0', 'fixed'],
      ['CVE-2019-1551', 'MEDIUM', 'libssl1.1', '1.1.1c-r0', '1.1.1d-r2', 'fixed']
    ]);
    expect(report.findings[0]).toMatchObject({
      kind: 'vulnerability',
      title: 'openssl: information disclosure in fork()',
      target: 'testdata/fixtures/images/alpine-310.tar.gz',
      path: 'testdata/fixtures/images/alpine-310.tar.gz',
      scanner: 'trivy'
    });
  });

  it('grype presenter-image.sarif: the severity word wins over the CVSS score, and matches the grype JSON of the same data', () => {
    const sarif = parseSarif(fixture('grype/presenter-image.sarif'), 'presenter-image.sarif');
    expect(sarif.scanner).toEqual({ name: 'grype', version: '0.0.0-dev' });
    const json = parseGrypeJson(fixture('grype/presenter-image.json'), 'presenter-image.json');
    const key = (f: Finding) => [f.id, f.severity, f.pkgName, f.installedVersion, f.fixedVersion, f.path];
    expect(sarif.findings.map(key)).toEqual(json.findings.map(key));
    // CVE-1999-0001 has security-severity 8.2 (HIGH band) but grype calls it low.
    expect(sarif.findings[0]).toMatchObject({ id: 'CVE-1999-0001', severity: 'LOW', fixState: 'fixed' });
    expect(sarif.findings[1]).toMatchObject({ id: 'CVE-1999-0002', severity: 'CRITICAL', fixState: 'unknown' });
  });
});

describe('every recorded scanner fixture (no scanner binary run here)', () => {
  const files = ['trivy', 'grype'].flatMap((tool) => readdirSync(join(FIXTURES, tool)).map((name) => `${tool}/${name}`));
  it('the fixture directory holds the 13 recorded outputs', () => {
    expect(files).toHaveLength(13);
  });
  it.each(files)('%s parses with the matching parser', (file) => {
    const text = fixture(file);
    const parse = file.endsWith('.sarif') ? parseSarif : file.startsWith('trivy/') ? parseTrivyJson : parseGrypeJson;
    const report = parse(text, file);
    expect(report.scanner.name).toBe(file.startsWith('trivy/') ? 'trivy' : 'grype');
    for (const f of report.findings) expect(f.id).not.toBe('');
  });
});

describe('parseSarif severity precedence (synthetic input)', () => {
  const log = (rule: object, result: object = {}): string =>
    JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x', rules: [{ id: 'R1', ...rule }] } }, results: [{ ruleId: 'R1', message: { text: 'm' }, ...result }] }] });

  it.each([
    ['tag word', { properties: { tags: ['security', 'HIGH'], 'security-severity': '2.0' } }, { level: 'note' }, 'HIGH'],
    ['Severity: line in help', { help: { text: 'Severity: critical' }, properties: { 'security-severity': '2.0' } }, {}, 'CRITICAL'],
    ['security-severity 9.1', { properties: { 'security-severity': '9.1' } }, { level: 'note' }, 'CRITICAL'],
    ['security-severity 7.0', { properties: { 'security-severity': '7.0' } }, {}, 'HIGH'],
    ['security-severity 4.0', { properties: { 'security-severity': '4.0' } }, {}, 'MEDIUM'],
    ['security-severity 0.1', { properties: { 'security-severity': '0.1' } }, {}, 'LOW'],
    ['level error', {}, { level: 'error' }, 'HIGH'],
    ['level warning', {}, { level: 'warning' }, 'MEDIUM'],
    ['level note', {}, { level: 'note' }, 'LOW'],
    ['rule default level', { defaultConfiguration: { level: 'warning' } }, {}, 'MEDIUM'],
    ['nothing', {}, {}, 'UNKNOWN']
  ])('%s', (_name, rule, result, expected) => {
    expect(parseSarif(log(rule, result), 's.sarif').findings[0].severity).toBe(expected);
  });

  it('scoreSeverity uses GitHub bands', () => {
    expect([10, 9, 8.9, 7, 6.9, 4, 3.9, 0.1, 0].map(scoreSeverity)).toEqual([
      'CRITICAL', 'CRITICAL', 'HIGH', 'HIGH', 'MEDIUM', 'MEDIUM', 'LOW', 'LOW', 'UNKNOWN'
    ]);
  });

  it.each([
    ['not JSON', 'oops', /^SARIF report 'r\.sarif': not JSON/],
    ['wrong version', '{"version":"2.0.0","runs":[]}', /version is "2\.0\.0", expected "2\.1\.0"/],
    ['a run without a driver', '{"version":"2.1.0","runs":[{}]}', /runs\[0\] has no tool\.driver/],
    ['a result without ruleId', '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{}]}]}', /runs\[0\]\.results\[0\] has no ruleId/]
  ])('rejects %s', (_name, text, message) => {
    expect(() => parseSarif(text, 'r.sarif')).toThrow(message);
    expect(() => parseSarif(text, 'r.sarif')).toThrow(ScanReportError);
  });
});

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
  partialFingerprints: Record<string, string>;
  properties: Record<string, unknown>;
}
interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri?: string;
  properties: Record<string, unknown>;
}
interface SarifRun {
  tool: { driver: { name: string; version: string; rules: SarifRule[] } };
  results: SarifResult[];
  properties: Record<string, unknown>;
  automationDetails?: { id: string };
}
const runOf = (log: SarifLog): SarifRun => log.runs[0] as unknown as SarifRun;

/** The fields github/codeql-action/upload-sarif needs, checked by hand (no schema validator installed). */
function expectValidForCodeScanning(log: SarifLog): void {
  expect(log.version).toBe('2.1.0');
  expect(typeof log.$schema).toBe('string');
  expect(log.runs).toHaveLength(1);
  const run = runOf(log);
  expect(run.tool.driver.name).toBe('aim-build');
  const ruleIds = run.tool.driver.rules.map((r) => r.id);
  expect(new Set(ruleIds).size).toBe(ruleIds.length);
  for (const rule of run.tool.driver.rules) {
    expect(typeof rule.id).toBe('string');
    expect(rule.shortDescription.text.length).toBeGreaterThan(0);
  }
  for (const result of run.results) {
    expect(ruleIds[result.ruleIndex]).toBe(result.ruleId);
    expect(['error', 'warning', 'note', 'none']).toContain(result.level);
    expect(result.message.text.length).toBeGreaterThan(0);
    expect(result.locations.length).toBeGreaterThan(0);
    const uri: string = result.locations[0].physicalLocation.artifactLocation.uri;
    expect(uri.length).toBeGreaterThan(0);
    expect(uri).toMatch(/^[A-Za-z0-9._~!$&'()*+,;=:@%/-]+$/); // a URI reference: nothing left unencoded
    expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
  }
}

describe('writeSarif', () => {
  const trivy = parseTrivyJson(fixture('trivy/fluentd-gems.json'), 'fluentd-gems.json').findings;
  const grype = parseGrypeJson(fixture('grype/chainguard-ruby.json'), 'chainguard-ruby.json').findings;
  const secret: Finding = {
    kind: 'secret', id: 'private-key', severity: 'CRITICAL', fixState: 'unknown', title: 'RSA private key',
    target: '/root/my keys/#1.pem', path: '/root/my keys/#1.pem', line: 1, layer: 'sha256:' + 'a'.repeat(64), match: 'MIIE…(1600 chars)', scanner: 'builtin'
  };
  const root: Finding = { kind: 'misconfig', id: 'root-user', severity: 'MEDIUM', fixState: 'unknown', title: 'Image runs as root: no USER is set', target: 'image config', path: 'config.User', scanner: 'builtin' };
  const findings: Finding[] = [
    ...trivy.map((f) => ({ ...f, platform: 'linux/amd64' })),
    ...grype.map((f) => ({ ...f, platform: 'linux/arm64' })),
    { ...secret, platform: 'linux/arm64' },
    { ...root, platform: 'linux/amd64' }
  ];

  it('writes one aim-build run that upload-sarif accepts, one rule per id, most severe first', () => {
    const log = writeSarif(findings, { toolVersion: '1.2.3', category: 'aim-build/image-scan/' });
    expectValidForCodeScanning(log);
    const run = runOf(log);
    expect(run.tool.driver.version).toBe('1.2.3');
    expect(run.automationDetails).toEqual({ id: 'aim-build/image-scan/' });
    expect(run.properties).toEqual({ platforms: ['linux/amd64', 'linux/arm64'] });
    expect(run.results.map((r) => [r.ruleId, r.level])).toEqual([
      ['CVE-2019-18224', 'error'],
      ['private-key', 'error'],
      ['CVE-2020-8165', 'error'],
      ['CVE-2023-28755', 'error'],
      ['CVE-2023-28755', 'error'],
      ['GHSA-hv5j-3h9f-99c2', 'error'],
      ['root-user', 'warning']
    ]);
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['CVE-2019-18224', 'private-key', 'CVE-2020-8165', 'CVE-2023-28755', 'GHSA-hv5j-3h9f-99c2', 'root-user']);
    const cve = run.tool.driver.rules[0];
    expect(cve).toMatchObject({ helpUri: 'https://nvd.nist.gov/vuln/detail/CVE-2019-18224', properties: { 'security-severity': '9.5', tags: ['security', 'vulnerability', 'CRITICAL'] } });
    expect(run.tool.driver.rules[4].helpUri).toBe('https://github.com/advisories/GHSA-hv5j-3h9f-99c2');
  });

  it('puts the platform in the message and keeps platforms apart in the fingerprint', () => {
    const same: Finding = { ...trivy[0], platform: 'linux/amd64' };
    const run = runOf(writeSarif([same, { ...same, platform: 'linux/arm64' }], { toolVersion: '0' }));
    expect(run.results[0].message.text).toBe(
      'CVE-2019-18224 (CRITICAL) [linux/amd64]: libidn2-0 2.0.5-1, fixed in 2.0.5-1+deb10u1. libidn2: heap-based buffer overflow in idn2_to_ascii_4i in lib/lookup.c'
    );
    expect(run.results[0].partialFingerprints['aimBuildFinding/v1']).not.toBe(run.results[1].partialFingerprints['aimBuildFinding/v1']);
    expect(run.tool.driver.rules).toHaveLength(1);
  });

  it('percent-encodes each path segment of the location uri and never writes an empty uri', () => {
    const run = runOf(writeSarif([secret, { ...root, path: undefined, target: '' }], { toolVersion: '0' }));
    expect(run.results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri)).toEqual(['root/my%20keys/%231.pem', 'image']);
  });

  it('caps the results, dropping the least severe, and says how many were dropped', () => {
    const run = runOf(writeSarif(findings, { toolVersion: '0', maxResults: 2 }));
    expect(run.results.map((r) => r.ruleId)).toEqual(['CVE-2019-18224', 'private-key']);
    expect(run.tool.driver.rules).toHaveLength(2);
    expect(run.properties.droppedResults).toBe(5);
  });

  it('round-trips through parseSarif without losing a field', () => {
    const text = JSON.stringify(writeSarif(findings, { toolVersion: '0' }));
    const back = parseSarif(text, 'aim-build.sarif');
    expect(back.scanner).toEqual({ name: 'builtin', version: '0' });
    const strip = (f: Finding) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
    const sortKey = (f: Finding) => JSON.stringify([f.platform, f.id, f.pkgName, f.path]);
    const sorted = (xs: Finding[]) => xs.map(strip).sort((a, b) => (sortKey(a as Finding) < sortKey(b as Finding) ? -1 : 1));
    expect(sorted(back.findings)).toEqual(sorted(findings));
  });

  it('writes an empty but valid log when there are no findings', () => {
    const log = writeSarif([], { toolVersion: '0' });
    expectValidForCodeScanning(log);
    expect(log.runs[0]).toMatchObject({ results: [], tool: { driver: { rules: [] } } });
  });
});
