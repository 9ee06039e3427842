/**
 * The smoke test gate's rules (pure): which inputs mean what, which runtime runs the image and
 * why, the exact argv for each runtime, the HEALTHCHECK read from an image config, and the
 * verdict with its summary. The adapter (adapters/smoke/runtime.ts) runs what this file plans.
 */
import { code, escapeMarkdown } from './markdown.js';
import { parsePlatforms, platformFromText, platformMatches, platformSlug } from './platform.js';
import type { BuilderName } from './build/types.js';

export type SmokeRuntimeName = 'docker' | 'buildah';
export type SmokeRuntimeRequest = 'auto' | SmokeRuntimeName;
export const SMOKE_RUNTIMES: SmokeRuntimeRequest[] = ['auto', 'docker', 'buildah'];

/** A command as Dockerfile writes them: a JSON array runs as is (exec form), a string under `/bin/sh -c` (shell form). */
export type SmokeCommand = { form: 'exec'; argv: string[] } | { form: 'shell'; text: string };

export interface SmokeInputs {
  /** `test-run`: run inside the image; it passes on exit code 0 */
  run?: SmokeCommand;
  /** `test-healthcheck`: start the image and wait until it is healthy */
  healthcheck: boolean;
  /** `test-healthcheck-cmd`: the check to run inside the container instead of the image's HEALTHCHECK */
  healthcheckCmd?: SmokeCommand;
  /** `test-port`: healthy when this TCP port answers on the container's network */
  port?: number;
  /** `test-timeout`, seconds, per platform and per check kind */
  timeoutSeconds: number;
  /** `test-platforms`: undefined = every built platform */
  platforms?: string[];
  runtime: SmokeRuntimeRequest;
}

export const DEFAULT_SMOKE_TIMEOUT = 120;

/** Every input parseSmokeInputs reads (a test keeps action.yml declaring exactly the inputs steps read). */
export const SMOKE_INPUT_NAMES = ['test-run', 'test-healthcheck', 'test-healthcheck-cmd', 'test-port', 'test-timeout', 'test-platforms', 'test-runtime'] as const;

/** Raw input values by name (empty string = not given). */
export type RawInputs = (name: string) => string;

function parseCommand(value: string, input: string): SmokeCommand {
  const text = value.trim();
  if (text.startsWith('[')) {
    let argv: unknown;
    try {
      argv = JSON.parse(text);
    } catch (e) {
      throw new Error(`${input}: ${JSON.stringify(text)} starts with "[" but is not a JSON array (${(e as Error).message}); write the exec form as ["/app/server","--version"] or the shell form as /app/server --version`, { cause: e });
    }
    if (!Array.isArray(argv) || argv.length === 0 || !argv.every((a) => typeof a === 'string') || (argv[0] as string) === '') {
      throw new Error(`${input}: the exec form must be a non-empty JSON array of strings, e.g. ["/app/server","--version"]`);
    }
    return { form: 'exec', argv: argv as string[] };
  }
  if (/[\0]/.test(text)) throw new Error(`${input}: the command contains a NUL character`);
  return { form: 'shell', text };
}

/** Seconds: `90`, `90s`, `2m`. */
export function parseSeconds(value: string, input: string): number {
  const m = /^(\d{1,5})\s*(s|m)?$/.exec(value.trim());
  const n = m ? Number(m[1]) * (m[2] === 'm' ? 60 : 1) : NaN;
  if (!m || n < 1 || n > 6 * 3600) throw new Error(`${input}: ${JSON.stringify(value)} is not a duration between 1 s and 6 h; write seconds (90, 90s) or minutes (2m)`);
  return n;
}

function parseBool(value: string, input: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  throw new Error(`${input}: ${JSON.stringify(value)} is not true or false`);
}

