/**
 * SARIF 2.1.0 in both directions.
 *
 * Reading (trivy `--format sarif`, grype `-o sarif`, and our own output): severity is taken from,
 * in order, our own `result.properties.severity`, a severity word in `rule.properties.tags`
 * (trivy), a `Severity: x` line in the result message or rule help (trivy, grype), the CVSS
 * `security-severity` score, and finally the SARIF level. The CVSS score comes late on purpose: it
 * can disagree with the vendor severity (grype's fixture has a `Low` finding with CVSS 8.2).
 *
 * Writing: ONE run with tool `aim-build` for all platforms (GitHub code scanning rejects several
 * runs of one tool and category in one upload), the platform in each result's message and
 * `properties.platform`, one rule per finding id, results sorted most severe first and capped.
 */
import {
  type Finding,
  type FindingKind,
  type FixState,
  type JsonObject,
  type ScanReport,
  type ScannerName,
  type Severity,
  SEVERITIES,
  ScanReportError,
  arr,
  compareFindings,
  describe,
  isObject,
  normalizeSeverity,
  parseJsonReport,
  str
} from './findings.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const HINT = 'Expected a SARIF 2.1.0 log (trivy --format sarif, grype -o sarif).';
const KINDS: readonly FindingKind[] = ['vulnerability', 'secret', 'misconfig'];
const FIX_STATES: readonly FixState[] = ['fixed', 'not-fixed', 'wont-fix', 'unknown'];
const SCANNERS: readonly ScannerName[] = ['trivy', 'grype', 'builtin', 'sarif'];

type Fail = (detail: string) => never;

/** @throws ScanReportError when `text` is not JSON or not a SARIF 2.1.0 log */
export function parseSarif(text: string, file: string): ScanReport {
  const fail: Fail = (detail) => {
    throw new ScanReportError('SARIF', file, detail);
  };
  const doc = parseJsonReport(text, 'SARIF', file, HINT);
  if (!isObject(doc)) return fail(`top level is ${describe(doc)}. ${HINT}`);
  if (doc.version !== '2.1.0') return fail(`version is ${JSON.stringify(doc.version)}, expected "2.1.0". ${HINT}`);
  const runs = arr(doc.runs, 'runs', fail);
  const findings: Finding[] = [];
  let scanner: ScanReport['scanner'] = { name: 'sarif', version: 'unknown' };
  let artifactName = '';
  runs.forEach((run, i) => {
    if (!isObject(run) || !isObject(run.tool) || !isObject(run.tool.driver)) return fail(`runs[${i}] has no tool.driver`);
    const driver = run.tool.driver;
    const tool = toolName(str(driver.name));
    if (i === 0) scanner = { name: tool, version: str(driver.version) ?? 'unknown' };
    const runProps = isObject(run.properties) ? run.properties : {};
    artifactName ||= str(runProps.imageName) ?? '';
    const rules = arr(driver.rules, `runs[${i}].tool.driver.rules`, fail).filter(isObject);
    arr(run.results, `runs[${i}].results`, fail).forEach((r, j) => {
      if (!isObject(r)) return fail(`runs[${i}].results[${j}] is ${describe(r)}`);
      findings.push(resultFinding(r, rules, tool, str(runProps.imageName), `runs[${i}].results[${j}]`, fail));
    });
  });
  return { scanner, artifactName, findings };
}

function toolName(name: string | undefined): ScannerName {
  const lower = (name ?? '').toLowerCase();
  if (lower === 'trivy' || lower === 'grype') return lower;
  return lower === 'aim-build' ? 'builtin' : 'sarif';
}

function resultFinding(r: JsonObject, rules: JsonObject[], tool: ScannerName, image: string | undefined, where: string, fail: Fail): Finding {
  const ruleId = str(r.ruleId) ?? (typeof r.ruleIndex === 'number' ? str(rules[r.ruleIndex]?.id) : undefined);
  if (!ruleId) return fail(`${where} has no ruleId`);
  const rule = rules.find((x) => x.id === ruleId) ?? {};
  const props = isObject(r.properties) ? r.properties : {};
  const message = textOf(r.message);
  const help = textOf(rule.help);
  const kv = (key: string): string | undefined => keyValue(message, key) ?? keyValue(help, key);
  const loc = location(r);
  const ours = oneOf(props.kind, KINDS); // written by writeSarif below: properties are authoritative
  const kind = ours ?? kindFromTags(rule);
  const fixedVersion = str(props.fixedVersion) ?? commaList(kv('Fixed Version') ?? kv('Fix Version'));
  const id = str(props.id) ?? /^Vulnerability (\S+)\s*$/m.exec(`${message}\n${help}`)?.[1] ?? ruleId;
  const aliases = Array.isArray(props.aliases) ? props.aliases.filter((a): a is string => typeof a === 'string') : [];
  return {
    kind,
    id,
    ...(aliases.length > 0 ? { aliases } : {}),
    severity: severityOf(r, rule, props, kv),
    pkgName: str(props.pkgName) ?? kv('Package'),
    installedVersion: str(props.installedVersion) ?? kv('Installed Version') ?? kv('Version'),
    fixedVersion,
    fixState: oneOf(props.fixState, FIX_STATES) ?? (kind === 'vulnerability' && fixedVersion ? 'fixed' : 'unknown'),
    title: str(props.title) ?? textOf(rule.shortDescription) ?? id,
    target: str(props.target) ?? image ?? loc.uri ?? '',
    path: ours ? str(props.path) : (loc.logical ?? loc.uri),
    line: ours ? (typeof props.line === 'number' ? props.line : undefined) : kind === 'secret' ? loc.line : undefined,
    layer: str(props.layer),
    platform: str(props.platform),
    match: str(props.match),
    scanner: oneOf(props.scanner, SCANNERS) ?? tool
  };
}

