/**
 * grype `-o json` → Finding[]. `matches` is always written by grype (possibly `[]`); severities
 * are Title case (`High`, `Negligible`); `fix.state` is `fixed`, `not-fixed`, `wont-fix`,
 * `unknown` or `""`.
 */
import {
  type Finding,
  type FixState,
  type JsonObject,
  type ScanReport,
  ScanReportError,
  arr,
  describe,
  isObject,
  normalizeSeverity,
  parseJsonReport,
  str
} from './findings.js';

const HINT = 'Run grype with `-o json`.';

const FIX_STATE: Record<string, FixState> = {
  fixed: 'fixed',
  'not-fixed': 'not-fixed',
  'wont-fix': 'wont-fix',
  unknown: 'unknown'
};

/**
 * Parse a grype JSON report. `file` only names the report in errors.
 * @throws ScanReportError when `text` is not JSON or has no `matches` array
 */
export function parseGrypeJson(text: string, file: string): ScanReport {
  const fail = (detail: string): never => {
    throw new ScanReportError('grype', file, detail);
  };
  const doc = parseJsonReport(text, 'grype', file, HINT);
  if (!isObject(doc)) return fail(`top level is ${describe(doc)}, expected a grype report object. ${HINT}`);
  if (!('matches' in doc)) {
    return fail(`no 'matches': this is not a grype JSON report${'SchemaVersion' in doc ? ' (it looks like trivy output)' : ''}. ${HINT}`);
  }
  if (!Array.isArray(doc.matches)) return fail(`'matches' is ${describe(doc.matches)}, expected an array`);
  const artifactName = sourceName(doc.source);
  const findings = doc.matches.map((m, i) => match(m, `matches[${i}]`, artifactName, fail));
  const descriptor = isObject(doc.descriptor) ? doc.descriptor : {};
  return { scanner: { name: 'grype', version: str(descriptor.version) ?? 'unknown' }, artifactName, findings };
}

/** `source.target` is an object for images (`userInput`) and a plain string for directories. */
function sourceName(source: unknown): string {
  if (!isObject(source)) return '';
  if (typeof source.target === 'string') return source.target;
  return isObject(source.target) ? (str(source.target.userInput) ?? '') : '';
}

function match(m: unknown, where: string, artifactName: string, fail: (d: string) => never): Finding {
  if (!isObject(m)) return fail(`${where} is ${describe(m)}, expected an object`);
  const v = m.vulnerability;
  const a = m.artifact;
  if (!isObject(v) || !str(v.id)) return fail(`${where}.vulnerability has no id`);
  if (!isObject(a) || !str(a.name)) return fail(`${where}.artifact has no name`);
  const fix = isObject(v.fix) ? v.fix : {};
  const versions = arr(fix.versions, `${where}.vulnerability.fix.versions`, fail).filter((x): x is string => typeof x === 'string' && x !== '');
  const related = arr(m.relatedVulnerabilities, `${where}.relatedVulnerabilities`, fail).filter(isObject);
  const aliases = [...new Set(related.map((r) => str(r.id)).filter((id): id is string => !!id && id !== v.id))];
  const location = firstLocation(a, where, fail);
  const id = v.id as string;
  return {
    kind: 'vulnerability',
    id,
    ...(aliases.length > 0 ? { aliases } : {}),
    severity: normalizeSeverity(v.severity),
    pkgName: a.name as string,
    installedVersion: str(a.version),
    fixedVersion: versions.length > 0 ? versions.join(', ') : undefined,
    fixState: fixStateOf(str(fix.state), versions.length > 0),
    title: titleOf(v, related, id),
    target: artifactName,
    path: str(location.path),
    layer: str(location.layerID),
    scanner: 'grype'
  };
}

/** `""` and unknown words fall back to `unknown`, except that listed fix versions mean fixed. */
function fixStateOf(state: string | undefined, hasVersions: boolean): FixState {
  const mapped = state ? (FIX_STATE[state] ?? 'unknown') : 'unknown';
  return mapped === 'unknown' && hasVersions ? 'fixed' : mapped;
}

function firstLocation(a: JsonObject, where: string, fail: (d: string) => never): JsonObject {
  const first = arr(a.locations, `${where}.artifact.locations`, fail)[0];
  return isObject(first) ? first : {};
}

/** grype has no title; use the first line of the description (its own or a related record's). */
function titleOf(v: JsonObject, related: JsonObject[], id: string): string {
  const description = str(v.description) ?? related.map((r) => str(r.description)).find((d) => d !== undefined);
  if (!description) return id;
  const firstLine = description.trim().split(/\r?\n/)[0];
  return firstLine.length > 200 ? `${firstLine.slice(0, 197)}...` : firstLine;
}
