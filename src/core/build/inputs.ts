/**
 * Parsers for the build inputs (strings in, typed values out). Errors name the input and the
 * line; they never echo a password or a secret value, only its id or registry.
 */
import { InputError } from '../errors.js';
import { domainProblem } from '../reference.js';
import type { RegistryAuthEntry, SecretInput } from './types.js';

/** Non-blank, non-comment lines with their 1-based line numbers. */
export function meaningfulLines(lines: string[]): Array<{ text: string; line: number }> {
  return lines.map((l, i) => ({ text: l.trim(), line: i + 1 })).filter(({ text }) => text !== '' && !text.startsWith('#'));
}

/** `KEY=value` lines (build-args, build-contexts); the value may be empty and may contain `=`. */
export function parseKeyValues(input: string, lines: string[], keyRe = /^[A-Za-z_][A-Za-z0-9_.-]*$/): Array<[string, string]> {
  const out = new Map<string, string>();
  for (const { text, line } of meaningfulLines(lines)) {
    const eq = text.indexOf('=');
    const key = eq < 0 ? text : text.slice(0, eq).trim();
    if (eq <= 0 || !keyRe.test(key)) throw new InputError(input, text, 'expected NAME=value, one per line', line);
    out.set(key, text.slice(eq + 1));
  }
  return [...out.entries()];
}

const SECRET_ID_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

function secretId(input: string, text: string, line: number): string {
  const eq = text.indexOf('=');
  const id = eq < 0 ? '' : text.slice(0, eq).trim();
  // never echo the value: only the id (or nothing) goes into the message
  if (eq <= 0 || !SECRET_ID_RE.test(id)) throw new InputError(input, id ? `${id}=***` : '***', 'expected id=value, one per line (the id is what RUN --mount=type=secret,id=… uses)', line);
  return id;
}

/** `secrets`: `id=value` lines. Values are the secrets themselves. */
export function parseSecretValues(lines: string[]): SecretInput[] {
  return meaningfulLines(lines).map(({ text, line }) => {
    const id = secretId('secrets', text, line);
    const value = text.slice(text.indexOf('=') + 1);
    if (value === '') throw new InputError('secrets', `${id}=`, 'the secret value is empty (is the GitHub secret set and passed to this job?)', line);
    return { id, kind: 'value' as const, value };
  });
}

/** `secret-files`: `id=path` lines. */
export function parseSecretFiles(lines: string[]): SecretInput[] {
  return meaningfulLines(lines).map(({ text, line }) => {
    const id = secretId('secret-files', text, line);
    const path = text.slice(text.indexOf('=') + 1).trim();
    if (path === '') throw new InputError('secret-files', `${id}=`, 'expected id=path to a file', line);
    return { id, kind: 'file' as const, path };
  });
}

/** All secrets, ids unique across both inputs. */
export function mergeSecrets(values: SecretInput[], files: SecretInput[]): SecretInput[] {
  const seen = new Set<string>();
  for (const s of [...values, ...files]) {
    if (seen.has(s.id)) throw new InputError('secrets', `${s.id}=***`, `secret id '${s.id}' is given twice (secrets / secret-files); ids must be unique`);
    seen.add(s.id);
  }
  return [...values, ...files];
}

/** The registry part of a `registry-auth` key: host[:port], scheme and path dropped, lowercased. */
export function normalizeRegistry(value: string): string {
  return value.trim().replace(/^https?:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
}

/**
 * `registry-auth`: `host=username:password` per line. The username ends at the first `:` (Basic
 * auth forbids `:` in user ids); the password is the rest of the line and may contain anything.
 */
export function parseRegistryAuth(lines: string[]): RegistryAuthEntry[] {
  const out: RegistryAuthEntry[] = [];
  for (const { text, line } of meaningfulLines(lines)) {
    const eq = text.indexOf('=');
    const registry = eq > 0 ? normalizeRegistry(text.slice(0, eq)) : '';
    const rest = eq > 0 ? text.slice(eq + 1) : '';
    const colon = rest.indexOf(':');
    const shown = registry ? `${registry}=***` : '***';
    if (!registry || colon <= 0) throw new InputError('registry-auth', shown, 'expected registry=username:password, e.g. harbor.example.com=robot$ci:${{ secrets.HARBOR_TOKEN }}', line);
    if (domainProblem(registry)) throw new InputError('registry-auth', shown, `'${registry}' is not a registry host[:port]`, line);
    const password = rest.slice(colon + 1);
    if (password === '') throw new InputError('registry-auth', shown, 'the password is empty (is the GitHub secret set and passed to this job?)', line);
    if (out.some((e) => e.registry === registry)) throw new InputError('registry-auth', shown, `${registry} has two lines; keep one`, line);
    out.push({ registry, username: rest.slice(0, colon), password, line });
  }
  return out;
}

/** `true`/`false` (any case), empty → fallback. */
export function parseBool(input: string, value: string, fallback: boolean): boolean {
  const v = value.trim().toLowerCase();
  if (v === '') return fallback;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new InputError(input, value, 'expected true or false');
}
