/**
 * The builtin secret / misconfiguration rules: pure functions from (path, bytes, layer) and from
 * the image config to findings. The image walking lives in src/adapters/scan/.
 *
 * Severities (ids follow trivy's where trivy has the rule, so one ignore file serves both):
 * - CRITICAL `private-key` (unencrypted PEM/OpenSSH/PGP): key material cannot be rotated by a
 *   token revoke and impersonates the owner forever (trivy says HIGH; we are stricter).
 *   An encrypted key (`ENCRYPTED`, `Proc-Type: 4,ENCRYPTED`, OpenSSH cipher ≠ none) is HIGH.
 * - CRITICAL `aws-access-key-id`, `alibaba-access-key-id`, `github-*`: a key id almost always sits
 *   next to its secret, and these grant cloud / source / registry (ACR) access (trivy: CRITICAL,
 *   Alibaba HIGH; we rate Alibaba like AWS because ACR is a first-class target of this action).
 * - HIGH `npm-auth-token`, `docker-config-auth`, `dotenv-secret`, `env-secret`: registry or app
 *   credentials whose scope we cannot see (often read-only).
 * - MEDIUM `shell-history`: may hold typed passwords; often only noise.
 * - MEDIUM `root-user` (misconfig): most base images run as root, so the default CRITICAL,HIGH gate
 *   reports it without blocking; add MEDIUM to the severities to enforce it.
 *
 * Findings never carry a secret value: `match` is `redact(value)` (a short prefix and the length).
 * Files over MAX_SCAN_BYTES are not read; files with a NUL byte in the first 8000 bytes are binary
 * and skipped. Content rules skip trivy's builtin allow-listed paths (tests, examples, vendored and
 * distro trees such as usr/lib and usr/share); path rules (.env, .npmrc, docker config, shell
 * history) apply everywhere.
 */
import { type Finding, type Severity, isObject } from './findings.js';

/** Files larger than this (2 MiB) are not read: secrets live in small text files; big files are data. */
export const MAX_SCAN_BYTES = 2 * 1024 * 1024;
/** git's binary heuristic: a NUL byte in the first 8000 bytes. */
export const BINARY_SNIFF_BYTES = 8000;

/** trivy's builtin allow rules (pkg/fanal/secret/builtin-allow-rules.go), paths without the leading `/`. */
const ALLOWED_PATHS: readonly RegExp[] = [
  /(^(?:[Tt][Ee][Ss][Tt])|\/test|-test|_test|\.test)/,
  /example/,
  /\/vendor\//,
  /^usr\/(?:share|include|lib)\//,
  /\/locales?\//,
  /\.md$/,
  /^opt\/yarn-v[\d.]+\//,
  /^usr\/local\/go\//,
  /^usr\/local\/lib\/python[\d.]+\//,
  /^usr\/lib\/gems\//,
  /^usr\/src\/wordpress\//,
  /^var\/log\/anaconda\//
];

const HISTORY_FILES = new Set(['.bash_history', '.zsh_history', '.ash_history', '.sh_history', '.mysql_history', '.psql_history']);
const DOTENV_TEMPLATES = /\.(example|sample|template|dist|defaults?)$/i;
/** A name part (split on `_ . -`) that says "secret"; names ending in _FILE, _PATH, _URL… hold a pointer, not a secret. */
const SECRET_NAME = /(^|[_.-])(pass|passwd|password|secret|token|auth|credentials?|api[_.-]?key|private[_.-]?key|access[_.-]?key)([_.-]|$)/i;
const POINTER_NAME = /[_.-](file|path|dir|url|uri|endpoint|host|port|user|username|name|type|method|mode)$/i;
/** Not a secret: shell/compose expansions (`$VAR`, `${VAR}`, `$(cmd)`), `<…>`, `xxx`, `***`, booleans… */
const PLACEHOLDER = /^(\$.*|<[^>]*>|x+|\*+|changeme|change_me|your[_-].*|none|null|true|false|\.\.\.)$/i;

export interface ScannedFile {
  /** absolute path inside the image */
  path: string;
  /** size in bytes from the tar header */
  size: number;
  layer?: string;
  /** the bytes (or decoded text); undefined when not read (too large or not needed) */
  content?: Uint8Array | string;
}

