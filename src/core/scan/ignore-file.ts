/**
 * `.trivyignore`-style ignore files. One entry per line:
 *
 *     # comment
 *     CVE-2023-1234
 *     CVE-2023-5678 exp:2024-03-01            # accepted until the base image moves (JIRA-12)
 *     GHSA-xxxx-yyyy-zzzz pkg:activesupport    # only for this package
 *     private-key path:/opt/app/test/**        # only under this path
 *
 * `exp:` uses trivy's syntax and meaning: the entry ignores up to 2024-03-01T00:00:00Z and stops
 * ignoring after that instant. Unlike trivy (which warns and skips the line), a malformed date or an
 * unknown `key:value` token is an InputError naming the line, so a typo cannot silently un-ignore
 * or over-ignore. `pkg:` and `path:` are aim-build extensions; trivy ignores extra fields.
 */
import { InputError } from '../errors.js';
import type { Finding } from './findings.js';

export interface IgnoreEntry {
  /** vulnerability or rule id; matched case-insensitively against a finding's id and aliases */
  id: string;
  /** `YYYY-MM-DD` (UTC): the entry stops ignoring after 00:00 UTC of that day */
  expires?: string;
  /** only findings of this package */
  pkg?: string;
  /** only findings whose path (or target when there is no path) matches this glob (`*`, `**`, `?`) */
  path?: string;
  /** text after `#` on the same line */
  reason?: string;
  /** 1-based line in `source` */
  line: number;
  /** the file the entry came from */
  source: string;
}

/**
 * Parse an ignore file. `source` names the file in errors and in `IgnoreEntry.source`.
 * @throws InputError for a malformed `exp:` date, an empty `pkg:`/`path:` or an unknown token
 */
export function parseIgnoreFile(text: string, source = '.trivyignore'): IgnoreEntry[] {
  const entries: IgnoreEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const entry = parseLine(raw, index + 1, source);
    if (entry) entries.push(entry);
  });
  return entries;
}

function parseLine(raw: string, line: number, source: string): IgnoreEntry | undefined {
  const hash = raw.search(/(^|\s)#/);
  const body = (hash === -1 ? raw : raw.slice(0, hash)).trim();
  if (body === '') return undefined;
  const reason = hash === -1 ? undefined : raw.slice(raw.indexOf('#', hash) + 1).trim() || undefined;
  const [id, ...tokens] = body.split(/\s+/);
  const entry: IgnoreEntry = { id, line, source, ...(reason ? { reason } : {}) };
  for (const token of tokens) applyToken(entry, token, line, source);
  return entry;
}

function applyToken(entry: IgnoreEntry, token: string, line: number, source: string): void {
  const colon = token.indexOf(':');
  const key = colon === -1 ? '' : token.slice(0, colon);
  const value = token.slice(colon + 1);
  if (key === 'exp') {
    if (!isValidDate(value)) {
      throw new InputError(source, token, `expiry must be a real date written exp:YYYY-MM-DD (e.g. exp:2024-03-01)`, line);
    }
    entry.expires = value;
  } else if ((key === 'pkg' || key === 'path') && value !== '') {
    entry[key] = value;
  } else {
    throw new InputError(
      source,
      token,
      `expected exp:YYYY-MM-DD, pkg:<package> or path:<glob> after the id '${entry.id}'; start a comment with ' #'`,
      line
    );
  }
}

function isValidDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Epoch milliseconds of 00:00 UTC on the expiry day, or undefined when the entry never expires. */
export function expiryTime(entry: IgnoreEntry): number | undefined {
  if (!entry.expires) return undefined;
  const [y, m, d] = entry.expires.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

/** trivy: `exp.Before(now)`. An entry with `exp:2024-03-01` still applies at exactly 2024-03-01T00:00:00.000Z. */
export function isExpired(entry: IgnoreEntry, now: Date): boolean {
  const expiry = expiryTime(entry);
  return expiry !== undefined && now.getTime() > expiry;
}

/** Does `entry` (ignoring its expiry) cover `finding`? */
export function ignoreMatches(entry: IgnoreEntry, finding: Finding): boolean {
  const id = entry.id.toLowerCase();
  const ids = [finding.id, ...(finding.aliases ?? [])].map((x) => x.toLowerCase());
  if (!ids.includes(id)) return false;
  if (entry.pkg !== undefined && entry.pkg !== finding.pkgName) return false;
  if (entry.path !== undefined && !globMatches(entry.path, finding.path ?? finding.target)) return false;
  return true;
}

/** `*` = any run inside one path segment, `**` = anything, `?` = one character; leading `/` optional on both sides. */
export function globMatches(glob: string, path: string): boolean {
  const strip = (p: string): string => p.replace(/^\/+/, '');
  let re = '';
  const g = strip(glob);
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*' && g[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`).test(strip(path));
}

/** One line for logs and summaries: `CVE-1 (.trivyignore line 3, exp:2024-03-01)`. */
export function describeIgnore(entry: IgnoreEntry): string {
  const scope = [entry.pkg && `pkg:${entry.pkg}`, entry.path && `path:${entry.path}`, entry.expires && `exp:${entry.expires}`];
  const extras = scope.filter((s): s is string => !!s);
  return `${entry.id} (${entry.source} line ${entry.line}${extras.length > 0 ? `, ${extras.join(', ')}` : ''})`;
}
