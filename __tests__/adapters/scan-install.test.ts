/**
 * Scanner install against a local release server (node:http on 127.0.0.1, the GitHub releases
 * seam). The archives are built by the test (a shell script standing in for the trivy binary,
 * plus LICENSE/README like the real archive); their sha256 is computed here, so the verification
 * path is the real one: accept, refuse a tampered archive before extraction, cache, cache hit.
 */
import { tarGzOf } from '../helpers/oci-layout.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ScannerRelease, pinnedRelease, resolveRelease } from '../../src/core/scan/scanners.js';
import { ScannerVerificationError, fsToolCache, installScanner, loadToolCache, type InstallDeps } from '../../src/adapters/scan/install.js';

const hex = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const SCRIPT = '#!/bin/sh\necho "stand-in for trivy (not the real binary)"\n';

let server: http.Server;
let base: string;
let root: string;
const files = new Map<string, Buffer>();
const requests: string[] = [];
let good: Buffer;
let tampered: Buffer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'aim-install-'));
  good = await tarGzOf([{ name: 'LICENSE', content: 'Apache-2.0\n' }, { name: 'README.md', content: '# trivy\n' }, { name: 'trivy', content: SCRIPT, mode: 0o755 }]);
  // same names, one changed byte in the binary: what a substituted release asset looks like
  tampered = await tarGzOf([{ name: 'LICENSE', content: 'Apache-2.0\n' }, { name: 'README.md', content: '# trivy\n' }, { name: 'trivy', content: SCRIPT.replace('stand-in', 'stand_in'), mode: 0o755 }]);
  server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const body = files.get(req.url ?? '');
    if (req.url === '/redirect') {
      res.writeHead(302, { location: '/good.tar.gz' }).end();
      return;
    }
    if (!body) {
      res.writeHead(404).end('Not Found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  files.set('/good.tar.gz', good);
  files.set('/tampered.tar.gz', tampered);
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  requests.length = 0;
});

/** The pinned trivy release with its amd64 asset pointed at the local server and the given digest. */
function release(path: string, sha256: string): ScannerRelease {
  const pinned = pinnedRelease('trivy');
  return { ...pinned, assets: { ...pinned.assets, amd64: { file: pinned.assets.amd64.file, url: `${base}${path}`, sha256 } } };
}

function deps(cacheRoot: string, log: string[] = []): InstallDeps {
  return { fetch: globalThis.fetch, toolCache: fsToolCache(cacheRoot), arch: 'amd64', tempDir: root, log: (m) => log.push(m) };
}

