/** The one platform helper: OCI/Go validation with a suggestion, order, and the built-image invariant. */
import { describe, expect, it } from '@jest/globals';
import { checkBuiltPlatforms, formatPlatform, inRequestedOrder, parsePlatform, parsePlatforms, platformMatches, suggestPlatform, type BuiltPlatform } from '../../src/core/platform.js';
import { InputError } from '../../src/core/errors.js';

const d = (n: number): string => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const p = (text: string) => parsePlatform(text);

describe('parsePlatforms', () => {
  it.each([
    ['linux/amd64,linux/arm64', ['linux/amd64', 'linux/arm64']],
    ['linux/arm64 , linux/amd64', ['linux/arm64', 'linux/amd64']],
    ['linux/arm/v7\nlinux/arm/v6\nlinux/386', ['linux/arm/v7', 'linux/arm/v6', 'linux/386']],
    ['linux/arm64/v8,linux/riscv64,linux/s390x,linux/ppc64le,windows/amd64,linux/amd64/v3', ['linux/arm64/v8', 'linux/riscv64', 'linux/s390x', 'linux/ppc64le', 'windows/amd64', 'linux/amd64/v3']]
  ])('%j keeps the given order', (value, expected) => expect(parsePlatforms(value)).toEqual(expected));

  it.each([
    ['linux/amd46', "Invalid platforms 'linux/amd46': 'amd46' is not an OCI/Go architecture; did you mean linux/amd64?"],
    ['linux/arm46', 'did you mean linux/arm64?'],
    ['linux/x86_64', 'did you mean linux/amd64?'],
    ['linux/aarch64', 'did you mean linux/arm64?'],
    ['linxu/arm64', "'linxu' is not an OCI/Go operating system; did you mean linux/arm64?"],
    ['linux/arm/v9', "'v9' is not a variant of arm (known: v5, v6, v7, v8); did you mean linux/arm/v8?"],
    ['linux/amd64/v7', 'did you mean linux/amd64/v4?'],
    ['linux/s390x/v1', 's390x takes no variant'],
    ['amd64', 'not os/architecture[/variant]; did you mean linux/amd64?'],
    ['Linux/AMD64', 'did you mean linux/amd64?'],
    ['linux//arm64', 'not os/architecture[/variant]'],
    ['', 'give at least one platform'],
    ['linux/arm64,linux/arm64/v8', "'linux/arm64/v8' is listed twice (same platform as 'linux/arm64')"]
  ])('refuses %j before anything runs: %s', (value, message) => {
    expect(() => parsePlatforms(value)).toThrow(InputError);
    expect(() => parsePlatforms(value)).toThrow(message);
  });

  it('names the input it validates', () => expect(() => parsePlatforms('linux/amd46', 'scan-platforms')).toThrow("Invalid scan-platforms 'linux/amd46'"));
  it('suggests from aliases and distances', () => {
    expect(suggestPlatform('linux/armhf')).toBe('linux/arm/v7');
    expect(suggestPlatform('windos/amd64')).toBe('windows/amd64');
    expect(suggestPlatform('linux/ppc64el')).toBe('linux/ppc64le');
  });
});

describe('platformMatches', () => {
  it.each([
    ['linux/arm64', 'linux/arm64/v8', true],
    ['linux/arm64/v8', 'linux/arm64', true],
    ['linux/arm', 'linux/arm/v7', true],
    ['linux/arm', 'linux/arm/v6', false],
    ['linux/amd64', 'linux/amd64/v2', false],
    ['linux/amd64', 'linux/arm64', false],
    ['linux/riscv64', 'linux/riscv64/rva22u64', true],
    ['linux/amd64', 'windows/amd64', false]
  ])('%s ~ %s: %s', (want, have, expected) => expect(platformMatches(p(want), p(have))).toBe(expected));
});

describe('checkBuiltPlatforms (before the scan and before any push)', () => {
  const ok = (platform: string, n: number): BuiltPlatform => ({ digest: d(n), descriptor: p(platform), config: p(platform) });

  it('passes when the index holds exactly the requested platforms, each config agreeing (variant spelled or not)', () => {
    const r = checkBuiltPlatforms(['linux/amd64', 'linux/arm64'], [ok('linux/amd64', 1), { digest: d(2), descriptor: p('linux/arm64/v8'), config: p('linux/arm64') }]);
    expect(r).toEqual({ ok: true, missing: [], extra: [], mislabelled: [], message: '' });
  });

  it('names a missing platform (the buildah FROM scratch cache case: one entry left)', () => {
    const r = checkBuiltPlatforms(['linux/amd64', 'linux/arm64'], [ok('linux/arm64', 1)]);
    expect(r.ok).toBe(false);
    expect(r.missing).toEqual(['linux/amd64']);
    expect(r.message).toBe(
      'the built image does not hold exactly the requested platforms (linux/amd64, linux/arm64): missing linux/amd64. Nothing was pushed. The image has: linux/arm64'
    );
  });

  it('names an extra platform', () => {
    const r = checkBuiltPlatforms(['linux/amd64'], [ok('linux/amd64', 1), ok('linux/s390x', 2)]);
    expect(r).toMatchObject({ ok: false, missing: [], extra: ['linux/s390x'] });
    expect(r.message).toContain('not requested linux/s390x');
  });

  it('names a mislabelled manifest: the index says arm64, its config says amd64 (a cache hit from the other platform)', () => {
    const r = checkBuiltPlatforms(['linux/amd64', 'linux/arm64'], [ok('linux/amd64', 1), { digest: d(2), descriptor: p('linux/arm64'), config: p('linux/amd64') }]);
    expect(r.ok).toBe(false);
    expect(r.missing).toEqual([]);
    expect(r.mislabelled).toEqual([`${d(2)} is listed as linux/arm64 but its config says linux/amd64`]);
  });

  it('a platform listed twice is refused (even if the set looks complete)', () => {
    const r = checkBuiltPlatforms(['linux/amd64', 'linux/arm64'], [ok('linux/amd64', 1), ok('linux/arm64', 2), ok('linux/arm64/v8', 3)]);
    expect(r.ok).toBe(false);
    expect(r.mislabelled[0]).toContain('linux/arm64/v8 appears more than once');
  });

  it('a single-manifest image is judged by its config (docker, one platform)', () => {
    expect(checkBuiltPlatforms(['linux/amd64'], [{ digest: d(1), config: p('linux/amd64') }]).ok).toBe(true);
    expect(checkBuiltPlatforms(['linux/arm64'], [{ digest: d(1), config: { os: 'linux', architecture: 'amd64' } }])).toMatchObject({ ok: false, missing: ['linux/arm64'], extra: ['linux/amd64'] });
  });

  it('an empty image names every requested platform as missing', () => {
    expect(checkBuiltPlatforms(['linux/amd64', 'linux/arm64'], []).message).toContain('missing linux/amd64, linux/arm64');
  });
});

describe('inRequestedOrder', () => {
  it('follows the user order; unknown ones keep theirs at the end', () => {
    const items = ['linux/arm64/v8', 'linux/s390x', 'linux/amd64'].map(p);
    expect(inRequestedOrder(['linux/amd64', 'linux/arm64'], items, (x) => x).map(formatPlatform)).toEqual(['linux/amd64', 'linux/arm64/v8', 'linux/s390x']);
  });
});
