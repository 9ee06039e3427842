import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../../src/core/errors.js';
import type { Finding } from '../../../src/core/scan/findings.js';
import { describeIgnore, globMatches, ignoreMatches, isExpired, parseIgnoreFile } from '../../../src/core/scan/ignore-file.js';

describe('parseIgnoreFile', () => {
  it('reads ids, comments, blank lines, expiry, scopes and trailing reasons', () => {
    const text = [
      '# accepted risks, reviewed 2024-01-10',
      '',
      'CVE-2023-1234',
      '  CVE-2023-5678 exp:2024-03-01   # base image bump pending (JIRA-12)',
      'GHSA-hv5j-3h9f-99c2 pkg:uri',
      'private-key path:/opt/app/test/**\r',
      '\t# indented comment',
      'AVD-DS-0002#not-a-comment'
    ].join('\n');
    expect(parseIgnoreFile(text, '.trivyignore')).toEqual([
      { id: 'CVE-2023-1234', line: 3, source: '.trivyignore' },
      { id: 'CVE-2023-5678', expires: '2024-03-01', reason: 'base image bump pending (JIRA-12)', line: 4, source: '.trivyignore' },
      { id: 'GHSA-hv5j-3h9f-99c2', pkg: 'uri', line: 5, source: '.trivyignore' },
      { id: 'private-key', path: '/opt/app/test/**', line: 6, source: '.trivyignore' },
      { id: 'AVD-DS-0002#not-a-comment', line: 8, source: '.trivyignore' }
    ]);
  });

  it('an empty file or only comments gives no entries', () => {
    expect(parseIgnoreFile('')).toEqual([]);
    expect(parseIgnoreFile('# nothing\n\n   \n')).toEqual([]);
  });

  it.each([
    ['exp:2024-13-01', 2],
    ['exp:2024-02-30', 2],
    ['exp:2024-3-1', 2],
    ['exp:01-03-2024', 2],
    ['exp:', 2],
    ['exp:tomorrow', 2]
  ])('a malformed date %s is an InputError naming the file and line', (token, line) => {
    const text = `CVE-1\nCVE-2 ${token}\n`;
    expect(() => parseIgnoreFile(text, 'security/.trivyignore')).toThrow(InputError);
    expect(() => parseIgnoreFile(text, 'security/.trivyignore')).toThrow(
      `Invalid security/.trivyignore (line ${line}) '${token}': expiry must be a real date written exp:YYYY-MM-DD (e.g. exp:2024-03-01)`
    );
  });

  it('accepts a leap day', () => {
    expect(parseIgnoreFile('CVE-1 exp:2024-02-29')[0].expires).toBe('2024-02-29');
  });

  it.each(['expires:2024-01-01', 'pkg:', 'path:', 'because-reasons', 'until:2024-01-01'])('an unknown or empty token %s is an InputError', (token) => {
    expect(() => parseIgnoreFile(`CVE-1 ${token}`)).toThrow(
      new InputError('.trivyignore', token, "expected exp:YYYY-MM-DD, pkg:<package> or path:<glob> after the id 'CVE-1'; start a comment with ' #'", 1)
    );
  });
});

describe('isExpired (trivy semantics: ignores until 00:00 UTC of the exp day, injected now)', () => {
  const entry = parseIgnoreFile('CVE-1 exp:2024-03-01')[0];
  it.each([
    ['2024-02-29T23:59:59.999Z', false],
    ['2024-03-01T00:00:00.000Z', false],
    ['2024-03-01T00:00:00.001Z', true],
    ['2025-01-01T00:00:00.000Z', true]
  ])('at %s expired=%s', (now, expired) => {
    expect(isExpired(entry, new Date(now))).toBe(expired);
  });
  it('an entry without exp: never expires', () => {
    expect(isExpired(parseIgnoreFile('CVE-1')[0], new Date('2999-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('ignoreMatches', () => {
  const base: Finding = {
    kind: 'vulnerability', id: 'CVE-2023-28755', aliases: ['GHSA-hv5j-3h9f-99c2'], severity: 'HIGH', fixState: 'fixed',
    pkgName: 'uri', title: 't', target: 'img', path: '/usr/lib/ruby/gems/uri.gemspec', scanner: 'grype'
  };
  const entry = (line: string) => parseIgnoreFile(line)[0];
  it.each([
    ['CVE-2023-28755', base, true],
    ['cve-2023-28755', base, true],
    ['GHSA-hv5j-3h9f-99c2', base, true],
    ['CVE-2023-99999', base, false],
    ['CVE-2023-28755 pkg:uri', base, true],
    ['CVE-2023-28755 pkg:ruby-3.0', base, false],
    ['CVE-2023-28755 path:/usr/lib/ruby/**', base, true],
    ['CVE-2023-28755 path:usr/lib/ruby/**', base, true],
    ['CVE-2023-28755 path:/usr/lib/*/uri.gemspec', base, false],
    ['CVE-2023-28755 path:/usr/lib/*/gems/uri.gemspec', base, true],
    ['CVE-2023-28755 path:/opt/**', base, false],
    ['CVE-2023-28755 path:img', { ...base, path: undefined }, true]
  ])('%s', (line, finding, expected) => {
    expect(ignoreMatches(entry(line), finding)).toBe(expected);
  });

  it.each([
    ['a/*.pem', 'a/key.pem', true],
    ['a/*.pem', 'a/b/key.pem', false],
    ['a/**/*.pem', 'a/b/c/key.pem', true],
    ['a/k?y.pem', 'a/key.pem', true],
    ['a/(x).pem', 'a/(x).pem', true],
    ['a/(x).pem', 'a/x.pem', false]
  ])('glob %s vs %s → %s', (glob, path, expected) => {
    expect(globMatches(glob, path)).toBe(expected);
  });

  it('describeIgnore names id, file, line and scope', () => {
    expect(describeIgnore(parseIgnoreFile('\nCVE-1 pkg:x path:/a exp:2024-01-02', '.aimignore')[0])).toBe('CVE-1 (.aimignore line 2, pkg:x, path:/a, exp:2024-01-02)');
  });
});
