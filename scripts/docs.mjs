// Regenerates the README's inputs/outputs tables from every action.yml (and, for reusable
// workflows, their workflow_call blocks) between `<!-- aim:table FILE KIND -->` markers.
// `node scripts/docs.mjs --check` exits 1 when the README is out of date (run by the tests).
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const cell = (s) => String(s ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();

export function table(file, kind) {
  const doc = parse(readFileSync(file, 'utf8'));
  const call = doc.on?.workflow_call;
  const items = call ? call[kind] ?? {} : doc[kind] ?? {};
  const rows = Object.entries(items);
  if (kind === 'outputs') {
    return ['| Output | Description |', '|---|---|', ...rows.map(([n, o]) => `| \`${n}\` | ${cell(o.description)} |`)].join('\n');
  }
  if (kind === 'secrets') {
    return ['| Secret | Required | Description |', '|---|---|---|', ...rows.map(([n, o]) => `| \`${n}\` | ${o.required ? 'yes' : 'no'} | ${cell(o.description)} |`)].join('\n');
  }
  const head = call ? ['| Input | Type | Default | Description |', '|---|---|---|---|'] : ['| Input | Default | Description |', '|---|---|---|'];
  return [
    ...head,
    ...rows.map(([n, o]) => {
      const def = o.default === undefined || o.default === '' ? '' : `\`${cell(o.default)}\``;
      return call ? `| \`${n}\` | ${o.type} | ${def} | ${cell(o.description)} |` : `| \`${n}\` | ${def} | ${cell(o.description)} |`;
    })
  ].join('\n');
}

export function render(readme) {
  return readme.replace(/(<!-- aim:table (\S+) (\S+) -->\n)[\s\S]*?(<!-- aim:end -->)/g, (_m, open, file, kind, close) => `${open}${table(file, kind)}\n${close}`);
}

const check = process.argv.includes('--check');
const current = readFileSync('README.md', 'utf8');
const next = render(current);
if (check) {
  if (next !== current) {
    console.error('README.md tables differ from action.yml: run `npm run docs` and commit README.md');
    process.exit(1);
  }
} else if (next !== current) {
  writeFileSync('README.md', next);
  console.log('README.md tables updated');
}
