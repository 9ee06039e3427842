/**
 * The exact command lines for a BuildPlan: synchronous and pure, golden-tested. Every builder
 * writes a LOCAL image (OCI layout, or `docker save` for docker); the push to registries is ours.
 * Secrets appear only as ids, env var names and file paths: never a value.
 */
import { InputError } from '../errors.js';
import type { BuildxCaps } from './builder.js';
import type { BuildIO, BuildPlan, CommandLine, SecretMount } from './types.js';

function pairs(flag: string, items: Array<[string, string]>): string[] {
  return items.flatMap(([k, v]) => [flag, `${k}=${v}`]);
}

function repeat(flag: string, items: string[]): string[] {
  return items.flatMap((v) => [flag, v]);
}

function secretArg(m: SecretMount): string {
  if (m.env) return `id=${m.id},env=${m.env}`;
  if (m.src) return `id=${m.id},src=${m.src}`;
  throw new InputError('secrets', `${m.id}=***`, 'internal: a secret needs an env var or a file');
}

/** How value secrets reach a builder: buildx ≥ 0.8 reads them from a child env var, others from 0600 files. */
export function secretMounts(plan: BuildPlan, useEnv: boolean, fileOf: (id: string) => string, userPath: (id: string) => string): SecretMount[] {
  return plan.secrets.map((s, i) => {
    if (s.kind === 'file') return { id: s.id, src: userPath(s.id) };
    return useEnv ? { id: s.id, env: `AIM_BUILD_SECRET_${i}` } : { id: s.id, src: fileOf(s.id) };
  });
}

/** `docker buildx build …` (or standalone `buildx build …`) writing an OCI tar. */
export function buildxArgs(plan: BuildPlan, caps: BuildxCaps, io: BuildIO): CommandLine & { warnings: string[] } {
  const warnings: string[] = [];
  const args = caps.tool === 'docker' ? ['buildx', 'build'] : ['build'];
  if (caps.builder) args.push('--builder', caps.builder);
  args.push('--platform', plan.platforms.join(','));
  if (plan.file) args.push('--file', plan.file);
  if (plan.target) args.push('--target', plan.target);
  args.push(...pairs('--build-arg', plan.buildArgs), ...pairs('--label', plan.labels));
  if (plan.annotations.length > 0) {
    if (caps.annotations) args.push(...repeat('--annotation', plan.annotations.map((a) => `${a.level}:${a.key}=${a.value}`)));
    else warnings.push(`annotations need buildx >= 0.12.0 (found ${caps.version}); they are not set (labels are)`);
  }
  if (plan.buildContexts.length > 0) {
    if (!caps.buildContexts) throw new InputError('build-contexts', plan.buildContexts.map(([k]) => k).join(','), `named build contexts need buildx >= 0.8.0; found ${caps.version}`);
    args.push(...pairs('--build-context', plan.buildContexts));
  }
  args.push(...repeat('--secret', io.secrets.map(secretArg)));
  args.push(...repeat('--cache-from', plan.cache.from), ...repeat('--cache-to', plan.cache.to));
  if (plan.noCache) args.push('--no-cache');
  if (plan.pull) args.push('--pull');
  for (const [flag, value] of [['--provenance', plan.provenance], ['--sbom', plan.sbom]] as const) {
    if (!value) continue;
    if (caps.attestations) args.push(`${flag}=${value}`);
    else warnings.push(`${flag.slice(2)} needs buildx >= 0.10.0 (found ${caps.version}); the input is ignored`);
  }
  if (caps.metadataFile) args.push('--metadata-file', io.metadataFile);
  args.push('--output', `type=oci,dest=${io.outputTar}`, plan.context);
  // Alibaba ACR Personal rejects OCI-artifact attestations; keep BuildKit on attestation manifests (docker/buildx#3991).
  const env: Record<string, string> = plan.acrTargets ? { BUILDX_NO_DEFAULT_OCI_ARTIFACT: 'true' } : {};
  return { tool: caps.tool, args, env, warnings };
}

export interface BuildahCaps {
  version: string;
  /** `chroot` when no OCI runtime (runc/crun) is installed and BUILDAH_ISOLATION is unset */
  isolation?: string;
}

