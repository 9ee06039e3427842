/**
 * Image size and how it changed (issue 11 §4): each platform's compressed size (config + layers,
 * as the manifests say) next to the image the comparison tag (`latest`, or on a pull request the
 * base branch's tag) points to in the first target registry. Pure: the adapter
 * (adapters/registry/image-size.ts) reads the manifests and hands their text here.
 */
import { isAttestation, parseJson, platformString, type ImageIndex, type ImageManifest } from '../oci.js';
import { sanitizeTag } from '../reference.js';
import { code, escapeMarkdown } from '../markdown.js';
import { table } from '../summary.js';
import { humanBytes } from './summary.js';

/** What the new image is compared with: a tag of the first target and why that tag. */
export interface SizeBaseline {
  image: string;
  tag: string;
  why: string;
}

/**
 * `latest` as the plan names it (flavor prefix/suffix included); on a pull request with a base
 * branch, the branch tag `type=ref,event=branch` gives that branch. ACR component targets prefix it.
 */
export function sizeBaseline(opts: { image: string; tagPrefix: string; latestTag: string; pullRequest: boolean; baseBranch?: string }): SizeBaseline {
  if (opts.pullRequest && opts.baseBranch) {
    return { image: opts.image, tag: `${opts.tagPrefix}${sanitizeTag(opts.baseBranch)}`, why: `the pull request's base branch ${opts.baseBranch}` };
  }
  return { image: opts.image, tag: `${opts.tagPrefix}${opts.latestTag}`, why: 'the latest tag' };
}

/** config + layers of one image manifest, in bytes; a manifest without sizes is an error. */
export function manifestImageSize(text: string, what: string): number {
  const m = parseJson<ImageManifest>(text, what);
  const descs = [m.config, ...(Array.isArray(m.layers) ? m.layers : [])];
  let total = 0;
  for (const d of descs) {
    const size = (d as { size?: unknown } | undefined)?.size;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw new Error(`${what} lists a config or layer without a valid size`);
    total += size;
  }
  return total;
}

/** The platform manifests an index lists (attestations left out): platform → manifest digest. */
export function indexPlatforms(text: string, what: string): Array<{ platform: string; digest: string }> {
  const index = parseJson<ImageIndex>(text, what);
  if (!Array.isArray(index.manifests)) throw new Error(`${what} lists no manifests`);
  return index.manifests.filter((d) => !isAttestation(d) && d.platform).map((d) => ({ platform: platformString(d.platform!), digest: d.digest }));
}

export interface PlatformSize {
  platform: string;
  /** config + layers, compressed, in bytes */
  size: number;
  /** the comparison image's size for this platform; undefined: new (no such platform there) */
  before?: number;
  /** size − before; undefined when new */
  delta?: number;
}

export interface SizeReport {
  baseline: SizeBaseline;
  /** the comparison tag exists (false: every platform is new) */
  found: boolean;
  /** digest the comparison tag named */
  baselineDigest?: string;
  platforms: PlatformSize[];
}

/**
 * Per platform: the new size, the old one and the change. `previous` is platform → size of the
 * comparison image (undefined: the tag does not exist). A single-manifest comparison image whose
 * platform the manifest cannot say is keyed `''` and matches a single-platform build.
 */
export function compareSizes(current: ReadonlyArray<{ platform: string; imageSize: number }>, previous: Readonly<Record<string, number>> | undefined): PlatformSize[] {
  return current.map((p) => {
    const before = previous ? (previous[p.platform] ?? (current.length === 1 ? previous[''] : undefined)) : undefined;
    return before === undefined ? { platform: p.platform, size: p.imageSize } : { platform: p.platform, size: p.imageSize, before, delta: p.imageSize - before };
  });
}

/** `+1.2 MiB (+3.4%)`, `−512 B (−0.1%)`, `no change`. */
export function formatDelta(delta: number, before: number): string {
  if (delta === 0) return 'no change';
  const sign = delta > 0 ? '+' : '−';
  const pct = before > 0 ? ` (${sign}${((Math.abs(delta) / before) * 100).toFixed(1)}%)` : '';
  return `${sign}${humanBytes(Math.abs(delta))}${pct}`;
}

/** The job-summary section: one row per platform with exact byte counts next to the readable ones. */
export function sizeMarkdown(r: SizeReport): string {
  const ref = code(`${r.baseline.image}:${r.baseline.tag}`);
  const head = r.found
    ? `Compared with ${ref} (${escapeMarkdown(r.baseline.why)})${r.baselineDigest ? `, ${code(r.baselineDigest)}` : ''}.`
    : `${ref} (${escapeMarkdown(r.baseline.why)}) does not exist yet: every platform is new.`;
  const rows = r.platforms.map((p) => [
    code(p.platform),
    `${humanBytes(p.size)} (${p.size} B)`,
    p.before === undefined ? '—' : `${humanBytes(p.before)} (${p.before} B)`,
    p.delta === undefined || p.before === undefined ? 'new' : `${formatDelta(p.delta, p.before)} (${p.delta > 0 ? '+' : ''}${p.delta} B)`
  ]);
  return ['#### Image size', head, table(['Platform', 'Compressed size', 'Before', 'Change'], rows)].join('\n\n');
}

/** The `metadata` output's `imageSizes` entry. */
export function sizeJson(r: SizeReport): object {
  return {
    comparedWith: `${r.baseline.image}:${r.baseline.tag}`,
    found: r.found,
    ...(r.baselineDigest ? { comparedDigest: r.baselineDigest } : {}),
    platforms: Object.fromEntries(r.platforms.map((p) => [p.platform, { size: p.size, ...(p.before !== undefined ? { before: p.before, delta: p.delta } : { new: true }) }]))
  };
}
