/** The builder's environment is an allow-list: our own secret inputs never reach buildah/buildx/docker. */
import { describe, expect, it } from '@jest/globals';
import { builderEnvAllowed, builderEnvironment } from '../../../src/core/build/builder-env.js';

describe('builderEnvironment', () => {
  const source = {
    PATH: '/usr/bin',
    HOME: '/home/runner',
    'INPUT_PASSWORD': 'pw-canary',
    'INPUT_REGISTRY-AUTH': 'r=u:pw-canary',
    'INPUT_SECRETS': 'tok=secret-canary',
    'INPUT_GITHUB-TOKEN': 'ghs_canary',
    'INPUT_IMAGES': 'ghcr.io/acme/app',
    GITHUB_TOKEN: 'ghs_canary2',
    GITHUB_REPOSITORY: 'acme/app',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-canary',
    ACTIONS_RUNTIME_TOKEN: 'cache-token',
    ACTIONS_CACHE_URL: 'https://cache.example/',
    AWS_SECRET_ACCESS_KEY: 'aws-canary',
    DOCKER_PASSWORD: 'docker-pw-canary',
    DOCKER_CONFIG: '/home/runner/.docker',
    DOCKER_HOST: 'unix:///var/run/docker.sock',
    BUILDAH_ISOLATION: 'chroot',
    BUILDX_BUILDER: 'b1',
    BUILDKIT_PROGRESS: 'plain',
    CONTAINERS_STORAGE_CONF: '/etc/containers/storage.conf',
    REGISTRY_AUTH_FILE: '/run/auth.json',
    SOURCE_DATE_EPOCH: '0',
    https_proxy: 'http://proxy:3128',
    UNSET: undefined
  };

  it('keeps what a builder needs and drops every INPUT_*, tokens and secret-looking names', () => {
    const env = builderEnvironment(source, { AIM_BUILD_SECRET_0: 'the build secret', REGISTRY_AUTH_FILE: '/job/auth.json' });
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      ACTIONS_RUNTIME_TOKEN: 'cache-token',
      ACTIONS_CACHE_URL: 'https://cache.example/',
      DOCKER_CONFIG: '/home/runner/.docker',
      DOCKER_HOST: 'unix:///var/run/docker.sock',
      BUILDAH_ISOLATION: 'chroot',
      BUILDX_BUILDER: 'b1',
      BUILDKIT_PROGRESS: 'plain',
      CONTAINERS_STORAGE_CONF: '/etc/containers/storage.conf',
      REGISTRY_AUTH_FILE: '/job/auth.json', // the step's own value wins
      SOURCE_DATE_EPOCH: '0',
      https_proxy: 'http://proxy:3128',
      AIM_BUILD_SECRET_0: 'the build secret' // added by the step for this process: passes
    });
    expect(JSON.stringify(env)).not.toMatch(/canary/);
  });

  it.each(['INPUT_PASSWORD', 'INPUT_REGISTRY-AUTH', 'INPUT_SECRETS', 'INPUT_GITHUB-TOKEN', 'INPUT_USERNAME', 'INPUT_BUILDAH_X', 'INPUT_DOCKER_HOST', 'GITHUB_TOKEN', 'DOCKER_AUTH_CONFIG', 'BUILDKIT_SESSION_X', 'NPM_TOKEN', 'GITHUB_EVENT_PATH'])('%s is not passed', (name) => {
    expect(builderEnvAllowed(name)).toBe(false);
  });
});
