/**
 * The reusable workflow's one summary (and PR comment): what the event produced — pushed with the
 * references and the digest, or built and scanned only (and why), or which job failed — plus the
 * scan verdict of every platform job. Pure: the `summary` sub-action reads the inputs and files.
 */
import { SEVERITIES, type Severity } from './scan/findings.js';
import type { BlockingFindingJson, ScanResultJson } from './scan/result.js';
import { parseMergePlan, type MergePlan } from './merge.js';
import { table } from './summary.js';
import { code, escapeMarkdown } from './markdown.js';

export interface WorkflowEvent {
  name: string;
  ref: string;
  sha: string;
}

export interface WorkflowReport {
  plan: MergePlan;
  event?: WorkflowEvent;
  /** the plan job's push decision */
  push: boolean;
  /** the merge job's index digest ('' when nothing was merged) */
  digest: string;
  /** `needs.<job>.result`: success, failure, cancelled, skipped ('' when unknown) */
  build: string;
  merge: string;
  /** the `scan-result` output of every platform job */
  scans: ScanResultJson[];
}

/** The plan JSON's event, when it has one (the meta `plan` output does). */
export function planEvent(text: string): WorkflowEvent | undefined {
  try {
    const e = (JSON.parse(text) as { event?: Partial<WorkflowEvent> }).event;
    return e && typeof e.name === 'string' && typeof e.ref === 'string' ? { name: e.name, ref: e.ref, sha: typeof e.sha === 'string' ? e.sha : '' } : undefined;
  } catch {
    return undefined;
  }
}

export function parseReportPlan(text: string): { plan: MergePlan; event?: WorkflowEvent } {
  return { plan: parseMergePlan(text, true), event: planEvent(text) };
}

/** A `scan-result` JSON document, or undefined when it is not one. */
export function parseScanResult(text: string): ScanResultJson | undefined {
  try {
    const r = JSON.parse(text) as Partial<ScanResultJson>;
    if (typeof r.verdict !== 'string' || typeof r.counts !== 'object' || r.counts === null) return undefined;
    return { ...r, blocking: Array.isArray(r.blocking) ? r.blocking : [] } as ScanResultJson;
  } catch {
    return undefined;
  }
}


type Outcome = 'pushed' | 'built' | 'failed';

export function outcome(r: WorkflowReport): Outcome {
  if (r.build !== 'success') return 'failed';
  if (!r.push) return 'built';
  return r.merge === 'success' && r.digest !== '' ? 'pushed' : 'failed';
}

const RESULT_ICON: Record<string, string> = { success: '✅', failure: '❌', cancelled: '🚫', skipped: '⏭️' };
const result = (value: string, skippedWhy = ''): string => (value ? `${RESULT_ICON[value] ?? ''} ${value}${value === 'skipped' && skippedWhy ? ` (${skippedWhy})` : ''}`.trim() : '-');

function headline(r: WorkflowReport): string {
  const version = r.plan.version ? code(r.plan.version) : 'image';
  switch (outcome(r)) {
    case 'pushed':
      return `### aim-build: ${version} ✅ pushed and tagged`;
    case 'built':
      return `### aim-build: ${version} 🔨 built and scanned, not pushed`;
    default:
      return `### aim-build: ${version} ❌ ${r.build !== 'success' ? 'a build job did not succeed' : 'not tagged: the merge job did not succeed'}; nothing was tagged`;
  }
}

function scanSection(scans: ScanResultJson[]): string[] {
  if (scans.length === 0) return ['Scan: no per-platform result reached this job (scan: none, or the build jobs stopped before scanning).'];
  const counts = Object.fromEntries(scans.flatMap((s) => Object.entries(s.counts).map(([platform, c]) => [platform, { c, s }] as const)));
  const platforms = Object.keys(counts).sort();
  const severities: Severity[] = SEVERITIES.filter((v) => v !== 'UNKNOWN' || platforms.some((p) => (counts[p].c[v] ?? 0) > 0));
  const verdictOf = (p: string, s: ScanResultJson): string => {
    if (s.verdict === 'skipped') return '⏭️ skipped';
    if (!s.blocking.some((b) => b.platform === p)) return '✅ pass';
    return s.mode === 'warn' ? '⚠️ fail (warn)' : '❌ blocked';
  };
  const rows = platforms.map((p) => [p, ...severities.map((v) => String(counts[p].c[v] ?? 0)), verdictOf(p, counts[p].s)]);
  const parts = [`**Scan** (${[...new Set(scans.map((s) => `${s.scanner}${s.scannerVersion && s.scannerVersion !== 'builtin' ? ` ${s.scannerVersion}` : ''}`))].join(', ')})`, '', table(['Platform', ...severities, 'Verdict'], rows)];
  const blocking: BlockingFindingJson[] = scans.flatMap((s) => s.blocking);
  if (blocking.length > 0) {
    const shown = blocking.slice(0, 10).map((b) => [b.platform, b.package ?? b.path ?? '-', b.id, b.severity, b.fixedVersion ?? '-'].map(escapeMarkdown));
    parts.push('', `**Blocking findings (${blocking.length})**`, '', table(['Platform', 'Package or path', 'ID', 'Severity', 'Fixed version'], shown));
    if (blocking.length > shown.length) parts.push('', `_…and ${blocking.length - shown.length} more (see each build job's summary and the code scanning alerts)._`);
  }
  return parts;
}

function referencesSection(r: WorkflowReport): string[] {
  const refs = r.plan.targets.flatMap((t) => t.references.map((x) => x.ref));
  if (refs.length === 0) return ['No images were given, so the image was built and scanned only.'];
  if (outcome(r) === 'pushed') {
    const first = r.plan.targets.find((t) => t.kind !== 'acr') ?? r.plan.targets[0];
    return [
      `**Images** — one index, digest \`${r.digest}\``,
      '',
      table(['Reference'], refs.map((ref) => [code(ref)])),
      '',
      `Pull by digest: ${code(`${first.image}@${r.digest}`)}`
    ];
  }
  const why = r.push ? 'nothing was tagged' : 'the push decision was false for this event (a pull request from a fork, or `push: false`; the plan job logs why)';
  return [`**Planned references** (not written: ${why})`, '', table(['Reference'], refs.map((ref) => [code(ref)]))];
}

export function workflowMarkdown(r: WorkflowReport): string {
  const ev = r.event ? `Event ${code(r.event.name)} on ${code(r.event.ref)}${r.event.sha ? ` (${escapeMarkdown(r.event.sha.slice(0, 7))})` : ''}.` : '';
  const jobs = table(['Job', 'Result'], [
    ['build (one job per platform, scan gate before any push)', result(r.build)],
    ['merge (one index, then the tags)', result(r.merge, r.push ? 'a build job did not succeed' : 'not pushing')]
  ]);
  return [headline(r), ev, jobs, referencesSection(r).join('\n'), scanSection(r.scans).join('\n')].filter(Boolean).join('\n\n') + '\n';
}
