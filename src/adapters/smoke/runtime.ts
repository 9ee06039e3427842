/**
 * Runs the smoke test plan of core/smoke.ts on one platform image of the local OCI layout.
 *  - buildah (no daemon): a single-platform layout (index.json + the build's blobs) is taken into a
 *    PRIVATE store with `buildah from`, then `buildah run` (chroot isolation without runc/crun;
 *    foreign platforms through QEMU binfmt). The store is removed afterwards.
 *  - docker (GitHub-hosted runners): the single-platform layout as an OCI archive to `docker load`,
 *    then `docker run` / `docker run -d` + `docker exec`. Not run here (no daemon): argv tests only.
 * Every process goes through the exec seam (adapters/exec.ts).
 */
import { createConnection } from 'node:net';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import tar from 'tar-stream';
import { execTool, startTool, tail, type Started } from '../exec.js';
import { blobPath } from '../registry/oci-layout.js';
import { parseJson, type ImageManifest } from '../../core/oci.js';
import {
  buildahFromArgs,
  buildahRmArgs,
  buildahRmiAllArgs,
  buildahRunArgs,
  commandArgv,
  containerName,
  dockerExecArgs,
  dockerLoadArgs,
  dockerPortArgs,
  dockerRmArgs,
  dockerRmiArgs,
  dockerRunArgs,
  dockerStartArgs,
  lastLines,
  mainProcess,
  publishedPort,
  readyCheck,
  type BuildahSmokeStore,
  type ReadyCheck,
  type SmokeCheckResult,
  type SmokeInputs
} from '../../core/smoke.js';
import type { BuilderName } from '../../core/build/types.js';

const REF = 'smoke';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** The image config of one platform manifest in the layout. */
export async function imageConfig(layout: string, manifestDigest: string): Promise<unknown> {
  const manifest = parseJson<ImageManifest>(await readFile(blobPath(layout, manifestDigest), 'utf8'), `manifest ${manifestDigest}`);
  return parseJson<unknown>(await readFile(blobPath(layout, manifest.config.digest), 'utf8'), `image config ${manifest.config.digest}`);
}

/** A layout holding just this platform's manifest (named `smoke`); its blobs are the build's own (a symlink, nothing copied). */
export async function singlePlatformLayout(layout: string, manifestDigest: string, dir: string): Promise<string> {
  const body = await readFile(blobPath(layout, manifestDigest), 'utf8');
  const mediaType = parseJson<{ mediaType?: string }>(body, `manifest ${manifestDigest}`).mediaType ?? 'application/vnd.oci.image.manifest.v1+json';
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType, digest: manifestDigest, size: Buffer.byteLength(body), annotations: { 'org.opencontainers.image.ref.name': REF } }] })
  );
  await symlink(join(layout, 'blobs'), join(dir, 'blobs'));
  return dir;
}

function portAnswers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host, port });
    const done = (ok: boolean): void => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1000, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

export interface SmokeRunner {
  /** runs `test-run` and/or the start check on one platform (manifest digest in the layout) */
  test(platform: string, manifestDigest: string, inputs: SmokeInputs): Promise<SmokeCheckResult[]>;
  cleanup(): Promise<void>;
}

interface ContainerOps {
  /** a check command inside the running (or prepared) container, bounded */
  exec(argv: string[], timeoutMs: number): Started;
  /** the image's own process; for docker also where a port is published */
  start(port: number | undefined): Promise<{ proc?: Started; exited: () => Promise<number | undefined>; hostPort: (port: number) => Promise<number | undefined>; stop: () => Promise<void> }>;
}

function checkResult(kind: SmokeCheckResult['kind'], r: { exitCode: number; stdout: string; stderr: string; ms: number; timedOut: boolean }, timeoutMs: number): SmokeCheckResult {
  const output = lastLines(`${r.stdout}\n${r.stderr}`);
  if (r.timedOut) return { kind, passed: false, timedOut: true, detail: `did not finish within test-timeout (${timeoutMs / 1000} s)`, output, ms: r.ms };
  return { kind, passed: r.exitCode === 0, exitCode: r.exitCode, timedOut: false, detail: r.exitCode === 0 ? 'exit code 0' : `exit code ${r.exitCode}`, output, ms: r.ms };
}

