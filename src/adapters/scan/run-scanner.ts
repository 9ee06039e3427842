/**
 * Runs trivy or grype on one platform image at a time and parses the JSON with the existing
 * parsers. The process gets a SCRUBBED environment (see core/scan/scanner-env.ts), a scratch
 * HOME and working directory (so a `.trivyignore`, `trivy.yaml` or `.grype.yaml` in the
 * workspace cannot silently filter the report: the policy decides), and no credentials.
 *
 * Subprocesses go through {@link ProcessRunner}, a function the caller passes in: the shared
 * exec seam (src/adapters/exec.ts) can be wired here later; {@link spawnProcess} is the default.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScanReport } from '../../core/scan/findings.js';
import { parseGrypeJson } from '../../core/scan/grype.js';
import { type Env, scannerEnvironment } from '../../core/scan/scanner-env.js';
import { type ExternalScanner, dbCacheKey, dbCachePrefix, describeScannerFailure, grypeArgs, grypeEnv, trivyArgs } from '../../core/scan/scanners.js';
import { parseTrivyJson } from '../../core/scan/trivy.js';
import type { DbCache } from './db-cache.js';
import type { InstalledScanner } from './install.js';
import { singlePlatformLayout, type PreparedImage } from './platform-layout.js';

export interface ProcessRequest {
  command: string;
  args: string[];
  /** the COMPLETE environment of the child (nothing is inherited) */
  env: Record<string, string>;
  cwd: string;
  timeoutMs?: number;
}

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type ProcessRunner = (request: ProcessRequest) => Promise<ProcessResult>;

const TAIL = 256 * 1024;

/** node:child_process without a shell; the env is exactly `request.env`; output tails are kept. */
export const spawnProcess: ProcessRunner = (request) =>
  new Promise((resolve, reject) => {
    const child = spawn(request.command, request.args, { env: request.env, cwd: request.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout = (stdout + b.toString('utf8')).slice(-TAIL)));
    child.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString('utf8')).slice(-TAIL)));
    let timedOut = false;
    const timer = request.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, request.timeoutMs)
      : undefined;
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(new Error(`cannot run ${request.command}: ${e.message}`, { cause: e }));
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const note = timedOut ? `\n(killed after ${Math.round((request.timeoutMs ?? 0) / 1000)} s)` : signal ? `\n(killed by ${signal})` : '';
      resolve({ code: code ?? 128, stdout, stderr: stderr + note });
    });
  });

export class ScannerRunError extends Error {
  constructor(
    readonly tool: ExternalScanner,
    readonly exitCode: number,
    /** the scanner could not get its vulnerability DB */
    readonly db: boolean,
    message: string
  ) {
    super(message);
    this.name = 'ScannerRunError';
  }
}

export interface Logger {
  info(message: string): void;
  warning(message: string): void;
}

export interface ExternalScannerDeps {
  install(): Promise<InstalledScanner>;
  dbCache: DbCache;
  run: ProcessRunner;
  /** the runner's environment, to pick the allow-listed variables from */
  env: Env;
  /** RUNNER_TEMP: scratch files, and the DB directory (a stable path, so the Actions cache can restore it) */
  tempDir: string;
  now: () => Date;
  log: Logger;
  /** per scanner run; default 30 minutes */
  timeoutMs?: number;
}

export interface ExternalScannerSession {
  tool: ExternalScanner;
  version: string;
  /** scan the `platform` image of `image` */
  scan(image: PreparedImage, platform: string): Promise<ScanReport>;
  /** save a DB this session downloaded, remove scratch files */
  close(): Promise<void>;
}

type DbState = 'exact' | 'stale' | 'miss';

/** Install (or find) the scanner, restore its DB, and return a session that scans platform images. */
export async function openExternalScanner(tool: ExternalScanner, deps: ExternalScannerDeps): Promise<ExternalScannerSession> {
  const installed = await deps.install();
  const work = await mkdtemp(join(deps.tempDir, `aim-build-${tool}-run-`));
  const home = join(work, 'home');
  const tmp = join(work, 'tmp');
  await Promise.all([mkdir(home), mkdir(tmp)]);
  const dbDir = join(deps.tempDir, `aim-build-${tool}-db`);
  const cachePaths = [tool === 'trivy' ? join(dbDir, 'db') : dbDir];
  const key = dbCacheKey(tool, deps.now());
  if (deps.dbCache.unavailable) deps.log.info(`${tool} DB cache: ${deps.dbCache.unavailable}; the DB is downloaded on every run`);
  let restored: string | undefined;
  try {
    restored = await deps.dbCache.restore(cachePaths, key, [dbCachePrefix(tool)]);
  } catch (e) {
    deps.log.warning(`${tool} DB cache restore failed (${(e as Error).message}); the DB will be downloaded`);
  }
  let state: DbState = restored === key ? 'exact' : restored ? 'stale' : 'miss';
  if (restored) deps.log.info(`${tool} DB restored from the Actions cache (${restored}${state === 'stale' ? ', not today\'s: it will be updated' : ''})`);
  let updated = false;
  let runs = 0;

  const runOnce = async (image: PreparedImage, platform: string, skipDbUpdate: boolean): Promise<{ report: string; result: ProcessResult }> => {
    const n = ++runs;
    let input = image.path;
    if (image.format === 'oci') input = (await singlePlatformLayout(image.path, platform, join(work, `image-${n}`))).dir;
    const report = join(work, `report-${n}.json`);
    const args =
      tool === 'trivy'
        ? trivyArgs({ input, output: report, cacheDir: dbDir, skipDbUpdate })
        : grypeArgs({ source: { kind: image.format === 'oci' ? 'oci-dir' : 'docker-archive', path: input }, output: report });
    const extra = tool === 'grype' ? grypeEnv({ dbCacheDir: dbDir, autoUpdate: !skipDbUpdate }) : {};
    const env = scannerEnvironment(deps.env, { home, tmpDir: tmp, extra });
    deps.log.info(`[${platform}] ${tool} ${args.join(' ')}`);
    const result = await deps.run({ command: installed.binary, args, env, cwd: work, timeoutMs: deps.timeoutMs ?? 1_800_000 });
    return { report, result };
  };

  return {
    tool,
    version: installed.version,
    async scan(image, platform) {
      let skip = state === 'exact' || updated;
      for (let attempt = 1; ; attempt++) {
        const { report, result } = await runOnce(image, platform, skip);
        if (result.code === 0) {
          if (!skip) updated = true;
          const text = await readFile(report, 'utf8');
          return tool === 'trivy' ? parseTrivyJson(text, report) : parseGrypeJson(text, report);
        }
        const failure = describeScannerFailure(tool, installed.version, result.code, result.stderr);
        if (failure.db && attempt === 1 && skip) {
          deps.log.warning(`${tool} could not use the cached DB; retrying with a DB update`);
          skip = false;
          state = 'miss';
        } else if (failure.db && attempt === 1 && state === 'stale') {
          deps.log.warning(`${tool} could not update its DB; scanning with the older DB restored from the cache (${restored}). Findings newer than that DB are missed.`);
          skip = true;
        } else {
          throw new ScannerRunError(tool, result.code, failure.db, failure.message);
        }
      }
    },
    async close() {
      try {
        if (updated && state !== 'exact') {
          await deps.dbCache.save(cachePaths, key);
          deps.log.info(`${tool} DB saved to the Actions cache as ${key}`);
        }
      } catch (e) {
        deps.log.warning(`${tool} DB cache save failed (${(e as Error).message}); the next run downloads the DB again`);
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    }
  };
}
