// node scripts/bench-mirror.mjs [--images 8] [--unique-mib 32] [--base-mib 64] [--runs 1]
// Mirrors N two-platform images (a shared base layer + one incompressible layer per platform;
// ≥ 500 MiB unique by default) from one CNCF registry on 127.0.0.1 to another, side by side:
//   - aim-build: node dist/cli/index.js mirror (all images in one run, concurrency 4);
//   - skopeo copy --all --preserve-digests, one image after another, and 4 at a time;
//   - aim-build again on the filled target (skip-existing: one HEAD per image);
//   - the registry's own upload limit: the same unique bytes PUT raw with 4 streams at once.
// Every contender gets a fresh target registry. After each copy the script checks through the API
// that every image's index digest in the target equals the source's (exit 1 otherwise).
// docker pull/tag/push is not measured: there is no dockerd on this machine.
import { execFileSync, spawn } from 'node:child_process';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { images: { type: 'string', default: '8' }, 'unique-mib': { type: 'string', default: '32' }, 'base-mib': { type: 'string', default: '64' }, runs: { type: 'string', default: '1' } } });
const N = Number(values.images);
const UNIQUE = Number(values['unique-mib']) * 1024 * 1024;
const BASE = Number(values['base-mib']) * 1024 * 1024;
const RUNS = Number(values.runs);
const PLATFORMS = ['amd64', 'arm64'];
const work = mkdtempSync(join(tmpdir(), 'aim-bench-mirror-'));
const registries = [];

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startRegistry(name) {
  const port = await freePort();
  const dir = join(work, name);
  const config = join(work, `${name}.yml`);
  writeFileSync(config, `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${dir}\nhttp:\n  addr: 127.0.0.1:${port}\n  secret: ${randomBytes(8).toString('hex')}\n`);
  const child = spawn('/usr/bin/docker-registry', ['serve', config], { stdio: 'ignore' });
  registries.push({ child, dir });
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise((resolve) => http.get(`http://127.0.0.1:${port}/v2/`, (r) => { r.resume(); resolve(r.statusCode === 200); }).on('error', () => resolve(false)));
    if (ok) return `127.0.0.1:${port}`;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`registry ${name} did not start`);
}

async function stopRegistry(host) {
  const i = registries.findIndex((r) => r.host === host);
  if (i < 0) return;
  const [r] = registries.splice(i, 1);
  r.child.kill('SIGTERM');
  rmSync(r.dir, { recursive: true, force: true });
}

/** Deterministic incompressible bytes: AES-CTR keystream of `key`. */
function* stream(key, size) {
  const c = createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
  const zero = Buffer.alloc(1024 * 1024);
  for (let left = size; left > 0; left -= zero.length) yield c.update(zero.subarray(0, Math.min(left, zero.length)));
}
function digestOf(key, size) {
  const h = createHash('sha256');
  for (const b of stream(key, size)) h.update(b);
  return `sha256:${h.digest('hex')}`;
}
const sha = (text) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

function request(host, method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: host.split(':')[0], port: Number(host.split(':')[1]), method, path, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    if (body && typeof body !== 'string' && !Buffer.isBuffer(body)) {
      (async () => {
        for (const b of body) if (!req.write(b)) await new Promise((r) => req.once('drain', r));
        req.end();
      })();
    } else req.end(body);
  });
}

async function putBlob(host, repo, digest, size, body) {
  const start = await request(host, 'POST', `/v2/${repo}/blobs/uploads/`, { 'content-length': 0 });
  const loc = new URL(start.headers.location, `http://${host}`);
  loc.searchParams.set('digest', digest);
  const r = await request(host, 'PUT', loc.pathname + loc.search, { 'content-type': 'application/octet-stream', 'content-length': size }, body);
  if (r.status !== 201) throw new Error(`PUT blob ${r.status} ${r.body}`);
}

async function putManifest(host, repo, ref, text, type) {
  const r = await request(host, 'PUT', `/v2/${repo}/manifests/${ref}`, { 'content-type': type, 'content-length': Buffer.byteLength(text) }, text);
  if (r.status !== 201) throw new Error(`PUT manifest ${r.status} ${r.body}`);
}

async function headDigest(host, repo, ref) {
  const r = await request(host, 'HEAD', `/v2/${repo}/manifests/${ref}`, { accept: 'application/vnd.oci.image.index.v1+json' });
  return r.headers['docker-content-digest'];
}

