import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../../src/core/errors.js';
import type { Finding, FixState, Severity } from '../../../src/core/scan/findings.js';
import { parseIgnoreFile } from '../../../src/core/scan/ignore-file.js';
import { type ScanPolicy, evaluate, parsePolicyMode, parseSeverityList } from '../../../src/core/scan/policy.js';

const NOW = new Date('2024-06-15T12:00:00Z');

function vuln(id: string, severity: Severity, fixState: FixState = 'fixed', pkgName = 'pkg'): Finding {
  return {
    kind: 'vulnerability', id, severity, fixState, pkgName, installedVersion: '1.0', title: id, target: 'img', scanner: 'trivy',
    ...(fixState === 'fixed' ? { fixedVersion: '1.1' } : {})
  };
}

function secret(id: string, severity: Severity, path = '/root/.ssh/id_rsa'): Finding {
  return { kind: 'secret', id, severity, fixState: 'unknown', title: id, target: path, path, layer: 'sha256:aa', scanner: 'builtin' };
}

const rootUser: Finding = { kind: 'misconfig', id: 'root-user', severity: 'MEDIUM', fixState: 'unknown', title: 'root', target: 'image config', scanner: 'builtin' };

const policy = (overrides: Partial<ScanPolicy> = {}): ScanPolicy => ({ severities: ['CRITICAL', 'HIGH'], ignoreUnfixed: false, mode: 'block', ignores: [], ...overrides });

