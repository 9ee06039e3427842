// npm run bench (fourth part) or `node scripts/bench-meta-token.mjs [--runs N]`: the tag plan as a
// runner runs it, WITH a github-token, next to docker/metadata-action v6's bundle on the same tag
// push. A small HTTP server on 127.0.0.1 stands in for the GitHub REST API (GITHUB_API_URL points
// at it) and counts the requests each subject makes. Medians of N interleaved runs (default 15).
//
// The peer bundle is not part of this repository: set PEER_METADATA_ACTION to its dist/index.cjs,
// e.g. from a clone of https://github.com/docker/metadata-action at the newest v6 tag:
//   git clone --depth 1 --branch v6.2.0 https://github.com/docker/metadata-action /tmp/metadata-action
//   PEER_METADATA_ACTION=/tmp/metadata-action/dist/index.cjs node scripts/bench-meta-token.mjs --runs 31
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);
const peer = process.env.PEER_METADATA_ACTION;
if (peer && !existsSync(peer)) throw new Error(`PEER_METADATA_ACTION=${peer}: no such file (see the comment at the top of this script)`);
const SHA = '860c1904a1ce19322e91ac35af1ab07466440c37';

const repository = {
  id: 1296269,
  name: 'backend',
  full_name: 'acme/backend',
  private: false,
  owner: { login: 'acme' },
  html_url: 'https://github.com/acme/backend',
  description: 'The backend service',
  fork: false,
  default_branch: 'main',
  master_branch: 'main',
  license: { key: 'mit', name: 'MIT License', spdx_id: 'MIT' },
  topics: []
};

let current = '';
const requests = {};
const server = createServer((req, res) => {
  (requests[current] ??= []).push(`${req.method} ${req.url}`);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  if (req.url === '/repos/acme/backend') return res.end(JSON.stringify(repository));
  if (req.url === `/repos/acme/backend/commits/${SHA}`) return res.end(JSON.stringify({ sha: SHA, commit: { committer: { date: '2026-11-20T02:00:00Z' } } }));
  res.statusCode = 404;
  res.end('{"message":"Not Found"}');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const api = `http://127.0.0.1:${server.address().port}`;

const dir = mkdtempSync(join(tmpdir(), 'aim-bench-token-'));
const event = join(dir, 'event.json');
// a tag push as GitHub sends it: repository metadata and the head commit in the payload
writeFileSync(event, JSON.stringify({
  ref: 'refs/tags/v1.2.3',
  after: SHA,
  repository,
  head_commit: { id: SHA, timestamp: '2026-11-20T10:00:00+08:00', message: 'release' },
  commits: []
}));
const tags = 'type=ref,event=tag\ntype=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=sha';
const env = {
  PATH: process.env.PATH,
  GITHUB_EVENT_NAME: 'push',
  GITHUB_REF: 'refs/tags/v1.2.3',
  GITHUB_SHA: SHA,
  GITHUB_REPOSITORY: 'acme/backend',
  GITHUB_REPOSITORY_OWNER: 'acme',
  GITHUB_EVENT_PATH: event,
  GITHUB_API_URL: api,
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_OUTPUT: join(dir, 'output'),
  GITHUB_ENV: join(dir, 'env'),
  GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
  RUNNER_TEMP: dir,
  'INPUT_GITHUB-TOKEN': 'ghs_benchmarktoken',
  INPUT_IMAGES: 'ghcr.io/acme/backend',
  INPUT_TAGS: tags,
  INPUT_CONTEXT: 'workflow'
};

const subjects = { "node -e ''": ['-e', ''], 'dist/meta (token)': ['dist/meta/index.js'] };
if (peer) subjects['metadata-action v6 (token)'] = [peer];

function once(name) {
  for (const f of [env.GITHUB_OUTPUT, env.GITHUB_ENV, env.GITHUB_STEP_SUMMARY]) writeFileSync(f, '');
  current = name;
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, subjects[name], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) reject(new Error(`${name} exited ${code}: ${stderr}`));
      else resolve(ms);
    });
  });
}

const times = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
for (const k of Object.keys(subjects)) await once(k); // warm the file cache
for (const k of Object.keys(requests)) requests[k] = []; // count the measured runs only
for (let i = 0; i < runs; i++) for (const k of Object.keys(subjects)) times[k].push(await once(k));
server.close();

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const base = median(times["node -e ''"]);
console.log(`Tag plan with a github-token, tag push refs/tags/v1.2.3, loopback API; median of ${runs} interleaved runs (${cpus().length} cores, load ${loadavg()[0].toFixed(2)}, node ${process.version}):\n`);
console.log('| what runs | median ms | min ms | × bare node | API requests per run |\n|---|---|---|---|---|');
for (const [k, a] of Object.entries(times)) {
  const perRun = ((requests[k]?.length ?? 0) / runs).toFixed(0);
  const paths = [...new Set(requests[k] ?? [])].join(', ');
  console.log(`| ${k} | ${median(a).toFixed(0)} | ${Math.min(...a).toFixed(0)} | ${(median(a) / base).toFixed(2)} | ${perRun}${paths ? ` (${paths})` : ''} |`);
}
if (peer) {
  const ratio = median(times['dist/meta (token)']) / median(times['metadata-action v6 (token)']);
  console.log(`\ndist/meta / metadata-action v6 = ${ratio.toFixed(2)}× (target ≤ 0.25×: ${ratio <= 0.25 ? 'met' : 'NOT met'})`);
} else {
  console.log('\nPEER_METADATA_ACTION is not set, so metadata-action v6 was not measured. To compare, get its bundle and rerun:');
  console.log('  git clone --depth 1 --branch v6.2.0 https://github.com/docker/metadata-action /tmp/metadata-action');
  console.log('  PEER_METADATA_ACTION=/tmp/metadata-action/dist/index.cjs node scripts/bench-meta-token.mjs');
}
