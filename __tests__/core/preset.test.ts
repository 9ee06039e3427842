/** Every row of docs/tag-rules.md §1 (the default preset table), from realistic payloads. */
import { describe, expect, it } from '@jest/globals';
import { plan, names, type Scenario } from '../helpers/events.js';

const sha7 = '860c190';

const rows: Array<[string, Scenario, string[]]> = [
  ['push to the default branch', { event: 'push', ref: 'refs/heads/main' }, [`main-${sha7}`, 'latest']],
  ['push to develop', { event: 'push', ref: 'refs/heads/develop' }, ['develop', `develop-${sha7}`]],
  ['push to feature/x', { event: 'push', ref: 'refs/heads/feature/x' }, ['feature-x', `feature-x-${sha7}`]],
  ['push of tag v1.0.0', { event: 'push', ref: 'refs/tags/v1.0.0' }, ['v1.0.0', '1.0.0', '1.0', '1']],
  ['push of pre-release v1.0.0-alpha.1', { event: 'push', ref: 'refs/tags/v1.0.0-alpha.1' }, ['v1.0.0-alpha.1', '1.0.0-alpha.1']],
  ['push of non-semver tag v0.0.3.3 (as the seed workflows tag it)', { event: 'push', ref: 'refs/tags/v0.0.3.3' }, ['v0.0.3.3']],
  ['push of non-semver tag release-7', { event: 'push', ref: 'refs/tags/release-7' }, ['release-7']],
  ['push of tag with a slash', { event: 'push', ref: 'refs/tags/release/7' }, ['release-7']],
  ['pull_request #123', { event: 'pull_request', pr: 123 }, ['pr-123']],
  ['pull_request_target #7 uses the PR ref', { event: 'pull_request_target', pr: 7 }, ['pr-7']],
  ['workflow_dispatch on develop', { event: 'workflow_dispatch', ref: 'refs/heads/develop' }, ['develop', `develop-${sha7}`]],
  ['workflow_dispatch on main', { event: 'workflow_dispatch', ref: 'refs/heads/main' }, [`main-${sha7}`, 'latest']],
  ['schedule on main (branch rows apply, so latest too)', { event: 'schedule', ref: 'refs/heads/main' }, ['nightly', `main-${sha7}`, 'latest']],
  ['major version zero: no bare 0 tag', { event: 'push', ref: 'refs/tags/v0.1.2' }, ['v0.1.2', '0.1.2', '0.1']],
  ['semver build metadata is rewritten, not truncated', { event: 'push', ref: 'refs/tags/v1.2.3+build.5' }, ['v1.2.3-build.5', '1.2.3', '1.2', '1']]
];

describe('default preset (no tags: rules) — tag-rules.md §1', () => {
  it.each(rows)('%s', (_name, scenario, expected) => {
    const p = plan(scenario);
    expect(p.preset).toBe(true);
    expect(names(p)).toEqual(expected);
    expect(p.version).toBe(expected[0]);
  });

  it('a stable tag does not move latest under the default policy', () => {
    expect(plan({ event: 'push', ref: 'refs/tags/v2.0.0' }).latest).toMatchObject({ enabled: false, policy: 'auto' });
  });

  it('latest: never keeps latest off the default branch too', () => {
    expect(names(plan({ event: 'push', ref: 'refs/heads/main' }, { latest: 'never' }))).toEqual([`main-${sha7}`]);
  });

  it('every tag names the preset row that produced it', () => {
    const p = plan({ event: 'push', ref: 'refs/tags/v1.0.0' });
    expect(p.tags.map((t) => t.rule)).toEqual([
      'preset: type=ref,event=tag,priority=950',
      'preset: type=semver,pattern={{version}}',
      'preset: type=semver,pattern={{major}}.{{minor}}',
      'preset: type=semver,pattern={{major}}'
    ]);
  });

  it('an event the preset has no row for fails with a fix instead of an empty set', () => {
    expect(() => plan({ event: 'workflow_dispatch', ref: 'refs/remotes/x' })).toThrow(/preset has no tag for event 'workflow_dispatch' on ref 'refs\/remotes\/x'.*type=raw/);
  });

  it('component tags on ACR get the component prefix, latest included', () => {
    const p = plan({ event: 'push', ref: 'refs/heads/main' }, { images: ['registry.cn-hangzhou.aliyuncs.com/acme'], component: 'backend' });
    expect(p.targets[0].references.map((r) => r.ref)).toEqual([
      `registry.cn-hangzhou.aliyuncs.com/acme/ai-infra-matrix:backend-main-${sha7}`,
      'registry.cn-hangzhou.aliyuncs.com/acme/ai-infra-matrix:backend-latest'
    ]);
  });
});