async function runCheck(ops: ContainerOps, inputs: SmokeInputs): Promise<SmokeCheckResult> {
  const timeoutMs = inputs.timeoutSeconds * 1000;
  const r = await ops.exec(commandArgv(inputs.run!), timeoutMs).done;
  return checkResult('run', r, timeoutMs);
}

/** Starts the image's process and waits until the ready check passes, the process exits, retries run out, or test-timeout. */
async function healthCheck(ops: ContainerOps, ready: ReadyCheck, inputs: SmokeInputs): Promise<SmokeCheckResult> {
  const started = Date.now();
  const deadline = started + inputs.timeoutSeconds * 1000;
  const result = (passed: boolean, detail: string, output: string, exitCode?: number, timedOut = false): SmokeCheckResult => ({
    kind: 'healthcheck',
    passed,
    exitCode,
    timedOut,
    detail,
    output: lastLines(output),
    ms: Date.now() - started
  });
  const container = await ops.start(ready.kind === 'port' ? ready.port : undefined);
  let lastOutput = '';
  try {
    const interval = ready.kind === 'port' ? ready.intervalMs : ready.check.intervalMs;
    const what = ready.kind === 'port' ? `port ${ready.port}` : ready.source;
    let failures = 0;
    for (let attempt = 1; ; attempt++) {
      await sleep(Math.min(interval, deadline - Date.now()));
      const code = await container.exited();
      if (code !== undefined) return result(false, `the container's process exited with code ${code} before ${what} passed`, lastOutput, code);
      if (Date.now() >= deadline) break;
      if (ready.kind === 'port') {
        const hostPort = await container.hostPort(ready.port);
        if (hostPort !== undefined && (await portAnswers(hostPort))) return result(true, `port ${ready.port} answered after ${attempt} attempt(s)`, lastOutput);
      } else {
        const r = await ops.exec(commandArgv(ready.check.command), Math.max(1, Math.min(ready.check.timeoutMs, deadline - Date.now()))).done;
        lastOutput = `${r.stdout}\n${r.stderr}`;
        if (r.exitCode === 0 && !r.timedOut) return result(true, `${what} passed after ${attempt} attempt(s)`, lastOutput, 0);
        if (Date.now() - started >= ready.check.startPeriodMs) failures++;
        if (ready.check.retries > 0 && failures >= ready.check.retries) {
          return result(false, `unhealthy: ${what} failed ${failures} time(s) in a row (retries ${ready.check.retries})`, lastOutput, r.timedOut ? undefined : r.exitCode, r.timedOut);
        }
      }
      if (Date.now() >= deadline) break;
    }
    return result(false, `${what} did not pass within test-timeout (${inputs.timeoutSeconds} s)`, lastOutput, undefined, true);
  } finally {
    await container.stop();
  }
}

async function testWith(ops: ContainerOps, inputs: SmokeInputs, config: unknown, builder: BuilderName): Promise<SmokeCheckResult[]> {
  const checks: SmokeCheckResult[] = [];
  if (inputs.run) checks.push(await runCheck(ops, inputs));
  if (inputs.healthcheck) {
    let ready: ReadyCheck;
    try {
      ready = readyCheck(inputs, config, builder);
      mainProcess(config);
    } catch (e) {
      checks.push({ kind: 'healthcheck', passed: false, timedOut: false, detail: (e as Error).message, output: '', ms: 0 });
      return checks;
    }
    checks.push(await healthCheck(ops, ready, inputs));
  }
  return checks;
}

const nonce = (): string => randomBytes(4).toString('hex');

/** A directory whose path is a valid repository name (see BuildahSmokeRunner.test). */
function layoutRoot(): string {
  const root = tmpdir();
  if (!/^(\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)+$/.test(root)) {
    throw new Error(`smoke test: the temporary directory ${root} cannot name an image for buildah (lowercase letters, digits, '.', '_' and '-' only, no leading '_'); set TMPDIR to such a directory, e.g. /tmp`);
  }
  return root;
}

