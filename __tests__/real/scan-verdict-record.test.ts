/**
 * REAL: the scan gate's verdict recorded on the pushed image, and promote reading it back.
 * `node dist/main/index.js` builds (buildah) an image that holds a private key, with the builtin
 * scanner (the real one) and `scan-mode: warn`: the gate reports the finding and lets the push go
 * on; the index read back from a CNCF registry on 127.0.0.1 carries
 * `org.aim-build.scan.verdict=warn` and `org.aim-build.scan.scanner=builtin`, its digest is the
 * sha256 of its bytes and the `digest` output. Then `node dist/promote/index.js` refuses to
 * promote it without `force` and writes nothing, and promotes it with `force: true`. A clean
 * image is pushed with `verdict=pass` and promoted without `force`.
 * Needs scripts/ci-setup.sh: fails under CI=true when something is missing, skips locally.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryClient } from '../../src/adapters/registry/client.js';
import { buildahEnv, buildahRequirements, ensureBusyboxBase } from '../helpers/buildah.js';
import { examplePayload } from '../helpers/events.js';
import { REGISTRY_BIN, startRegistry, type TestRegistry } from '../helpers/registry.js';
import { runActionAsync, type BundleRun, errorLine } from '../helpers/run-bundle.js';
import { requireReal, toolRequirement } from '../helpers/tools.js';

const REAL = requireReal('scan verdict recorded on the pushed image', [...buildahRequirements(), toolRequirement(REGISTRY_BIN), toolRequirement('htpasswd')]);
const real = REAL ? describe : describe.skip;

const USER = 'builder';
const PASSWORD = `pw-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
const REPO = 'aim/warned';
const tagEvent = { name: 'push', ref: 'refs/tags/v1.2.3', payload: examplePayload('push', (e) => e.head_commit != null) };
const dispatch = { name: 'workflow_dispatch', ref: 'refs/heads/main', payload: {} };

real('scan verdict annotation (dist/main with the builtin scanner, dist/promote, a real registry)', () => {
  let reg: TestRegistry;
  let ctx: string;
  const client = (): RegistryClient => new RegistryClient({ registry: reg.host, insecureHttp: true, credentials: { username: USER, password: PASSWORD }, backoffMs: 5 });

  beforeAll(async () => {
    await ensureBusyboxBase();
    reg = await startRegistry({ auth: { user: USER, password: PASSWORD }, failures: [] });
    ctx = mkdtempSync(join(tmpdir(), 'aim-verdict-ctx-'));
    writeFileSync(join(ctx, 'id_rsa'), generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
    writeFileSync(join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY id_rsa /root/.ssh/id_rsa\n');
  }, 120_000);

  afterAll(async () => {
    await reg?.stop();
    if (ctx) rmSync(ctx, { recursive: true, force: true });
  });

  it('scan-mode: warn pushes the image with verdict=warn and the scanner on its index; promote refuses it without force', async () => {
    const r = await runActionAsync(
      'main',
      { 'github-token': '', images: `${reg.host}/${REPO}`, context: ctx, platforms: 'linux/amd64,linux/arm64', scan: 'builtin', 'scan-mode': 'warn', username: USER, password: PASSWORD },
      tagEvent,
      { baseEnv: { ...buildahEnv(), BUILDAH_ISOLATION: '' }, timeoutMs: 240_000 }
    );
    expect(errorLine(r)).toBe('');
    expect(r.status).toBe(0);
    expect(r.outputs['scan-verdict']).toBe('warn');

    // the index as the registry serves it: the annotations, a digest that is its bytes' sha256, the digest output
    const c = client();
    const idx = await c.getManifest(REPO, 'v1.2.3');
    const digest = `sha256:${createHash('sha256').update(idx.body).digest('hex')}`;
    expect(idx.digest ?? digest).toBe(digest);
    expect(r.outputs.digest).toBe(digest);
    const index = JSON.parse(idx.body) as { mediaType: string; manifests: Array<{ platform?: { architecture: string } }>; annotations?: Record<string, string> };
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(index.annotations).toMatchObject({ 'org.aim-build.scan.verdict': 'warn', 'org.aim-build.scan.scanner': 'builtin' });
    expect(index.manifests.filter((m) => m.platform).map((m) => m.platform?.architecture)).toEqual(['amd64', 'arm64']);
    // every planned tag names that annotated index
    for (const tag of await c.listTags(REPO)) expect((await c.headManifest(REPO, tag))?.digest).toBe(digest);

    const promote = (inputs: Record<string, string>): Promise<BundleRun> =>
      runActionAsync('promote', { 'github-token': '', images: `${reg.host}/${REPO}`, 'registry-auth': `${reg.host}=${USER}:${PASSWORD}`, source: 'v1.2.3', to: 'prod', ...inputs }, dispatch, { timeoutMs: 60_000 });
    const refused = await promote({});
    expect(refused.status).toBe(1);
    expect(errorLine(refused)).toBe(
      `aim-build: refusing to promote ${reg.host}/${REPO}@${digest}: org.aim-build.scan.verdict=warn: the scan found blocking findings (pushed only because scan-mode was warn). Fix the findings and build again, or set force: true`
    );
    expect(await c.listTags(REPO)).not.toContain('prod');
    const forced = await promote({ force: 'true' });
    expect(errorLine(forced)).toBe('');
    expect((await c.headManifest(REPO, 'prod'))?.digest).toBe(digest);
  }, 300_000);

  it('a clean image passes the gate and is pushed with verdict=pass; promote moves it without force', async () => {
    const clean = mkdtempSync(join(tmpdir(), 'aim-verdict-clean-'));
    try {
      writeFileSync(join(clean, 'hello.txt'), 'hello\n');
      writeFileSync(join(clean, 'Dockerfile'), 'FROM scratch\nCOPY hello.txt /hello.txt\nUSER 65534:65534\n');
      const r = await runActionAsync(
        'main',
        { 'github-token': '', images: `${reg.host}/aim/clean`, context: clean, platforms: 'linux/amd64,linux/arm64', scan: 'builtin', username: USER, password: PASSWORD },
        tagEvent,
        { baseEnv: { ...buildahEnv(), BUILDAH_ISOLATION: '' }, timeoutMs: 240_000 }
      );
      expect(errorLine(r)).toBe('');
      expect(r.outputs['scan-verdict']).toBe('pass');
      const idx = await client().getManifest('aim/clean', 'v1.2.3');
      expect(r.outputs.digest).toBe(`sha256:${createHash('sha256').update(idx.body).digest('hex')}`);
      expect((JSON.parse(idx.body) as { annotations?: Record<string, string> }).annotations).toMatchObject({ 'org.aim-build.scan.verdict': 'pass', 'org.aim-build.scan.scanner': 'builtin' });
      const p = await runActionAsync('promote', { 'github-token': '', images: `${reg.host}/aim/clean`, 'registry-auth': `${reg.host}=${USER}:${PASSWORD}`, source: 'v1.2.3', to: 'prod' }, dispatch, { timeoutMs: 60_000 });
      expect(errorLine(p)).toBe('');
      expect((await client().headManifest('aim/clean', 'prod'))?.digest).toBe(r.outputs.digest);
    } finally {
      rmSync(clean, { recursive: true, force: true });
    }
  }, 300_000);
});
