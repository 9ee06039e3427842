/**
 * Installs a pinned scanner release: tool cache hit → verified binary; otherwise download the
 * archive, check its sha256 BEFORE anything reads it (no extraction, no cache write, no exec of
 * unverified bytes), extract the one binary, cache it.
 *
 * The tool cache sits behind {@link ToolCache}. `@actions/tool-cache` is loaded with a dynamic
 * import only here (never by the meta bundle); while it is not a dependency, the filesystem
 * implementation below keeps the same layout under RUNNER_TOOL_CACHE
 * (`<tool>/<version>/<arch>/` + `<arch>.complete`), so either one finds what the other cached.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RunnerArch, ScannerRelease } from '../../core/scan/scanners.js';
import { extractTar } from './archive.js';

export interface ToolCache {
  /** the cached directory of tool@version for arch, or undefined */
  find(tool: string, version: string, arch: string): Promise<string | undefined>;
  /** copy `sourceDir` into the cache; returns the cached directory */
  cacheDir(sourceDir: string, tool: string, version: string, arch: string): Promise<string>;
}

/** The @actions/tool-cache layout on disk, without the package. */
export function fsToolCache(root: string): ToolCache {
  const dir = (tool: string, version: string, arch: string): string => join(root, tool, version, arch);
  return {
    async find(tool, version, arch) {
      const d = dir(tool, version, arch);
      return existsSync(`${d}.complete`) ? d : undefined;
    },
    async cacheDir(sourceDir, tool, version, arch) {
      const d = dir(tool, version, arch);
      await rm(d, { recursive: true, force: true });
      await rm(`${d}.complete`, { force: true });
      await mkdir(d, { recursive: true });
      await cp(sourceDir, d, { recursive: true });
      await writeFile(`${d}.complete`, '');
      return d;
    }
  };
}

interface ActionsToolCache {
  find(toolName: string, versionSpec: string, arch?: string): string;
  cacheDir(sourceDir: string, tool: string, version: string, arch?: string): Promise<string>;
}

export async function loadToolCache(env: Record<string, string | undefined>, log: (m: string) => void): Promise<ToolCache> {
  try {
    // a lazily loaded chunk, only on the scanner-install path
    const tc = (await import('@actions/tool-cache')) as unknown as ActionsToolCache;
    if (typeof tc.find === 'function' && typeof tc.cacheDir === 'function') {
      return { find: async (t, v, a) => tc.find(t, v, a) || undefined, cacheDir: (s, t, v, a) => tc.cacheDir(s, t, v, a) };
    }
  } catch {
    /* not installed: same layout without the package */
  }
  const root = env.RUNNER_TOOL_CACHE || join(env.RUNNER_TEMP || '/tmp', 'aim-build-tool-cache');
  log(`tool cache: ${root} (filesystem)`);
  return fsToolCache(root);
}

/** The sha256 of the archive or binary did not match: nothing was extracted, cached or run. */
export class ScannerVerificationError extends Error {
  constructor(
    readonly tool: string,
    readonly version: string,
    readonly file: string,
    readonly expected: string,
    readonly actual: string,
    readonly checksumsUrl: string
  ) {
    super(
      `${tool} ${version}: refusing ${file}: its sha256 is ${actual}, but aim-build pins ${expected}. Nothing was extracted, cached or run. ` +
        `A release asset whose bytes changed is what a tampered or substituted release looks like (the trivy-action tag hijack of 2026-03-19). ` +
        `Do not retry blindly: compare with ${checksumsUrl}; if that release really was re-published, set scanner-version and scanner-checksums ` +
        `to a release you have checked, or use scan: builtin (no download)`
    );
    this.name = 'ScannerVerificationError';
  }
}

export interface InstallDeps {
  fetch: typeof fetch;
  toolCache: ToolCache;
  arch: RunnerArch;
  /** scratch space for the download (RUNNER_TEMP) */
  tempDir: string;
  log: (message: string) => void;
  /** per download attempt; default 10 minutes */
  timeoutMs?: number;
}

