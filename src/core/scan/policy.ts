/**
 * The scan gate: (findings per platform, policy, now) → Verdict. A failing verdict in `block` mode
 * means no planned tag may point at the image.
 *
 * Rules, in order, for each finding:
 * 1. An ignore entry that matches and has not expired ignores it (reason names the entry).
 *    Expired entries never ignore; they are all listed in `expiredIgnores` so they can be warned about.
 * 2. `ignoreUnfixed` ignores vulnerabilities whose fix state is not `fixed` (trivy's
 *    `--ignore-unfixed`: no fixed version means unfixed). It never applies to secrets or
 *    misconfigurations: they have no "fix version" and always count at their own severity.
 * 3. Everything else is counted; it blocks when its severity is in `severities`.
 */
import { InputError } from '../errors.js';
import { type Finding, type Severity, SEVERITIES, compareFindings, emptyCounts, parseSeverity } from './findings.js';
import { type IgnoreEntry, describeIgnore, ignoreMatches, isExpired } from './ignore-file.js';

export type PolicyMode = 'block' | 'warn';

export interface ScanPolicy {
  /** severities that fail the gate, e.g. ['CRITICAL', 'HIGH'] */
  severities: Severity[];
  ignoreUnfixed: boolean;
  /** `block`: a failing verdict stops tagging; `warn`: it is reported only */
  mode: PolicyMode;
  ignores: IgnoreEntry[];
}

export interface IgnoredFinding {
  finding: Finding;
  reason: string;
  /** the ignore entry that matched; absent when ignore-unfixed did it */
  entry?: IgnoreEntry;
}

export interface Verdict {
  /** no blocking findings on any platform */
  pass: boolean;
  /** `!pass && mode === 'block'`: the caller must not write tags */
  blocked: boolean;
  mode: PolicyMode;
  /** per platform, per severity: findings that were not ignored (every severity, not only blocking ones) */
  counts: Record<string, Record<Severity, number>>;
  /** findings at a blocking severity, each with `platform` set, most severe first */
  blocking: Finding[];
  ignored: IgnoredFinding[];
  /** entries past their `exp:` date: they ignored nothing; warn so someone re-triages them */
  expiredIgnores: IgnoreEntry[];
}

export function evaluate(findingsByPlatform: Record<string, Finding[]>, policy: ScanPolicy, now: Date): Verdict {
  const expiredIgnores = policy.ignores.filter((e) => isExpired(e, now));
  const active = policy.ignores.filter((e) => !isExpired(e, now));
  const blockingSet = new Set(policy.severities);
  const counts: Record<string, Record<Severity, number>> = {};
  const blocking: Finding[] = [];
  const ignored: IgnoredFinding[] = [];
  for (const [platform, findings] of Object.entries(findingsByPlatform)) {
    counts[platform] = emptyCounts();
    for (const raw of findings) {
      const finding: Finding = { ...raw, platform };
      const why = ignoreReason(finding, active, policy.ignoreUnfixed);
      if (why) {
        ignored.push({ finding, ...why });
        continue;
      }
      counts[platform][finding.severity]++;
      if (blockingSet.has(finding.severity)) blocking.push(finding);
    }
  }
  blocking.sort(compareFindings);
  const pass = blocking.length === 0;
  return { pass, blocked: !pass && policy.mode === 'block', mode: policy.mode, counts, blocking, ignored, expiredIgnores };
}

function ignoreReason(finding: Finding, active: IgnoreEntry[], ignoreUnfixed: boolean): Omit<IgnoredFinding, 'finding'> | undefined {
  const entry = active.find((e) => ignoreMatches(e, finding));
  if (entry) return { reason: `ignored by ${describeIgnore(entry)}${entry.reason ? `: ${entry.reason}` : ''}`, entry };
  if (ignoreUnfixed && finding.kind === 'vulnerability' && finding.fixState !== 'fixed') {
    return { reason: `no fixed version (${finding.fixState}) and ignore-unfixed is on` };
  }
  return undefined;
}

/**
 * Parse the `severity` input: a comma/space/newline separated list, any case (`critical,HIGH`).
 * @throws InputError naming the unknown word
 */
export function parseSeverityList(text: string, input = 'severity'): Severity[] {
  const words = text.split(/[\s,]+/).filter((w) => w !== '');
  const out: Severity[] = [];
  for (const word of words) {
    const severity = parseSeverity(word);
    if (!severity) throw new InputError(input, word, `use one or more of ${SEVERITIES.join(', ')}`);
    if (!out.includes(severity)) out.push(severity);
  }
  return out;
}

/** Parse the `mode` input. @throws InputError for anything but `block` or `warn` */
export function parsePolicyMode(text: string, input = 'scan-mode'): PolicyMode {
  const mode = text.trim().toLowerCase();
  if (mode === 'block' || mode === 'warn') return mode;
  throw new InputError(input, text, "use 'block' (a failing scan stops tagging) or 'warn' (report only)");
}
