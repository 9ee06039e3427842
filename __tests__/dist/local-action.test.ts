/** The README's `@github/local-action` command works as documented (it always exits 0: read its log). */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';

describe('npx local-action run . src/steps/meta.ts .env.example (README "Run it locally")', () => {
  it('runs the meta step with the example environment and prints the plan', () => {
    const r = spawnSync('node_modules/.bin/local-action', ['run', '.', 'src/steps/meta.ts', '.env.example'], { encoding: 'utf8', timeout: 120_000, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' } });
    expect(r.stdout).not.toMatch(/::error::/);
    expect(r.stdout).toContain('registry.cn-hangzhou.aliyuncs.com/acme/ai-infra-matrix:backend-v1.2.3');
    expect(r.stdout).toMatch(/::set-output name=matrix::\{"include":\[\{"platform":"linux\/amd64"/);
  }, 120_000);
});
