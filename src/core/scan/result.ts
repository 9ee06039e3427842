/**
 * The `scan-result` output: one JSON document a later step (or a human) can act on without
 * re-reading the SARIF. Counts per severity per platform, the blocking findings with what to
 * upgrade to, and what was ignored and why.
 */
import { type Finding, type Severity } from './findings.js';
import { describeIgnore } from './ignore-file.js';
import type { Verdict } from './policy.js';
import type { ScannerChoice } from './scanners.js';

/** `pass`; `blocked` (mode block: no tag may be written); `warn` (failed, mode warn); `skipped` (`scan: none`) */
export type VerdictWord = 'pass' | 'blocked' | 'warn' | 'skipped';

export interface BlockingFindingJson {
  platform: string;
  id: string;
  severity: Severity;
  kind: Finding['kind'];
  package?: string;
  installedVersion?: string;
  fixedVersion?: string;
  path?: string;
  layer?: string;
  title: string;
}

export interface ScanResultJson {
  verdict: VerdictWord;
  pass: boolean;
  blocked: boolean;
  mode: Verdict['mode'];
  scanner: ScannerChoice;
  scannerVersion: string;
  /** platform → severity → findings that were not ignored */
  counts: Record<string, Record<Severity, number>>;
  blocking: BlockingFindingJson[];
  ignored: number;
  expiredIgnores: string[];
  /** path of the SARIF file (empty with `scan: none`) */
  sarifFile: string;
}

export function verdictWord(v: Verdict, scanner: ScannerChoice): VerdictWord {
  if (scanner === 'none') return 'skipped';
  if (v.pass) return 'pass';
  return v.blocked ? 'blocked' : 'warn';
}

export function scanResultJson(v: Verdict, meta: { scanner: ScannerChoice; scannerVersion: string; sarifFile: string }): ScanResultJson {
  const blocking = v.blocking.map((f): BlockingFindingJson => {
    const out: BlockingFindingJson = { platform: f.platform ?? '', id: f.id, severity: f.severity, kind: f.kind, title: f.title };
    if (f.pkgName) out.package = f.pkgName;
    if (f.installedVersion) out.installedVersion = f.installedVersion;
    if (f.fixedVersion) out.fixedVersion = f.fixedVersion;
    if (f.path) out.path = f.path;
    if (f.layer) out.layer = f.layer;
    return out;
  });
  return {
    verdict: verdictWord(v, meta.scanner),
    pass: v.pass,
    blocked: v.blocked,
    mode: v.mode,
    scanner: meta.scanner,
    scannerVersion: meta.scannerVersion,
    counts: v.counts,
    blocking,
    ignored: v.ignored.length,
    expiredIgnores: v.expiredIgnores.map(describeIgnore),
    sarifFile: meta.sarifFile
  };
}

/** Identity of a finding on a platform, to tell ignored findings apart from counted ones. */
export function findingKey(f: Finding): string {
  return JSON.stringify([f.platform ?? '', f.kind, f.id, f.pkgName ?? '', f.installedVersion ?? '', f.path ?? f.target, f.layer ?? '', f.line ?? 0]);
}

/** The findings the verdict counted (every severity), platform set: what goes into the SARIF. */
export function countedFindings(byPlatform: Record<string, Finding[]>, v: Verdict): Finding[] {
  const ignored = new Map<string, number>();
  for (const i of v.ignored) ignored.set(findingKey(i.finding), (ignored.get(findingKey(i.finding)) ?? 0) + 1);
  const out: Finding[] = [];
  for (const [platform, findings] of Object.entries(byPlatform)) {
    for (const raw of findings) {
      const f = { ...raw, platform };
      const key = findingKey(f);
      const n = ignored.get(key) ?? 0;
      if (n > 0) ignored.set(key, n - 1);
      else out.push(f);
    }
  }
  return out;
}

/** One line for the failed step: how many, which platforms, the first few with what fixes them. */
export function verdictMessage(v: Verdict, blockedOutcome = 'blocked: no tag was written'): string {
  if (v.pass) return 'scan gate passed';
  const platforms = [...new Set(v.blocking.map((f) => f.platform ?? '?'))];
  const shown = v.blocking.slice(0, 3).map((f) => {
    const what = f.pkgName ? `${f.pkgName} ${f.installedVersion ?? ''}`.trimEnd() : (f.path ?? f.target);
    const fix = f.fixedVersion ? `, fixed in ${f.fixedVersion}` : '';
    return `${f.id} (${f.severity}) in ${what}${fix} [${f.platform ?? '?'}]`;
  });
  const more = v.blocking.length > shown.length ? `; and ${v.blocking.length - shown.length} more` : '';
  const outcome = v.blocked ? blockedOutcome : 'failed (scan-mode: warn, not blocking)';
  return `scan gate ${outcome}. ${v.blocking.length} blocking finding${v.blocking.length === 1 ? '' : 's'} on ${platforms.join(', ')}: ${shown.join('; ')}${more}. See the job summary and the SARIF file`;
}
