/**
 * Attestations vs Alibaba ACR, against REAL registries: an image layout with two platforms and two
 * BuildKit-style OCI-artifact attestations (empty config, subject, in-toto layer) is pushed with
 * our push code to a plain registry and to a registry whose proxy answers attestation manifests
 * exactly like ACR Personal (`DENIED: unknown manifest class for application/vnd.oci.empty.v1+json`).
 * Treated as generic, that registry fails the push and NO tag is written anywhere; treated as ACR
 * (registry-type=acr, or an *.aliyuncs.com host) it gets the index without attestations, while the
 * plain registry keeps them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryClient } from '../../src/adapters/registry/client.js';
import { readLayout } from '../../src/adapters/registry/oci-layout.js';
import { pushAll, PushError } from '../../src/adapters/registry/push.js';
import { ACR_ATTESTATION_NOTE, planPush } from '../../src/core/build/push-plan.js';
import { OCI_EMPTY, OCI_MANIFEST, type ImageIndex } from '../../src/core/oci.js';
import { AMD64, ARM64, LayoutWriter, type Descriptor } from '../helpers/oci-layout.js';
import { smallTagPlan } from '../helpers/build.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { requireReal, toolRequirement } from '../helpers/tools.js';
import { examplePayload } from '../helpers/events.js';
import { runActionAsync } from '../helpers/run-bundle.js';

const REAL = requireReal('acr-attestations', [toolRequirement('/usr/bin/docker-registry'), toolRequirement('htpasswd')]);
const real = REAL ? describe : describe.skip;
const CREDS = { username: 'pusher', password: `pw-${Math.random().toString(36).slice(2)}` };

/** A BuildKit OCI-artifact attestation for `subject` (what buildx >= 0.32 exports by default). */
function attestation(w: LayoutWriter, subject: Descriptor): Descriptor {
  const empty = w.blob('{}');
  const statement = w.blob(JSON.stringify({ _type: 'https://in-toto.io/Statement/v0.1', predicateType: 'https://slsa.dev/provenance/v0.2', subject: [{ digest: { sha256: subject.digest.slice(7) } }] }));
  const body = JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: 'application/vnd.docker.attestation.manifest.v1+json',
    config: { mediaType: OCI_EMPTY, ...empty },
    layers: [{ mediaType: 'application/vnd.in-toto+json', ...statement, annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' } }],
    subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size }
  });
  const d = w.blob(body);
  return { mediaType: OCI_MANIFEST, ...d, platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': subject.digest } } as Descriptor;
}

