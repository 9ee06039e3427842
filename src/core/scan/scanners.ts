/**
 * The external scanners (trivy, grype) as data: pinned releases with their archive checksums, the
 * exact argv and tool variables we run them with, the DB cache keys, and what a failure means.
 * Pure: the adapters (src/adapters/scan/install.ts, run-scanner.ts) do the download and the run.
 *
 * Why pinned archives with a sha256 and not "latest" or a setup action: on 2026-03-19 attackers
 * force-pushed 75 of 76 aquasecurity/trivy-action tags and every setup-trivy tag to a credential
 * stealer (aquasecurity/trivy-action#541, GHSA-69fq-xp46-6x23). A moved tag or a swapped release
 * asset changes the bytes; the digest below does not move with it, so the install refuses.
 */
import { InputError } from '../errors.js';
import type { Severity } from './findings.js';

export type ExternalScanner = 'trivy' | 'grype';
export type ScannerChoice = ExternalScanner | 'builtin' | 'none';
export const SCANNER_CHOICES: readonly ScannerChoice[] = ['trivy', 'grype', 'builtin', 'none'];
/** Runner architectures we ship scanner archives for (GitHub-hosted and self-hosted Linux). */
export type RunnerArch = 'amd64' | 'arm64';

export interface ScannerAsset {
  /** release asset file name, e.g. `trivy_0.72.0_Linux-64bit.tar.gz` */
  file: string;
  url: string;
  /** lowercase hex sha256 of the archive */
  sha256: string;
}

export interface ScannerRelease {
  tool: ExternalScanner;
  /** without a leading `v` */
  version: string;
  /** the executable's name inside the archive */
  binary: string;
  assets: Record<RunnerArch, ScannerAsset>;
  /** the release's own checksums file, named in errors so users know where to compare */
  checksumsUrl: string;
  /** where the pinned digests come from */
  provenance: string;
}

const REPOS: Record<ExternalScanner, string> = { trivy: 'aquasecurity/trivy', grype: 'anchore/grype' };

/** The asset naming scheme of each project's goreleaser config. */
export function assetName(tool: ExternalScanner, version: string, arch: RunnerArch): string {
  if (tool === 'trivy') return `trivy_${version}_Linux-${arch === 'amd64' ? '64bit' : 'ARM64'}.tar.gz`;
  return `grype_${version}_linux_${arch}.tar.gz`;
}

export function releaseUrl(tool: ExternalScanner, version: string, file: string): string {
  return `https://github.com/${REPOS[tool]}/releases/download/v${version}/${file}`;
}

export function checksumsFileName(tool: ExternalScanner, version: string): string {
  return `${tool}_${version}_checksums.txt`;
}

/**
 * THE ONE PLACE the pinned versions and digests live. The release pages cannot be reached from
 * the build machine, so these digests were not read from `trivy_0.72.0_checksums.txt` /
 * `grype_0.116.0_checksums.txt` directly: each was cross-checked against several independent
 * public pins of the same asset (Dockerfiles, CI workflows and install scripts that verify with
 * `sha256sum -c`, and a published copy of trivy's checksums file), all agreeing. When bumping a
 * version, take the values from the release's checksums file (`checksumsUrl`).
 */
const CROSS_CHECKED = 'cross-checked against independent public pins; compare with the release checksums file when bumping';

const PINNED_DIGESTS: Record<ExternalScanner, { version: string; sha256: Record<RunnerArch, string>; provenance: string }> = {
  trivy: {
    version: '0.72.0', // trivy-action v0.36.0's default, released after the 2026-03-19 tag hijack
    sha256: {
      amd64: 'bbb64b9695866ce4a7a8f5c9592002c5961cab378577fa3f8a040df362b9b2ea',
      arm64: '2ca2c023109c2db6b2b77366b6717291452d4531167377d95c79547f0c8e3467'
    },
    provenance: CROSS_CHECKED
  },
  grype: {
    version: '0.116.0', // the version our recorded grype fixtures are closest to
    sha256: {
      amd64: '40aff724297312f91ea390d003bed8d8651c74cc7f5b26732db80b3a408d2fc5',
      arm64: '7af3eed24f469b0cf3ab5ec4508d9c12f4bb9c2c6be714f32973c7b5d63cb6a5'
    },
    provenance: CROSS_CHECKED
  }
};