function severityOf(r: JsonObject, rule: JsonObject, props: JsonObject, kv: (k: string) => string | undefined): Severity {
  const own = str(props.severity);
  if (own) return normalizeSeverity(own);
  const ruleProps = isObject(rule.properties) ? rule.properties : {};
  const tags: unknown[] = Array.isArray(ruleProps.tags) ? ruleProps.tags : [];
  const tag = tags.find((t) => typeof t === 'string' && SEVERITIES.includes(t as Severity));
  if (tag) return tag as Severity;
  const word = kv('Severity');
  if (word && normalizeSeverity(word) !== 'UNKNOWN') return normalizeSeverity(word);
  const score = Number.parseFloat(String(ruleProps['security-severity'] ?? ''));
  if (Number.isFinite(score)) return scoreSeverity(score);
  const defaults = isObject(rule.defaultConfiguration) ? rule.defaultConfiguration : {};
  const level = str(r.level) ?? str(defaults.level);
  return level === 'error' ? 'HIGH' : level === 'warning' ? 'MEDIUM' : level === 'note' ? 'LOW' : 'UNKNOWN';
}

/** GitHub's bands for `security-severity`: ≥9 critical, ≥7 high, ≥4 medium, >0 low. */
export function scoreSeverity(score: number): Severity {
  if (score >= 9) return 'CRITICAL';
  if (score >= 7) return 'HIGH';
  if (score >= 4) return 'MEDIUM';
  return score > 0 ? 'LOW' : 'UNKNOWN';
}

function kindFromTags(rule: JsonObject): FindingKind {
  const tags = isObject(rule.properties) && Array.isArray(rule.properties.tags) ? rule.properties.tags : [];
  if (tags.includes('secret')) return 'secret';
  return tags.includes('misconfiguration') || tags.includes('misconfig') ? 'misconfig' : 'vulnerability';
}

function location(r: JsonObject): { uri?: string; logical?: string; line?: number } {
  const first = Array.isArray(r.locations) && isObject(r.locations[0]) ? r.locations[0] : {};
  const physical = isObject(first.physicalLocation) ? first.physicalLocation : {};
  const artifact = isObject(physical.artifactLocation) ? physical.artifactLocation : {};
  const region = isObject(physical.region) ? physical.region : {};
  const logical = Array.isArray(first.logicalLocations) && isObject(first.logicalLocations[0]) ? first.logicalLocations[0] : {};
  const uri = str(artifact.uri);
  return {
    uri: uri === undefined ? undefined : safeDecode(uri),
    logical: str(logical.name),
    line: typeof region.startLine === 'number' ? region.startLine : undefined
  };
}

