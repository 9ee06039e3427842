/** Every vector of docs/registry-naming.md §4.4 (ACR A*, non-ACR N*) and §1.4. */
import { describe, expect, it } from '@jest/globals';
import { resolveTarget, parseImagesInput, type NamingOptions } from '../../src/core/targets.js';
import { referenceFor } from '../../src/core/plan.js';
import { referenceProblem, splitImageName, tagProblem } from '../../src/core/reference.js';

const opts = (imageName: string): NamingOptions => ({ component: '', imageName, acrNamespace: 'ai-infra-matrix', acrRepository: 'ai-infra-matrix', registryType: 'auto' });

function seed(registry: string, name: string, version: string, warn: (m: string) => void = () => {}): string {
  const target = resolveTarget({ inputName: 'registry', input: registry, line: 1, name: registry }, opts(name), warn);
  return referenceFor(target, version);
}

const ACR = 'registry.cn-hangzhou.aliyuncs.com';
const ok: Array<[string, string, string, string, string]> = [
  ['A1', ACR, 'ai-infra-backend', 'v1.2.3', `${ACR}/ai-infra-matrix/ai-infra-matrix:backend-v1.2.3`],
  ['A2', `${ACR}/`, 'ai-infra-backend', 'v1.2.3', `${ACR}/ai-infra-matrix/ai-infra-matrix:backend-v1.2.3`],
  ['A3', `https://${ACR}/`, 'ai-infra-backend', 'v1.2.3', `${ACR}/ai-infra-matrix/ai-infra-matrix:backend-v1.2.3`],
  ['A4', `${ACR}/myteam`, 'ai-infra-backend', 'v1.2.3', `${ACR}/myteam/ai-infra-matrix:backend-v1.2.3`],
  ['A5', `${ACR}/myteam`, 'nginx-gateway', 'v1.2.3', `${ACR}/myteam/nginx-gateway:v1.2.3`],
  ['A6', ACR, 'redis', '7-alpine', `${ACR}/ai-infra-matrix/redis:7-alpine`],
  ['A7', 'registry-vpc.cn-hangzhou.aliyuncs.com', 'ai-infra-frontend', 'v2.0.0', 'registry-vpc.cn-hangzhou.aliyuncs.com/ai-infra-matrix/ai-infra-matrix:frontend-v2.0.0'],
  ['A8', 'registry-intl.ap-southeast-1.aliyuncs.com/acme', 'ai-infra-slurm-master', 'v1.0.0', 'registry-intl.ap-southeast-1.aliyuncs.com/acme/ai-infra-matrix:slurm-master-v1.0.0'],
  ['A9', 'myinst-registry.cn-shanghai.cr.aliyuncs.com', 'ai-infra-backend', 'v1.2.3', 'myinst-registry.cn-shanghai.cr.aliyuncs.com/ai-infra-matrix/ai-infra-matrix:backend-v1.2.3'],
  ['A10', 'myinst-registry-vpc.cn-shanghai.cr.aliyuncs.com/prod', 'ai-infra-backend', 'v1.2.3', 'myinst-registry-vpc.cn-shanghai.cr.aliyuncs.com/prod/ai-infra-matrix:backend-v1.2.3'],
  ['A11', 'crpi-abc123xyz.cn-hangzhou.personal.cr.aliyuncs.com/ns1', 'ai-infra-backend', 'v1.2.3', 'crpi-abc123xyz.cn-hangzhou.personal.cr.aliyuncs.com/ns1/ai-infra-matrix:backend-v1.2.3'],
  ['A12', `${ACR}:443`, 'ai-infra-backend', 'v1.2.3', `${ACR}:443/ai-infra-matrix/ai-infra-matrix:backend-v1.2.3`],
  ['A13', 'REGISTRY.CN-HANGZHOU.ALIYUNCS.COM/MyTeam', 'AI-Infra-Backend', 'v1.2.3', `${ACR}/myteam/ai-infra-matrix:backend-v1.2.3`],
  ['A16', `harbor.example.com/${ACR}`, 'ai-infra-backend', 'v1.2.3', `harbor.example.com/${ACR}/ai-infra-backend:v1.2.3`],
  ['A17', `${ACR}.evil.example`, 'ai-infra-backend', 'v1.2.3', `${ACR}.evil.example/ai-infra-backend:v1.2.3`],
  ['A18', 'myaliyuncs.com', 'ai-infra-backend', 'v1.2.3', 'myaliyuncs.com/ai-infra-backend:v1.2.3'],
  ['A20', ACR, 'ai-infra-matrix', 'v1.2.3', `${ACR}/ai-infra-matrix/ai-infra-matrix:matrix-v1.2.3`],
  ['A21', ACR, 'ai-infrastructure', 'v1.2.3', `${ACR}/ai-infra-matrix/ai-infrastructure:v1.2.3`],
  ['A23', ACR, 'ai-infra-backend', 'v1.2.3-build.5', `${ACR}/ai-infra-matrix/ai-infra-matrix:backend-v1.2.3-build.5`],
  ['A24', ACR, 'ai-infra-backend', '1.2.3-rc.1-sha.abc', `${ACR}/ai-infra-matrix/ai-infra-matrix:backend-1.2.3-rc.1-sha.abc`],
  ['A25', ACR, 'ai-infra-backend', 'latest', `${ACR}/ai-infra-matrix/ai-infra-matrix:backend-latest`],
  ['A26', ACR, 'ai-infra-backend', 'feature-x', `${ACR}/ai-infra-matrix/ai-infra-matrix:backend-feature-x`],
  ['A28', ACR, 'ai-infra-backend', '1.' + '0'.repeat(118), `${ACR}/ai-infra-matrix/ai-infra-matrix:backend-1.${'0'.repeat(118)}`],
  ['N1', 'ghcr.io/MyOrg', 'ai-infra-backend', 'v1.2.3', 'ghcr.io/myorg/ai-infra-backend:v1.2.3'],
  ['N2', 'ghcr.io/myorg/', 'ai-infra-backend', 'v1.2.3-build.5', 'ghcr.io/myorg/ai-infra-backend:v1.2.3-build.5'],
  ['N3', 'harbor.local/aihpc', 'ai-infra-backend', 'v1.2.3', 'harbor.local/aihpc/ai-infra-backend:v1.2.3'],
  ['N4', 'localhost:5000', 'ai-infra-backend', 'v1.2.3', 'localhost:5000/ai-infra-backend:v1.2.3'],
  ['N5', 'docker.io/myuser', 'ai-infra-backend', 'v1.2.3', 'docker.io/myuser/ai-infra-backend:v1.2.3'],
  ['N6', 'myregistry.azurecr.io', 'ai-infra-backend', 'v1.2.3', 'myregistry.azurecr.io/ai-infra-backend:v1.2.3'],
  ['N7', 'cr.example.com/team', 'ai-infra-backend', 'v1.2.3', 'cr.example.com/team/ai-infra-backend:v1.2.3'],
  ['N9', 'ghcr.io/myorg', 'redis', '1.' + '0'.repeat(126), `ghcr.io/myorg/redis:1.${'0'.repeat(126)}`]
];

