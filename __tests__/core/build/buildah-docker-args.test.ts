/** Golden argv for buildah (the commands docs/dev-notes/buildah.md verified here) and for docker without buildx. */
import { describe, expect, it } from '@jest/globals';
import { buildahArgs, buildahPushArgs, buildahStoreArgs, dockerArgs, dockerRemoveArgs, dockerSaveArgs, type BuildahCaps, type BuildahPlatformBuild, type BuildahStore } from '../../../src/core/build/argv.js';
import { InputError } from '../../../src/core/errors.js';
import type { BuildInputs, BuildIO } from '../../../src/core/build/types.js';
import { buildPlanFor, smallTagPlan } from '../../helpers/build.js';

const IO: BuildIO = { outputTar: '/w/image.docker.tar', metadataFile: '', localName: 'localhost/aim-build-abc', secrets: [] };
const CHROOT: BuildahCaps = { version: '1.28.2', isolation: 'chroot' };
const LABEL = ['--label', 'org.opencontainers.image.version=v1.2.3'];
const ANNOTATION = ['--annotation', 'org.opencontainers.image.version=v1.2.3'];

const STORE: BuildahStore = { root: '/c/linux-arm64/storage', runroot: '/c/linux-arm64/run', driver: 'overlay', options: [] };
const ONE: BuildahPlatformBuild = { platform: 'linux/arm64', store: STORE, iidFile: '/w/buildah-linux-arm64.iid' };
const S = ['--root', '/c/linux-arm64/storage', '--runroot', '/c/linux-arm64/run', '--storage-driver', 'overlay'];
const P = ['--platform', 'linux/arm64', '--iidfile', '/w/buildah-linux-arm64.iid'];

type Row = [string, BuildahCaps, Partial<BuildInputs>, Partial<BuildIO>, string[]];

const buildahRows: Row[] = [
  [
    'defaults without an OCI runtime: chroot isolation, one platform into its own store, layer cache',
    CHROOT,
    {},
    {},
    [...S, 'build', '--isolation', 'chroot', ...P, '--layers', '--build-arg', 'VERSION=v1.2.3', ...LABEL, ...ANNOTATION, '.']
  ],
  ['with runc/crun (or BUILDAH_ISOLATION set): no --isolation', { version: '1.33.7' }, {}, {}, [...S, 'build', ...P, '--layers', '--build-arg', 'VERSION=v1.2.3', ...LABEL, ...ANNOTATION, '.']],
  [
    'file, target, build args, build contexts, no-cache, pull=always, secrets from 0600 files',
    CHROOT,
    {
      file: 'ctx/Containerfile',
      target: 'final',
      context: 'ctx',
      buildArgs: [['A', '1']],
      buildContexts: [['base', 'docker-image://localhost/aim-busybox:latest']],
      noCache: true,
      pull: true,
      secrets: [{ id: 'tok', kind: 'value', value: 'CANARY' }]
    },
    { secrets: [{ id: 'tok', src: '/w/secrets/secret-0' }] },
    [
      ...S, 'build', '--isolation', 'chroot', ...P, '--layers', '--no-cache', '--pull=always',
      '--file', 'ctx/Containerfile', '--target', 'final', '--build-arg', 'VERSION=v1.2.3', '--build-arg', 'A=1', ...LABEL, ...ANNOTATION,
      '--build-context', 'base=docker-image://localhost/aim-busybox:latest', '--secret', 'id=tok,src=/w/secrets/secret-0', 'ctx'
    ]
  ],
  [
    'registry cache: --cache-from/--cache-to repositories',
    CHROOT,
    { cache: 'registry' },
    {},
    [...S, 'build', '--isolation', 'chroot', ...P, '--layers', '--build-arg', 'VERSION=v1.2.3', ...LABEL, ...ANNOTATION, '--cache-from', 'ghcr.io/acme/app-buildcache', '--cache-to', 'ghcr.io/acme/app-buildcache', '.']
  ],
  ['cache off: no --layers', CHROOT, { cache: 'off' }, {}, [...S, 'build', '--isolation', 'chroot', ...P, '--build-arg', 'VERSION=v1.2.3', ...LABEL, ...ANNOTATION, '.']]
];

