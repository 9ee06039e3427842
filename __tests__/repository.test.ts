/**
 * The repository is self-contained: a fresh clone has everything the tests and the docs refer to.
 * Nothing tracked may point outside the checkout (a sibling folder of reading material existed while the
 * project was started; `git clone` does not bring it), and every recorded fixture has its origin noted.
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RECORDED_FIXTURES } from './helpers/recorded.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
// Built from pieces so this file does not match itself.
const OUTSIDE = ['..', 'shared'].join('/');
const OUTSIDE_ABSOLUTE = ['', 'work', 'shared'].join('/');

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\0').filter(Boolean);
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

describe('the repository refers to nothing outside itself', () => {
  const files = trackedFiles();

  it('git lists the tracked files (the scan below has something to scan)', () => {
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'src/core/targets.ts', 'dist/main/index.js']));
    expect(files.length).toBeGreaterThan(100);
  });

  it(`no tracked file mentions ${OUTSIDE} or ${OUTSIDE_ABSOLUTE}`, () => {
    const offenders = files.filter((file) => {
      const text = readFileSync(join(ROOT, file), 'latin1');
      return text.includes(OUTSIDE) || text.includes(OUTSIDE_ABSOLUTE);
    });
    expect(offenders).toEqual([]);
  });

  it('the product docs the code cites are in docs/', () => {
    const cited = new Set<string>();
    for (const file of files.filter((f) => /^(src|__tests__)\/.*\.ts$/.test(f))) {
      for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(/\b([a-z-]+\.md) §/g)) cited.add(m[1]);
    }
    expect([...cited].sort()).toEqual(['registry-naming.md', 'tag-rules.md']);
    for (const doc of cited) expect(files).toContain(`docs/${doc}`);
  });
});

describe('recorded fixtures (__tests__/fixtures/recorded)', () => {
  const readme = readFileSync(join(RECORDED_FIXTURES, 'README.md'), 'utf8');
  const fixtures = walk(RECORDED_FIXTURES).map((p) => relative(RECORDED_FIXTURES, p)).filter((p) => !['README.md', 'LICENSE-Apache-2.0.txt'].includes(p));

  it('are tracked by git, so a clone has them', () => {
    const tracked = new Set(trackedFiles());
    expect(fixtures.length).toBe(23);
    expect(fixtures.filter((f) => !tracked.has(`__tests__/fixtures/recorded/${f}`))).toEqual([]);
  });

  it('each has a row in the README naming its upstream origin', () => {
    const rows = readme.split('\n').filter((l) => l.startsWith('| `'));
    const listed = rows.map((l) => /^\| `([^`]+)`/.exec(l)?.[1]);
    expect([...listed].sort()).toEqual([...fixtures].sort());
    for (const row of rows) expect(row).toMatch(/(aquasecurity\/trivy|anchore\/grype|docker\/actions-toolkit|docker\/buildx) `/);
  });

  it('the README states the upstream licence and ships its text', () => {
    expect(readme).toMatch(/Apache License 2\.0/);
    expect(readFileSync(join(RECORDED_FIXTURES, 'LICENSE-Apache-2.0.txt'), 'utf8')).toMatch(/Apache License\s+Version 2\.0, January 2004/);
  });
});

describe('SECURITY.md', () => {
  const text = readFileSync(join(ROOT, 'SECURITY.md'), 'utf8');

  it('says how to report a vulnerability and states the threat model', () => {
    expect(text).toMatch(/## Reporting a vulnerability/);
    expect(text).toMatch(/\*\*untrusted\*\*/);
    expect(text).toMatch(/\*\*trusted\*\*/);
  });

  it('every file a guard row names exists (the table cannot rot silently)', () => {
    const named = [...text.matchAll(/`((?:src|__tests__)\/[^`]+\.ts)`/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(15);
    expect(named.filter((f) => !existsSync(join(ROOT, f)))).toEqual([]);
  });
});
