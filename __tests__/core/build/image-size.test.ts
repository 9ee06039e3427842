/** Image size and its change (issue 11 §4): the pure rule — sums, baseline tag, delta, summary rows, metadata. */
import { describe, expect, it } from '@jest/globals';
import { compareSizes, formatDelta, indexPlatforms, manifestImageSize, sizeBaseline, sizeJson, sizeMarkdown, type SizeReport } from '../../../src/core/build/image-size.js';
import { buildMarkdown } from '../../../src/core/build/summary.js';
import { metadataJson, type BuildResult } from '../../../src/core/build/result.js';

const D = (c: string): string => `sha256:${c.repeat(64)}`;
const manifest = (config: number, ...layers: number[]): string =>
  JSON.stringify({ schemaVersion: 2, config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: D('c'), size: config }, layers: layers.map((size) => ({ mediaType: 'x', digest: D('a'), size })) });

describe('image size rule', () => {
  it('sums config and layers of a manifest', () => {
    expect(manifestImageSize(manifest(1234, 5000, 70000), 'm')).toBe(1234 + 5000 + 70000);
    expect(manifestImageSize(manifest(10), 'm')).toBe(10);
  });

  it('refuses a manifest whose sizes are missing or not integers (registry text is untrusted)', () => {
    expect(() => manifestImageSize(JSON.stringify({ config: { digest: D('c') }, layers: [] }), 'reg/app@x')).toThrow(/reg\/app@x lists a config or layer without a valid size/);
    expect(() => manifestImageSize(manifest(1, -5), 'm')).toThrow(/valid size/);
    expect(() => manifestImageSize(manifest(1, 1.5), 'm')).toThrow(/valid size/);
    expect(() => manifestImageSize('not json', 'm')).toThrow();
  });

  it('lists the platforms of an index, attestations left out', () => {
    const index = JSON.stringify({
      schemaVersion: 2,
      manifests: [
        { mediaType: 'm', digest: D('1'), size: 1, platform: { os: 'linux', architecture: 'amd64' } },
        { mediaType: 'm', digest: D('2'), size: 1, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
        { mediaType: 'm', digest: D('3'), size: 1, platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } }
      ]
    });
    expect(indexPlatforms(index, 'i')).toEqual([{ platform: 'linux/amd64', digest: D('1') }, { platform: 'linux/arm64/v8', digest: D('2') }]);
  });

  it('compares with latest (flavor and ACR prefix included), or the PR base branch tag', () => {
    expect(sizeBaseline({ image: 'r/app', tagPrefix: '', latestTag: 'latest', pullRequest: false })).toEqual({ image: 'r/app', tag: 'latest', why: 'the latest tag' });
    expect(sizeBaseline({ image: 'r/app', tagPrefix: 'backend-', latestTag: 'latest-gpu', pullRequest: false, baseBranch: 'main' }).tag).toBe('backend-latest-gpu');
    expect(sizeBaseline({ image: 'r/app', tagPrefix: '', latestTag: 'latest', pullRequest: true, baseBranch: 'release/2.x' })).toEqual({ image: 'r/app', tag: 'release-2.x', why: "the pull request's base branch release/2.x" });
  });

  it('gives the delta per platform; a platform the old image lacks, or no old image, is new', () => {
    const now = [{ platform: 'linux/amd64', imageSize: 3000 }, { platform: 'linux/arm64', imageSize: 2000 }];
    expect(compareSizes(now, { 'linux/amd64': 2500 })).toEqual([
      { platform: 'linux/amd64', size: 3000, before: 2500, delta: 500 },
      { platform: 'linux/arm64', size: 2000 }
    ]);
    expect(compareSizes(now, undefined)).toEqual([{ platform: 'linux/amd64', size: 3000 }, { platform: 'linux/arm64', size: 2000 }]);
    // a single-manifest old image (platform unknown without its config) matches a single-platform build only
    expect(compareSizes([now[0]], { '': 4000 })).toEqual([{ platform: 'linux/amd64', size: 3000, before: 4000, delta: -1000 }]);
    expect(compareSizes(now, { '': 4000 })).toEqual([{ platform: 'linux/amd64', size: 3000 }, { platform: 'linux/arm64', size: 2000 }]);
  });

  it('formats the change with its sign and percentage', () => {
    expect(formatDelta(0, 100)).toBe('no change');
    expect(formatDelta(512, 1024)).toBe('+512 B (+50.0%)');
    expect(formatDelta(-2048, 4096)).toBe('−2.0 KiB (−50.0%)');
    expect(formatDelta(5, 0)).toBe('+5 B');
  });

  const report: SizeReport = {
    baseline: { image: 'reg.example/team/app', tag: 'latest', why: 'the latest tag' },
    found: true,
    baselineDigest: D('b'),
    platforms: [{ platform: 'linux/amd64', size: 3000, before: 2500, delta: 500 }, { platform: 'linux/arm64', size: 2000 }]
  };

  it('writes one table row per platform with exact bytes, "new" without a delta', () => {
    const md = sizeMarkdown(report);
    expect(md).toContain(`Compared with \`reg.example/team/app:latest\` (the latest tag), \`${D('b')}\`.`);
    expect(md).toContain('| `linux/amd64` | 2.9 KiB (3000 B) | 2.4 KiB (2500 B) | +500 B (+20.0%) (+500 B) |');
    expect(md).toContain('| `linux/arm64` | 2.0 KiB (2000 B) | — | new |');
    expect(sizeMarkdown({ ...report, found: false, baselineDigest: undefined, platforms: [{ platform: 'linux/amd64', size: 1 }] })).toContain('`reg.example/team/app:latest` (the latest tag) does not exist yet: every platform is new.');
  });

  it('escapes a hostile base branch name in the summary', () => {
    const hostile = sizeMarkdown({ ...report, baseline: { image: 'r/app', tag: 'x', why: "the pull request's base branch <img src=x>|[a](http://e)" } });
    expect(hostile).not.toContain('<img');
    expect(hostile).toContain('&lt;img src=x&gt;');
    expect(hostile).toContain('\\[a\\]');
  });

  it('goes into the build summary and the metadata output', () => {
    const r: BuildResult = {
      builder: 'buildah', builderReason: 'r', pushed: true, pushReason: 'p', digest: D('d'), mediaType: 'm', size: 1, created: '',
      platforms: [{ platform: 'linux/amd64', digest: D('1'), size: 1, config: D('c'), imageSize: 3000 }, { platform: 'linux/arm64', digest: D('2'), size: 1, config: D('c'), imageSize: 2000 }],
      skippedPlatforms: [], targets: [], cache: { kind: 'off', note: 'n' }, timings: { buildMs: 0, pushMs: 0 }, notes: [], imageSizes: report
    };
    expect(buildMarkdown(r)).toContain('#### Image size');
    expect((metadataJson(r) as { imageSizes: unknown }).imageSizes).toEqual(sizeJson(report));
    expect(sizeJson(report)).toEqual({
      comparedWith: 'reg.example/team/app:latest',
      found: true,
      comparedDigest: D('b'),
      platforms: { 'linux/amd64': { size: 3000, before: 2500, delta: 500 }, 'linux/arm64': { size: 2000, new: true } }
    });
    expect(buildMarkdown({ ...r, imageSizes: undefined })).not.toContain('#### Image size');
  });
});
