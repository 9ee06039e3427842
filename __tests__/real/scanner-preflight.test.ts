/**
 * The scanner is made ready in the preflight, next to the registry checks, BEFORE the build: a
 * runner that cannot fetch trivy learns it in seconds. Through the committed `dist/main` with real
 * buildah and a real registry on 127.0.0.1; the scanner archives come from a loopback HTTP server
 * (`scanner-mirror`, the seam for github.com). The archive holds a STAND-IN trivy (a shell script
 * writing an empty trivy report; not the real binary), verified by its real sha256 through
 * `scanner-version` + `scanner-checksums`.
 */
import { tarGzOf } from '../helpers/oci-layout.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildahEnv, buildahRequirements } from '../helpers/buildah.js';
import { examplePayload } from '../helpers/events.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { runActionAsync, errorLine, execLines } from '../helpers/run-bundle.js';
import { requireReal, toolRequirement } from '../helpers/tools.js';

const REAL = requireReal('scanner-preflight', [...buildahRequirements(), toolRequirement('/usr/bin/docker-registry')]);
const real = REAL ? describe : describe.skip;

const VERSION = '0.99.0';
// writes an empty (clean) trivy report to the --output path; stands in for the trivy binary
const STAND_IN = `#!/bin/sh
out=""
while [ $# -gt 0 ]; do [ "$1" = "--output" ] && out="$2"; shift; done
printf '{"SchemaVersion":2,"ArtifactName":"stand-in","Results":[]}' > "$out"
`;

const tagEvent = () => ({ name: 'push', ref: 'refs/tags/v1.2.3', payload: examplePayload('push', (e) => e.head_commit != null) });

real('scanner readiness in the preflight, before the build (dist/main)', () => {
  let reg: TestRegistry;
  let server: http.Server;
  let mirror = '';
  let checksums = '';
  let ctx = '';
  let toolCache = '';
  const requests: string[] = [];
  const files = new Map<string, Buffer>();

  beforeAll(async () => {
    reg = await startRegistry();
    const archive = await tarGzOf([{ name: 'LICENSE', content: 'Apache-2.0\n' }, { name: 'trivy', content: STAND_IN, mode: 0o755 }]);
    const sha = createHash('sha256').update(archive).digest('hex');
    for (const arch of ['64bit', 'ARM64']) files.set(`/scanners/trivy_${VERSION}_Linux-${arch}.tar.gz`, archive);
    checksums = [`${sha}  trivy_${VERSION}_Linux-64bit.tar.gz`, `${sha}  trivy_${VERSION}_Linux-ARM64.tar.gz`].join('\n');
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      const body = files.get(req.url ?? '');
      if (!body) return void res.writeHead(404).end('Not Found');
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ctx = mkdtempSync(join(tmpdir(), 'aim-scanner-ctx-'));
    writeFileSync(join(ctx, 'app.txt'), 'app\n');
    writeFileSync(join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY app.txt /app.txt\n');
    toolCache = mkdtempSync(join(tmpdir(), 'aim-tool-cache-'));
  }, 60_000);

  afterAll(async () => {
    await reg?.stop();
    await new Promise((r) => server?.close(r));
    for (const d of [ctx, toolCache]) if (d) rmSync(d, { recursive: true, force: true });
  }, 60_000);

  const main = (repo: string, inputs: Record<string, string>) =>
    runActionAsync(
      'main',
      { images: `${reg.host}/${repo}`, platforms: 'linux/amd64', builder: 'buildah', context: ctx, cache: 'off', scan: 'trivy', 'github-token': '', ...inputs },
      tagEvent(),
      { baseEnv: { ...buildahEnv(), BUILDAH_ISOLATION: '' }, extraEnv: { RUNNER_TOOL_CACHE: toolCache }, timeoutMs: 120_000 }
    );

  it('a scanner that cannot be fetched fails the step in seconds, before any build, naming the download; nothing is pushed', async () => {
    const started = Date.now();
    const r = await main('app/unreachable', { 'scanner-mirror': `${mirror}/missing` });
    const ms = Date.now() - started;
    expect(r.status).not.toBe(0);
    expect(errorLine(r)).toContain('scanner preflight: trivy could not be made ready, so nothing was built or pushed: download of');
    expect(errorLine(r)).toContain(`${mirror}/missing/trivy_0.`);
    expect(errorLine(r)).toContain('HTTP 404');
    expect(execLines(r).some((a) => a.includes('build'))).toBe(false); // the builder never ran
    expect(ms).toBeLessThan(20_000);
    expect((await fetch(`${reg.url}/v2/app/unreachable/tags/list`)).status).toBe(404);
  }, 60_000);

  it('the scanner is downloaded and verified BEFORE the build (log order), then reused by the gate; the next run is a tool cache hit', async () => {
    const inputs = { 'scanner-mirror': `${mirror}/scanners`, 'scanner-version': VERSION, 'scanner-checksums': checksums };
    const r = await main('app/ok', inputs);
    expect(errorLine(r)).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    const ready = lines.findIndex((l) => l.startsWith(`scanner preflight: trivy ${VERSION} ready (downloaded, checksum verified)`));
    const firstBuild = lines.findIndex((l) => l.startsWith('::debug::exec ') && l.includes('"build"'));
    expect(ready).toBeGreaterThanOrEqual(0);
    expect(firstBuild).toBeGreaterThan(ready);
    expect(requests.filter((u) => u.startsWith('/scanners/'))).toEqual([`/scanners/trivy_${VERSION}_Linux-${process.arch === 'arm64' ? 'ARM64' : '64bit'}.tar.gz`]); // one download, reused by the gate
    expect(r.stdout).toMatch(/\[linux\/amd64\] trivy image --input /); // the gate ran the stand-in
    expect(r.outputs.pushed).toBe('true');

    // a second build of v1.2.3 is a new image (timestamps): moving the release tag is asked for
    const again = await main('app/ok', { ...inputs, 'overwrite-release-tags': 'true' });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`scanner preflight: trivy ${VERSION} ready (tool cache hit)`);
    expect(requests.filter((u) => u.startsWith('/scanners/'))).toHaveLength(1);
  }, 120_000);
});
