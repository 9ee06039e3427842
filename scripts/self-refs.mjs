// Self-references: inside a reusable workflow `uses: ./` points at the CALLER's repository, so our
// workflows name `org/aim-build/<sub>@<ref>` (and `org/aim-build/.github/workflows/x.yml@<ref>`).
//   node scripts/self-refs.mjs                     lists them and exits 1 unless they all use one ref
//   node scripts/self-refs.mjs --set REF           rewrites every one to REF (the release workflow does this)
//   node scripts/self-refs.mjs --set-repo OWNER/NAME [--set REF]
//                                                  repoints every one to another repository, e.g. the copy
//                                                  in a GitHub Enterprise Server (`platform/aim-build`)
//   --repo OWNER/NAME                              the repository the files name now (default org/aim-build):
//                                                  `--repo platform/aim-build` checks a repointed copy (and
//                                                  fails on any reference left on org/aim-build)
import { readFileSync, writeFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const SELF = 'org/aim-build';

/** GitHub owner (user/organisation: letters, digits, inner `-`) and repository name (letters, digits, `.`, `_`, `-`). */
const REPO = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const REF = /^[A-Za-z0-9._/-]+$/;

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** `uses: <repo>[/<path>]@<ref>`: group 1 `uses: `, group 2 the repository, group 3 `/<path>@`, group 4 the ref. */
const usesOf = (repo) => new RegExp(`(uses:\\s*['"]?)(${escape(repo)})((?:/[^@\\s'"]*)?@)([^\\s'"#]+)`, 'g');

function checkRepo(repo, flag) {
  if (!REPO.test(repo) || repo.split('/')[1] === '.' || repo.split('/')[1] === '..') {
    throw new Error(`invalid ${flag} '${repo}': expected OWNER/NAME, e.g. platform/aim-build`);
  }
}

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.ya?ml$/.test(f) ? [p] : [];
  });
}

const targets = (root) => [...files(join(root, '.github/workflows')), ...files(join(root, 'examples'))];

/** Every self-reference to `repo` in the workflows and examples under `root`. */
export function scan(root = '.', repo = SELF) {
  checkRepo(repo, '--repo');
  const found = [];
  for (const file of targets(root)) {
    for (const m of readFileSync(file, 'utf8').matchAll(usesOf(repo))) found.push({ file, uses: `${m[2]}${m[3]}${m[4]}`, ref: m[4] });
  }
  return found;
}

/**
 * Rewrites every self-reference: the ref to `ref` (unless undefined) and the repository from `from` to
 * `repo` (unless undefined). Returns the number of references rewritten.
 */
export function rewrite(root = '.', { ref, repo, from = SELF } = {}) {
  if (ref !== undefined && !REF.test(ref)) throw new Error(`invalid ref '${ref}'`);
  checkRepo(from, '--repo');
  if (repo !== undefined) checkRepo(repo, '--set-repo');
  let count = 0;
  for (const file of targets(root)) {
    const text = readFileSync(file, 'utf8');
    const next = text.replace(usesOf(from), (_m, head, name, path, oldRef) => {
      count += 1;
      return `${head}${repo ?? name}${path}${ref ?? oldRef}`;
    });
    if (next !== text) writeFileSync(file, next);
  }
  if (count === 0) throw new Error(`no self-reference to ${from} found under ${root}: nothing rewritten (is --repo right?)`);
  return count;
}

function option(name) {
  const i = process.argv.indexOf(name);
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const ref = option('--set');
    const to = option('--set-repo');
    const current = option('--repo') ?? SELF;
    if (ref !== undefined || to !== undefined) {
      const n = rewrite('.', { ref, repo: to, from: current });
      console.log(`self-references set to ${to ?? current}${ref !== undefined ? `@${ref}` : ''} (${n} rewritten)`);
    } else {
      const refs = scan('.', current);
      for (const r of refs) console.log(`${r.file}: ${r.uses}`);
      if (refs.length === 0) {
        console.error(`no self-reference to ${current} found; after a repointing, check with --repo <the new OWNER/NAME>`);
        process.exit(1);
      }
      const left = current === SELF ? [] : scan('.', SELF);
      if (left.length > 0) {
        console.error(`still naming ${SELF}: ${left.map((r) => `${r.file}: ${r.uses}`).join('; ')}; run node scripts/self-refs.mjs --set-repo ${current}`);
        process.exit(1);
      }
      const distinct = [...new Set(refs.map((r) => r.ref))];
      if (distinct.length > 1) {
        console.error(`self-references disagree: ${distinct.join(', ')}; run node scripts/self-refs.mjs${current === SELF ? '' : ` --repo ${current}`} --set <ref>`);
        process.exit(1);
      }
    }
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  }
}