describe('installScanner', () => {
  it('a good archive (real sha256) is accepted, the binary extracted 0755, cached in the tool-cache layout', async () => {
    const cache = mkdtempSync(join(root, 'tc-'));
    const log: string[] = [];
    const installed = await installScanner(release('/good.tar.gz', hex(good)), deps(cache, log));
    expect(installed).toEqual({ tool: 'trivy', version: '0.72.0', binary: join(cache, 'trivy', '0.72.0', 'amd64', 'trivy'), fromCache: false });
    expect(readFileSync(installed.binary, 'utf8')).toBe(SCRIPT);
    expect(statSync(installed.binary).mode & 0o777).toBe(0o755);
    expect(existsSync(join(cache, 'trivy', '0.72.0', 'amd64.complete'))).toBe(true);
    expect(readdirSync(join(cache, 'trivy', '0.72.0', 'amd64')).sort()).toEqual(['aim-build-verified.json', 'trivy']); // only the binary, not LICENSE/README
    expect(log).toContain(`trivy 0.72.0: trivy_0.72.0_Linux-64bit.tar.gz sha256 ${hex(good)} verified`);
    expect(requests).toEqual(['GET /good.tar.gz']);
    expect(readdirSync(root).filter((n) => n.startsWith('aim-build-trivy-'))).toEqual([]); // scratch removed
  });

  it('a tampered archive (wrong checksum) is refused with a clear error; nothing is extracted or cached', async () => {
    const cache = mkdtempSync(join(root, 'tc-'));
    const pinned = hex(good);
    const err = await installScanner(release('/tampered.tar.gz', pinned), deps(cache)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScannerVerificationError);
    expect((err as ScannerVerificationError).message).toBe(
      `trivy 0.72.0: refusing trivy_0.72.0_Linux-64bit.tar.gz: its sha256 is ${hex(tampered)}, but aim-build pins ${pinned}. Nothing was extracted, cached or run. ` +
        'A release asset whose bytes changed is what a tampered or substituted release looks like (the trivy-action tag hijack of 2026-03-19). ' +
        'Do not retry blindly: compare with https://github.com/aquasecurity/trivy/releases/download/v0.72.0/trivy_0.72.0_checksums.txt; if that release really was re-published, ' +
        'set scanner-version and scanner-checksums to a release you have checked, or use scan: builtin (no download)'
    );
    expect(readdirSync(cache)).toEqual([]);
    expect(readdirSync(root).filter((n) => n.startsWith('aim-build-trivy-'))).toEqual([]);
  });

  it('a cache hit skips the download; a cached binary that changed since install is downloaded again', async () => {
    const cache = mkdtempSync(join(root, 'tc-'));
    const r = release('/good.tar.gz', hex(good));
    await installScanner(r, deps(cache));
    requests.length = 0;
    const log: string[] = [];
    const hit = await installScanner(r, deps(cache, log));
    expect(hit.fromCache).toBe(true);
    expect(requests).toEqual([]);
    expect(log).toEqual([`trivy 0.72.0: tool cache hit (${join(cache, 'trivy', '0.72.0', 'amd64')})`]);

    writeFileSync(hit.binary, '#!/bin/sh\necho swapped\n');
    const again = await installScanner(r, deps(cache, log));
    expect(again.fromCache).toBe(false);
    expect(requests).toEqual(['GET /good.tar.gz']);
    expect(readFileSync(again.binary, 'utf8')).toBe(SCRIPT);
    expect(log.some((m) => m.includes('does not match what was verified at install time'))).toBe(true);
  });

  it('scanner-mirror: the archive is fetched from the mirror by its release file name, and a mirror serving other bytes is refused', async () => {
    const pinned = pinnedRelease('trivy');
    files.set(`/mirror/${pinned.assets.amd64.file}`, good);
    const mirrored = resolveRelease('trivy', { mirror: `${base}/mirror/` });
    const err = await installScanner(mirrored, deps(mkdtempSync(join(root, 'tc-')))).catch((e: unknown) => e);
    expect(requests).toEqual([`GET /mirror/${pinned.assets.amd64.file}`]);
    expect(err).toBeInstanceOf(ScannerVerificationError);
    expect((err as Error).message).toContain(`but aim-build pins ${pinned.assets.amd64.sha256}`);
    const verified = await installScanner({ ...mirrored, assets: { ...mirrored.assets, amd64: { ...mirrored.assets.amd64, sha256: hex(good) } } }, deps(mkdtempSync(join(root, 'tc-'))));
    expect(verified.version).toBe(pinned.version);
  });

  it('follows redirects (GitHub sends release downloads to another host)', async () => {
    const installed = await installScanner(release('/redirect', hex(good)), deps(mkdtempSync(join(root, 'tc-'))));
    expect(requests).toEqual(['GET /redirect', 'GET /good.tar.gz']);
    expect(installed.fromCache).toBe(false);
  });

  it('a missing asset and an unreachable host fail with the URL and the fix', async () => {
    await expect(installScanner(release('/nope.tar.gz', hex(good)), deps(mkdtempSync(join(root, 'tc-'))))).rejects.toThrow(
      `download of ${base}/nope.tar.gz failed: HTTP 404 (no such release asset: check scanner-version)`
    );
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const pinned = pinnedRelease('trivy');
    const offline: ScannerRelease = { ...pinned, assets: { ...pinned.assets, amd64: { ...pinned.assets.amd64, url: `http://127.0.0.1:${port}/x.tar.gz` } } };
    await expect(installScanner(offline, deps(mkdtempSync(join(root, 'tc-'))))).rejects.toThrow(
      `download of http://127.0.0.1:${port}/x.tar.gz failed: ECONNREFUSED; check that the runner can reach github.com (release downloads), or use scan: builtin (no download)`
    );
  });

  it('an archive without the binary at its top level is refused', async () => {
    const odd = await tarGzOf([{ name: 'bin/trivy', content: SCRIPT }]);
    files.set('/odd.tar.gz', odd);
    await expect(installScanner(release('/odd.tar.gz', hex(odd)), deps(mkdtempSync(join(root, 'tc-'))))).rejects.toThrow(
      "trivy 0.72.0: trivy_0.72.0_Linux-64bit.tar.gz has no 'trivy' executable at its top level"
    );
  });
});

describe('tool cache', () => {
  it('fsToolCache: find needs the .complete marker, like @actions/tool-cache', async () => {
    const cache = fsToolCache(mkdtempSync(join(root, 'tc-')));
    expect(await cache.find('grype', '0.116.0', 'arm64')).toBeUndefined();
    const src = mkdtempSync(join(root, 'src-'));
    writeFileSync(join(src, 'grype'), 'x');
    const dir = await cache.cacheDir(src, 'grype', '0.116.0', 'arm64');
    expect(await cache.find('grype', '0.116.0', 'arm64')).toBe(dir);
    rmSync(`${dir}.complete`);
    expect(await cache.find('grype', '0.116.0', 'arm64')).toBeUndefined();
  });

  it('loadToolCache: RUNNER_TOOL_CACHE when @actions/tool-cache is not installed', async () => {
    const log: string[] = [];
    const cache = await loadToolCache({ RUNNER_TOOL_CACHE: join(root, 'runner-tc') }, (m) => log.push(m));
    expect(typeof cache.find).toBe('function');
    // with the package installed the adapter wraps it and logs nothing; without it, it says where
    if (log.length > 0) expect(log).toEqual([`tool cache: ${join(root, 'runner-tc')} (filesystem)`]);
  });
});
