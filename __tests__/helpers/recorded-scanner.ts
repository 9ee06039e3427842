/**
 * A RECORDED REPORT STANDING IN FOR THE SCANNER PROCESS. trivy and grype are not installed or run
 * in these tests: this ProcessRunner receives the exact argv and environment aim-build would give
 * the real binary, records them, reads the platform of the one-platform OCI layout it was pointed
 * at, and writes a recorded upstream report (__tests__/fixtures/recorded/scanners, origin in its README) to the
 * report path from the argv. Everything around the process (install, DB cache, per-platform
 * layouts, env scrubbing, parsing, policy, SARIF, tagging) is the real code.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordedPath } from './recorded.js';
import type { ProcessRequest, ProcessResult, ProcessRunner } from '../../src/adapters/scan/run-scanner.js';

export const FIXTURES = recordedPath('scanners');

export interface RecordedScannerProcess extends ProcessRunner {
  calls: ProcessRequest[];
  /** queued failures: the next call(s) exit with this code and stderr instead of writing a report */
  failNext(result: { code: number; stderr: string }): void;
}

/** Where the argv tells the scanner to read the image and write the report. */
export function argvPaths(args: string[]): { input: string; output: string } {
  const after = (flag: string): string => args[args.indexOf(flag) + 1];
  if (args[0] === 'image') return { input: after('--input'), output: after('--output') };
  return { input: args[0].replace(/^[a-z-]+:/, ''), output: after('--file') };
}

function platformOf(layoutDir: string): string {
  const index = JSON.parse(readFileSync(join(layoutDir, 'index.json'), 'utf8')) as { manifests: Array<{ platform?: { os: string; architecture: string; variant?: string } }> };
  const p = index.manifests[0]?.platform;
  return p ? [p.os, p.architecture, p.variant].filter(Boolean).join('/') : '';
}

/**
 * @param reportFor platform (`linux/arm64/v8`) → recorded report path relative to FIXTURES (e.g. `trivy/fluentd-gems.json`)
 */
export function recordedReportStandIn(reportFor: (platform: string) => string): RecordedScannerProcess {
  const calls: ProcessRequest[] = [];
  const failures: Array<{ code: number; stderr: string }> = [];
  const run = async (request: ProcessRequest): Promise<ProcessResult> => {
    calls.push(request);
    const failure = failures.shift();
    if (failure) return { code: failure.code, stdout: '', stderr: failure.stderr };
    const { input, output } = argvPaths(request.args);
    copyFileSync(join(FIXTURES, reportFor(platformOf(input))), output);
    return { code: 0, stdout: '', stderr: 'recorded report standing in for the scanner process\n' };
  };
  return Object.assign(run, { calls, failNext: (r: { code: number; stderr: string }) => void failures.push(r) });
}
