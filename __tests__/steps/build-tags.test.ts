/**
 * The guard's inputs (src/steps/build-tags.ts#releaseTagRule): `release-tag-pattern` runs on the
 * linear-time engine (loaded on demand) and a bad one fails before anything is built, naming the
 * input; empty means semver.
 */
import { describe, expect, it } from '@jest/globals';
import { releaseTagRule } from '../../src/steps/build-tags.js';
import { InputError } from '../../src/core/errors.js';

const base = { overwriteReleaseTags: false, moveAliases: false };

describe('releaseTagRule', () => {
  it('empty pattern: semver tags (with or without v, prereleases included) are release tags', async () => {
    const rule = await releaseTagRule({ ...base, releaseTagPattern: '' });
    expect(['v1.2.3', '1.2.3', 'v2.0.0-rc.1', '1.2', '1', 'latest', 'main-abc1234', 'pr-12'].map(rule.isRelease)).toEqual([true, true, true, false, false, false, false, false]);
  });

  it('a pattern of your own replaces semver (RE2, /re/flags allowed)', async () => {
    const rule = await releaseTagRule({ ...base, releaseTagPattern: '/^RELEASE-\\d+$/i', overwriteReleaseTags: true });
    expect(['release-7', 'RELEASE-12', 'v1.2.3', 'release-7-rc'].map(rule.isRelease)).toEqual([true, true, false, false]);
    expect(rule.overwriteRelease).toBe(true);
  });

  it('a pattern RE2 cannot run fails naming the input, the value and the fix', async () => {
    const err = await releaseTagRule({ ...base, releaseTagPattern: '^(?=v)\\d' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).input).toBe('release-tag-pattern');
    expect((err as InputError).value).toBe('^(?=v)\\d');
    expect((err as Error).message).toContain('lookaround');
  });
});