/** Validates every smoke input; `undefined` when no test was asked for (the gate is off). */
export function parseSmokeInputs(get: RawInputs): SmokeInputs | undefined {
  const runText = get('test-run').trim();
  const healthcheck = parseBool(get('test-healthcheck'), 'test-healthcheck');
  const cmdText = get('test-healthcheck-cmd').trim();
  const portText = get('test-port').trim();
  const runtime = (get('test-runtime').trim().toLowerCase() || 'auto') as SmokeRuntimeRequest;
  if (!SMOKE_RUNTIMES.includes(runtime)) throw new Error(`test-runtime: ${JSON.stringify(get('test-runtime'))} is not one of ${SMOKE_RUNTIMES.join(', ')}`);
  let port: number | undefined;
  if (portText) {
    port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 1 && port <= 65535)) throw new Error(`test-port: ${JSON.stringify(portText)} is not a TCP port (1-65535)`);
  }
  if ((cmdText || port !== undefined) && !healthcheck) {
    throw new Error(`${cmdText ? 'test-healthcheck-cmd' : 'test-port'} is set but test-healthcheck is not true; set test-healthcheck: true to start the image and wait for it`);
  }
  const timeoutText = get('test-timeout').trim();
  const platformsText = get('test-platforms').trim();
  if (!runText && !healthcheck) return undefined; // test-timeout and test-platforms have defaults: alone they mean nothing
  return {
    run: runText ? parseCommand(runText, 'test-run') : undefined,
    healthcheck,
    healthcheckCmd: cmdText ? parseCommand(cmdText, 'test-healthcheck-cmd') : undefined,
    port,
    timeoutSeconds: timeoutText ? parseSeconds(timeoutText, 'test-timeout') : DEFAULT_SMOKE_TIMEOUT,
    platforms: platformsText && platformsText.toLowerCase() !== 'all' ? parsePlatforms(platformsText, 'test-platforms') : undefined,
    runtime
  };
}

/** The built platforms to test, in build order; a requested platform that was not built is an error naming both lists (except in one job of a push-by-digest build). */
export function platformsToTest(built: readonly string[], requested: readonly string[] | undefined, oneJobOfSeveral = false): string[] {
  if (!requested) return [...built];
  const missing = requested.filter((r) => !built.some((b) => platformMatches(platformFromText(r), platformFromText(b))));
  // a push-by-digest job builds one platform of several: the others are other jobs' to test
  if (missing.length && !oneJobOfSeveral) throw new Error(`test-platforms: ${missing.join(', ')} ${missing.length === 1 ? 'was' : 'were'} not built (built: ${built.join(', ')}); list only platforms from platforms`);
  return built.filter((b) => requested.some((r) => platformMatches(platformFromText(r), platformFromText(b))));
}

export interface RuntimeChoice {
  runtime: SmokeRuntimeName;
  reason: string;
}

/** `auto`: the runtime that goes with the builder `builder: auto` picked (buildx/docker → docker daemon; buildah → buildah, no daemon). */
export function chooseRuntime(request: SmokeRuntimeRequest, builder: BuilderName): RuntimeChoice {
  if (request !== 'auto') return { runtime: request, reason: `smoke test runtime: ${request} (test-runtime: ${request})` };
  if (builder === 'buildah') return { runtime: 'buildah', reason: 'smoke test runtime: buildah (test-runtime: auto, the image was built by buildah: buildah from + buildah run, no daemon needed)' };
  return { runtime: 'docker', reason: `smoke test runtime: docker (test-runtime: auto, the image was built by ${builder}, which runs next to a Docker daemon)` };
}

export function hostPlatform(nodeArch: string): string {
  const arch = nodeArch === 'x64' ? 'amd64' : nodeArch === 'ia32' ? '386' : nodeArch;
  return `linux/${arch}`;
}

/** A log line for a platform the host does not run natively. */
export function emulationNote(platform: string, host: string): string | undefined {
  if (platformFromText(platform).architecture === platformFromText(host).architecture) return undefined;
  return `${platform} is not the host's platform (${host}): it runs under QEMU user emulation (binfmt_misc), typically 5-20x slower; test-timeout applies as set`;
}

/** argv of a command inside the container: exec form as is, shell form under /bin/sh -c (like a Dockerfile's CMD-SHELL). */
export function commandArgv(cmd: SmokeCommand): string[] {
  return cmd.form === 'exec' ? [...cmd.argv] : ['/bin/sh', '-c', cmd.text];
}

// ---------------------------------------------------------------------------------------------
// HEALTHCHECK from the image config

export interface Healthcheck {
  command: SmokeCommand;
  intervalMs: number;
  timeoutMs: number;
  startPeriodMs: number;
  retries: number;
}

const NS_PER_MS = 1_000_000;
const msOf = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.round(v / NS_PER_MS) : fallback);

/**
 * The image's HEALTHCHECK (`config.Healthcheck`, durations in nanoseconds, Docker's defaults:
 * interval and timeout 30 s, retries 3). `undefined` when there is none or it is `NONE`.
 */
