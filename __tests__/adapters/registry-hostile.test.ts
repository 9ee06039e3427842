/**
 * The registry client against HOSTILE registries: small node:http servers on 127.0.0.1 that lie
 * about digests, send credentials' holders to other origins, or stream endless bodies.
 * (Security issue items: a registry choosing file paths; credentials following URLs; unbounded bodies.)
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { RegistryClient, RegistryRequestError, type RegistryClientOptions } from '../../src/adapters/registry/client.js';
import { pullToLayout } from '../../src/adapters/scan/pull-layout.js';
import { useRunnerIO } from '../../src/adapters/github/runner.js';
import { blobPath, isDigest, MAX_MANIFEST_BYTES, OCI_MANIFEST } from '../../src/core/oci.js';

interface Seen {
  method: string;
  url: string;
  authorization?: string;
}

interface Hostile {
  url: string;
  host: string;
  seen: Seen[];
  /** bytes of response bodies written so far */
  written: { bytes: number };
  stop(): Promise<void>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, h: Hostile) => void;

const servers: Hostile[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function hostile(handler: Handler): Promise<Hostile> {
  const seen: Seen[] = [];
  const written = { bytes: 0 };
  const box: { self?: Hostile } = {};
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    const write = res.write.bind(res) as (chunk: Buffer | string, cb?: (e?: Error | null) => void) => boolean;
    res.write = ((chunk: Buffer | string, ...rest: unknown[]) => {
      written.bytes += Buffer.byteLength(chunk);
      return write(chunk, ...(rest as []));
    }) as typeof res.write;
    req.on('data', () => undefined);
    handler(req, res, box.self!);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const self: Hostile = {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    seen,
    written,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  };
  box.self = self;
  servers.push(self);
  return self;
}

function client(host: string, extra: Partial<RegistryClientOptions> = {}): RegistryClient {
  return new RegistryClient({ registry: host, insecureHttp: true, backoffMs: 1, retries: 1, timeoutMs: 5_000, credentials: { username: 'alice', password: 'pw-secret' }, onSecret: () => undefined, ...extra });
}

const sha = (b: Buffer | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function rejection(p: Promise<unknown>): Promise<RegistryRequestError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    return e as RegistryRequestError;
  }
  throw new Error('expected a rejection');
}

describe('core OCI digests and blob paths', () => {
  it('accepts only sha256:<64 hex> / sha512:<128 hex> and builds every blob path from them', () => {
    const good = `sha256:${'a'.repeat(64)}`;
    expect(isDigest(good)).toBe(true);
    expect(isDigest(`sha512:${'b'.repeat(128)}`)).toBe(true);
    for (const bad of ['sha256:../../../../tmp/x', `sha256:${'A'.repeat(64)}`, `sha256:${'a'.repeat(63)}`, `md5:${'a'.repeat(32)}`, `sha256:${'a'.repeat(64)}\n`, '', 'sha256:', `sha256:${'a'.repeat(64)}/..`]) {
      expect(isDigest(bad)).toBe(false);
      expect(() => blobPath('/layout', bad)).toThrow(/not a digest/);
    }
    expect(blobPath('/layout/', good)).toBe(`/layout/blobs/sha256/${'a'.repeat(64)}`);
  });
});

