/**
 * The full action's scan gate: every platform of the built image is scanned before anything is
 * pushed (so no tag can point at a failing image), and the result is published like the scan
 * sub-action's (outputs, summary, one PR comment per image).
 */
import { tmpdir } from 'node:os';
import * as core from '../adapters/github/runner.js';
import { getBoolean, readScanInputs } from '../adapters/github/inputs-scan.js';
import { DEFAULT_PLATFORMS, type Gate } from '../core/build/types.js';
import { parsePlatforms, platformSlug } from '../core/platform.js';
import type { TagPlan } from '../core/plan.js';
import { readIgnores } from './scan-action.js';
import { externalScannerFactory, scanBuildGate, scannerInstaller } from './scan.js';
import { errorMessage } from '../core/errors.js';
import { publishScan } from './scan-publish.js';

type Env = Record<string, string | undefined>;

export interface BuildGate {
  gate: Gate;
  /** makes the scanner ready (trivy/grype download and checksum, or the cache hit): run in the preflight, before the build */
  ready?: () => Promise<void>;
}

export async function buildGate(plan: TagPlan, env: Env = process.env, fetchFn: typeof fetch = fetch): Promise<BuildGate> {
  const inputs = readScanInputs();
  const prComment = getBoolean('pr-comment', true);
  const githubToken = core.getInput('github-token');
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const tempDir = env.RUNNER_TEMP || tmpdir();
  const imageName = plan.targets[0]?.image ?? env.GITHUB_REPOSITORY ?? 'image';
  // a push-by-digest build is one platform job of several: its SARIF needs its own category, or
  // each job's upload would replace the other's analysis (the file's automationDetails.id wins)
  const legs = getBoolean('push-by-digest', false) ? `/${parsePlatforms(core.getInput('platforms') || DEFAULT_PLATFORMS.join(',')).map(platformSlug).join('+')}` : '';
  const log = { info: core.info, warning: core.warning };
  const now = (): Date => new Date();
  const scannerDeps = { env, fetch: fetchFn, tempDir, now, log, override: { version: inputs.scannerVersion, checksums: inputs.scannerChecksums, mirror: inputs.scannerMirror }, arch: process.arch };
  const install = scannerInstaller(scannerDeps);
  const scanner = inputs.scanner;
  const gate = scanBuildGate(
    {
      scanner: inputs.scanner,
      policy: { severities: inputs.severities, ignoreUnfixed: inputs.ignoreUnfixed, mode: inputs.mode, ignores: await readIgnores(inputs, workspace) },
      sarifPath: inputs.sarifFile || undefined,
      toolVersion: env.GITHUB_ACTION_REF || 'dev',
      category: `aim-build/image-scan/${imageName.replace(/[^A-Za-z0-9._/-]+/g, '-')}${legs}`,
      heading: `Image scan (${inputs.scanner}): ${imageName}`
    },
    {
      now,
      tempDir,
      log,
      openScanner: externalScannerFactory(scannerDeps, install)
    },
    (result) => publishScan(result, { verdictOutput: 'scan-verdict', prComment, githubToken, imageName, env, fetch: fetchFn })
  );
  const ready =
    scanner === 'trivy' || scanner === 'grype'
      ? async (): Promise<void> => {
          const started = Date.now();
          try {
            const s = await install(scanner);
            core.info(`scanner preflight: ${s.tool} ${s.version} ready (${s.fromCache ? 'tool cache hit' : 'downloaded, checksum verified'}) in ${Date.now() - started} ms`);
          } catch (e) {
            throw new Error(`scanner preflight: ${scanner} could not be made ready, so nothing was built or pushed: ${errorMessage(e)}`, { cause: e });
          }
        }
      : undefined;
  return { gate: (image) => gate(image), ready };
}
