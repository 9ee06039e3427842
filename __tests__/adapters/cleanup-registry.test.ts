/**
 * PR cleanup against REAL CNCF distribution registries on 127.0.0.1 (no fakes): a 2-platform
 * index tagged pr-7 (plus its attestation manifest) and an index tagged main that shares the
 * amd64 child, pushed through the registry client; the cleanup step runs with runner files; the
 * result is checked through the registry's own HTTP API.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RegistryClient } from '../../src/adapters/registry/client.js';
import { registryAvailable, startRegistry, type TestRegistry } from '../helpers/registry.js';
import { requireReal, toolRequirement } from '../helpers/tools.js';
import { pushIndex, runCleanupStep } from '../helpers/cleanup-fixtures.js';

const REAL = requireReal('cleanup against a real registry', [{ name: 'docker-registry', ok: registryAvailable() }, toolRequirement('htpasswd'), toolRequirement('openssl')]);
const real = REAL ? describe : describe.skip;

const USER = 'ci';
const PASSWORD = `pw-${Math.random().toString(36).slice(2)}-secret`;
const ACCEPT = 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json';

/** Two indexes sharing the amd64 child, one more PR, in `repo`. */
async function seed(c: RegistryClient, repo: string) {
  const pr7 = await pushIndex(c, repo, 'pr-7', [
    { platform: 'linux/amd64', content: 'unchanged-amd64' },
    { platform: 'linux/arm64', content: 'pr7-arm64' },
    { platform: 'attestation', content: 'pr7-provenance' }
  ]);
  const main = await pushIndex(c, repo, 'main', [
    { platform: 'linux/amd64', content: 'unchanged-amd64' },
    { platform: 'linux/arm64', content: 'main-arm64' }
  ]);
  const pr8 = await pushIndex(c, repo, 'pr-8', [{ platform: 'linux/amd64', content: 'pr8-amd64' }]);
  expect(pr7.children[0]).toBe(main.children[0]);
  return { pr7, main, pr8 };
}

/** The registry's HTTP API, read directly (status of a manifest; the tag list). */
function http(reg: TestRegistry, auth?: string) {
  const headers: Record<string, string> = { accept: ACCEPT, ...(auth ? { authorization: auth } : {}) };
  return {
    status: async (repo: string, ref: string) => (await fetch(`${reg.url}/v2/${repo}/manifests/${ref}`, { method: 'HEAD', headers })).status,
    tags: async (repo: string) => ((await (await fetch(`${reg.url}/v2/${repo}/tags/list`, { headers })).json()) as { tags: string[] }).tags.sort()
  };
}

real('cleanup on a registry with deletion enabled (htpasswd auth)', () => {
  let reg: TestRegistry;
  let client: RegistryClient;
  const basic = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
  beforeAll(async () => {
    reg = await startRegistry({ auth: { user: USER, password: PASSWORD } });
    client = new RegistryClient({ registry: reg.host, insecureHttp: true, credentials: { username: USER, password: PASSWORD } });
  });
  afterAll(async () => reg?.stop());

  it('dry run: reports the plan, deletes nothing', async () => {
    const { pr7 } = await seed(client, 'acme/dry');
    const run = await runCleanupStep({ images: `${reg.host}/acme/dry`, 'registry-auth': `${reg.host}=${USER}:${PASSWORD}`, 'dry-run': 'true' }, fetch);
    expect(run.error).toBeUndefined();
    expect(JSON.parse(run.outputs.deleted).map((e: { reference: string; dryRun: boolean }) => [e.reference.replace(reg.host, 'R'), e.dryRun])).toEqual([
      ['R/acme/dry:pr-7', true],
      [`R/acme/dry@${pr7.children[1]}`, true],
      [`R/acme/dry@${pr7.children[2]}`, true]
    ]);
    expect(await http(reg, basic).tags('acme/dry')).toEqual(['main', 'pr-7', 'pr-8']);
    expect(await http(reg, basic).status('acme/dry', pr7.children[1])).toBe(200);
    expect(run.summary).toContain('3 would be deleted (dry run: nothing was deleted), 1 kept, 0 not found.');
  });

  it('deletes pr-7 and its own children; main and its children stay intact; pr-8 is untouched', async () => {
    const { pr7, main, pr8 } = await seed(client, 'acme/app');
    const run = await runCleanupStep({ images: `${reg.host}/acme/app`, 'registry-auth': `${reg.host}=${USER}:${PASSWORD}` }, fetch);
    expect(run.error).toBeUndefined();
    const api = http(reg, basic);
    expect(await api.status('acme/app', 'pr-7')).toBe(404);
    expect(await api.status('acme/app', pr7.digest)).toBe(404);
    expect(await api.status('acme/app', pr7.children[1])).toBe(404); // pr-7's own arm64
    expect(await api.status('acme/app', pr7.children[2])).toBe(404); // pr-7's attestation
    expect(await api.status('acme/app', 'main')).toBe(200);
    for (const child of main.children) expect(await api.status('acme/app', child)).toBe(200); // shared amd64 included
    expect(await api.status('acme/app', 'pr-8')).toBe(200);
    expect(await api.status('acme/app', pr8.children[0])).toBe(200);
    expect(await api.tags('acme/app')).toEqual(['main', 'pr-8']);
    // main still resolves end to end through the client: index → every child manifest
    const index = JSON.parse((await client.getManifest('acme/app', 'main')).body) as { manifests: Array<{ digest: string }> };
    for (const m of index.manifests) expect((await client.getManifest('acme/app', m.digest)).digest).toBe(m.digest);

    const deleted = JSON.parse(run.outputs.deleted) as Array<{ digest: string; reason: string }>;
    expect(deleted.map((e) => e.digest)).toEqual([pr7.digest, pr7.children[1], pr7.children[2]]);
    expect(deleted.map((e) => e.reason)).toEqual([
      "tagged only with this pull request's tag pr-7",
      'linux/arm64 manifest of pr-7, referenced by no live tag',
      'attestation manifest of pr-7, referenced by no live tag'
    ]);
    expect(JSON.parse(run.outputs.kept)).toEqual([
      expect.objectContaining({ digest: main.children[0], reason: `linux/amd64 manifest of pr-7, also referenced by ${reg.host}/acme/app:main (${main.digest.slice(0, 19)}…)` })
    ]);
    expect(run.summary).toContain('| Registry | Reference/Digest | Action | Reason |');
    expect(run.summary).toContain(`| ${reg.host} | \`${reg.host}/acme/app:pr-7\` | 🗑️ deleted | tagged only with this pull request's tag pr-7 |`);
    // the password is only ever in the mask command
    expect(run.stdout.split(PASSWORD).length - 1).toBe(1);
    expect(run.stdout).toContain(`::add-mask::${PASSWORD}`);
  });

  it('a second run finds nothing left: pr-7 is reported as not found', async () => {
    const run = await runCleanupStep({ images: `${reg.host}/acme/app`, username: USER, password: PASSWORD }, fetch);
    expect(run.error).toBeUndefined();
    expect(JSON.parse(run.outputs.deleted)).toEqual([]);
    expect(run.summary).toContain('0 deleted, 0 kept, 1 not found.');
  });
});