export function healthcheckOf(config: unknown): Healthcheck | undefined {
  const hc = (config as { config?: { Healthcheck?: Record<string, unknown> } } | undefined)?.config?.Healthcheck;
  const test = hc?.Test;
  if (!Array.isArray(test) || test.length === 0 || !test.every((t) => typeof t === 'string')) return undefined;
  const [kind, ...rest] = test as string[];
  let command: SmokeCommand | undefined;
  if (kind === 'CMD' && rest.length > 0) command = { form: 'exec', argv: rest };
  else if (kind === 'CMD-SHELL' && rest.length === 1) command = { form: 'shell', text: rest[0] };
  if (!command) return undefined; // NONE, or inherited-empty
  return {
    command,
    intervalMs: msOf(hc?.Interval, 30_000),
    timeoutMs: msOf(hc?.Timeout, 30_000),
    startPeriodMs: msOf(hc?.StartPeriod, 0),
    retries: typeof hc?.Retries === 'number' && hc.Retries > 0 ? hc.Retries : 3
  };
}

/** What the start check waits for, in this order: test-port, test-healthcheck-cmd, the image's HEALTHCHECK. */
export type ReadyCheck = { kind: 'port'; port: number; intervalMs: number } | { kind: 'command'; source: string; check: Healthcheck };

export function readyCheck(inputs: SmokeInputs, imageConfig: unknown, builder: BuilderName): ReadyCheck {
  if (inputs.port !== undefined) return { kind: 'port', port: inputs.port, intervalMs: 500 };
  if (inputs.healthcheckCmd) return { kind: 'command', source: 'test-healthcheck-cmd', check: { command: inputs.healthcheckCmd, intervalMs: 1000, timeoutMs: 30_000, startPeriodMs: 0, retries: 0 } };
  const hc = healthcheckOf(imageConfig);
  if (hc) return { kind: 'command', source: 'the image HEALTHCHECK', check: hc };
  const why =
    builder === 'buildah'
      ? ' buildah writes OCI images, and the OCI image config has no HEALTHCHECK (buildah warns "HEALTHCHECK is not supported for OCI image format")'
      : '';
  throw new Error(`test-healthcheck: the image config has no HEALTHCHECK.${why} Set test-healthcheck-cmd (a command that exits 0 when healthy) or test-port`);
}

// ---------------------------------------------------------------------------------------------
// argv

export interface BuildahSmokeStore {
  root: string;
  runroot: string;
  driver: string;
}

const storeArgs = (s: BuildahSmokeStore): string[] => ['--root', s.root, '--runroot', s.runroot, ...(s.driver ? ['--storage-driver', s.driver] : [])];

/** `buildah from` a single-platform OCI layout into a private store; `--os/--arch/--variant` name the platform (foreign ones run under QEMU). */
export function buildahFromArgs(store: BuildahSmokeStore, layoutRef: string, platform: string, container: string): string[] {
  const p = platformFromText(platform);
  return [...storeArgs(store), 'from', '--name', container, '--os', p.os, '--arch', p.architecture, ...(p.variant ? ['--variant', p.variant] : []), `oci:${layoutRef}`];
}

/** `buildah run` (chroot isolation when there is no OCI runtime); `--network host` so a test-port answers on the runner's loopback. */
export function buildahRunArgs(store: BuildahSmokeStore, container: string, argv: string[], o: { isolation?: string; hostNetwork?: boolean } = {}): string[] {
  return [...storeArgs(store), 'run', ...(o.isolation ? ['--isolation', o.isolation] : []), ...(o.hostNetwork ? ['--network', 'host'] : []), container, '--', ...argv];
}

export function buildahRmArgs(store: BuildahSmokeStore, container: string): string[] {
  return [...storeArgs(store), 'rm', container];
}

export function buildahRmiAllArgs(store: BuildahSmokeStore): string[] {
  return [...storeArgs(store), 'rmi', '--all', '--force'];
}

/** The main process of the image: Entrypoint + Cmd from its config (what `docker run` would start). */
export function mainProcess(config: unknown): string[] {
  const c = (config as { config?: { Entrypoint?: unknown; Cmd?: unknown } } | undefined)?.config ?? {};
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const argv = [...list(c.Entrypoint), ...list(c.Cmd)];
  if (argv.length === 0) throw new Error('test-healthcheck: the image has neither ENTRYPOINT nor CMD, so there is no process to start');
  return argv;
}

/** docker (GitHub-hosted runners): load the single-platform OCI archive; `docker load` prints the image id. */
export function dockerLoadArgs(archive: string): string[] {
  return ['load', '--input', archive];
}

