/** The build inputs through the real runner protocol (INPUT_* env), and action.yml in step with what is read. */
import { afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { useRunnerIO } from '../../src/adapters/github/runner.js';
import { BUILD_INPUT_NAMES, readBuildInputs } from '../../src/adapters/github/inputs-build.js';
import { NETWORK_INPUT_NAMES } from '../../src/steps/build-network.js';
import { PLAN_INPUT_NAMES } from '../../src/adapters/github/inputs.js';
import { SCAN_INPUT_NAMES } from '../../src/adapters/github/inputs-scan.js';
import { DEPLOY_FILES_INPUT_NAMES } from '../../src/steps/deploy-files.js';
import { SMOKE_INPUT_NAMES } from '../../src/core/smoke.js';

function withInputs(inputs: Record<string, string>): string[] {
  const log: string[] = [];
  useRunnerIO(Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])), (t) => void log.push(t));
  return log;
}

describe('build inputs', () => {
  afterEach(() => useRunnerIO(process.env, (t) => void process.stdout.write(t)));

  it('defaults: both platforms, push/builder/cache auto, context .', () => {
    withInputs({});
    expect(readBuildInputs()).toMatchObject({ platforms: ['linux/amd64', 'linux/arm64'], push: 'auto', pushByDigest: false, builder: 'auto', cache: 'auto', context: '.', noCache: false, pull: false, secrets: [], registryAuth: [] });
  });

  it('reads every input, and masks passwords, tokens and secret values before anything else happens', () => {
    const log = withInputs({
      platforms: 'linux/arm64\nlinux/amd64',
      push: 'true',
      builder: 'buildah',
      'build-args': 'A=1',
      secrets: 'npmrc=tok-CANARY-1\nkey=tok-CANARY-2',
      'secret-files': 'cert=/tmp/cert.pem',
      'registry-auth': 'harbor.example.com=robot$ci:pw-CANARY-3',
      username: 'acr-user',
      password: 'pw-CANARY-4',
      'github-token': 'ghs_CANARY-5',
      cache: 'registry',
      'cache-ref': 'ghcr.io/acme/cache',
      'no-cache': 'true',
      'cache-from': 'type=gha\n# comment'
    });
    const inputs = readBuildInputs();
    expect(inputs).toMatchObject({
      platforms: ['linux/arm64', 'linux/amd64'],
      push: 'true',
      builder: 'buildah',
      buildArgs: [['A', '1']],
      secrets: [
        { id: 'npmrc', kind: 'value', value: 'tok-CANARY-1' },
        { id: 'key', kind: 'value', value: 'tok-CANARY-2' },
        { id: 'cert', kind: 'file', path: '/tmp/cert.pem' }
      ],
      registryAuth: [{ registry: 'harbor.example.com', username: 'robot$ci', password: 'pw-CANARY-3', line: 1 }],
      cache: 'registry',
      cacheRef: 'ghcr.io/acme/cache',
      cacheFrom: ['type=gha'],
      noCache: true
    });
    const masked = log.join('').split('\n').filter((l) => l.startsWith('::add-mask::')).map((l) => l.slice('::add-mask::'.length));
    for (const v of ['tok-CANARY-1', 'tok-CANARY-2', 'pw-CANARY-3', 'pw-CANARY-4', 'ghs_CANARY-5']) expect(masked).toContain(v);
    expect(log.join('').replace(/^::add-mask::.*$/gm, '')).not.toMatch(/CANARY/);
  });

  it('bad values name the input; a bad secret line never echoes its value', () => {
    withInputs({ push: 'maybe' });
    expect(() => readBuildInputs()).toThrow("Invalid push 'maybe': expected one of auto, true, false");
    withInputs({ 'push-by-digest': 'yes' });
    expect(() => readBuildInputs()).toThrow("Invalid push-by-digest 'yes': expected true or false");
    withInputs({ 'push-by-digest': 'TRUE', platforms: 'linux/arm64' });
    expect(readBuildInputs()).toMatchObject({ pushByDigest: true, platforms: ['linux/arm64'] });
    withInputs({ builder: 'kaniko' });
    expect(() => readBuildInputs()).toThrow("Invalid builder 'kaniko': expected one of auto, buildx, buildah, docker");
    withInputs({ secrets: 'no-equals-CANARY' });
    expect(() => readBuildInputs()).toThrow("Invalid secrets (line 1) '***'");
  });
});

describe('action.yml', () => {
  const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { default?: string }>; outputs: Record<string, unknown>; runs: Record<string, string> };

  it('declares every input the plan and build steps read, and nothing that no step reads', () => {
    const names = Object.keys(action.inputs);
    expect(names).toEqual(expect.arrayContaining([...PLAN_INPUT_NAMES, ...BUILD_INPUT_NAMES]));
    expect(names).toEqual(expect.arrayContaining(NETWORK_INPUT_NAMES));
    const read = new Set([...PLAN_INPUT_NAMES, ...BUILD_INPUT_NAMES, ...SCAN_INPUT_NAMES, ...NETWORK_INPUT_NAMES, ...DEPLOY_FILES_INPUT_NAMES, ...SMOKE_INPUT_NAMES]);
    expect(names.filter((n) => !read.has(n))).toEqual([]);
  });

  it('defaults match the code, the build outputs exist, and the post step always runs the same bundle', () => {
    expect(action.inputs.platforms.default).toBe('linux/amd64,linux/arm64');
    for (const [name, def] of [['push', 'auto'], ['push-by-digest', 'false'], ['builder', 'auto'], ['cache', 'auto'], ['context', '.'], ['no-cache', 'false'], ['pull', 'false']]) expect([name, action.inputs[name].default]).toEqual([name, def]);
    expect(Object.keys(action.outputs)).toEqual(expect.arrayContaining(['digest', 'platform-digests', 'imageid', 'metadata', 'pushed']));
    expect(action.runs).toMatchObject({ main: 'dist/main/index.js', post: 'dist/main/index.js', 'post-if': 'always()' });
  });
});
