/**
 * REAL multi-arch build and push: buildah (chroot isolation, qemu for the arm64 RUN step) builds
 * the fixture for linux/amd64 + linux/arm64 into a manifest list, `buildah manifest push --all`
 * sends it to a real htpasswd registry (login via --password-stdin into a job-private
 * REGISTRY_AUTH_FILE), and RegistryClient reads it back over the HTTP API.
 * Needs scripts/ci-setup.sh: fails under CI=true when a tool is missing, skips locally.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { statSync, readFileSync } from 'node:fs';
import { promises as dns } from 'node:dns';
import { gunzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { RegistryClient, MediaTypes } from '../../src/adapters/registry/client.js';
import { buildah, buildahLogin, buildahRequirements, ensureBusyboxBase, FIXTURE_CONTEXT, makeAuthDir, removeManifestAndImages, type AuthDir } from '../helpers/buildah.js';
import { ACR_LIKE_HOSTNAME, startRegistry, type TestRegistry } from '../helpers/registry.js';
import { isCI, requireReal, run, toolRequirement } from '../helpers/tools.js';

const CREDS = { username: 'builder', password: `pw-${Math.random().toString(36).slice(2)}` };
const VERSION = '1.2.3';

const REAL = requireReal('buildah-build', [
  ...buildahRequirements(),
  toolRequirement('/usr/bin/docker-registry'),
  toolRequirement('skopeo'),
  toolRequirement('htpasswd'),
  toolRequirement('openssl')
]);
const real = REAL ? describe : describe.skip;

interface OciIndex {
  mediaType: string;
  manifests: Array<{ digest: string; mediaType: string; platform?: { os: string; architecture: string } }>;
}
interface OciManifest {
  config: { digest: string };
  layers: Array<{ digest: string; mediaType: string }>;
}
interface ImageConfig {
  architecture: string;
  os: string;
  config?: { Labels?: Record<string, string> };
  history?: Array<{ created_by?: string }>;
}

/** files of a (gzip) layer tarball */
async function layerFiles(blob: Buffer): Promise<Record<string, string>> {
  const data = blob[0] === 0x1f && blob[1] === 0x8b ? gunzipSync(blob) : blob;
  const files: Record<string, string> = {};
  const ex = tar.extract();
  await new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer));
      stream.on('end', () => {
        if (header.type === 'file') files[header.name.replace(/^\.?\//, '')] = Buffer.concat(chunks).toString('utf8');
        next();
      });
      stream.resume();
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
    ex.end(data);
  });
  return files;
}

/** index → per-platform {config, files} read through the HTTP API */
async function readPushed(c: RegistryClient, repo: string, tag: string) {
  const idx = await c.getManifest(repo, tag);
  const index = JSON.parse(idx.body) as OciIndex;
  const platforms: Record<string, { config: ImageConfig; files: Record<string, string> }> = {};
  for (const m of index.manifests) {
    const man = JSON.parse((await c.getManifest(repo, m.digest)).body) as OciManifest;
    const config = JSON.parse((await c.getBlob(repo, man.config.digest)).toString('utf8')) as ImageConfig;
    const files: Record<string, string> = {};
    for (const l of man.layers) Object.assign(files, await layerFiles(await c.getBlob(repo, l.digest)));
    platforms[`${m.platform?.os}/${m.platform?.architecture}`] = { config, files };
  }
  return { idx, index, platforms };
}

