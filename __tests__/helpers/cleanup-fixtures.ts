/**
 * PR-cleanup fixtures: multi-arch images pushed to a REAL registry through the registry client
 * (blobs + manifests + index, the shape buildx pushes, attestation manifest included), and the
 * cleanup step run with runner files (INPUT_*, GITHUB_OUTPUT, step summary) like on a runner.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MediaTypes, sha256, type RegistryClient } from '../../src/adapters/registry/client.js';
import { useRunnerIO } from '../../src/adapters/github/runner.js';
import { cleanupStep } from '../../src/steps/cleanup.js';
import type { CleanupReport } from '../../src/core/cleanup-report.js';
import { examplePayload, SHA } from './events.js';
import { parseOutputFile } from './runner-files.js';

export interface PlatformImage {
  /** os/arch, or 'attestation' for a buildx attestation manifest */
  platform: string;
  /** identical content → identical digest: how a PR build shares a child with main */
  content: string;
}

/** One image manifest (config + one layer) pushed by digest; returns its digest and size. */
export async function pushImage(c: RegistryClient, repo: string, img: PlatformImage): Promise<{ digest: string; size: number }> {
  const [os, architecture] = img.platform === 'attestation' ? ['unknown', 'unknown'] : img.platform.split('/');
  const cfg = await c.uploadBlob(repo, Buffer.from(JSON.stringify({ architecture, os, config: { Labels: { content: img.content } }, rootfs: { type: 'layers', diff_ids: [] } })));
  const layer = await c.uploadBlob(repo, Buffer.from(`layer ${img.content}`));
  const body = JSON.stringify({
    schemaVersion: 2,
    mediaType: MediaTypes.ociManifest,
    config: { mediaType: MediaTypes.ociConfig, digest: cfg.digest, size: cfg.size },
    layers: [{ mediaType: MediaTypes.ociLayerGzip, digest: layer.digest, size: layer.size }]
  });
  const digest = await c.putManifest(repo, sha256(Buffer.from(body)), body, MediaTypes.ociManifest);
  return { digest, size: Buffer.byteLength(body) };
}

/** An OCI index over `platforms`, tagged `tag`; returns the index digest and the child digests in order. */
export async function pushIndex(c: RegistryClient, repo: string, tag: string, platforms: PlatformImage[]): Promise<{ digest: string; children: string[] }> {
  const manifests = [];
  const children: string[] = [];
  for (const p of platforms) {
    const m = await pushImage(c, repo, p);
    children.push(m.digest);
    const [os, architecture] = p.platform === 'attestation' ? ['unknown', 'unknown'] : p.platform.split('/');
    manifests.push({
      mediaType: MediaTypes.ociManifest,
      digest: m.digest,
      size: m.size,
      platform: { os, architecture },
      ...(p.platform === 'attestation' ? { annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': children[0] } } : {})
    });
  }
  const digest = await c.putManifest(repo, tag, JSON.stringify({ schemaVersion: 2, mediaType: MediaTypes.ociIndex, manifests }), MediaTypes.ociIndex);
  return { digest, children };
}

/** A real `pull_request` closed payload (webhooks examples) for PR `pr`. */
export function closedPayload(pr: number): object {
  const payload = examplePayload('pull_request', (e) => e.action === 'closed');
  payload.number = pr;
  payload.pull_request = { ...payload.pull_request, number: pr };
  return payload;
}

export interface StepRun {
  report?: CleanupReport;
  error?: Error;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
  ms: number;
}

/** Runs the cleanup step in-process with runner files, as `node dist/cleanup/index.js` would. */
export async function runCleanupStep(inputs: Record<string, string>, fetchFn: typeof fetch, pr = 7, extraEnv: Record<string, string> = {}): Promise<StepRun> {
  const dir = mkdtempSync(join(tmpdir(), 'aim-cleanup-'));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary.md'), event: join(dir, 'event.json') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  writeFileSync(files.event, JSON.stringify(closedPayload(pr)));
  const env: Record<string, string> = {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REF: `refs/pull/${pr}/merge`,
    GITHUB_SHA: SHA,
    GITHUB_REPOSITORY: 'Acme/backend',
    GITHUB_ACTOR: 'octocat',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...extraEnv
  };
  let stdout = '';
  useRunnerIO(env, (t) => void (stdout += t));
  const started = Date.now();
  const run: StepRun = { stdout: '', outputs: {}, summary: '', ms: 0 };
  try {
    run.report = await cleanupStep({ env, fetch: fetchFn, now: () => new Date('2026-11-22T08:30:00Z'), concurrency: 4 });
  } catch (e) {
    run.error = e as Error;
  } finally {
    useRunnerIO(process.env, (t) => void process.stdout.write(t));
  }
  const result = { ...run, stdout, outputs: parseOutputFile(readFileSync(files.output, 'utf8')), summary: readFileSync(files.summary, 'utf8'), ms: Date.now() - started };
  rmSync(dir, { recursive: true, force: true });
  return result;
}
