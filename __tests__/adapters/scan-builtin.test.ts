/**
 * The builtin scanner against real image layouts written by the test itself (tar-stream + gzip,
 * blobs, index.json, oci-layout, config JSON): no docker, skopeo or buildah needed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { scanImageLayout } from '../../src/adapters/scan/builtin.js';
import { evaluate } from '../../src/core/scan/policy.js';

interface Entry {
  name: string;
  content?: string | Buffer;
  type?: 'file' | 'directory';
}

async function tarOf(entries: Entry[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) {
    if (e.type === 'directory') pack.entry({ name: e.name, type: 'directory', mode: 0o755 });
    else pack.entry({ name: e.name, type: 'file', mode: 0o600 }, e.content ?? '');
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const sha256 = (bytes: Buffer | string): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** Fake key material (not a real key): enough base64 to look like one. */
const KEY_BODY = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 53 + 7) % 256)).toString('base64');
const PRIVATE_KEY = `-----BEGIN RSA PRIVATE KEY-----\n${KEY_BODY.match(/.{1,64}/g)?.join('\n')}\n-----END RSA PRIVATE KEY-----\n`;
const NPM_TOKEN = 'npm_' + 'T0k3nV4lu3ThatMustNeverLeak0123456789'.slice(0, 36);
const NPMRC = `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n`;

interface Layout {
  dir: string;
  layers: string[];
}

class LayoutWriter {
  constructor(readonly dir: string) {
    mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
    writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  }

  blob(bytes: Buffer | string): { digest: string; size: number } {
    const digest = sha256(bytes);
    writeFileSync(join(this.dir, 'blobs', 'sha256', digest.slice(7)), bytes);
    return { digest, size: Buffer.byteLength(bytes) };
  }

  /** One image manifest; returns its descriptor and the layer digests. */
  async image(layers: Entry[][], config: object, gzip = true): Promise<{ descriptor: Record<string, unknown>; layers: string[] }> {
    const layerDescs = [];
    const diffIds = [];
    for (const entries of layers) {
      const raw = await tarOf(entries);
      diffIds.push(sha256(raw));
      const desc = this.blob(gzip ? gzipSync(raw) : raw);
      layerDescs.push({ mediaType: `application/vnd.oci.image.layer.v1.tar${gzip ? '+gzip' : ''}`, ...desc });
    }
    const configBlob = this.blob(JSON.stringify({ ...config, rootfs: { type: 'layers', diff_ids: diffIds } }));
    const manifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...configBlob }, layers: layerDescs });
    return { descriptor: { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...this.blob(manifest) }, layers: layerDescs.map((l) => l.digest) };
  }

  index(manifests: object[]): void {
    writeFileSync(join(this.dir, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }));
  }
}

const amd64 = { architecture: 'amd64', os: 'linux' };
const arm64 = { architecture: 'arm64', os: 'linux', variant: 'v8' };

let root: string;
let leaky: Layout;
let clean: Layout;

