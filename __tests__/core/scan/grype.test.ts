import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordedPath } from '../../helpers/recorded.js';
import { ScanReportError } from '../../../src/core/scan/findings.js';
import { parseGrypeJson } from '../../../src/core/scan/grype.js';

/** Recorded upstream outputs, kept in the repository (see __tests__/fixtures/recorded/README.md). */
const FIXTURES = recordedPath('scanners', 'grype');
const parse = (name: string) => parseGrypeJson(readFileSync(join(FIXTURES, name), 'utf8'), name);

describe('parseGrypeJson on recorded grype output (grype binary not run here)', () => {
  it('chainguard-ruby.json: Title-case High, fix.state fixed and unknown, a GHSA id, related CVE as alias', () => {
    const report = parse('chainguard-ruby.json');
    expect(report.scanner).toEqual({ name: 'grype', version: '0.61.1' });
    expect(report.artifactName).toBe('cgr.dev/chainguard/ruby:latest-3.0');
    expect(report.findings.map((f) => [f.id, f.severity, f.pkgName, f.installedVersion, f.fixState, f.fixedVersion])).toEqual([
      ['CVE-2023-28755', 'HIGH', 'ruby-3.0', '3.0.4-r1', 'fixed', '3.0.6-r0'],
      ['CVE-2023-28755', 'HIGH', 'uri', '0.10.1', 'unknown', undefined],
      ['GHSA-hv5j-3h9f-99c2', 'HIGH', 'uri', '0.10.1', 'fixed', '0.10.2']
    ]);
    const ghsa = report.findings[2];
    expect(ghsa).toMatchObject({
      kind: 'vulnerability',
      aliases: ['CVE-2023-28755'],
      title: 'Ruby URI component ReDoS issue',
      target: 'cgr.dev/chainguard/ruby:latest-3.0',
      path: '/usr/lib/ruby/gems/3.0.0/specifications/default/uri-0.10.1.gemspec',
      layer: 'sha256:ed905fc06ed3176315bd1e33075ca5b09cd768ad78142fb45439350469556880',
      scanner: 'grype'
    });
    expect(report.findings[1].title).toMatch(/^A ReDoS issue was discovered/);
  });

  it('keycloak.json: six Low wont-fix matches with empty fix.versions', () => {
    const report = parse('keycloak.json');
    expect(report.scanner.version).toBe('0.66.0');
    expect(report.findings).toHaveLength(6);
    for (const f of report.findings) {
      expect(f).toMatchObject({ id: 'CVE-2020-12413', severity: 'LOW', fixState: 'wont-fix', fixedVersion: undefined, path: '/var/lib/rpm/rpmdb.sqlite' });
    }
    expect(report.findings.map((f) => f.pkgName)).toEqual(['nspr', 'nss', 'nss-softokn', 'nss-softokn-freebl', 'nss-sysinit', 'nss-util']);
  });

  it('presenter-image.json: Critical with fix.state "" → unknown; Low fixed with three versions joined by ", "', () => {
    const report = parse('presenter-image.json');
    expect(report.scanner).toEqual({ name: 'grype', version: '[not provided]' });
    expect(report.findings).toEqual([
      {
        kind: 'vulnerability',
        id: 'CVE-1999-0001',
        severity: 'LOW',
        pkgName: 'package-1',
        installedVersion: '1.1.1',
        fixedVersion: '1.2.1, 2.1.3, 3.4.0',
        fixState: 'fixed',
        title: 'CVE-1999-0001',
        target: 'user-input',
        path: '/foo/bar/somefile-1.txt',
        layer: undefined,
        scanner: 'grype'
      },
      {
        kind: 'vulnerability',
        id: 'CVE-1999-0002',
        severity: 'CRITICAL',
        pkgName: 'package-2',
        installedVersion: '2.2.2',
        fixedVersion: undefined,
        fixState: 'unknown',
        title: 'CVE-1999-0002',
        target: 'user-input',
        path: '/foo/bar/somefile-2.txt',
        layer: undefined,
        scanner: 'grype'
      }
    ]);
  });

  it('presenter-empty.json: "matches": [] on one line, string source target', () => {
    const report = parse('presenter-empty.json');
    expect(report.findings).toEqual([]);
    expect(report.artifactName).toBe('unknown');
  });
});

describe('parseGrypeJson edge cases (synthetic input)', () => {
  const match = (vulnerability: object, artifact: object = { name: 'p', version: '1' }): string =>
    JSON.stringify({ matches: [{ vulnerability: { id: 'CVE-1', ...vulnerability }, artifact }], source: { type: 'directory', target: '/src' } });

  it.each([
    ['Negligible', 'LOW'],
    ['Medium', 'MEDIUM'],
    ['high', 'HIGH'],
    ['Critical', 'CRITICAL'],
    ['Unknown', 'UNKNOWN'],
    [undefined, 'UNKNOWN']
  ])('severity %s → %s', (raw, expected) => {
    expect(parseGrypeJson(match({ severity: raw }), 'g.json').findings[0].severity).toBe(expected);
  });

  it.each([
    [{ state: 'fixed', versions: ['2'] }, 'fixed', '2'],
    [{ state: 'not-fixed', versions: [] }, 'not-fixed', undefined],
    [{ state: 'wont-fix', versions: [] }, 'wont-fix', undefined],
    [{ state: 'unknown', versions: [] }, 'unknown', undefined],
    [{ state: '', versions: [] }, 'unknown', undefined],
    [{ state: '', versions: ['1.1', '2.0'] }, 'fixed', '1.1, 2.0'],
    [undefined, 'unknown', undefined]
  ])('fix %j → %s', (fix, state, versions) => {
    const f = parseGrypeJson(match({ severity: 'Low', fix }), 'g.json').findings[0];
    expect([f.fixState, f.fixedVersion]).toEqual([state, versions]);
  });

  it('a string source.target names the artifact', () => {
    expect(parseGrypeJson(match({}), 'g.json').artifactName).toBe('/src');
  });

  it.each([
    ['not JSON', 'grype: command not found', /^grype report 'out\/grype\.json': not JSON .*Run grype with `-o json`\.$/],
    ['trivy output', '{"SchemaVersion":2}', /no 'matches': this is not a grype JSON report \(it looks like trivy output\)/],
    ['matches not an array', '{"matches":{}}', /'matches' is an object, expected an array/],
    ['a match without vulnerability id', '{"matches":[{"vulnerability":{},"artifact":{"name":"x"}}]}', /matches\[0\]\.vulnerability has no id/],
    ['a match without artifact name', '{"matches":[{"vulnerability":{"id":"CVE-1"},"artifact":{}}]}', /matches\[0\]\.artifact has no name/],
    ['fix.versions not an array', '{"matches":[{"vulnerability":{"id":"C","fix":{"versions":"1"}},"artifact":{"name":"x"}}]}', /fix\.versions is a string/]
  ])('rejects %s naming the file and the tool', (_name, text, message) => {
    expect(() => parseGrypeJson(text, 'out/grype.json')).toThrow(message);
    expect(() => parseGrypeJson(text, 'out/grype.json')).toThrow(ScanReportError);
  });
});