const errors: Array<[string, string, string, string, RegExp]> = [
  ['A14', `${ACR}/team/sub`, 'ai-infra-backend', 'v1.2.3', /Invalid registry \(line 1\) '.*team\/sub': nested namespaces are not supported on Alibaba ACR/],
  ['A15', `${ACR}//team`, 'ai-infra-backend', 'v1.2.3', /empty path segment/],
  ['A19', ACR, 'ai-infra-', 'v1.2.3', /Invalid image-name 'ai-infra-': 'ai-infra-' has an empty component/],
  ['A22', ACR, 'ai-infra--x', 'v1.2.3', /Invalid component '-x': the ACR tag '-x-v1.2.3' .* cannot start with '-'/],
  ['A27', ACR, 'ai-infra-backend', '', /Invalid component 'backend': the ACR tag 'backend-' .*|a tag cannot be empty/],
  ['A29', ACR, 'ai-infra-backend', '1.' + '0'.repeat(119), /at most 128 characters; this one has 129/],
  ['N8', 'ghcr.io/myorg', 'redis', '.1', /a tag cannot start with '\.'/],
  ['N10', 'ghcr.io/myorg', 'redis', '1.' + '0'.repeat(127), /at most 128 characters; this one has 129/],
  ['N11', '', 'ai-infra-backend', 'v1', /the registry is empty/]
];

describe('registry-naming.md §4.4 vectors (registry + image name + version)', () => {
  it.each(ok)('%s: %s + %s + %s', (_id, registry, name, version, expected) => {
    expect(seed(registry, name, version)).toBe(expected);
  });
  it.each(errors)('%s: %s + %s + %s fails with a clear error', (_id, registry, name, version, message) => {
    expect(() => seed(registry, name, version)).toThrow(message);
  });
  it('A13 warns that uppercase was lowercased', () => {
    const warnings: string[] = [];
    seed('REGISTRY.CN-HANGZHOU.ALIYUNCS.COM/MyTeam', 'ai-infra-backend', 'v1', (m) => warnings.push(m));
    expect(warnings).toEqual([expect.stringMatching(/must be lowercase, using 'registry.cn-hangzhou.aliyuncs.com\/myteam'/)]);
  });
  it('the OpenAPI endpoint cr.<region>.aliyuncs.com is ACR but warned about', () => {
    const warnings: string[] = [];
    seed('cr.cn-hangzhou.aliyuncs.com', 'ai-infra-backend', 'v1', (m) => warnings.push(m));
    expect(warnings[0]).toMatch(/OpenAPI endpoint, not a registry/);
  });
  it('a PE namespace longer than 30 characters is warned about', () => {
    const warnings: string[] = [];
    seed(`${ACR}/${'n'.repeat(31)}`, 'ai-infra-backend', 'v1', (m) => warnings.push(m));
    expect(warnings[0]).toMatch(/Personal Edition namespaces are 2–30 characters/);
  });
});

