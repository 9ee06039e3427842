// One ncc bundle per entry point: dist/<entry>/index.js. Small bundles start fast: each entry
// only pulls in what it imports (the meta bundle never loads build, scan or cache code).
import { execFileSync } from 'node:child_process';
import { rmSync, readdirSync } from 'node:fs';

const entries = readdirSync('src/entrypoints').filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
const only = process.argv.slice(2);
for (const entry of entries) {
  if (only.length > 0 && !only.includes(entry)) continue;
  const out = `dist/${entry}`;
  rmSync(out, { recursive: true, force: true });
  execFileSync('npx', ['ncc', 'build', `src/entrypoints/${entry}.ts`, '-o', out, '--minify', '--license', 'licenses.txt', '--quiet'], { stdio: 'inherit' });
  console.log(`built ${out}/index.js`);
}