real('attestations and Alibaba ACR (real registries, ACR answers reproduced by a proxy)', () => {
  let plain: TestRegistry;
  let acrish: TestRegistry;
  let dir: string;
  let attestations: string[] = [];
  /** what two push-by-digest jobs build: one platform each, with its attestation */
  const perPlatform: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aim-att-layout-'));
    const w = new LayoutWriter(dir);
    const amd = await w.image([[{ name: 'app/amd64.txt', content: 'amd64\n' }]], AMD64);
    const arm = await w.image([[{ name: 'app/arm64.txt', content: 'arm64\n' }]], ARM64);
    const atts = [attestation(w, amd), attestation(w, arm)];
    attestations = atts.map((a) => a.digest);
    w.index([amd, arm, ...atts]);
    for (const [name, platform] of [['amd64', AMD64], ['arm64', ARM64]] as const) {
      const one = mkdtempSync(join(tmpdir(), `aim-att-${name}-`));
      const pw = new LayoutWriter(one);
      const img = await pw.image([[{ name: `app/${name}.txt`, content: `${name}\n` }]], platform);
      const att = attestation(pw, img);
      attestations.push(att.digest);
      pw.index([img, att]);
      perPlatform.push(one);
    }
    const acrAnswer = {
      kind: 'status' as const,
      status: 403,
      body: JSON.stringify({ errors: [{ code: 'DENIED', message: 'unknown manifest class for application/vnd.oci.empty.v1+json', detail: null }] })
    };
    [plain, acrish] = await Promise.all([
      startRegistry({ auth: { user: CREDS.username, password: CREDS.password } }),
      startRegistry({ auth: { user: CREDS.username, password: CREDS.password }, failures: attestations.map((d) => ({ method: 'PUT', path: `/manifests/${d}`, times: Infinity, action: acrAnswer })) })
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([plain?.stop(), acrish?.stop()]);
    for (const d of [dir, ...perPlatform]) if (d) rmSync(d, { recursive: true, force: true });
  });

  const clientFor = (registry: string): RegistryClient => new RegistryClient({ registry, insecureHttp: true, credentials: CREDS, backoffMs: 5 });
  const direct = (reg: TestRegistry): RegistryClient => clientFor(reg.directHost);

  it('treated as a generic registry, ACR rejects the attestations: the push fails with the fix, and no tag is written anywhere', async () => {
    const image = await readLayout(dir);
    const plan = smallTagPlan([`${plain.host}/aim/generic`, `${acrish.host}/acme/generic`]);
    const log: string[] = [];
    const err = await pushAll(dir, image, planPush(image, plan.targets), { clientFor, log: (m) => log.push(m) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PushError);
    const message = (err as Error).message;
    expect(message).toContain('no tag was written anywhere');
    expect(message).toContain(
      `  - ${acrish.host}/acme/generic: Registry ${acrish.host}: refused an attestation manifest in 'acme/generic' (HTTP 403 DENIED: unknown manifest class for application/vnd.oci.empty.v1+json): ` +
        'it does not accept OCI-artifact manifests, like Alibaba ACR Personal. Hosts ending in .aliyuncs.com get the image without attestations automatically; ' +
        'for ACR behind another name add registry-type=acr to the images line'
    );
    expect(message).not.toContain('may not push');
    expect(await direct(plain).listTags('aim/generic')).toEqual([]);
    expect(await direct(acrish).listTags('acme/generic')).toEqual([]);
  });

  it('treated as ACR (registry-type=acr): the index there has the platforms only; the plain registry keeps the attestations; every tag on its digest', async () => {
    const image = await readLayout(dir);
    const plan = smallTagPlan([`${plain.host}/aim/app`, `${acrish.host}/acme,registry-type=acr`], undefined, { component: 'backend' });
    expect(plan.targets.map((t) => t.kind)).toEqual(['generic', 'acr']);
    const pushes = planPush(image, plan.targets);
    expect(pushes[1].notes).toEqual([`${acrish.host}/acme/ai-infra-matrix: 2 attestation manifest(s) left out. ${ACR_ATTESTATION_NOTE}`]);
    const results = await pushAll(dir, image, pushes, { clientFor, log: () => undefined });

    expect(results[0].digest).toBe(image.root.descriptor.digest); // exact bytes as built
    expect(results[1].digest).not.toBe(image.root.descriptor.digest);
    expect(results[1].dropped).toBe(2);

    const p = direct(plain);
    const full = JSON.parse((await p.getManifest('aim/app', 'v1.2.3')).body) as ImageIndex;
    expect(full.manifests.map((m) => m.digest).filter((d) => attestations.includes(d))).toHaveLength(2);
    for (const tag of ['v1.2.3', '1.2.3', '1.2', '1']) expect((await p.headManifest('aim/app', tag))?.digest).toBe(results[0].digest);

    const a = direct(acrish);
    const slim = JSON.parse((await a.getManifest('acme/ai-infra-matrix', 'backend-v1.2.3')).body) as ImageIndex;
    expect(slim.manifests.map((m) => `${m.platform?.os}/${m.platform?.architecture}`)).toEqual(['linux/amd64', 'linux/arm64']);
    expect((await a.listTags('acme/ai-infra-matrix')).sort()).toEqual(['backend-1', 'backend-1.2', 'backend-1.2.3', 'backend-v1.2.3']);
    for (const tag of ['backend-v1.2.3', 'backend-1']) expect((await a.headManifest('acme/ai-infra-matrix', tag))?.digest).toBe(results[1].digest);
    // the proxy never had to refuse anything: no attestation manifest was sent to the ACR target
    expect(acrish.proxy!.requests.filter((r) => r.injected && r.path.includes('/acme/ai-infra-matrix/'))).toEqual([]);
  });

  it('a second push of the same image skips every blob the registries already have', async () => {
    const image = await readLayout(dir);
    const plan = smallTagPlan([`${plain.host}/aim/app`]);
    const [r] = await pushAll(dir, image, planPush(image, plan.targets), { clientFor, log: () => undefined });
    expect(r.uploaded).toBe(0);
    expect(r.skipped).toBeGreaterThan(0);
  });

  it('multi-runner: each platform pushed by digest with its attestation, then dist/merge: ACR gets one platforms-only index and the component tags, never an attestation; the plain registry the full index', async () => {
    const images = [`${plain.host}/aim/merged`, `${acrish.host}/acme,registry-type=acr`];
    const plan = smallTagPlan(images, undefined, { component: 'backend', acrRepository: 'merged' });
    const digests: string[] = [];
    const children: string[][] = [];
    for (const d of perPlatform) {
      const image = await readLayout(d);
      const results = await pushAll(d, image, planPush(image, plan.targets), { clientFor, log: () => undefined, tags: false });
      expect(results.map((r) => r.references)).toEqual([[], []]);
      expect(results[1].dropped).toBe(1);
      digests.push(results[0].digest); // the build job's `digest` output: the non-ACR one
      children.push(image.children.map((c) => c.descriptor.digest));
    }
    expect(await direct(plain).listTags('aim/merged')).toEqual([]);
    expect(await direct(acrish).listTags('acme/merged')).toEqual([]);

    const event = { name: 'push', ref: 'refs/tags/v1.2.3', payload: examplePayload('push', (e) => e.head_commit != null) };
    const meta = await runActionAsync('meta', { images: images.join('\n'), component: 'backend', 'acr-repository': 'merged' }, event);
    const auth = `${plain.host}=${CREDS.username}:${CREDS.password}\n${acrish.host}=${CREDS.username}:${CREDS.password}`;
    const r = await runActionAsync('merge', { plan: meta.outputs.plan, digests: digests.join('\n'), 'registry-auth': auth }, event);
    expect(r.stdout).not.toMatch(/::error::/);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${acrish.host}/acme/merged: 2 attestation manifest(s) left out.`);

    const full = await direct(plain).getManifest('aim/merged', 'v1.2.3');
    expect(full.digest).toBe(r.outputs.digest);
    const [[amd, amdAtt], [arm, armAtt]] = children;
    expect((JSON.parse(full.body) as ImageIndex).manifests.map((m) => m.digest)).toEqual([amd, arm, amdAtt, armAtt]);
    const slim = await direct(acrish).getManifest('acme/merged', 'backend-v1.2.3');
    expect((JSON.parse(slim.body) as ImageIndex).manifests.map((m) => m.digest)).toEqual([amd, arm]);
    expect((await direct(acrish).listTags('acme/merged')).sort()).toEqual(['backend-1', 'backend-1.2', 'backend-1.2.3', 'backend-v1.2.3']);
    expect(r.outputs.tags.split('\n')).toHaveLength(8);
    expect(acrish.proxy!.requests.filter((q) => q.injected && q.path.includes('/acme/merged/'))).toEqual([]);
  });
});