export class BuildahSmokeRunner implements SmokeRunner {
  private store?: BuildahSmokeStore;
  private dir?: string;
  private readonly layouts: string[] = [];

  constructor(
    private readonly layout: string,
    private readonly tempRoot: string,
    private readonly o: { isolation?: string; builder: BuilderName; env?: Record<string, string>; log: (line: string) => void }
  ) {}

  private async prepare(): Promise<BuildahSmokeStore> {
    if (this.store) return this.store;
    this.dir = await mkdtemp(join(this.tempRoot, 'aim-smoke-'));
    const info = await execTool('buildah', ['info', '--format', '{{.store.GraphDriverName}}'], { env: this.o.env });
    const driver = info.exitCode === 0 ? info.stdout.trim() : '';
    this.store = { root: join(this.dir, 'storage'), runroot: join(this.dir, 'run'), driver };
    return this.store;
  }

  async test(platform: string, manifestDigest: string, inputs: SmokeInputs): Promise<SmokeCheckResult[]> {
    const store = await this.prepare();
    // buildah 1.28 names an image taken from `oci:DIR` `localhost/DIR`, so DIR must be a valid
    // repository path (lowercase, no leading `_`: RUNNER_TEMP=/home/runner/work/_temp is not); the
    // layout here is two small files and a symlink to the build's blobs
    const ref = await singlePlatformLayout(this.layout, manifestDigest, join(layoutRoot(), `aim-smoke-${nonce()}`));
    this.layouts.push(ref);
    const config = await imageConfig(this.layout, manifestDigest);
    const ctr = containerName(platform, nonce());
    const from = await execTool('buildah', buildahFromArgs(store, `${ref}:${REF}`, platform, ctr), { env: this.o.env });
    if (from.exitCode !== 0) {
      const detail = `buildah from failed (exit code ${from.exitCode}): ${tail(from, 3)}`;
      return [{ kind: inputs.run ? 'run' : 'healthcheck', passed: false, exitCode: from.exitCode, timedOut: false, detail, output: tail(from), ms: from.ms }];
    }
    const env = this.o.env;
    const isolation = this.o.isolation;
    const ops: ContainerOps = {
      exec: (argv, timeoutMs) => startTool('buildah', buildahRunArgs(store, ctr, argv, { isolation, hostNetwork: true }), { env, timeoutMs }),
      start: async () => {
        const proc = startTool('buildah', buildahRunArgs(store, ctr, mainProcess(config), { isolation, hostNetwork: true }), { env });
        let code: number | undefined;
        void proc.done.then((r) => (code = r.exitCode));
        return {
          proc,
          exited: async () => code,
          hostPort: async (port) => port, // --network host: the container's port is the runner's
          stop: async () => {
            proc.stop();
            await proc.done;
          }
        };
      }
    };
    try {
      return await testWith(ops, inputs, config, this.o.builder);
    } finally {
      const rm = await execTool('buildah', buildahRmArgs(store, ctr), { env });
      if (rm.exitCode !== 0) this.o.log(`smoke test: could not remove container ${ctr}: ${tail(rm, 3)}`);
    }
  }

  async cleanup(): Promise<void> {
    for (const l of this.layouts) await rm(l, { recursive: true, force: true });
    if (!this.store || !this.dir) return;
    await execTool('buildah', buildahRmiAllArgs(this.store), { env: this.o.env });
    await rm(this.dir, { recursive: true, force: true }).catch((e: unknown) => this.o.log(`smoke test: could not remove ${this.dir}: ${(e as Error).message}`));
  }
}