describe('images: lines (metadata-action style) with registry awareness', () => {
  const target = (line: string, extra: Partial<NamingOptions> = {}) => {
    const [spec] = parseImagesInput([line]);
    return resolveTarget(spec, { ...opts(''), ...extra }, () => {});
  };
  it('GHCR lower-cases the owner', () => {
    expect(target('ghcr.io/Acme/backend')).toMatchObject({ image: 'ghcr.io/acme/backend', kind: 'ghcr', tagPrefix: '' });
  });
  it('an ACR namespace with a component goes to the unified repository', () => {
    expect(target(`${ACR}/acme`, { component: 'backend' })).toMatchObject({ image: `${ACR}/acme/ai-infra-matrix`, tagPrefix: 'backend-', kind: 'acr' });
  });
  it('an explicit ACR repository is used as written; no prefix unless it is the unified repository', () => {
    expect(target(`${ACR}/acme/web`, { component: 'backend' })).toMatchObject({ image: `${ACR}/acme/web`, tagPrefix: '' });
    expect(target(`${ACR}/acme/ai-infra-matrix`, { component: 'backend' })).toMatchObject({ tagPrefix: 'backend-' });
  });
  it('the unified repository and namespace are inputs', () => {
    expect(target(ACR, { component: 'web', acrNamespace: 'team', acrRepository: 'mono' })).toMatchObject({ image: `${ACR}/team/mono`, tagPrefix: 'web-' });
  });
  it('a custom domain bound to ACR takes registry-type=acr (N7 with override)', () => {
    expect(target('cr.example.com/team,registry-type=acr', { component: 'backend' })).toMatchObject({ image: 'cr.example.com/team/ai-infra-matrix', tagPrefix: 'backend-' });
  });
  it('Azure ACR is never taken for Alibaba ACR', () => {
    expect(target('myregistry.azurecr.io/app', { component: 'backend' })).toMatchObject({ kind: 'generic', tagPrefix: '' });
  });
  it('Docker Hub short names keep their familiar form', () => {
    expect(target('user/app')).toMatchObject({ image: 'user/app', registry: 'docker.io', kind: 'dockerhub' });
  });
  it('enable=false drops the line; unknown attributes are errors', () => {
    expect(parseImagesInput(['ghcr.io/a/b,enable=false'])).toEqual([]);
    expect(() => parseImagesInput(['ghcr.io/a/b,push=true'])).toThrow(/Invalid images \(line 1\) 'ghcr.io\/a\/b,push=true': unknown attribute 'push'/);
  });
  it('a bare registry as an image is an error with the fix', () => {
    expect(() => target('harbor.local')).toThrow(/is a registry, not an image; write the full image/);
  });
  it('an ACR host without component or image name says what to add', () => {
    expect(() => target(ACR)).toThrow(/needs a `component`/);
  });
});

describe('reference grammar (registry-naming.md §1.4)', () => {
  it.each([
    ['redis', 'docker.io', 'redis'],
    ['localhost/foo', 'localhost', 'foo'],
    ['myhost:5000/foo', 'myhost:5000', 'foo'],
    ['[::1]:5000/foo', '[::1]:5000', 'foo'],
    // an uppercase first part is not a host (issue: --images Acme/app): a Docker Hub path
    ['Foo/bar', 'docker.io', 'Foo/bar'],
    ['bitnami/redis', 'docker.io', 'bitnami/redis']
  ])('%s splits into %s + %s', (name, domain, path) => {
    expect(splitImageName(name)).toMatchObject({ domain, path });
  });
  it.each([
    ['ghcr.io/o/app', '1.2.3+build', /cannot contain '\+'/],
    ['ghcr.io/o/app', '-x', /cannot start with '-'/],
    ['ghcr.io/o/app', '.x', /cannot start with '\.'/],
    ['ghcr.io/o/app-', 'v1', /must start and end with a letter or digit/],
    ['ghcr.io/o/a..b', 'v1', /must start and end|joined by/],
    ['foo/Bar', 'v1', /repository name must be lowercase/],
    ['ghcr.io/o/' + 'a'.repeat(250), 'v1', /keep host\/path within 255/],
    ['ghcr.io/o/app', 'ä', /may only contain/]
  ])('%s:%s is rejected', (name, tag, message) => {
    expect(referenceProblem(name, tag)).toMatch(message);
  });
  it.each([['ghcr.io/o/a__b'], ['ghcr.io/o/a---b'], ['localhost:5000/x']])('%s is valid', (name) => {
    expect(referenceProblem(name, 'v1')).toBeUndefined();
  });
  it('JS \\w pitfalls: U+017F and U+212A are not tag characters', () => {
    expect(tagProblem('\u017f')).toBeDefined();
    expect(tagProblem('\u212a')).toBeDefined();
  });
});