export interface InstalledScanner {
  tool: string;
  version: string;
  /** absolute path of the executable */
  binary: string;
  fromCache: boolean;
}

/** What we checked at install time, kept next to the binary in the cache. */
interface Receipt {
  archive: string;
  archiveSha256: string;
  binarySha256: string;
}
const RECEIPT = 'aim-build-verified.json';

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

export async function installScanner(release: ScannerRelease, deps: InstallDeps): Promise<InstalledScanner> {
  const asset = release.assets[deps.arch];
  const cached = await deps.toolCache.find(release.tool, release.version, deps.arch);
  if (cached) {
    const binary = join(cached, release.binary);
    if (await receiptHolds(cached, binary, asset.sha256)) {
      deps.log(`${release.tool} ${release.version}: tool cache hit (${cached})`);
      return { tool: release.tool, version: release.version, binary, fromCache: true };
    }
    deps.log(`${release.tool} ${release.version}: the cached copy in ${cached} does not match what was verified at install time; downloading again`);
  }
  const work = await mkdtemp(join(deps.tempDir, `aim-build-${release.tool}-`));
  try {
    const archive = join(work, asset.file);
    const actual = await download(asset.url, archive, deps);
    if (actual !== asset.sha256) throw new ScannerVerificationError(release.tool, release.version, asset.file, asset.sha256, actual, release.checksumsUrl);
    deps.log(`${release.tool} ${release.version}: ${asset.file} sha256 ${actual} verified`);
    const out = join(work, 'bin');
    const written = await extractTar(archive, out, { only: new Set([release.binary]), mode: 0o755 });
    if (!written.includes(release.binary)) throw new Error(`${release.tool} ${release.version}: ${asset.file} has no '${release.binary}' executable at its top level`);
    const receipt: Receipt = { archive: asset.file, archiveSha256: actual, binarySha256: await sha256File(join(out, release.binary)) };
    await writeFile(join(out, RECEIPT), JSON.stringify(receipt));
    const dir = await deps.toolCache.cacheDir(out, release.tool, release.version, deps.arch);
    return { tool: release.tool, version: release.version, binary: join(dir, release.binary), fromCache: false };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function receiptHolds(dir: string, binary: string, archiveSha256: string): Promise<boolean> {
  try {
    const receipt = JSON.parse(await readFile(join(dir, RECEIPT), 'utf8')) as Receipt;
    if (receipt.archiveSha256 !== archiveSha256) return false;
    if (!(await stat(binary)).isFile()) return false;
    return (await sha256File(binary)) === receipt.binarySha256;
  } catch {
    return false;
  }
}

/** Streams the body to `dest` while hashing it; returns the hex sha256. One retry on connection errors and 5xx. */
async function download(url: string, dest: string, deps: InstallDeps): Promise<string> {
  const fix = 'check that the runner can reach github.com (release downloads), or use scan: builtin (no download)';
  let last = '';
  for (let attempt = 1; attempt <= 2; attempt++) {
    let res: Response;
    try {
      res = await deps.fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(deps.timeoutMs ?? 600_000), headers: { 'user-agent': 'aim-build' } });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      last = cause?.code ?? cause?.message ?? (e as Error).message;
      deps.log(`download of ${url} failed (${last})${attempt < 2 ? '; retrying once' : ''}`);
      continue;
    }
    if (res.status >= 500 && attempt < 2) {
      last = `HTTP ${res.status}`;
      deps.log(`download of ${url} failed (${last}); retrying once`);
      continue;
    }
    if (!res.ok || !res.body) {
      throw new Error(`download of ${url} failed: HTTP ${res.status}${res.status === 404 ? ' (no such release asset: check scanner-version)' : `; ${fix}`}`);
    }
    const hash = createHash('sha256');
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        done(null, chunk);
      }
    });
    await pipeline(Readable.fromWeb(res.body as Parameters<typeof Readable.fromWeb>[0]), tap, createWriteStream(dest, { mode: 0o600 }));
    return hash.digest('hex');
  }
  throw new Error(`download of ${url} failed: ${last}; ${fix}`);
}
