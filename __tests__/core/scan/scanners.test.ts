/**
 * The scanner table, argv and environment as data. The trivy and grype binaries are NOT run
 * here: these tables are the exact argv the adapters pass to the process seam.
 */
import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../../src/core/errors.js';
import { SECRET_ENV_NAME, scannerEnvironment } from '../../../src/core/scan/scanner-env.js';
import {
  assetName,
  dbCacheKey,
  dbCachePrefix,
  describeScannerFailure,
  grypeArgs,
  grypeEnv,
  parseChecksums,
  pinnedRelease,
  resolveRelease,
  runnerArch,
  trivyArgs
} from '../../../src/core/scan/scanners.js';

describe('pinned releases', () => {
  it.each([
    ['trivy', '0.72.0', 'amd64', 'trivy_0.72.0_Linux-64bit.tar.gz', 'https://github.com/aquasecurity/trivy/releases/download/v0.72.0/trivy_0.72.0_Linux-64bit.tar.gz'],
    ['trivy', '0.72.0', 'arm64', 'trivy_0.72.0_Linux-ARM64.tar.gz', 'https://github.com/aquasecurity/trivy/releases/download/v0.72.0/trivy_0.72.0_Linux-ARM64.tar.gz'],
    ['grype', '0.116.0', 'amd64', 'grype_0.116.0_linux_amd64.tar.gz', 'https://github.com/anchore/grype/releases/download/v0.116.0/grype_0.116.0_linux_amd64.tar.gz'],
    ['grype', '0.116.0', 'arm64', 'grype_0.116.0_linux_arm64.tar.gz', 'https://github.com/anchore/grype/releases/download/v0.116.0/grype_0.116.0_linux_arm64.tar.gz']
  ] as const)('%s %s %s → %s', (tool, version, arch, file, url) => {
    const release = pinnedRelease(tool);
    expect(release.version).toBe(version);
    expect(release.assets[arch]).toMatchObject({ file, url });
    expect(release.assets[arch].sha256).toMatch(/^[a-f0-9]{64}$/);
    expect(release.checksumsUrl).toBe(url.replace(file, `${tool}_${version}_checksums.txt`));
    expect(release.provenance).toMatch(/^cross-checked against independent public pins/);
  });

  it('no two assets share a digest', () => {
    const digests = (['trivy', 'grype'] as const).flatMap((t) => Object.values(pinnedRelease(t).assets).map((a) => a.sha256));
    expect(new Set(digests).size).toBe(4);
  });

  it('asset names follow each project\'s goreleaser naming for any version', () => {
    expect(assetName('trivy', '0.73.1', 'arm64')).toBe('trivy_0.73.1_Linux-ARM64.tar.gz');
    expect(assetName('grype', '0.117.0', 'amd64')).toBe('grype_0.117.0_linux_amd64.tar.gz');
  });

  it('runner arch: x64 → amd64, arm64 → arm64, others have no archive', () => {
    expect([runnerArch('x64'), runnerArch('arm64'), runnerArch('arm'), runnerArch('s390x')]).toEqual(['amd64', 'arm64', undefined, undefined]);
  });
});

describe('scanner-version / scanner-checksums', () => {
  const sums = [
    `${'a'.repeat(64)}  trivy_0.73.1_Linux-64bit.tar.gz`,
    `${'B'.repeat(64)} *trivy_0.73.1_Linux-ARM64.tar.gz`,
    `${'c'.repeat(64)}  trivy_0.73.1_macOS-64bit.tar.gz`,
    'not a checksum line'
  ].join('\n');

  it('parses sha256sum/goreleaser lines, lowercases the hex', () => {
    expect(parseChecksums(sums).get('trivy_0.73.1_Linux-ARM64.tar.gz')).toBe('b'.repeat(64));
    expect(parseChecksums(sums).size).toBe(3);
  });

  it('no override → the pinned release', () => {
    expect(resolveRelease('trivy')).toEqual(pinnedRelease('trivy'));
    expect(resolveRelease('grype', { version: 'v0.116.0' })).toEqual(pinnedRelease('grype'));
  });

  it('another version with its checksums → that release, digests from the lines', () => {
    const r = resolveRelease('trivy', { version: 'v0.73.1', checksums: sums });
    expect(r.version).toBe('0.73.1');
    expect(r.assets.amd64).toEqual({ file: 'trivy_0.73.1_Linux-64bit.tar.gz', url: 'https://github.com/aquasecurity/trivy/releases/download/v0.73.1/trivy_0.73.1_Linux-64bit.tar.gz', sha256: 'a'.repeat(64) });
    expect(r.assets.arm64.sha256).toBe('b'.repeat(64));
    expect(r.provenance).toBe('scanner-checksums input');
  });

  it('another version without checksums is refused, naming the files and where to copy them from', () => {
    expect(() => resolveRelease('grype', { version: '0.117.0' })).toThrow(InputError);
    expect(() => resolveRelease('grype', { version: '0.117.0' })).toThrow(
      "Invalid scanner-checksums 'grype_0.117.0_linux_amd64.tar.gz, grype_0.117.0_linux_arm64.tar.gz': grype 0.117.0 is not the pinned 0.116.0, so its archive digests must be given: " +
        'paste the lines for grype_0.117.0_linux_amd64.tar.gz and grype_0.117.0_linux_arm64.tar.gz from https://github.com/anchore/grype/releases/download/v0.117.0/grype_0.117.0_checksums.txt into scanner-checksums'
    );
    expect(() => resolveRelease('trivy', { version: 'latest' })).toThrow("Invalid scanner-version 'latest': expected a release version such as 0.72.0");
  });
});