describe('evaluate: one rule per row', () => {
  it.each<[string, Finding[], Partial<ScanPolicy>, { pass: boolean; blocking: string[]; ignored: string[] }]>([
    ['a CRITICAL in the blocking set blocks', [vuln('CVE-1', 'CRITICAL')], {}, { pass: false, blocking: ['CVE-1'], ignored: [] }],
    ['a MEDIUM outside the blocking set is counted, not blocking', [vuln('CVE-1', 'MEDIUM')], {}, { pass: true, blocking: [], ignored: [] }],
    ['UNKNOWN blocks only when listed', [vuln('CVE-1', 'UNKNOWN')], { severities: ['UNKNOWN'] }, { pass: false, blocking: ['CVE-1'], ignored: [] }],
    ['an empty blocking set never blocks', [vuln('CVE-1', 'CRITICAL')], { severities: [] }, { pass: true, blocking: [], ignored: [] }],
    ['ignoreUnfixed drops not-fixed', [vuln('CVE-1', 'CRITICAL', 'not-fixed')], { ignoreUnfixed: true }, { pass: true, blocking: [], ignored: ['CVE-1'] }],
    ['ignoreUnfixed drops wont-fix', [vuln('CVE-1', 'HIGH', 'wont-fix')], { ignoreUnfixed: true }, { pass: true, blocking: [], ignored: ['CVE-1'] }],
    ['ignoreUnfixed drops unknown fix state', [vuln('CVE-1', 'HIGH', 'unknown')], { ignoreUnfixed: true }, { pass: true, blocking: [], ignored: ['CVE-1'] }],
    ['ignoreUnfixed keeps fixed', [vuln('CVE-1', 'HIGH', 'fixed')], { ignoreUnfixed: true }, { pass: false, blocking: ['CVE-1'], ignored: [] }],
    ['unfixed still blocks without ignoreUnfixed', [vuln('CVE-1', 'HIGH', 'not-fixed')], {}, { pass: false, blocking: ['CVE-1'], ignored: [] }],
    ['ignoreUnfixed never drops a builtin secret', [secret('private-key', 'CRITICAL')], { ignoreUnfixed: true }, { pass: false, blocking: ['private-key'], ignored: [] }],
    ['a secret counts at its own severity (HIGH, blocking set CRITICAL only)', [secret('npm-auth-token', 'HIGH')], { severities: ['CRITICAL'] }, { pass: true, blocking: [], ignored: [] }],
    ['ignoreUnfixed never drops a misconfiguration', [rootUser], { ignoreUnfixed: true, severities: ['MEDIUM'] }, { pass: false, blocking: ['root-user'], ignored: [] }],
    ['an active ignore entry ignores', [vuln('CVE-1', 'CRITICAL')], { ignores: parseIgnoreFile('CVE-1 exp:2024-07-01') }, { pass: true, blocking: [], ignored: ['CVE-1'] }],
    ['an ignore entry expiring today still applies until 00:00 UTC passed', [vuln('CVE-1', 'CRITICAL')], { ignores: parseIgnoreFile('CVE-1 exp:2024-06-16') }, { pass: true, blocking: [], ignored: ['CVE-1'] }],
    ['an expired ignore entry no longer ignores', [vuln('CVE-1', 'CRITICAL')], { ignores: parseIgnoreFile('CVE-1 exp:2024-06-15') }, { pass: false, blocking: ['CVE-1'], ignored: [] }],
    ['an ignore entry for another package does not apply', [vuln('CVE-1', 'CRITICAL', 'fixed', 'openssl')], { ignores: parseIgnoreFile('CVE-1 pkg:zlib') }, { pass: false, blocking: ['CVE-1'], ignored: [] }],
    ['an explicit, path-scoped ignore entry may ignore a secret', [secret('private-key', 'CRITICAL', '/opt/app/test/key.pem')], { ignores: parseIgnoreFile('private-key path:/opt/app/test/**') }, { pass: true, blocking: [], ignored: ['private-key'] }],
    ['an ignore entry matches an alias', [{ ...vuln('CVE-1', 'HIGH'), aliases: ['GHSA-aaaa-bbbb-cccc'] }], { ignores: parseIgnoreFile('GHSA-aaaa-bbbb-cccc') }, { pass: true, blocking: [], ignored: ['CVE-1'] }]
  ])('%s', (_name, findings, overrides, expected) => {
    const v = evaluate({ 'linux/amd64': findings }, policy(overrides), NOW);
    expect({ pass: v.pass, blocking: v.blocking.map((f) => f.id), ignored: v.ignored.map((i) => i.finding.id) }).toEqual(expected);
  });

  it('mode block: a failing verdict is blocked; mode warn: it fails but does not block', () => {
    const findings = { 'linux/amd64': [vuln('CVE-1', 'HIGH')] };
    expect(evaluate(findings, policy({ mode: 'block' }), NOW)).toMatchObject({ pass: false, blocked: true, mode: 'block' });
    expect(evaluate(findings, policy({ mode: 'warn' }), NOW)).toMatchObject({ pass: false, blocked: false, mode: 'warn' });
    expect(evaluate({ 'linux/amd64': [] }, policy({ mode: 'block' }), NOW)).toMatchObject({ pass: true, blocked: false });
  });

  it('counts every severity per platform after ignores; a clean platform still has a row of zeros', () => {
    const v = evaluate(
      {
        'linux/amd64': [vuln('CVE-1', 'CRITICAL'), vuln('CVE-2', 'HIGH', 'not-fixed'), vuln('CVE-3', 'LOW'), vuln('CVE-4', 'LOW'), vuln('CVE-5', 'UNKNOWN')],
        'linux/arm64': []
      },
      policy({ ignoreUnfixed: true }),
      NOW
    );
    expect(v.counts).toEqual({
      'linux/amd64': { CRITICAL: 1, HIGH: 0, MEDIUM: 0, LOW: 2, UNKNOWN: 1 },
      'linux/arm64': { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 }
    });
  });

  it('blocking findings carry their platform and are sorted most severe first, then by platform', () => {
    const v = evaluate({ 'linux/arm64': [vuln('CVE-9', 'HIGH'), vuln('CVE-2', 'CRITICAL')], 'linux/amd64': [vuln('CVE-9', 'HIGH')] }, policy(), NOW);
    expect(v.blocking.map((f) => [f.platform, f.id, f.severity])).toEqual([
      ['linux/arm64', 'CVE-2', 'CRITICAL'],
      ['linux/amd64', 'CVE-9', 'HIGH'],
      ['linux/arm64', 'CVE-9', 'HIGH']
    ]);
  });

  it('reasons name the ignore entry (file, line, comment) or ignore-unfixed', () => {
    const ignores = parseIgnoreFile('# header\nCVE-1 exp:2024-12-31 # waiting for upstream', '.trivyignore');
    const v = evaluate({ 'linux/amd64': [vuln('CVE-1', 'HIGH'), vuln('CVE-2', 'HIGH', 'wont-fix')] }, policy({ ignores, ignoreUnfixed: true }), NOW);
    expect(v.ignored.map((i) => [i.finding.id, i.finding.platform, i.reason, i.entry?.line])).toEqual([
      ['CVE-1', 'linux/amd64', 'ignored by CVE-1 (.trivyignore line 2, exp:2024-12-31): waiting for upstream', 2],
      ['CVE-2', 'linux/amd64', 'no fixed version (wont-fix) and ignore-unfixed is on', undefined]
    ]);
  });

  it('lists every expired entry, matched or not, so they can be warned about', () => {
    const ignores = parseIgnoreFile('CVE-1 exp:2024-01-01\nCVE-2 exp:2024-06-15\nCVE-3 exp:2030-01-01\nCVE-4');
    const v = evaluate({ 'linux/amd64': [vuln('CVE-1', 'HIGH')] }, policy({ ignores }), NOW);
    expect(v.expiredIgnores.map((e) => e.id)).toEqual(['CVE-1', 'CVE-2']);
    expect(v.blocking.map((f) => f.id)).toEqual(['CVE-1']);
  });

  it('does not modify its input', () => {
    const findings = { 'linux/amd64': [vuln('CVE-1', 'HIGH')] };
    const copy = structuredClone(findings);
    evaluate(findings, policy(), NOW);
    expect(findings).toEqual(copy);
  });
});

describe('parseSeverityList / parsePolicyMode', () => {
  it.each([
    ['CRITICAL,HIGH', ['CRITICAL', 'HIGH']],
    ['critical, high', ['CRITICAL', 'HIGH']],
    ['HIGH\nCRITICAL\nHIGH', ['HIGH', 'CRITICAL']],
    ['', []]
  ])('%j → %j', (text, expected) => {
    expect(parseSeverityList(text)).toEqual(expected);
  });

  it('an unknown severity is an InputError naming the word', () => {
    expect(() => parseSeverityList('CRITICAL,SEVERE')).toThrow(new InputError('severity', 'SEVERE', 'use one or more of CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN'));
  });

  it.each([
    ['block', 'block'],
    [' WARN ', 'warn']
  ])('mode %j → %s', (text, expected) => {
    expect(parsePolicyMode(text)).toBe(expected);
  });

  it('an unknown mode is an InputError', () => {
    expect(() => parsePolicyMode('fail')).toThrow("Invalid scan-mode 'fail': use 'block' (a failing scan stops tagging) or 'warn' (report only)");
  });
});
