/**
 * buildah for the real-component tests (see docs/dev-notes/buildah.md for the why):
 *  - a private containers-storage under $AIM_TEST_CACHE/containers (overlay; AIM_TEST_STORAGE_DRIVER=vfs
 *    to override) selected with CONTAINERS_STORAGE_CONF, so tests never touch /var/lib/containers;
 *  - `--isolation chroot` (BUILDAH_ISOLATION=chroot): no runc/crun needed, arm64 RUN via qemu binfmt;
 *  - a local multi-arch busybox base `localhost/aim-busybox:latest` (a manifest list of
 *    `localhost/aim-busybox:amd64` and `:arm64`, FROM scratch + busybox-static from the Debian .debs
 *    that scripts/ci-setup.sh downloads), built once and cached across tests and runs;
 *  - registry logins with a job-private REGISTRY_AUTH_FILE and the password on stdin.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { qemuArm64Requirement, run, runSync, SETUP_HINT, TEST_CACHE, which, type Requirement, type RunOptions, type RunResult } from './tools.js';

export const FIXTURE_CONTEXT = fileURLToPath(new URL('../fixtures/build-context', import.meta.url));
export const BASE_LIST = 'localhost/aim-busybox:latest';
export const BASE_IMAGES = { amd64: 'localhost/aim-busybox:amd64', arm64: 'localhost/aim-busybox:arm64' } as const;
export type Arch = keyof typeof BASE_IMAGES;

const CONTAINERS_DIR = path.join(TEST_CACHE, 'containers');
const STORAGE_CONF = path.join(CONTAINERS_DIR, 'storage.conf');

/** Environment for every buildah/skopeo call in tests. */
export function buildahEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  if (!existsSync(STORAGE_CONF)) {
    mkdirSync(CONTAINERS_DIR, { recursive: true });
    const driver = process.env.AIM_TEST_STORAGE_DRIVER || 'overlay';
    writeFileSync(
      STORAGE_CONF,
      `[storage]\ndriver = "${driver}"\ngraphroot = "${path.join(CONTAINERS_DIR, 'storage')}"\nrunroot = "${path.join(CONTAINERS_DIR, 'run')}"\n`
    );
  }
  return { ...process.env, CONTAINERS_STORAGE_CONF: STORAGE_CONF, BUILDAH_ISOLATION: 'chroot', ...extra };
}

export function buildah(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return run('buildah', args, { timeoutMs: 300_000, ...opts, env: buildahEnv(opts.env) });
}

export function busyboxDeb(arch: Arch): string | undefined {
  const dir = path.join(TEST_CACHE, 'debs');
  if (!existsSync(dir)) return undefined;
  const f = readdirSync(dir).find((n) => n.startsWith('busybox-static_') && n.endsWith(`_${arch}.deb`));
  return f ? path.join(dir, f) : undefined;
}

export function busyboxDebsRequirement(): Requirement {
  return { name: `busybox-static amd64+arm64 .debs in ${path.join(TEST_CACHE, 'debs')}`, ok: !!busyboxDeb('amd64') && !!busyboxDeb('arm64') };
}

export function buildahRequirements(): Requirement[] {
  return [
    { name: 'buildah', ok: !!which('buildah') },
    { name: 'dpkg-deb', ok: !!which('dpkg-deb') },
    busyboxDebsRequirement(),
    qemuArm64Requirement()
  ];
}

async function exists(kind: 'image' | 'manifest', ref: string): Promise<boolean> {
  const args = kind === 'manifest' ? ['manifest', 'exists', ref] : ['inspect', '--type', 'image', '--format', '{{.FromImageID}}', ref];
  return (await buildah(args, { check: false })).code === 0;
}

