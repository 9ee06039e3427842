// npm run bench [-- --runs N]: cold-start wall time of the bundles next to bare `node -e ''`,
// and bundle sizes. Medians of N runs (default 15), interleaved so machine load hits both alike.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, statSync, readdirSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);
const dir = mkdtempSync(join(tmpdir(), 'aim-bench-'));
const event = join(dir, 'event.json');
writeFileSync(event, JSON.stringify({ repository: { name: 'backend', default_branch: 'main', html_url: 'https://github.com/acme/backend' } }));
const env = {
  PATH: process.env.PATH,
  GITHUB_EVENT_NAME: 'push',
  GITHUB_REF: 'refs/tags/v1.2.3',
  GITHUB_SHA: '860c1904a1ce19322e91ac35af1ab07466440c37',
  GITHUB_REPOSITORY: 'acme/backend',
  GITHUB_EVENT_PATH: event,
  GITHUB_OUTPUT: join(dir, 'output'),
  GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
  INPUT_IMAGES: 'ghcr.io/acme/backend\nregistry.cn-hangzhou.aliyuncs.com/acme',
  INPUT_COMPONENT: 'backend'
};

const subjects = {
  "node -e ''": [process.execPath, ['-e', '']],
  'dist/meta (tag event)': [process.execPath, ['dist/meta/index.js']],
  'dist/cli plan (tag event)': [process.execPath, ['dist/cli/index.js', 'plan', '--ref', 'refs/tags/v1.2.3', '--images', 'ghcr.io/acme/backend', '--format', 'json']]
};

function once([cmd, args]) {
  writeFileSync(env.GITHUB_OUTPUT, '');
  writeFileSync(env.GITHUB_STEP_SUMMARY, '');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const times = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
for (const s of Object.values(subjects)) once(s); // warm the file cache
for (let i = 0; i < runs; i++) for (const [k, s] of Object.entries(subjects)) times[k].push(once(s));
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const base = median(times["node -e ''"]);

console.log(`Cold start, median of ${runs} interleaved runs (${cpus().length} cores, load ${loadavg()[0].toFixed(2)}, node ${process.version}):\n`);
console.log('| what runs | median ms | min ms | × bare node |\n|---|---|---|---|');
for (const [k, a] of Object.entries(times)) console.log(`| ${k} | ${median(a).toFixed(0)} | ${Math.min(...a).toFixed(0)} | ${(median(a) / base).toFixed(2)} |`);
console.log('\nBundle sizes:\n\n| bundle | bytes (all files) |\n|---|---|');
for (const b of readdirSync('dist')) {
  const bytes = readdirSync(join('dist', b)).filter((f) => f.endsWith('.js')).reduce((n, f) => n + statSync(join('dist', b, f)).size, 0);
  console.log(`| dist/${b} | ${bytes} |`);
}