describe('a registry cannot choose file paths or digests (hostile server on loopback)', () => {
  const manifest = JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha('{}'), size: 2 }, layers: [] });

  it('a Docker-Content-Digest that is a path is an error, and pull writes nothing outside the layout', async () => {
    const escape = `aim-build-escape-${randomBytes(6).toString('hex')}`;
    const target = path.join(os.tmpdir(), escape);
    const reg = await hostile((_req, res) => {
      res.writeHead(200, { 'content-type': OCI_MANIFEST, 'docker-content-digest': `sha256:../../../../../../../..${os.tmpdir()}/${escape}` });
      res.end(manifest);
    });
    const dest = mkdtempSync(path.join(os.tmpdir(), 'aim-pull-'));
    try {
      const e = await rejection(pullToLayout(client(reg.host), 'acme/app', 'latest', dest));
      expect(e.message).toMatch(/Docker-Content-Digest .* is not a digest/);
      expect(existsSync(target)).toBe(false);
      expect(readdirSync(path.join(dest, 'blobs', 'sha256'))).toEqual([]);
    } finally {
      rmSync(dest, { recursive: true, force: true });
    }
  });

  it('a well-formed Docker-Content-Digest that disagrees with the bytes is an error; the computed digest is returned otherwise', async () => {
    let lie = true;
    const reg = await hostile((_req, res) => {
      res.writeHead(200, { 'content-type': OCI_MANIFEST, 'docker-content-digest': lie ? `sha256:${'0'.repeat(64)}` : sha(manifest) });
      res.end(manifest);
    });
    const c = client(reg.host);
    expect((await rejection(c.getManifest('acme/app', 'latest'))).message).toMatch(/says the digest is sha256:0{64}, but the content is sha256:[a-f0-9]{64}/);
    lie = false;
    await expect(c.getManifest('acme/app', 'latest')).resolves.toMatchObject({ digest: sha(manifest) });
  });

  it('an index listing a child that is not a digest, or a layer whose bytes differ, leaves no file', async () => {
    const layer = Buffer.from('real layer');
    const evilIndex = JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: OCI_MANIFEST, digest: 'sha256:../../../etc/evil', size: 1, platform: { os: 'linux', architecture: 'amd64' } }] });
    const image = JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha('{}'), size: 2 }, layers: [{ mediaType: 'x', digest: sha(layer), size: layer.length }] });
    const reg = await hostile((req, res) => {
      if (req.url?.includes('/manifests/index')) return void res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json' }).end(evilIndex);
      if (req.url?.includes('/manifests/')) return void res.writeHead(200, { 'content-type': OCI_MANIFEST }).end(image);
      if (req.url?.endsWith(sha('{}'))) return void res.writeHead(200).end('{}');
      res.writeHead(200).end('NOT the layer bytes');
    });
    const dest = mkdtempSync(path.join(os.tmpdir(), 'aim-pull-'));
    try {
      expect((await rejection(pullToLayout(client(reg.host), 'acme/app', 'index', dest))).message).toMatch(/lists "sha256:..\/..\/..\/etc\/evil", which is not a digest/);
      const e = await rejection(pullToLayout(client(reg.host, { retries: 0 }), 'acme/app', 'single', dest));
      expect(e.message).toMatch(/blob digest mismatch/);
      const files = readdirSync(path.join(dest, 'blobs', 'sha256'));
      expect(files).not.toContain(sha(layer).slice(7));
      expect(files.filter((f) => f.includes('partial'))).toEqual([]);
    } finally {
      rmSync(dest, { recursive: true, force: true });
    }
  });
});

