/**
 * `tags:` and `flavor:` lines, parsed exactly as docker/metadata-action v6 reads them (CSV fields of
 * `key=value`), but strict: an unknown type, an attribute the type does not take, a bad number
 * or a missing required attribute is an InputError naming the line.
 */
import { parse } from 'csv-parse/sync';
import { InputError } from './errors.js';
import { compilePattern, type MatchResult, type RulePattern } from './pattern.js';

export type RuleType = 'schedule' | 'semver' | 'pep440' | 'match' | 'edge' | 'ref' | 'raw' | 'sha';

export const DEFAULT_PRIORITIES: Record<RuleType, number> = {
  schedule: 1000,
  semver: 900,
  pep440: 900,
  match: 800,
  edge: 700,
  ref: 600,
  raw: 200,
  sha: 100
};

const COMMON = ['type', 'enable', 'priority', 'prefix', 'suffix'];
const ATTRIBUTES: Record<RuleType, string[]> = {
  schedule: ['pattern'],
  semver: ['pattern', 'value', 'match'],
  pep440: ['pattern', 'value', 'match'],
  match: ['pattern', 'group', 'value'],
  edge: ['branch'],
  ref: ['event'],
  raw: ['value'],
  sha: ['format']
};

export interface TagRule {
  type: RuleType;
  /** attributes as written (values not yet evaluated); defaults filled in */
  attrs: Record<string, string>;
  priority: number;
  /** the line as the user wrote it, for messages and the plan */
  source: string;
  /** 1-based line in the `tags` input; 0 for preset rules */
  line: number;
  /** preset-only: drop a `{{major}}` tag of 0 (docs/registry-naming.md §8) */
  skipMajorZero?: boolean;
  /** preset-only: do not warn when the value is not semver */
  quiet?: boolean;
  /** preset-only: the rule applies to this kind of ref only */
  onlyOn?: 'branch';
}

/**
 * The list level of metadata-action's inputs: each line is a CSV record too, so a line written as
 * one quoted field (`"type=match,""pattern=^v\d"""`) stands for its unquoted content. Other lines
 * are kept as written (the rule parser reads their quotes).
 */
export function listItem(line: string): string {
  const trimmed = line.trim();
  if (!trimmed.startsWith('"')) return trimmed;
  try {
    const rows = parse(trimmed, { relaxColumnCount: true, relaxQuotes: true, skipEmptyLines: true }) as string[][];
    if (rows.length === 1 && rows[0].length === 1) return rows[0][0].trim();
  } catch {
    // not one CSV field: the rule parser reports the line as written
  }
  return trimmed;
}

/** Splits one CSV line into `[key, value]` pairs; a field without `=` is `['', field]`. */
export function csvFields(input: string, line: string, lineNo: number): Array<[string, string]> {
  let rows: string[][];
  try {
    rows = parse(line, { relaxColumnCount: true, skipEmptyLines: true, trim: true }) as string[][];
  } catch (e) {
    throw new InputError(input, line, `not a valid CSV line (${(e as Error).message}); quote a value that contains a comma, e.g. "value=a,b"`, lineNo);
  }
  return (rows[0] ?? []).map((field) => {
    const eq = field.indexOf('=');
    if (eq < 0) return ['', field.trim()];
    return [field.slice(0, eq).trim().toLowerCase(), field.slice(eq + 1).trim()];
  });
}

export function parseTagRule(line: string, lineNo: number): TagRule {
  const attrs: Record<string, string> = {};
  let type: RuleType = 'raw';
  for (const [key, value] of csvFields('tags', line, lineNo)) {
    if (key === '') attrs.value = value;
    else if (key === 'type') {
      if (!(value in DEFAULT_PRIORITIES)) {
        throw new InputError('tags', line, `unknown type '${value}'; use one of ${Object.keys(DEFAULT_PRIORITIES).join(', ')}`, lineNo);
      }
      type = value as RuleType;
    } else attrs[key] = value;
  }
  for (const key of Object.keys(attrs)) {
    if (!COMMON.includes(key) && !ATTRIBUTES[type].includes(key)) {
      const allowed = [...COMMON.slice(1), ...ATTRIBUTES[type]].join(', ');
      throw new InputError('tags', line, `type=${type} has no attribute '${key}'; it takes ${allowed}`, lineNo);
    }
  }
  fillDefaults(type, attrs, line, lineNo);
  for (const key of type === 'match' ? ['pattern'] : ['match']) {
    if (attrs[key] !== undefined) ruleRegExp(attrs[key], line, lineNo);
  }
  const priority = attrs.priority === undefined ? DEFAULT_PRIORITIES[type] : Number(attrs.priority);
  if (!Number.isFinite(priority)) throw new InputError('tags', line, `priority '${attrs.priority}' is not a number`, lineNo);
  attrs.enable ??= 'true';
  return { type, attrs, priority, source: line, line: lineNo };
}

