import { describe, expect, it } from '@jest/globals';
import { parsePlatforms, platformMatrix, type MatrixOptions } from '../../src/core/matrix.js';

const base: MatrixOptions = { platforms: ['linux/amd64', 'linux/arm64'], armStrategy: 'auto', amd64Runner: 'ubuntu-24.04', arm64Runner: 'ubuntu-24.04-arm' };

describe('platform matrix', () => {
  it('public repository: arm64 on the native arm runner by default', () => {
    expect(platformMatrix({ ...base, privateRepository: false }).include).toEqual([
      { platform: 'linux/amd64', slug: 'linux-amd64', runner: 'ubuntu-24.04', qemu: false },
      { platform: 'linux/arm64', slug: 'linux-arm64', runner: 'ubuntu-24.04-arm', qemu: false }
    ]);
  });
  it('private repository: QEMU fallback on the amd64 runner, and the reason says why', () => {
    const m = platformMatrix({ ...base, privateRepository: true });
    expect(m.include[1]).toEqual({ platform: 'linux/arm64', slug: 'linux-arm64', runner: 'ubuntu-24.04', qemu: true });
    expect(m.reason).toMatch(/private repository/);
  });
  it('explicit strategies win', () => {
    expect(platformMatrix({ ...base, armStrategy: 'native', privateRepository: true }).include[1].runner).toBe('ubuntu-24.04-arm');
    expect(platformMatrix({ ...base, armStrategy: 'qemu' }).include[1].qemu).toBe(true);
  });
  it('other platforms use QEMU on amd64 runners', () => {
    expect(platformMatrix({ ...base, platforms: ['linux/s390x'] }).include[0]).toMatchObject({ runner: 'ubuntu-24.04', qemu: true });
  });
  it.each([
    ['linux/amd64, linux/arm64', ['linux/amd64', 'linux/arm64']],
    ['linux/arm/v7\nlinux/amd64', ['linux/arm/v7', 'linux/amd64']]
  ])('parses %j', (value, expected) => expect(parsePlatforms(value)).toEqual(expected));
  it.each([
    ['', /give at least one platform/],
    ['amd64', /Invalid platforms 'amd64': not os\/architecture\[\/variant\]; did you mean linux\/amd64\?/],
    ['linux/amd64,linux/amd64', /listed twice/]
  ])('rejects %j', (value, message) => expect(() => parsePlatforms(value)).toThrow(message));
});
