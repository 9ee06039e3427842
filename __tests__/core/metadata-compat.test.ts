/**
 * docker/metadata-action v6 behaviours (docs/tag-rules.md §2), each from a realistic event payload
 * (@octokit/webhooks-examples) with explicit `tags:` rules.
 */
import { describe, expect, it } from '@jest/globals';
import { plan, names, SHA, type Scenario } from '../helpers/events.js';
import { planOutputs } from '../../src/core/outputs.js';

const tagPush = (tag: string): Scenario => ({ event: 'push', ref: `refs/tags/${tag}` });
const branchPush = (branch: string): Scenario => ({ event: 'push', ref: `refs/heads/${branch}` });
const pr = (n: number): Scenario => ({ event: 'pull_request', pr: n });
const SEMVER3 = ['type=semver,pattern={{version}}', 'type=semver,pattern={{major}}.{{minor}}', 'type=semver,pattern={{major}}'];

const cases: Array<[string, Scenario, string[], string[], string[]?]> = [
  ['semver fan-out sets latest', tagPush('v1.2.3'), SEMVER3, ['1.2.3', '1.2', '1', 'latest']],
  ['pre-release only extends {{version}}, no latest', tagPush('v2.0.8-beta.67'), SEMVER3, ['2.0.8-beta.67']],
  ['{{raw}} keeps a pre-release raw', tagPush('v2.0.8-beta.67'), ['type=semver,pattern={{raw}}'], ['v2.0.8-beta.67']],
  ['ref,event=tag always sets latest, pre-releases included', tagPush('v2.0.8-beta.67'), ['type=ref,event=tag'], ['v2.0.8-beta.67', 'latest']],
  ['a higher-priority raw rule suppresses latest', tagPush('v1.2.3'), ['type=raw,value=foo,priority=1000', ...SEMVER3], ['foo', '1.2.3', '1.2', '1']],
  ['build metadata: {{version}} drops it, {{raw}} sanitises it', tagPush('v1.2.3+build.5'), ['type=semver,pattern={{version}}', 'type=semver,pattern={{raw}}'], ['1.2.3', 'v1.2.3-build.5', 'latest']],
  ['semver value= on a branch push', branchPush('develop'), ['type=semver,pattern={{major}}.{{minor}},value=3.4.5'], ['3.4', 'latest']],
  ['semver match= extracts the version', tagPush('backend-v3.4.5'), ['type=semver,pattern={{version}},match=v(\\d.\\d.\\d)$'], ['3.4.5', 'latest']],
  ['pep440 normalises 1.1beta2 (pre-release: no latest)', tagPush('1.1beta2'), ['type=pep440,pattern={{version}}'], ['1.1b2']],
  ['pep440 normalises 1.0dev4', tagPush('1.0dev4'), ['type=pep440,pattern={{version}}'], ['1.0.dev4']],
  ['pep440 normalises 1.2post1', tagPush('1.2post1'), ['type=pep440,pattern={{version}}'], ['1.2.post1']],
  ['pep440 fan-out', tagPush('1.2.3'), ['type=pep440,pattern={{version}}', 'type=pep440,pattern={{major}}.{{minor}}'], ['1.2.3', '1.2', 'latest']],
  ['match with a group', tagPush('v1.2.3'), ['type=match,pattern=v(\\d+.\\d+),group=1'], ['1.2', 'latest']],
  ['match /regex/flags form', tagPush('V1.2.3'), ['type=match,pattern=/v(\\d+)/i,group=1'], ['1', 'latest']],
  ['sha short by default', branchPush('develop'), ['type=sha'], [`sha-${SHA.slice(0, 7)}`]],
  ['sha format=long', branchPush('develop'), ['type=sha,format=long'], [`sha-${SHA}`]],
  ['branch-sha with {{branch}} as prefix, sanitised', branchPush('feature/new'), ['type=sha,prefix={{branch}}-'], [`feature-new-${SHA.slice(0, 7)}`]],
  ['ref,event=branch sanitises the branch', branchPush('feature/new'), ['type=ref,event=branch'], ['feature-new']],
  ['pr-N from refs/pull/N/merge', pr(15), ['type=ref,event=pr'], ['pr-15']],
  ['{{branch}} is empty on pull_request', pr(15), ['type=raw,value=x{{branch}}y'], ['xy']],
  ['{{base_ref}} on pull_request is the base branch', pr(15), ['type=raw,value={{base_ref}}'], ['master']],
  ['{{tag}} on a tag push', tagPush('v9'), ['type=raw,value=t-{{tag}}'], ['t-v9']],
  ['raw latest on the default branch only', branchPush('main'), ['type=raw,value=latest,enable={{is_default_branch}}', 'type=ref,event=branch'], ['main', 'latest']],
  ['is_default_branch false elsewhere', branchPush('dev'), ['type=raw,value=latest,enable={{is_default_branch}}', 'type=ref,event=branch'], ['dev']],
  ['is_not_default_branch', branchPush('dev'), ['type=raw,value=preview,enable={{is_not_default_branch}}'], ['preview']],
  ['edge on the default branch', branchPush('main'), ['type=edge'], ['edge']],
  ['edge,branch= on another branch', branchPush('develop'), ['type=edge,branch=develop'], ['edge']],
  ['edge does not fire elsewhere', branchPush('develop'), ['type=edge', 'type=ref,event=branch'], ['develop']],
  ['schedule nightly', { event: 'schedule', ref: 'refs/heads/main' }, ['type=schedule'], ['nightly']],
  ['schedule with a date pattern and zone (clock 08:30Z is 17:30 in Tokyo)', { event: 'schedule', ref: 'refs/heads/main' }, ["type=schedule,pattern={{date 'YYYYMMDD-HHmm' tz='Asia/Tokyo'}}"], ['20261122-1730']],
  ['{{date}} defaults to UTC', branchPush('dev'), ["type=raw,value={{date 'YYYY.MM.DD'}}"], ['2026.11.22']],
  ['{{commit_date}} from the payload head commit', branchPush('dev'), ["type=raw,value={{commit_date 'YYYYMMDD-HHmm'}}"], ['20261120-0200']],
  ['quoted CSV value with a comma', branchPush('dev'), ['type=raw,"value=a,b"'], ['a-b']],
  ['a bare field is the value (raw is the default type)', branchPush('dev'), ['stable'], ['stable']],
  ['priority orders rules, ties keep input order', branchPush('dev'), ['type=raw,value=b', 'type=raw,value=a,priority=300', 'type=raw,value=c'], ['a', 'b', 'c']],
  ['duplicates are dropped', branchPush('dev'), ['type=raw,value=x', 'type=raw,value=x'], ['x']],
  ['no rule matches: no tags', branchPush('dev'), ['type=semver,pattern={{version}}'], []]
];

