/**
 * buildah (daemonless: self-hosted, Kubernetes and air-gapped runners):
 *   buildah build --platform a,b --manifest localhost/aim-build-<id> …   (layers cached locally)
 *   buildah manifest push --all --digestfile F localhost/aim-build-<id> oci:<layout>
 *   buildah manifest rm localhost/aim-build-<id>                          (cleanup)
 * Without runc/crun (and no BUILDAH_ISOLATION), builds use `--isolation chroot`; foreign
 * platforms' RUN steps need qemu-user-static registered with binfmt_misc.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { execChecked, execTool } from '../exec.js';
import { materializeSecrets, onPath, type Builder, type BuildRun, type LocalBuild } from './builder.js';
import { buildahArgs, buildahPushArgs, buildahRemoveArgs, type BuildahCaps } from '../../core/build/argv.js';
import type { BuildPlan } from '../../core/build/types.js';

export function buildahCaps(version: string, env: NodeJS.ProcessEnv = process.env): BuildahCaps {
  const runtime = onPath('runc', env.PATH) ?? onPath('crun', env.PATH);
  return { version, isolation: env.BUILDAH_ISOLATION || runtime ? undefined : 'chroot' };
}

const QEMU_HINT = 'a RUN step for a foreign platform needs qemu-user-static registered with binfmt_misc (docker/setup-qemu-action, or apt-get install qemu-user-static binfmt-support)';

export class BuildahBuilder implements Builder {
  readonly name = 'buildah' as const;
  private readonly localName = `localhost/aim-build-${randomUUID().slice(0, 12)}`;
  private built = false;

  constructor(private readonly caps: BuildahCaps) {}

  get description(): string {
    return `buildah ${this.caps.version}${this.caps.isolation ? ` (${this.caps.isolation} isolation: no OCI runtime found)` : ''}`;
  }

  async build(plan: BuildPlan, run: BuildRun): Promise<LocalBuild> {
    const { mounts } = await materializeSecrets(plan, run, false);
    const cmd = buildahArgs(plan, this.caps, { outputTar: '', metadataFile: '', localName: this.localName, secrets: mounts });
    this.built = true;
    await execChecked(cmd.tool, cmd.args, {
      stream: true,
      env: { ...run.authEnv, ...cmd.env },
      name: 'buildah build',
      fix: plan.platforms.length > 1 ? `Check the build output above; ${QEMU_HINT}` : 'Check the build output above'
    });
    const push = buildahPushArgs(this.localName, run.layoutDir, join(run.workDir, 'buildah.digest'));
    await execChecked(push.tool, push.args, { env: run.authEnv, name: 'buildah manifest push (to the local OCI layout)' });
    return { warnings: [] };
  }

  async cleanup(): Promise<void> {
    if (!this.built) return;
    const rm = buildahRemoveArgs(this.localName);
    await execTool(rm.tool, rm.args);
  }
}