function fillDefaults(type: RuleType, attrs: Record<string, string>, line: string, lineNo: number): void {
  const need = (key: string, hint: string): void => {
    if (attrs[key] === undefined) throw new InputError('tags', line, `type=${type} needs ${key}=…; ${hint}`, lineNo);
  };
  switch (type) {
    case 'schedule':
      attrs.pattern ??= 'nightly';
      break;
    case 'semver':
    case 'pep440':
      need('pattern', 'e.g. pattern={{version}}');
      attrs.value ??= '';
      break;
    case 'match':
      need('pattern', 'e.g. pattern=\\d.\\d.\\d');
      attrs.group ??= '0';
      attrs.value ??= '';
      if (!/^\d+$/.test(attrs.group)) throw new InputError('tags', line, `group '${attrs.group}' must be a non-negative integer`, lineNo);
      break;
    case 'edge':
      attrs.branch ??= '';
      break;
    case 'ref':
      need('event', 'event=branch, event=tag or event=pr');
      if (!['branch', 'tag', 'pr'].includes(attrs.event)) {
        throw new InputError('tags', line, `event '${attrs.event}' is not one of branch, tag, pr`, lineNo);
      }
      if (attrs.event === 'pr') attrs.prefix ??= 'pr-';
      break;
    case 'raw':
      need('value', 'e.g. type=raw,value=stable');
      break;
    case 'sha':
      attrs.prefix ??= 'sha-';
      attrs.format ??= 'short';
      if (!['short', 'long'].includes(attrs.format)) throw new InputError('tags', line, `format '${attrs.format}' is not short or long`, lineNo);
      break;
  }
}

/** `pattern`/`match` compiled for the linear-time engine (core/pattern.ts); errors name the rule. */
export function ruleRegExp(pattern: string, line: string, lineNo: number): RulePattern {
  try {
    return compilePattern(pattern);
  } catch (e) {
    throw new InputError('tags', line, `pattern is ${(e as Error).message}`, lineNo);
  }
}

/** Runs a rule's pattern; a value too long to match is an InputError naming the rule. */
export function ruleMatch(pattern: string, value: string, line: string, lineNo: number): MatchResult {
  const re = ruleRegExp(pattern, line, lineNo);
  try {
    return re.match(value);
  } catch (e) {
    throw new InputError('tags', line, `${(e as Error).message}; the ref or value= is too long for pattern '${pattern}'`, lineNo);
  }
}

/** Parses every line and stable-sorts by priority, highest first. */
export function parseTagRules(lines: string[]): TagRule[] {
  const rules = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.trim() !== '' && !l.trim().startsWith('#'));
  return sortRules(rules.map(({ l, i }) => ({ ...parseTagRule(listItem(l), i + 1), source: l.trim() })));
}

export function sortRules(rules: TagRule[]): TagRule[] {
  return [...rules].sort((a, b) => b.priority - a.priority);
}

export interface Flavor {
  latest: 'auto' | 'true' | 'false';
  prefix: string;
  prefixLatest: boolean;
  suffix: string;
  suffixLatest: boolean;
  /** true when a flavor line set `latest=` explicitly */
  latestSet: boolean;
}

export function parseFlavor(lines: string[]): Flavor {
  const flavor: Flavor = { latest: 'auto', prefix: '', prefixLatest: false, suffix: '', suffixLatest: false, latestSet: false };
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    let onlatestFor: 'prefix' | 'suffix' | '' = '';
    for (const [key, value] of csvFields('flavor', listItem(line), i + 1)) {
      if (key === 'latest') {
        if (!['auto', 'true', 'false'].includes(value)) throw new InputError('flavor', line, `latest must be auto, true or false, not '${value}'`, i + 1);
        flavor.latest = value as Flavor['latest'];
        flavor.latestSet = true;
      } else if (key === 'prefix' || key === 'suffix') {
        flavor[key] = value;
        onlatestFor = key;
      } else if (key === 'onlatest') {
        if (!['true', 'false'].includes(value)) throw new InputError('flavor', line, `onlatest must be true or false, not '${value}'`, i + 1);
        if (onlatestFor === 'prefix') flavor.prefixLatest = value === 'true';
        if (onlatestFor === 'suffix') flavor.suffixLatest = value === 'true';
      } else {
        throw new InputError('flavor', line, `unknown flavor entry '${key || value}'; use latest=, prefix=, suffix= (with onlatest=)`, i + 1);
      }
    }
  });
  return flavor;
}
