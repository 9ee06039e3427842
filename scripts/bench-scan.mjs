// node scripts/bench-scan.mjs [--runs N] [--mb SIZE] [--keep]
// Builtin secret scan time for a ~100 MB image: writes an OCI layout (3 gzip layers of mixed
// text and binary files, like a base layer + dependencies + app) with tar-stream, then times
// scanImageLayout on it, and on the same layout as an oci-archive tar. Median of N runs (≥ 5)
// after one warm-up run; prints a markdown table.
//
// The TypeScript sources are transpiled on the fly (no build step) into
// node_modules/.cache/aim-bench-scan, so imports of tar-stream resolve from the repository.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import ts from 'typescript';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, mb: { type: 'string', default: '100' }, keep: { type: 'boolean', default: false } } });
const runs = Math.max(5, Number(values.runs));
const targetBytes = Number(values.mb) * 1e6;

// ---------------------------------------------------------------- transpile src/ (no build needed)

function transpileSources() {
  const out = join('node_modules', '.cache', 'aim-bench-scan');
  rmSync(out, { recursive: true, force: true });
  const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : []));
  for (const file of walk('src')) {
    const js = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    const dest = join(out, relative('.', file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, js);
  }
  writeFileSync(join(out, 'package.json'), '{"type":"module"}');
  return out;
}

// ---------------------------------------------------------------- image generation

/** Deterministic pseudo-random generator (xorshift32), so every run builds the same image. */
function rng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const WORDS = 'const let function return import export from require module exports async await if else for while new class this value name data config server client request response error true false null undefined length map filter reduce push string number object array'.split(' ');

function text(random, bytes) {
  const lines = [];
  let n = 0;
  while (n < bytes) {
    const words = Array.from({ length: 4 + Math.floor(random() * 10) }, () => WORDS[Math.floor(random() * WORDS.length)]);
    const line = `${'  '.repeat(Math.floor(random() * 4))}${words.join(' ')};`;
    lines.push(line);
    n += line.length + 1;
  }
  return Buffer.from(lines.join('\n').slice(0, bytes));
}

function binary(bytes) {
  const b = randomBytes(bytes);
  b[0] = 0x7f; // ELF-ish magic, and a NUL in the sniff window: binary
  b[1] = 0x45;
  b[100] = 0;
  return b;
}

/** The three layers: [path, content] generators, sized as shares of the target. */
function layerPlans(total) {
  const random = rng(42);
  const base = []; // usr/lib binaries (content skipped: allow-listed path) + usr/bin binaries (read, then sniffed binary)
  for (let n = 0, i = 0; n < total * 0.35; i++) {
    const size = 20_000 + Math.floor(random() * 600_000);
    base.push([i % 3 === 0 ? `usr/bin/tool-${i}` : `usr/lib/x86_64-linux-gnu/lib${i}.so.1`, () => binary(size)]);
    n += size;
  }
  for (let n = 0, i = 0; n < total * 0.05; i++) {
    const size = 500 + Math.floor(random() * 8_000);
    base.push([`usr/share/doc/pkg-${i}/README`, () => text(random, size)]);
    n += size;
  }
  const deps = []; // node_modules-like text: read and pattern-matched
  for (let n = 0, i = 0; n < total * 0.35; i++) {
    const size = 1_000 + Math.floor(random() * 40_000);
    deps.push([`app/node_modules/pkg-${i % 400}/lib/file-${i}.js`, () => text(random, size)]);
    n += size;
  }
  const app = []; // app code, a few config files, and big data files (> 2 MiB: not read)
  for (let n = 0, i = 0; n < total * 0.05; i++) {
    const size = 2_000 + Math.floor(random() * 20_000);
    app.push([`app/src/module-${i}.js`, () => text(random, size)]);
    n += size;
  }
  app.push(
    ['app/.env.example', () => Buffer.from('DB_PASSWORD=changeme\n')], // a template: not a finding
    ['app/config/settings.json', () => text(random, 4000)],
    ['home/node/.npmrc', () => Buffer.from(`//registry.npmjs.org/:_authToken=npm_${'T0k3n'.repeat(8)}\n`)] // one planted finding
  );
  for (let n = 0, i = 0; n < total * 0.2; i++) {
    const size = 3_000_000 + Math.floor(random() * 3_000_000);
    app.push([`app/data/model-${i}.bin`, () => binary(size)]);
    n += size;
  }
  return [base, deps, app];
}

function tap(hash, counter) {
  return new Transform({
    transform(chunk, _enc, done) {
      hash.update(chunk);
      counter.bytes += chunk.length;
      done(null, chunk);
    }
  });
}