/** The leaky image: a key planted in layer 0 and deleted by a whiteout in layer 1, an .npmrc token, no USER. */
async function writeLeaky(dir: string): Promise<Layout> {
  const w = new LayoutWriter(dir);
  const image = await w.image(
    [
      [{ name: 'root/', type: 'directory' }, { name: 'root/.ssh/id_rsa', content: PRIVATE_KEY }, { name: 'app/hello.txt', content: 'hello, world\n' }],
      [{ name: 'root/.ssh/.wh.id_rsa' }, { name: './home/node/.npmrc', content: NPMRC }]
    ],
    { architecture: 'amd64', os: 'linux', config: { Cmd: ['node', 'server.js'], Env: ['PATH=/usr/bin'] } }
  );
  w.index([{ ...image.descriptor, platform: amd64 }]);
  return { dir, layers: image.layers };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'aim-scan-'));
  leaky = await writeLeaky(join(root, 'leaky'));
  const w = new LayoutWriter(join(root, 'clean'));
  const image = await w.image([[{ name: 'app/index.js', content: 'console.log("hi")\n' }]], { architecture: 'amd64', os: 'linux', config: { User: '1000:1000' } });
  w.index([{ ...image.descriptor, platform: amd64 }]);
  clean = { dir: w.dir, layers: image.layers };
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('scanImageLayout on an OCI layout built by the test', () => {
  it('reports the whited-out key in its original layer, the .npmrc token, and root; never the secret values', async () => {
    const result = await scanImageLayout(leaky.dir, 'linux/amd64');
    expect(result.findings.map((f) => [f.id, f.severity, f.path, f.layer, f.platform])).toEqual([
      ['root-user', 'MEDIUM', 'config.User', undefined, 'linux/amd64'],
      ['private-key', 'CRITICAL', '/root/.ssh/id_rsa', leaky.layers[0], 'linux/amd64'],
      ['npm-auth-token', 'HIGH', '/home/node/.npmrc', leaky.layers[1], 'linux/amd64']
    ]);
    expect(result.findings[1].title).toBe('RSA private key (removed by a later layer, still readable in this layer)');
    expect(result.findings[2].title).toBe('npm credential _authToken for registry.npmjs.org/ in .npmrc');
    expect(result).toMatchObject({ platform: 'linux/amd64', layers: 2, filesScanned: 3, bytesScanned: PRIVATE_KEY.length + 'hello, world\n'.length + NPMRC.length, skipped: { tooLarge: 0, binary: 0 } });
    for (const f of result.findings) {
      for (const value of Object.values(f)) {
        for (const secret of [NPM_TOKEN, KEY_BODY.slice(0, 64), KEY_BODY.slice(100, 140), '-----BEGIN']) expect(String(value)).not.toContain(secret);
      }
    }
    const verdict = evaluate({ 'linux/amd64': result.findings }, { severities: ['CRITICAL', 'HIGH'], ignoreUnfixed: true, mode: 'block', ignores: [] }, new Date('2024-01-01T00:00:00Z'));
    expect(verdict).toMatchObject({ pass: false, blocked: true });
    expect(verdict.blocking.map((f) => f.id)).toEqual(['private-key', 'npm-auth-token']);
  });

  it('a clean image with a non-root USER passes', async () => {
    const result = await scanImageLayout(clean.dir, 'linux/amd64');
    expect(result.findings).toEqual([]);
    expect(result.filesScanned).toBe(1);
    const verdict = evaluate({ 'linux/amd64': result.findings }, { severities: ['CRITICAL', 'HIGH', 'MEDIUM'], ignoreUnfixed: false, mode: 'block', ignores: [] }, new Date('2024-01-01T00:00:00Z'));
    expect(verdict.pass).toBe(true);
  });

  it('picks the platform from a nested index, skipping attestation manifests; names the platforms it has', async () => {
    const w = new LayoutWriter(join(root, 'multi'));
    const a = await w.image([[{ name: 'etc/amd64', content: 'x' }]], { architecture: 'amd64', os: 'linux', config: { User: 'app' } });
    const b = await w.image([[{ name: 'root/.bash_history', content: 'ls\n' }], [{ name: 'etc/', type: 'directory' }]], { architecture: 'arm64', os: 'linux', variant: 'v8', config: { User: 'app' } }, false);
    const attestation = w.blob(JSON.stringify({ schemaVersion: 2, config: { digest: a.descriptor.digest }, layers: [] }));
    const nested = w.blob(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [
          { ...a.descriptor, platform: amd64 },
          { ...b.descriptor, platform: arm64 },
          { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...attestation, platform: { architecture: 'unknown', os: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } }
        ]
      })
    );
    w.index([{ mediaType: 'application/vnd.oci.image.index.v1+json', ...nested }]);
    const result = await scanImageLayout(w.dir, 'linux/arm64');
    expect(result.platform).toBe('linux/arm64/v8');
    expect(result.findings.map((f) => [f.id, f.path, f.layer])).toEqual([['shell-history', '/root/.bash_history', b.layers[0]]]);
    await expect(scanImageLayout(w.dir, 'linux/s390x')).rejects.toThrow(`${w.dir}: no image for platform linux/s390x; it has: linux/amd64, linux/arm64/v8`);
    await expect(scanImageLayout(w.dir, '')).rejects.toThrow('holds several platforms (linux/amd64, linux/arm64/v8); name one');
  });

  it('an opaque whiteout hides the earlier directory, and the finding says so', async () => {
    const w = new LayoutWriter(join(root, 'opaque'));
    const image = await w.image(
      [[{ name: 'srv/app/.env', content: 'DB_PASSWORD=correct-horse-battery\n' }], [{ name: 'srv/app/.wh..wh..opq' }, { name: 'srv/app/ok.txt', content: 'ok' }]],
      { architecture: 'amd64', os: 'linux', config: { User: 'app' } }
    );
    w.index([{ ...image.descriptor, platform: amd64 }]);
    const result = await scanImageLayout(w.dir, 'linux/amd64');
    expect(result.findings.map((f) => [f.id, f.layer, f.title])).toEqual([
      ['dotenv-secret', image.layers[0], 'Secret-looking assignment DB_PASSWORD in .env file (removed by a later layer, still readable in this layer)']
    ]);
  });

  it('reads the same image from an oci-archive tar and from a gzipped one', async () => {
    const files: Entry[] = [];
    const walk = (rel: string): void => {
      for (const name of readdirSync(join(leaky.dir, rel))) {
        const p = join(leaky.dir, rel, name);
        if (statSync(p).isDirectory()) walk(join(rel, name));
        else files.push({ name: join(rel, name), content: readFileSync(p) });
      }
    };
    walk('');
    const archive = await tarOf(files);
    writeFileSync(join(root, 'leaky.tar'), archive);
    writeFileSync(join(root, 'leaky.tar.gz'), gzipSync(archive));
    for (const file of ['leaky.tar', 'leaky.tar.gz']) {
      const result = await scanImageLayout(join(root, file), 'linux/amd64');
      expect(result.findings.map((f) => [f.id, f.layer])).toEqual([
        ['root-user', undefined],
        ['private-key', leaky.layers[0]],
        ['npm-auth-token', leaky.layers[1]]
      ]);
    }
  });

  it('reads a docker-archive (docker save: manifest.json, uncompressed layer.tar); layers are named by diff id', async () => {
    const layer0 = await tarOf([{ name: 'root/.docker/config.json', content: JSON.stringify({ auths: { 'ghcr.io': { auth: 'dXNlcjpwYXNzd29yZA==' } } }) }]);
    const config = JSON.stringify({ architecture: 'arm64', os: 'linux', config: { User: 'root' }, rootfs: { type: 'layers', diff_ids: [sha256(layer0)] } });
    const archive = await tarOf([
      { name: 'manifest.json', content: JSON.stringify([{ Config: 'cfg.json', RepoTags: ['app:1'], Layers: ['abc/layer.tar'] }]) },
      { name: 'cfg.json', content: config },
      { name: 'abc/layer.tar', content: layer0 }
    ]);
    writeFileSync(join(root, 'docker.tar'), archive);
    const result = await scanImageLayout(join(root, 'docker.tar'), 'linux/arm64');
    expect(result.findings.map((f) => [f.id, f.severity, f.layer, f.platform])).toEqual([
      ['root-user', 'MEDIUM', undefined, 'linux/arm64'],
      ['docker-config-auth', 'HIGH', sha256(layer0), 'linux/arm64']
    ]);
    await expect(scanImageLayout(join(root, 'docker.tar'), 'linux/amd64')).rejects.toThrow('no image for platform linux/amd64; it has: linux/arm64');
  });

  it('zstd layers: decompressed where Node has zstd (node24), a clear error otherwise (never silently skipped)', async () => {
    const compress = (zlib as unknown as { zstdCompressSync?: (b: Buffer) => Buffer }).zstdCompressSync;
    const w = new LayoutWriter(join(root, 'zstd'));
    const raw = await tarOf([{ name: 'root/.bash_history', content: 'ls\n' }]);
    // a real zstd frame when this Node can write one; otherwise just the magic, which must be refused
    const layer = w.blob(compress ? compress(raw) : Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), raw]));
    const config = w.blob(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { User: 'app' } }));
    const manifest = w.blob(JSON.stringify({ schemaVersion: 2, config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config }, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd', ...layer }] }));
    w.index([{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, platform: amd64 }]);
    if (compress) {
      const result = await scanImageLayout(w.dir, 'linux/amd64');
      expect(result.findings.map((f) => f.id)).toEqual(['shell-history']);
    } else {
      await expect(scanImageLayout(w.dir, 'linux/amd64')).rejects.toThrow(`layer ${layer.digest} of ${w.dir} is zstd-compressed and this Node.js (${process.version}) has no zstd`);
    }
  });

  it('rejects what is not an image, and a manifest that points outside the layout', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    await expect(scanImageLayout(empty, 'linux/amd64')).rejects.toThrow(`${empty} is neither an OCI image layout (no index.json) nor a docker-archive (no manifest.json)`);
    const w = new LayoutWriter(join(root, 'hostile'));
    w.index([{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:../../../etc/passwd', size: 1, platform: amd64 }]);
    await expect(scanImageLayout(w.dir, 'linux/amd64')).rejects.toThrow('invalid digest "sha256:../../../etc/passwd"');
    await expect(scanImageLayout(leaky.dir, 'amd64')).rejects.toThrow("Invalid platforms 'amd64': not os/architecture[/variant]; did you mean linux/amd64?");
  });
});

