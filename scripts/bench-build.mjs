// Build + push benchmark of the fixture (linux/amd64 + linux/arm64) through the committed main
// bundle, with real buildah and a real htpasswd registry on 127.0.0.1 (the test helpers, transpiled):
//   cold: an empty registry and `no-cache: true` (every step rebuilt, every blob uploaded);
//   warm: the same registry and nothing changed since the previous run (layer cache, blobs skipped).
// Medians of N interleaved runs (default 5); prints a markdown table and the cold/warm ratio.
//   node scripts/bench-build.mjs [--runs N] [--json]
// Needs scripts/ci-setup.sh (buildah, docker-registry, qemu, busybox .debs) and a built dist/main.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import ts from 'typescript';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, json: { type: 'boolean', default: false } } });
const runs = Math.max(1, Number(values.runs));
const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const context = join(root, '__tests__/fixtures/build-context');

/** The test helpers as plain ESM (they only import each other and node builtins). */
async function helpers() {
  const out = mkdtempSync(join(tmpdir(), 'aim-bench-helpers-'));
  for (const f of ['tools.ts', 'buildah.ts', 'registry.ts', 'flaky-proxy.ts']) {
    const src = readFileSync(join(root, '__tests__/helpers', f), 'utf8');
    const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    writeFileSync(join(out, f.replace(/\.ts$/, '.js')), js);
  }
  const [buildah, registry] = await Promise.all([import(pathToFileURL(join(out, 'buildah.js')).href), import(pathToFileURL(join(out, 'registry.js')).href)]);
  return { ...buildah, ...registry, cleanup: () => rmSync(out, { recursive: true, force: true }) };
}

const USER = 'bench';
const PASSWORD = `bench-${Math.random().toString(36).slice(2)}`;

function runMain(h, registryHost, repo, extraInputs) {
  const dir = mkdtempSync(join(tmpdir(), 'aim-bench-run-'));
  const files = { out: join(dir, 'out'), state: join(dir, 'state'), summary: join(dir, 'summary.md'), event: join(dir, 'event.json'), temp: join(dir, 'temp') };
  for (const f of [files.out, files.state, files.summary]) writeFileSync(f, '');
  mkdirSync(files.temp);
  writeFileSync(files.event, JSON.stringify({ repository: { name: 'fixture', default_branch: 'main', html_url: 'https://github.com/acme/fixture' } }));
  const inputs = { images: `${registryHost}/${repo}`, context, 'registry-auth': `${registryHost}=${USER}:${PASSWORD}`, 'github-token': '', scan: 'builtin', ...extraInputs };
  const env = {
    ...h.buildahEnv(),
    BUILDAH_ISOLATION: '',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/tags/v1.2.3',
    GITHUB_SHA: '860c1904a1ce19322e91ac35af1ab07466440c37',
    GITHUB_REPOSITORY: 'acme/fixture',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.out,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: files.temp,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
  };
  return new Promise((resolvePromise, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [join(root, 'dist/main/index.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stdout += b));
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const summary = readFileSync(files.summary, 'utf8');
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0) return reject(new Error(`dist/main exited ${code}:\n${stdout.split('\n').filter((l) => l.startsWith('::error::')).join('\n') || stdout.slice(-2000)}`));
      const timing = /Build ([\d.]+) s, push ([\d.]+) s/.exec(summary);
      const blobs = /(\d+) blob\(s\) uploaded, (\d+) already there/.exec(stdout);
      resolvePromise({
        ms,
        buildS: timing ? Number(timing[1]) : NaN,
        pushS: timing ? Number(timing[2]) : NaN,
        uploaded: blobs ? Number(blobs[1]) : NaN,
        skipped: blobs ? Number(blobs[2]) : NaN,
        cacheHits: (stdout.match(/^--> Using cache /gm) ?? []).length
      });
    });
  });
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

async function main() {
  const h = await helpers();
  const base = await h.ensureBusyboxBase();
  const warmRegistry = await h.startRegistry({ auth: { user: USER, password: PASSWORD } });
  const results = { cold: [], warm: [] };
  try {
    await runMain(h, warmRegistry.host, 'bench/warm', {}); // prime: the layer cache and the registry hold this image
    for (let i = 0; i < runs; i++) {
      const cold = await h.startRegistry({ auth: { user: USER, password: PASSWORD } });
      try {
        results.cold.push(await runMain(h, cold.host, 'bench/cold', { 'no-cache': 'true' }));
      } finally {
        await cold.stop();
      }
      results.warm.push(await runMain(h, warmRegistry.host, 'bench/warm', {}));
    }
  } finally {
    await warmRegistry.stop();
    h.cleanup();
  }
  const row = (name, rs) => ({
    name,
    medianMs: median(rs.map((r) => r.ms)),
    minMs: Math.min(...rs.map((r) => r.ms)),
    maxMs: Math.max(...rs.map((r) => r.ms)),
    buildS: median(rs.map((r) => r.buildS)),
    pushS: median(rs.map((r) => r.pushS)),
    uploaded: median(rs.map((r) => r.uploaded)),
    skipped: median(rs.map((r) => r.skipped)),
    cacheHits: median(rs.map((r) => r.cacheHits))
  });
  const rows = [row('cold: empty registry, no-cache', results.cold), row('warm: nothing changed, layer cache + blobs in the registry', results.warm)];
  const ratio = rows[0].medianMs / rows[1].medianMs;
  if (values.json) {
    console.log(JSON.stringify({ runs, rows, ratio, baseImage: base.built ? 'built' : 'cached', cores: cpus().length, node: process.version }, null, 2));
    return;
  }
  console.log(`Build + push of __tests__/fixtures/build-context (linux/amd64 + linux/arm64, arm64 under qemu) through dist/main with buildah,`);
  console.log(`to a local htpasswd registry; median of ${runs} interleaved runs (${cpus().length} cores, load ${loadavg()[0].toFixed(2)}, node ${process.version}):\n`);
  console.log('| run | median ms | min ms | max ms | build s | push s | blobs uploaded / skipped | buildah cache hits |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.name} | ${r.medianMs.toFixed(0)} | ${r.minMs.toFixed(0)} | ${r.maxMs.toFixed(0)} | ${r.buildS} | ${r.pushS} | ${r.uploaded} / ${r.skipped} | ${r.cacheHits} |`);
  console.log(`\ncold / warm = ${ratio.toFixed(2)}× (the warm run reuses the layer cache: ${rows[1].cacheHits} cached steps, ${rows[1].skipped} blobs already in the registry)`);
  if (!(rows[1].cacheHits > 0 && rows[1].skipped > 0)) {
    console.error('the warm run did not reuse the cache');
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
