/**
 * trivy `--format json` (SchemaVersion 2) → Finding[]. Absent keys mean empty (trivy omits empty
 * arrays): no `Results`, results without `Vulnerabilities`, secret results with `Secrets[]` only.
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

const HINT = 'Run trivy with `--format json`.';

/** trivy `Status` → FixState. A `FixedVersion` always means fixed, whatever the status says. */
const STATUS: Record<string, FixState> = {
  fixed: 'fixed',
  affected: 'not-fixed',
  fix_deferred: 'not-fixed',
  under_investigation: 'not-fixed',
  will_not_fix: 'wont-fix',
  end_of_life: 'wont-fix',
  not_affected: 'unknown',
  unknown: 'unknown'
};

/**
 * Parse a trivy JSON report. `file` only names the report in errors.
 * @throws ScanReportError when `text` is not JSON or not a SchemaVersion 2 trivy report
 */
export function parseTrivyJson(text: string, file: string): ScanReport {
  const fail = (detail: string): never => {
    throw new ScanReportError('trivy', file, detail);
  };
  const doc = parseJsonReport(text, 'trivy', file, HINT);
  if (!isObject(doc)) return fail(`top level is ${describe(doc)}, expected a trivy report object. ${HINT}`);
  if (doc.SchemaVersion === undefined) {
    return fail(`no SchemaVersion: this is not a trivy JSON report${'matches' in doc ? ' (it looks like grype output)' : ''}. ${HINT}`);
  }
  if (doc.SchemaVersion !== 2) return fail(`SchemaVersion ${JSON.stringify(doc.SchemaVersion)} is not supported (expected 2)`);
  const findings: Finding[] = [];
  arr(doc.Results, 'Results', fail).forEach((result, i) => {
    if (!isObject(result)) fail(`Results[${i}] is ${describe(result)}, expected an object`);
    findings.push(...resultFindings(result as JsonObject, `Results[${i}]`, fail));
  });
  const trivy = isObject(doc.Trivy) ? doc.Trivy : {};
  return {
    scanner: { name: 'trivy', version: str(trivy.Version) ?? 'unknown' },
    artifactName: str(doc.ArtifactName) ?? '',
    findings
  };
}

function resultFindings(result: JsonObject, where: string, fail: (d: string) => never): Finding[] {
  const target = str(result.Target) ?? '';
  const out: Finding[] = [];
  for (const [i, v] of arr(result.Vulnerabilities, `${where}.Vulnerabilities`, fail).entries()) {
    out.push(vulnerability(item(v, `${where}.Vulnerabilities[${i}]`, 'VulnerabilityID', fail), target));
  }
  for (const [i, s] of arr(result.Secrets, `${where}.Secrets`, fail).entries()) {
    out.push(secret(item(s, `${where}.Secrets[${i}]`, 'RuleID', fail), target));
  }
  for (const [i, m] of arr(result.Misconfigurations, `${where}.Misconfigurations`, fail).entries()) {
    const mc = item(m, `${where}.Misconfigurations[${i}]`, undefined, fail);
    if (str(mc.Status) === 'FAIL') out.push(misconfig(mc, target));
  }
  return out;
}

function item(value: unknown, where: string, idKey: string | undefined, fail: (d: string) => never): JsonObject {
  if (!isObject(value)) return fail(`${where} is ${describe(value)}, expected an object`);
  if (idKey && !str(value[idKey])) return fail(`${where} has no ${idKey}`);
  return value;
}

function layerOf(entry: JsonObject): string | undefined {
  const layer = isObject(entry.Layer) ? entry.Layer : {};
  return str(layer.Digest) ?? str(layer.DiffID);
}

function vulnerability(v: JsonObject, target: string): Finding {
  const fixedVersion = str(v.FixedVersion);
  const status = str(v.Status);
  const fixState: FixState = fixedVersion ? 'fixed' : status ? (STATUS[status] ?? 'unknown') : 'unknown';
  const aliases = Array.isArray(v.VendorIDs) ? v.VendorIDs.filter((a): a is string => typeof a === 'string' && a !== '') : [];
  const id = v.VulnerabilityID as string;
  return {
    kind: 'vulnerability',
    id,
    ...(aliases.length > 0 ? { aliases } : {}),
    severity: normalizeSeverity(v.Severity),
    pkgName: str(v.PkgName),
    installedVersion: str(v.InstalledVersion),
    fixedVersion,
    fixState,
    title: str(v.Title) ?? id,
    target,
    path: str(v.PkgPath),
    layer: layerOf(v),
    scanner: 'trivy'
  };
}

/** trivy already masks `Match` and `Code`; we copy neither, only where the secret is. */
function secret(s: JsonObject, target: string): Finding {
  const id = s.RuleID as string;
  return {
    kind: 'secret',
    id,
    severity: normalizeSeverity(s.Severity),
    fixState: 'unknown',
    title: str(s.Title) ?? id,
    target,
    path: target,
    line: typeof s.StartLine === 'number' ? s.StartLine : undefined,
    layer: layerOf(s),
    scanner: 'trivy'
  };
}

function misconfig(m: JsonObject, target: string): Finding {
  const id = str(m.ID) ?? str(m.AVDID) ?? 'misconfig';
  return {
    kind: 'misconfig',
    id,
    severity: normalizeSeverity(m.Severity),
    fixState: 'unknown',
    title: str(m.Title) ?? id,
    target,
    path: target,
    layer: layerOf(m),
    scanner: 'trivy'
  };
}
