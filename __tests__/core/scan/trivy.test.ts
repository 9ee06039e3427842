import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordedPath } from '../../helpers/recorded.js';
import { ScanReportError } from '../../../src/core/scan/findings.js';
import { parseTrivyJson } from '../../../src/core/scan/trivy.js';

/** Recorded upstream outputs, kept in the repository (see __tests__/fixtures/recorded/README.md). */
const FIXTURES = recordedPath('scanners', 'trivy');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const parse = (name: string) => parseTrivyJson(fixture(name), name);

describe('parseTrivyJson on recorded trivy output (trivy binary not run here)', () => {
  it('fluentd-gems.json: os and language results, comma-separated FixedVersion kept as a list', () => {
    const report = parse('fluentd-gems.json');
    expect(report.scanner).toEqual({ name: 'trivy', version: 'dev' });
    expect(report.artifactName).toBe('testdata/fixtures/images/fluentd-multiple-lockfiles.tar.gz');
    expect(report.findings).toEqual([
      {
        kind: 'vulnerability',
        id: 'CVE-2019-18224',
        aliases: ['DSA-4613-1'],
        severity: 'CRITICAL',
        pkgName: 'libidn2-0',
        installedVersion: '2.0.5-1',
        fixedVersion: '2.0.5-1+deb10u1',
        fixState: 'fixed',
        title: 'libidn2: heap-based buffer overflow in idn2_to_ascii_4i in lib/lookup.c',
        target: 'testdata/fixtures/images/fluentd-multiple-lockfiles.tar.gz (debian 10.2)',
        path: undefined,
        layer: 'sha256:000eee12ec04cc914bf96e8f5dee7767510c2aca3816af6078bd9fbe3150920c',
        scanner: 'trivy'
      },
      {
        kind: 'vulnerability',
        id: 'CVE-2020-8165',
        severity: 'HIGH',
        pkgName: 'activesupport',
        installedVersion: '6.0.2.1',
        fixedVersion: '6.0.3.1, 5.2.4.3',
        fixState: 'fixed',
        title: 'rubygem-activesupport: potentially unintended unmarshalling of user-provided objects in MemCacheStore and RedisCacheStore',
        target: 'Ruby',
        path: 'var/lib/gems/2.5.0/specifications/activesupport-6.0.2.1.gemspec',
        layer: 'sha256:a8877cad19f14a7044524a145ce33170085441a7922458017db1631dcd5f7602',
        scanner: 'trivy'
      }
    ]);
  });

  it('ubi-7-comprehensive.json: Status will_not_fix without FixedVersion → wont-fix', () => {
    const [bash, setuptools] = parse('ubi-7-comprehensive.json').findings;
    expect(bash).toMatchObject({ id: 'CVE-2019-18276', pkgName: 'bash', severity: 'LOW', fixState: 'wont-fix', fixedVersion: undefined });
    expect(setuptools).toMatchObject({
      id: 'CVE-2022-40897',
      pkgName: 'setuptools',
      severity: 'HIGH',
      fixState: 'fixed',
      fixedVersion: '65.5.1',
      target: 'Python',
      path: 'usr/lib/python2.7/site-packages/setuptools-0.9.8-py2.7.egg-info/PKG-INFO'
    });
  });

  it('debian-buster.json: Status affected → not-fixed; fixed CRITICAL keeps its version', () => {
    const byId = Object.fromEntries(parse('debian-buster.json').findings.map((f) => [f.id, f]));
    expect(byId['CVE-2019-18276']).toMatchObject({ severity: 'LOW', fixState: 'not-fixed', fixedVersion: undefined });
    expect(byId['CVE-2019-18224']).toMatchObject({ severity: 'CRITICAL', fixState: 'fixed', fixedVersion: '2.0.5-1+deb10u1' });
  });

  it('mariner-1.0.json: an unfixed HIGH and a fixed LOW', () => {
    const findings = parse('mariner-1.0.json').findings;
    expect(findings.map((f) => [f.id, f.severity, f.fixState, f.fixedVersion])).toEqual([
      ['CVE-2022-0261', 'HIGH', 'not-fixed', undefined],
      ['CVE-2022-0158', 'LOW', 'fixed', '8.2.4082-1.cm1']
    ]);
  });

  it('sl-micro-rancher5.4-clean.json: a result with no Vulnerabilities key is clean', () => {
    const report = parse('sl-micro-rancher5.4-clean.json');
    expect(report.findings).toEqual([]);
    expect(report.artifactName).toBe('testdata/fixtures/images/sle-micro-rancher-5.4_ndb.tar.gz');
  });

  it('alpine-39-skip-no-results.json: no Results key at all is clean', () => {
    expect(parse('alpine-39-skip-no-results.json').findings).toEqual([]);
  });

  it('secrets.json: Secrets[] become secret findings with the line, without copying trivy Code/Match text', () => {
    const findings = parse('secrets.json').findings;
    expect(findings).toEqual([
      { kind: 'secret', id: 'aws-access-key-id', severity: 'CRITICAL', fixState: 'unknown', title: 'AWS Access Key ID', target: 'deploy.sh', path: 'deploy.sh', line: 3, layer: undefined, scanner: 'trivy' },
      { kind: 'secret', id: 'mysecret', severity: 'HIGH', fixState: 'unknown', title: 'My Secret', target: 'deploy.sh', path: 'deploy.sh', line: 7, layer: undefined, scanner: 'trivy' }
    ]);
    expect(JSON.stringify(findings)).not.toContain('ghp_0123456789');
    expect(JSON.stringify(findings)).not.toContain('****');
  });
});

