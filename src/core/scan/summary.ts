/**
 * Markdown for the job summary and the PR comment. The first line is a hidden, stable marker so
 * the PR-comment adapter can find its earlier comment and update it instead of adding another.
 */
import { type Finding, type Severity, SEVERITIES } from './findings.js';
import { describeIgnore } from './ignore-file.js';
import type { Verdict } from './policy.js';
import { escapeMarkdown } from '../markdown.js';

export const SCAN_MARKER = '<!-- aim-build:scan -->';

export interface SummaryOptions {
  /** most blocking-finding rows to show; the rest become "…and N more" (default 20) */
  maxRows?: number;
  /** heading text before the verdict (default `Image scan`) */
  heading?: string;
  /** verdict text when blocked (default `❌ blocked — no tag was written`); the scan sub-action on an image already in a registry says something else */
  blockedText?: string;
}

/** A table cell of scanner text: markdown-escaped (core/markdown.ts), `|` escaped. */
export function escapeCell(text: string): string {
  return escapeMarkdown(text).replace(/\|/g, '\\|').trim();
}

export function renderScanSummary(verdict: Verdict, options: SummaryOptions = {}): string {
  const lines = [SCAN_MARKER, `### ${escapeCell(options.heading ?? 'Image scan')}: ${overall(verdict, options.blockedText)}`, ''];
  lines.push(...countsTable(verdict), '');
  if (verdict.blocking.length > 0) lines.push(...blockingTable(verdict.blocking, options.maxRows ?? 20), '');
  lines.push(...footer(verdict));
  while (lines[lines.length - 1] === '') lines.pop();
  return `${lines.join('\n')}\n`;
}

function overall(v: Verdict, blockedText = '❌ blocked — no tag was written'): string {
  if (v.pass) return '✅ passed';
  return v.blocked ? blockedText : '⚠️ failed (mode: warn — tags were still written)';
}

function platformVerdict(v: Verdict, platform: string): string {
  if (!v.blocking.some((f) => f.platform === platform)) return '✅ pass';
  return v.mode === 'block' ? '❌ blocked' : '⚠️ fail (warn)';
}

function countsTable(v: Verdict): string[] {
  const platforms = Object.keys(v.counts);
  const showUnknown = platforms.some((p) => v.counts[p].UNKNOWN > 0);
  const severities: Severity[] = SEVERITIES.filter((s) => s !== 'UNKNOWN' || showUnknown);
  const rows = platforms.map((p) => row([escapeCell(p), ...severities.map((s) => String(v.counts[p][s])), platformVerdict(v, p)]));
  if (rows.length === 0) rows.push(row(['(no platform scanned)', ...severities.map(() => '-'), '-']));
  return [row(['Platform', ...severities, 'Verdict']), row(['---', ...severities.map(() => '---:'), '---']), ...rows];
}

function blockingTable(blocking: Finding[], maxRows: number): string[] {
  const shown = blocking.slice(0, Math.max(0, maxRows));
  const lines = [
    `**Blocking findings (${blocking.length})**`,
    '',
    row(['Platform', 'Package', 'Installed', 'ID', 'Severity', 'Fixed version']),
    row(['---', '---', '---', '---', '---', '---']),
    ...shown.map((f) =>
      row([
        f.platform ?? '-',
        f.pkgName ?? f.path ?? f.target,
        f.installedVersion ?? '-',
        f.id,
        f.severity,
        f.fixedVersion ?? (f.kind === 'vulnerability' ? `none (${f.fixState})` : '-')
      ].map(cell))
    )
  ];
  const rest = blocking.length - shown.length;
  if (rest > 0) lines.push('', `_…and ${rest} more blocking finding${rest === 1 ? '' : 's'} (see the SARIF or JSON report)._`);
  return lines;
}

function footer(v: Verdict): string[] {
  const lines: string[] = [];
  if (v.ignored.length > 0) {
    const byEntry = v.ignored.filter((i) => i.entry !== undefined).length;
    const unfixed = v.ignored.length - byEntry;
    lines.push(`${v.ignored.length} finding${v.ignored.length === 1 ? '' : 's'} ignored (${byEntry} by ignore entries, ${unfixed} without a fixed version).`);
  }
  if (v.expiredIgnores.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push('**Expired ignore entries** (they no longer ignore anything; re-triage or remove them):', '');
    lines.push(...v.expiredIgnores.map((e) => `- ${escapeCell(describeIgnore(e))}`));
  }
  return lines;
}

function cell(text: string): string {
  return text === '' ? '-' : escapeCell(text);
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}
