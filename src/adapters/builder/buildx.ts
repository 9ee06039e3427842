/**
 * docker buildx (GitHub-hosted runners):
 *   builder: the `builder-name` input; or a temporary `remote` builder for `builder-endpoint`;
 *            or the current one, unless it uses the `docker` driver (no multi-platform, no OCI
 *            export), in which case a temporary `docker-container` builder is created.
 *   build:   docker buildx build … --metadata-file M --output type=oci,dest=<tar>, then the tar
 *            is extracted into the OCI layout the push reads.
 * Created builders are removed in cleanup (and by the post step if the job was cancelled).
 */
import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execChecked, execTool } from '../exec.js';
import { extractTar } from '../registry/oci-layout.js';
import { materializeSecrets, type Builder, type BuildRun, type LocalBuild } from './builder.js';
import { buildxArgs } from '../../core/build/argv.js';
import { buildxCaps, parseBuildxInspect, parseBuildxVersion, type BuildxCaps } from '../../core/build/builder.js';
import { parseBuildxMetadata } from '../../core/build/result.js';
import type { BuildPlan } from '../../core/build/types.js';

export interface BuildxSetup {
  versionOutput: string;
  tool: 'docker' | 'buildx';
  builderName: string;
  builderEndpoint: string;
  log: (m: string) => void;
  /** remembers a created builder for the post step */
  remember: (name: string) => void;
}

const bx = (tool: 'docker' | 'buildx', args: string[]): string[] => (tool === 'docker' ? ['buildx', ...args] : args);

/** `docker buildx rm NAME` (best effort; used by cleanup and the post step). */
export async function removeBuildxBuilder(name: string, tool: 'docker' | 'buildx' = 'docker'): Promise<void> {
  if (/^aim-build-[0-9a-f]{12}$/.test(name)) await execTool(tool, bx(tool, ['rm', name]));
}

export class BuildxBuilder implements Builder {
  readonly name = 'buildx' as const;
  private constructor(
    private readonly caps: BuildxCaps,
    private readonly created: string | undefined,
    readonly description: string
  ) {}

  static async setup(s: BuildxSetup): Promise<BuildxBuilder> {
    const version = parseBuildxVersion(s.versionOutput);
    const create = async (driver: string, extra: string[], why: string): Promise<BuildxBuilder> => {
      const name = `aim-build-${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      await execChecked(s.tool, bx(s.tool, ['create', '--name', name, '--driver', driver, ...extra]), { name: 'docker buildx create', fix: 'Check the builder-endpoint input and that the runner can reach it' });
      s.remember(name);
      s.log(`buildx: created builder ${name} (${driver} driver): ${why}`);
      return new BuildxBuilder(buildxCaps(version, s.tool, name), name, `buildx ${version.raw}, ${driver} builder ${name}`);
    };
    if (s.builderEndpoint) return create('remote', [s.builderEndpoint], `builder-endpoint ${s.builderEndpoint}`);
    if (s.builderName) return new BuildxBuilder(buildxCaps(version, s.tool, s.builderName), undefined, `buildx ${version.raw}, builder ${s.builderName}`);
    const inspect = await execTool(s.tool, bx(s.tool, ['inspect']));
    const current = inspect.exitCode === 0 ? parseBuildxInspect(inspect.stdout) : undefined;
    if (!current || current.driver === 'docker') {
      return create('docker-container', [], current ? `the current builder '${current.name}' uses the docker driver, which cannot export multi-platform OCI images` : 'no usable current builder');
    }
    return new BuildxBuilder(buildxCaps(version, s.tool), undefined, `buildx ${version.raw}, builder ${current.name} (${current.driver} driver)`);
  }

  async build(plan: BuildPlan, run: BuildRun): Promise<LocalBuild> {
    const { mounts, env: secretEnv } = await materializeSecrets(plan, run, this.caps.secretEnv);
    const io = { outputTar: join(run.workDir, 'image.oci.tar'), metadataFile: join(run.workDir, 'buildx-metadata.json'), localName: '', secrets: mounts };
    const cmd = buildxArgs(plan, this.caps, io);
    await execChecked(cmd.tool, cmd.args, {
      stream: true,
      env: { ...run.authEnv, ...cmd.env, ...secretEnv },
      name: 'docker buildx build',
      fix: 'Check the build output above; for foreign platforms add docker/setup-qemu-action before this step'
    });
    await extractTar(io.outputTar, run.layoutDir);
    await rm(io.outputTar, { force: true });
    const buildx = this.caps.metadataFile ? parseBuildxMetadata(await readFile(io.metadataFile, 'utf8').catch(() => '{}')) : undefined;
    return { buildx, warnings: cmd.warnings };
  }

  async cleanup(): Promise<void> {
    if (this.created) await removeBuildxBuilder(this.created, this.caps.tool);
  }
}
