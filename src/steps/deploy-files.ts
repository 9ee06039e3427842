/**
 * `deploy-files`, after a successful push: compose / Kubernetes / Helm values files that name a
 * pushed repository are rewritten in the workspace to `repo:tag@sha256:…`; outputs the changed
 * files and a unified diff. Committing is the workflow's business (examples/deploy-files-pr.yml).
 */
import * as core from '../adapters/github/runner.js';
import { getList } from '../adapters/github/inputs.js';
import type { PushedRepository } from '../core/deploy-files.js';
import { deployFilesMarkdown } from '../core/deploy-files-report.js';

// the YAML library, the glob matcher and the diff load only when deploy-files is set (lazy chunks)
const rewriter = () => import('../adapters/deploy/files.js');

interface PlanFacts {
  version: string;
  latest: { tag: string };
  targets: Array<{ image: string; tagPrefix: string }>;
}

export interface DeployFilesFacts {
  pushed: boolean;
  byDigest?: boolean;
  targets: PushedRepository[];
}

/** The inputs this step reads (action.yml declares them; a test checks both ways). */
export const DEPLOY_FILES_INPUT_NAMES = ['deploy-files'] as const;

/** Before the build: every matched file must be valid YAML, so a broken file fails before anything is pushed. */
export async function deployFilesPreflight(workspace = process.env.GITHUB_WORKSPACE || process.cwd()): Promise<void> {
  const patterns = getList('deploy-files');
  if (patterns.length > 0) await (await rewriter()).rewriteDeployFiles(patterns, [], { workspace, write: false });
}

export async function deployFilesStep(plan: PlanFacts, result: DeployFilesFacts, workspace = process.env.GITHUB_WORKSPACE || process.cwd()): Promise<void> {
  const patterns = getList('deploy-files');
  if (patterns.length === 0) return;
  core.setOutput('deploy-files-changed', '');
  core.setOutput('deploy-files-diff', '');
  if (!result.pushed || result.byDigest) {
    core.info(`deploy-files: left unchanged (${result.byDigest ? 'push-by-digest wrote no tag; the merge job has the final index' : 'nothing was pushed'})`);
    return;
  }
  const { deployImages, rewriteDeployFiles } = await rewriter();
  const images = deployImages(plan, result.targets);
  const run = await rewriteDeployFiles(patterns, images, { workspace, write: true });
  core.startGroup(`deploy-files: ${run.changed.length} of ${run.matched.length} file(s) changed`);
  for (const f of run.changed) for (const c of f.changes) core.info(`${f.path}:${c.line} ${c.path}: ${c.from} → ${c.to}`);
  if (run.matched.length === 0) core.warning(`deploy-files: no file matched ${patterns.join(', ')} (relative to ${workspace})`);
  core.endGroup();
  core.setOutput('deploy-files-changed', run.changed.map((f) => f.path).join('\n'));
  core.setOutput('deploy-files-diff', run.diff);
  core.appendSummary(deployFilesMarkdown(run.matched.length, run.changed));
}
