/**
 * The scan gate: every platform image of a local OCI layout is scanned and judged BEFORE any tag
 * is written. `gateThenTag` is the property in one function: `tag` runs only when the verdict
 * does not block, whatever builder produced the layout.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Finding } from '../core/scan/findings.js';
import { type ScanPolicy, type Verdict, evaluate } from '../core/scan/policy.js';
import { scanVerdictAnnotations } from '../core/scan/record.js';
import { countedFindings, scanResultJson, verdictMessage, type ScanResultJson } from '../core/scan/result.js';
import { writeSarif } from '../core/scan/sarif.js';
import { type ExternalScanner, type ReleaseOverride, type ScannerChoice, resolveRelease, runnerArch } from '../core/scan/scanners.js';
import { SCAN_MARKER, renderScanSummary } from '../core/scan/summary.js';
import { scanImageLayout } from '../adapters/scan/builtin.js';
import { loadDbCache } from '../adapters/scan/db-cache.js';
import { installScanner, loadToolCache, type InstalledScanner } from '../adapters/scan/install.js';
import { prepareImage } from '../adapters/scan/platform-layout.js';
import { type ExternalScannerSession, type Logger, type ProcessRunner, openExternalScanner, spawnProcess } from '../adapters/scan/run-scanner.js';

export interface GateImage {
  /** OCI image layout directory (or an oci-archive / docker-archive) */
  layout: string;
  /** platforms to scan, e.g. ['linux/amd64', 'linux/arm64']; empty: every platform in the layout */
  platforms: string[];
}

export interface ScanGateOptions {
  scanner: ScannerChoice;
  policy: ScanPolicy;
  /** where the SARIF goes; default `<tempDir>/aim-build-scan.sarif` */
  sarifPath?: string;
  /** `tool.driver.version` of the SARIF */
  toolVersion?: string;
  /** SARIF `automationDetails.id`, one per image so uploads do not replace each other */
  category?: string;
  /** summary heading, e.g. `Image scan: ghcr.io/acme/app` */
  heading?: string;
  /** summary verdict text when blocked (default: no tag was written) */
  blockedText?: string;
}

export interface ScanGateDeps {
  /** the clock the policy judges ignore-entry expiry with */
  now: () => Date;
  /** RUNNER_TEMP */
  tempDir: string;
  log: Logger;
  /** trivy / grype: install + DB + scrubbed runs (see externalScannerFactory) */
  openScanner?: (tool: ExternalScanner) => Promise<ExternalScannerSession>;
}

export interface ScanGateResult {
  verdict: Verdict;
  /** '' with `scan: none` */
  sarifPath: string;
  result: ScanResultJson;
  /** the `scan-result` output */
  resultJson: string;
  /** job summary / PR comment markdown (starts with SCAN_MARKER) */
  summaryMarkdown: string;
  /** what each platform's scanner reported, before the policy */
  findings: Record<string, Finding[]>;
}

export async function scanGate(image: GateImage, options: ScanGateOptions, deps: ScanGateDeps): Promise<ScanGateResult> {
  if (options.scanner === 'none') return skippedGate(options, deps);
  const findings: Record<string, Finding[]> = {};
  let scannerVersion = 'builtin';
  if (options.scanner === 'builtin') {
    const platforms = image.platforms.length > 0 ? image.platforms : (await prepareImage(image.layout, deps.tempDir)).platforms;
    for (const platform of platforms) {
      const started = Date.now();
      const r = await scanImageLayout(image.layout, platform);
      deps.log.info(`[${platform}] builtin: ${r.layers} layers, ${r.filesScanned} text files (${(r.bytesScanned / 1e6).toFixed(1)} MB) read, ${r.findings.length} findings, ${Date.now() - started} ms`);
      findings[platform] = r.findings;
    }
  } else {
    if (!deps.openScanner) throw new Error(`scan: ${options.scanner} needs a scanner factory (externalScannerFactory)`);
    const prepared = await prepareImage(image.layout, deps.tempDir);
    const session = await deps.openScanner(options.scanner);
    scannerVersion = session.version;
    try {
      for (const platform of image.platforms.length > 0 ? image.platforms : prepared.platforms) {
        findings[platform] = (await session.scan(prepared, platform)).findings;
      }
    } finally {
      await session.close();
    }
  }
  const verdict = evaluate(findings, options.policy, deps.now());
  const sarifPath = options.sarifPath || join(deps.tempDir, 'aim-build-scan.sarif');
  const sarif = writeSarif(countedFindings(findings, verdict), {
    toolVersion: options.toolVersion ?? 'dev',
    category: options.category ?? 'aim-build/image-scan/'
  });
  await mkdir(dirname(sarifPath), { recursive: true });
  await writeFile(sarifPath, JSON.stringify(sarif, null, 2));
  const result = scanResultJson(verdict, { scanner: options.scanner, scannerVersion, sarifFile: sarifPath });
  const heading = options.heading ?? `Image scan (${options.scanner}${scannerVersion !== 'builtin' ? ` ${scannerVersion}` : ''})`;
  return { verdict, sarifPath, result, resultJson: JSON.stringify(result), summaryMarkdown: renderScanSummary(verdict, { heading, blockedText: options.blockedText }), findings };
}

