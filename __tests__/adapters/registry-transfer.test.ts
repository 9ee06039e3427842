/**
 * The transfer engine against REAL distribution registries (docker-registry on 127.0.0.1) with the
 * fault-injecting proxy in front: chunked uploads resuming from the registry's reported offset,
 * cross-repository mount, HEAD-skip, registry-to-registry streaming copy, streaming download,
 * Retry-After. Needs scripts/ci-setup.sh (fails under CI=true when a tool is missing).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileBlobSource, RegistryClient, type RegistryClientOptions } from '../../src/adapters/registry/client.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { requireReal, toolRequirement } from '../helpers/tools.js';

const REAL = requireReal('registry-transfer', [toolRequirement('/usr/bin/docker-registry'), toolRequirement('htpasswd')]);
const real = REAL ? describe : describe.skip;
const USER = 'alice';
const PASSWORD = `pw-${Math.random().toString(36).slice(2)}`;
const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function client(host: string, extra: Partial<RegistryClientOptions> = {}): RegistryClient & { logs: string[]; sleeps: number[] } {
  const logs: string[] = [];
  const sleeps: number[] = [];
  const c = new RegistryClient({
    registry: host,
    insecureHttp: true,
    credentials: { username: USER, password: PASSWORD },
    backoffMs: 5,
    timeoutMs: 10_000,
    onSecret: () => undefined,
    log: (m) => logs.push(m),
    sleep: async (ms) => void sleeps.push(ms),
    ...extra
  });
  return Object.assign(c, { logs, sleeps });
}

real('transfer engine on a real registry behind a fault-injecting proxy', () => {
  let reg: TestRegistry;
  let other: TestRegistry;
  let dir: string;
  beforeAll(async () => {
    reg = await startRegistry({ auth: { user: USER, password: PASSWORD, scheme: 'token' }, failures: [] });
    other = await startRegistry({ auth: { user: USER, password: PASSWORD }, failures: [] });
    dir = mkdtempSync(path.join(os.tmpdir(), 'aim-transfer-'));
  });
  afterAll(async () => {
    await reg?.stop();
    await other?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a chunked upload cut mid-body resumes from the offset the registry reports, not from zero', async () => {
    const data = randomBytes(5 * 1024 * 1024 + 123);
    const file = path.join(dir, 'big');
    writeFileSync(file, data);
    const c = client(reg.host, { chunkBytes: 1024 * 1024 });
    // the third chunk (PATCH) is cut after 300 KiB of its body
    reg.proxy!.setRules([{ method: 'PATCH', path: /\/blobs\/uploads\//, skip: 2, times: 1, action: { kind: 'cut-request', afterBytes: 300 * 1024 } }]);
    const res = await c.pushBlob('aim/resume', fileBlobSource(file, sha(data), data.length));
    expect(res.status).toBe('uploaded');
    expect(reg.proxy!.applied(0)).toBe(1);
    const resumed = c.logs.find((l) => /resumes at byte \d+ of/.test(l));
    expect(resumed).toBeDefined();
    const at = Number(/resumes at byte (\d+)/.exec(resumed!)![1]);
    expect(at).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    // one upload session: no second POST, and the status was asked with GET <location>
    const reqs = reg.proxy!.requests.filter((r) => r.path.includes('/aim/resume/'));
    expect(reqs.filter((r) => r.method === 'POST' && r.status === 202)).toHaveLength(1);
    expect(reqs.some((r) => r.method === 'GET' && r.path.includes('/blobs/uploads/'))).toBe(true);
    const out = path.join(dir, 'back');
    await expect(c.downloadBlob('aim/resume', sha(data), out)).resolves.toBe(data.length);
    expect(sha(readFileSync(out))).toBe(sha(data));
  });

  it('HEAD-skips a blob the repository has, and mounts one from another repository of the same registry', async () => {
    const data = randomBytes(200 * 1024);
    const c = client(reg.host);
    const first = await c.pushBlob('aim/src', { digest: sha(data), size: data.length, describe: 'mem', open: async function* (s, e) { yield data.subarray(s, e); } });
    expect(first.status).toBe('uploaded');
    const again = await c.pushBlob('aim/src', fileBlobSource('/nonexistent', sha(data), data.length));
    expect(again.status).toBe('exists');
    reg.proxy!.setRules([]);
    const before = reg.proxy!.requests.length;
    const mounted = await c.copyBlob(c, 'aim/src', { digest: sha(data), size: data.length }, 'aim/dst');
    expect(mounted.status).toBe('mounted');
    const sent = reg.proxy!.requests.slice(before);
    expect(sent.some((r) => r.method === 'POST' && /mount=sha256%3A[a-f0-9]{64}&from=aim%2Fsrc/.test(r.path) && r.status === 201)).toBe(true);
    expect(sent.some((r) => r.method === 'PATCH' || r.method === 'PUT')).toBe(false);
    await expect(c.getBlob('aim/dst', sha(data))).resolves.toEqual(data);
  });

  it('copies a blob registry to registry, streaming (Range reads when a chunk resumes)', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 7);
    const src = client(reg.host);
    await src.uploadBlob('aim/copy', data);
    await src.getBlob('aim/copy', sha(data));
    await src.downloadBlob('aim/copy', sha(data), path.join(dir, 'x'));
    const dst = client(other.host, { chunkBytes: 1024 * 1024 });
    other.proxy!.setRules([{ method: 'PATCH', path: /\/blobs\/uploads\//, skip: 1, times: 1, action: { kind: 'cut-request', afterBytes: 100 * 1024 } }]);
    const res = await dst.copyBlob(src, 'aim/copy', { digest: sha(data), size: data.length }, 'mirror/copy');
    expect(res.status).toBe('uploaded');
    expect(other.proxy!.applied(0)).toBe(1);
    await dst.downloadBlob('mirror/copy', sha(data), path.join(dir, 'copied'));
    expect(sha(readFileSync(path.join(dir, 'copied')))).toBe(sha(data));
  });

  it('429 with Retry-After is retried after the time the registry asked for', async () => {
    const c = client(reg.host);
    reg.proxy!.setRules([{ method: 'POST', path: /\/aim\/limited\/blobs\/uploads\//, times: 1, action: { kind: 'status', status: 429, headers: { 'retry-after': '7' } } }]);
    await c.uploadBlob('aim/limited', randomBytes(1000));
    expect(reg.proxy!.applied(0)).toBe(1);
    expect(c.sleeps).toContain(7000);
  });

  it('a download whose bytes do not match leaves no file', async () => {
    const c = client(reg.host, { retries: 0 });
    const data = randomBytes(1000);
    const { digest } = await c.uploadBlob('aim/dl', data);
    reg.proxy!.setRules([{ method: 'GET', path: /\/blobs\/sha256:/, times: 1, action: { kind: 'cut-response', afterBytes: 500 } }]);
    const out = path.join(dir, 'cut');
    await expect(c.downloadBlob('aim/dl', digest, out)).rejects.toThrow();
    expect(() => readFileSync(out)).toThrow();
  });
});
