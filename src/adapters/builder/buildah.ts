/**
 * buildah (daemonless: self-hosted, Kubernetes and air-gapped runners), one build per platform,
 * each in its own containers-storage:
 *   buildah push <base>[@<platform instance>] containers-storage:[<store P>]<base>   (bases found in the main store)
 *   buildah <store P> build --platform P --iidfile F …          (--layers: P's own warm cache)
 *   buildah <store P> push --format oci <id> oci:<layout>:<P>   (every platform into one layout)
 *   then the layout's root becomes an OCI index of those images, in the requested order.
 * Why not `build --platform a,b --manifest L`: buildah < 1.41 lets a `--layers` cache hit cross
 * platforms when a stage starts `FROM scratch` and the list ends with ONE platform (buildah#6269).
 * Why copy the bases instead of reading the main store as an additional (read-only) image store:
 * with buildah 1.28 a reader of an additional store and a concurrent writer of that store (another
 * job's build) take its images/layers locks in opposite orders and deadlock, for good.
 * Without runc/crun (and no BUILDAH_ISOLATION), builds use `--isolation chroot`; foreign
 * platforms' RUN steps need qemu-user-static registered with binfmt_misc.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execChecked, execTool } from '../exec.js';
import { writePlatformIndex } from '../registry/oci-layout.js';
import { materializeSecrets, onPath, type Builder, type BuildRun, type LocalBuild } from './builder.js';
import { buildahArgs, buildahPushArgs, type BuildahCaps, type BuildahStore } from '../../core/build/argv.js';
import { baseImages } from '../../core/build/base-images.js';
import { platformFromText, platformMatches, platformSlug, type Platform } from '../../core/platform.js';
import { parseJson } from '../../core/oci.js';
import type { BuildPlan } from '../../core/build/types.js';

export function buildahCaps(version: string, env: NodeJS.ProcessEnv = process.env): BuildahCaps {
  const runtime = onPath('runc', env.PATH) ?? onPath('crun', env.PATH);
  return { version, isolation: env.BUILDAH_ISOLATION || runtime ? undefined : 'chroot' };
}

const QEMU_HINT = 'a RUN step for a foreign platform needs qemu-user-static registered with binfmt_misc (docker/setup-qemu-action, or apt-get install qemu-user-static binfmt-support)';

interface MainStore {
  graphRoot: string;
  driver: string;
  options: string[];
}

/** The main store as `buildah info` reports it (honours storage.conf, CONTAINERS_STORAGE_CONF, rootless paths). */
async function mainStore(env: Record<string, string>): Promise<MainStore> {
  const out = await execChecked('buildah', ['info'], { env, name: 'buildah info' });
  const info = parseJson<{ store?: { GraphRoot?: unknown; GraphDriverName?: unknown; GraphOptions?: unknown } }>(out.stdout, '`buildah info` output');
  const s = info.store ?? {};
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  // the main store's own additional image stores are not carried over (see the header: lock order)
  const options = Array.isArray(s.GraphOptions) ? s.GraphOptions.filter((o): o is string => typeof o === 'string' && !/\.?imagestore=/.test(o)) : [];
  return { graphRoot: text(s.GraphRoot), driver: text(s.GraphDriverName), options };
}

export class BuildahBuilder implements Builder {
  readonly name = 'buildah' as const;

  constructor(
    private readonly caps: BuildahCaps,
    /** where the per-platform stores live: a persistent cache directory with --layers, else the job directory */
    private readonly storesDir: (plan: BuildPlan, run: BuildRun) => string = (_plan, run) => join(run.workDir, 'buildah-stores')
  ) {}

  get description(): string {
    return `buildah ${this.caps.version}${this.caps.isolation ? ` (${this.caps.isolation} isolation: no OCI runtime found)` : ''}`;
  }

  async build(plan: BuildPlan, run: BuildRun): Promise<LocalBuild> {
    const { mounts } = await materializeSecrets(plan, run, false);
    const main = await mainStore(run.authEnv);
    const bases = baseImages(await readFile(dockerfilePath(plan), 'utf8').catch(() => ''), plan.buildArgs);
    const stores = this.storesDir(plan, run);
    const refs: Array<[string, string]> = [];
    for (const platform of plan.platforms) {
      const slug = platformSlug(platform);
      const dir = join(stores, slug);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const store: BuildahStore = { root: join(dir, 'storage'), runroot: join(dir, 'run'), driver: main.driver, options: main.options };
      for (const base of bases) await copyBase(base, platform, store, run.authEnv);
      const iidFile = join(run.workDir, `buildah-${slug}.iid`);
      const cmd = buildahArgs(plan, this.caps, { outputTar: '', metadataFile: '', localName: '', secrets: mounts }, { platform, store, iidFile });
      await execChecked(cmd.tool, cmd.args, {
        stream: true,
        env: { ...run.authEnv, ...cmd.env },
        name: `buildah build (${platform})`,
        fix: platform.split('/')[1] !== hostArch() ? `Check the build output above; ${QEMU_HINT}` : 'Check the build output above'
      });
      const id = (await readFile(iidFile, 'utf8')).trim();
      const push = buildahPushArgs(store, id, run.layoutDir, slug);
      await execChecked(push.tool, push.args, { env: run.authEnv, name: `buildah push ${platform} (to the local OCI layout)` });
      refs.push([platform, slug]);
    }
    await writePlatformIndex(run.layoutDir, refs);
    return { warnings: [] };
  }

  async cleanup(): Promise<void> {
    // nothing is tagged: the per-platform images stay as layer cache (or go with the job directory)
  }
}

function dockerfilePath(plan: BuildPlan): string {
  if (plan.file) return plan.file;
  const containerfile = join(plan.context, 'Containerfile');
  return existsSync(containerfile) ? containerfile : join(plan.context, 'Dockerfile');
}

/** `name[:tag][@digest]` → `name` */
function repositoryOf(ref: string): string {
  const noDigest = ref.split('@')[0];
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

interface LocalList {
  manifests?: Array<{ digest?: string; platform?: Platform }>;
}

/**
 * A base image the main store holds (pulled earlier, or built locally) is copied into the platform's
 * store under the same name (a local manifest list: its instance for that platform), so the build
 * finds it without reaching a registry; one that is not there is pulled by the build as usual.
 */
async function copyBase(ref: string, platform: string, store: BuildahStore, env: Record<string, string>): Promise<void> {
  let source: string | undefined;
  if ((await execTool('buildah', ['manifest', 'exists', ref], { env })).exitCode === 0) {
    const list = parseJson<LocalList>((await execChecked('buildah', ['manifest', 'inspect', ref], { env, name: `buildah manifest inspect ${ref}` })).stdout, `the local list ${ref}`);
    const want = platformFromText(platform);
    const instance = list.manifests?.find((m) => m.platform && m.digest && platformMatches(want, m.platform));
    if (!instance?.digest) return; // no such platform locally: the build reports it (or pulls)
    source = `${repositoryOf(ref)}@${instance.digest}`;
  } else if ((await execTool('buildah', ['inspect', '--type', 'image', '--format', '{{.FromImageID}}', ref], { env })).exitCode === 0) {
    source = ref;
  }
  if (!source) return;
  const dest = `containers-storage:[${store.driver}@${store.root}+${store.runroot}${store.options.length ? `:${store.options.join(',')}` : ''}]${ref}`;
  await execChecked('buildah', ['push', source, dest], { env, name: `copy of the base image ${ref} (${platform}) into the platform's store` });
}

function hostArch(): string {
  return process.arch === 'x64' ? 'amd64' : process.arch === 'ia32' ? '386' : process.arch;
}