async function writeLayer(dir, entries) {
  const pack = tar.pack();
  const tmp = join(dir, 'blobs', 'sha256', `tmp-${process.pid}`);
  const diff = createHash('sha256');
  const blob = createHash('sha256');
  const raw = { bytes: 0 };
  const packed = { bytes: 0 };
  const done = pipeline(pack, tap(diff, raw), createGzip(), tap(blob, packed), createWriteStream(tmp));
  let files = 0;
  for (const [name, make] of entries) {
    const content = make();
    await new Promise((resolve, reject) => pack.entry({ name, mode: 0o644 }, content, (e) => (e ? reject(e) : resolve())));
    files++;
  }
  pack.finalize();
  await done;
  const digest = `sha256:${blob.digest('hex')}`;
  renameSync(tmp, join(dir, 'blobs', 'sha256', digest.slice(7)));
  return { descriptor: { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest, size: packed.bytes }, diffId: `sha256:${diff.digest('hex')}`, rawBytes: raw.bytes, files };
}

function writeBlob(dir, text) {
  const digest = `sha256:${createHash('sha256').update(text).digest('hex')}`;
  writeFileSync(join(dir, 'blobs', 'sha256', digest.slice(7)), text);
  return { digest, size: Buffer.byteLength(text) };
}

async function makeLayout(dir) {
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  const layers = [];
  for (const entries of layerPlans(targetBytes)) layers.push(await writeLayer(dir, entries));
  const config = writeBlob(dir, JSON.stringify({ architecture: 'amd64', os: 'linux', config: { User: '1000' }, rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) } }));
  const manifest = writeBlob(dir, JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config }, layers: layers.map((l) => l.descriptor) }));
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, platform: { os: 'linux', architecture: 'amd64' } }] }));
  return {
    rawBytes: layers.reduce((n, l) => n + l.rawBytes, 0),
    packedBytes: layers.reduce((n, l) => n + l.descriptor.size, 0),
    files: layers.reduce((n, l) => n + l.files, 0),
    layers: layers.length
  };
}

async function archive(dir, file) {
  const pack = tar.pack();
  const done = pipeline(pack, createWriteStream(file));
  const add = (name) => new Promise((resolve, reject) => pack.entry({ name, mode: 0o644 }, readFileSync(join(dir, name)), (e) => (e ? reject(e) : resolve())));
  for (const name of ['oci-layout', 'index.json']) await add(name);
  for (const blob of readdirSync(join(dir, 'blobs', 'sha256'))) await add(`blobs/sha256/${blob}`);
  pack.finalize();
  await done;
}

// ---------------------------------------------------------------- measure

const src = transpileSources();
const { scanImageLayout } = await import(pathToFileURL(join(src, 'src/adapters/scan/builtin.js')).href);

const work = mkdtempSync(join(tmpdir(), 'aim-bench-scan-'));
const t0 = Date.now();
const layoutDir = join(work, 'layout');
const image = await makeLayout(layoutDir);
const archiveFile = join(work, 'image.oci.tar');
await archive(layoutDir, archiveFile);
const generated = Date.now() - t0;

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const rows = [];
for (const [label, path] of [['OCI layout directory (gzip layers)', layoutDir], ['oci-archive tar of it', archiveFile]]) {
  let last = await scanImageLayout(path, 'linux/amd64'); // warm-up (page cache)
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    last = await scanImageLayout(path, 'linux/amd64');
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  rows.push({ label, times, result: last, onDisk: statSync(path).isDirectory() ? image.packedBytes : statSync(path).size });
}

const mb = (b) => (b / 1e6).toFixed(1);
console.log(`Builtin scan of a ~${values.mb} MB image: median of ${runs} runs after one warm-up (${cpus().length} cores, load ${loadavg()[0].toFixed(2)}, node ${process.version}; image generated in ${(generated / 1000).toFixed(1)} s)\n`);
console.log(`Image: ${image.layers} gzip layers, ${image.files} files, ${mb(image.rawBytes)} MB uncompressed tar, ${mb(image.packedBytes)} MB compressed. Text files are read and matched; files with a NUL in the first 8000 bytes are binary; files over 2 MiB and allow-listed paths (usr/lib, usr/share) are not read.\n`);
console.log('| input | on disk MB | text files read | MB read | binary skipped | >2 MiB skipped | findings | median ms | min ms | max ms | uncompressed MB/s |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const m = median(r.times);
  console.log(
    `| ${r.label} | ${mb(r.onDisk)} | ${r.result.filesScanned} | ${mb(r.result.bytesScanned)} | ${r.result.skipped.binary} | ${r.result.skipped.tooLarge} | ${r.result.findings.length} | ${m.toFixed(0)} | ${Math.min(...r.times).toFixed(0)} | ${Math.max(...r.times).toFixed(0)} | ${(image.rawBytes / 1e6 / (m / 1000)).toFixed(0)} |`
  );
}
if (values.keep) console.log(`\nkept: ${work}`);
else rmSync(work, { recursive: true, force: true });
rmSync(src, { recursive: true, force: true });