function release(tool: ExternalScanner, version: string, sha256: Record<RunnerArch, string>, provenance: string): ScannerRelease {
  const asset = (arch: RunnerArch): ScannerAsset => {
    const file = assetName(tool, version, arch);
    return { file, url: releaseUrl(tool, version, file), sha256: sha256[arch] };
  };
  return {
    tool,
    version,
    binary: tool,
    assets: { amd64: asset('amd64'), arm64: asset('arm64') },
    checksumsUrl: releaseUrl(tool, version, checksumsFileName(tool, version)),
    provenance
  };
}

export function pinnedRelease(tool: ExternalScanner): ScannerRelease {
  const p = PINNED_DIGESTS[tool];
  return release(tool, p.version, p.sha256, p.provenance);
}

const SHA256_HEX = /^[a-f0-9]{64}$/;

/** `sha256sum` / goreleaser checksums lines (`<hex>  <file>`, `<hex> *<file>`) → file → hex. Other lines are skipped. */
export function parseChecksums(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Fa-f0-9]{64})\s+\*?(\S+)\s*$/.exec(line);
    if (m) out.set(m[2], m[1].toLowerCase());
  }
  return out;
}

export interface ReleaseOverride {
  /** `scanner-version`: another release than the pinned one */
  version?: string;
  /** `scanner-checksums`: lines of that release's checksums file (at least the two Linux archives) */
  checksums?: string;
  /** `scanner-mirror`: a base URL holding the same archive files (internal networks); digests still pinned */
  mirror?: string;
}

