#!/usr/bin/env node
/**
 * Transcribes the test table of docker/metadata-action (`__tests__/meta.test.ts`, Apache-2.0) into
 * data: __tests__/fixtures/metadata-action/table.json. Only the rows (inputs, event file, expected
 * version/tags/labels/annotations/json) are kept; none of its code. Usage, from a checkout of
 * docker/metadata-action at a release tag:
 *   node scripts/metadata-action-table.mjs <checkout> <tag> <commit>
 * The row arrays are evaluated with stand-ins for its test framework; the assertions are not run.
 */
import { readFileSync, writeFileSync, mkdirSync, copyFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const [checkout, tag, commit] = process.argv.slice(2);
if (!checkout || !tag || !commit) {
  process.stderr.write('usage: node scripts/metadata-action-table.mjs <checkout> <tag> <commit>\n');
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '__tests__/fixtures/metadata-action');
mkdirSync(join(out, 'events'), { recursive: true });

let source = readFileSync(join(checkout, '__tests__/meta.test.ts'), 'utf8');
// keep the describe/test.each blocks only: drop imports and the module-level mocks
source = source.replace(/^import[^;]*;\s*$/gm, '');
source = source.slice(source.indexOf("describe('isRawStatement'"));
const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None } }).outputText;

const sections = [];
let current;
const describe = (name, body) => {
  current = { section: name, rows: [] };
  sections.push(current);
  body();
};
const test = { each: (rows) => (_title, fn) => current.rows.push(...rows.map((r) => ({ r, params: fn.length }))) };
new Function('describe', 'test', 'vi', 'expect', js)(describe, test, { spyOn: () => ({ mockImplementation: () => undefined }) }, undefined);

/** what each section's columns mean (after name and env file), from the upstream test functions */
const COLUMNS = {
  default: ['version', 'tags', 'labels', 'annotations'],
  'pr-head-sha': ['version', 'tags', 'labels'],
  json: ['json'],
  bakeFile: ['bakeTags', 'bakeLabels', 'bakeAnnotations'],
  bakeFileTagsLabels: ['bakeDefinition'],
  sepTags: ['joinedTags']
};
const rows = [];
const isRaw = [];
for (const { section, rows: raw } of sections) {
  for (const { r } of raw) {
    if (section === 'isRawStatement') {
      isRaw.push({ pattern: r[0], expected: r[1] });
      continue;
    }
    const [name, envFile, inputs, ...rest] = r;
    const row = { section, name, envFile, inputs, env: {}, expected: {} };
    (COLUMNS[section] ?? COLUMNS.default).forEach((col, i) => {
      if (rest[i] !== undefined) row.expected[col] = rest[i];
    });
    if (section === 'pr-head-sha') {
      row.env.DOCKER_METADATA_PR_HEAD_SHA = 'true';
      row.expected.annotations = row.expected.labels;
    }
    if (section === 'json') row.annotationLevels = ['manifest'];
    if (section === 'bakeFile') row.annotationLevels = ['index', 'manifest-descriptor'];
    rows.push(row);
  }
}

for (const f of readdirSync(join(checkout, '__tests__/fixtures'))) {
  if (/^event_.*\.(env|json)$/.test(f) || f === 'repo.json') copyFileSync(join(checkout, '__tests__/fixtures', f), join(out, 'events', f));
}
copyFileSync(join(checkout, 'LICENSE'), join(out, 'LICENSE'));
const table = {
  origin: `https://github.com/docker/metadata-action/blob/${commit}/__tests__/meta.test.ts (${tag})`,
  license: 'Apache-2.0 (see LICENSE in this folder); rows transcribed as data by scripts/metadata-action-table.mjs',
  clock: '2020-01-10T00:30:00.000Z',
  isRawStatement: isRaw,
  rows
};
writeFileSync(join(out, 'table.json'), JSON.stringify(table, null, 1) + '\n');
process.stdout.write(`${rows.length} rows, ${isRaw.length} isRawStatement rows -> ${out}\n`);
