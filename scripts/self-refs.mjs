// Self-references: inside a reusable workflow `uses: ./` points at the CALLER's repository, so our
// workflows name `org/aim-build/<sub>@<ref>` (and `org/aim-build/.github/workflows/x.yml@<ref>`).
//   node scripts/self-refs.mjs            lists them and exits 1 unless they all use one ref
//   node scripts/self-refs.mjs --set REF  rewrites every one to REF (the release workflow does this)
import { readFileSync, writeFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const SELF = 'org/aim-build';
const USES = new RegExp(`(uses:\\s*['"]?${SELF.replace('/', '\\/')}(?:/[^@\\s'"]*)?@)([^\\s'"#]+)`, 'g');

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.ya?ml$/.test(f) ? [p] : [];
  });
}

export function scan(root = '.') {
  const found = [];
  for (const file of [...files(join(root, '.github/workflows')), ...files(join(root, 'examples'))]) {
    for (const m of readFileSync(file, 'utf8').matchAll(USES)) found.push({ file, uses: m[0].replace(/^uses:\s*['"]?/, ''), ref: m[2] });
  }
  return found;
}

export function setRef(ref, root = '.') {
  if (!/^[A-Za-z0-9._/-]+$/.test(ref)) throw new Error(`invalid ref '${ref}'`);
  for (const file of [...files(join(root, '.github/workflows')), ...files(join(root, 'examples'))]) {
    const text = readFileSync(file, 'utf8');
    const next = text.replace(USES, (_m, head) => `${head}${ref}`);
    if (next !== text) writeFileSync(file, next);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--set');
  if (i > 0) {
    setRef(process.argv[i + 1]);
    console.log(`self-references set to ${process.argv[i + 1]}`);
  } else {
    const refs = scan();
    for (const r of refs) console.log(`${r.file}: ${r.uses}`);
    const distinct = [...new Set(refs.map((r) => r.ref))];
    if (distinct.length > 1) {
      console.error(`self-references disagree: ${distinct.join(', ')}; run node scripts/self-refs.mjs --set <ref>`);
      process.exit(1);
    }
  }
}