describe('buildah argv', () => {
  it.each(buildahRows)('%s', (_name, caps, inputs, io, args) => {
    const cmd = buildahArgs(buildPlanFor('buildah', inputs), caps, { ...IO, ...io }, ONE);
    expect(cmd).toEqual({ tool: 'buildah', args, env: {} });
    expect(JSON.stringify(cmd)).not.toContain('CANARY');
  });

  it('gha cache falls back to the local layer cache, with a warning', () => {
    const plan = buildPlanFor('buildah', { cache: 'gha' }, undefined, { ghaAvailable: true });
    expect(plan.cache).toMatchObject({ kind: 'local', layers: true });
    expect(plan.warnings).toEqual(['cache: gha needs buildx; buildah uses its local layer cache instead']);
  });

  it('index annotations are kept for the push; descriptor levels are dropped with a warning; provenance is ignored', () => {
    const tag = { ...smallTagPlan(), annotationLevels: ['manifest', 'index', 'manifest-descriptor'] };
    const plan = buildPlanFor('buildah', { provenance: 'mode=max' }, tag);
    expect(plan.annotations.map((a) => a.level)).toEqual(['manifest', 'index']);
    expect(plan.provenance).toBe('');
    expect(plan.warnings).toEqual([
      'provenance is a BuildKit attestation; buildah does not produce it, so the input is ignored',
      'annotation levels manifest-descriptor are not supported with buildah (manifest and index are); those annotations are skipped'
    ]);
    expect(buildahArgs(plan, CHROOT, IO, ONE).args.filter((a) => a.startsWith('org.opencontainers'))).toEqual(['org.opencontainers.image.version=v1.2.3', 'org.opencontainers.image.version=v1.2.3']);
  });

  it('push of one platform image (by ID, from its store) into the shared OCI layout under its platform name', () => {
    expect(buildahPushArgs(STORE, 'abc123', '/w/layout', 'linux-arm64').args).toEqual([...S, 'push', '--format', 'oci', 'abc123', 'oci:/w/layout:linux-arm64']);
  });

  it('the store args carry the main store driver options', () => {
    expect(buildahStoreArgs({ ...STORE, driver: 'vfs', options: ['vfs.ignore_chown_errors=true'] })).toEqual([
      '--root', '/c/linux-arm64/storage', '--runroot', '/c/linux-arm64/run', '--storage-driver', 'vfs', '--storage-opt', 'vfs.ignore_chown_errors=true'
    ]);
  });
});

describe('docker argv (no buildx: legacy builder, one platform)', () => {
  it('builds the first platform only and warns which ones are skipped', () => {
    const plan = buildPlanFor('docker', { file: 'Dockerfile.prod', target: 't', noCache: true, pull: true });
    expect(plan.platforms).toEqual(['linux/amd64']);
    expect(plan.skippedPlatforms).toEqual(['linux/arm64']);
    expect(plan.warnings[0]).toBe('docker without buildx builds one platform: linux/amd64 only; skipped linux/arm64. Install buildx (docker/setup-buildx-action) or buildah to build them all');
    expect(dockerArgs(plan, { ...IO, localName: 'aim-build-local:abc' })).toEqual({
      tool: 'docker',
      args: ['build', '--platform', 'linux/amd64', '--file', 'Dockerfile.prod', '--target', 't', '--build-arg', 'VERSION=v1.2.3', ...LABEL, '--no-cache', '--pull', '--tag', 'aim-build-local:abc', '.'],
      env: { DOCKER_BUILDKIT: '0' }
    });
    expect(dockerSaveArgs({ ...IO, localName: 'aim-build-local:abc' }).args).toEqual(['save', '--output', '/w/image.docker.tar', 'aim-build-local:abc']);
    expect(dockerRemoveArgs({ ...IO, localName: 'aim-build-local:abc' }).args).toEqual(['image', 'rm', 'aim-build-local:abc']);
  });

  it('secrets and named contexts fail clearly (never silently dropped); annotations are dropped with a warning', () => {
    expect(() => buildPlanFor('docker', { secrets: [{ id: 'tok', kind: 'value', value: 'CANARY' }] })).toThrow(
      "Invalid secrets 'tok': docker without buildx (the legacy builder) cannot pass build secrets; use buildx or buildah"
    );
    expect(() => buildPlanFor('docker', { buildContexts: [['a', 'b']] })).toThrow(InputError);
    const plan = buildPlanFor('docker');
    expect(plan.annotations).toEqual([]);
    expect(plan.warnings).toContain('annotations are ignored by docker without buildx (labels are set)');
  });
});

describe('buildah label order', () => {
  it('the label that changes every run (created) goes last, so the other LABEL steps stay cached', () => {
    const tag = { ...smallTagPlan(), labels: { 'org.opencontainers.image.created': '2026-11-22T08:30:00.000Z', 'org.opencontainers.image.revision': 'abc', 'org.opencontainers.image.version': 'v1.2.3' } };
    const args = buildahArgs(buildPlanFor('buildah', {}, tag), CHROOT, IO, ONE).args;
    const labels = args.flatMap((a, i) => (args[i - 1] === '--label' ? [a.split('=')[0]] : []));
    expect(labels).toEqual(['org.opencontainers.image.revision', 'org.opencontainers.image.version', 'org.opencontainers.image.created']);
  });
});
