/**
 * Regression: a NEW client answering a Basic challenge for several requests at once. Every first
 * request gets the 401; the client must send the credentials for each of them, and report
 * "rejected" only for a request that already carried them. Real htpasswd registry.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RegistryClient } from '../../src/adapters/registry/client.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { requireReal, toolRequirement } from '../helpers/tools.js';

const REAL = requireReal('registry-client-concurrency', [toolRequirement('/usr/bin/docker-registry'), toolRequirement('htpasswd')]);
const real = REAL ? describe : describe.skip;
const CREDS = { username: 'alice', password: `pw-${Math.random().toString(36).slice(2)}` };

real('RegistryClient with Basic auth under concurrency (real registry)', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ auth: { user: CREDS.username, password: CREDS.password } });
  });
  afterAll(async () => reg?.stop());

  it('eight concurrent first requests on a fresh client all authenticate', async () => {
    const c = new RegistryClient({ registry: reg.host, insecureHttp: true, credentials: CREDS });
    const digests = Array.from({ length: 8 }, (_, i) => `sha256:${String(i).repeat(64)}`);
    await expect(Promise.all(digests.map((d) => c.hasBlob('aim/race', d)))).resolves.toEqual(digests.map(() => false));
  });

  it('a wrong password is still reported as rejected, for every concurrent request', async () => {
    const c = new RegistryClient({ registry: reg.host, insecureHttp: true, credentials: { ...CREDS, password: 'wrong' } });
    const results = await Promise.allSettled([1, 2, 3].map((i) => c.hasBlob('aim/race', `sha256:${String(i).repeat(64)}`)));
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect(String((r as PromiseRejectedResult).reason.message)).toContain("credentials for user 'alice' were rejected");
    }
  });
});
