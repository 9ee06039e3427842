/**
 * The Builder interface (build a BuildPlan into a local OCI image layout), the one-time probes
 * behind `builder: auto`, and the hand-over of secret values (0600 files or child env vars).
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { execTool } from '../exec.js';
import { chooseBuilder, probeOrder, type BuilderChoice, type Probes, type ToolProbe } from '../../core/build/builder.js';
import { secretMounts } from '../../core/build/argv.js';
import type { BuildxMetadata } from '../../core/build/result.js';
import type { BuilderName, BuilderRequest, BuildPlan, SecretInput, SecretMount } from '../../core/build/types.js';

export interface BuildRun {
  /** job-private working directory (0700) */
  workDir: string;
  /** the OCI image layout to create */
  layoutDir: string;
  /** registry-auth environment for the builder */
  authEnv: Record<string, string>;
  /** secret values, as read from the inputs (masked already) */
  secrets: SecretInput[];
}

export interface LocalBuild {
  buildx?: BuildxMetadata;
  warnings: string[];
}

export interface Builder {
  readonly name: BuilderName;
  /** e.g. `buildah 1.28.2 (chroot isolation)` */
  readonly description: string;
  build(plan: BuildPlan, run: BuildRun): Promise<LocalBuild>;
  /** removes local leftovers (manifest lists, tags, builders this action created); never throws */
  cleanup(): Promise<void>;
}

export interface ProbeResult {
  probes: Probes;
  choice: BuilderChoice;
  /** raw stdout per tool (buildx: the `version` line) and which buildx binary answered */
  raw: Partial<Record<BuilderName, string>>;
  buildxTool?: 'docker' | 'buildx';
}

function firstLine(text: string): string {
  return text.trim().split(/\r?\n/)[0] ?? '';
}

/** why a probe failed: the first line of stderr (`docker: unknown command: docker buildx`), or the exit code */
function why(r: { stderr: string; stdout: string; exitCode: number }): string {
  return firstLine(r.stderr) || firstLine(r.stdout) || `exit ${r.exitCode}`;
}

async function probeBuildx(raw: ProbeResult['raw']): Promise<{ probe: ToolProbe; tool?: 'docker' | 'buildx' }> {
  const viaDocker = await execTool('docker', ['buildx', 'version']);
  if (viaDocker.exitCode === 0) {
    raw.buildx = viaDocker.stdout;
    return { probe: { ok: true, version: firstLine(viaDocker.stdout).split(/\s+/)[1] ?? firstLine(viaDocker.stdout) }, tool: 'docker' };
  }
  const standalone = await execTool('buildx', ['version']);
  if (standalone.exitCode === 0) {
    raw.buildx = standalone.stdout;
    return { probe: { ok: true, version: firstLine(standalone.stdout).split(/\s+/)[1] ?? '' }, tool: 'buildx' };
  }
  return { probe: { ok: false, detail: `\`docker buildx version\` failed (${why(viaDocker)})` } };
}

async function probeBuildah(raw: ProbeResult['raw']): Promise<ToolProbe> {
  const r = await execTool('buildah', ['--version']);
  if (r.exitCode !== 0) return { ok: false, detail: `\`buildah --version\` failed (${why(r)})` };
  raw.buildah = r.stdout;
  return { ok: true, version: /version\s+(\S+)/.exec(r.stdout)?.[1] ?? firstLine(r.stdout) };
}

async function probeDocker(raw: ProbeResult['raw']): Promise<ToolProbe> {
  const r = await execTool('docker', ['version', '--format', '{{.Server.Version}}']);
  if (r.exitCode !== 0 || !r.stdout.trim()) return { ok: false, detail: `no Docker daemon (${why(r)})` };
  raw.docker = r.stdout;
  return { ok: true, version: r.stdout.trim() };
}

/** Probes in order and stops at the first tool that answers (each tool once). */
export async function probeBuilders(request: BuilderRequest): Promise<ProbeResult> {
  const probes: Probes = {};
  const raw: ProbeResult['raw'] = {};
  let buildxTool: 'docker' | 'buildx' | undefined;
  for (const name of probeOrder(request)) {
    if (name === 'buildx') {
      const r = await probeBuildx(raw);
      probes.buildx = r.probe;
      buildxTool = r.tool;
    } else if (name === 'buildah') probes.buildah = await probeBuildah(raw);
    else probes.docker = await probeDocker(raw);
    if (probes[name]?.ok) break;
  }
  return { probes, choice: chooseBuilder(request, probes), raw, buildxTool };
}

/** An executable on PATH (for runtime detection), or undefined. */
export function onPath(tool: string, path = process.env.PATH ?? ''): string | undefined {
  return path.split(delimiter).map((d) => join(d, tool)).find((p) => existsSync(p));
}

/**
 * Turns secret values into mounts: a child env var (buildx >= 0.8) or a 0600 file in the job
 * directory. Returns the extra env (names → values) to give the builder process only.
 */
export async function materializeSecrets(plan: BuildPlan, run: BuildRun, useEnv: boolean): Promise<{ mounts: SecretMount[]; env: Record<string, string> }> {
  const byId = new Map(run.secrets.map((s) => [s.id, s]));
  const dir = join(run.workDir, 'secrets');
  const files = new Map<string, string>();
  let n = 0;
  for (const s of run.secrets) {
    if (s.kind !== 'value' || useEnv) continue;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, `secret-${n++}`);
    await writeFile(path, s.value, { mode: 0o600 });
    files.set(s.id, path);
  }
  const mounts = secretMounts(plan, useEnv, (id) => files.get(id) ?? '', (id) => {
    const s = byId.get(id);
    return s?.kind === 'file' ? s.path : '';
  });
  const env: Record<string, string> = {};
  for (const m of mounts) {
    const s = byId.get(m.id);
    if (m.env && s?.kind === 'value') env[m.env] = s.value;
  }
  return { mounts, env };
}