describe('credentials stay on the registry origin (two hostile origins on two ports)', () => {
  it('a tag-list Link to another origin is refused; that origin gets no request', async () => {
    const other = await hostile((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"tags":["stolen"]}'));
    const reg = await hostile((req, res) => {
      if (!req.headers.authorization) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end();
      res.writeHead(200, { 'content-type': 'application/json', link: `<${other.url}/v2/acme/app/tags/list?last=a&n=1>; rel="next"` }).end('{"tags":["a"]}');
    });
    const e = await rejection(client(reg.host).listTags('acme/app', 1));
    expect(e.message).toMatch(/next page of the tag list is on another host/);
    expect(other.seen).toEqual([]);
    expect(reg.seen.some((s) => s.authorization?.startsWith('Basic '))).toBe(true);
  });

  it('an upload Location on another origin gets the bytes without credentials', async () => {
    const other = await hostile((_req, res) => res.writeHead(201, { 'docker-content-digest': sha('blob') }).end());
    const reg = await hostile((req, res) => {
      if (!req.headers.authorization) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end();
      if (req.method === 'HEAD') return void res.writeHead(404).end();
      res.writeHead(202, { location: `${other.url}/upload/1?state=x` }).end();
    });
    await client(reg.host).uploadBlob('acme/app', Buffer.from('blob'));
    expect(other.seen.map((s) => s.method)).toEqual(['PUT']);
    expect(other.seen.every((s) => s.authorization === undefined)).toBe(true);
  });

  it('a redirect to another origin carries no credentials, and its challenge is not answered', async () => {
    const other = await hostile((req, res) => {
      if (req.url?.startsWith('/token')) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"t"}');
      res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${req.headers.host}/token",service="evil"` }).end();
    });
    const reg = await hostile((req, res) => {
      if (!req.headers.authorization) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end();
      res.writeHead(307, { location: `${other.url}/storage/blob` }).end();
    });
    const e = await rejection(client(reg.host).getBlob('acme/app', sha('x')));
    expect(e.status).toBe(401);
    expect(other.seen.map((s) => s.url)).toEqual(['/storage/blob']);
    expect(other.seen[0].authorization).toBeUndefined();
  });

  it('an HTTPS registry: an http:// token realm is refused before credentials go anywhere; tokens are masked', async () => {
    const tokenServer = await hostile((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"t0k3n-from-realm"}'));
    const reg = await hostile((req, res) => {
      if (req.headers.authorization === 'Bearer t0k3n-from-realm') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"tags":[]}');
      // realm on a non-loopback name over plain HTTP
      const realm = req.headers['x-realm'] === 'https' ? `https://token.example.test/token` : `http://token.example.test/token`;
      res.writeHead(401, { 'www-authenticate': `Bearer realm="${realm}",service="s"` }).end();
    });
    // The client talks to https://registry.example.test; this fetch (the one seam mocked) maps both
    // example.test names to the loopback servers, keeping everything else real.
    let realmScheme = 'http';
    const mapped: typeof fetch = (input, init) => {
      const u = new URL(String(input));
      const to = u.hostname === 'token.example.test' ? tokenServer : reg;
      const headers = new Headers(init?.headers);
      headers.set('x-realm', realmScheme);
      return fetch(`${to.url}${u.pathname}${u.search}`, { ...init, headers });
    };
    const secrets: string[] = [];
    const c = client('registry.example.test', { insecureHttp: false, fetch: mapped, onSecret: (s) => secrets.push(s) });
    const e = await rejection(c.listTags('acme/app'));
    expect(e.message).toMatch(/refusing the token realm http:\/\/token\.example\.test\/token/);
    expect(tokenServer.seen).toEqual([]);
    realmScheme = 'https';
    await expect(c.listTags('acme/app')).resolves.toEqual([]);
    expect(tokenServer.seen[0].authorization).toMatch(/^Basic /);
    expect(secrets).toEqual(['t0k3n-from-realm']);

    // by default (no onSecret) the runner masks it: ::add-mask:: on the job log, in Actions only
    const out: string[] = [];
    useRunnerIO({ GITHUB_ACTIONS: 'true' }, (t) => out.push(t));
    const saved = process.env.GITHUB_ACTIONS;
    process.env.GITHUB_ACTIONS = 'true';
    try {
      const d = new RegistryClient({ registry: 'registry.example.test', fetch: mapped, credentials: { username: 'alice', password: 'pw-secret' } });
      await expect(d.listTags('acme/app')).resolves.toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.GITHUB_ACTIONS;
      else process.env.GITHUB_ACTIONS = saved;
      useRunnerIO(process.env, (t) => void process.stdout.write(t));
    }
    expect(out.join('')).toContain('::add-mask::t0k3n-from-realm');
  });

  it('an https registry never follows an upload Location to plain http (non-loopback)', async () => {
    const reg = await hostile((req, res) => {
      if (req.method === 'HEAD') return void res.writeHead(404).end();
      res.writeHead(202, { location: 'http://storage.example.test/upload' }).end();
    });
    const mapped: typeof fetch = (input, init) => {
      const u = new URL(String(input));
      if (u.hostname !== 'registry.example.test') throw new Error(`unexpected request to ${u.hostname}`);
      return fetch(`${reg.url}${u.pathname}${u.search}`, init);
    };
    const e = await rejection(client('registry.example.test', { insecureHttp: false, credentials: undefined, fetch: mapped }).uploadBlob('acme/app', Buffer.from('b')));
    expect(e.message).toMatch(/refusing to send a request for this HTTPS registry to plain HTTP/);
  });
});

