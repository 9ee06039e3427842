/**
 * THE subprocess seam: every buildx / buildah / docker call goes through `execTool`.
 *  - argv is debug-logged (`::debug::exec …`); stdin (`input`, where passwords go) never is;
 *  - the exit code is returned, not thrown (`ignoreReturnCode`); a missing tool is exit 127;
 *  - with `stream`, output lines are echoed to the log (neutralised by `info`) between
 *    `::stop-commands::` markers, so a build step that prints `::set-output …` or `::add-mask::`
 *    cannot drive the runner;
 *  - observers (tests) see every call: tool, argv, env names and whether stdin was used;
 *  - the child's environment is allow-listed (core/build/builder-env.ts): no INPUT_*, no GITHUB_TOKEN.
 */
import { getExecOutput } from '@actions/exec';
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import * as core from './github/runner.js';
import { ToolError } from '../core/errors.js';
import { builderEnvironment } from '../core/build/builder-env.js';

export interface ExecOptions {
  /** written to stdin then closed (passwords) */
  input?: string;
  /** added to the inherited environment */
  env?: Record<string, string>;
  cwd?: string;
  /** echo output lines to the log as they come (builds); otherwise only captured */
  stream?: boolean;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface ExecRecord {
  tool: string;
  args: string[];
  /** names of the added env vars (never their values) */
  envNames: string[];
  stdin: boolean;
}

const observers = new Set<(r: ExecRecord) => void>();

/** Tests: see every call at the seam. Returns the unsubscribe function. */
export function observeExec(fn: (r: ExecRecord) => void): () => void {
  observers.add(fn);
  return () => void observers.delete(fn);
}

/** Builder processes get an allow-listed environment: never our INPUT_* (passwords, tokens, secrets) or GITHUB_TOKEN. */
function childEnv(extra: Record<string, string> | undefined): Record<string, string> {
  return builderEnvironment(process.env, extra);
}

export async function execTool(tool: string, args: string[], opts: ExecOptions = {}): Promise<ExecResult> {
  const record: ExecRecord = { tool, args: [...args], envNames: Object.keys(opts.env ?? {}), stdin: opts.input !== undefined };
  for (const o of observers) o(record);
  core.debug(`exec ${JSON.stringify([tool, ...args])}${record.envNames.length ? ` env+${record.envNames.join(',')}` : ''}${record.stdin ? ' (stdin)' : ''}`);
  const started = Date.now();
  const token = opts.stream ? `aim-build-${randomUUID()}` : '';
  if (opts.stream) {
    core.info(`[command]${[tool, ...args].join(' ')}`);
    core.stopCommands(token);
  }
  try {
    const out = await getExecOutput(tool, args, {
      ignoreReturnCode: true,
      silent: true,
      input: opts.input === undefined ? undefined : Buffer.from(opts.input, 'utf8'),
      env: childEnv(opts.env),
      cwd: opts.cwd,
      listeners: opts.stream ? { stdline: (l) => core.info(l), errline: (l) => core.info(l) } : undefined
    });
    return { ...out, ms: Date.now() - started };
  } catch (e) {
    // @actions/exec throws when the executable is not on PATH
    return { exitCode: 127, stdout: '', stderr: (e as Error).message, ms: Date.now() - started };
  } finally {
    if (opts.stream) core.resumeCommands(token);
  }
}

/** The last lines of stderr (or stdout), for error messages. */
export function tail(r: Pick<ExecResult, 'stderr' | 'stdout'>, lines = 15): string {
  const text = (r.stderr.trim() || r.stdout.trim()).split(/\r?\n/);
  return text.slice(-lines).join('\n');
}

/** Runs and throws a ToolError (exit code, stderr tail, fix) on a non-zero exit. */
export async function execChecked(tool: string, args: string[], opts: ExecOptions & { fix?: string; name?: string } = {}): Promise<ExecResult> {
  const r = await execTool(tool, args, opts);
  if (r.exitCode !== 0) throw new ToolError(opts.name ?? `${tool} ${args[0] ?? ''}`.trim(), r.exitCode, tail(r), opts.fix);
  return r;
}

export interface Started {
  /** resolves when the process exits (or is stopped); output is capped to its last 64 KiB per stream */
  done: Promise<ExecResult & { timedOut: boolean }>;
  /** SIGTERM to the whole process group, SIGKILL 2 s later */
  stop(): void;
}

const OUTPUT_CAP = 64 * 1024;

/**
 * Starts a process in its own process group and does not wait for it (a container's main process,
 * a check with a deadline). Same seam rules as execTool: observed, argv debug-logged, allow-listed
 * environment. With `timeoutMs` it is stopped at the deadline and `timedOut` is set.
 */
export function startTool(tool: string, args: string[], opts: Pick<ExecOptions, 'env' | 'cwd'> & { timeoutMs?: number } = {}): Started {
  const record: ExecRecord = { tool, args: [...args], envNames: Object.keys(opts.env ?? {}), stdin: false };
  for (const o of observers) o(record);
  core.debug(`exec ${JSON.stringify([tool, ...args])}${record.envNames.length ? ` env+${record.envNames.join(',')}` : ''} (background)`);
  const started = Date.now();
  const child = spawn(tool, args, { env: childEnv(opts.env), cwd: opts.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  let exited = false;
  const keep = (s: string, c: Buffer): string => (s + c.toString('utf8')).slice(-OUTPUT_CAP);
  child.stdout.on('data', (c: Buffer) => (stdout = keep(stdout, c)));
  child.stderr.on('data', (c: Buffer) => (stderr = keep(stderr, c)));
  const signal = (sig: NodeJS.Signals): void => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  const stop = (): void => {
    signal('SIGTERM');
    setTimeout(() => signal('SIGKILL'), 2000).unref();
  };
  const timer = opts.timeoutMs !== undefined ? setTimeout(() => ((timedOut = true), stop()), opts.timeoutMs) : undefined;
  const done = new Promise<ExecResult & { timedOut: boolean }>((resolve) => {
    child.on('error', (e) => {
      exited = true;
      if (timer) clearTimeout(timer);
      resolve({ exitCode: 127, stdout, stderr: e.message, ms: Date.now() - started, timedOut });
    });
    child.on('close', (codeNum, sig) => {
      exited = true;
      if (timer) clearTimeout(timer);
      resolve({ exitCode: codeNum ?? (sig ? 128 + (osConstants.signals[sig] ?? 0) : 1), stdout, stderr, ms: Date.now() - started, timedOut });
    });
  });
  return { done, stop };
}
