/**
 * metadata-action's Handlebars expressions: `{{branch}}`, `{{tag}}`, `{{sha}}`, `{{base_ref}}`,
 * `{{is_default_branch}}`, `{{is_not_default_branch}}`, `{{date 'FMT' tz='Zone'}}`, `{{commit_date …}}`.
 * Dates use moment-style tokens (dayjs with the advancedFormat plugin) and IANA zones; the clock
 * is passed in.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import advancedFormat from 'dayjs/plugin/advancedFormat.js';
import type { EventPayload, ResolvedEvent } from './context.js';
import { shortSha } from './context.js';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(advancedFormat);

export interface TemplateEnv {
  event: ResolvedEvent;
  payload: EventPayload;
  now: Date;
  commitDate: Date;
  shortShaLength: number;
}

interface HelperOptions {
  hash: Record<string, unknown>;
}

function isHelperOptions(value: unknown): value is HelperOptions {
  return typeof value === 'object' && value !== null && 'hash' in value && typeof (value as HelperOptions).hash === 'object';
}

/** moment's format() without a format string: ISO 8601, `Z` for UTC, else the offset. */
const DEFAULT_FORMAT_UTC = 'YYYY-MM-DDTHH:mm:ss[Z]';
const DEFAULT_FORMAT = 'YYYY-MM-DDTHH:mm:ssZ';

export function formatDate(date: Date, format: string | undefined, options: HelperOptions): string {
  let tz = 'UTC';
  for (const [key, value] of Object.entries(options.hash)) {
    if (key !== 'tz') throw new Error(`unknown date attribute '${key}'; only tz='Area/City' is supported`);
    tz = String(value);
  }
  let zoned: dayjs.Dayjs;
  try {
    zoned = dayjs(date).tz(tz);
  } catch {
    throw new Error(`unknown time zone '${tz}'; use an IANA name such as 'Asia/Shanghai' or 'UTC'`);
  }
  return zoned.format(format ?? (zoned.utcOffset() === 0 ? DEFAULT_FORMAT_UTC : DEFAULT_FORMAT));
}

/**
 * `{{date 'FMT' tz='Zone'}}` / `{{commit_date …}}` as a helper. Called by Handlebars with
 * (format, options) or (options) alone, by the fast path with nothing. A format that is not a
 * string literal (`{{date YYYY-MM-DD}}` is a lookup of an unknown name) gives moment's default
 * format, as in docker/metadata-action; no format at all is an error with the fix.
 */
function dateHelper(name: string, date: Date) {
  return (...args: unknown[]): string => {
    const options = isHelperOptions(args[args.length - 1]) ? (args.pop() as HelperOptions) : { hash: {} };
    if (args.length === 0) throw new Error(`{{${name}}} needs a format, e.g. {{${name} 'YYYYMMDD-HHmmss'}} or {{${name} 'YYYYMMDD' tz='Asia/Shanghai'}}`);
    const [format] = args;
    if (format != null && typeof format !== 'string') {
      throw new Error(`the format of {{${name}}} must be a quoted string such as 'YYYYMMDD', not ${typeof format === 'function' ? 'a variable' : JSON.stringify(format)}`);
    }
    return formatDate(date, format ?? undefined, options);
  };
}

