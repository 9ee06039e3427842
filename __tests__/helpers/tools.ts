/**
 * Shared plumbing for the real-component tests: locating external tools, running them
 * (secrets only ever on stdin), and the CI-vs-local rule for missing tools:
 *  - CI=true: a missing tool FAILS the suite with "run scripts/ci-setup.sh".
 *  - locally: the suite is skipped, with the same hint printed once.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';

export const SETUP_HINT = 'run `sudo bash scripts/ci-setup.sh` (installs buildah, skopeo, docker-registry, apache2-utils, qemu-user-static, busybox-static, openssl)';

/** Cache for .debs, built base images and container storage; shared across tests and runs. */
export const TEST_CACHE = process.env.AIM_TEST_CACHE || '/tmp/aim-build-test-cache';

export function isCI(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1';
}

/** Absolute path of an executable on PATH (or the given absolute path), or undefined. */
export function which(tool: string): string | undefined {
  const candidates = tool.includes('/')
    ? [tool]
    : (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':').concat(['/usr/sbin', '/sbin']).map((d) => path.join(d, tool));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      /* next */
    }
  }
  return undefined;
}

export interface Requirement {
  /** human name shown in the message */
  name: string;
  ok: boolean;
}

export function toolRequirement(tool: string): Requirement {
  return { name: tool, ok: which(tool) !== undefined };
}

/** arm64 RUN steps need qemu registered with binfmt_misc (ci-setup.sh does it). */
export function qemuArm64Requirement(): Requirement {
  return { name: 'qemu-aarch64 binfmt_misc registration', ok: existsSync('/proc/sys/fs/binfmt_misc/qemu-aarch64') };
}

/**
 * Decide whether a real-component suite runs. Returns true when everything is present.
 * With CI=true and something missing it throws (so the suite fails loudly); locally it
 * returns false and the caller uses `describe.skip`.
 */
export function requireReal(suite: string, reqs: Requirement[]): boolean {
  const missing = reqs.filter((r) => !r.ok).map((r) => r.name);
  if (missing.length === 0) return true;
  const msg = `${suite}: missing ${missing.join(', ')}; ${SETUP_HINT}`;
  if (isCI()) throw new Error(`${msg} (CI=true, so this is a failure, not a skip)`);
  console.warn(`SKIPPED ${msg}`);
  return false;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  /** written to stdin then closed; the place for passwords (never argv) */
  input?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
  /** throw (default) or resolve on a non-zero exit */
  check?: boolean;
}

/** Run a command without a shell. Throws on non-zero exit (unless check: false) with stderr's tail. */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe']
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          child.kill('SIGKILL');
        }, opts.timeoutMs)
      : undefined;
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(new Error(`${cmd}: ${e.message}; ${SETUP_HINT}`));
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const res: RunResult = {
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: Date.now() - started
      };
      if (res.code !== 0 && opts.check !== false) {
        const tail = res.stderr.trim().split('\n').slice(-15).join('\n');
        reject(new Error(`${cmd} ${args.join(' ')} exited ${res.code}${signal ? ` (${signal})` : ''} after ${res.ms} ms:\n${tail}`));
      } else {
        resolve(res);
      }
    });
    child.stdin.on('error', () => {
      /* the tool may exit before reading stdin */
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** Synchronous variant for setup code that runs once (e.g. openssl). */
export function runSync(cmd: string, args: string[], opts: { input?: string; cwd?: string } = {}): string {
  const r = spawnSync(cmd, args, { input: opts.input ?? '', cwd: opts.cwd, encoding: 'utf8' });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}; ${SETUP_HINT}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${(r.stderr || '').trim().split('\n').slice(-10).join('\n')}`);
  return r.stdout;
}