describe('trivyArgs (exact argv; trivy is not run here)', () => {
  const base = { input: '/t/image-1', output: '/t/report-1.json', cacheDir: '/t/trivy-db' };
  const common = ['image', '--input', '/t/image-1', '--format', 'json', '--output', '/t/report-1.json', '--scanners', 'vuln', '--cache-dir', '/t/trivy-db', '--no-progress', '--disable-telemetry', '--skip-version-check', '--timeout', '15m'];
  it.each([
    ['DB not cached: trivy downloads it', { ...base, skipDbUpdate: false }, common],
    ["today's DB restored: no DB download", { ...base, skipDbUpdate: true }, [...common, '--skip-db-update']],
    [
      'with report filters (the gate passes none: the policy decides)',
      { ...base, skipDbUpdate: true, severities: ['CRITICAL', 'HIGH'] as const, ignoreUnfixed: true, ignoreFile: '/w/.trivyignore', timeout: '30m' },
      [...common.slice(0, -1), '30m', '--skip-db-update', '--severity', 'CRITICAL,HIGH', '--ignore-unfixed', '--ignorefile', '/w/.trivyignore']
    ]
  ])('%s', (_name, options, argv) => {
    expect(trivyArgs(options)).toEqual(argv);
  });
});

describe('grypeArgs / grypeEnv (exact argv; grype is not run here)', () => {
  it.each([
    ['an OCI layout directory', { source: { kind: 'oci-dir' as const, path: '/t/image-1' }, output: '/t/r.json' }, ['oci-dir:/t/image-1', '-o', 'json', '--file', '/t/r.json']],
    ['an oci-archive', { source: { kind: 'oci-archive' as const, path: '/t/i.tar' }, output: '/t/r.json' }, ['oci-archive:/t/i.tar', '-o', 'json', '--file', '/t/r.json']],
    ['a docker-archive, only fixed', { source: { kind: 'docker-archive' as const, path: '/t/d.tar' }, output: '/t/r.json', onlyFixed: true }, ['docker-archive:/t/d.tar', '-o', 'json', '--file', '/t/r.json', '--only-fixed']]
  ])('%s', (_name, options, argv) => {
    expect(grypeArgs(options)).toEqual(argv);
  });

  it('DB settings go through the environment', () => {
    expect(grypeEnv({ dbCacheDir: '/t/grype-db', autoUpdate: false })).toEqual({ GRYPE_DB_CACHE_DIR: '/t/grype-db', GRYPE_DB_AUTO_UPDATE: 'false', GRYPE_CHECK_FOR_APP_UPDATE: 'false' });
  });
});

describe('DB cache key', () => {
  it.each([
    ['trivy', '2026-11-22T00:00:00.000Z', 'aim-build-trivy-db-2026-11-22'],
    ['trivy', '2026-11-22T23:59:59.999Z', 'aim-build-trivy-db-2026-11-22'],
    ['grype', '2026-11-23T00:00:00.000Z', 'aim-build-grype-db-2026-11-23']
  ] as const)('%s at %s → %s (UTC day of the injected clock)', (tool, now, key) => {
    expect(dbCacheKey(tool, new Date(now))).toBe(key);
    expect(key.startsWith(dbCachePrefix(tool))).toBe(true);
  });
});

describe('describeScannerFailure', () => {
  it('a DB download failure says the image was not scanned, names the DB, the fix and the tail', () => {
    const f = describeScannerFailure('trivy', '0.72.0', 1, 'INFO Need to update DB\nFATAL init error: DB error: failed to download vulnerability DB: TOOMANYREQUESTS: retry-after 1s');
    expect(f.db).toBe(true);
    expect(f.message).toMatch(/^trivy 0\.72\.0 could not fetch its vulnerability DB \(mirror\.gcr\.io\/aquasec\/trivy-db:2, ghcr\.io\/aquasecurity\/trivy-db:2\), so the image was NOT scanned and no tag was written\. Re-run the job later/);
    expect(f.message).toContain('TRIVY_DB_REPOSITORY');
    expect(f.message).toContain('`scan: builtin` needs no download');
    expect(f.message).toContain('TOOMANYREQUESTS: retry-after 1s');
  });

  it('grype DB failures are recognised too; other failures are not DB failures', () => {
    expect(describeScannerFailure('grype', '0.116.0', 1, 'failed to load vulnerability db: unable to update vulnerability database').db).toBe(true);
    const other = describeScannerFailure('grype', '0.116.0', 2, 'could not fetch image: unsupported media type');
    expect(other).toEqual({ db: false, message: 'grype 0.116.0 failed with exit code 2; the image was NOT scanned and no tag was written. grype said:\ncould not fetch image: unsupported media type' });
  });
});