/** The platform's OCI archive for `docker load`: oci-layout, index.json and only this manifest's blobs, streamed file by file. */
async function platformArchive(single: string, layout: string, manifestDigest: string, out: string): Promise<void> {
  const manifest = parseJson<ImageManifest>(await readFile(blobPath(layout, manifestDigest), 'utf8'), `manifest ${manifestDigest}`);
  const digests = [manifestDigest, manifest.config.digest, ...(manifest.layers ?? []).map((l) => l.digest)];
  const files: Array<[name: string, path: string]> = [
    ['oci-layout', join(single, 'oci-layout')],
    ['index.json', join(single, 'index.json')],
    ...[...new Set(digests)].map((d): [string, string] => [`blobs/${d.replace(':', '/')}`, blobPath(layout, d)])
  ];
  const pack = tar.pack();
  const written = pipeline(pack, createWriteStream(out));
  for (const [name, path] of files) {
    const st = await stat(path);
    await new Promise<void>((resolve, reject) => {
      const sink = pack.entry({ name, size: st.size, mode: 0o644 }, (e) => (e ? reject(e) : resolve()));
      createReadStream(path).on('error', reject).pipe(sink);
    });
  }
  pack.finalize();
  await written;
}

/** docker on GitHub-hosted runners: `docker load` of a single-platform OCI archive, then run/exec. No daemon here: covered by argv tests. */
export class DockerSmokeRunner implements SmokeRunner {
  private readonly images: string[] = [];
  private dir?: string;

  constructor(
    private readonly layout: string,
    private readonly tempRoot: string,
    private readonly o: { builder: BuilderName; env?: Record<string, string>; log: (line: string) => void }
  ) {}

  async test(platform: string, manifestDigest: string, inputs: SmokeInputs): Promise<SmokeCheckResult[]> {
    this.dir ??= await mkdtemp(join(this.tempRoot, 'aim-smoke-'));
    const single = await singlePlatformLayout(this.layout, manifestDigest, join(this.dir, `p-${nonce()}`));
    const archive = `${single}.tar`;
    await platformArchive(single, this.layout, manifestDigest, archive);
    const config = await imageConfig(this.layout, manifestDigest);
    const env = this.o.env;
    const load = await execTool('docker', dockerLoadArgs(archive), { env });
    const image = /Loaded image(?: ID)?: (\S+)/.exec(load.stdout)?.[1];
    if (load.exitCode !== 0 || !image) {
      return [{ kind: inputs.run ? 'run' : 'healthcheck', passed: false, exitCode: load.exitCode, timedOut: false, detail: `docker load failed: ${tail(load, 3)}`, output: tail(load), ms: load.ms }];
    }
    this.images.push(image);
    const name = containerName(platform, nonce());
    const ops: ContainerOps = {
      exec: (argv, timeoutMs) => startTool('docker', dockerExecArgs(name, argv), { env, timeoutMs }),
      start: async (port) => {
        const started = await execTool('docker', dockerStartArgs(image, platform, name, port), { env });
        const exited = async (): Promise<number | undefined> => {
          if (started.exitCode !== 0) return started.exitCode;
          const s = await execTool('docker', ['inspect', '--format', '{{.State.Running}} {{.State.ExitCode}}', name], { env });
          const [running, code] = s.stdout.trim().split(' ');
          return running === 'false' ? Number(code) : undefined;
        };
        return {
          exited,
          hostPort: async (p) => publishedPort((await execTool('docker', dockerPortArgs(name, p), { env })).stdout),
          stop: async () => void (await execTool('docker', dockerRmArgs(name), { env }))
        };
      }
    };
    const checks: SmokeCheckResult[] = [];
    if (inputs.run) {
      const timeoutMs = inputs.timeoutSeconds * 1000;
      const r = await startTool('docker', dockerRunArgs(image, platform, commandArgv(inputs.run), `${name}-run`), { env, timeoutMs }).done;
      if (r.timedOut) await execTool('docker', dockerRmArgs(`${name}-run`), { env });
      checks.push(checkResult('run', r, timeoutMs));
    }
    if (inputs.healthcheck) checks.push(...(await testWith(ops, { ...inputs, run: undefined }, config, this.o.builder)));
    return checks;
  }

  async cleanup(): Promise<void> {
    for (const image of this.images) await execTool('docker', dockerRmiArgs(image), { env: this.o.env });
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}
