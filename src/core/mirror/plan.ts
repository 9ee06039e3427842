/**
 * The mirror plan and report: which source goes to which target reference, and how the result is
 * told (a live line per image, a summary table, the JSON mapping output). Pure.
 */
import { InputError } from '../errors.js';
import { formatBytes } from '../bytes.js';
import { formatImageRef, parseImageRef, type ImageRef } from './image-ref.js';
import { mirrorRef, type MirrorTarget } from './mapping.js';

export interface MirrorItem {
  source: ImageRef;
  target: ImageRef;
  /** normalised source reference */
  sourceRef: string;
  /** target reference (tag and/or digest as in the source) */
  targetRef: string;
}

export type MirrorStatus = 'copied' | 'present' | 'failed';

export interface MirrorResult {
  sourceRef: string;
  targetRef: string;
  status: MirrorStatus;
  /** the image's digest (source = target) when known */
  digest?: string;
  /** platforms in the index (or the one manifest's), `os/arch[/variant]` */
  platforms: string[];
  /** blob bytes uploaded to the target */
  bytes: number;
  blobsCopied: number;
  /** mounted from another repository of the target registry (nothing sent) */
  blobsMounted: number;
  blobsPresent: number;
  ms: number;
  error?: string;
}

/** Explicit `images` lines (and/or base images already normalised) → items, de-duplicated, first seen first. */
export function planMirror(images: ReadonlyArray<{ value: string; input: string; line?: number }>, target: MirrorTarget): MirrorItem[] {
  const out: MirrorItem[] = [];
  const seen = new Map<string, string>();
  for (const { value, input, line } of images) {
    const source = parseImageRef(value, input, line);
    const sourceRef = formatImageRef(source);
    if (out.some((i) => i.sourceRef === sourceRef)) continue;
    const t = mirrorRef(source, target);
    const targetRef = formatImageRef(t);
    const other = seen.get(targetRef);
    if (other) throw new InputError(input, value, `${sourceRef} and ${other} would both be mirrored to ${targetRef}`, line);
    seen.set(targetRef, sourceRef);
    out.push({ source, target: t, sourceRef, targetRef });
  }
  return out;
}

/** `images` input lines: one reference per line (commas also separate); `#` comments. */
export function imageLines(lines: readonly string[], input = 'images'): Array<{ value: string; input: string; line: number }> {
  return lines.flatMap((l, i) =>
    l.replace(/#.*$/, '').split(',').map((v) => v.trim()).filter(Boolean).map((value) => ({ value, input, line: i + 1 }))
  );
}

/** Sizes in mirror lines and tables (two decimals below 10 units). */
export const mirrorBytes = (n: number): string => formatBytes(n, 2);

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

const short = (d?: string): string => (d ? d.slice(0, 19) : '');

/** One line per image as it finishes: `[2/8] redis:7 → h/m/redis:7: copied 2 platforms, 5 blobs, 3.1 MiB in 1.2 s`. */
export function liveLine(r: MirrorResult, index: number, total: number): string {
  const head = `[${index}/${total}] ${r.sourceRef} → ${r.targetRef}`;
  if (r.status === 'present') return `${head}: already present (${short(r.digest)}), ${formatMs(r.ms)}`;
  if (r.status === 'failed') return `${head}: FAILED: ${r.error ?? 'unknown error'}`;
  const p = r.platforms.length;
  return `${head}: copied ${p} platform${p === 1 ? '' : 's'} (${short(r.digest)}), ${r.blobsCopied} blob${r.blobsCopied === 1 ? '' : 's'} uploaded, ${r.blobsMounted} mounted, ${r.blobsPresent} already there, ${mirrorBytes(r.bytes)} in ${formatMs(r.ms)}`;
}

export interface MirrorTotals {
  copied: number;
  present: number;
  failed: number;
  total: number;
  bytes: number;
}

export function totals(results: readonly MirrorResult[]): MirrorTotals {
  return {
    copied: results.filter((r) => r.status === 'copied').length,
    present: results.filter((r) => r.status === 'present').length,
    failed: results.filter((r) => r.status === 'failed').length,
    total: results.length,
    bytes: results.reduce((s, r) => s + r.bytes, 0)
  };
}

/** The tally line, seed 002's success/failed/total in one sentence. */
export function tallyLine(results: readonly MirrorResult[], ms: number): string {
  const t = totals(results);
  return `Mirrored ${t.total} image${t.total === 1 ? '' : 's'}: ${t.copied} copied, ${t.present} already present, ${t.failed} failed; ${mirrorBytes(t.bytes)} moved in ${formatMs(ms)}`;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));

export function mirrorMarkdown(results: readonly MirrorResult[], ms: number, target: string): string {
  const icon: Record<MirrorStatus, string> = { copied: '✅ copied', present: '➖ already present', failed: '❌ failed' };
  const rows = results.map((r) => `| \`${cell(r.sourceRef)}\` | \`${cell(r.targetRef)}\` | ${icon[r.status]} | ${r.platforms.map(cell).join(', ')} | ${r.digest ? `\`${short(r.digest)}\`` : ''} | ${mirrorBytes(r.bytes)} | ${formatMs(r.ms)} |`);
  const failed = results.filter((r) => r.status === 'failed');
  return [
    `### Mirror into \`${cell(target)}\``,
    '',
    tallyLine(results, ms),
    '',
    '| Source | Target | Result | Platforms | Digest | Bytes moved | Time |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...(failed.length ? ['**Failed:**', '', ...failed.map((r) => `- \`${cell(r.sourceRef)}\`: ${cell(r.error ?? '')}`), ''] : [])
  ].join('\n');
}

/** The `mapping` output: source → target reference pinned by digest, for every image that is in the target. */
export function mappingJson(results: readonly MirrorResult[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of results) {
    if (r.status === 'failed' || !r.digest) continue;
    out[r.sourceRef] = `${r.targetRef.replace(/@sha256:[a-f0-9]{64}$/, '')}@${r.digest}`;
  }
  return out;
}

/** The exact command that mirrors `sources` into `target` (for "missing from the mirror" messages). */
export function mirrorCommand(sources: readonly string[], target: string): string {
  return `node dist/cli/index.js mirror --target ${target} ${sources.map((s) => `--images ${s}`).join(' ')}`;
}
