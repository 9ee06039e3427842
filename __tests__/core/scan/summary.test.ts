import { describe, expect, it } from '@jest/globals';
import type { Finding, Severity } from '../../../src/core/scan/findings.js';
import { parseIgnoreFile } from '../../../src/core/scan/ignore-file.js';
import { type ScanPolicy, evaluate } from '../../../src/core/scan/policy.js';
import { SCAN_MARKER, escapeCell, renderScanSummary } from '../../../src/core/scan/summary.js';

const NOW = new Date('2024-06-15T00:00:00Z');
const block: ScanPolicy = { severities: ['CRITICAL', 'HIGH'], ignoreUnfixed: true, mode: 'block', ignores: [] };

function vuln(id: string, severity: Severity, pkgName: string, fixedVersion?: string): Finding {
  return {
    kind: 'vulnerability', id, severity, pkgName, installedVersion: '1.0', fixedVersion, fixState: fixedVersion ? 'fixed' : 'not-fixed',
    title: id, target: 'img', scanner: 'trivy'
  };
}

describe('renderScanSummary', () => {
  it('a blocked multi-platform scan: counts table, blocking table, ignored and expired entries', () => {
    const ignores = parseIgnoreFile('CVE-OLD exp:2024-01-01\nCVE-3 # accepted', '.trivyignore');
    const verdict = evaluate(
      {
        'linux/amd64': [vuln('CVE-1', 'CRITICAL', 'openssl', '3.0.9'), vuln('CVE-2', 'MEDIUM', 'zlib', '1.3'), vuln('CVE-3', 'HIGH', 'curl', '8.0')],
        'linux/arm64': [
          vuln('CVE-1', 'CRITICAL', 'openssl', '3.0.9'),
          { kind: 'secret', id: 'private-key', severity: 'CRITICAL', fixState: 'unknown', title: 'RSA private key', target: '/root/.ssh/id_rsa', path: '/root/.ssh/id_rsa', scanner: 'builtin' },
          vuln('CVE-4', 'HIGH', 'bash')
        ],
        'linux/s390x': [vuln('CVE-5', 'LOW', 'tar', '1.35')]
      },
      { ...block, ignores },
      NOW
    );
    expect(renderScanSummary(verdict)).toBe(
      [
        '<!-- aim-build:scan -->',
        '### Image scan: ❌ blocked — no tag was written',
        '',
        '| Platform | CRITICAL | HIGH | MEDIUM | LOW | Verdict |',
        '| --- | ---: | ---: | ---: | ---: | --- |',
        '| linux/amd64 | 1 | 0 | 1 | 0 | ❌ blocked |',
        '| linux/arm64 | 2 | 0 | 0 | 0 | ❌ blocked |',
        '| linux/s390x | 0 | 0 | 0 | 1 | ✅ pass |',
        '',
        '**Blocking findings (3)**',
        '',
        '| Platform | Package | Installed | ID | Severity | Fixed version |',
        '| --- | --- | --- | --- | --- | --- |',
        '| linux/amd64 | openssl | 1.0 | CVE-1 | CRITICAL | 3.0.9 |',
        '| linux/arm64 | openssl | 1.0 | CVE-1 | CRITICAL | 3.0.9 |',
        '| linux/arm64 | /root/.ssh/id_rsa | - | private-key | CRITICAL | - |',
        '',
        '2 findings ignored (1 by ignore entries, 1 without a fixed version).',
        '',
        '**Expired ignore entries** (they no longer ignore anything; re-triage or remove them):',
        '',
        '- CVE-OLD (.trivyignore line 1, exp:2024-01-01)',
        ''
      ].join('\n')
    );
  });

  it('caps the blocking rows with "and N more"', () => {
    const findings = Array.from({ length: 5 }, (_, i) => vuln(`CVE-${i}`, 'HIGH', `p${i}`, '2'));
    const text = renderScanSummary(evaluate({ 'linux/amd64': findings }, block, NOW), { maxRows: 2 });
    expect(text).toContain('| linux/amd64 | p0 | 1.0 | CVE-0 | HIGH | 2 |\n| linux/amd64 | p1 | 1.0 | CVE-1 | HIGH | 2 |\n\n_…and 3 more blocking findings (see the SARIF or JSON report)._\n');
    expect(text).not.toContain('CVE-2 ');
    const one = renderScanSummary(evaluate({ 'linux/amd64': findings.slice(0, 2) }, block, NOW), { maxRows: 1 });
    expect(one).toContain('_…and 1 more blocking finding (see the SARIF or JSON report)._');
  });

  it('a clean scan in warn mode; UNKNOWN column appears only when something is UNKNOWN', () => {
    const clean = renderScanSummary(evaluate({ 'linux/amd64': [] }, { ...block, mode: 'warn' }, NOW), { heading: 'Scan of ghcr.io/acme/app' });
    expect(clean).toBe(
      [
        SCAN_MARKER,
        '### Scan of ghcr.io/acme/app: ✅ passed',
        '',
        '| Platform | CRITICAL | HIGH | MEDIUM | LOW | Verdict |',
        '| --- | ---: | ---: | ---: | ---: | --- |',
        '| linux/amd64 | 0 | 0 | 0 | 0 | ✅ pass |',
        ''
      ].join('\n')
    );
    const warn = renderScanSummary(evaluate({ 'linux/amd64': [vuln('CVE-1', 'UNKNOWN', 'x', '1'), vuln('CVE-2', 'HIGH', 'y', '1')] }, { ...block, mode: 'warn' }, NOW));
    expect(warn).toContain('### Image scan: ⚠️ failed (mode: warn — tags were still written)');
    expect(warn).toContain('| Platform | CRITICAL | HIGH | MEDIUM | LOW | UNKNOWN | Verdict |');
    expect(warn).toContain('| linux/amd64 | 0 | 1 | 0 | 0 | 1 | ⚠️ fail (warn) |');
    expect(warn).toContain('| linux/amd64 | y | 1.0 | CVE-2 | HIGH | 1 |');
  });

  it('an unfixed blocking vulnerability says so in the fixed-version column', () => {
    const text = renderScanSummary(evaluate({ 'linux/amd64': [vuln('CVE-1', 'HIGH', 'bash')] }, { ...block, ignoreUnfixed: false }, NOW));
    expect(text).toContain('| linux/amd64 | bash | 1.0 | CVE-1 | HIGH | none (not-fixed) |');
  });

  it('no platforms at all still renders a table', () => {
    expect(renderScanSummary(evaluate({}, block, NOW))).toContain('| (no platform scanned) | - | - | - | - | - |');
  });

  it('escapes pipes, newlines and HTML in cells so a package name cannot break the table or the marker', () => {
    expect(escapeCell('a|b\nc\r\n  d')).toBe('a\\|b c d');
    expect(escapeCell('<!-- x --> & y')).toBe('&lt;!-- x --&gt; &amp; y');
    const evil = vuln('CVE-1|x', 'HIGH', 'pkg|<!--\nname', '1|2');
    const text = renderScanSummary(evaluate({ 'linux/amd64': [evil] }, block, NOW));
    expect(text).toContain('| linux/amd64 | pkg\\|&lt;!-- name | 1.0 | CVE-1\\|x | HIGH | 1\\|2 |');
    expect(text.split(SCAN_MARKER)).toHaveLength(2);
  });
});
