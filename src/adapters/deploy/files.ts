/**
 * File I/O of the deployment rewrite (the rule is core/deploy-files.ts): expand the
 * `deploy-files` globs (@actions/glob, loaded only when the input is set), read each regular file
 * (symlinks are not followed; files over 4 MiB are refused), rewrite, write back only the files
 * that changed, and a unified diff (jsdiff) with paths relative to the workspace.
 */
import { lstat, readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { DeployFileError, rewriteDeployYaml, type DeployChange, type DeployImage } from '../../core/deploy-files.js';

export { deployImages } from '../../core/deploy-files.js';

export const MAX_DEPLOY_FILE_BYTES = 4 * 1024 * 1024;

export interface DeployFileResult {
  /** path relative to the workspace, `/`-separated */
  path: string;
  changes: DeployChange[];
}

export interface DeployRun {
  /** files matched by the globs */
  matched: string[];
  changed: DeployFileResult[];
  diff: string;
}

export async function expandDeployGlobs(patterns: string[], workspace: string): Promise<string[]> {
  const glob = await import('@actions/glob');
  // relative patterns are relative to the workspace, whatever the process's directory
  const anchored = patterns.map((p) => {
    const neg = p.startsWith('!');
    const body = neg ? p.slice(1) : p;
    return `${neg ? '!' : ''}${isAbsolute(body) ? body : join(workspace, body)}`;
  });
  const globber = await glob.create(anchored.join('\n'), { followSymbolicLinks: false, matchDirectories: false, implicitDescendants: false });
  const files = await globber.glob();
  return [...new Set(files)].sort().map((f) => relative(workspace, f).split(sep).join('/'));
}

/** Rewrites every matched file; `write: false` only computes the diff. */
export async function rewriteDeployFiles(patterns: string[], images: DeployImage[], opts: { workspace: string; write: boolean }): Promise<DeployRun> {
  const { createTwoFilesPatch } = await import('diff');
  const matched = await expandDeployGlobs(patterns, opts.workspace);
  const changed: DeployFileResult[] = [];
  // eslint-disable-next-line no-control-regex
  const odd = matched.find((p) => /[\u0000-\u001f\u007f]/.test(p));
  if (odd !== undefined) throw new DeployFileError(`deploy-files: the file name ${JSON.stringify(odd)} has control characters; rename it or exclude it with a ! pattern`);
  const outside = matched.filter((p) => p.startsWith('../') || p === '..');
  if (outside.length > 0) throw new DeployFileError(`deploy-files: ${outside.join(', ')} lie outside the workspace ${opts.workspace}; use paths inside the repository`);
  // read and rewrite everything first: one bad file fails the step before any file is written
  const rewrites: Array<{ path: string; abs: string; before: string; after: string; changes: DeployChange[] }> = [];
  for (const path of matched) {
    const abs = `${opts.workspace}/${path}`;
    const st = await lstat(abs);
    if (!st.isFile()) continue;
    if (st.size > MAX_DEPLOY_FILE_BYTES) throw new DeployFileError(`deploy-files: ${path} is ${st.size} bytes, over the ${MAX_DEPLOY_FILE_BYTES}-byte limit for a deployment file; narrow the glob`);
    const before = await readFile(abs, 'utf8');
    const out = rewriteDeployYaml(before, images, path);
    if (out.changes.length > 0) rewrites.push({ path, abs, before, after: out.text, changes: out.changes });
  }
  let diff = '';
  for (const r of rewrites) {
    if (opts.write) await writeFile(r.abs, r.after, 'utf8');
    changed.push({ path: r.path, changes: r.changes });
    diff += createTwoFilesPatch(`a/${r.path}`, `b/${r.path}`, r.before, r.after, undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
  }
  return { matched, changed, diff };
}