/** `user:password@` (or `token@`) in a URL's authority, with or without a scheme. */
const USERINFO = /^((?:[a-z][a-z0-9+.-]*:)?\/\/)?([^/?#\s@]*)@/i;

/** The userinfo of a URL (`user:pass` of `https://user:pass@host/`), or '' — for masking. */
export function urlUserinfo(url: string): string {
  return USERINFO.exec(url.trim())?.[2] ?? '';
}

/** `https://user:pass@host/x` → `https://***@host/x`: the credentials never reach a message. */
export function redactUserinfo(url: string): string {
  return url.trim().replace(USERINFO, (_m, scheme: string | undefined) => `${scheme ?? ''}***@`);
}

/**
 * `scanner-mirror` must not carry credentials: fetch refuses such URLs anyway, and the URL is
 * printed in download messages. The pinned sha256 verifies every byte, so the archives can be
 * served without authentication on the internal network.
 * @throws InputError showing the URL with `***` in place of the credentials
 */
export function checkMirrorHasNoCredentials(mirror: string): void {
  if (!USERINFO.test(mirror.trim())) return;
  throw new InputError(
    'scanner-mirror',
    redactUserinfo(mirror),
    'a mirror URL cannot carry credentials (user:password@); serve the scanner archives to the runners without authentication (their pinned sha256 still verifies every byte) and remove the credentials from the URL'
  );
}

/**
 * The same release fetched from a mirror (`<mirror>/<archive file name>`): an internal HTTP server,
 * Nexus raw or Harbor, for runners that cannot reach github.com. The pinned sha256 still decides,
 * so a mirror can serve only the exact bytes of the release.
 */
export function withMirror(release: ScannerRelease, mirror: string | undefined): ScannerRelease {
  const base = (mirror ?? '').trim().replace(/\/+$/, '');
  if (base === '') return release;
  checkMirrorHasNoCredentials(mirror ?? '');
  if (!/^https?:\/\/[^\s/]+/.test(base)) throw new InputError('scanner-mirror', mirror ?? '', 'expected an http(s) URL such as https://nexus.internal/repository/scanners');
  const at = (a: ScannerAsset): ScannerAsset => ({ ...a, url: `${base}/${a.file}` });
  return { ...release, assets: { amd64: at(release.assets.amd64), arm64: at(release.assets.arm64) } };
}

/**
 * The release to install: the pinned one, or a user-chosen version whose digests the user supplies.
 * A version without digests is refused: an unverified download is exactly what the pin prevents.
 * @throws InputError naming `scanner-version` / `scanner-checksums` and the missing file names
 */
export function resolveRelease(tool: ExternalScanner, override: ReleaseOverride = {}): ScannerRelease {
  return withMirror(resolveVersion(tool, override), override.mirror);
}

function resolveVersion(tool: ExternalScanner, override: ReleaseOverride): ScannerRelease {
  const pinned = pinnedRelease(tool);
  const version = (override.version ?? '').trim().replace(/^v/, '');
  const sums = parseChecksums(override.checksums ?? '');
  if (version === '' || version === pinned.version) {
    if (sums.size === 0) return pinned;
  }
  const v = version || pinned.version;
  if (!/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(v)) throw new InputError('scanner-version', override.version ?? '', `expected a release version such as ${pinned.version}`);
  const files = { amd64: assetName(tool, v, 'amd64'), arm64: assetName(tool, v, 'arm64') };
  const missing = Object.values(files).filter((f) => !sums.has(f));
  if (missing.length > 0) {
    throw new InputError(
      'scanner-checksums',
      missing.join(', '),
      `${tool} ${v} is not the pinned ${pinned.version}, so its archive digests must be given: paste the lines for ${missing.join(' and ')} ` +
        `from ${releaseUrl(tool, v, checksumsFileName(tool, v))} into scanner-checksums`
    );
  }
  const digest = (arch: RunnerArch): string => {
    const hex = sums.get(files[arch]) as string;
    if (!SHA256_HEX.test(hex)) throw new InputError('scanner-checksums', hex, 'expected a 64-digit hex sha256');
    return hex;
  };
  return release(tool, v, { amd64: digest('amd64'), arm64: digest('arm64') }, 'scanner-checksums input');
}

/** Node's `process.arch` → our archive architecture, or undefined (no archive for it). */
export function runnerArch(nodeArch: string): RunnerArch | undefined {
  return nodeArch === 'x64' ? 'amd64' : nodeArch === 'arm64' ? 'arm64' : undefined;
}

// ---------------------------------------------------------------- argv

export interface TrivyArgsOptions {
  /** an OCI image layout directory (one platform), an oci-archive or a docker-archive tar */
  input: string;
  /** where trivy writes the JSON report */
  output: string;
  /** `--cache-dir`: the DB lives in `<cacheDir>/db` */
  cacheDir: string;
  /** the DB was restored from today's cache: do not contact the DB registry */
  skipDbUpdate: boolean;
  /**
   * Report filters. The gate passes none: trivy reports everything, and our policy (severity,
   * ignore-unfixed, the ignore file with pkg:/path: scopes and expiry) decides, so the counts per
   * severity stay complete and ignored findings are listed as ignored instead of vanishing.
   */
  severities?: readonly Severity[];
  ignoreUnfixed?: boolean;
  ignoreFile?: string;
  /** `--timeout` (trivy's default of 5m is short for big images on 2-core runners) */
  timeout?: string;
}

/**
 * `trivy image --input …`: vulnerabilities only (secrets are the builtin scanner's job, and trivy's
 * secret scanner reads every file: slow), no progress bar, no telemetry or version check (an
 * air-gapped runner must not wait on them).
 */
export function trivyArgs(o: TrivyArgsOptions): string[] {
  const args = ['image', '--input', o.input, '--format', 'json', '--output', o.output, '--scanners', 'vuln', '--cache-dir', o.cacheDir];
  args.push('--no-progress', '--disable-telemetry', '--skip-version-check', '--timeout', o.timeout ?? '15m');
  if (o.skipDbUpdate) args.push('--skip-db-update');
  if (o.severities && o.severities.length > 0) args.push('--severity', o.severities.join(','));
  if (o.ignoreUnfixed) args.push('--ignore-unfixed');
  if (o.ignoreFile) args.push('--ignorefile', o.ignoreFile);
  return args;
}

export type GrypeSourceKind = 'oci-dir' | 'oci-archive' | 'docker-archive';

export interface GrypeArgsOptions {
  source: { kind: GrypeSourceKind; path: string };
  output: string;
  /** `--only-fixed` (a filter: the gate leaves it off, see TrivyArgsOptions.severities) */
  onlyFixed?: boolean;
}

export function grypeArgs(o: GrypeArgsOptions): string[] {
  const args = [`${o.source.kind}:${o.source.path}`, '-o', 'json', '--file', o.output];
  if (o.onlyFixed) args.push('--only-fixed');
  return args;
}

/** grype takes its DB settings from the environment; these go into the scrubbed env. */
export function grypeEnv(o: { dbCacheDir: string; autoUpdate: boolean }): Record<string, string> {
  return {
    GRYPE_DB_CACHE_DIR: o.dbCacheDir,
    GRYPE_DB_AUTO_UPDATE: String(o.autoUpdate),
    GRYPE_CHECK_FOR_APP_UPDATE: 'false'
  };
}

// ---------------------------------------------------------------- DB cache

/** `aim-build-trivy-db-`: the restore prefix (yesterday's DB is better than none). */
export function dbCachePrefix(tool: ExternalScanner): string {
  return `aim-build-${tool}-db-`;
}

/** `aim-build-trivy-db-2026-11-22`: one entry per UTC day, like trivy-action's `cache-trivy-<date>`. */
export function dbCacheKey(tool: ExternalScanner, now: Date): string {
  return `${dbCachePrefix(tool)}${now.toISOString().slice(0, 10)}`;
}

// ---------------------------------------------------------------- failures

const DB_FAILURE: Record<ExternalScanner, RegExp> = {
  trivy: /(vulnerability DB|DB error|db download|download(ing)? (the )?(vulnerability )?(db|database)|TOOMANYREQUESTS|trivy-db|old schema version|--skip-db-update)/i,
  grype: /(vulnerability (db|database)|db (update|download|load)|unable to (update|load|download).{0,40}db|listing\.json|grype\.anchore\.io|database.{0,40}(built|age))/i
};

const DB_SOURCES: Record<ExternalScanner, string> = {
  trivy: 'its vulnerability DB (mirror.gcr.io/aquasec/trivy-db:2, ghcr.io/aquasecurity/trivy-db:2)',
  grype: 'its vulnerability DB (grype.anchore.io)'
};

const DB_FIX: Record<ExternalScanner, string> = {
  trivy:
    'Re-run the job later (the DB registry rate-limits all users together), let the runner reach the DB registry, or set TRIVY_DB_REPOSITORY to a mirror ' +
    '(public.ecr.aws/aquasecurity/trivy-db:2); `scan: builtin` needs no download',
  grype: 'Re-run the job later, let the runner reach grype.anchore.io, or set GRYPE_DB_UPDATE_URL to a mirror; `scan: builtin` needs no download'
};

export interface ScannerFailure {
  /** the scanner could not get its vulnerability DB */
  db: boolean;
  message: string;
}

/** What a non-zero exit means, as one message that names the tool, the cause and the fix. */
export function describeScannerFailure(tool: ExternalScanner, version: string, exitCode: number, stderr: string): ScannerFailure {
  const tail = stderr.trim().split(/\r?\n/).slice(-8).join('\n') || '(no output)';
  if (DB_FAILURE[tool].test(stderr)) {
    return {
      db: true,
      message: `${tool} ${version} could not fetch ${DB_SOURCES[tool]}, so the image was NOT scanned and no tag was written. ${DB_FIX[tool]}. ${tool} said (exit ${exitCode}):\n${tail}`
    };
  }
  return { db: false, message: `${tool} ${version} failed with exit code ${exitCode}; the image was NOT scanned and no tag was written. ${tool} said:\n${tail}` };
}