describe('metadata-action v6 compatibility', () => {
  it.each(cases)('%s', (_name, scenario, tags, expected) => {
    expect(names(plan(scenario, { tags }))).toEqual(expected);
  });

  it('DOCKER_METADATA_SHORT_SHA_LENGTH sets the sha length', () => {
    expect(names(plan(branchPush('dev'), { tags: ['type=sha'] }, { shortShaLength: 12 }))).toEqual([`sha-${SHA.slice(0, 12)}`]);
  });

  it('PR events use the merge sha unless DOCKER_METADATA_PR_HEAD_SHA asks for the head sha', () => {
    const s: Scenario = { event: 'pull_request', pr: 3, headSha: 'bbbbbbbccccccc' };
    expect(names(plan(s, { tags: ['type=sha'] }))).toEqual([`sha-${SHA.slice(0, 7)}`]);
    expect(names(plan(s, { tags: ['type=sha'] }, { prHeadSha: true }))).toEqual(['sha-bbbbbbb']);
  });

  it('flavor prefix/suffix: rule prefix (even empty) wins; sha and pr keep built-in prefixes, suffix applies', () => {
    const flavor = ['prefix=app-', 'suffix=-bal'];
    expect(names(plan(pr(15), { tags: ['type=ref,event=pr'], flavor }))).toEqual(['pr-15-bal']);
    expect(names(plan(branchPush('dev'), { tags: ['type=sha', 'type=ref,event=branch', 'type=raw,value=x,prefix='], flavor }))).toEqual(['app-dev-bal', 'x-bal', `sha-${SHA.slice(0, 7)}-bal`]);
  });

  it('latest gets flavor prefix/suffix only with onlatest=true', () => {
    expect(names(plan(tagPush('v1.0.0'), { tags: ['type=ref,event=tag'], flavor: ['prefix=app-'] }))).toEqual(['app-v1.0.0', 'latest']);
    expect(names(plan(tagPush('v1.0.0'), { tags: ['type=ref,event=tag'], flavor: ['prefix=app-,onlatest=true'] }))).toEqual(['app-v1.0.0', 'app-latest']);
  });

  it('flavor latest=false / true overrides auto', () => {
    expect(names(plan(tagPush('v1.0.0'), { tags: ['type=ref,event=tag'], flavor: ['latest=false'] }))).toEqual(['v1.0.0']);
    expect(names(plan(branchPush('dev'), { tags: ['type=ref,event=branch'], flavor: ['latest=true'] }))).toEqual(['dev', 'latest']);
  });

  it('with several images, all tags of image 1 come before image 2, and names are lower-cased', () => {
    const p = plan(tagPush('v1.2.3'), { images: ['ghcr.io/Acme/App', 'acme/app'], tags: SEMVER3.slice(0, 2) });
    expect(planOutputs(p, { tags: ',', labels: '\n', annotations: '\n' }).tags).toBe(
      'ghcr.io/acme/app:1.2.3,ghcr.io/acme/app:1.2,ghcr.io/acme/app:latest,acme/app:1.2.3,acme/app:1.2,acme/app:latest'
    );
  });

  it('no rule matched: version is empty and a warning says so', () => {
    const p = plan(branchPush('dev'), { tags: ['type=semver,pattern={{version}}'] });
    expect(p.version).toBe('');
    expect(p.warnings).toEqual(['No tag was produced by the tags rules for this event; check the tags input']);
  });

  it('OCI labels: repository, version, created from the clock, revision; custom lines override and are sorted', () => {
    const p = plan(tagPush('v1.2.3'), { tags: ['type=semver,pattern={{version}}'], labels: ['org.opencontainers.image.title=Backend', 'maintainer=ops@acme.test'] });
    expect(p.labels).toEqual({
      maintainer: 'ops@acme.test',
      'org.opencontainers.image.created': '2026-11-22T08:30:00.000Z',
      'org.opencontainers.image.description': '',
      'org.opencontainers.image.licenses': '',
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.source': 'https://github.com/Codertocat/Hello-World',
      'org.opencontainers.image.title': 'Backend',
      'org.opencontainers.image.url': 'https://github.com/Codertocat/Hello-World',
      'org.opencontainers.image.version': '1.2.3'
    });
  });

  it('annotations are prefixed with each DOCKER_METADATA_ANNOTATIONS_LEVELS level', () => {
    const p = plan(tagPush('v1.2.3'), { tags: ['type=semver,pattern={{version}}'], annotations: ['a.b=c'] }, { annotationLevels: ['manifest', 'index'] });
    const lines = planOutputs(p, { tags: '\n', labels: '\n', annotations: '\n' }).annotations.split('\n');
    expect(lines[0]).toBe('manifest:a.b=c');
    expect(lines).toContain('index:org.opencontainers.image.version=1.2.3');
    expect(lines).toHaveLength(18);
  });

  it('json output has the metadata-action shape', () => {
    const p = plan(tagPush('v1.2.3'), { images: ['ghcr.io/acme/app'], tags: ['type=semver,pattern={{version}}'] });
    const json = JSON.parse(planOutputs(p, { tags: '\n', labels: '\n', annotations: '\n' }).json);
    expect(Object.keys(json)).toEqual(['tags', 'labels', 'annotations']);
    expect(json.tags).toEqual(['ghcr.io/acme/app:1.2.3', 'ghcr.io/acme/app:latest']);
  });
});

