/** Credentials per registry: the precedence table, look-alike GHCR hosts, stored logins as data. */
import { describe, expect, it } from '@jest/globals';
import { registriesForStoredLogins, resolveLogins, type StoredLogin } from '../../../src/core/build/credentials.js';
import { parseRegistryAuth } from '../../../src/core/build/inputs.js';
import { detectKind, githubHostOf, isGhcrHost } from '../../../src/core/targets.js';
import type { RegistryKind } from '../../../src/core/targets.js';
import { DEFAULT_BUILD_INPUTS, smallTagPlan } from '../../helpers/build.js';

type Inputs = Pick<typeof DEFAULT_BUILD_INPUTS, 'registryAuth' | 'githubToken' | 'username' | 'password'>;
const NONE: Inputs = { registryAuth: [], githubToken: '', username: '', password: '' };
const stored = (registry: string, username = 'stored-user'): StoredLogin => ({
  registry,
  username,
  password: 'stored-pw',
  source: `docker config /home/runner/.docker/config.json (auths["${registry}"])`,
  fix: 'log in again'
});

/** one target per registry; `kind` as the plan would detect it */
const t = (registry: string, kind: RegistryKind): { registry: string; kind: RegistryKind } => ({ registry, kind });

describe('precedence: registry-auth → username/password → stored login → github-token (GHCR only) → anonymous', () => {
  const H = 'harbor.example.com';
  const G = 'ghcr.io';
  // [case, targets, inputs, stored logins, expected [registry, source] per registry]
  const rows: Array<[string, Array<{ registry: string; kind: RegistryKind }>, Partial<Inputs>, StoredLogin[], Array<[string, string]>]> = [
    ['registry-auth beats everything', [t(H, 'generic')], { registryAuth: parseRegistryAuth([`${H}=robot:ra`]), username: 'u', password: 'p' }, [stored(H)], [[H, 'registry-auth line 1']]],
    ['username/password beat a stored login', [t(H, 'generic')], { username: 'u', password: 'p' }, [stored(H)], [[H, 'username/password inputs']]],
    ['a stored login when our inputs say nothing', [t(H, 'generic')], {}, [stored(H)], [[H, `docker config /home/runner/.docker/config.json (auths["${H}"])`]]],
    ['nothing: anonymous', [t(H, 'generic')], { githubToken: 'ghs_x' }, [], []],
    ['GHCR: registry-auth beats github-token', [t(G, 'ghcr')], { registryAuth: parseRegistryAuth([`${G}=me:pat`]), githubToken: 'ghs_x' }, [], [[G, 'registry-auth line 1']]],
    ['GHCR only: explicit username/password beat github-token', [t(G, 'ghcr')], { username: 'me', password: 'pat', githubToken: 'ghs_x' }, [], [[G, 'username/password inputs']]],
    ['GHCR: a stored login beats github-token', [t(G, 'ghcr')], { githubToken: 'ghs_x' }, [stored(G)], [[G, `docker config /home/runner/.docker/config.json (auths["${G}"])`]]],
    ['GHCR: github-token last', [t(G, 'ghcr')], { githubToken: 'ghs_x' }, [], [[G, 'github-token']]],
    [
      'GHCR + ACR: username/password are the ACR password and never go to GitHub',
      [t(G, 'ghcr'), t('registry.cn-hangzhou.aliyuncs.com', 'acr')],
      { username: 'acr-user', password: 'acr-pw', githubToken: 'ghs_x' },
      [],
      [[G, 'github-token'], ['registry.cn-hangzhou.aliyuncs.com', 'username/password inputs']]
    ],
    [
      'a stored login is only used for its own registry',
      [t(H, 'generic'), t('other.example.com', 'generic')],
      {},
      [stored(H)],
      [[H, `docker config /home/runner/.docker/config.json (auths["${H}"])`]]
    ]
  ];
  it.each(rows)('%s', (_name, targets, inputs, found, expected) => {
    const logins = resolveLogins(targets, { ...NONE, ...inputs }, 'octocat', found);
    expect(logins.map((l) => [l.registry, l.source])).toEqual(expected);
    for (const l of logins) {
      if (l.origin === 'github-token') expect([l.username, l.password]).toEqual(['octocat', 'ghs_x']);
      if (l.origin === 'stored') expect([l.username, l.password, l.fix]).toEqual(['stored-user', 'stored-pw', 'log in again']);
    }
  });

  it('stored logins are looked up only for registries our inputs leave open', () => {
    const targets = [t(G, 'ghcr'), t(H, 'generic'), t('acr.example.com', 'acr'), t(H, 'generic')];
    expect(registriesForStoredLogins(targets, { ...NONE, githubToken: 'ghs_x' })).toEqual([G, H, 'acr.example.com']);
    expect(registriesForStoredLogins(targets, { ...NONE, registryAuth: parseRegistryAuth([`${H}=a:b`]), username: 'u', password: 'p' })).toEqual([G]);
    expect(registriesForStoredLogins([t(G, 'ghcr')], { ...NONE, username: 'u', password: 'p' })).toEqual([]);
  });
});