real('buildah multi-arch build + push to a real registry', () => {
  let reg: TestRegistry;
  let auth: AuthDir;
  const list = `localhost/aim-fixture-${process.pid}-${Date.now()}`;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    const base = await ensureBusyboxBase();
    timings[base.built ? 'base images (built)' : 'base images (cached)'] = base.ms;
    reg = await startRegistry({ auth: { user: CREDS.username, password: CREDS.password } });
    auth = makeAuthDir();
  }, 180_000);

  afterAll(async () => {
    await removeManifestAndImages(list);
    auth?.cleanup();
    await reg?.stop();
    console.log(`buildah timings (ms): ${JSON.stringify(timings)}`);
  }, 60_000);

  it(
    'builds linux/amd64 + linux/arm64, pushes with --all, and the registry serves an index with both',
    async () => {
      const b = await buildah([
        'build',
        '--isolation', 'chroot',
        '--platform', 'linux/amd64,linux/arm64',
        '--build-arg', `VERSION=${VERSION}`,
        '--manifest', list,
        '-f', `${FIXTURE_CONTEXT}/Dockerfile`,
        FIXTURE_CONTEXT
      ]);
      timings['build amd64+arm64'] = b.ms;

      await buildahLogin(reg.host, CREDS, auth, { tlsVerify: false });
      expect(statSync(auth.authFile).mode & 0o077).toBe(0);
      expect(readFileSync(auth.authFile, 'utf8')).toContain(reg.host);

      const p = await buildah(['manifest', 'push', '--all', '--tls-verify=false', list, `docker://${reg.host}/aim/fixture:${VERSION}`], { env: auth.env });
      timings['manifest push --all'] = p.ms;
      expect(`${p.stdout}${p.stderr}`).not.toContain(CREDS.password);

      const c = new RegistryClient({ registry: reg.host, insecureHttp: true, credentials: CREDS });
      await expect(c.listTags('aim/fixture')).resolves.toEqual([VERSION]);
      const { idx, index, platforms } = await readPushed(c, 'aim/fixture', VERSION);
      expect(idx.mediaType).toBe(MediaTypes.ociIndex);
      expect(index.manifests.map((m) => `${m.platform?.os}/${m.platform?.architecture}`).sort()).toEqual(['linux/amd64', 'linux/arm64']);

      for (const [platform, uname] of [['linux/amd64', 'x86_64'], ['linux/arm64', 'aarch64']] as const) {
        const { config, files } = platforms[platform];
        expect(`${config.os}/${config.architecture}`).toBe(platform);
        expect(config.config?.Labels?.['org.opencontainers.image.version']).toBe(VERSION);
        expect(files.VERSION?.trim()).toBe(VERSION);
        // the RUN step really ran for that architecture (arm64 under qemu-aarch64)
        expect(files.ARCH?.trim()).toBe(uname);
        expect(files['hello.txt']).toBe('hello from the aim-build fixture\n');
      }
    },
    300_000
  );

  it('a wrong password fails `buildah login` with an auth error (password on stdin only)', async () => {
    const other = makeAuthDir();
    try {
      await expect(buildahLogin(reg.host, { username: CREDS.username, password: 'definitely-wrong' }, other, { tlsVerify: false })).rejects.toThrow(
        /unauthorized|authentication required|invalid username\/password/i
      );
    } finally {
      other.cleanup();
    }
  });
});

real(`buildah push over TLS to an ACR-like registry (${ACR_LIKE_HOSTNAME})`, () => {
  let reg: TestRegistry;
  let auth: AuthDir;
  const image = `localhost/aim-acr-${process.pid}-${Date.now()}`;
  let resolvable = false;

  beforeAll(async () => {
    resolvable = await dns
      .lookup(ACR_LIKE_HOSTNAME, { family: 4 })
      .then((r) => r.address === '127.0.0.1')
      .catch(() => false);
    if (!resolvable) {
      const msg = `${ACR_LIKE_HOSTNAME} does not resolve to 127.0.0.1; run \`sudo bash scripts/ci-setup.sh\` (adds it to /etc/hosts)`;
      if (isCI()) throw new Error(msg);
      console.warn(`SKIPPED: ${msg}`);
      return;
    }
    await ensureBusyboxBase();
    reg = await startRegistry({ auth: { user: CREDS.username, password: CREDS.password }, tls: true, hostname: ACR_LIKE_HOSTNAME });
    auth = makeAuthDir();
  }, 180_000);

  afterAll(async () => {
    if (resolvable) await buildah(['rmi', '-f', image], { check: false });
    auth?.cleanup();
    await reg?.stop();
  });

  it('logs in and pushes with --cert-dir, verifying the certificate for the ACR host name', async () => {
    if (!resolvable) return;
    const target = `${reg.namedHost}/aim-ns/app:${VERSION}`;
    await buildah(['build', '--isolation', 'chroot', '--platform', 'linux/amd64', '--build-arg', `VERSION=${VERSION}`, '-t', image, FIXTURE_CONTEXT]);
    // Without the CA, TLS verification fails (no --tls-verify=false anywhere here).
    await expect(buildahLogin(reg.namedHost, CREDS, auth)).rejects.toThrow(/x509|certificate/i);
    await buildahLogin(reg.namedHost, CREDS, auth, { certDir: reg.certDir });
    await buildah(['push', '--cert-dir', reg.certDir!, image, `docker://${target}`], { env: auth.env });
    const sk = await run('skopeo', ['inspect', '--cert-dir', reg.certDir!, '--authfile', auth.authFile, `docker://${target}`], { timeoutMs: 60_000 });
    const info = JSON.parse(sk.stdout) as { Architecture: string; Labels: Record<string, string> };
    expect(info.Architecture).toBe('amd64');
    expect(info.Labels['org.opencontainers.image.version']).toBe(VERSION);
  }, 180_000);
});
