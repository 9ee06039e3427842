/**
 * Runs a committed bundle as the runner runs it: `node dist/<entry>/index.js` with INPUT_* and
 * GITHUB_* variables, GITHUB_OUTPUT / GITHUB_STATE / step summary files and a RUNNER_TEMP. No mocks.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHA } from './events.js';
import { parseOutputFile } from './runner-files.js';
import { run } from './tools.js';

export interface BundleEvent {
  name: string;
  ref: string;
  payload: object;
}

export interface BundleRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
  files: { output: string; state: string; summary: string; temp: string; event: string };
}

export interface BundleOptions {
  /** more variables, e.g. DOCKER_METADATA_* toggles */
  extraEnv?: Record<string, string>;
  /** the environment to start from (default: PATH only); buildah tests pass buildahEnv() */
  baseEnv?: NodeJS.ProcessEnv;
}

function prepare(inputs: Record<string, string>, event: BundleEvent, o: BundleOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'aim-dist-'));
  const files = { output: join(dir, 'output'), state: join(dir, 'state'), summary: join(dir, 'summary.md'), temp: join(dir, 'runner-temp'), event: join(dir, 'event.json') };
  for (const f of [files.output, files.state, files.summary]) writeFileSync(f, '');
  mkdirSync(files.temp);
  writeFileSync(files.event, JSON.stringify(event.payload));
  const env: NodeJS.ProcessEnv = {
    ...(o.baseEnv ?? { PATH: process.env.PATH ?? '' }),
    GITHUB_EVENT_NAME: event.name,
    GITHUB_REF: event.ref,
    GITHUB_SHA: SHA,
    GITHUB_REPOSITORY: 'Acme/Backend',
    GITHUB_ACTOR: 'octocat',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: files.temp,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...o.extraEnv
  };
  const result = (status: number | null, stdout: string, stderr: string): BundleRun => ({
    status,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
    state: parseOutputFile(readFileSync(files.state, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    files
  });
  return { env, result };
}

export function runAction(entry: string, inputs: Record<string, string>, event: BundleEvent, extraEnv: Record<string, string> = {}): BundleRun {
  const { env, result } = prepare(inputs, event, { extraEnv });
  const res = spawnSync(process.execPath, [`dist/${entry}/index.js`], { env, encoding: 'utf8' });
  return result(res.status, res.stdout, res.stderr);
}

/** The same, without blocking this process (needed when a registry's proxy or token server runs in it). */
export async function runActionAsync(entry: string, inputs: Record<string, string>, event: BundleEvent, o: BundleOptions & { timeoutMs?: number } = {}): Promise<BundleRun> {
  const { env, result } = prepare(inputs, event, o);
  const res = await run(process.execPath, [`dist/${entry}/index.js`], { env, check: false, timeoutMs: o.timeoutMs ?? 120_000 });
  return result(res.code, res.stdout, res.stderr);
}

/** The first `::error::` line of a run, with the runner's escapes undone (`%0A`, `%0D`, `%25`). */
export function errorLine(run: string | { stdout: string }): string {
  const stdout = typeof run === 'string' ? run : run.stdout;
  return (/^::error::(.*)$/m.exec(stdout)?.[1] ?? '').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
}

/** Every argv the bundle ran, from the exec seam's debug lines (`::debug::exec [...]`). */
export function execLines(run: string | { stdout: string }): string[][] {
  const stdout = typeof run === 'string' ? run : run.stdout;
  return [...stdout.matchAll(/^::debug::exec (\[.*\])/gm)].map((m) => JSON.parse(m[1]) as string[]);
}
