/**
 * docker without buildx (the legacy builder): ONE platform, then `docker save` (Docker >= 25
 * writes an OCI image layout into the tar), extracted for the push. The plan already warned that
 * the other platforms are skipped.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execChecked, execTool } from '../exec.js';
import { extractTar } from '../registry/oci-layout.js';
import type { Builder, BuildRun, LocalBuild } from './builder.js';
import { dockerArgs, dockerRemoveArgs, dockerSaveArgs } from '../../core/build/argv.js';
import { ToolError } from '../../core/errors.js';
import type { BuildIO, BuildPlan } from '../../core/build/types.js';

export class DockerBuilder implements Builder {
  readonly name = 'docker' as const;
  private io?: BuildIO;

  constructor(private readonly version: string) {}

  get description(): string {
    return `docker ${this.version} (legacy builder, single platform)`;
  }

  async build(plan: BuildPlan, run: BuildRun): Promise<LocalBuild> {
    const io: BuildIO = { outputTar: join(run.workDir, 'image.docker.tar'), metadataFile: '', localName: `aim-build-local:${randomUUID().slice(0, 12)}`, secrets: [] };
    this.io = io;
    const cmd = dockerArgs(plan, io);
    await execChecked(cmd.tool, cmd.args, { stream: true, env: { ...run.authEnv, ...cmd.env }, name: 'docker build', fix: 'Check the build output above' });
    const save = dockerSaveArgs(io);
    await execChecked(save.tool, save.args, { name: 'docker save' });
    await extractTar(io.outputTar, run.layoutDir);
    await rm(io.outputTar, { force: true });
    if (!existsSync(join(run.layoutDir, 'index.json'))) {
      throw new ToolError('docker save', 0, 'the saved image has no OCI layout (index.json)', `Docker ${this.version} is too old: Docker >= 25 writes OCI layouts; or use buildx or buildah`);
    }
    return { warnings: [] };
  }

  async cleanup(): Promise<void> {
    if (!this.io) return;
    const rmi = dockerRemoveArgs(this.io);
    await execTool(rmi.tool, rmi.args);
  }
}