/**
 * buildah turns every `--label` into its own LABEL step at the end of the last stage, cached like
 * any step: the label that changes on every run (`created`) goes last, so a rebuild with nothing
 * changed re-runs one step per platform instead of all of them.
 */
export function cacheFriendlyLabels(labels: Array<[string, string]>): Array<[string, string]> {
  const volatile = (k: string): boolean => k === 'org.opencontainers.image.created';
  return [...labels.filter(([k]) => !volatile(k)), ...labels.filter(([k]) => volatile(k))];
}

/**
 * One containers-storage per platform (`--root/--runroot`): buildah < 1.41 takes a `--layers`
 * cache hit from ANY platform when a stage starts `FROM scratch` (nothing in the key names the
 * architecture; buildah#6269), and the manifest list then ends with one platform. Separate
 * stores make that impossible while each platform keeps its own warm cache.
 */
export interface BuildahStore {
  root: string;
  runroot: string;
  driver: string;
  /** the main store's driver options (e.g. mount_program for fuse-overlayfs), carried over */
  options: string[];
}

export function buildahStoreArgs(s: BuildahStore): string[] {
  return ['--root', s.root, '--runroot', s.runroot, ...(s.driver ? ['--storage-driver', s.driver] : []), ...repeat('--storage-opt', s.options)];
}

export interface BuildahPlatformBuild {
  platform: string;
  store: BuildahStore;
  /** where buildah writes the image ID (no tag: the image stays as cache, nothing to untag) */
  iidFile: string;
}

/** `buildah <store> build --platform P --iidfile F …`: one platform into its own store. */
export function buildahArgs(plan: BuildPlan, caps: BuildahCaps, io: BuildIO, one: BuildahPlatformBuild): CommandLine {
  const args = [...buildahStoreArgs(one.store), 'build'];
  if (caps.isolation) args.push('--isolation', caps.isolation);
  args.push('--platform', one.platform, '--iidfile', one.iidFile);
  if (plan.cache.layers) args.push('--layers');
  if (plan.noCache) args.push('--no-cache');
  if (plan.pull) args.push('--pull=always');
  if (plan.file) args.push('--file', plan.file);
  if (plan.target) args.push('--target', plan.target);
  args.push(...pairs('--build-arg', plan.buildArgs), ...pairs('--label', cacheFriendlyLabels(plan.labels)));
  // index-level annotations are set on the index when it is pushed (see push-plan.ts)
  args.push(...repeat('--annotation', plan.annotations.filter((a) => a.level === 'manifest').map((a) => `${a.key}=${a.value}`)));
  args.push(...pairs('--build-context', plan.buildContexts));
  args.push(...repeat('--secret', io.secrets.map(secretArg)));
  args.push(...repeat('--cache-from', plan.cache.from), ...repeat('--cache-to', plan.cache.to));
  args.push(plan.context);
  return { tool: 'buildah', args, env: {} };
}

/** `buildah <store> push ID oci:DIR:REF`: one platform image into the shared local OCI layout (OCI manifest). */
export function buildahPushArgs(store: BuildahStore, imageId: string, layoutDir: string, ref: string): CommandLine {
  return { tool: 'buildah', args: [...buildahStoreArgs(store), 'push', '--format', 'oci', imageId, `oci:${layoutDir}:${ref}`], env: {} };
}

/** `docker build` with the legacy builder (no buildx): one platform, tagged locally. */
export function dockerArgs(plan: BuildPlan, io: BuildIO): CommandLine {
  const args = ['build', '--platform', plan.platforms[0]];
  if (plan.file) args.push('--file', plan.file);
  if (plan.target) args.push('--target', plan.target);
  args.push(...pairs('--build-arg', plan.buildArgs), ...pairs('--label', plan.labels));
  if (plan.noCache) args.push('--no-cache');
  if (plan.pull) args.push('--pull');
  args.push('--tag', io.localName, plan.context);
  return { tool: 'docker', args, env: { DOCKER_BUILDKIT: '0' } };
}

/** `docker save` (Docker >= 25 writes an OCI image layout inside the tar). */
export function dockerSaveArgs(io: BuildIO): CommandLine {
  return { tool: 'docker', args: ['save', '--output', io.outputTar, io.localName], env: {} };
}

export function dockerRemoveArgs(io: BuildIO): CommandLine {
  return { tool: 'docker', args: ['image', 'rm', io.localName], env: {} };
}