function globals(env: TemplateEnv): Record<string, unknown> {
  const { event, payload } = env;
  return {
    branch: () => (event.kind === 'branch' ? event.branch : ''),
    tag: () => (event.kind === 'tag' ? event.tag : ''),
    sha: () => shortSha(event.sha, env.shortShaLength),
    base_ref: () => {
      if (event.kind === 'tag' && payload.base_ref) return payload.base_ref.replace(/^refs\/heads\//, '');
      if (event.kind === 'pr' && payload.pull_request?.base?.ref) return payload.pull_request.base.ref;
      return '';
    },
    is_default_branch: () => String(event.isDefaultBranch),
    is_not_default_branch: () => String(!event.isDefaultBranch),
    date: dateHelper('date', env.now),
    commit_date: dateHelper('commit_date', env.commitDate)
  };
}

type Render = (data: Record<string, unknown>) => string;

/** The Handlebars API the engine uses; loaded by the adapter only when an expression needs it. */
export interface TemplateCompiler {
  compile(expression: string, options?: { strict?: boolean }): Render;
  parseWithoutProcessing(expression: string): hbs.AST.Program;
}

let compiler: TemplateCompiler | undefined;

/**
 * Registers Handlebars. Most rules are `{{name}}`-only and never need it, so the step loads it
 * (a lazy chunk) only when `needsTemplateCompiler` says so: it is 10 ms of every cold start.
 */
export function useTemplateCompiler(c: TemplateCompiler): void {
  compiler = c;
}

/** True when a line has an expression beyond `{{name}}` (a helper with arguments, a block, a path…). */
export function needsTemplateCompiler(lines: readonly string[]): boolean {
  return lines.some((line) => line.includes('{{') && simpleTemplate(line) === undefined);
}

function handlebars(): TemplateCompiler {
  if (!compiler) throw new Error('the template compiler was not loaded (call loadTemplateCompiler before planning)');
  return compiler;
}
const cache = new Map<string, Render>();

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' };
const BUILTIN_HELPERS = new Set(['blockHelperMissing', 'each', 'helperMissing', 'if', 'unless', 'log', 'lookup', 'with']);
const SIMPLE_PART = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Text with only `{{name}}` mustaches (most rules: `{{branch}}`, `{{major}}.{{minor}}`) is rendered
 * directly — same lookup, same HTML escaping as Handlebars, no compile; anything else (helpers with
 * arguments, blocks, paths, comments) goes to Handlebars. A property test checks both agree.
 */
export function simpleTemplate(expression: string): Render | undefined {
  const parts = expression.split(SIMPLE_PART);
  for (let i = 0; i < parts.length; i += 2) if (/[{}\\]/.test(parts[i])) return undefined;
  // a built-in helper's name (`{{if}}`, `{{lookup}}`…) means what Handlebars makes of it
  for (let i = 1; i < parts.length; i += 2) if (BUILTIN_HELPERS.has(parts[i])) return undefined;
  return (data) =>
    parts
      .map((part, i) => {
        if (i % 2 === 0) return part;
        // own properties only, as Handlebars (≥ 4.6) resolves them: `{{constructor}}` is empty
        const own = Object.hasOwn(data, part) ? data[part] : undefined;
        const value = typeof own === 'function' ? (own as () => unknown)() : own;
        if (value == null) return '';
        return String(value).replace(/[&<>"'`=]/g, (c) => ESCAPES[c]);
      })
      .join('');
}

function compiled(expression: string): Render {
  let fn = cache.get(expression);
  if (!fn) {
    fn = simpleTemplate(expression) ?? handlebars().compile(expression, { strict: false });
    cache.set(expression, fn);
  }
  return fn;
}

/** Evaluates an attribute value (`enable`, `prefix`, `suffix`, `value`, a label) in the global context. */
export function renderGlobal(expression: string, env: TemplateEnv): string {
  if (!expression.includes('{{')) return expression;
  return compiled(expression)(globals(env));
}

/** Evaluates a pattern against version data (semver / pep440 fields as functions or values). */
export function renderWith(expression: string, data: Record<string, unknown>): string {
  return compiled(expression)(data);
}

/** True when the pattern is exactly `{{raw}}` (metadata-action keeps pre-releases raw then). */
export function isRawStatement(pattern: string): boolean {
  if (/^\{\{\s*raw\s*\}\}$/.test(pattern)) return true;
  if (simpleTemplate(pattern)) return false;
  try {
    const ast = handlebars().parseWithoutProcessing(pattern);
    const [only] = ast.body;
    if (ast.body.length !== 1 || only.type !== 'MustacheStatement') return false;
    const path = (only as hbs.AST.MustacheStatement).path as hbs.AST.PathExpression;
    return path.parts?.length === 1 && path.parts[0] === 'raw';
  } catch {
    return false;
  }
}