/** `docker run --rm` a command, the image's entrypoint replaced (the command is run exactly as given). */
export function dockerRunArgs(image: string, platform: string, argv: string[], name: string): string[] {
  const [entry, ...rest] = argv;
  return ['run', '--rm', '--name', name, '--platform', platform, '--pull', 'never', '--entrypoint', entry, image, ...rest];
}

/** `docker run -d` the image's own process; a test-port is published on the runner's loopback only, on a free port. */
export function dockerStartArgs(image: string, platform: string, name: string, port?: number): string[] {
  return ['run', '--detach', '--name', name, '--platform', platform, '--pull', 'never', ...(port !== undefined ? ['--publish', `127.0.0.1::${port}/tcp`] : []), image];
}

export function dockerExecArgs(name: string, argv: string[]): string[] {
  return ['exec', name, ...argv];
}

/** Where docker published the container's port, e.g. `127.0.0.1:49153`. */
export function dockerPortArgs(name: string, port: number): string[] {
  return ['port', name, `${port}/tcp`];
}

export function dockerRmArgs(name: string): string[] {
  return ['rm', '--force', '--volumes', name];
}

export function dockerRmiArgs(image: string): string[] {
  return ['image', 'rm', '--force', image];
}

/** `127.0.0.1:49153` (first line of `docker port`) → 49153; IPv4 loopback only. */
export function publishedPort(output: string): number | undefined {
  for (const line of output.split(/\r?\n/)) {
    const m = /^127\.0\.0\.1:(\d{1,5})$/.exec(line.trim());
    if (m) return Number(m[1]);
  }
  return undefined;
}

export function containerName(platform: string, nonce: string): string {
  return `aim-smoke-${platformSlug(platform)}-${nonce}`.replace(/[^a-zA-Z0-9_.-]/g, '-');
}

// ---------------------------------------------------------------------------------------------
// verdict and summary

export interface SmokeCheckResult {
  kind: 'run' | 'healthcheck';
  passed: boolean;
  /** the command's exit code (undefined: timed out, or a port check) */
  exitCode?: number;
  timedOut: boolean;
  /** one line: what passed or why not */
  detail: string;
  /** the last lines of output */
  output: string;
  ms: number;
}

export interface SmokePlatformResult {
  platform: string;
  emulated: boolean;
  checks: SmokeCheckResult[];
}

export interface SmokeVerdict {
  pass: boolean;
  reason: string;
}

export const OUTPUT_LINES = 10;

/** The last `n` non-empty lines (a command's output in the log and summary). */
export function lastLines(text: string, n = OUTPUT_LINES): string {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(-n)
    .join('\n');
}

export function smokeVerdict(results: readonly SmokePlatformResult[]): SmokeVerdict {
  const failed = results.flatMap((r) => r.checks.filter((c) => !c.passed).map((c) => `${r.platform} ${c.kind}: ${c.detail}`));
  if (failed.length) return { pass: false, reason: `smoke test failed, nothing was pushed: ${failed.join('; ')}` };
  const n = results.reduce((s, r) => s + r.checks.length, 0);
  return { pass: true, reason: `smoke test passed: ${n} check(s) on ${results.map((r) => r.platform).join(', ')}` };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The job summary section: one row per platform and check, then the last output lines of each. */
export function smokeMarkdown(results: readonly SmokePlatformResult[], runtime: RuntimeChoice): string {
  const verdict = smokeVerdict(results);
  const rows = results.flatMap((r) =>
    r.checks.map(
      (c) =>
        `| ${code(r.platform)}${r.emulated ? ' (QEMU)' : ''} | ${c.kind} | ${c.passed ? '✅ passed' : '❌ failed'} | ${c.exitCode ?? (c.timedOut ? 'timed out' : '–')} | ${seconds(c.ms)} | ${escapeMarkdown(c.detail).replace(/\|/g, '\\|')} |`
    )
  );
  const outputs = results.flatMap((r) =>
    r.checks
      .filter((c) => c.output.trim() !== '')
      // every line its own code span (core/markdown.ts): nothing in the output is markdown or HTML
      .map((c) => `<details><summary>${escapeMarkdown(`${r.platform} ${c.kind}: last lines of output`)}</summary>\n\n${c.output.split('\n').map((l) => code(l)).join('<br>\n')}\n\n</details>`)
  );
  return [
    `### Smoke test: ${verdict.pass ? 'passed' : 'failed, nothing was pushed'}`,
    '',
    escapeMarkdown(runtime.reason),
    '',
    '| Platform | Check | Result | Exit code | Time | Detail |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    ...outputs,
    ''
  ].join('\n');
}
