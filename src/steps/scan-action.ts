/**
 * The `scan` sub-action: scan an image that already exists (a registry reference, pulled into a
 * temporary OCI layout, or a local OCI layout / archive), apply the policy, publish scan-result,
 * sarif-file, summary and verdict, update the PR comment, and fail the step when blocked.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '../adapters/github/runner.js';
import { DEFAULT_IGNORE_FILE, readScanActionInputs, type ScanActionInputs } from '../adapters/github/inputs-scan.js';
import { RegistryClient } from '../adapters/registry/client.js';
import { findStoredLogins } from '../adapters/registry/credential-sources.js';
import { resolveLogins } from '../core/build/credentials.js';
import { detectKind, githubHostOf } from '../core/targets.js';
import { parseImageReference, pullToLayout } from '../adapters/scan/pull-layout.js';
import type { ProcessRunner } from '../adapters/scan/run-scanner.js';
import { InputError } from '../core/errors.js';
import { parseIgnoreFile, type IgnoreEntry } from '../core/scan/ignore-file.js';
import { verdictMessage } from '../core/scan/result.js';
import { externalScannerFactory, scanGate, type ScanGateResult } from './scan.js';
import { publishScan } from './scan-publish.js';

type Env = Record<string, string | undefined>;

export interface ScanActionDeps {
  env: Env;
  fetch: typeof fetch;
  now: () => Date;
  /** the scanner process seam; default spawnProcess */
  run?: ProcessRunner;
  arch?: string;
}

const log = { info: core.info, warning: core.warning };
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

/** The ignore file: an explicit path must exist; the default `.trivyignore` may be absent. */
export async function readIgnores(inputs: Pick<ScanActionInputs, 'ignoreFile' | 'ignoreFileExplicit'>, workspace: string): Promise<IgnoreEntry[]> {
  const path = inputs.ignoreFile.startsWith('/') ? inputs.ignoreFile : join(workspace, inputs.ignoreFile);
  if (!existsSync(path)) {
    if (inputs.ignoreFileExplicit) throw new InputError('scan-ignore-file', inputs.ignoreFile, `no such file (looked at ${path})`);
    return [];
  }
  core.info(`ignore file: ${inputs.ignoreFile}${inputs.ignoreFileExplicit ? '' : ` (the default ${DEFAULT_IGNORE_FILE})`}`);
  return parseIgnoreFile(await readFile(path, 'utf8'), inputs.ignoreFile);
}

/**
 * Credentials for the pull, in the build's order: `username`/`password`, a login the runner
 * already has (docker config, credential helper, containers auth.json), `github-token` on GHCR.
 */
async function pullCredentials(registry: string, inputs: ScanActionInputs, env: Env): Promise<{ username: string; password: string } | undefined> {
  if (inputs.username || inputs.password) return { username: inputs.username, password: inputs.password };
  const target = { registry, kind: detectKind(registry, 'auto', githubHostOf(env.GITHUB_SERVER_URL)) };
  const given = { registryAuth: [], username: '', password: '', githubToken: inputs.githubToken };
  const stored = await findStoredLogins([registry], { env, home: env.HOME || homedir(), uid: process.getuid?.() ?? 0 }, { mask: core.setSecret, warn: core.warning, debug: core.debug });
  const [login] = resolveLogins([target], given, env.GITHUB_ACTOR ?? '', stored);
  if (login) core.info(`${registry}: credentials from ${login.source}`);
  return login ? { username: login.username, password: login.password } : undefined;
}

async function localOrPulled(inputs: ScanActionInputs, env: Env, tempDir: string, fetchFn: typeof fetch): Promise<{ layout: string; existing: boolean; name: string }> {
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const local = [inputs.image, join(workspace, inputs.image)].find((p) => existsSync(p));
  if (local) return { layout: local, existing: false, name: inputs.image };
  const ref = parseImageReference(inputs.image);
  const credentials = await pullCredentials(ref.registry, inputs, env);
  const client = new RegistryClient({ registry: ref.registry, insecureHttp: LOOPBACK.test(ref.registry), credentials, fetch: fetchFn, log: core.debug });
  const dir = await mkdtemp(join(tempDir, 'aim-build-pull-'));
  const pulled = await pullToLayout(client, ref.repository, ref.ref, dir, inputs.platforms);
  core.info(`pulled ${inputs.image} (${pulled.digest}): ${pulled.platforms.join(', ') || 'one image'}`);
  return { layout: dir, existing: true, name: inputs.image };
}

export async function scanActionStep(deps: ScanActionDeps): Promise<ScanGateResult> {
  const inputs = readScanActionInputs();
  const tempDir = deps.env.RUNNER_TEMP || tmpdir();
  const image = await localOrPulled(inputs, deps.env, tempDir, deps.fetch);
  const ignores = await readIgnores(inputs, deps.env.GITHUB_WORKSPACE || process.cwd());
  const gate = await scanGate(
    { layout: image.layout, platforms: inputs.platforms },
    {
      scanner: inputs.scanner,
      policy: { severities: inputs.severities, ignoreUnfixed: inputs.ignoreUnfixed, mode: inputs.mode, ignores },
      sarifPath: inputs.sarifFile || undefined,
      toolVersion: deps.env.GITHUB_ACTION_REF || 'dev',
      category: `aim-build/image-scan/${image.name.replace(/[^A-Za-z0-9._/-]+/g, '-')}`,
      heading: `Image scan (${inputs.scanner}): ${image.name}`,
      blockedText: image.existing ? '❌ blocked — do not promote or deploy this image' : undefined
    },
    {
      now: deps.now,
      tempDir,
      log,
      openScanner: externalScannerFactory({
        env: deps.env,
        fetch: deps.fetch,
        tempDir,
        now: deps.now,
        log,
        run: deps.run,
        override: { version: inputs.scannerVersion, checksums: inputs.scannerChecksums, mirror: inputs.scannerMirror },
        arch: deps.arch ?? process.arch
      })
    }
  );
  core.setOutput('summary', gate.summaryMarkdown);
  await publishScan(gate, { verdictOutput: 'verdict', prComment: inputs.prComment, githubToken: inputs.githubToken, imageName: image.name, env: deps.env, fetch: deps.fetch });
  const message = verdictMessage(gate.verdict, image.existing ? 'blocked: do not promote or deploy this image' : undefined);
  if (gate.verdict.blocked) throw new Error(message);
  if (!gate.verdict.pass) core.warning(message);
  return gate;
}