/** Redacted fingerprint: at most a quarter of the value (and never more than 4 characters) plus its length. */
export function redact(value: string): string {
  const shown = value.slice(0, Math.min(4, Math.floor(value.length / 4)));
  return `${shown}…(${value.length} chars)`;
}

export function isProbablyBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/** The resolved path without its leading `/`: what the allow-list and the path rules match. */
function relative(path: string): string {
  return imagePath(path).slice(1);
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function isDotenv(name: string): boolean {
  return (name === '.env' || name.startsWith('.env.')) && !DOTENV_TEMPLATES.test(name);
}

function isNpmrc(path: string): boolean {
  const name = basename(path);
  return name === '.npmrc' || /(^|\/)etc\/npmrc$/.test(path);
}

function isDockerConfig(path: string): boolean {
  return /(^|\/)\.docker\/config\.json$/.test(path) || basename(path) === '.dockercfg';
}

function hasPathRule(path: string): boolean {
  const name = basename(path);
  return HISTORY_FILES.has(name) || isDotenv(name) || isNpmrc(path) || isDockerConfig(path);
}

/**
 * A layer entry's name as a runtime lays it out: `.` and empty parts dropped, `..` resolved and
 * clamped at `/` (containerd and docker apply layers this way), so `usr/share/doc/../../../root/x`
 * is `/root/x`. Every rule sees this path, never the stored name: an allow-listed prefix followed by
 * `..` cannot hide a file.
 */
export function imagePath(name: string): string {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** True when a stored entry name climbs with `..` (no image builder writes one). */
export function hasDotDot(name: string): boolean {
  return name.split('/').includes('..');
}

/**
 * A layer entry whose stored name contains `..`: reported on its own, whatever the file holds,
 * because scanners and people reading the tar see one path and the runtime writes another.
 */
export function dotDotEntry(storedName: string, layer: string | undefined): Finding {
  const path = imagePath(storedName);
  return {
    kind: 'misconfig', id: 'layer-path-traversal', severity: 'HIGH', fixState: 'unknown', scanner: 'builtin', target: path, path,
    title: `Layer entry ${JSON.stringify(storedName)} climbs with '..'; runtimes write it to ${path}. Rebuild the layer from plain paths`,
    ...(layer ? { layer } : {})
  };
}

/** Should the adapter read this file? (Skipping saves buffering most of usr/lib and usr/share.) */
export function wantsContent(path: string, size: number): boolean {
  if (size <= 0 || size > MAX_SCAN_BYTES) return false;
  const rel = relative(path);
  return hasPathRule(rel) || !ALLOWED_PATHS.some((re) => re.test(rel));
}

/** Findings for one file. `content` may be omitted for files that were not read. */
export function scanFile(file: ScannedFile): Finding[] {
  const rel = relative(file.path);
  const path = `/${rel}`;
  const at = (id: string, severity: Severity, title: string, line?: number, match?: string): Finding => ({
    kind: 'secret', id, severity, fixState: 'unknown', title, target: path, path, scanner: 'builtin',
    ...(line !== undefined ? { line } : {}), ...(file.layer ? { layer: file.layer } : {}), ...(match ? { match } : {})
  });
  const out: Finding[] = [];
  if (HISTORY_FILES.has(basename(rel)) && file.size > 0) {
    out.push(at('shell-history', 'MEDIUM', `Shell history file ${basename(rel)} left in the image`));
  }
  const text = decode(file.content);
  if (text === undefined) return out;
  if (isDotenv(basename(rel))) out.push(...assignments(text, 'dotenv-secret', 'HIGH', '.env file').map((a) => at(...a)));
  if (isNpmrc(rel)) out.push(...npmrcTokens(text).map((a) => at(...a)));
  if (isDockerConfig(rel)) out.push(...dockerAuths(text).map((a) => at(...a)));
  if (!ALLOWED_PATHS.some((re) => re.test(rel))) out.push(...contentRules(text).map((a) => at(...a)));
  return out;
}

function decode(content: Uint8Array | string | undefined): string | undefined {
  if (content === undefined || typeof content === 'string') return content;
  if (content.length > MAX_SCAN_BYTES || isProbablyBinary(content)) return undefined;
  return new TextDecoder('utf-8').decode(content);
}

/** [id, severity, title, line, match] — everything scanFile needs besides the file. */
type Hit = [string, Severity, string, number | undefined, string | undefined];

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

const TOKEN_RE =
  /(?<![A-Za-z0-9_])((?:AKIA|ASIA)[A-Z0-9]{16}|LTAI[A-Za-z0-9]{12,20}|gh[pous]_[A-Za-z0-9]{36}|ghr_[A-Za-z0-9]{36,76}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/g;

const TOKEN_KINDS: ReadonlyArray<[RegExp, string, string]> = [
  [/^(AKIA|ASIA)/, 'aws-access-key-id', 'AWS access key id'],
  [/^LTAI/, 'alibaba-access-key-id', 'Alibaba Cloud AccessKey id'],
  [/^ghp_/, 'github-pat', 'GitHub personal access token'],
  [/^gho_/, 'github-oauth', 'GitHub OAuth access token'],
  [/^gh[su]_/, 'github-app-token', 'GitHub App token'],
  [/^ghr_/, 'github-refresh-token', 'GitHub refresh token'],
  [/^github_pat_/, 'github-fine-grained-pat', 'GitHub fine-grained personal access token']
];

/** Pattern rules over any text: private keys and token formats; one finding per rule per file. */
function contentRules(text: string): Hit[] {
  const hits = new Map<string, Hit>();
  const add = (hit: Hit): void => {
    if (!hits.has(hit[0])) hits.set(hit[0], hit);
  };
  for (const key of privateKeys(text)) add(key);
  for (const m of text.matchAll(TOKEN_RE)) {
    const token = m[1];
    if (token.endsWith('EXAMPLE')) continue; // AWS documentation's AKIAIOSFODNN7EXAMPLE
    const [, id, title] = TOKEN_KINDS.find(([re]) => re.test(token)) as [RegExp, string, string];
    if (!hits.has(id)) add([id, 'CRITICAL', title, lineAt(text, m.index ?? 0), redact(token)]); // lineAt is O(n): once per rule
  }
  return [...hits.values()];
}

const PEM_BEGIN = /-----BEGIN ([A-Z0-9 ]{0,40}?)PRIVATE KEY( BLOCK)?-----/g;

function privateKeys(text: string): Hit[] {
  const out: Hit[] = [];
  for (const m of text.matchAll(PEM_BEGIN)) {
    if (out.some((h) => h[1] === 'CRITICAL')) break; // one finding per rule per file: the most severe
    const start = (m.index ?? 0) + m[0].length;
    const window = text.slice(start, start + 64 * 1024); // bounded: a BEGIN without END costs at most 64 KiB
    const end = window.indexOf(`-----END ${m[1]}PRIVATE KEY${m[2] ?? ''}-----`);
    if (end === -1) continue;
    const lines = window.slice(0, end).split(/\r?\n/).map((l) => l.trim());
    const headers = lines.filter((l) => /^[A-Za-z][A-Za-z0-9-]*: /.test(l));
    const body = lines.filter((l) => !headers.includes(l)).join('');
    if (!/^[A-Za-z0-9+/=]{32,}$/.test(body)) continue; // a header string in code, not a key
    const type = m[1].trim();
    const encrypted = /ENCRYPTED/.test(type) || headers.some((h) => /ENCRYPTED/.test(h)) || opensshEncrypted(type, body);
    const label = type.replace('ENCRYPTED', '').trim().replace('OPENSSH', 'OpenSSH');
    const title = `${encrypted ? 'Encrypted ' : ''}${label ? `${label} ` : ''}private key${m[2] ? ' block' : ''}`;
    out.push(['private-key', encrypted ? 'HIGH' : 'CRITICAL', title.charAt(0).toUpperCase() + title.slice(1), lineAt(text, m.index ?? 0), redact(body)]);
  }
  const worst = out.find((h) => h[1] === 'CRITICAL') ?? out[0];
  return worst ? [worst] : [];
}

/** openssh-key-v1 format: magic, then the cipher name as a length-prefixed string; `none` = unencrypted. */
function opensshEncrypted(type: string, body: string): boolean {
  if (type !== 'OPENSSH') return false;
  let head: string;
  try {
    head = atob(body.slice(0, 64));
  } catch {
    return false;
  }
  const magic = 'openssh-key-v1\0';
  if (!head.startsWith(magic)) return false;
  return !head.slice(magic.length + 4).startsWith('none');
}

/** `KEY=value` lines whose key looks secret and whose value is not empty or a placeholder. */
function assignments(text: string, id: string, severity: Severity, where: string): Hit[] {
  const out: Hit[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!m || !SECRET_NAME.test(m[1]) || POINTER_NAME.test(m[1])) return;
    const value = unquote(m[2]);
    if (value === '' || PLACEHOLDER.test(value)) return;
    out.push([id, severity, `Secret-looking assignment ${m[1]} in ${where}`, i + 1, redact(value)]);
  });
  return out;
}

function unquote(raw: string): string {
  const v = raw.trim();
  const q = /^(["'])(.*)\1$/.exec(v);
  return q ? q[2] : v.replace(/\s+#.*$/, '');
}

function npmrcTokens(text: string): Hit[] {
  const out: Hit[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const m = /^\s*((?:\/\/[^\s=]*:)?(?:_authToken|_auth|_password))\s*=\s*(.*)$/.exec(raw);
    if (!m) return;
    const value = unquote(m[2]);
    if (value === '' || PLACEHOLDER.test(value)) return;
    const registry = m[1].startsWith('//') ? ` for ${m[1].slice(2, m[1].lastIndexOf(':'))}` : '';
    out.push(['npm-auth-token', 'HIGH', `npm credential ${m[1].slice(m[1].lastIndexOf(':') + 1)}${registry} in .npmrc`, i + 1, redact(value)]);
  });
  return out;
}

function dockerAuths(text: string): Hit[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return /"(auth|identitytoken|password)"\s*:\s*"[^"]+"/.test(text) ? [['docker-config-auth', 'HIGH', 'Registry credentials in docker config (unparseable JSON)', undefined, undefined]] : [];
  }
  const root = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>) : {};
  const auths = typeof root.auths === 'object' && root.auths !== null ? (root.auths as Record<string, unknown>) : root; // .dockercfg has no `auths`
  const out: Hit[] = [];
  for (const [registry, entry] of Object.entries(auths)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const e = entry as Record<string, unknown>;
    const secret = [e.auth, e.identitytoken, e.password].find((v): v is string => typeof v === 'string' && v !== '');
    if (!secret) continue;
    out.push(['docker-config-auth', 'HIGH', `Registry credentials for ${registry} in docker config`, lineAt(text, text.indexOf(secret)), redact(secret)]);
  }
  return out;
}

