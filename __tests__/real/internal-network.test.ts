/**
 * REAL internal-network build: dist/main with AI_INFRA_NETWORK_ENV=internal and an internal mirror
 * registry (loopback) that holds `busybox:<tag>` (a tag unique to the run, so no local store can already hold it) under the mirror rule's name. The Dockerfile says
 * `FROM busybox:<tag>` and is not edited; buildah pulls the base from the mirror through the
 * job-private registries.conf (no internet here, so Docker Hub could not have served it).
 * A base image missing from the mirror fails the step with the exact mirror command.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RegistryClient } from '../../src/adapters/registry/client.js';
import { buildah, buildahEnv, buildahRequirements, ensureBusyboxBase } from '../helpers/buildah.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { runActionAsync } from '../helpers/run-bundle.js';
import { requireReal, toolRequirement } from '../helpers/tools.js';

const REAL = requireReal('internal-network', [...buildahRequirements(), toolRequirement('/usr/bin/docker-registry')]);
const real = REAL ? describe : describe.skip;

/** A tag no earlier run can have left in a local store: the base can only come from the mirror. */
const TAG = `1.36-run${process.pid}x${Date.now()}`;

interface Manifest {
  layers: Array<{ digest: string }>;
}

real('internal-network builds through dist/main (real buildah, real registries)', () => {
  let mirror: TestRegistry;
  let target: TestRegistry;
  let ctx = '';
  let baseLayer = '';

  beforeAll(async () => {
    await ensureBusyboxBase();
    [mirror, target] = await Promise.all([startRegistry(), startRegistry()]);
    await buildah(['push', '--tls-verify=false', 'localhost/aim-busybox:amd64', `docker://${mirror.host}/internal/busybox:${TAG}`]);
    const c = new RegistryClient({ registry: mirror.host, insecureHttp: true });
    baseLayer = (JSON.parse((await c.getManifest('internal/busybox', TAG)).body) as Manifest).layers[0].digest;
    ctx = mkdtempSync(path.join(os.tmpdir(), 'aim-internal-'));
    writeFileSync(path.join(ctx, 'hello.txt'), 'hello from the internal network\n');
  }, 180_000);

  afterAll(async () => {
    if (ctx) rmSync(ctx, { recursive: true, force: true });
    await Promise.all([mirror, target].filter(Boolean).map((r) => r.stop()));
  }, 60_000);

  const runMain = (dockerfile: string, extraEnv: Record<string, string>) => {
    writeFileSync(path.join(ctx, 'Dockerfile'), dockerfile);
    return runActionAsync('main', { images: `${target.host}/aim/internal`, context: ctx, platforms: 'linux/amd64', builder: 'buildah', push: 'true', tags: 'type=raw,value=v1', scan: 'none', 'github-token': '' }, { name: 'push', ref: 'refs/heads/main', payload: {} }, {
      baseEnv: { ...buildahEnv(), BUILDAH_ISOLATION: '' },
      extraEnv,
      timeoutMs: 240_000
    });
  };

  it('FROM busybox:<tag> resolves to the mirror without editing the Dockerfile; the summary lists the rewrite', async () => {
    const r = await runMain(`FROM busybox:${TAG}\nCOPY hello.txt /hello.txt\n`, { AI_INFRA_NETWORK_ENV: 'internal', INTERNAL_REGISTRY: `${mirror.host}/internal` });
    expect(r.stdout).not.toMatch(/::error::/);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`network: internal (from AI_INFRA_NETWORK_ENV); base images resolve to ${mirror.host}/internal (from INTERNAL_REGISTRY)`);
    expect(r.stdout).toContain(`base image busybox:${TAG} → ${mirror.host}/internal/busybox:${TAG} (${path.join(ctx, 'Dockerfile')}:1)`);
    expect(r.stdout).toMatch(/::debug::exec \["buildah",[^\]]*"build".*env\+.*CONTAINERS_REGISTRIES_CONF/);
    expect(r.summary).toContain(`| \`busybox:${TAG}\` | \`${mirror.host}/internal/busybox:${TAG}\` |`);
    // the pushed image is built on the mirror's base layer
    const t = new RegistryClient({ registry: target.host, insecureHttp: true });
    const pushed = JSON.parse((await t.getManifest('aim/internal', 'v1')).body) as Manifest & { manifests?: Array<{ digest: string }> };
    const image = pushed.manifests ? (JSON.parse((await t.getManifest('aim/internal', pushed.manifests[0].digest)).body) as Manifest) : pushed;
    expect(image.layers[0].digest).toBe(baseLayer);
  }, 300_000);

  it('a base image missing from the mirror fails before building, with the exact mirror command', async () => {
    const r = await runMain('ARG CACHE=redis:7-alpine\nFROM ${CACHE}\nCOPY hello.txt /hello.txt\n', { AI_INFRA_NETWORK_ENV: 'internal', INTERNAL_REGISTRY: `${mirror.host}/internal` });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`::error::aim-build: 1 base image is not in the internal mirror: ${mirror.host}/internal/redis:7-alpine (for redis:7-alpine, ${path.join(ctx, 'Dockerfile')}:2). Mirror it from a runner with internet access: node dist/cli/index.js mirror --target ${mirror.host}/internal --images docker.io/library/redis:7-alpine`);
    expect(r.stdout).not.toMatch(/exec \["buildah",[^\]]*"build"/);
  }, 120_000);
});