describe("layer entries that climb with '..' (a real tar layer written by the test)", () => {
  it('a key hidden behind an allow-listed prefix is read at the path runtimes write it to, and the entry is reported', async () => {
    const w = new LayoutWriter(join(root, 'dotdot'));
    const image = await w.image(
      [
        [
          { name: 'usr/share/doc/readme.txt', content: 'docs\n' },
          // allow-listed as stored (usr/share/…), /root/.ssh/id_rsa once a runtime applies the layer
          { name: 'usr/share/doc/../../../root/.ssh/id_rsa', content: PRIVATE_KEY },
          // clamped at /: more '..' than parents still lands inside the image
          { name: '../../../../home/node/../node/.npmrc', content: NPMRC }
        ]
      ],
      { architecture: 'amd64', os: 'linux', config: { User: '1000' } }
    );
    w.index([{ ...image.descriptor, platform: amd64 }]);
    const result = await scanImageLayout(w.dir, 'linux/amd64');
    expect(result.findings.map((f) => [f.id, f.severity, f.path, f.layer])).toEqual([
      ['layer-path-traversal', 'HIGH', '/home/node/.npmrc', image.layers[0]],
      ['npm-auth-token', 'HIGH', '/home/node/.npmrc', image.layers[0]],
      ['layer-path-traversal', 'HIGH', '/root/.ssh/id_rsa', image.layers[0]],
      ['private-key', 'CRITICAL', '/root/.ssh/id_rsa', image.layers[0]]
    ]);
    expect(result.findings[2].title).toBe(`Layer entry "usr/share/doc/../../../root/.ssh/id_rsa" climbs with '..'; runtimes write it to /root/.ssh/id_rsa. Rebuild the layer from plain paths`);
    const verdict = evaluate({ 'linux/amd64': result.findings }, { severities: ['CRITICAL', 'HIGH'], ignoreUnfixed: true, mode: 'block', ignores: [] }, new Date('2024-01-01T00:00:00Z'));
    expect(verdict.blocked).toBe(true);
  });
});