/**
 * Image-config rules: `root-user` when `config.User` is empty, `root` or `0` (any group), and
 * secrets baked into `config.Env` or into `history[].created_by` (build args show up there).
 */
export function scanImageConfig(config: unknown): Finding[] {
  const root = isObject(config) ? config : {};
  const cfg = isObject(root.config) ? root.config : {};
  const finding = (kind: Finding['kind'], hit: Hit, where: string): Finding => ({
    kind, id: hit[0], severity: hit[1], fixState: 'unknown', title: hit[2], target: 'image config', path: where, scanner: 'builtin',
    ...(hit[4] ? { match: hit[4] } : {})
  });
  const out: Finding[] = [];
  const user = typeof cfg.User === 'string' ? cfg.User.trim() : '';
  if (['', 'root', '0'].includes(user.split(':')[0])) {
    const title = user === '' ? 'Image runs as root: no USER is set' : `Image runs as root: USER is '${user}'`;
    out.push(finding('misconfig', ['root-user', 'MEDIUM', title, undefined, undefined], 'config.User'));
  }
  const env = (Array.isArray(cfg.Env) ? cfg.Env : []).filter((e): e is string => typeof e === 'string').join('\n');
  const seen = new Set<string>();
  for (const hit of [...assignments(env, 'env-secret', 'HIGH', 'the image config Env'), ...contentRules(env)]) {
    seen.add(`${hit[0]}|${hit[4]}`);
    out.push(finding('secret', hit, 'config.Env'));
  }
  const history = (Array.isArray(root.history) ? root.history : []).map((h) => (isObject(h) && typeof h.created_by === 'string' ? h.created_by : ''));
  const words = history.join('\n').split(/\s+/).join('\n');
  for (const hit of [...assignments(words, 'env-secret', 'HIGH', 'the image history (build args)'), ...contentRules(history.join('\n'))]) {
    if (!seen.has(`${hit[0]}|${hit[4]}`)) out.push(finding('secret', [hit[0], hit[1], hit[2], undefined, hit[4]], 'history'));
  }
  return out;
}
