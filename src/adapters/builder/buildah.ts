/**
 * buildah (daemonless: self-hosted, Kubernetes and air-gapped runners), one build per platform,
 * each in its own containers-storage that reads base images from the main store:
 *   buildah <store P> build --platform P --iidfile F …          (--layers: P's own warm cache)
 *   buildah <store P> push --format oci <id> oci:<layout>:<P>   (every platform into one layout)
 *   then the layout's root becomes an OCI index of those images, in the requested order.
 * Why not `build --platform a,b --manifest L`: buildah < 1.41 lets a `--layers` cache hit cross
 * platforms when a stage starts `FROM scratch` and the list ends with ONE platform (buildah#6269).
 * Without runc/crun (and no BUILDAH_ISOLATION), builds use `--isolation chroot`; foreign
 * platforms' RUN steps need qemu-user-static registered with binfmt_misc.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execChecked } from '../exec.js';
import { writePlatformIndex } from '../registry/oci-layout.js';
import { materializeSecrets, onPath, type Builder, type BuildRun, type LocalBuild } from './builder.js';
import { buildahArgs, buildahPushArgs, type BuildahCaps, type BuildahStore } from '../../core/build/argv.js';
import { platformSlug } from '../../core/platform.js';
import { parseJson } from '../../core/build/oci.js';
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
  // `overlay.imagestore=` options of the main store name stores it reads; ours read the main store itself
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
    const stores = this.storesDir(plan, run);
    const refs: Array<[string, string]> = [];
    for (const platform of plan.platforms) {
      const slug = platformSlug(platform);
      const dir = join(stores, slug);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const store: BuildahStore = { root: join(dir, 'storage'), runroot: join(dir, 'run'), driver: main.driver, options: main.options, imageStore: main.graphRoot || undefined };
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

function hostArch(): string {
  return process.arch === 'x64' ? 'amd64' : process.arch === 'ia32' ? '386' : process.arch;
}
