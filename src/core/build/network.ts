/**
 * Internal-network builds (seed 002): on a runner that cannot reach the public registries, every
 * base image of the Dockerfile resolves to its copy in an internal mirror (a Harbor project), WITHOUT
 * editing the Dockerfile:
 *  - buildx: one `--build-context <name>=docker-image://<mirror ref>` per base image (BuildKit looks
 *    a FROM image up by its familiar name, `:latest` trimmed);
 *  - buildah: a job-private registries.conf (CONTAINERS_REGISTRIES_CONF) with one mirror per
 *    repository.
 * The mirror names follow the mirror sub-action's rule (core/mirror/mapping.ts), so the images that
 * `mirror` copied are the ones found here.
 */
import { InputError } from '../errors.js';
import { familiarImageRef, formatImageRef, parseImageRef } from '../mirror/image-ref.js';
import { mirrorRef, parseMirrorTarget, type MirrorTarget } from '../mirror/mapping.js';
import { mirrorCommand } from '../mirror/plan.js';

export const NETWORK_MODES = ['auto', 'internal', 'external'] as const;
export type NetworkMode = (typeof NETWORK_MODES)[number];

export interface NetworkSettings {
  mode: NetworkMode;
  /** where the mode came from, for the log */
  modeFrom: string;
  /** the internal mirror namespace, when given */
  internal?: MirrorTarget;
  internalFrom?: string;
}

/**
 * `network` input, else AI_INFRA_NETWORK_ENV, else auto; `internal-registry` input, else
 * INTERNAL_REGISTRY. An explicit input wins over the variable.
 */
export function networkSettings(input: { network: string; internalRegistry: string }, env: { AI_INFRA_NETWORK_ENV?: string; INTERNAL_REGISTRY?: string }): NetworkSettings {
  const fromInput = input.network.trim().toLowerCase();
  const fromEnv = (env.AI_INFRA_NETWORK_ENV ?? '').trim().toLowerCase();
  let mode: string = 'auto';
  let modeFrom = 'default';
  if (fromInput && fromInput !== 'auto') [mode, modeFrom] = [fromInput, 'the network input'];
  else if (fromEnv) [mode, modeFrom] = [fromEnv, 'AI_INFRA_NETWORK_ENV'];
  if (!(NETWORK_MODES as readonly string[]).includes(mode)) throw new InputError(modeFrom === 'AI_INFRA_NETWORK_ENV' ? 'AI_INFRA_NETWORK_ENV' : 'network', mode, `expected one of ${NETWORK_MODES.join(', ')}`);
  const registry = input.internalRegistry.trim() || (env.INTERNAL_REGISTRY ?? '').trim();
  const internalFrom = input.internalRegistry.trim() ? 'internal-registry' : registry ? 'INTERNAL_REGISTRY' : undefined;
  const internal = registry ? parseMirrorTarget(registry, internalFrom) : undefined;
  if (mode === 'internal' && !internal) {
    throw new InputError('internal-registry', '', `network is internal (from ${modeFrom}) but no internal mirror is set: give internal-registry (or INTERNAL_REGISTRY), e.g. aiharbor.example.local/aihpc`);
  }
  return { mode: mode as NetworkMode, modeFrom, internal, internalFrom };
}

export interface ProbeOutcome {
  /** the public registry answered (any HTTP status) */
  reachable: boolean;
  /** what happened: `HTTP 401 in 120 ms`, `timeout after 3000 ms`, `getaddrinfo ENOTFOUND …` */
  detail: string;
}

export interface NetworkDecision {
  internal: boolean;
  reason: string;
}

/** The decision and the sentence that explains it. `probe` only for auto with an internal mirror set. */
export function decideNetwork(s: NetworkSettings, probeTarget: string, probe?: ProbeOutcome): NetworkDecision {
  if (s.mode === 'internal') return { internal: true, reason: `network: internal (from ${s.modeFrom}); base images resolve to ${mirrorName(s)}` };
  if (s.mode === 'external') return { internal: false, reason: `network: external (from ${s.modeFrom}); base images are pulled from their own registries` };
  if (!s.internal) return { internal: false, reason: 'network: external (auto, and no internal-registry / INTERNAL_REGISTRY is set, so there is nothing to switch to)' };
  if (!probe) throw new Error('decideNetwork: auto mode needs a probe');
  return probe.reachable
    ? { internal: false, reason: `network: external (auto: ${probeTarget} answered, ${probe.detail}); base images are pulled from their own registries` }
    : { internal: true, reason: `network: internal (auto: ${probeTarget} did not answer, ${probe.detail}); base images resolve to ${mirrorName(s)}` };
}