describe('bodies are capped (hostile server streaming without end)', () => {
  /** writes 1 MiB chunks until the client goes away or `limit` bytes */
  function endless(res: http.ServerResponse, limit: number, headers: Record<string, string | number> = {}, status = 200, prefix = ''): void {
    res.writeHead(status, { 'content-type': OCI_MANIFEST, ...headers });
    if (prefix) res.write(prefix);
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const pump = (): void => {
      while (sent < limit) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => (sent = limit));
    pump();
  }

  it('a 300 MB manifest stream stops at 4 MiB; memory stays bounded', async () => {
    const reg = await hostile((_req, res) => endless(res, 300 * 1024 * 1024));
    const before = process.memoryUsage().rss;
    const e = await rejection(client(reg.host).getManifest('acme/app', 'latest'));
    expect(e.message).toMatch(/manifest is larger than 4 MiB .*stopped reading/);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    await new Promise((r) => setTimeout(r, 50));
    expect(reg.written.bytes).toBeLessThan(64 * 1024 * 1024);
    expect(reg.written.bytes).toBeGreaterThan(MAX_MANIFEST_BYTES);
  });

  it('a Content-Length over the cap is refused before reading the body', async () => {
    const reg = await hostile((_req, res) => endless(res, 300 * 1024 * 1024, { 'content-length': 300 * 1024 * 1024 }));
    const e = await rejection(client(reg.host).getManifest('acme/app', 'latest'));
    expect(e.message).toMatch(/Content-Length 314572800/);
  });

  it('token, tag-list and error bodies are capped too', async () => {
    const reg = await hostile((req, res) => {
      if (req.url?.startsWith('/token')) return endless(res, 300 * 1024 * 1024);
      if (req.url?.includes('/tags/')) {
        if (!req.headers.authorization) return void res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${req.headers.host}/token"` }).end();
        return endless(res, 300 * 1024 * 1024);
      }
      endless(res, 300 * 1024 * 1024, {}, 500, `{"errors":[{"code":"UNKNOWN","message":"${'x'.repeat(200 * 1024)}`);
    });
    expect((await rejection(client(reg.host).listTags('acme/app'))).message).toMatch(/token answer is larger than 1 MiB/);
    const basicReg = await hostile((req, res) => {
      if (!req.headers.authorization) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end();
      endless(res, 300 * 1024 * 1024);
    });
    expect((await rejection(client(basicReg.host).listTags('acme/app'))).message).toMatch(/tag list is larger than 8 MiB/);
    const err = await rejection(client(reg.host, { retries: 0 }).getManifest('acme/app', 'latest'));
    expect(err.status).toBe(500);
    expect(err.message.length).toBeLessThan(2000);
  });
});

describe('timeouts cover connect/headers and idle, not the whole body (slow hostile server)', () => {
  const data = randomBytes(6 * 64 * 1024);
  /** sends `data` in 6 pieces, `gapMs` apart (one gap `stallMs` long) */
  function slow(gapMs: number, stallMs = gapMs): Handler {
    return (_req, res) => {
      res.writeHead(200, { 'content-length': data.length });
      let i = 0;
      const next = (): void => {
        if (res.destroyed) return;
        res.write(data.subarray(i * 65536, (i + 1) * 65536));
        i++;
        if (i === 6) return void res.end();
        setTimeout(next, i === 3 ? stallMs : gapMs).unref();
      };
      next();
    };
  }

  it('a body that keeps flowing may take longer than the timeout', async () => {
    const reg = await hostile(slow(150));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aim-slow-'));
    try {
      const started = Date.now();
      await expect(client(reg.host, { timeoutMs: 400, credentials: undefined }).downloadBlob('acme/app', sha(data), path.join(dir, 'b'))).resolves.toBe(data.length);
      expect(Date.now() - started).toBeGreaterThan(600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a body that stalls longer than the timeout fails with a timeout error', async () => {
    const reg = await hostile(slow(20, 1500));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aim-slow-'));
    try {
      const e = await rejection(client(reg.host, { timeoutMs: 400, retries: 0, credentials: undefined }).downloadBlob('acme/app', sha(data), path.join(dir, 'b')));
      expect(e.kind).toBe('timeout');
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
