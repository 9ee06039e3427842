/**
 * Which builder runs, and what it can do. The adapters probe each tool once (`buildx version`,
 * `buildah --version`, `docker version`); these functions turn the answers into a choice with a
 * reason for the log, and into capabilities the synchronous argv builders take.
 */
import parseSemver from 'semver/functions/parse.js';
import gteSemver from 'semver/functions/gte.js';
import { ToolError } from '../errors.js';
import type { BuilderName, BuilderRequest } from './types.js';

export interface ToolProbe {
  ok: boolean;
  /** version string when ok */
  version?: string;
  /** why not ok (tool missing, daemon down, …) */
  detail?: string;
}

export type Probes = Partial<Record<BuilderName, ToolProbe>>;

export interface BuilderChoice {
  builder: BuilderName;
  reason: string;
}

/** The order the adapter probes in; it stops at the first tool that answers. */
export function probeOrder(request: BuilderRequest): BuilderName[] {
  return request === 'auto' ? ['buildx', 'buildah', 'docker'] : [request];
}

const INSTALL: Record<BuilderName, string> = {
  buildx: 'add docker/setup-buildx-action before this step (GitHub-hosted runners have it), or set builder: buildah',
  buildah: 'install buildah (apt-get install buildah) on the runner, or set builder: buildx',
  docker: 'start the Docker daemon or use builder: buildah'
};

const WHY: Record<BuilderName, string> = {
  buildx: 'multi-platform BuildKit builds',
  buildah: 'daemonless multi-platform builds (no Docker needed)',
  docker: 'the only builder found; it builds a single platform'
};

function describe(name: BuilderName, p: ToolProbe | undefined): string {
  if (!p) return `${name}: not probed`;
  return p.ok ? `${name} ${p.version ?? ''}`.trim() : `${name}: ${p.detail ?? 'not available'}`;
}

export function chooseBuilder(request: BuilderRequest, probes: Probes): BuilderChoice {
  const order = probeOrder(request);
  const found = order.find((name) => probes[name]?.ok);
  if (!found) {
    if (request !== 'auto') throw new ToolError(request, 127, describe(request, probes[request]), `builder: ${request} was requested; ${INSTALL[request]}`);
    throw new ToolError('builder', 127, `no builder found (${order.map((n) => describe(n, probes[n])).join('; ')})`, `${INSTALL.buildx}; ${INSTALL.buildah}`);
  }
  if (request !== 'auto') return { builder: found, reason: `builder: ${found} was requested (${describe(found, probes[found])})` };
  const skipped = order.slice(0, order.indexOf(found)).map((n) => describe(n, probes[n]));
  return {
    builder: found,
    reason: `builder: auto picked ${describe(found, probes[found])}: ${WHY[found]}` + (skipped.length ? `; skipped ${skipped.join('; ')}` : '')
  };
}

// ------------------------------------------------------------------ buildx

export interface BuildxVersion {
  /** x.y.z, or undefined for a dev build (a commit instead of a version) */
  version?: string;
  /** as printed: v0.11.2, 0.4.1+azure, f117971 */
  raw: string;
}

/** `github.com/docker/buildx v0.11.2 9872040…` → { version: '0.11.2', raw: 'v0.11.2' } */
export function parseBuildxVersion(stdout: string): BuildxVersion {
  const m = /github\.com\/docker\/buildx\s+(\S+)/.exec(stdout) ?? /^\s*(\S+)/.exec(stdout);
  if (!m) throw new ToolError('buildx', 0, `unexpected \`buildx version\` output: ${stdout.trim().slice(0, 200) || '(empty)'}`);
  const raw = m[1];
  const v = parseSemver(raw.replace(/^v/, ''), { loose: true });
  return { version: v ? `${v.major}.${v.minor}.${v.patch}` : undefined, raw };
}

export interface BuildxCaps {
  /** e.g. v0.11.2 (dev builds: the commit) */
  version: string;
  /** `docker` + `buildx …`, or the standalone `buildx` binary */
  tool: 'docker' | 'buildx';
  /** --builder NAME (an existing or a created instance) */
  builder?: string;
  metadataFile: boolean;
  buildContexts: boolean;
  secretEnv: boolean;
  attestations: boolean;
  annotations: boolean;
}

/** Minimum buildx versions per flag; a dev build is assumed to have them all. */
export const BUILDX_MIN = { metadataFile: '0.6.0', buildContexts: '0.8.0', secretEnv: '0.8.0', attestations: '0.10.0', annotations: '0.12.0' } as const;

export function buildxCaps(v: BuildxVersion, tool: 'docker' | 'buildx' = 'docker', builder?: string): BuildxCaps {
  const has = (min: string): boolean => v.version === undefined || gteSemver(v.version, min);
  return {
    version: v.raw,
    tool,
    builder: builder || undefined,
    metadataFile: has(BUILDX_MIN.metadataFile),
    buildContexts: has(BUILDX_MIN.buildContexts),
    secretEnv: has(BUILDX_MIN.secretEnv),
    attestations: has(BUILDX_MIN.attestations),
    annotations: has(BUILDX_MIN.annotations)
  };
}

export interface BuildxNode {
  name: string;
  endpoint: string;
  status: string;
  platforms: string[];
}

export interface BuildxInstance {
  name: string;
  driver: string;
  nodes: BuildxNode[];
}

/** `docker buildx inspect` text (old and new layouts) → name, driver, nodes. */
export function parseBuildxInspect(stdout: string): BuildxInstance {
  const inst: BuildxInstance = { name: '', driver: '', nodes: [] };
  let inNodes = false;
  let node: BuildxNode | undefined;
  for (const line of stdout.split(/\r?\n/)) {
    if (/^\s/.test(line)) continue; // indented blocks: labels, GC policy, features
    const m = /^([A-Za-z][A-Za-z ]*?):\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1];
    const value = m[2].trim();
    if (key === 'Nodes') inNodes = true;
    else if (key === 'Name' && !inNodes) inst.name = value;
    else if (key === 'Name') inst.nodes.push((node = { name: value, endpoint: '', status: '', platforms: [] }));
    else if (key === 'Driver') inst.driver = value;
    else if (node && key === 'Endpoint') node.endpoint = value;
    else if (node && key === 'Status') node.status = value;
    else if (node && key === 'Platforms') node.platforms = value.split(',').map((p) => p.trim().replace(/\*$/, '')).filter(Boolean);
  }
  return inst;
}
