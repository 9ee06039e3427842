/**
 * The `summary` sub-action: the reusable workflow's last job writes ONE job summary and, on a pull
 * request, ONE comment (updated by later runs) with the image references and every platform's scan
 * verdict. It never fails the job over the comment (fork pull requests get a read-only token).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as core from '../adapters/github/runner.js';
import { getBoolean } from '../adapters/github/inputs-scan.js';
import { readPayload } from '../adapters/github/context.js';
import { upsertPrComment, type PrCommentContext } from '../adapters/github/pr-comment.js';
import { parseBool } from '../core/build/inputs.js';
import type { ScanResultJson } from '../core/scan/result.js';
import { parseReportPlan, parseScanResult, workflowMarkdown, type WorkflowReport } from '../core/workflow-summary.js';
import { errorMessage } from '../core/errors.js';

type Env = Record<string, string | undefined>;

export interface SummaryDeps {
  env: Env;
  fetch: typeof fetch;
}

/** Every `*.scan.json` file in the build jobs' results directory (downloaded artifacts). */
async function readScans(dir: string): Promise<ScanResultJson[]> {
  if (!dir) return [];
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.scan.json')).sort();
  } catch (e) {
    core.info(`no build results in ${dir} (${errorMessage(e)})`);
    return [];
  }
  const scans: ScanResultJson[] = [];
  for (const name of names) {
    const parsed = parseScanResult(await readFile(join(dir, name), 'utf8'));
    if (parsed) scans.push(parsed);
    else core.warning(`${name} is not a scan-result document; left out of the summary`);
  }
  return scans;
}

export async function summaryStep(deps: SummaryDeps): Promise<string> {
  const { plan, event } = parseReportPlan(core.getInput('plan'));
  const report: WorkflowReport = {
    plan,
    event,
    push: parseBool('push', core.getInput('push'), false),
    digest: core.getInput('digest'),
    build: core.getInput('build-result'),
    merge: core.getInput('merge-result'),
    scans: await readScans(core.getInput('results'))
  };
  const token = core.getInput('github-token');
  if (token) core.setSecret(token);
  const markdown = workflowMarkdown(report);
  core.appendSummary(markdown);
  core.setOutput('markdown', markdown);
  if (getBoolean('pr-comment', true)) {
    const env = deps.env;
    const payload = readPayload(env.GITHUB_EVENT_PATH) as PrCommentContext['payload'];
    await upsertPrComment(
      markdown,
      { eventName: env.GITHUB_EVENT_NAME ?? '', repository: env.GITHUB_REPOSITORY ?? '', payload, apiUrl: env.GITHUB_API_URL },
      token,
      { fetch: deps.fetch, log: { info: core.info, warning: core.warning } },
      `workflow:${plan.targets[0]?.image ?? env.GITHUB_REPOSITORY ?? ''}`
    );
  }
  return markdown;
}

/** Names of the inputs read above; a test keeps summary/action.yml in step with it. */
export const SUMMARY_INPUT_NAMES = ['plan', 'push', 'digest', 'build-result', 'merge-result', 'results', 'pr-comment', 'github-token'];