/** A directory lock shared by Jest workers and concurrent runs (stale after 5 minutes). */
async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(CONTAINERS_DIR, `${name}.lock`);
  mkdirSync(CONTAINERS_DIR, { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** rootfs with /bin/busybox from the .deb and a symlink per applet. */
function busyboxContext(arch: Arch, dir: string): string {
  const deb = busyboxDeb(arch);
  if (!deb) throw new Error(`busybox-static ${arch} .deb not found in ${path.join(TEST_CACHE, 'debs')}; ${SETUP_HINT}`);
  const extracted = path.join(dir, `deb-${arch}`);
  runSync('dpkg-deb', ['-x', deb, extracted]);
  const ctx = path.join(dir, `ctx-${arch}`);
  const root = path.join(ctx, 'rootfs');
  for (const d of ['bin', 'etc', 'tmp', 'root']) mkdirSync(path.join(root, d), { recursive: true });
  chmodSync(path.join(root, 'tmp'), 0o1777);
  copyFileSync(path.join(extracted, 'bin', 'busybox'), path.join(root, 'bin', 'busybox'));
  chmodSync(path.join(root, 'bin', 'busybox'), 0o755);
  // The applet list is the same for both architectures; ask the host-native binary.
  const native: Arch = process.arch === 'arm64' ? 'arm64' : 'amd64';
  let applets: string[];
  try {
    const nativeDeb = busyboxDeb(native) as string;
    const nativeDir = path.join(dir, `deb-native`);
    if (!existsSync(nativeDir)) runSync('dpkg-deb', ['-x', nativeDeb, nativeDir]);
    applets = runSync(path.join(nativeDir, 'bin', 'busybox'), ['--list']).split('\n').filter(Boolean);
  } catch {
    applets = ['sh', 'echo', 'cat', 'mkdir', 'ls', 'uname', 'cp', 'mv', 'rm', 'env', 'test', 'printf', 'tr', 'sed', 'grep', 'wc', 'head', 'tail', 'true', 'false', 'id', 'chmod', 'ln', 'touch'];
  }
  for (const a of applets) if (a !== 'busybox') symlinkSync('busybox', path.join(root, 'bin', a));
  writeFileSync(path.join(root, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n');
  writeFileSync(path.join(root, 'etc', 'group'), 'root:x:0:\nnogroup:x:65534:\n');
  writeFileSync(
    path.join(ctx, 'Containerfile'),
    'FROM scratch\nCOPY rootfs/ /\nENV PATH=/bin\nLABEL org.opencontainers.image.title="aim-build test busybox"\nCMD ["/bin/sh"]\n'
  );
  return ctx;
}

export interface BusyboxBase {
  /** manifest list usable as `FROM` for any --platform */
  list: string;
  images: typeof BASE_IMAGES;
  /** true when it was built by this call (false = cache hit) */
  built: boolean;
  ms: number;
}

/**
 * Makes sure `localhost/aim-busybox:{amd64,arm64,latest}` exist in the test storage.
 * Cached: a second call (any worker, any later run) costs two `buildah` look-ups.
 */
export async function ensureBusyboxBase(): Promise<BusyboxBase> {
  const started = Date.now();
  const ready = async (): Promise<boolean> =>
    (await exists('manifest', BASE_LIST)) && (await exists('image', BASE_IMAGES.amd64)) && (await exists('image', BASE_IMAGES.arm64));
  if (await ready()) return { list: BASE_LIST, images: BASE_IMAGES, built: false, ms: Date.now() - started };
  return withLock('busybox-base', async () => {
    if (await ready()) return { list: BASE_LIST, images: BASE_IMAGES, built: false, ms: Date.now() - started };
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'aim-busybox-'));
    try {
      for (const arch of Object.keys(BASE_IMAGES) as Arch[]) {
        const ctx = busyboxContext(arch, tmp);
        await buildah(['build', '--isolation', 'chroot', '--platform', `linux/${arch}`, '-t', BASE_IMAGES[arch], '-f', path.join(ctx, 'Containerfile'), ctx]);
      }
      if (await exists('manifest', BASE_LIST)) await buildah(['manifest', 'rm', BASE_LIST]);
      await buildah(['manifest', 'create', BASE_LIST]);
      for (const arch of Object.keys(BASE_IMAGES) as Arch[]) {
        await buildah(['manifest', 'add', BASE_LIST, `containers-storage:${BASE_IMAGES[arch]}`]);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    return { list: BASE_LIST, images: BASE_IMAGES, built: true, ms: Date.now() - started };
  });
}

/** Remove a manifest list and the per-platform images it lists (what one `build --manifest` made). */
export async function removeManifestAndImages(list: string): Promise<void> {
  const inspect = await buildah(['manifest', 'inspect', list], { check: false });
  if (inspect.code !== 0) return;
  const digests = new Set((JSON.parse(inspect.stdout) as { manifests?: Array<{ digest: string }> }).manifests?.map((m) => m.digest) ?? []);
  const images = await buildah(['images', '--digests', '--no-trunc', '--format', '{{.ID}} {{.Digest}}'], { check: false });
  const ids = images.stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([id, digest]) => id && digests.has(digest))
    .map(([id]) => id);
  await buildah(['manifest', 'rm', list], { check: false });
  if (ids.length) await buildah(['rmi', '-f', ...new Set(ids)], { check: false });
}

export interface AuthDir {
  dir: string;
  /** REGISTRY_AUTH_FILE for buildah/skopeo (created by `buildah login`, mode 0600) */
  authFile: string;
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

/** A job-private directory (0700) for the registry auth file. */
export function makeAuthDir(): AuthDir {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aim-auth-'));
  chmodSync(dir, 0o700);
  const authFile = path.join(dir, 'auth.json');
  return { dir, authFile, env: { REGISTRY_AUTH_FILE: authFile }, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `buildah login --password-stdin`: the password goes to stdin, never argv or logs. */
export async function buildahLogin(
  host: string,
  creds: { username: string; password: string },
  auth: AuthDir,
  tls: { tlsVerify?: boolean; certDir?: string } = {}
): Promise<void> {
  const args = ['login', '--authfile', auth.authFile, '--username', creds.username, '--password-stdin'];
  if (tls.tlsVerify === false) args.push('--tls-verify=false');
  if (tls.certDir) args.push('--cert-dir', tls.certDir);
  args.push(host);
  await buildah(args, { input: `${creds.password}\n`, env: auth.env });
}
