/**
 * The only place that reads the scan inputs (runner.getInput). Everything after this takes
 * ScanInputs. The names are exported so a test keeps scan/action.yml (and, once the lead wires the
 * gate into it, action.yml) in step with what is read here.
 */
import * as core from './runner.js';
import { InputError } from '../../core/errors.js';
import { parsePolicyMode, parseSeverityList, type PolicyMode } from '../../core/scan/policy.js';
import type { Severity } from '../../core/scan/findings.js';
import { checkMirrorHasNoCredentials, SCANNER_CHOICES, urlUserinfo, type ScannerChoice } from '../../core/scan/scanners.js';
import { parsePlatforms } from '../../core/platform.js';

export interface ScanInputs {
  scanner: ScannerChoice;
  severities: Severity[];
  ignoreUnfixed: boolean;
  /** path of the ignore file; `ignoreFileExplicit` false means the default `.trivyignore`, which may be absent */
  ignoreFile: string;
  ignoreFileExplicit: boolean;
  mode: PolicyMode;
  /** another trivy/grype release than the pinned one (needs scannerChecksums) */
  scannerVersion: string;
  /** lines of that release's checksums file */
  scannerChecksums: string;
  /** base URL of a mirror holding the scanner archives (internal networks) */
  scannerMirror: string;
  /** where to write the SARIF file; empty: under RUNNER_TEMP */
  sarifFile: string;
}

export const DEFAULT_IGNORE_FILE = '.trivyignore';

/** `true`/`false` in the YAML 1.2 core schema spellings, like @actions/core getBooleanInput. */
export function getBoolean(name: string, fallback: boolean): boolean {
  const value = core.getInput(name);
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(name, value, 'expected true or false');
}

export function readScanInputs(): ScanInputs {
  const scanner = (core.getInput('scan') || 'trivy').toLowerCase();
  if (!(SCANNER_CHOICES as readonly string[]).includes(scanner)) {
    throw new InputError('scan', scanner, `expected one of ${SCANNER_CHOICES.join(', ')} (builtin: our secret scanner, no download; none: no scan)`);
  }
  const severities = parseSeverityList(core.getInput('scan-severity') || 'CRITICAL,HIGH', 'scan-severity');
  if (severities.length === 0) throw new InputError('scan-severity', '', 'name at least one severity, e.g. CRITICAL,HIGH');
  const ignoreFile = core.getInput('scan-ignore-file');
  return {
    scanner: scanner as ScannerChoice,
    severities,
    ignoreUnfixed: getBoolean('scan-ignore-unfixed', true),
    ignoreFile: ignoreFile || DEFAULT_IGNORE_FILE,
    ignoreFileExplicit: ignoreFile !== '',
    mode: parsePolicyMode(core.getInput('scan-mode') || 'block', 'scan-mode'),
    scannerVersion: core.getInput('scanner-version'),
    scannerChecksums: core.getInput('scanner-checksums'),
    scannerMirror: scannerMirror(),
    sarifFile: core.getInput('sarif-file')
  };
}

/** Names of the scan inputs read above (shared by action.yml and scan/action.yml). */
/** `scanner-mirror`, refused (and its credentials masked) when it carries `user:password@`. */
function scannerMirror(): string {
  const value = core.getInput('scanner-mirror');
  const userinfo = urlUserinfo(value);
  if (userinfo) {
    core.setSecret(userinfo);
    const password = userinfo.slice(userinfo.indexOf(':') + 1);
    if (password && password !== userinfo) core.setSecret(password);
  }
  checkMirrorHasNoCredentials(value);
  return value;
}

export const SCAN_INPUT_NAMES = ['scan', 'scan-severity', 'scan-ignore-unfixed', 'scan-ignore-file', 'scan-mode', 'scanner-version', 'scanner-checksums', 'scanner-mirror', 'sarif-file', 'pr-comment'];

export interface ScanActionInputs extends ScanInputs {
  /** an image reference (`ghcr.io/acme/app:1.2.3`, `…@sha256:…`) or a local OCI layout / archive path */
  image: string;
  /** platforms to scan; empty: every platform of the image */
  platforms: string[];
  username: string;
  password: string;
  githubToken: string;
  prComment: boolean;
}

/** The `scan` sub-action's inputs. The password is masked before anything else can print it. */
export function readScanActionInputs(): ScanActionInputs {
  const password = core.getInput('password');
  if (password) core.setSecret(password);
  const githubToken = core.getInput('github-token');
  if (githubToken) core.setSecret(githubToken);
  const image = core.getInput('image');
  if (!image) throw new InputError('image', '', 'give an image reference (ghcr.io/acme/app:1.2.3) or the path of an OCI layout');
  const platformsInput = core.getInput('platforms');
  const platforms = platformsInput.trim() === '' ? [] : parsePlatforms(platformsInput);
  return { ...readScanInputs(), image, platforms, username: core.getInput('username'), password, githubToken, prComment: getBoolean('pr-comment', true) };
}

export const SCAN_ACTION_INPUT_NAMES = [...SCAN_INPUT_NAMES, 'image', 'platforms', 'username', 'password', 'github-token'];
