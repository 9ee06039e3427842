/**
 * The committed bundles run as the runner runs them: `node dist/<entry>/index.js` with INPUT_* and
 * GITHUB_* variables, a GITHUB_OUTPUT file and a step summary file. No mocks.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { examplePayload, SHA } from '../helpers/events.js';
import { runAction } from '../helpers/run-bundle.js';

const tagEvent = () => {
  const payload = examplePayload('push', (e) => e.head_commit != null);
  return { name: 'push', ref: 'refs/tags/v1.2.3', payload };
};

// Both bundles compute the plan first; dist/main then builds and pushes, which
// __tests__/real/build-push.test.ts runs end to end (real buildah, real registries).
describe.each(['meta', 'main'])('dist/%s/index.js: the plan step', (entry) => {
  it('a bad rule fails the step with the input, the line, the value and the fix', () => {
    const r = runAction(entry, { images: 'ghcr.io/acme/app', tags: 'type=semver,pattern={{version}}\ntype=sha,length=8' }, tagEvent());
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("::error::aim-build: Invalid tags (line 2) 'type=sha,length=8': type=sha has no attribute 'length'");
    expect(r.outputs).toEqual({});
  });
});

describe.each(['meta'])('dist/%s/index.js as the runner runs it', (entry) => {
  it('a release tag: outputs, ACR component tags and the summary table', () => {
    const r = runAction(entry, { images: 'ghcr.io/Acme/backend\nregistry.cn-hangzhou.aliyuncs.com/acme', component: 'backend', latest: 'default-branch' }, tagEvent());
    expect(r.stdout).not.toMatch(/::error::/);
    expect(r.status).toBe(0);
    expect(r.outputs.version).toBe('v1.2.3');
    expect(r.outputs.tags.split('\n')).toEqual([
      'ghcr.io/acme/backend:v1.2.3',
      'ghcr.io/acme/backend:1.2.3',
      'ghcr.io/acme/backend:1.2',
      'ghcr.io/acme/backend:1',
      'registry.cn-hangzhou.aliyuncs.com/acme/ai-infra-matrix:backend-v1.2.3',
      'registry.cn-hangzhou.aliyuncs.com/acme/ai-infra-matrix:backend-1.2.3',
      'registry.cn-hangzhou.aliyuncs.com/acme/ai-infra-matrix:backend-1.2',
      'registry.cn-hangzhou.aliyuncs.com/acme/ai-infra-matrix:backend-1'
    ]);
    const plan = JSON.parse(r.outputs.plan);
    expect(plan.targets[1]).toMatchObject({ kind: 'acr', component: 'backend', repository: 'acme/ai-infra-matrix' });
    expect(plan.targets[0].references[0]).toEqual({ ref: 'ghcr.io/acme/backend:v1.2.3', tag: 'v1.2.3', rule: 'preset: type=ref,event=tag,priority=950' });
    expect(JSON.parse(r.outputs.json).labels['org.opencontainers.image.version']).toBe('v1.2.3');
    expect(r.summary).toContain('| ghcr.io | `ghcr.io/acme/backend:1.2` | preset: type=semver,pattern={{major}}.{{minor}} |');
    expect(r.stdout).toContain('images \'ghcr.io/Acme/backend\': registry paths must be lowercase');
  });

  it('custom separators and the metadata-action env toggles', () => {
    const r = runAction(entry, { images: 'ghcr.io/acme/app', tags: 'type=sha', 'sep-tags': ',' }, tagEvent(), { DOCKER_METADATA_SHORT_SHA_LENGTH: '10' });
    expect(r.outputs.tags).toBe(`ghcr.io/acme/app:sha-${SHA.slice(0, 10)}`);
  });
});

describe('dist/meta/index.js with compat: metadata-action', () => {
  const branchEvent = () => ({ name: 'push', ref: 'refs/heads/main', payload: { ...examplePayload('push', (e) => e.head_commit != null), repository: { name: 'backend', default_branch: 'main' } } });
  it("empty tags: metadata-action's default rules instead of the preset; a label without = is skipped with a warning", () => {
    const r = runAction('meta', { images: 'ghcr.io/acme/app', compat: 'metadata-action', labels: 'invalid\nfoo=bar' }, branchEvent());
    expect(r.status).toBe(0);
    expect(r.outputs.tags).toBe('ghcr.io/acme/app:main');
    expect(r.outputs.labels.split('\n')).toContain('foo=bar');
    expect(r.stdout).toContain("::warning::labels line 1 'invalid' has no '=' and is skipped (compat: metadata-action)");
    const preset = runAction('meta', { images: 'ghcr.io/acme/app' }, branchEvent());
    expect(preset.outputs.tags.split('\n')).toEqual([`ghcr.io/acme/app:main-${SHA.slice(0, 7)}`, 'ghcr.io/acme/app:latest']);
  });
  it('no event context: an empty plan with a warning; the default mode fails naming the variable', () => {
    const none = { GITHUB_EVENT_NAME: '', GITHUB_REF: '', GITHUB_REPOSITORY: '', GITHUB_SHA: '', GITHUB_EVENT_PATH: '' };
    const r = runAction('meta', { images: 'ghcr.io/acme/app', compat: 'metadata-action' }, branchEvent(), none);
    expect(r.stdout).not.toMatch(/::error::/);
    expect(r.status).toBe(0);
    expect(r.outputs.tags).toBe('');
    expect(r.outputs.version).toBe('');
    expect(r.stdout).toContain('::warning::No event context');
    const strict = runAction('meta', { images: 'ghcr.io/acme/app' }, branchEvent(), none);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('::error::aim-build: Invalid GITHUB_REPOSITORY');
  });
  it('an unknown compat value fails naming the input', () => {
    const r = runAction('meta', { images: 'ghcr.io/acme/app', compat: 'docker' }, branchEvent());
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("::error::aim-build: Invalid compat 'docker': expected one of aim, metadata-action");
  });
});

describe('dist/meta/index.js: user patterns run on a linear-time engine (regex denial of service)', () => {
  it('type=match,pattern=^(a+)+$ on a crafted branch finishes at once with a warning', () => {
    const branch = `${'a'.repeat(1000)}!`;
    const started = Date.now();
    const r = runAction('meta', { images: 'ghcr.io/acme/app', tags: 'type=match,pattern=^(a+)+$,value={{branch}}\ntype=raw,value=fallback' }, { name: 'push', ref: `refs/heads/${branch}`, payload: {} });
    expect(r.stdout).not.toMatch(/::error::/);
    expect(r.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.outputs.tags).toBe('ghcr.io/acme/app:fallback');
    expect(r.stdout).toContain('::warning::type=match,pattern=^(a+)+$,value={{branch}}: pattern does not match');
  });
});

describe('dist/meta/index.js: broken event context fails with the input named, never a TypeError', () => {
  it('a null payload', () => {
    const r = runAction('meta', { images: 'ghcr.io/acme/app' }, { name: 'push', ref: 'refs/heads/main', payload: null as unknown as object });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/::error::aim-build: Invalid GITHUB_EVENT_PATH '[^']+': the event payload is null, not a JSON object/);
    expect(r.stdout).not.toContain('TypeError');
  });
  it('"commits": "x"', () => {
    const r = runAction('meta', { images: 'ghcr.io/acme/app' }, { name: 'push', ref: 'refs/heads/main', payload: { commits: 'x' } });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('"commits" is string ("x"), not array');
  });
  it('pull_request_target without a number', () => {
    const r = runAction('meta', { images: 'ghcr.io/acme/app', tags: 'type=ref,event=pr' }, { name: 'pull_request_target', ref: 'refs/heads/main', payload: {} });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('a pull_request_target payload needs the pull request number');
    expect(r.stdout).not.toContain('pr-undefined');
  });
  it('a GITHUB_EVENT_PATH that does not exist', () => {
    const r = runAction('meta', { images: 'ghcr.io/acme/app' }, { name: 'push', ref: 'refs/heads/main', payload: {} }, { GITHUB_EVENT_PATH: '/nonexistent/event.json' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("::error::aim-build: Invalid GITHUB_EVENT_PATH '/nonexistent/event.json': the event payload file does not exist");
  });
});

describe('dist/meta/index.js platform matrix', () => {
  it('public repository: native arm64 runner; private: QEMU fallback', () => {
    const pub = tagEvent();
    const r = runAction('meta', { images: 'ghcr.io/acme/app', platforms: 'linux/amd64,linux/arm64' }, pub);
    expect(JSON.parse(r.outputs.matrix).include.map((m: { runner: string }) => m.runner)).toEqual(['ubuntu-24.04', 'ubuntu-24.04-arm']);
    const priv = tagEvent();
    (priv.payload.repository as { private?: boolean }).private = true;
    const q = runAction('meta', { images: 'ghcr.io/acme/app' }, priv);
    expect(JSON.parse(q.outputs.matrix).include[1]).toEqual({ platform: 'linux/arm64', slug: 'linux-arm64', runner: 'ubuntu-24.04', qemu: true });
    expect(q.outputs.platforms).toBe('linux/amd64,linux/arm64');
    expect(q.stdout).toContain('QEMU on amd64 runners (private repository');
  });
  it('a bad platform fails the step', () => {
    const r = runAction('meta', { images: 'ghcr.io/acme/app', platforms: 'linux/amd64,arm64' }, tagEvent());
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("::error::aim-build: Invalid platforms 'arm64': not os/architecture[/variant]; did you mean linux/arm64?");
  });
});

describe('Handlebars is loaded only when an expression needs it', () => {
  it('dist/meta: helpers with arguments and blocks work (the lazily loaded chunk)', () => {
    const r = runAction('meta', { images: 'ghcr.io/acme/app', tags: "type=raw,value={{date 'YYYYMMDD' tz='Asia/Shanghai'}}\ntype=raw,value=x{{#if tag}}-{{tag}}{{/if}}", labels: 'ci.ref={{#if tag}}tag{{else}}branch{{/if}}' }, tagEvent());
    expect(r.stdout).not.toMatch(/::error::/);
    expect(r.outputs['tag-names'].split('\n')).toEqual([expect.stringMatching(/^\d{8}$/), 'x-v1.2.3']);
    expect(r.outputs.labels).toContain('ci.ref=tag');
  });
});

describe('dist/cli/index.js', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, ['dist/cli/index.js', ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  it('prints the plan as JSON without GitHub', () => {
    const r = cli('plan', '--ref', 'refs/tags/v1.2.3', '--images', 'ghcr.io/acme/app', '--format', 'json', '--now', '2026-01-02T03:04:05Z');
    expect(r.status).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.targets[0].references.map((x: { tag: string }) => x.tag)).toEqual(['v1.2.3', '1.2.3', '1.2', '1']);
    expect(plan.labels['org.opencontainers.image.created']).toBe('2026-01-02T03:04:05.000Z');
  });
  it('loads Handlebars for a date expression', () => {
    const r = cli('plan', '--ref', 'refs/heads/main', '--tags', "type=raw,value={{date 'YYYY'}}", '--now', '2026-01-02T03:04:05Z', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).tags).toEqual([{ tag: '2026', rule: "type=raw,value={{date 'YYYY'}}" }]);
  });
  it('prints a table and fails clearly on a bad value', () => {
    expect(cli('plan', '--ref', 'refs/heads/main', '--images', 'ghcr.io/acme/app').stdout).toContain('| Registry | Reference | Rule |');
    const bad = cli('plan', '--ref', 'refs/heads/main', '--images', 'ghcr.io/acme/app', '--tags', 'type=raw,value=.x');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^aim-build: Invalid tags \(line 1\) 'type=raw,value=.x'/);
  });
  it('loads the pattern engine for a match rule (lazy chunk)', () => {
    const r = cli('plan', '--ref', 'refs/tags/v12.3', '--tags', 'type=match,pattern=v(\\d+),group=1', '--format', 'outputs');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)['tag-names']).toBe('12\nlatest');
  });
  it('--compat metadata-action: default rules, no --ref needed; an unknown --format or --compat is refused', () => {
    const r = cli('plan', '--ref', 'refs/heads/main', '--images', 'ghcr.io/acme/app', '--compat', 'metadata-action', '--format', 'outputs');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).tags).toBe('ghcr.io/acme/app:main');
    const none = cli('plan', '--images', 'ghcr.io/acme/app', '--compat', 'metadata-action', '--format', 'outputs');
    expect(none.status).toBe(0);
    expect(JSON.parse(none.stdout).tags).toBe('');
    expect(none.stderr).toContain('warning: No event context');
    const format = cli('plan', '--ref', 'refs/heads/main', '--format', 'yaml');
    expect(format.status).toBe(1);
    expect(format.stderr).toBe("aim-build: Invalid --format 'yaml': expected one of table, json, outputs\n");
    expect(cli('plan', '--ref', 'refs/heads/main', '--compat', 'x').stderr).toContain("Invalid --compat 'x': expected one of aim, metadata-action");
  });
});
