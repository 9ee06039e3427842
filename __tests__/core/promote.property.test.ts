/**
 * The forward-only rule of promote (src/core/promote.ts) as invariants over random version
 * histories: an alias never moves backwards unless asked; release tags are never rewritten
 * silently; the decision depends on the set of tags, not their order; fewer higher versions
 * never hold an alias back that more would let move; the highest version moves every alias.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import parseSemver from 'semver/functions/parse.js';
import gtSemver from 'semver/functions/gt.js';
import {
  aliasMoves,
  classifyTag,
  decideMoves,
  parsePromoteTo,
  plannedTags,
  stableVersion,
  verdictRefusal,
  SCAN_VERDICT_ANNOTATION,
  type PlannedTag
} from '../../src/core/promote.js';
import { InputError } from '../../src/core/errors.js';

const ver = fc.tuple(fc.nat(4), fc.nat(4), fc.nat(4)).map(([a, b, c]) => `${a}.${b}.${c}`);
const vtag = fc.tuple(ver, fc.boolean()).map(([v, p]) => (p ? `v${v}` : v));
const noise = fc.constantFrom('main', 'main-0a1b2c3', 'pr-12', 'latest', '1', '1.2', 'v2', 'nightly', '2.0.0-rc.1', 'sha256-abc.sig');
const history = fc.array(fc.oneof(vtag, noise), { maxLength: 25 });
const D = (c: string): string => `sha256:${c.repeat(64)}`;

function aliasesOf(version: string): PlannedTag[] {
  const v = parseSemver(version)!;
  return plannedTags('', [`v${version}`, version, `${v.major}.${v.minor}`, `${v.major}`], 'latest', [], v, 'latest');
}

function higherExists(kind: string, version: string, existing: string[]): boolean {
  const v = parseSemver(version)!;
  return existing.some((t) => {
    const e = stableVersion(t);
    if (!e || !gtSemver(e, v)) return false;
    if (kind === 'major') return e.major === v.major;
    if (kind === 'minor') return e.major === v.major && e.minor === v.minor;
    return true;
  });
}

describe('forward-only aliases (invariants)', () => {
  it('without move-aliases, an alias moves exactly when no higher stable version of its scope is there', () => {
    fc.assert(
      fc.property(ver, history, (version, existing) => {
        for (const t of aliasesOf(version).filter((x) => x.kind !== 'release')) {
          const d = aliasMoves(t, existing, { version: parseSemver(version)!, moveAliases: false });
          expect([t.tag, d.move]).toEqual([t.tag, !higherExists(t.kind, version, existing)]);
        }
      })
    );
  });

  it('the order of the existing tags never changes a decision', () => {
    fc.assert(
      fc.property(ver, history, (version, existing) => {
        const rule = { version: parseSemver(version)!, moveAliases: false };
        for (const t of aliasesOf(version)) {
          expect(aliasMoves(t, [...existing].reverse(), rule).move).toBe(aliasMoves(t, existing, rule).move);
        }
      })
    );
  });

  it('monotonic: an alias that moves with these tags also moves with any subset of them', () => {
    fc.assert(
      fc.property(ver, history, fc.array(fc.boolean(), { maxLength: 25 }), (version, existing, keep) => {
        const subset = existing.filter((_, i) => keep[i] ?? true);
        const rule = { version: parseSemver(version)!, moveAliases: false };
        for (const t of aliasesOf(version)) if (aliasMoves(t, existing, rule).move) expect(aliasMoves(t, subset, rule).move).toBe(true);
      })
    );
  });

  it('promoting the highest stable version present moves every alias; move-aliases or naming it moves it whatever is there', () => {
    fc.assert(
      fc.property(history, ver, (existing, extra) => {
        const all = [...existing, extra];
        const top = all.map(stableVersion).filter((v) => v !== undefined).reduce((a, b) => (gtSemver(b!, a!) ? b : a))!;
        for (const t of aliasesOf(top.version)) expect(aliasMoves(t, all, { version: top, moveAliases: false }).move).toBe(true);
        const low = parseSemver('0.0.0')!;
        for (const t of aliasesOf('0.0.0')) {
          expect(aliasMoves(t, all, { version: low, moveAliases: true }).move).toBe(true);
          expect(aliasMoves({ ...t, explicit: true }, all, { version: low, moveAliases: false }).move).toBe(true);
        }
      })
    );
  });

  it('decideMoves: a held alias keeps its digest, a release tag on another digest is a conflict, nothing else is left behind', () => {
    fc.assert(
      fc.property(ver, history, fc.dictionary(fc.constantFrom('v1.2.3', '1.2.3', '1.2', '1', 'latest'), fc.constantFrom(D('a'), D('b'))), fc.boolean(), (version, existing, current, overwrite) => {
        const tags = aliasesOf(version);
        const moves = decideMoves(tags, { image: 'r/a', registry: 'r', tagPrefix: '', source: D('b'), current, existing }, { version: parseSemver(version)!, moveAliases: false, overwriteRelease: overwrite });
        expect(moves.map((m) => m.tag)).toEqual(tags.map((t) => t.tag));
        for (const m of moves) {
          if (m.action === 'held' || m.action === 'conflict') expect(m.after).toBe(m.before ?? '');
          else expect(m.after).toBe(D('b'));
          if (m.action === 'conflict') expect([m.kind, overwrite, m.before]).toEqual(['release', false, D('a')]);
          if (m.action === 'held') expect(['latest', 'major', 'minor']).toContain(m.kind);
          if (m.action === 'unchanged') expect(m.before).toBe(D('b'));
        }
      })
    );
  });
});

describe('promote rule: examples', () => {
  const v = (s: string) => parseSemver(s)!;

  it('the issue 11 backport: promoting v1.4.9 with v1.5.0 and v2.0.0 there holds latest and 1, moves 1.4', () => {
    const existing = ['v1.5.0', '1.5.0', 'v2.0.0', '2.0.0', '1', '1.5', '2', '2.0', 'latest'];
    const moves = decideMoves(aliasesOf('1.4.9'), { image: 'r/a', registry: 'r', tagPrefix: '', source: D('c'), current: { latest: D('e'), '1': D('d') }, existing }, { version: v('1.4.9'), moveAliases: false, overwriteRelease: false });
    expect(moves.map((m) => [m.tag, m.action])).toEqual([['v1.4.9', 'create'], ['1.4.9', 'create'], ['1.4', 'create'], ['1', 'held'], ['latest', 'held']]);
    expect(moves.find((m) => m.tag === '1')!.reason).toBe('held back: 1.5.0 > 1.4.9 is already there (forward-only; move-aliases: true or name it in to to roll back)');
    expect(moves.find((m) => m.tag === 'latest')!.reason).toMatch(/^held back: 2\.0\.0 > 1\.4\.9/);
  });

  it('an explicit rollback of latest moves it and says why; ACR prefixes are stripped before comparing', () => {
    const tags = plannedTags('backend-', [], undefined, ['latest'], v('1.2.2'), 'latest');
    const moves = decideMoves(tags, { image: 'acr/ns/repo', registry: 'acr', tagPrefix: 'backend-', source: D('b'), current: { 'backend-latest': D('a') }, existing: ['backend-v1.2.3', 'frontend-v9.0.0'] }, { version: v('1.2.2'), moveAliases: false, overwriteRelease: false });
    expect(moves).toEqual([expect.objectContaining({ tag: 'backend-latest', before: D('a'), after: D('b'), action: 'move', reason: 'explicit rollback (1.2.3 is higher)' })]);
  });

  it('classifies tags against the promoted version', () => {
    expect(['latest', '1', 'v1', '1.3', 'v1.3', '2', '1.4', 'v1.3.0', '1.3.0', 'staging'].map((t) => classifyTag(t, v('1.3.0'), 'latest'))).toEqual(['latest', 'major', 'major', 'minor', 'minor', 'other', 'other', 'release', 'release', 'other']);
  });

  it('to: one version and tag names; bad lines are input errors naming the line', () => {
    expect(parsePromoteTo(['v1.3.0', 'staging', '', '# note'])).toEqual({ version: 'v1.3.0', tags: ['staging'] });
    expect(() => parsePromoteTo(['v1.3.0', 'v1.4.0'])).toThrow(InputError);
    expect(() => parsePromoteTo(['-bad'])).toThrow(/Invalid to \(line 1\) '-bad'/);
    expect(() => parsePromoteTo([])).toThrow(/give the tags/);
  });

  it('the recorded verdict: blocked and warn refuse, pass and none do not', () => {
    expect(verdictRefusal({ [SCAN_VERDICT_ANNOTATION]: 'blocked' })).toBe('org.aim-build.scan.verdict=blocked: the scan gate blocked it');
    expect(verdictRefusal({ [SCAN_VERDICT_ANNOTATION]: 'warn' })).toMatch(/scan-mode was warn/);
    expect(verdictRefusal({ [SCAN_VERDICT_ANNOTATION]: 'pass' })).toBeUndefined();
    expect(verdictRefusal(undefined)).toBeUndefined();
  });
});
