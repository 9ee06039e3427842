/**
 * Golden argv tables for `docker buildx build`, driven by RECORDED buildx outputs from
 * __tests__/fixtures/recorded/buildx (version lines and a --metadata-file). The buildx binary is not run
 * here: this machine has no buildx, and the argv builder is pure by design.
 */
import { describe, expect, it } from '@jest/globals';
import { buildxArgs, secretMounts } from '../../../src/core/build/argv.js';
import { buildxCaps, parseBuildxInspect, parseBuildxVersion, type BuildxCaps } from '../../../src/core/build/builder.js';
import { parseBuildxMetadata, imageId } from '../../../src/core/build/result.js';
import { InputError } from '../../../src/core/errors.js';
import type { BuildInputs, BuildIO } from '../../../src/core/build/types.js';
import { buildPlanFor, recordedFixture, recordedVersionLines, smallTagPlan } from '../../helpers/build.js';

const LINES = recordedVersionLines();
const [V0112, V081, V042, V041, V041AZ, DEV] = LINES;
const IO: BuildIO = { outputTar: '/w/image.oci.tar', metadataFile: '/w/meta.json', localName: '', secrets: [] };
const caps = (line: string, builder?: string, tool: 'docker' | 'buildx' = 'docker'): BuildxCaps => buildxCaps(parseBuildxVersion(line), tool, builder);

const BASE = ['--platform', 'linux/amd64,linux/arm64', '--build-arg', 'VERSION=v1.2.3', '--label', 'org.opencontainers.image.version=v1.2.3'];
const TAIL = ['--metadata-file', '/w/meta.json', '--output', 'type=oci,dest=/w/image.oci.tar', '.'];
const ANNOTATION = ['--annotation', 'manifest:org.opencontainers.image.version=v1.2.3'];

describe('recorded buildx output (buildx binary not run here): `buildx version` parsing and capabilities', () => {
  type Flags = Pick<BuildxCaps, 'metadataFile' | 'buildContexts' | 'secretEnv' | 'attestations' | 'annotations'>;
  const table: Array<[string, string | undefined, string, Flags]> = [
    [V0112, '0.11.2', 'v0.11.2', { metadataFile: true, buildContexts: true, secretEnv: true, attestations: true, annotations: false }],
    [V081, '0.8.1', 'v0.8.1', { metadataFile: true, buildContexts: true, secretEnv: true, attestations: false, annotations: false }],
    [V042, '0.4.2', 'v0.4.2', { metadataFile: false, buildContexts: false, secretEnv: false, attestations: false, annotations: false }],
    [V041, '0.4.1', 'v0.4.1', { metadataFile: false, buildContexts: false, secretEnv: false, attestations: false, annotations: false }],
    [V041AZ, '0.4.1', '0.4.1+azure', { metadataFile: false, buildContexts: false, secretEnv: false, attestations: false, annotations: false }],
    // a dev build prints a commit instead of a version: assumed current, every flag available
    [DEV, undefined, 'f117971', { metadataFile: true, buildContexts: true, secretEnv: true, attestations: true, annotations: true }]
  ];
  it.each(table.map(([line, ...rest]) => [line.trim(), line, ...rest] as const))('%s', (_name, line, version, raw, flags) => {
    const v = parseBuildxVersion(line);
    expect(v).toEqual({ version, raw });
    expect(buildxCaps(v)).toEqual({ version: raw, tool: 'docker', builder: undefined, ...flags });
  });

  it('rejects output that is not a version line', () => {
    expect(() => parseBuildxVersion('')).toThrow(/unexpected `buildx version` output: \(empty\)/);
  });
});

type Row = [string, string, Partial<BuildInputs>, { io?: Partial<BuildIO>; builder?: string; tool?: 'docker' | 'buildx'; images?: string[]; gha?: boolean; push?: boolean }, string[], Record<string, string>, string[]];