function mirrorName(s: NetworkSettings): string {
  const t = s.internal as MirrorTarget;
  return `${t.domain}${t.namespace ? `/${t.namespace}` : ''} (from ${s.internalFrom})`;
}

export interface Rewrite {
  /** the name BuildKit looks the FROM image up by (`redis:7-alpine`, `nginx`) */
  name: string;
  /** normalised source reference */
  source: string;
  /** the mirror's reference */
  mirror: string;
  mirrorDomain: string;
  /** mirror repository path below the host */
  mirrorPath: string;
  sourceRepository: string;
  file: string;
  line: number;
}

/** One rewrite per base image (already normalised and de-duplicated). Images already in the mirror's registry stay. */
export function planRewrites(bases: ReadonlyArray<{ ref: string; file: string; line: number }>, internal: MirrorTarget): Rewrite[] {
  const out: Rewrite[] = [];
  for (const b of bases) {
    const src = parseImageRef(b.ref, b.file, b.line);
    if (src.domain === internal.domain) continue;
    const m = mirrorRef(src, internal);
    out.push({ name: familiarImageRef(src).replace(/:latest(?=@|$)/, ''), source: formatImageRef(src), mirror: formatImageRef(m), mirrorDomain: m.domain, mirrorPath: m.path, sourceRepository: `${src.domain}/${src.path}`, file: b.file, line: b.line });
  }
  return out;
}

/** buildx: `name=docker-image://mirror-ref` pairs for `--build-context` (the existing build-contexts input's shape). */
export function buildContextsFor(rewrites: readonly Rewrite[]): Array<[string, string]> {
  return rewrites.map((r) => [r.name, `docker-image://${r.mirror}`]);
}

const tomlString = (s: string): string => JSON.stringify(s);

/**
 * buildah/podman: registries.conf (v2) with one `[[registry]]` per source repository and its
 * mirror; the source stays the fallback location. `insecure` for plain-HTTP (loopback) mirrors.
 */
export function registriesConf(rewrites: readonly Rewrite[], insecure: (domain: string) => boolean): string {
  const lines = [
    '# aim-build: internal-network mirrors for this job only (CONTAINERS_REGISTRIES_CONF)',
    'unqualified-search-registries = ["docker.io"]',
    'short-name-mode = "permissive"',
    ''
  ];
  const seen = new Set<string>();
  for (const r of rewrites) {
    if (seen.has(r.sourceRepository)) continue;
    seen.add(r.sourceRepository);
    lines.push('[[registry]]', `prefix = ${tomlString(r.sourceRepository)}`, `location = ${tomlString(r.sourceRepository)}`, '', '[[registry.mirror]]', `location = ${tomlString(`${r.mirrorDomain}/${r.mirrorPath}`)}`);
    if (insecure(r.mirrorDomain)) lines.push('insecure = true');
    lines.push('');
  }
  return lines.join('\n');
}

/** The summary section: the decision and each rewrite. */
export function networkMarkdown(decision: NetworkDecision, rewrites: readonly Rewrite[]): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  if (!decision.internal) return `### Network\n\n${decision.reason}\n`;
  return [
    '### Network: internal mirror',
    '',
    decision.reason,
    '',
    '| Base image (Dockerfile) | Resolved to | Where |',
    '| --- | --- | --- |',
    ...rewrites.map((r) => `| \`${cell(r.name)}\` | \`${cell(r.mirror)}\` | ${cell(r.file)}:${r.line} |`),
    ''
  ].join('\n');
}

/** The error for base images missing from the mirror, with the exact command that fixes it. */
export function missingFromMirror(missing: readonly Rewrite[], internal: MirrorTarget): string {
  const target = `${internal.domain}${internal.namespace ? `/${internal.namespace}` : ''}`;
  const list = missing.map((r) => `${r.mirror} (for ${r.name}, ${r.file}:${r.line})`).join(', ');
  return `${missing.length} base image${missing.length === 1 ? ' is' : 's are'} not in the internal mirror: ${list}. Mirror ${missing.length === 1 ? 'it' : 'them'} from a runner with internet access: ${mirrorCommand(missing.map((r) => r.source), target)} (or the org/aim-build/mirror@v1 sub-action with target: ${target})`;
}
