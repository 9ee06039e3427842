/**
 * The runner protocol: inputs from INPUT_*, outputs and state through the GITHUB_OUTPUT /
 * GITHUB_STATE file commands, log commands on stdout, the step summary file.
 *
 * Why not @actions/core here: its entry statically imports its OIDC client, which loads
 * @actions/http-client and undici (~900 kB) on every start; that alone doubled the meta bundle's
 * cold start (docs/benchmarks.md). This file implements the same documented protocol, and
 * __tests__/adapters/runner.test.ts checks it against @actions/core byte for byte.
 */
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { EOL } from 'node:os';

type Env = Record<string, string | undefined>;

let env: Env = process.env;
let write: (text: string) => void = (text) => void process.stdout.write(text);

/** Tests point the runner at their own environment and stdout. */
export function useRunnerIO(e: Env, w: (text: string) => void): void {
  env = e;
  write = w;
}

export function getInput(name: string, options: { trimWhitespace?: boolean } = {}): string {
  const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
  return options.trimWhitespace === false ? value : value.trim();
}

const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/**
 * A plain log line can never be a runner command, whatever text it carries (registry error
 * bodies, payload fields, refs, PR titles). The runner reads stdout line by line (CR, LF),
 * trims leading whitespace (.NET's set, which includes U+0085 and U+2028) and takes a line
 * starting with `::` as a command, and a line containing `##[` anywhere as a legacy one. A
 * zero-width space (not whitespace to .NET) between the two characters keeps the text readable
 * and inert. Unicode line separators are treated as line breaks too, for viewers that split on them.
 */
const LEADING_COMMAND = /(^|[\r\n\u2028\u2029\u0085])([\s\u0085]*):(?=:)/g;
export const neutraliseCommands = (text: string): string =>
  text.replace(LEADING_COMMAND, '$1$2:\u200b').replace(/#(?=#\[)/g, '#\u200b');

function command(name: string, message: string): void {
  write(`::${name}::${escapeData(message)}${EOL}`);
}

/** A log line; any text is safe here (see neutraliseCommands). */
export const info = (message: string): void => write(neutraliseCommands(message) + EOL);
export const debug = (message: string): void => command('debug', message);
export const warning = (message: string): void => command('warning', message);
export const error = (message: string): void => command('error', message);
export const startGroup = (name: string): void => command('group', name);
export const endGroup = (): void => command('endgroup', '');
/**
 * Pauses the runner's command processing until `resumeCommands(token)`: defence in depth around
 * long streams of foreign output (builder logs), whose lines `info` neutralises anyway.
 */
export const stopCommands = (token: string): void => command('stop-commands', token);
export const resumeCommands = (token: string): void => write(`::${token}::${EOL}`);
/** Masks a value in every later log line of the job. */
export const setSecret = (secret: string): void => command('add-mask', secret);

export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}

function fileCommand(variable: 'GITHUB_OUTPUT' | 'GITHUB_STATE', name: string, value: string): boolean {
  const path = env[variable];
  if (!path) return false;
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`${name}: the value contains the delimiter`);
  appendFileSync(path, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8');
  return true;
}

export function setOutput(name: string, value: string): void {
  if (!fileCommand('GITHUB_OUTPUT', name, value)) {
    write(EOL);
    write(`::set-output name=${name.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/,/g, '%2C')}::${escapeData(value)}${EOL}`);
  }
}

/** State for the post step (never secrets). */
export function saveState(name: string, value: string): void {
  fileCommand('GITHUB_STATE', name, value);
}

export function getState(name: string): string {
  return env[`STATE_${name}`] ?? '';
}

/** Appends markdown to the job summary; a no-op outside a runner. */
export function appendSummary(markdown: string): void {
  const path = env.GITHUB_STEP_SUMMARY;
  if (path) appendFileSync(path, markdown, 'utf8');
}
