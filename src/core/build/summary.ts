/** Job-summary markdown for a build: builder and why, platforms with digests and sizes, what went where. */
import { table } from '../summary.js';
import { code } from '../markdown.js';
import type { BuildResult } from './result.js';
import { sizeMarkdown } from './image-size.js';
import { formatBytes } from '../bytes.js';

/** Sizes in the build summary (one decimal below 10 units). */
export const humanBytes = (n: number): string => formatBytes(n, 1);

const short = (digest: string): string => `\`${digest.slice(0, 19)}…\``;

export function buildMarkdown(r: BuildResult): string {
  const parts = [
    '### aim-build image',
    `Builder: **${r.builder}** (${r.builderReason}). Cache: ${r.cache.note}. Build ${(r.timings.buildMs / 1000).toFixed(1)} s` +
      (r.pushed ? `, push ${(r.timings.pushMs / 1000).toFixed(1)} s.` : '.'),
    `${r.pushed ? (r.byDigest ? 'Pushed by digest, no tags (push-by-digest)' : 'Pushed') : 'Not pushed'}: ${r.pushReason}. Digest \`${r.digest}\``,
    table(
      ['Platform', 'Manifest digest', 'Image size'],
      r.platforms.map((p) => [p.platform, short(p.digest), humanBytes(p.imageSize)])
    )
  ];
  if (r.imageSizes) parts.push(sizeMarkdown(r.imageSizes));
  if (r.skippedPlatforms.length > 0) parts.push(`> ⚠️ Not built: ${r.skippedPlatforms.join(', ')}`);
  if (r.targets.length > 0) {
    const note = (t: BuildResult['targets'][number]): string => (t.dropped ? `${t.dropped} attestation(s) left out` : '');
    const already = (t: BuildResult['targets'][number], ref: string): string =>
      t.unchanged?.some((tag) => ref === `${t.image}:${tag}`) ? 'already there: nothing written (same image)' : '';
    const rows = r.targets.flatMap((t) => [
      ...(t.references.length > 0
        ? t.references.map((ref) => [t.registry, code(ref), short(t.digest), [already(t, ref), note(t)].filter(Boolean).join('; ')])
        : [[t.registry, code(`${t.image}@${t.digest}`), short(t.digest), ['by digest', note(t)].filter(Boolean).join('; ')]]),
      ...(t.held ?? []).map((h) => [t.registry, code(`${t.image}:${h.tag}`), h.on ? short(h.on) : '—', h.reason])
    ]);
    parts.push(table(['Registry', 'Reference', 'Digest', 'Note'], rows));
    parts.push(registryTable(r.targets));
  }
  if (r.notes.length > 0) parts.push(r.notes.map((n) => `> ${n}`).join('\n'));
  return parts.join('\n\n') + '\n';
}

/** One row per target registry: status, digest, tags written, bytes moved, time. */
export function registryTable(targets: BuildResult['targets']): string {
  const status = (t: BuildResult['targets'][number]): string => (t.error ? `${t.status}: ${t.error}` : t.status);
  return table(
    ['Registry', 'Image', 'Status', 'Digest', 'Tags written', 'Bytes moved', 'Time'],
    targets.map((t) => [
      t.registry,
      code(t.image),
      status(t),
      t.digest ? short(t.digest) : '—',
      t.written.length > 0 ? t.written.map(code).join(' ') : '—',
      humanBytes(t.bytes),
      t.ms > 0 ? `${(t.ms / 1000).toFixed(1)} s` : '—'
    ])
  );
}
