// npm run bench (or node scripts/bench-transfer.mjs [--gib 2.2] [--runs 1]): push an image with one
// incompressible layer larger than 2 GiB from a local OCI layout to a real registry (docker-registry
// on 127.0.0.1), with aim-build's push (src/adapters/registry/push.ts, bundled with ncc into a child
// process) and with `skopeo copy oci:… docker://…`, side by side, each on a fresh registry.
// Checks (exit 1 otherwise): the registry serves the manifest and the layer with the right digests
// (the layer is read back and hashed), and aim-build's peak RSS (VmHWM) stays under 200 MB.
// Prints a markdown table for docs/benchmarks.md.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { gib: { type: 'string', default: '2.2' }, runs: { type: 'string', default: '1' }, keep: { type: 'boolean', default: false } } });
const LAYER_BYTES = Math.round(Number(values.gib) * 1024 ** 3);
const RUNS = Number(values.runs);
const RSS_LIMIT_MB = 200;
const REGISTRY = '/usr/bin/docker-registry';
for (const tool of [REGISTRY, '/usr/bin/skopeo', '/usr/bin/time']) {
  if (!existsSync(tool)) {
    console.error(`bench-transfer: ${tool} is missing; run scripts/ci-setup.sh`);
    process.exit(1);
  }
}

const work = mkdtempSync(join(tmpdir(), 'aim-bench-transfer-'));
const layout = join(work, 'layout');
const sha = (h) => `sha256:${h.digest('hex')}`;

/** The child bundle: plain node running the pipeline's push, so the RSS measured is ours alone. */
function buildChild() {
  const out = join(work, 'child');
  execFileSync('npx', ['ncc', 'build', '__tests__/helpers/push-layout-child.ts', '-o', out, '--quiet'], { stdio: 'inherit' });
  return join(out, 'index.js');
}

/** An OCI layout: one layer of `size` incompressible bytes (AES-CTR keystream) in a stored (level 0) gzip stream. */
async function makeLayout(size) {
  mkdirSync(join(layout, 'blobs', 'sha256'), { recursive: true });
  const tmp = join(layout, 'layer.tmp');
  const hash = createHash('sha256');
  const cipher = createCipheriv('aes-128-ctr', randomBytes(16), randomBytes(16));
  const zero = Buffer.alloc(4 * 1024 * 1024);
  let left = size;
  const source = Readable.from((function* () {
    while (left > 0) {
      const n = Math.min(left, zero.length);
      left -= n;
      yield cipher.update(zero.subarray(0, n));
    }
  })());
  let compressed = 0;
  const gzip = createGzip({ level: 0 });
  gzip.on('data', (c) => {
    hash.update(c);
    compressed += c.length;
  });
  await pipeline(source, gzip, createWriteStream(tmp));
  const layerDigest = sha(hash);
  execFileSync('mv', [tmp, join(layout, 'blobs', 'sha256', layerDigest.slice(7))]);
  const put = (obj) => {
    const text = JSON.stringify(obj);
    const d = `sha256:${createHash('sha256').update(text).digest('hex')}`;
    writeFileSync(join(layout, 'blobs', 'sha256', d.slice(7)), text);
    return { digest: d, size: Buffer.byteLength(text) };
  };
  const config = put({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [`sha256:${'0'.repeat(64)}`] } });
  const manifest = put({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layerDigest, size: compressed }]
  });
  writeFileSync(join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(
    join(layout, 'index.json'),
    JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: { 'org.opencontainers.image.ref.name': 'big' } }] })
  );
  return { layerDigest, layerSize: compressed, manifestDigest: manifest.digest };
}

async function freePort() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

