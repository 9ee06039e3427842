/**
 * Runs a committed bundle as the runner runs it: `node dist/<entry>/index.js` with INPUT_* and
 * GITHUB_* variables, a GITHUB_OUTPUT file and a step summary file. No mocks.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

function prepare(inputs: Record<string, string>, event: BundleEvent, extraEnv: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'aim-dist-'));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary.md'), event: join(dir, 'event.json') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  writeFileSync(files.event, JSON.stringify(event.payload));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_EVENT_NAME: event.name,
    GITHUB_REF: event.ref,
    GITHUB_SHA: SHA,
    GITHUB_REPOSITORY: 'Acme/Backend',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...extraEnv
  };
  const result = (status: number | null, stdout: string, stderr: string) => ({ status, stdout, stderr, outputs: parseOutputFile(readFileSync(files.output, 'utf8')), summary: readFileSync(files.summary, 'utf8') });
  return { env, result };
}

export function runAction(entry: string, inputs: Record<string, string>, event: BundleEvent, extraEnv: Record<string, string> = {}) {
  const { env, result } = prepare(inputs, event, extraEnv);
  const res = spawnSync(process.execPath, [`dist/${entry}/index.js`], { env, encoding: 'utf8' });
  return result(res.status, res.stdout, res.stderr);
}

/** The same, without blocking this process (needed when a registry's proxy or token server runs in it). */
export async function runActionAsync(entry: string, inputs: Record<string, string>, event: BundleEvent, extraEnv: Record<string, string> = {}) {
  const { env, result } = prepare(inputs, event, extraEnv);
  const res = await run(process.execPath, [`dist/${entry}/index.js`], { env, check: false, timeoutMs: 120_000 });
  return result(res.code, res.stdout, res.stderr);
}
