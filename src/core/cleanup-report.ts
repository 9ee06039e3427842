/**
 * What a PR cleanup did, as step outputs (`deleted`, `kept`) and the job-summary table. Pure.
 */
import type { CleanupItem } from './cleanup.js';
import { cell } from './summary.js';
import { code, escapeMarkdown } from './markdown.js';

export type CleanupStatus = 'deleted' | 'would-delete' | 'kept' | 'missing' | 'failed';

/** A planned item after the step ran (or, in a dry run, would have run) its action. */
export interface CleanupOutcome extends CleanupItem {
  status: CleanupStatus;
}

export interface CleanupReport {
  pr: number;
  dryRun: boolean;
  outcomes: CleanupOutcome[];
  warnings: string[];
  /** targets the step could not read or clean, with the error */
  errors: string[];
}

function entry(o: CleanupOutcome): Record<string, unknown> {
  return {
    registry: o.registry,
    image: o.image,
    reference: o.reference,
    digest: o.digest,
    tags: o.tags,
    ...(o.versionId !== undefined ? { versionId: o.versionId } : {}),
    reason: o.reason
  };
}

/** `deleted`: what went (in a dry run: what would go, each with `dryRun: true`). */
export function deletedOutput(r: CleanupReport): string {
  return JSON.stringify(r.outcomes.filter((o) => o.status === 'deleted' || o.status === 'would-delete').map((o) => ({ ...entry(o), ...(o.status === 'would-delete' ? { dryRun: true } : {}) })));
}

/** `kept`: what stays although this PR's tags point at it (or a deletion failed), with the reason. */
export function keptOutput(r: CleanupReport): string {
  return JSON.stringify(r.outcomes.filter((o) => o.status === 'kept' || o.status === 'failed').map(entry));
}

const ACTION: Record<CleanupStatus, string> = {
  deleted: '🗑️ deleted',
  'would-delete': 'would delete (dry run)',
  kept: 'kept',
  missing: 'not found',
  failed: '⚠️ not deleted'
};

export function cleanupMarkdown(r: CleanupReport): string {
  const count = (s: CleanupStatus): number => r.outcomes.filter((o) => o.status === s).length;
  const done = r.dryRun ? `${count('would-delete')} would be deleted (dry run: nothing was deleted)` : `${count('deleted')} deleted`;
  const parts = [`### aim-build PR cleanup: pull request #${r.pr}`, `${done}, ${count('kept') + count('failed')} kept, ${count('missing')} not found.`];
  if (r.outcomes.length > 0) {
    const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
    const rows = r.outcomes.map((o) => line([cell(escapeMarkdown(o.registry)), cell(code(o.reference)), ACTION[o.status], cell(escapeMarkdown(o.reason))]));
    parts.push([line(['Registry', 'Reference/Digest', 'Action', 'Reason']), line(['---', '---', '---', '---']), ...rows].join('\n'));
  }
  const notes = [...r.warnings.map((w) => `> ⚠️ ${escapeMarkdown(w)}`), ...r.errors.map((e) => `> ❌ ${escapeMarkdown(e)}`)];
  if (notes.length > 0) parts.push(notes.join('\n'));
  return parts.join('\n\n') + '\n';
}