const rows: Row[] = [
  ['defaults, v0.11.2: annotations need 0.12', V0112, {}, {}, ['buildx', 'build', ...BASE, ...TAIL], {}, ['annotations need buildx >= 0.12.0 (found v0.11.2); they are not set (labels are)']],
  ['dev build: annotations set', DEV, {}, {}, ['buildx', 'build', ...BASE, ...ANNOTATION, ...TAIL], {}, []],
  ['standalone buildx binary, existing builder', V0112, {}, { builder: 'ci-builder', tool: 'buildx' }, ['build', '--builder', 'ci-builder', ...BASE, ...TAIL], {}, ['annotations need buildx >= 0.12.0 (found v0.11.2); they are not set (labels are)']],
  [
    'file, target, build args (VERSION kept first), no-cache, pull',
    DEV,
    { file: 'docker/app.Dockerfile', target: 'runtime', buildArgs: [['GO_VERSION', '1.23'], ['EMPTY', '']], noCache: true, pull: true, context: 'services/app' },
    {},
    ['buildx', 'build', '--platform', 'linux/amd64,linux/arm64', '--file', 'docker/app.Dockerfile', '--target', 'runtime', '--build-arg', 'VERSION=v1.2.3', '--build-arg', 'GO_VERSION=1.23', '--build-arg', 'EMPTY=', '--label', 'org.opencontainers.image.version=v1.2.3', ...ANNOTATION, '--no-cache', '--pull', '--metadata-file', '/w/meta.json', '--output', 'type=oci,dest=/w/image.oci.tar', 'services/app'],
    {},
    []
  ],
  ['user VERSION wins over the plan version', DEV, { buildArgs: [['VERSION', '9.9.9']] }, {}, ['buildx', 'build', '--platform', 'linux/amd64,linux/arm64', '--build-arg', 'VERSION=9.9.9', '--label', 'org.opencontainers.image.version=v1.2.3', ...ANNOTATION, ...TAIL], {}, []],
  ['one platform', DEV, { platforms: ['linux/arm64'] }, {}, ['buildx', 'build', '--platform', 'linux/arm64', ...BASE.slice(2), ...ANNOTATION, ...TAIL], {}, []],
  [
    'secrets via child env (buildx >= 0.8) and a user file',
    V081,
    { secrets: [{ id: 'npmrc', kind: 'value', value: 'CANARY' }, { id: 'key', kind: 'file', path: '/home/runner/key.pem' }] },
    { io: { secrets: [{ id: 'npmrc', env: 'AIM_BUILD_SECRET_0' }, { id: 'key', src: '/home/runner/key.pem' }] } },
    ['buildx', 'build', ...BASE, '--secret', 'id=npmrc,env=AIM_BUILD_SECRET_0', '--secret', 'id=key,src=/home/runner/key.pem', ...TAIL],
    {},
    ['annotations need buildx >= 0.12.0 (found v0.8.1); they are not set (labels are)']
  ],
  [
    'build contexts (>= 0.8)',
    V081,
    { buildContexts: [['base', 'docker-image://alpine:3.20'], ['src', '../common']] },
    {},
    ['buildx', 'build', ...BASE, '--build-context', 'base=docker-image://alpine:3.20', '--build-context', 'src=../common', ...TAIL],
    {},
    ['annotations need buildx >= 0.12.0 (found v0.8.1); they are not set (labels are)']
  ],
  [
    'provenance and sbom (>= 0.10)',
    DEV,
    { provenance: 'mode=max', sbom: 'true' },
    {},
    ['buildx', 'build', ...BASE, ...ANNOTATION, '--provenance=mode=max', '--sbom=true', ...TAIL],
    {},
    []
  ],
  [
    'provenance on v0.8.1 is ignored with a warning',
    V081,
    { provenance: 'false' },
    {},
    ['buildx', 'build', ...BASE, ...TAIL],
    {},
    ['annotations need buildx >= 0.12.0 (found v0.8.1); they are not set (labels are)', 'provenance needs buildx >= 0.10.0 (found v0.8.1); the input is ignored']
  ],
  [
    'v0.4.2: no --metadata-file before 0.6',
    V042,
    {},
    {},
    ['buildx', 'build', ...BASE, '--output', 'type=oci,dest=/w/image.oci.tar', '.'],
    {},
    ['annotations need buildx >= 0.12.0 (found v0.4.2); they are not set (labels are)']
  ],
  [
    'gha cache on GitHub runners: own scope, then the default branch',
    DEV,
    {},
    { gha: true },
    ['buildx', 'build', ...BASE, ...ANNOTATION, '--cache-from', 'type=gha,scope=app-tag-v1.2.3-linux-amd64_linux-arm64', '--cache-from', 'type=gha,scope=app-main-linux-amd64_linux-arm64', '--cache-to', 'type=gha,scope=app-tag-v1.2.3-linux-amd64_linux-arm64,mode=max,ignore-error=true', ...TAIL],
    {},
    []
  ],
  [
    'registry cache next to the first image',
    DEV,
    { cache: 'registry' },
    {},
    ['buildx', 'build', ...BASE, ...ANNOTATION, '--cache-from', 'type=registry,ref=ghcr.io/acme/app:buildcache', '--cache-to', 'type=registry,ref=ghcr.io/acme/app:buildcache,mode=max,ignore-error=true', ...TAIL],
    {},
    []
  ],
  ['registry cache is read only when not pushing', DEV, { cache: 'registry' }, { push: false }, ['buildx', 'build', ...BASE, ...ANNOTATION, '--cache-from', 'type=registry,ref=ghcr.io/acme/app:buildcache', ...TAIL], {}, []],
  ['local cache directory', DEV, { cache: 'local', cacheRef: '/mnt/cache' }, {}, ['buildx', 'build', ...BASE, ...ANNOTATION, '--cache-from', 'type=local,src=/mnt/cache', '--cache-to', 'type=local,dest=/mnt/cache,mode=max', ...TAIL], {}, []],
  ['cache off', DEV, { cache: 'off' }, { gha: true }, ['buildx', 'build', ...BASE, ...ANNOTATION, ...TAIL], {}, []],
  ['raw cache-from/cache-to override cache', DEV, { cache: 'gha', cacheFrom: ['type=s3,region=eu-west-1,bucket=c'], cacheTo: ['type=s3,region=eu-west-1,bucket=c,mode=max'] }, { gha: true }, ['buildx', 'build', ...BASE, ...ANNOTATION, '--cache-from', 'type=s3,region=eu-west-1,bucket=c', '--cache-to', 'type=s3,region=eu-west-1,bucket=c,mode=max', ...TAIL], {}, []],
  [
    'an Alibaba ACR target: BUILDX_NO_DEFAULT_OCI_ARTIFACT=true, ACR component in the registry cache tag',
    DEV,
    { cache: 'registry' },
    { images: ['registry.cn-hangzhou.aliyuncs.com/acme', 'ghcr.io/acme/backend'] },
    ['buildx', 'build', ...BASE, ...ANNOTATION, '--cache-from', 'type=registry,ref=registry.cn-hangzhou.aliyuncs.com/acme/ai-infra-matrix:backend-buildcache', '--cache-to', 'type=registry,ref=registry.cn-hangzhou.aliyuncs.com/acme/ai-infra-matrix:backend-buildcache,mode=max,ignore-error=true', ...TAIL],
    { BUILDX_NO_DEFAULT_OCI_ARTIFACT: 'true' },
    []
  ]
];

