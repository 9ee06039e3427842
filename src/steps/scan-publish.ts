/**
 * Publishes a scan: step outputs, the job summary, expired-ignore warnings and, on pull requests,
 * one PR comment that later runs update. Shared by the full action's gate and the scan sub-action.
 */
import * as core from '../adapters/github/runner.js';
import { readPayload } from '../adapters/github/context.js';
import { upsertPrComment, type PrCommentContext } from '../adapters/github/pr-comment.js';
import type { ScanGateResult } from './scan.js';

export interface PublishOptions {
  /** output name for the verdict: `verdict` in the scan sub-action, `scan-verdict` in the full action */
  verdictOutput: string;
  prComment: boolean;
  githubToken: string;
  /** the image the comment is about (one comment per image) */
  imageName: string;
  env: Record<string, string | undefined>;
  fetch: typeof fetch;
}

export async function publishScan(gate: ScanGateResult, o: PublishOptions): Promise<void> {
  for (const e of gate.verdict.expiredIgnores) {
    core.warning(`ignore entry ${e.id} (${e.source} line ${e.line}) expired on ${e.expires}: it no longer ignores anything; re-triage or remove it`);
  }
  core.setOutput('scan-result', gate.resultJson);
  core.setOutput('sarif-file', gate.sarifPath);
  core.setOutput(o.verdictOutput, gate.result.verdict);
  core.appendSummary(gate.summaryMarkdown);
  if (!o.prComment) return;
  const payload = readPayload(o.env.GITHUB_EVENT_PATH) as PrCommentContext['payload'];
  await upsertPrComment(
    gate.summaryMarkdown,
    { eventName: o.env.GITHUB_EVENT_NAME ?? '', repository: o.env.GITHUB_REPOSITORY ?? '', payload, apiUrl: o.env.GITHUB_API_URL },
    o.githubToken,
    { fetch: o.fetch, log: { info: core.info, warning: core.warning } },
    o.imageName
  );
}