describe('strict validation (ours; metadata-action is lenient here)', () => {
  const bad: Array<[string, string[], RegExp]> = [
    ['unknown type', ['type=semvar,pattern={{version}}'], /Invalid tags \(line 1\) 'type=semvar,pattern=\{\{version\}\}': unknown type 'semvar'; use one of schedule, semver/],
    ['unknown attribute', ['type=sha,length=8'], /type=sha has no attribute 'length'; it takes enable, priority, prefix, suffix, format/],
    ['missing pattern', ['type=semver'], /type=semver needs pattern=/],
    ['bad event', ['type=ref,event=push'], /event 'push' is not one of branch, tag, pr/],
    ['bad priority', ['type=raw,value=x,priority=high'], /priority 'high' is not a number/],
    ['bad regex', ['type=match,pattern=v(1'], /pattern is not a valid regular expression/],
    ['enable not boolean', ['type=raw,value=x,enable=yes'], /enable evaluated to 'yes'; it must be true or false/],
    ['bad time zone', ["type=raw,value={{date 'YYYY' tz='Mars/Base'}}"], /unknown time zone 'Mars\/Base'/],
    ['bad handlebars', ['type=raw,value={{#if}}'], /Invalid tags \(line 1\)/],
    ['leading dot', ['type=raw,value=.hidden'], /Invalid tags \(line 1\) 'type=raw,value=.hidden': produces tag '.hidden' for ghcr.io\/acme\/app: a tag cannot start with '.'/],
    ['too long, never truncated', ['', `type=raw,value=${'x'.repeat(129)}`], /Invalid tags \(line 2\).*at most 128 characters; this one has 129.*never truncated/],
    ['flavor typo', [], /Invalid flavor \(line 1\) 'lastest=true': unknown flavor entry 'lastest'/]
  ];
  it.each(bad)('%s', (name, tags, message) => {
    const flavor = name === 'flavor typo' ? ['lastest=true'] : [];
    expect(() => plan(branchPush('dev'), { images: ['ghcr.io/acme/app'], tags, flavor })).toThrow(message);
  });

  it('a latest input and flavor latest= together are ambiguous', () => {
    expect(() => plan(branchPush('main'), { tags: ['type=ref,event=branch'], flavor: ['latest=true'], latest: 'never' })).toThrow(/Invalid latest 'never': flavor sets latest=true too/);
  });

  it('comments and blank lines are skipped, line numbers still point at the input line', () => {
    expect(() => plan(branchPush('dev'), { tags: ['# a comment', '', 'type=nope'] })).toThrow(/line 3/);
  });
});