describe('recorded buildx output (buildx binary not run here): golden `buildx build` argv', () => {
  it.each(rows)('%s', (_name, line, inputs, o, args, env, warnings) => {
    const tagPlan = smallTagPlan(o.images ?? ['ghcr.io/acme/app'], undefined, o.images?.some((i) => i.includes('aliyuncs')) ? { component: 'backend' } : {});
    const plan = buildPlanFor('buildx', inputs, tagPlan, { ghaAvailable: !!o.gha, push: o.push ?? true });
    const cmd = buildxArgs(plan, caps(line, o.builder, o.tool), { ...IO, ...o.io });
    expect(cmd.args).toEqual(args);
    expect(cmd.tool).toBe(o.tool ?? 'docker');
    expect(cmd.env).toEqual(env);
    expect(cmd.warnings).toEqual(warnings);
  });

  it('named build contexts on buildx 0.4.2 fail with the version that is needed', () => {
    const plan = buildPlanFor('buildx', { buildContexts: [['base', 'docker-image://alpine']] });
    expect(() => buildxArgs(plan, caps(V042), IO)).toThrow(InputError);
    expect(() => buildxArgs(plan, caps(V042), IO)).toThrow("Invalid build-contexts 'base': named build contexts need buildx >= 0.8.0; found v0.4.2");
  });

  it('secret values never reach argv: buildx >= 0.8 gets an env var name, older buildx a file path', () => {
    const canary = `CANARY-${Math.random()}`;
    const plan = buildPlanFor('buildx', { secrets: [{ id: 'tok', kind: 'value', value: canary }] });
    expect(JSON.stringify(plan)).not.toContain(canary);
    const viaEnv = secretMounts(plan, true, () => '/w/secrets/secret-0', () => '');
    const viaFile = secretMounts(plan, false, () => '/w/secrets/secret-0', () => '');
    expect(viaEnv).toEqual([{ id: 'tok', env: 'AIM_BUILD_SECRET_0' }]);
    expect(viaFile).toEqual([{ id: 'tok', src: '/w/secrets/secret-0' }]);
    for (const [line, mounts] of [[V0112, viaEnv], [V042, viaFile]] as const) {
      const cmd = buildxArgs(plan, caps(line), { ...IO, secrets: mounts });
      expect(JSON.stringify(cmd)).not.toContain(canary);
    }
  });
});

