/**
 * The > 2 GiB push: an image with one 2.2 GiB incompressible layer pushed from an OCI layout to a
 * real registry by the pipeline's push in a plain node child process, read back with the right
 * digests, peak RSS under 200 MB, side by side with skopeo copy. Slow (about a minute), so it runs
 * only with AIM_LARGE_PUSH=1 here; `npm run bench` (scripts/bench-transfer.mjs) always runs it.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';

const run = process.env.AIM_LARGE_PUSH === '1' ? describe : describe.skip;

run('push of a > 2 GiB layer (AIM_LARGE_PUSH=1)', () => {
  it('streams: digests read back, peak RSS < 200 MB, figure next to skopeo copy', () => {
    const r = spawnSync(process.execPath, ['scripts/bench-transfer.mjs', '--gib', '2.2'], { encoding: 'utf8', timeout: 20 * 60_000 });
    expect(r.stderr).toMatch(/aim: [\d.]+ s, peak RSS \d+ MB \(read back: digests match\)/);
    expect(r.status).toBe(0);
    const rss = Number(/\| aim-build push [^|]*\| [\d.]+ s \| (\d+) MB/.exec(r.stdout)?.[1]);
    expect(rss).toBeGreaterThan(0);
    expect(rss).toBeLessThan(200);
  }, 20 * 60_000);
});
