/**
 * `compat: metadata-action` against the default mode, and the parser/template fixes found by the
 * metadata-action table (metadata-action-table.test.ts runs the whole table).
 */
import { describe, expect, it } from '@jest/globals';
import { planTags, DEFAULT_PLAN_INPUTS, type PlanInputs } from '../../src/core/plan.js';
import { DEFAULT_ENGINE_OPTIONS, type EventContext } from '../../src/core/context.js';
import { references } from '../../src/core/outputs.js';
import { listItem } from '../../src/core/rules.js';

const NOW = new Date('2020-01-10T00:30:00Z');
const SHA = '860c1904a1ce19322e91ac35af1ab07466440c37';

function ctx(eventName: string, ref: string): EventContext {
  return {
    eventName,
    ref,
    sha: ref ? SHA : '',
    repository: ref ? 'acme/app' : '',
    payload: ref ? { repository: { name: 'app', default_branch: 'main' } } : {},
    repo: { name: 'app', defaultBranch: 'main', htmlUrl: 'https://github.com/acme/app' },
    commitDate: NOW
  };
}

const run = (c: EventContext, inputs: Partial<PlanInputs>) =>
  planTags({ ...DEFAULT_PLAN_INPUTS, images: ['ghcr.io/acme/app'], ...inputs }, { ctx: c, options: DEFAULT_ENGINE_OPTIONS, now: NOW });

describe('a rule line quoted as one CSV field (the list is CSV, each rule is CSV again)', () => {
  it('unquotes the list item, then parses the rule', () => {
    expect(listItem('"type=match,""pattern=^release\\d{1,2}"""')).toBe('type=match,"pattern=^release\\d{1,2}"');
    expect(listItem('type=raw,"value=a,b"')).toBe('type=raw,"value=a,b"');
  });
  it.each(['aim', 'metadata-action'] as const)('produces the tag in %s mode and keeps the line as written for the plan', (compat) => {
    const line = '"type=match,""pattern=^release\\d{1,2}"""';
    const plan = run(ctx('push', 'refs/tags/release1'), { tags: [line], compat });
    expect(references(plan)).toEqual(['ghcr.io/acme/app:release1', 'ghcr.io/acme/app:latest']);
    expect(plan.tags[0].rule).toBe(line);
  });
  it('a quoted flavor, image and label line are read the same way', () => {
    const plan = run(ctx('push', 'refs/heads/dev'), {
      images: ['"name=ghcr.io/acme/app,enable=true"'],
      tags: ['type=ref,event=branch'],
      flavor: ['"prefix=x-,onlatest=true"'],
      labels: ['"org.opencontainers.image.description=Hello, world"']
    });
    expect(references(plan)).toEqual(['ghcr.io/acme/app:x-dev']);
    expect(plan.labels['org.opencontainers.image.description']).toBe('Hello, world');
  });
});

describe('{{date}} / {{commit_date}} with a format that is not a string literal', () => {
  it("falls back to moment's default format (UTC: Z), sanitised", () => {
    const plan = run(ctx('pull_request', 'refs/pull/15/merge'), { tags: ['type=raw,value={{commit_date YYYY-MM-DD-HHmmSS}}'] });
    expect(plan.version).toBe('2020-01-10T00-30-00Z');
    expect(run(ctx('push', 'refs/heads/dev'), { tags: ['type=raw,value={{date YYYY}}'] }).version).toBe('2020-01-10T00-30-00Z');
  });
  it('in another zone the default format carries the offset', () => {
    expect(run(ctx('push', 'refs/heads/dev'), { tags: ["type=raw,value={{date YYYY tz='Asia/Tokyo'}}"] }).version).toBe('2020-01-10T09-30-00-09-00');
  });
  it('a quoted format still formats', () => {
    expect(run(ctx('push', 'refs/heads/dev'), { tags: ["type=raw,value={{date 'YYYYMMDD'}}"] }).version).toBe('20200110');
  });
});

describe('semver template fields', () => {
  it('{{build}} and {{prerelease}} are the parsed fields, as metadata-action hands its SemVer object to the template', () => {
    expect(run(ctx('push', 'refs/tags/v1.2.3+build.5'), { tags: ['type=semver,pattern={{version}}-{{build}}'] }).version).toBe('1.2.3-build-5');
  });
});

describe('compat: metadata-action', () => {
  it("empty tags: metadata-action's default rules, not the preset (no branch-sha, no latest on a branch)", () => {
    const branch = run(ctx('push', 'refs/heads/main'), { compat: 'metadata-action' });
    expect(references(branch)).toEqual(['ghcr.io/acme/app:main']);
    expect(branch.preset).toBe(false);
    expect(branch.tags[0].rule).toBe('metadata-action default: type=ref,event=branch');
    expect(references(run(ctx('push', 'refs/tags/v1.2.3'), { compat: 'metadata-action' }))).toEqual(['ghcr.io/acme/app:v1.2.3', 'ghcr.io/acme/app:latest']);
    expect(references(run(ctx('schedule', 'refs/heads/main'), { compat: 'metadata-action' }))).toEqual(['ghcr.io/acme/app:nightly', 'ghcr.io/acme/app:main']);
    expect(references(run(ctx('pull_request', 'refs/pull/7/merge'), { compat: 'metadata-action' }))).toEqual(['ghcr.io/acme/app:pr-7']);
  });
  it('the default mode uses the preset for the same event', () => {
    expect(references(run(ctx('push', 'refs/heads/main'), {}))).toEqual(['ghcr.io/acme/app:main-860c190', 'ghcr.io/acme/app:latest']);
  });
  it('a label or annotation line without = is skipped with a warning; the default mode fails naming the line', () => {
    const inputs = { tags: ['type=raw,value=x'], labels: ['invalid', 'foo='], annotations: ['nokey'] };
    const plan = run(ctx('push', 'refs/heads/dev'), { ...inputs, compat: 'metadata-action' });
    expect(plan.labels.foo).toBe('');
    expect(Object.keys(plan.labels)).not.toContain('invalid');
    expect(Object.keys(plan.annotations)).not.toContain('nokey');
    expect(plan.warnings).toEqual(expect.arrayContaining([expect.stringContaining("labels line 1 'invalid' has no '='"), expect.stringContaining("annotations line 1 'nokey' has no '='")]));
    expect(() => run(ctx('push', 'refs/heads/dev'), inputs)).toThrow("Invalid labels (line 1) 'invalid': expected key=value");
  });
  it('no event context: an empty plan with a warning; the default mode refuses', () => {
    const plan = run(ctx('', ''), { compat: 'metadata-action' });
    expect(references(plan)).toEqual([]);
    expect(plan.version).toBe('');
    expect(plan.warnings.join('\n')).toMatch(/No event context/);
    expect(() => run(ctx('', ''), {})).toThrow(/the preset has no tag for event ''/);
  });
  it('strict reference validity and registry-aware naming stay on', () => {
    expect(() => run(ctx('push', 'refs/heads/dev'), { tags: ['type=raw,value=.x'], compat: 'metadata-action' })).toThrow(/Invalid tags \(line 1\)/);
    const acr = run(ctx('push', 'refs/heads/dev'), { images: ['registry.cn-hangzhou.aliyuncs.com/ns'], component: 'backend', tags: ['type=ref,event=branch'], compat: 'metadata-action' });
    expect(references(acr)).toEqual(['registry.cn-hangzhou.aliyuncs.com/ns/ai-infra-matrix:backend-dev']);
  });
});