describe('recorded buildx output (buildx binary not run here): --metadata-file and inspect', () => {
  it('reads the recorded metadata-build.json: ref, digest, decoded build-check warnings', () => {
    const m = parseBuildxMetadata(recordedFixture('metadata-build.json'));
    expect(m.ref).toBe('default/default/n6ibcp9b2pw108rrz7ywdznvo');
    expect(m.digest).toBe('sha256:b09b9482c72371486bb2c1d2c2a2633ed1d0b8389e12c8d52b9e052725c0c83c');
    // upstream's fixture has 63 hex digits here (__tests__/fixtures/recorded/README.md); kept, as buildx wrote it
    expect(m.configDigest).toBe('sha256:059b68a595b22564a1cbc167f369349fdc2ecc1f7bc092c2235cbf601a795fd');
    expect(m.warnings).toEqual([
      "ConsistentInstructionCasing: Command 'frOM' should be consistently cased (line 2)",
      "ConsistentInstructionCasing: Command 'cOpy' should be consistently cased (line 3)",
      "ConsistentInstructionCasing: Command 'COPy' should be consistently cased (line 6)"
    ]);
  });

  it('reads the documented imagetools metadata shape and tolerates junk', () => {
    expect(parseBuildxMetadata(recordedFixture('metadata-imagetools-create.docs-example.json'))).toEqual({ ref: undefined, digest: undefined, configDigest: undefined, warnings: [] });
    expect(parseBuildxMetadata('not json')).toEqual({ warnings: [] });
  });

  it.each([
    ['inspect4.txt', 'default', 'docker', 'default', ['linux/amd64', 'linux/arm64']],
    ['inspect8.txt', 'builder-52aa0611-faf0-42ac-a940-461e4e287d68', 'docker-container', 'builder-52aa0611-faf0-42ac-a940-461e4e287d680', ['linux/amd64', 'linux/amd64/v2']],
    ['inspect10.txt', 'remote-builder', 'remote', 'remote-builder0', []],
    ['inspect11.txt', 'builder', 'docker-container', 'builder0', ['linux/amd64', 'linux/amd64/v2']],
    ['inspect12.txt', 'nvidia', 'docker-container', 'nvidia0', ['linux/amd64', 'linux/amd64/v2']]
  ])('buildx inspect %s → name, driver, first node', (file, name, driver, node, platforms) => {
    const inst = parseBuildxInspect(recordedFixture(file));
    expect(inst.name).toBe(name);
    expect(inst.driver).toBe(driver);
    expect(inst.nodes[0].name).toBe(node);
    expect(inst.nodes[0].platforms.slice(0, platforms.length)).toEqual(platforms);
  });

  it('imageid: config digest for one platform, index digest for several', () => {
    const p = { platform: 'linux/amd64', digest: 'sha256:m', size: 1, config: 'sha256:c', imageSize: 2 };
    expect(imageId({ digest: 'sha256:i', platforms: [p] })).toBe('sha256:c');
    expect(imageId({ digest: 'sha256:i', platforms: [p, { ...p, platform: 'linux/arm64' }] })).toBe('sha256:i');
  });

  it('the plan used by these tables is the real tag plan of a v1.2.3 tag push', () => {
    expect(smallTagPlan().targets[0].references.map((r) => r.tag)).toEqual(['v1.2.3', '1.2.3', '1.2', '1']);
  });
});
