/**
 * Error advice fits the registry kind: a rejected password on Harbor or Alibaba ACR does not end
 * with GHCR advice (and GHCR's does not talk about RAM users or robot accounts). Table over the
 * four kinds × missing / rejected / denied, through the same httpError the client uses, plus a
 * REAL registry answering 401 to a preflight for a custom-domain ACR target.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { httpError, withRegistryKind } from '../../src/adapters/registry/errors.js';
import { preflight, registryClients } from '../../src/steps/build-registries.js';
import type { RegistryLogin } from '../../src/core/build/credentials.js';
import type { RegistryKind } from '../../src/core/targets.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { requireReal, toolRequirement } from '../helpers/tools.js';

const HOSTS: Record<RegistryKind, string> = {
  ghcr: 'ghcr.io',
  acr: 'registry.cn-hangzhou.aliyuncs.com',
  generic: 'harbor.example.com',
  dockerhub: 'docker.io'
};

/** words that belong to one kind's advice only */
const OWN: Record<RegistryKind, RegExp> = {
  ghcr: /packages: write|github\.actor|write:packages|GITHUB_TOKEN|github-token|Manage Actions access/,
  acr: /Alibaba|RAM user|aliyun\/acr-login|namespace/,
  generic: /Harbor|robot/,
  dockerhub: /Docker Hub|Read & Write/
};

type Problem = 'missing' | 'rejected' | 'denied';
const failure = (registry: string, problem: Problem) =>
  httpError({
    registry,
    op: 'push',
    repository: 'acme/app',
    status: problem === 'denied' ? 403 : 401,
    body: problem === 'denied' ? '{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}' : '',
    hadCredentials: problem !== 'missing',
    username: problem === 'missing' ? undefined : 'ci-user'
  });

const KINDS = Object.keys(HOSTS) as RegistryKind[];
const rows: Array<[RegistryKind, Problem, RegExp]> = [
  ['ghcr', 'missing', /^Give the job `permissions: packages: write` and keep `github-token`/],
  ['ghcr', 'rejected', /^Check the token: the username must be the GitHub user \(`\$\{\{ github\.actor \}\}`\)/],
  ['ghcr', 'denied', /^The credentials of 'ci-user' are valid but may not push to this repository\. Give the job `permissions: packages: write`/],
  ['acr', 'missing', /^Provide the Alibaba ACR login: a `registry-auth` line \(`registry\.cn-hangzhou\.aliyuncs\.com=<user>:<password>`\)/],
  ['acr', 'rejected', /^Check the Alibaba ACR login: the username is the Alibaba Cloud account or RAM user/],
  ['acr', 'denied', /^The credentials of 'ci-user' are valid but may not push to this repository\. Grant the RAM user or role push on the namespace/],
  ['generic', 'missing', /^Provide a username and password\/token for this registry: a `registry-auth` line \(`harbor\.example\.com=<user>:<password>`\)/],
  ['generic', 'rejected', /^Check the username and password\/token for this registry; for Harbor use a robot account/],
  ['generic', 'denied', /^The credentials of 'ci-user' are valid but may not push to this repository\. For Harbor use a robot account/],
  ['dockerhub', 'missing', /^Provide a Docker Hub login: `registry-auth: docker\.io=<user>:<access token>`/],
  ['dockerhub', 'rejected', /^Check the Docker Hub username and use a personal access token/],
  ['dockerhub', 'denied', /^The credentials of 'ci-user' are valid but may not push to this repository\. The access token needs Read & Write scope/]
];

describe('advice per registry kind', () => {
  it.each(rows)('%s, %s', (kind, problem, expected) => {
    const e = failure(HOSTS[kind], problem);
    expect(e.kind).toBe(problem === 'denied' ? 'denied' : 'auth');
    expect(e.fix).toMatch(expected);
    expect(e.message.endsWith(e.fix)).toBe(true);
    for (const other of KINDS.filter((k) => k !== kind)) expect(e.fix).not.toMatch(OWN[other]);
  });

  it('the kind the plan knows wins over the host name (ACR behind a custom domain, GHCR on GHES)', () => {
    const acr = withRegistryKind(failure('cr.corp.example', 'rejected'), 'acr', 'ci-user');
    expect(acr.fix).toMatch(/^Check the Alibaba ACR login/);
    expect(acr.message).toBe(`Registry cr.corp.example: credentials for user 'ci-user' were rejected when trying to push to 'acme/app' (HTTP 401). ${acr.fix}`);
    const ghes = withRegistryKind(failure('containers.github.example.com', 'denied'), 'ghcr', 'ci-user');
    expect(ghes.fix).toMatch(/^The credentials of 'ci-user' are valid but may not push to this repository\. Give the job `permissions: packages: write`/);
    // other errors are left as they are
    const notFound = httpError({ registry: 'cr.corp.example', op: 'pull', repository: 'a/b', status: 404, body: '', hadCredentials: true });
    expect(withRegistryKind(notFound, 'acr')).toBe(notFound);
  });
});

const REAL = requireReal('registry-advice', [toolRequirement('/usr/bin/docker-registry'), toolRequirement('htpasswd')]);
const real = REAL ? describe : describe.skip;

real('a real registry rejecting a password: the preflight advice fits the target kind', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ auth: { user: 'ci-user', password: 'right' } });
  }, 60_000);
  afterAll(async () => {
    await reg?.stop();
  });

  it.each([
    ['acr', /Check the Alibaba ACR login/],
    ['generic', /Check the username and password\/token for this registry; for Harbor use a robot account/]
  ] as Array<[RegistryKind, RegExp]>)('%s target', async (kind, advice) => {
    const logins: RegistryLogin[] = [{ registry: reg.host, kind, username: 'ci-user', password: 'wrong', source: 'registry-auth line 1', origin: 'registry-auth' }];
    const targets = [{ registry: reg.host, kind, repository: 'acme/app', image: `${reg.host}/acme/app` }];
    const err = await preflight(targets, logins, registryClients(logins, { backoffMs: 5 })).then(
      () => '',
      (e: Error) => e.message
    );
    expect(err).toContain(`credentials for user 'ci-user' were rejected when trying to push to 'acme/app' (HTTP 401`);
    expect(err).toMatch(advice);
    expect(err).not.toMatch(OWN.ghcr);
  });
});