real('cleanup on a registry with deletion disabled (storage.delete.enabled: false)', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ deleteEnabled: false });
  });
  afterAll(async () => reg?.stop());

  it('warns with the registry and how to enable deletion; nothing is deleted; the step passes', async () => {
    const client = new RegistryClient({ registry: reg.host, insecureHttp: true });
    const { pr7 } = await seed(client, 'acme/app');
    const run = await runCleanupStep({ images: `${reg.host}/acme/app` }, fetch);
    expect(run.error).toBeUndefined();
    expect(run.stdout).toContain(
      `::warning::Registry ${reg.host}: deleting manifests is disabled (HTTP 405 UNSUPPORTED), so 3 manifests of this pull request stay in acme/app. ` +
        'To let aim-build clean up PR images there, enable deletion: CNCF distribution / registry:2 with `storage.delete.enabled: true`'
    );
    expect(await http(reg).tags('acme/app')).toEqual(['main', 'pr-7', 'pr-8']);
    for (const d of [pr7.digest, ...pr7.children]) expect(await http(reg).status('acme/app', d)).toBe(200);
    expect(JSON.parse(run.outputs.deleted)).toEqual([]);
    const kept = JSON.parse(run.outputs.kept) as Array<{ reason: string }>;
    expect(kept).toHaveLength(4);
    expect(kept[0].reason).toBe(`not deleted: deletion is disabled on ${reg.host} (HTTP 405 UNSUPPORTED)`);
  });
});

real('cleanup with a token-auth registry account that may not delete', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ auth: { scheme: 'token', user: 'pusher', password: PASSWORD, actions: ['pull', 'push'] } });
  });
  afterAll(async () => reg?.stop());

  it('fails the step naming the registry, the repository and the fix; nothing is deleted', async () => {
    const client = new RegistryClient({ registry: reg.host, insecureHttp: true, credentials: { username: 'pusher', password: PASSWORD } });
    const { pr7 } = await seed(client, 'acme/app');
    const run = await runCleanupStep({ images: `${reg.host}/acme/app`, username: 'pusher', password: PASSWORD }, fetch);
    expect(run.error?.message).toMatch(new RegExp(`^the cleanup of pull request #7 failed: ${reg.host.replace(/\./g, '\\.')}/acme/app: Registry ${reg.host.replace(/\./g, '\\.')}: access denied: cannot delete from 'acme/app'`));
    expect(run.error?.message).toContain("The credentials of 'pusher' are valid but may not delete from this repository");
    expect(run.error?.message).not.toContain(PASSWORD);
    expect((await client.headManifest('acme/app', 'pr-7'))?.digest).toBe(pr7.digest);
    expect(run.summary).toContain('⚠️ not deleted');
  });
});