const run = (cmd, args) =>
  new Promise((resolve, reject) => {
    const c = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let out = '';
    c.stderr.on('data', (b) => (err += b));
    c.stdout.on('data', (b) => (out += b));
    c.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} exited ${code}: ${err.slice(-500)}`))));
  });

async function timed(fn) {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function limit(items, n, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

async function main() {
  for (const tool of ['/usr/bin/docker-registry', '/usr/bin/skopeo']) execFileSync('test', ['-x', tool]);
  const src = await startRegistry('src');
  registries.at(-1).host = src;
  // the fixture: keys → digests (hashing once), then push
  const baseKey = randomBytes(16);
  const base = { key: baseKey, size: BASE, digest: digestOf(baseKey, BASE) };
  const images = [];
  const blobs = [base];
  for (let i = 0; i < N; i++) {
    const repo = `bench/image-${i}`;
    const manifests = [];
    for (const arch of PLATFORMS) {
      const key = randomBytes(16);
      const layer = { key, size: UNIQUE, digest: digestOf(key, UNIQUE) };
      blobs.push(layer);
      const configText = JSON.stringify({ architecture: arch, os: 'linux', rootfs: { type: 'layers', diff_ids: [base.digest, layer.digest] }, config: {} });
      const config = { text: configText, digest: sha(configText), size: Buffer.byteLength(configText) };
      const text = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config.digest, size: config.size }, layers: [base, layer].map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: l.digest, size: l.size })) });
      manifests.push({ arch, layer, config, text, digest: sha(text) });
    }
    const index = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: manifests.map((m) => ({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: m.digest, size: Buffer.byteLength(m.text), platform: { os: 'linux', architecture: m.arch } })) });
    images.push({ repo, manifests, index, digest: sha(index) });
  }
  for (const img of images) {
    await putBlob(src, img.repo, base.digest, base.size, stream(base.key, base.size));
    for (const m of img.manifests) {
      await putBlob(src, img.repo, m.layer.digest, m.layer.size, stream(m.layer.key, m.layer.size));
      await putBlob(src, img.repo, m.config.digest, m.config.size, Buffer.from(m.config.text));
      await putManifest(src, img.repo, m.digest, m.text, 'application/vnd.oci.image.manifest.v1+json');
    }
    await putManifest(src, img.repo, 'v1', img.index, 'application/vnd.oci.image.index.v1+json');
  }
  const uniqueBytes = blobs.reduce((n, b) => n + b.size, 0);
  const refs = images.map((i) => `${src}/${i.repo}:v1`);

  const verify = async (dst, path) => {
    for (const img of images) {
      const d = await headDigest(dst, path(img), 'v1');
      if (d !== img.digest) throw new Error(`${dst}/${path(img)}:v1 is ${d}, expected ${img.digest}`);
    }
  };
  const fresh = async (name) => {
    const h = await startRegistry(name);
    registries.at(-1).host = h;
    return h;
  };
  const results = {};
  const add = (k, ms) => (results[k] ??= []).push(ms);
  const perImage = [];
  for (let r = 0; r < RUNS; r++) {
    // the registry's upload limit: every unique byte, raw PUTs, 4 streams
    let dst = await fresh(`limit-${r}`);
    add('upload limit: raw PUT of the unique bytes, 4 streams', await timed(() => limit(blobs, 4, (b) => putBlob(dst, 'bench/raw', b.digest, b.size, stream(b.key, b.size)))));
    await stopRegistry(dst);

    dst = await fresh(`aim-${r}`);
    add('aim-build mirror (concurrency 4)', await timed(() => run(process.execPath, ['dist/cli/index.js', 'mirror', '--target', `${dst}/m`, ...refs.flatMap((x) => ['--images', x]), '--strict', 'true'])));
    await verify(dst, (i) => `m/${src.replace(':', '_')}/${i.repo}`);
    let again = '';
    add('aim-build mirror again (skip-existing)', await timed(async () => (again = await run(process.execPath, ['dist/cli/index.js', 'mirror', '--json', '--target', `${dst}/m`, ...refs.flatMap((x) => ['--images', x]), '--strict', 'true']))));
    const present = JSON.parse(again).results;
    if (present.some((x) => x.status !== 'present')) throw new Error('the skip-existing run copied something');
    perImage.push(present.reduce((n, x) => n + x.ms, 0) / present.length);
    await stopRegistry(dst);

    const skopeo = (dstHost) => (img) => run('skopeo', ['copy', '--all', '--preserve-digests', '--src-tls-verify=false', '--dest-tls-verify=false', `docker://${src}/${img.repo}:v1`, `docker://${dstHost}/s/${img.repo}:v1`]);
    dst = await fresh(`seq-${r}`);
    add('skopeo copy --all, sequential', await timed(() => limit(images, 1, skopeo(dst))));
    await verify(dst, (i) => `s/${i.repo}`);
    await stopRegistry(dst);

    dst = await fresh(`par-${r}`);
    add('skopeo copy --all, 4 in parallel', await timed(() => limit(images, 4, skopeo(dst))));
    await verify(dst, (i) => `s/${i.repo}`);
    await stopRegistry(dst);
  }
  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const lim = median(results['upload limit: raw PUT of the unique bytes, 4 streams']);
  const par = median(results['skopeo copy --all, 4 in parallel']);
  console.log(`${cpus().length} CPUs, load ${loadavg()[0].toFixed(1)}; ${N} images × ${PLATFORMS.length} platforms; ${(uniqueBytes / 1024 ** 2).toFixed(0)} MiB unique (a ${values['base-mib']} MiB shared base + ${values['unique-mib']} MiB per platform); ${RUNS} run(s), median:\n`);
  console.log('| what | wall time | MiB/s of unique bytes | vs upload limit | vs skopeo 4 in parallel |\n|---|---|---|---|---|');
  for (const [k, a] of Object.entries(results)) {
    const ms = median(a);
    const skip = k.includes('skip-existing');
    console.log(`| ${k} | ${(ms / 1000).toFixed(2)} s${skip ? ` (the check: ${median(perImage).toFixed(1)} ms per image, ${N} images at a time ≤ 4)` : ''} | ${skip ? '–' : ((uniqueBytes / 1024 ** 2) / (ms / 1000)).toFixed(0)} | ${skip ? '–' : `${(ms / lim).toFixed(2)}×`} | ${skip ? '–' : `${(ms / par).toFixed(2)}×`} |`);
  }
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const r of registries) r.child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  });