async function startRegistry() {
  const port = await freePort();
  const root = mkdtempSync(join(work, 'registry-'));
  const config = join(root, 'config.yml');
  writeFileSync(config, `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${root}/data\nhttp:\n  addr: 127.0.0.1:${port}\n`);
  const proc = spawn(REGISTRY, ['serve', config], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/v2/`)).ok) break;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host: `127.0.0.1:${port}`,
    async stop() {
      proc.kill();
      await new Promise((r) => proc.once('exit', r));
      rmSync(root, { recursive: true, force: true });
    }
  };
}

/** Reads back what a tag points to: the manifest digest, and the layer streamed and hashed. */
async function verify(host, repo, tag, want) {
  const m = await fetch(`http://${host}/v2/${repo}/manifests/${tag}`, { headers: { accept: 'application/vnd.oci.image.manifest.v1+json' } });
  const body = Buffer.from(await m.arrayBuffer());
  const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
  if (digest !== want.manifestDigest) throw new Error(`${host}/${repo}:${tag} is ${digest}, expected ${want.manifestDigest}`);
  const res = await fetch(`http://${host}/v2/${repo}/blobs/${want.layerDigest}`);
  const h = createHash('sha256');
  let n = 0;
  for await (const chunk of res.body) {
    h.update(chunk);
    n += chunk.length;
  }
  if (sha(h) !== want.layerDigest || n !== want.layerSize) throw new Error(`the layer reads back as ${sha(h)} (${n} bytes), expected ${want.layerDigest}`);
}

/** GNU time's max RSS (kB) of a command, and its wall time. */
function timed(cmd, args) {
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const lines = r.stderr.trim().split('\n');
  return { seconds, peakRssMB: Math.round(Number(lines[lines.length - 1]) / 1024), stdout: r.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  const child = buildChild();
  const t0 = Date.now();
  const want = await makeLayout(LAYER_BYTES);
  console.error(`layout: one ${(want.layerSize / 1024 ** 3).toFixed(2)} GiB incompressible layer in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const results = { aim: [], skopeo: [] };
  for (let run = 0; run < RUNS; run++) {
    // interleaved, each on a fresh registry (no blob already there)
    for (const who of run % 2 === 0 ? ['aim', 'skopeo'] : ['skopeo', 'aim']) {
      const reg = await startRegistry();
      try {
        const r =
          who === 'aim'
            ? timed(process.execPath, [child, layout, reg.host, 'bench/big', 'aim'])
            : timed('/usr/bin/skopeo', ['copy', '--quiet', '--dest-tls-verify=false', `oci:${layout}:big`, `docker://${reg.host}/bench/big:skopeo`]);
        if (who === 'aim') {
          const own = JSON.parse(r.stdout.trim().split('\n').pop());
          if (own.digest !== want.manifestDigest) throw new Error(`aim-build pushed ${own.digest}, expected ${want.manifestDigest}`);
          r.peakRssMB = Math.max(r.peakRssMB, own.peakRssMB ?? 0);
        }
        await verify(reg.host, 'bench/big', who, want);
        results[who].push(r);
        console.error(`${who}: ${r.seconds.toFixed(1)} s, peak RSS ${r.peakRssMB} MB (read back: digests match)`);
      } finally {
        await reg.stop();
      }
    }
  }
  const aimT = median(results.aim.map((r) => r.seconds));
  const skT = median(results.skopeo.map((r) => r.seconds));
  const aimRss = Math.max(...results.aim.map((r) => r.peakRssMB));
  const skRss = Math.max(...results.skopeo.map((r) => r.peakRssMB));
  console.log(`\n${cpus().length} CPUs, load ${loadavg()[0].toFixed(1)}; layer ${(want.layerSize / 1024 ** 3).toFixed(2)} GiB incompressible; ${RUNS} run(s), median wall time\n`);
  console.log('| push (OCI layout → loopback docker-registry) | wall time | peak RSS | vs skopeo |');
  console.log('|---|---|---|---|');
  console.log(`| aim-build push (streaming, chunked PATCH) | ${aimT.toFixed(1)} s | ${aimRss} MB | ${(aimT / skT).toFixed(2)}× |`);
  console.log(`| skopeo copy oci: → docker:// | ${skT.toFixed(1)} s | ${skRss} MB | 1.00× |`);
  if (aimRss >= RSS_LIMIT_MB) {
    console.error(`FAIL: aim-build peak RSS ${aimRss} MB ≥ ${RSS_LIMIT_MB} MB`);
    process.exitCode = 1;
  }
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}