function skippedGate(options: ScanGateOptions, deps: ScanGateDeps): ScanGateResult {
  const verdict = evaluate({}, options.policy, deps.now());
  const result = scanResultJson(verdict, { scanner: 'none', scannerVersion: '', sarifFile: '' });
  const summaryMarkdown = `${SCAN_MARKER}\n### ${options.heading ?? 'Image scan'}: skipped (\`scan: none\`)\n`;
  return { verdict, sarifPath: '', result, resultJson: JSON.stringify(result), summaryMarkdown, findings: {} };
}

export interface GateThenTagResult {
  gate: ScanGateResult;
  /** false when the verdict blocked: `tag` was never called */
  tagged: boolean;
}

/**
 * Scan every platform, then tag only if the gate lets it through. In `warn` mode a failing
 * verdict is reported and the tags are still written (the summary says so).
 */
export async function gateThenTag<T>(
  image: GateImage,
  targets: readonly T[],
  tag: (targets: readonly T[]) => Promise<void>,
  options: ScanGateOptions,
  deps: ScanGateDeps
): Promise<GateThenTagResult> {
  const gate = await scanGate(image, options, deps);
  if (gate.verdict.blocked) {
    deps.log.warning(`scan gate blocked: ${gate.verdict.blocking.length} blocking finding(s); no tag was written to ${targets.length} target(s)`);
    return { gate, tagged: false };
  }
  await tag(targets);
  return { gate, tagged: true };
}

/**
 * The build pipeline's gate seam (core/build/types.ts `Gate`, matched structurally): scan the
 * built layout, hand the full result to `publish` (outputs, job summary, PR comment), and answer
 * pass/blocked. `warn` mode passes with the message as the note.
 */
export function scanBuildGate(
  options: ScanGateOptions,
  deps: ScanGateDeps,
  publish: (result: ScanGateResult) => Promise<void> | void
): (image: GateImage) => Promise<{ pass: boolean; reason?: string; annotations?: Record<string, string> }> {
  return async (image) => {
    const gate = await scanGate({ layout: image.layout, platforms: image.platforms }, options, deps);
    await publish(gate);
    if (gate.verdict.blocked) return { pass: false, reason: verdictMessage(gate.verdict) };
    const annotations = scanVerdictAnnotations(gate.result.verdict, gate.result.scanner);
    return { pass: true, reason: gate.verdict.pass ? `scan gate passed (${options.scanner})` : verdictMessage(gate.verdict), annotations };
  };
}

export interface ScannerFactoryDeps {
  env: Record<string, string | undefined>;
  fetch: typeof fetch;
  tempDir: string;
  now: () => Date;
  log: Logger;
  /** the process seam; default spawnProcess */
  run?: ProcessRunner;
  /** scanner-version / scanner-checksums */
  override?: ReleaseOverride;
  /** process.arch */
  arch: string;
}

/**
 * trivy/grype made ready once per tool (download + checksum, or the tool cache hit), memoized: the
 * build's preflight calls it before the build, the gate's session reuses the same promise.
 */
export function scannerInstaller(deps: ScannerFactoryDeps): (tool: ExternalScanner) => Promise<InstalledScanner> {
  const installs = new Map<ExternalScanner, Promise<InstalledScanner>>();
  return (tool) => {
    let install = installs.get(tool);
    if (!install) {
      install = (async () => {
        const arch = runnerArch(deps.arch);
        if (!arch) throw new Error(`scan: ${tool} is installed for Linux x64 and arm64 runners only (this one is ${deps.arch}); use scan: builtin`);
        const release = resolveRelease(tool, deps.override);
        const logInfo = (m: string): void => deps.log.info(m);
        return installScanner(release, { fetch: deps.fetch, toolCache: await loadToolCache(deps.env, logInfo), arch, tempDir: deps.tempDir, log: logInfo });
      })();
      installs.set(tool, install);
    }
    return install;
  };
}

/** trivy/grype sessions wired to the real download, tool cache, Actions cache and process runner. */
export function externalScannerFactory(deps: ScannerFactoryDeps, install = scannerInstaller(deps)): (tool: ExternalScanner) => Promise<ExternalScannerSession> {
  return async (tool) =>
    openExternalScanner(tool, {
      install: () => install(tool),
      dbCache: await loadDbCache(deps.env),
      run: deps.run ?? spawnProcess,
      env: deps.env,
      tempDir: deps.tempDir,
      now: deps.now,
      log: deps.log
    });
}
