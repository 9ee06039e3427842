/**
 * The shared registry cache (`<image>:buildcache`, buildah `<image>-buildcache`) is what main and
 * release builds read. A pull request — also one from a branch of this repository, whose token can
 * push — only reads it; its own writable cache is the gha scope `pr-N`. Real tag plans from real
 * webhook payloads; the build plan is pure.
 */
import { describe, expect, it } from '@jest/globals';
import { buildPlanFor, smallTagPlan, TAG_EVENT } from '../../helpers/build.js';
import type { Scenario } from '../../helpers/events.js';

const PR: Scenario = { event: 'pull_request', pr: 7 };
const PR_TARGET: Scenario = { event: 'pull_request_target', pr: 7 };
const MAIN: Scenario = { event: 'push', ref: 'refs/heads/main' };
const ACR = ['registry.cn-hangzhou.aliyuncs.com/acme'];

const plan = (builder: 'buildx' | 'buildah', scenario: Scenario, inputs: Parameters<typeof buildPlanFor>[1] = { cache: 'registry' }, images = ['ghcr.io/acme/app'], over = {}) =>
  buildPlanFor(builder, inputs, smallTagPlan(images, scenario, images === ACR ? { component: 'backend' } : {}), { push: true, ...over }).cache;

describe('registry cache: main and release builds write it, pull requests only read it', () => {
  it.each([
    ['push to main', MAIN],
    ['release tag', TAG_EVENT]
  ])('buildx, %s: reads and writes <image>:buildcache', (_name, scenario) => {
    expect(plan('buildx', scenario)).toMatchObject({
      from: ['type=registry,ref=ghcr.io/acme/app:buildcache'],
      to: ['type=registry,ref=ghcr.io/acme/app:buildcache,mode=max,ignore-error=true']
    });
  });

  it.each([
    ['pull_request from a branch of this repository (push allowed)', PR],
    ['pull_request_target', PR_TARGET]
  ])('buildx, %s: reads <image>:buildcache, writes nothing there, and says why', (_name, scenario) => {
    const cache = plan('buildx', scenario);
    expect(cache.from).toEqual(['type=registry,ref=ghcr.io/acme/app:buildcache']);
    expect(cache.to).toEqual([]);
    expect(cache.note).toBe('registry cache ghcr.io/acme/app:buildcache (read only: a pull request never writes the cache that main and release builds read)');
  });

  it('buildah: main writes <image>-buildcache, a pull request only reads it', () => {
    expect(plan('buildah', MAIN)).toMatchObject({ from: ['ghcr.io/acme/app-buildcache'], to: ['ghcr.io/acme/app-buildcache'] });
    expect(plan('buildah', PR)).toMatchObject({ from: ['ghcr.io/acme/app-buildcache'], to: [] });
  });

  it('an explicit cache-ref and the ACR component cache tag are read only on pull requests too', () => {
    expect(plan('buildx', PR, { cache: 'registry', cacheRef: 'harbor.local/ci/cache:app' })).toMatchObject({ from: ['type=registry,ref=harbor.local/ci/cache:app'], to: [] });
    expect(plan('buildx', MAIN, { cache: 'registry', cacheRef: 'harbor.local/ci/cache:app' }).to).toEqual(['type=registry,ref=harbor.local/ci/cache:app,mode=max,ignore-error=true']);
    const acr = plan('buildx', PR, { cache: 'registry' }, ACR);
    expect(acr).toMatchObject({ from: ['type=registry,ref=registry.cn-hangzhou.aliyuncs.com/acme/ai-infra-matrix:backend-buildcache'], to: [] });
  });

  it('the gha cache of a pull request writes its own pr-N scope and reads the base and default branches', () => {
    const cache = plan('buildx', PR, { cache: 'gha' }, ['ghcr.io/acme/app'], { ghaAvailable: true });
    expect(cache.to).toEqual([expect.stringMatching(/^type=gha,scope=app-pr-7-linux-amd64_linux-arm64,mode=max/)]);
    expect(cache.from[0]).toBe('type=gha,scope=app-pr-7-linux-amd64_linux-arm64');
  });
});
