/**
 * The normalized scan model every scanner (trivy, grype, SARIF, the builtin secret scanner) is
 * mapped into, so policy, summary and SARIF output never look at a tool's own shape.
 */

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type FindingKind = 'vulnerability' | 'secret' | 'misconfig';

/** `fixed`: a fixed version exists; `not-fixed`: affected, no fix yet; `wont-fix`: the vendor will not fix. */
export type FixState = 'fixed' | 'not-fixed' | 'wont-fix' | 'unknown';

export type ScannerName = 'trivy' | 'grype' | 'builtin' | 'sarif';

export interface Finding {
  kind: FindingKind;
  /** CVE / GHSA id for vulnerabilities, rule id (`private-key`, `root-user`) otherwise */
  id: string;
  /** other ids for the same issue (grype `relatedVulnerabilities`, trivy `VendorIDs`); ignore entries match them too */
  aliases?: string[];
  severity: Severity;
  /** package name (vulnerabilities only) */
  pkgName?: string;
  installedVersion?: string;
  /** fixed version(s); several are joined by `, ` (trivy's own style) */
  fixedVersion?: string;
  /** only meaningful for vulnerabilities; secrets and misconfigs are always `unknown` */
  fixState: FixState;
  title: string;
  /** what the scanner scanned: trivy `Target`, grype `source.target`, or the file path for file findings */
  target: string;
  /** file inside the image (package DB, lockfile, the leaking file), absolute when known */
  path?: string;
  /** 1-based line inside `path`, when known */
  line?: number;
  /** digest of the image layer that holds the file, when known */
  layer?: string;
  /** `linux/amd64` etc.; filled in by the caller that knows which platform image was scanned */
  platform?: string;
  /** redacted evidence for secrets (a short prefix and the length, never the value) */
  match?: string;
  scanner: ScannerName;
}

export interface ScannerInfo {
  name: ScannerName;
  /** tool version as reported by the tool; `unknown` when the report does not say */
  version: string;
}

export interface ScanReport {
  scanner: ScannerInfo;
  /** what was scanned (image reference, tarball path, directory) as the report names it */
  artifactName: string;
  findings: Finding[];
}

/** A scanner report that is not JSON or does not have the shape of that tool's report. */
export class ScanReportError extends Error {
  constructor(
    readonly tool: string,
    readonly file: string,
    readonly detail: string
  ) {
    super(`${tool} report '${file}': ${detail}`);
    this.name = 'ScanReportError';
  }
}

const SEVERITY_ALIASES: Record<string, Severity> = {
  CRITICAL: 'CRITICAL',
  HIGH: 'HIGH',
  MEDIUM: 'MEDIUM',
  MODERATE: 'MEDIUM',
  LOW: 'LOW',
  NEGLIGIBLE: 'LOW',
  UNKNOWN: 'UNKNOWN'
};

/** `High`, `high`, `HIGH` → HIGH; grype `Negligible` → LOW; GitHub `moderate` → MEDIUM; anything else → UNKNOWN. */
export function normalizeSeverity(raw: unknown): Severity {
  if (typeof raw !== 'string') return 'UNKNOWN';
  return SEVERITY_ALIASES[raw.trim().toUpperCase()] ?? 'UNKNOWN';
}

/** Strict variant for user input: undefined when `raw` is not one of the five names (any case). */
export function parseSeverity(raw: string): Severity | undefined {
  const upper = raw.trim().toUpperCase();
  return (SEVERITIES as readonly string[]).includes(upper) ? (upper as Severity) : undefined;
}

/** 0 for CRITICAL … 4 for UNKNOWN; sorts the most severe first. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function emptyCounts(): Record<Severity, number> {
  return { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 };
}

/** Copies of `findings` tagged with `platform`. */
export function withPlatform(findings: readonly Finding[], platform: string): Finding[] {
  return findings.map((f) => ({ ...f, platform }));
}

/** Most severe first, then platform, id, package, path: a stable order for tables and SARIF. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    cmp(a.platform ?? '', b.platform ?? '') ||
    cmp(a.id, b.id) ||
    cmp(a.pkgName ?? '', b.pkgName ?? '') ||
    cmp(a.path ?? a.target, b.path ?? b.target)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- small shape helpers shared by the report parsers ----

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** An array or `[]` when absent/null; anything else is a shape error reported by `fail`. */
export function arr(value: unknown, what: string, fail: (detail: string) => never): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return fail(`${what} is ${describe(value)}, expected an array`);
  return value;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** JSON.parse that names the tool and file on failure. */
export function parseJsonReport(text: string, tool: string, file: string, hint: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    const head = text.trimStart().slice(0, 40).replace(/\s+/g, ' ');
    throw new ScanReportError(tool, file, `not JSON (${why}; starts with '${head}'). ${hint}`);
  }
}
