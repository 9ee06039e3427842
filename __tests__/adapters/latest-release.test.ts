/**
 * `latest: release` against a real CNCF registry on 127.0.0.1: a stable tag moves latest only when
 * it is the highest semver already in the target repository (metadata-action#80), per target.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startRegistry, registryAvailable, type TestRegistry } from '../helpers/registry.js';
import { requireReal, toolRequirement } from '../helpers/tools.js';
import { RegistryClient, MediaTypes } from '../../src/adapters/registry/client.js';
import { listExistingTags } from '../../src/adapters/registry/existing-tags.js';
import { resolveReleaseLatest } from '../../src/core/plan.js';
import { plan } from '../helpers/events.js';

const real = requireReal('latest: release', [toolRequirement('docker-registry'), { name: 'docker-registry binary', ok: registryAvailable() }]);

async function seed(client: RegistryClient, repository: string, tags: string[]): Promise<void> {
  const config = await client.uploadBlob(repository, Buffer.from('{"architecture":"amd64","os":"linux"}'));
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: MediaTypes.ociManifest,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config.digest, size: config.size },
    layers: []
  });
  for (const tag of tags) await client.putManifest(repository, tag, manifest, MediaTypes.ociManifest);
}

(real ? describe : describe.skip)('latest: release with real registry tag lists', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
    const client = new RegistryClient({ registry: registry.host, insecureHttp: true });
    await seed(client, 'acme/app', ['v1.0.0', 'v2.0.0', 'v2.1.0-rc.1', 'main']);
    await seed(client, 'acme/ai-infra-matrix', ['backend-v1.0.0', 'frontend-v9.0.0']);
  });
  afterAll(async () => registry?.stop());

  const release = async (tag: string, images: string[], component = '') => {
    const p = plan({ event: 'push', ref: `refs/tags/${tag}` }, { images, latest: 'release', component });
    const logs: string[] = [];
    return { plan: resolveReleaseLatest(p, await listExistingTags(p, (m) => logs.push(m))), logs };
  };

  it('a backport below the highest release does not move latest', async () => {
    const { plan: p } = await release('v1.4.9', [`${registry.host}/acme/app`]);
    expect(p.targets[0].latest).toEqual({ enabled: false, reason: `latest policy: release (${registry.host}/acme/app already has v2.0.0 > 1.4.9)` });
    expect(p.targets[0].references.map((r) => r.tag)).not.toContain('latest');
  });

  it('a new highest release moves latest (pre-releases in the registry do not count)', async () => {
    const { plan: p } = await release('v2.0.1', [`${registry.host}/acme/app`]);
    expect(p.targets[0].references.map((r) => r.tag)).toEqual(['v2.0.1', '2.0.1', '2.0', '2', 'latest']);
  });

  it('decides per target; on ACR only the component prefix counts', async () => {
    const { plan: p } = await release('v1.5.0', [`${registry.host}/acme/app`, `${registry.host}/acme,registry-type=acr`], 'backend');
    expect(p.targets.map((t) => t.latest.enabled)).toEqual([false, true]);
    expect(p.targets[1].references.at(-1)).toMatchObject({ tag: 'backend-latest' });
  });

  it('a pre-release tag never moves latest and needs no registry call', async () => {
    const p = plan({ event: 'push', ref: 'refs/tags/v3.0.0-rc.1' }, { images: [`${registry.host}/acme/app`], latest: 'release' });
    expect(p.latest.pendingRelease).toBeUndefined();
    expect(p.latest.enabled).toBe(false);
  });

  it('an unreachable registry keeps latest back and says why', async () => {
    const { plan: p, logs } = await release('v9.0.0', ['127.0.0.1:9/acme/app']);
    expect(p.targets[0].latest.enabled).toBe(false);
    expect(p.warnings.at(-1)).toMatch(/Could not list the tags of 127.0.0.1:9\/acme\/app, so latest was not moved there/);
    expect(logs[0]).toMatch(/could not list tags/);
  });
});