describe('GHCR is ghcr.io and containers.<GHES host> only (issue: the token went to look-alike hosts)', () => {
  it.each([
    ['ghcr.io', '', true],
    ['ghcr.io:443', 'github.com', true],
    ['containers.github.example.com', 'github.example.com', true],
    ['containers.acme.ghe.com', 'acme.ghe.com', true],
    ['containers.example.com', '', false],
    ['containers.example.com', 'github.com', false],
    ['containers.evil.example', 'github.example.com', false],
    ['containers.github.com', 'github.com', false],
    ['ghcr.io.evil.example', '', false],
    ['containers.github.example.com.evil.example', 'github.example.com', false]
  ])('%s with server host %p → %p', (host, server, ghcr) => {
    expect(isGhcrHost(host, server)).toBe(ghcr);
    expect(detectKind(host, 'auto', server)).toBe(ghcr ? 'ghcr' : 'generic');
  });

  it('GITHUB_SERVER_URL → host', () => {
    expect(githubHostOf('https://github.example.com')).toBe('github.example.com');
    expect(githubHostOf('https://GitHub.Example.com:8443/')).toBe('github.example.com:8443');
    expect(githubHostOf(undefined)).toBe('');
    expect(githubHostOf('not a url')).toBe('');
  });

  it('through the tag plan: a containers.* look-alike gets username/password, never github-token', () => {
    const plan = smallTagPlan(['containers.example.com/acme/app', 'ghcr.io/acme/app']);
    expect(plan.targets.map((x) => x.kind)).toEqual(['generic', 'ghcr']);
    const logins = resolveLogins(plan.targets, { ...NONE, githubToken: 'ghs_SECRET', username: 'u', password: 'p' }, 'octocat');
    expect(logins.map((l) => [l.registry, l.source])).toEqual([
      ['containers.example.com', 'username/password inputs'],
      ['ghcr.io', 'github-token']
    ]);
    // and without username/password the look-alike is anonymous: the token is not sent
    const anon = resolveLogins(plan.targets, { ...NONE, githubToken: 'ghs_SECRET' }, 'octocat');
    expect(anon.filter((l) => l.password === 'ghs_SECRET').map((l) => l.registry)).toEqual(['ghcr.io']);
  });

  it('on GitHub Enterprise Server the plan takes containers.<server host> as GHCR', async () => {
    const { planTags } = await import('../../../src/core/plan.js');
    const { DEFAULT_PLAN_INPUTS } = await import('../../../src/core/plan.js');
    const ctx = { eventName: 'push', ref: 'refs/heads/main', sha: 'a'.repeat(40), repository: 'acme/app', payload: {}, repo: { defaultBranch: 'main' }, serverUrl: 'https://github.example.com' };
    const plan = planTags({ ...DEFAULT_PLAN_INPUTS, images: ['containers.github.example.com/acme/app', 'containers.example.com/acme/app'] }, { ctx, options: { shortShaLength: 7, prHeadSha: false, annotationLevels: ['manifest'] }, now: new Date('2026-01-01T00:00:00Z') });
    expect(plan.targets.map((x) => [x.registry, x.kind])).toEqual([
      ['containers.github.example.com', 'ghcr'],
      ['containers.example.com', 'generic']
    ]);
  });
});
