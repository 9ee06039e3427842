/**
 * The reusable workflow's one summary / PR comment, from a real plan (`planJson` of a real event)
 * and `scan-result` documents as the scan gate writes them.
 */
import { describe, expect, it } from '@jest/globals';
import { planJson } from '../../src/core/outputs.js';
import { outcome, parseReportPlan, parseScanResult, workflowMarkdown, type WorkflowReport } from '../../src/core/workflow-summary.js';
import type { ScanResultJson } from '../../src/core/scan/result.js';
import { smallTagPlan } from '../helpers/build.js';

const DIGEST = `sha256:${'d'.repeat(64)}`;
const zero = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 };
const scan = (platform: string, over: Partial<ScanResultJson> = {}): ScanResultJson => ({
  verdict: 'pass',
  pass: true,
  blocked: false,
  mode: 'block',
  scanner: 'trivy',
  scannerVersion: '0.72.0',
  counts: { [platform]: { ...zero, MEDIUM: 2 } },
  blocking: [],
  ignored: 0,
  expiredIgnores: [],
  sarifFile: '/tmp/x.sarif',
  ...over
});

function report(over: Partial<WorkflowReport> = {}, images = ['ghcr.io/acme/app', 'registry.cn-hangzhou.aliyuncs.com/acme']): WorkflowReport {
  const { plan, event } = parseReportPlan(JSON.stringify(planJson(smallTagPlan(images, { event: 'pull_request', pr: 12 }, { component: 'backend' }))));
  return { plan, event, push: true, digest: DIGEST, build: 'success', merge: 'success', scans: [scan('linux/amd64'), scan('linux/arm64')], ...over };
}

describe('workflow summary', () => {
  it.each([
    ['pushed', {}, 'pushed', '### aim-build: `pr-12` ✅ pushed and tagged'],
    ['a fork pull request (push false): built and scanned', { push: false, digest: '', merge: 'skipped' }, 'built', '### aim-build: `pr-12` 🔨 built and scanned, not pushed'],
    ['a failed build job', { build: 'failure', merge: 'skipped', digest: '' }, 'failed', '### aim-build: `pr-12` ❌ a build job did not succeed; nothing was tagged'],
    ['a failed merge', { merge: 'failure', digest: '' }, 'failed', '### aim-build: `pr-12` ❌ not tagged: the merge job did not succeed; nothing was tagged']
  ] as const)('%s', (_why, over, expected, headline) => {
    const r = report(over);
    expect(outcome(r)).toBe(expected);
    expect(workflowMarkdown(r).split('\n')[0]).toBe(headline);
  });

  it('pushed: every reference, the index digest and a pull-by-digest line; the event; one row per platform scan', () => {
    const md = workflowMarkdown(report());
    expect(md).toContain('Event `pull_request` on `refs/pull/12/merge` (860c190).');
    expect(md).toContain(`**Images** — one index, digest \`${DIGEST}\``);
    expect(md).toContain('| `ghcr.io/acme/app:pr-12` |');
    expect(md).toContain('| `registry.cn-hangzhou.aliyuncs.com/acme/ai-infra-matrix:backend-pr-12` |');
    expect(md).toContain(`Pull by digest: \`ghcr.io/acme/app@${DIGEST}\``);
    expect(md).toContain('| merge (one index, then the tags) | ✅ success |');
    expect(md).toContain('**Scan** (trivy 0.72.0)');
    expect(md).toContain('| linux/amd64 | 0 | 0 | 2 | 0 | ✅ pass |');
    expect(md).toContain('| linux/arm64 | 0 | 0 | 2 | 0 | ✅ pass |');
  });

  it('not pushed: the planned references, said to be unwritten, and why the merge was skipped', () => {
    const md = workflowMarkdown(report({ push: false, digest: '', merge: 'skipped' }));
    expect(md).toContain('**Planned references** (not written: the push decision was false for this event (a pull request from a fork, or `push: false`');
    expect(md).toContain('| merge (one index, then the tags) | ⏭️ skipped (not pushing) |');
    expect(md).not.toContain('Pull by digest');
  });

  it('a blocked platform: its verdict and the blocking findings, escaped', () => {
    const blocked = scan('linux/arm64', {
      verdict: 'blocked',
      pass: false,
      blocked: true,
      counts: { 'linux/arm64': { ...zero, CRITICAL: 1 } },
      blocking: [{ platform: 'linux/arm64', id: 'CVE-2026-1', severity: 'CRITICAL', kind: 'vulnerability', package: 'libx|<y>', installedVersion: '1', fixedVersion: '1.1', title: 't' }]
    });
    const md = workflowMarkdown(report({ build: 'failure', merge: 'skipped', digest: '', scans: [scan('linux/amd64'), blocked] }));
    expect(md).toContain('| linux/arm64 | 1 | 0 | 0 | 0 | ❌ blocked |');
    expect(md).toContain('**Blocking findings (1)**');
    expect(md).toContain('| linux/arm64 | libx\\|&lt;y&gt; | CVE-2026-1 | CRITICAL | 1.1 |');
  });

  it('no scan results and no images are said plainly', () => {
    const md = workflowMarkdown(report({ scans: [], push: false, merge: 'skipped', digest: '' }, []));
    expect(md).toContain('No images were given, so the image was built and scanned only.');
    expect(md).toContain('Scan: no per-platform result reached this job');
  });

  it('parseScanResult takes scan-result documents only', () => {
    expect(parseScanResult(JSON.stringify(scan('linux/amd64')))?.verdict).toBe('pass');
    expect(parseScanResult('{"verdict":1}')).toBeUndefined();
    expect(parseScanResult('nope')).toBeUndefined();
  });
});