describe('scannerEnvironment: allow-list, never a copy of the runner env', () => {
  const runnerEnv = {
    PATH: '/usr/bin:/bin',
    HOME: '/home/runner',
    HTTPS_PROXY: 'http://proxy:3128',
    TRIVY_DB_REPOSITORY: 'public.ecr.aws/aquasecurity/trivy-db:2',
    GITHUB_TOKEN: 'ghs_secret1',
    INPUT_PASSWORD: 'secret2',
    'INPUT_GITHUB-TOKEN': 'secret3',
    ACTIONS_RUNTIME_TOKEN: 'secret4',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'secret5',
    DOCKER_CONFIG: '/home/runner/.docker',
    REGISTRY_AUTH_FILE: '/run/auth.json',
    XDG_RUNTIME_DIR: '/run/user/1001',
    TRIVY_PASSWORD: 'secret6',
    TRIVY_USERNAME: 'bob',
    GRYPE_REGISTRY_AUTH_PASSWORD: 'secret7',
    AWS_SECRET_ACCESS_KEY: 'secret8',
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret9'
  };

  it('keeps PATH, proxies and DB mirrors; HOME/TMPDIR/XDG point at the scratch dir; nothing else', () => {
    expect(scannerEnvironment(runnerEnv, { home: '/s/home', tmpDir: '/s/tmp', extra: { GRYPE_DB_CACHE_DIR: '/s/db' } })).toEqual({
      PATH: '/usr/bin:/bin',
      HTTPS_PROXY: 'http://proxy:3128',
      TRIVY_DB_REPOSITORY: 'public.ecr.aws/aquasecurity/trivy-db:2',
      HOME: '/s/home',
      TMPDIR: '/s/tmp',
      XDG_CONFIG_HOME: '/s/home/.config',
      XDG_CACHE_HOME: '/s/home/.cache',
      XDG_DATA_HOME: '/s/home/.local/share',
      GRYPE_DB_CACHE_DIR: '/s/db'
    });
  });

  it('refuses to add a secret-looking variable even from code', () => {
    expect(() => scannerEnvironment({}, { home: '/h', tmpDir: '/t', extra: { GRYPE_REGISTRY_TOKEN: 'x' } })).toThrow('refusing to pass GRYPE_REGISTRY_TOKEN to a scanner process');
    for (const name of Object.keys(runnerEnv).filter((n) => /secret|token|password|auth/i.test(n))) expect(SECRET_ENV_NAME.test(name)).toBe(true);
  });
});

describe('scanner-mirror (internal networks)', () => {
  it('fetches the same archive names from the mirror and keeps the pinned digests', async () => {
    const { resolveRelease, pinnedRelease } = await import('../../../src/core/scan/scanners.js');
    const pinned = pinnedRelease('trivy');
    const mirrored = resolveRelease('trivy', { mirror: 'https://nexus.internal/repository/scanners/' });
    expect(mirrored.assets.amd64).toEqual({ file: pinned.assets.amd64.file, url: `https://nexus.internal/repository/scanners/${pinned.assets.amd64.file}`, sha256: pinned.assets.amd64.sha256 });
    expect(mirrored.assets.arm64.sha256).toBe(pinned.assets.arm64.sha256);
    expect(mirrored.checksumsUrl).toBe(pinned.checksumsUrl);
  });
  it('rejects a mirror that is not an http(s) URL', async () => {
    const { resolveRelease } = await import('../../../src/core/scan/scanners.js');
    expect(() => resolveRelease('grype', { mirror: 'nexus.internal/scanners' })).toThrow("Invalid scanner-mirror 'nexus.internal/scanners': expected an http(s) URL");
  });
  it('refuses a mirror URL with credentials and never echoes them (regression)', async () => {
    const { resolveRelease, redactUserinfo } = await import('../../../src/core/scan/scanners.js');
    const run = (): unknown => resolveRelease('trivy', { mirror: 'https://robot:hunter2-secret@harbor.internal/scanners/' });
    expect(run).toThrow("Invalid scanner-mirror 'https://***@harbor.internal/scanners/': a mirror URL cannot carry credentials");
    expect(run).not.toThrow(/hunter2|robot/);
    expect(redactUserinfo('https://harbor.internal/a@b')).toBe('https://harbor.internal/a@b');
  });
});