function safeDecode(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

function textOf(value: unknown): string | undefined {
  return isObject(value) ? str(value.text) : undefined;
}

function keyValue(text: string | undefined, key: string): string | undefined {
  if (!text) return undefined;
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return str(new RegExp(`^${escaped}: *(.*?)\\s*$`, 'm').exec(text)?.[1]);
}

function commaList(value: string | undefined): string | undefined {
  return value?.split(/\s*,\s*/).filter((v) => v !== '').join(', ') || undefined;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

// ---------------------------------------------------------------- writer

export interface SarifWriteOptions {
  /** aim-build's version for `tool.driver.version` */
  toolVersion: string;
  /** `tool.driver.informationUri`: where users read about the tool (the action's repository) */
  informationUri?: string;
  /** `runs[0].automationDetails.id`, e.g. `aim-build/image-scan/` */
  category?: string;
  /** GitHub shows 5,000 and accepts 25,000 results per run; the least severe are dropped first */
  maxResults?: number;
}

export type SarifLog = JsonObject & { version: '2.1.0'; runs: JsonObject[] };

/** GitHub ranks alerts by this score; a representative point inside each band. */
const SCORE: Record<Severity, string | undefined> = { CRITICAL: '9.5', HIGH: '8.0', MEDIUM: '5.5', LOW: '2.0', UNKNOWN: undefined };
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { CRITICAL: 'error', HIGH: 'error', MEDIUM: 'warning', LOW: 'note', UNKNOWN: 'note' };

export function writeSarif(findings: readonly Finding[], options: SarifWriteOptions): SarifLog {
  const sorted = [...findings].sort(compareFindings);
  const kept = sorted.slice(0, options.maxResults ?? 25000);
  const rules: JsonObject[] = [];
  const ruleIndex = new Map<string, number>();
  for (const f of kept) {
    if (!ruleIndex.has(f.id)) {
      ruleIndex.set(f.id, rules.length);
      rules.push(rule(f)); // the first finding of an id is its most severe (sorted)
    }
  }
  const platforms = [...new Set(kept.map((f) => f.platform).filter((p): p is string => !!p))];
  const run: JsonObject = {
    tool: { driver: { name: 'aim-build', version: options.toolVersion, ...(options.informationUri ? { informationUri: options.informationUri } : {}), rules } },
    results: kept.map((f) => result(f, ruleIndex.get(f.id) as number)),
    columnKind: 'utf16CodeUnits',
    properties: { platforms, ...(sorted.length > kept.length ? { droppedResults: sorted.length - kept.length } : {}) },
    ...(options.category ? { automationDetails: { id: options.category } } : {})
  };
  return { version: '2.1.0', $schema: SARIF_SCHEMA, runs: [run] };
}

function rule(f: Finding): JsonObject {
  const score = SCORE[f.severity];
  return {
    id: f.id,
    name: f.kind === 'vulnerability' ? 'PackageVulnerability' : f.kind === 'secret' ? 'LeakedSecret' : 'ImageMisconfiguration',
    shortDescription: { text: f.title },
    fullDescription: { text: f.title },
    defaultConfiguration: { level: LEVEL[f.severity] },
    ...(helpUri(f.id) ? { helpUri: helpUri(f.id) } : {}),
    help: { text: `${f.id} (${f.severity}): ${f.title}` },
    properties: { tags: ['security', f.kind, f.severity], ...(score ? { 'security-severity': score } : {}) }
  };
}

function helpUri(id: string): string | undefined {
  if (/^CVE-\d{4}-\d+$/i.test(id)) return `https://nvd.nist.gov/vuln/detail/${id.toUpperCase()}`;
  if (/^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/i.test(id)) return `https://github.com/advisories/${id}`;
  return undefined;
}

function result(f: Finding, index: number): JsonObject {
  const uri = (f.path ?? f.target).replace(/^\/+/, '') || 'image';
  const fields: Record<string, unknown> = {
    kind: f.kind, id: f.id, aliases: f.aliases, severity: f.severity, fixState: f.fixState, title: f.title, target: f.target, scanner: f.scanner,
    pkgName: f.pkgName, installedVersion: f.installedVersion, fixedVersion: f.fixedVersion,
    path: f.path, line: f.line, layer: f.layer, platform: f.platform, match: f.match
  };
  const properties = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return {
    ruleId: f.id,
    ruleIndex: index,
    level: LEVEL[f.severity],
    message: { text: messageText(f) },
    locations: [{ physicalLocation: { artifactLocation: { uri: uri.split('/').map(encodeURIComponent).join('/') }, region: { startLine: f.line ?? 1 } } }],
    partialFingerprints: { 'aimBuildFinding/v1': fingerprint(f) },
    properties
  };
}

function messageText(f: Finding): string {
  const where = f.platform ? ` [${f.platform}]` : '';
  if (f.kind !== 'vulnerability') {
    const layer = f.layer ? ` (layer ${f.layer})` : '';
    return `${f.id} (${f.severity})${where}: ${f.title} in ${f.path ?? f.target}${layer}${f.match ? `; ${f.match}` : ''}`;
  }
  const fix = f.fixedVersion ? `fixed in ${f.fixedVersion}` : `no fixed version (${f.fixState})`;
  return `${f.id} (${f.severity})${where}: ${f.pkgName ?? '?'} ${f.installedVersion ?? ''}`.trimEnd() + `, ${fix}. ${f.title}`;
}

/** FNV-1a over the identity of a finding, so alerts stay stable across runs and platforms stay apart. */
function fingerprint(f: Finding): string {
  const key = [f.id, f.pkgName, f.installedVersion, f.path ?? f.target, f.platform].join('\u0000');
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

