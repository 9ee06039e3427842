/**
 * The mirror against REAL distribution registries on loopback: multi-arch fixture images with a
 * shared base layer, copied source → target over the API; a counting proxy in front of each
 * registry checks the skip-existing run; the flaky proxy makes the source misbehave.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RegistryClient } from '../../src/adapters/registry/client.js';
import { mirrorVerdict, runMirror, type MirrorInputs } from '../../src/steps/mirror.js';
import { findStoredLogins } from '../../src/adapters/registry/credential-sources.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { runActionAsync } from '../helpers/run-bundle.js';
import { run as runTool } from '../helpers/tools.js';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pushFixture, sharedBase, type FixtureImage } from '../helpers/mirror-fixtures.js';

let src: TestRegistry;
let dst: TestRegistry;
let authDst: TestRegistry;
let fixtures: FixtureImage[];
const client = (host: string, credentials?: { username: string; password: string }) => new RegistryClient({ registry: host, insecureHttp: true, credentials, backoffMs: 10 });

beforeAll(async () => {
  [src, dst, authDst] = await Promise.all([
    startRegistry({ failures: [] }),
    startRegistry({ failures: [] }),
    startRegistry({ auth: { user: 'mirror', password: 'right-password' } })
  ]);
  const c = client(src.directHost);
  const base = sharedBase(2 * 1024 * 1024);
  fixtures = [
    await pushFixture(c, 'acme/cuda-base', '12.4', { base, platforms: ['linux/amd64', 'linux/arm64'], layerBytes: 3 * 1024 * 1024, attestation: true }),
    await pushFixture(c, 'acme/python', '3.11', { base, platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'], layerBytes: 1024 * 1024 }),
    await pushFixture(c, 'acme/tiny', '1', { base, platforms: ['linux/amd64'], layerBytes: 64 * 1024 })
  ];
}, 120_000);

afterAll(async () => {
  await Promise.all([src, dst, authDst].filter(Boolean).map((r) => r.stop()));
});

const inputs = (o: Partial<MirrorInputs>): MirrorInputs => ({
  images: fixtures.map((f) => `${src.host}/${f.repository}:${f.tag}`),
  files: [],
  buildArgs: {},
  target: `${dst.host}/mirror`,
  registryType: 'auto',
  skipExisting: true,
  strict: false,
  attestations: true,
  concurrency: 4,
  username: '',
  password: '',
  registryAuth: [],
  ...o
});

function deps(lines: string[] = []) {
  return { fetch: globalThis.fetch, info: (l: string) => lines.push(l), warn: (l: string) => lines.push(`WARN ${l}`), now: () => performance.now(), clientOptions: { backoffMs: 10, maxBackoffMs: 2000 } };
}

const targetRepo = (ns: string, f: FixtureImage) => `${ns}/${src.host.replace(':', '_')}/${f.repository}`;

async function expectCopied(ns: string): Promise<void> {
  const t = client(dst.directHost);
  for (const f of fixtures) {
    const repo = targetRepo(ns, f);
    expect([repo, (await t.headManifest(repo, f.tag))?.digest]).toEqual([repo, f.digest]);
    for (const [platform, digest] of Object.entries(f.children)) {
      const m = await t.getManifest(repo, digest);
      expect([platform, m.digest]).toEqual([platform, digest]);
    }
    for (const blob of f.blobs.keys()) expect([repo, blob, await t.hasBlob(repo, blob)]).toEqual([repo, blob, true]);
  }
}

describe('mirror between two real registries', () => {
  it('copies every platform (and attestations) with the source digests; the second run moves no blob and makes one HEAD per image on each side', async () => {
    const lines: string[] = [];
    const srcSeen = src.proxy!.requests.length;
    const run = await runMirror(inputs({}), deps(lines));
    expect(run.failed).toEqual([]);
    expect(run.results.map((r) => [r.status, r.digest, r.platforms])).toEqual([
      ['copied', fixtures[0].digest, ['linux/amd64', 'linux/arm64']],
      ['copied', fixtures[1].digest, ['linux/amd64', 'linux/arm/v7', 'linux/arm64']],
      ['copied', fixtures[2].digest, []]
    ]);
    // every blob crossed once: the shared base layer went up once and was mounted into the other repositories
    const unique = new Map(fixtures.flatMap((f) => [...f.blobs.entries()]));
    expect(run.results.reduce((n, r) => n + r.bytes, 0)).toBe([...unique.values()].reduce((a, b) => a + b, 0));
    expect(run.results.reduce((n, r) => n + r.blobsMounted, 0)).toBe(2);
    expect(dst.proxy!.requests.filter((r) => r.method === 'POST' && /[?&]mount=/.test(r.path) && r.status === 201)).toHaveLength(2);
    await expectCopied('mirror');
    expect(run.mapping[`${src.host}/acme/python:3.11`]).toBe(`${dst.host}/mirror/${src.host.replace(':', '_')}/acme/python:3.11@${fixtures[1].digest}`);
    expect(lines.filter((l) => /^\[\d\/3\] /.test(l))).toHaveLength(3);
    expect(lines.join('\n')).toMatch(/copied 3 platforms \(sha256:[0-9a-f]{12}\), \d+ blobs? uploaded/);
    expect(run.markdown).toContain('| Source | Target | Result | Platforms | Digest | Bytes moved | Time |');
    expect(run.tally).toMatch(/^Mirrored 3 images: 3 copied, 0 already present, 0 failed; [\d.]+ MiB moved in /);
    // blobs were read from the source through the API (no docker daemon, no files)
    expect(src.proxy!.requests.slice(srcSeen).some((r) => r.method === 'GET' && /\/blobs\/sha256:/.test(r.path))).toBe(true);

    const srcBefore = src.proxy!.requests.length;
    const dstBefore = dst.proxy!.requests.length;
    const again = await runMirror(inputs({}), deps());
    expect(again.results.map((r) => r.status)).toEqual(['present', 'present', 'present']);
    expect(again.results.map((r) => r.bytes)).toEqual([0, 0, 0]);
    const srcReqs = src.proxy!.requests.slice(srcBefore).map((r) => `${r.method} ${r.path}`);
    const dstReqs = dst.proxy!.requests.slice(dstBefore).map((r) => `${r.method} ${r.path}`);
    expect(srcReqs.sort()).toEqual(fixtures.map((f) => `HEAD /v2/${f.repository}/manifests/${f.tag}`).sort());
    expect(dstReqs.sort()).toEqual(fixtures.map((f) => `HEAD /v2/${targetRepo('mirror', f)}/manifests/${f.tag}`).sort());
    expect(again.mapping).toEqual(run.mapping);
  }, 120_000);

  it('a source pinned by digest is checked with one HEAD on the target only', async () => {
    const f = fixtures[1];
    await runMirror(inputs({ images: [`${src.host}/${f.repository}:${f.tag}@${f.digest}`], target: `${dst.host}/pinned` }), deps());
    const srcBefore = src.proxy!.requests.length;
    const dstBefore = dst.proxy!.requests.length;
    const run = await runMirror(inputs({ images: [`${src.host}/${f.repository}:${f.tag}@${f.digest}`], target: `${dst.host}/pinned` }), deps());
    expect(run.results[0]).toMatchObject({ status: 'present', digest: f.digest });
    expect(src.proxy!.requests.length - srcBefore).toBe(0);
    expect(dst.proxy!.requests.slice(dstBefore).map((r) => r.method)).toEqual(['HEAD']);
  }, 60_000);

  it('a source answering 429 with Retry-After, 500 and a connection dropped mid-blob: retried, and the copy is exact', async () => {
    const bigLayer = [...fixtures[0].blobs.entries()].find(([, size]) => size === 3 * 1024 * 1024)![0];
    src.proxy!.setRules([
      { method: 'GET', path: /\/blobs\/sha256:/, times: 1, action: { kind: 'status', status: 429, headers: { 'retry-after': '1' }, body: '{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}' } },
      { method: 'GET', path: /\/manifests\/sha256:/, times: 1, action: { kind: 'status', status: 500 } },
      { method: 'GET', path: bigLayer, times: 1, action: { kind: 'cut-response', afterBytes: 100_000 } }
    ]);
    const lines: string[] = [];
    try {
      const run = await runMirror(inputs({ target: `${dst.host}/flaky` }), deps(lines));
      expect(run.failed).toEqual([]);
      expect([src.proxy!.applied(0), src.proxy!.applied(1), src.proxy!.applied(2)]).toEqual([1, 1, 1]);
      expect(lines.join('\n')).toMatch(/-> HTTP 429; retry 1\/3 in 1000 ms/);
      expect(lines.join('\n')).toMatch(/-> HTTP 500; retry 1\/3/);
      expect(lines.join('\n')).toContain(`copy of ${bigLayer} to ${dst.host}/${targetRepo('flaky', fixtures[0])} failed (`);
      await expectCopied('flaky');
    } finally {
      src.proxy!.setRules([]);
    }
  }, 120_000);

  it('a wrong password and a missing image are reported by name; tolerant passes with a warning, strict fails', async () => {
    const lines: string[] = [];
    const run = await runMirror(inputs({ target: `${authDst.host}/mirror`, username: 'mirror', password: 'wrong-password' }), deps(lines));
    expect(run.results.map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
    expect(run.results[0].error).toContain(`Registry ${authDst.host}: credentials for user 'mirror' were rejected when trying to read '${targetRepo('mirror', fixtures[0])}' (HTTP 401). Check the username and password/token`);
    expect(lines.filter((l) => l.startsWith('WARN [')).length).toBe(3);
    expect(mirrorVerdict(run, false).warn).toMatch(/^3 of 3 images were not mirrored; the step passes \(set strict: true to fail it\)/);
    expect(mirrorVerdict(run, true).fail).toMatch(/^3 of 3 images were not mirrored \(strict\)/);
    expect(run.mapping).toEqual({});

    const missing = await runMirror(inputs({ images: [`${src.host}/acme/nope:1`, `${src.host}/acme/tiny:1`], target: `${authDst.host}/mirror`, username: 'mirror', password: 'right-password' }), deps());
    expect(missing.results.map((r) => r.status)).toEqual(['failed', 'copied']);
    expect(missing.results[0].error).toBe(`${src.host}/acme/nope:1 does not exist on ${src.host} (check the name and tag)`);
    expect(missing.markdown).toContain(`- \`${src.host}/acme/nope:1\`: ${src.host}/acme/nope:1 does not exist`);

    // the same registry as a SOURCE with a wrong password (registry-auth line)
    const fromAuth = `${authDst.host}/${targetRepo('mirror', fixtures[2])}:1`;
    const wrongSource = await runMirror(inputs({ images: [fromAuth], target: `${dst.host}/from-auth`, registryAuth: [{ registry: authDst.host, username: 'mirror', password: 'nope', line: 1 }] }), deps());
    expect(wrongSource.results[0].error).toContain(`Registry ${authDst.host}: credentials for user 'mirror' were rejected when trying to read`);
    const rightSource = await runMirror(inputs({ images: [fromAuth], target: `${dst.host}/from-auth`, registryAuth: [{ registry: authDst.host, username: 'mirror', password: 'right-password', line: 1 }] }), deps());
    expect(rightSource.results[0]).toMatchObject({ status: 'copied', digest: fixtures[2].digest });
  }, 60_000);

  it('a copy cut short never leaves the tag on an incomplete image', async () => {
    const f = fixtures[0];
    const repo = targetRepo('cut', f);
    dst.proxy!.setRules([{ method: 'PUT', path: `/v2/${repo}/manifests/${f.children['linux/arm64']}`, times: Infinity, action: { kind: 'status', status: 500 } }]);
    try {
      const run = await runMirror(inputs({ images: [`${src.host}/${f.repository}:${f.tag}`], target: `${dst.host}/cut` }), deps());
      expect(run.results[0].status).toBe('failed');
      expect(run.results[0].error).toMatch(/HTTP 500|500/);
      const t = client(dst.directHost);
      expect(await t.headManifest(repo, f.tag)).toBeUndefined();
      expect(await t.headManifest(repo, f.digest)).toBeUndefined();
    } finally {
      dst.proxy!.setRules([]);
    }
    const retry = await runMirror(inputs({ images: [`${src.host}/${f.repository}:${f.tag}`], target: `${dst.host}/cut` }), deps());
    expect(retry.results[0]).toMatchObject({ status: 'copied', digest: f.digest });
  }, 60_000);

  it('attestations: false drops the attestation manifest (a new index digest); every platform stays', async () => {
    const f = fixtures[0];
    const run = await runMirror(inputs({ images: [`${src.host}/${f.repository}:${f.tag}`], target: `${dst.host}/noatt`, attestations: false }), deps());
    const r = run.results[0];
    expect(r.status).toBe('copied');
    expect(r.digest).not.toBe(f.digest);
    const index = JSON.parse((await client(dst.directHost).getManifest(targetRepo('noatt', f), f.tag)).body) as { manifests: Array<{ digest: string }> };
    expect(index.manifests.map((m) => m.digest)).toEqual([f.children['linux/amd64'], f.children['linux/arm64']]);
  }, 60_000);

  it('the target login comes from a docker config written as docker/login-action writes it (no inputs); without it the copy is refused', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aim-mirror-dockercfg-'));
    try {
      const auth = Buffer.from('mirror:right-password').toString('base64');
      writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: { [authDst.host]: { auth } } }, null, '\t'));
      const env = { DOCKER_CONFIG: dir, HOME: dir };
      const lookup = (registries: string[]) => findStoredLogins(registries, { env, home: dir, uid: process.getuid?.() ?? 0 }, { mask: () => undefined, warn: () => undefined, debug: () => undefined });
      const lines: string[] = [];
      const f = fixtures[0];
      const run = await runMirror(inputs({ images: [`${src.host}/${f.repository}:${f.tag}`], target: `${authDst.host}/stored` }), { ...deps(lines), storedLogins: lookup });
      expect(run.results[0]).toMatchObject({ status: 'copied', digest: f.digest });
      expect(lines.some((l) => l.startsWith(`${authDst.host}: credentials from docker config ${path.join(dir, 'config.json')}`) && l.endsWith('(a login this runner already had)'))).toBe(true);
      expect(lines.join('\n')).not.toContain('right-password');
      // the same run without the stored login: anonymous, refused by name
      const none = await runMirror(inputs({ images: [`${src.host}/${f.repository}:${f.tag}`], target: `${authDst.host}/stored2` }), deps());
      expect(none.results[0].status).toBe('failed');
      expect(none.results[0].error).toContain(`Registry ${authDst.host}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the committed bundles', () => {
  it('dist/mirror (the sub-action): base images of a Dockerfile and a list; outputs, summary table, tolerant failure', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aim-mirror-dist-'));
    try {
      writeFileSync(path.join(dir, 'Dockerfile'), `ARG BASE=${src.directHost}/acme/python:3.11\nFROM \${BASE} AS build\nFROM build\nFROM ${src.directHost}/acme/tiny:1\n`);
      const r = await runActionAsync('mirror', {
        files: path.join(dir, 'Dockerfile'),
        images: `${src.directHost}/acme/cuda-base:12.4\n${src.directHost}/acme/missing:1`,
        target: `${dst.directHost}/dist`
      }, { name: 'push', ref: 'refs/heads/main', payload: {} });
      expect(r.stdout).not.toMatch(/::error::/);
      expect(r.status).toBe(0);
      const mapping = JSON.parse(r.outputs.mapping) as Record<string, string>;
      const host = src.directHost.replace(':', '_');
      expect(mapping).toEqual({
        [`${src.directHost}/acme/cuda-base:12.4`]: `${dst.directHost}/dist/${host}/acme/cuda-base:12.4@${fixtures[0].digest}`,
        [`${src.directHost}/acme/python:3.11`]: `${dst.directHost}/dist/${host}/acme/python:3.11@${fixtures[1].digest}`,
        [`${src.directHost}/acme/tiny:1`]: `${dst.directHost}/dist/${host}/acme/tiny:1@${fixtures[2].digest}`
      });
      expect(r.outputs.failed).toBe('1');
      expect(r.stdout).toContain('::warning::[');
      expect(r.stdout).toContain('::warning::1 of 4 images were not mirrored; the step passes');
      expect(r.summary).toContain('| Source | Target | Result | Platforms | Digest | Bytes moved | Time |');
      expect(r.summary).toContain('❌ failed');
      const strict = await runActionAsync('mirror', { images: `${src.directHost}/acme/missing:1`, target: `${dst.directHost}/dist`, strict: 'true' }, { name: 'push', ref: 'refs/heads/main', payload: {} });
      expect(strict.status).toBe(1);
      expect(strict.stdout).toContain('::error::aim-build: 1 of 1 images were not mirrored (strict)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('node dist/cli/index.js mirror: same inputs as flags, JSON mapping on stdout', async () => {
    const r = await runTool(process.execPath, ['dist/cli/index.js', 'mirror', '--target', `${dst.directHost}/cli`, '--images', `${src.directHost}/acme/tiny:1`], { check: false, env: { PATH: process.env.PATH ?? '' } });
    expect(r.stderr).toMatch(/Mirrored 1 image: 1 copied/);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ [`${src.directHost}/acme/tiny:1`]: `${dst.directHost}/cli/${src.directHost.replace(':', '_')}/acme/tiny:1@${fixtures[2].digest}` });
  }, 60_000);
});