describe('parseTrivyJson edge cases (synthetic input)', () => {
  const doc = (results: unknown): string => JSON.stringify({ SchemaVersion: 2, ArtifactName: 'img', Results: results });

  it.each([
    ['High', 'HIGH'],
    ['critical', 'CRITICAL'],
    ['MEDIUM', 'MEDIUM'],
    ['low', 'LOW'],
    ['UNKNOWN', 'UNKNOWN'],
    ['bogus', 'UNKNOWN']
  ])('severity %s → %s', (raw, expected) => {
    const text = doc([{ Target: 't', Vulnerabilities: [{ VulnerabilityID: 'CVE-1', PkgName: 'p', Severity: raw }] }]);
    expect(parseTrivyJson(text, 'r.json').findings[0].severity).toBe(expected);
  });

  it.each([
    [{ Status: 'fixed', FixedVersion: '1.2' }, 'fixed'],
    [{ Status: 'affected', FixedVersion: '1.2' }, 'fixed'],
    [{ Status: 'affected' }, 'not-fixed'],
    [{ Status: 'fix_deferred' }, 'not-fixed'],
    [{ Status: 'under_investigation' }, 'not-fixed'],
    [{ Status: 'will_not_fix' }, 'wont-fix'],
    [{ Status: 'end_of_life' }, 'wont-fix'],
    [{ Status: 'not_affected' }, 'unknown'],
    [{}, 'unknown'],
    [{ FixedVersion: '' }, 'unknown']
  ])('fix state of %j is %s', (fields, expected) => {
    const text = doc([{ Target: 't', Vulnerabilities: [{ VulnerabilityID: 'CVE-1', PkgName: 'p', Severity: 'LOW', ...fields }] }]);
    expect(parseTrivyJson(text, 'r.json').findings[0].fixState).toBe(expected);
  });

  it('Misconfigurations: only FAIL entries count', () => {
    const text = doc([
      { Target: 'Dockerfile', Misconfigurations: [{ ID: 'DS002', Severity: 'HIGH', Title: 'root user', Status: 'FAIL' }, { ID: 'DS001', Severity: 'LOW', Status: 'PASS' }] }
    ]);
    expect(parseTrivyJson(text, 'r.json').findings).toEqual([
      { kind: 'misconfig', id: 'DS002', severity: 'HIGH', fixState: 'unknown', title: 'root user', target: 'Dockerfile', path: 'Dockerfile', layer: undefined, scanner: 'trivy' }
    ]);
  });

  it.each([
    ['not JSON', '<html>rate limited</html>', /^trivy report 'scan\/amd64\.json': not JSON \(.*starts with '<html>rate limited<\/html>'\)\. Run trivy with `--format json`\.$/],
    ['empty file', '', /trivy report 'scan\/amd64\.json': not JSON/],
    ['a JSON array', '[]', /top level is an array, expected a trivy report object/],
    ['grype output', '{"matches":[]}', /no SchemaVersion: this is not a trivy JSON report \(it looks like grype output\)/],
    ['SARIF', '{"version":"2.1.0","runs":[]}', /no SchemaVersion: this is not a trivy JSON report\. Run trivy/],
    ['old schema', '{"SchemaVersion":1}', /SchemaVersion 1 is not supported \(expected 2\)/],
    ['Results not an array', '{"SchemaVersion":2,"Results":{}}', /Results is an object, expected an array/],
    ['a vulnerability without id', '{"SchemaVersion":2,"Results":[{"Vulnerabilities":[{"PkgName":"x"}]}]}', /Results\[0\]\.Vulnerabilities\[0\] has no VulnerabilityID/],
    ['a result that is a string', '{"SchemaVersion":2,"Results":["x"]}', /Results\[0\] is a string, expected an object/]
  ])('rejects %s naming the file and the tool', (_name, text, message) => {
    expect(() => parseTrivyJson(text, 'scan/amd64.json')).toThrow(message);
    expect(() => parseTrivyJson(text, 'scan/amd64.json')).toThrow(ScanReportError);
  });

  it('accepts a UTF-8 BOM and null Results', () => {
    expect(parseTrivyJson('\ufeff{"SchemaVersion":2,"Results":null}', 'r.json').findings).toEqual([]);
  });
});
