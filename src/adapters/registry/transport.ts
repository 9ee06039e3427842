/**
 * Registry transport: one HTTP exchange at a time over `fetch`, with
 *  - timeouts on connect/headers and on IDLE (no byte sent or received for `timeoutMs`), never on
 *    the whole body, so a 10 GB layer on a slow link is not cut at 30 s;
 *  - bodies read with a cap (Content-Length checked before reading, reading stopped past the cap),
 *    or streamed to a sink (downloads), never buffered whole unless small;
 *  - request bodies that are buffers or re-openable streams (a retry opens the stream again);
 *  - redirects followed by hand: credentials go only to the registry's own origin, and an
 *    `https://` registry is never followed to `http://` (loopback excepted);
 *  - retries with exponential backoff and jitter on 429/5xx/timeouts/connection errors,
 *    honouring `Retry-After` (seconds or an HTTP date), capped.
 * Auth (challenges, tokens) is ./auth.ts; the API by noun is ./manifests.ts, ./blobs.ts, ./tags.ts.
 */
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isRetryableNetworkError, networkError, RegistryRequestError, type Operation } from './errors.js';
import { formatBytes } from '../../core/bytes.js';

export type RequestBody = Uint8Array | string | (() => AsyncIterable<Uint8Array>);

export interface RequestSpec {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';
  /** '/v2/…' or an absolute URL (upload Location, token realm) */
  path: string;
  op: Operation;
  repository?: string;
  /** actions for the Bearer scope; none → a token without scope */
  actions?: string[];
  /** more scopes for the same token (e.g. `repository:FROM:pull` for a cross-repository mount) */
  extraScopes?: string[];
  headers?: Record<string, string>;
  /** a buffer, or a function that opens the body stream (called again on a retry) */
  body?: RequestBody;
  /** retry on 5xx/429/connection errors */
  retry: boolean;
  ref?: string;
  /** largest success body read into memory (default 4 MiB); a larger one is a protocol error */
  maxBody?: number;
  /** what the body is, for the size error ("manifest", "tag list", …) */
  bodyWhat?: string;
  /** stream a 2xx body here instead of buffering it (downloads); called per chunk, awaited */
  sink?: (chunk: Uint8Array) => void | Promise<void>;
  /** hand a 2xx body back unread as `stream` (a registry-to-registry copy pulls it) */
  raw?: boolean;
}

export interface HttpResult {
  status: number;
  headers: Headers;
  /** the body (empty for HEAD and when streamed to a sink); error bodies are truncated to 64 KiB */
  body: Buffer;
  url: string;
  /** attempts made when retries happened */
  attempts?: number;
  /** the unread 2xx body of a `raw` request */
  stream?: ReadableStream<Uint8Array>;
}

export interface TransportOptions {
  registry: string;
  /** `https://host` or `http://host` of the registry API */
  origin: string;
  fetch: typeof fetch;
  dispatcher?: unknown;
  /** connect/headers timeout and idle timeout while a body flows; default 30 s */
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  maxBackoffMs?: number;
  userAgent?: string;
  log: (msg: string) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BODY = 4 * 1024 * 1024;
const MAX_ERROR_BODY = 64 * 1024;
const MAX_REDIRECTS = 5;
/** the longest `Retry-After` honoured as asked (a registry asking for more gets retried after this) */
const MAX_RETRY_AFTER_MS = 60_000;

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** `http://127.0.0.1:5000` → true: plain HTTP is allowed only to loopback when the registry is HTTPS. */
export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOST.test(url.hostname) || url.hostname === '::1';
}

/**
 * May a request that belongs to an `origin` registry go to `target`? `https://` registries are
 * never followed to `http://` URLs (except loopback ones). Other origins are allowed, but without
 * credentials (see {@link sameOrigin}).
 */
export function schemeAllowed(origin: string, target: URL): boolean {
  return !(origin.startsWith('https:') && target.protocol === 'http:' && !isLoopback(target));
}

export function sameOrigin(origin: string, url: string | URL): boolean {
  try {
    return new URL(url).origin === new URL(origin).origin;
  } catch {
    return false;
  }
}

export class Transport {
  constructor(readonly o: TransportOptions) {}

  get timeoutMs(): number {
    return this.o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Resolves `path` against the registry and checks the scheme rule. */
  resolve(spec: RequestSpec, base?: string): URL {
    const url = new URL(spec.path, base ?? this.o.origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw this.protocolError(spec, `refusing a ${url.protocol} URL`);
    if (!schemeAllowed(this.o.origin, url)) {
      throw new RegistryRequestError(
        this.o.registry,
        `refusing to send a request for this HTTPS registry to plain HTTP ${describe(url.toString())} (${spec.method})`,
        'The registry (or a proxy in front of it) sent an http:// URL; fix its configuration (e.g. the external URL of Harbor or distribution\'s http.host)',
        'protocol',
        spec.repository
      );
    }
    return url;
  }

  /** Retries transient failures of `once` (429, 5xx except 501, timeouts, connection errors). */
  async withRetries(spec: RequestSpec, once: () => Promise<HttpResult>): Promise<HttpResult> {
    const retries = spec.retry ? (this.o.retries ?? 3) : 0;
    for (let attempt = 0; ; attempt++) {
      let res: HttpResult | undefined;
      let err: RegistryRequestError | undefined;
      try {
        res = await once();
      } catch (e) {
        if (!(e instanceof RegistryRequestError)) throw e;
        err = e;
      }
      const transient = err ? isRetryableNetworkError(err) : isTransientStatus(res!.status);
      if (!transient || attempt >= retries) {
        if (err) throw err;
        return { ...res!, attempts: attempt + 1 };
      }
      const wait = this.waitFor(res, attempt);
      this.o.log(`${spec.method} ${describe(spec.path)} ${err ? `failed: ${err.detail}` : `-> HTTP ${res!.status}`}; retry ${attempt + 1}/${retries} in ${wait} ms`);
      await this.sleep(wait);
    }
  }

  /** `Retry-After` (seconds or an HTTP date) when the answer had one, capped at 60 s; else backoff with jitter. */
  waitFor(res: HttpResult | undefined, attempt: number): number {
    const cap = Math.max(this.o.maxBackoffMs ?? 8_000, MAX_RETRY_AFTER_MS);
    const header = res?.headers.get('retry-after');
    if (header) {
      const seconds = /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
      if (Number.isFinite(seconds) && seconds > 0) return Math.min(Math.round(seconds * 1000), cap);
    }
    return this.backoff(attempt);
  }

  backoff(attempt: number): number {
    const base = this.o.backoffMs ?? 500;
    const cap = this.o.maxBackoffMs ?? 8_000;
    const exp = Math.min(cap, base * 2 ** attempt);
    const r = (this.o.random ?? Math.random)();
    return Math.round(exp / 2 + (exp / 2) * r);
  }

  sleep(ms: number): Promise<void> {
    return this.o.sleep ? this.o.sleep(ms) : new Promise((resolve) => setTimeout(resolve, ms));
  }

  /**
   * One exchange, following redirects by hand. `authFor(url)` gives the Authorization header for a
   * URL (undefined for other origins). Returns any status; throws for network errors and timeouts.
   */
  async attempt(spec: RequestSpec, authFor: (url: URL) => string | undefined, extraHeaders: Record<string, string> = {}): Promise<HttpResult> {
    let url = this.resolve(spec);
    for (let hop = 0; ; hop++) {
      const res = await this.exchange(spec, url, authFor(url), extraHeaders);
      const location = res.location;
      if (location === undefined) return res.result;
      if (hop >= MAX_REDIRECTS) throw this.protocolError(spec, `more than ${MAX_REDIRECTS} redirects`);
      url = this.resolve({ ...spec, path: location }, url.toString());
      this.o.log(`${spec.method} redirected to ${describe(url.toString())}`);
    }
  }

  private async exchange(
    spec: RequestSpec,
    url: URL,
    authorization: string | undefined,
    extraHeaders: Record<string, string>
  ): Promise<{ result: HttpResult; location?: string }> {
    const headers: Record<string, string> = { 'user-agent': this.o.userAgent ?? 'aim-build', ...spec.headers, ...extraHeaders };
    if (authorization) headers.authorization = authorization;
    const timeoutMs = this.timeoutMs;
    const ac = new AbortController();
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let finished = false;
    /** (re)arms the idle timer: called when the request starts and on every chunk either way */
    const touch = (): void => {
      clearTimeout(timer);
      if (finished) return; // a late chunk of an abandoned upload body must not re-arm it
      timer = setTimeout(() => {
        timedOut = true;
        ac.abort();
      }, timeoutMs);
    };
    const shown = describe(url.toString());
    try {
      touch();
      const init: RequestInit & { dispatcher?: unknown } = { method: spec.method, headers, redirect: 'manual', signal: ac.signal };
      const body = spec.body;
      if (typeof body === 'function') {
        // Streamed uploads go over node:http(s): Node's fetch reads a streamed request body without
        // backpressure (a 600 MB PUT took 657 MB of RSS; node:http 83 MB).
        const open = body;
        const result = await streamUpload(url, spec.method, headers, async function* () {
          for await (const chunk of open()) {
            touch();
            yield chunk;
          }
        }, ac.signal, touch, spec.maxBody ?? DEFAULT_MAX_BODY);
        this.o.log(`${spec.method} ${shown} -> ${result.status}`);
        if (result.status >= 300 && result.status < 400) throw this.protocolError(spec, `redirect (HTTP ${result.status}) of an upload`);
        return { result: { ...result, url: url.toString() } };
      } else if (body !== undefined) {
        init.body = typeof body === 'string' ? body : (new Uint8Array(body.buffer, body.byteOffset, body.byteLength) as unknown as BodyInit);
      }
      if (this.o.dispatcher !== undefined) init.dispatcher = this.o.dispatcher;
      const r = await this.o.fetch(url.toString(), init);
      touch();
      this.o.log(`${spec.method} ${shown} -> ${r.status}`);
      if (r.status >= 300 && r.status < 400 && r.status !== 304 && r.headers.get('location')) {
        await r.body?.cancel().catch(() => undefined);
        // a redirect of a streamed upload cannot be replayed here
        if (typeof body === 'function') throw this.protocolError(spec, `redirect (HTTP ${r.status}) of an upload`);
        return { result: { status: r.status, headers: r.headers, body: Buffer.alloc(0), url: url.toString() }, location: r.headers.get('location')! };
      }
      const ok = r.status >= 200 && r.status < 300;
      let buf: Buffer;
      if (ok && spec.raw && r.body) {
        return { result: { status: r.status, headers: r.headers, body: Buffer.alloc(0), url: url.toString(), stream: r.body } };
      } else if (spec.method === 'HEAD' || !r.body) {
        buf = Buffer.alloc(0);
      } else if (ok && spec.sink) {
        const sink = spec.sink;
        await readStream(r.body, touch, async (chunk) => {
          await sink(chunk);
        });
        buf = Buffer.alloc(0);
      } else {
        const cap = ok ? (spec.maxBody ?? DEFAULT_MAX_BODY) : MAX_ERROR_BODY;
        const declared = Number(r.headers.get('content-length') ?? NaN);
        if (ok && Number.isFinite(declared) && declared > cap) {
          await r.body.cancel().catch(() => undefined);
          throw this.tooLarge(spec, cap, `Content-Length ${declared}`);
        }
        const parts: Buffer[] = [];
        let size = 0;
        const over = await readStream(r.body, touch, (chunk) => {
          const room = cap - size;
          if (chunk.length > room) {
            if (room > 0) parts.push(Buffer.from(chunk.subarray(0, room)));
            size = cap;
            return 'stop';
          }
          parts.push(Buffer.from(chunk));
          size += chunk.length;
          return undefined;
        });
        if (over && ok) throw this.tooLarge(spec, cap, 'more bytes');
        buf = Buffer.concat(parts, size);
      }
      return { result: { status: r.status, headers: r.headers, body: buf, url: url.toString() } };
    } catch (e) {
      if (e instanceof RegistryRequestError) throw e;
      const err = networkError(this.o.registry, spec.op, spec.repository, e, timedOut ? timeoutMs : undefined);
      this.o.log(`${spec.method} ${shown} failed: ${err.detail}`);
      throw err;
    } finally {
      finished = true;
      clearTimeout(timer);
    }
  }

  private tooLarge(spec: RequestSpec, cap: number, seen: string): RegistryRequestError {
    const what = spec.bodyWhat ?? 'response';
    return new RegistryRequestError(
      this.o.registry,
      `the ${what} is larger than ${formatBytes(cap, 0)} (${seen}; ${spec.method} ${describe(spec.path)}); stopped reading`,
      `A registry does not serve a ${what} this large; check the registry address and the repository, or whether a proxy in front of the registry answers instead`,
      'protocol',
      spec.repository
    );
  }

  protocolError(spec: { method: string; path: string; repository?: string }, detail: string): RegistryRequestError {
    return new RegistryRequestError(this.o.registry, `${detail} (${spec.method} ${describe(spec.path)})`, 'This registry answered in a way this action does not understand; report it with the log', 'protocol', spec.repository);
  }
}

/**
 * A PUT/PATCH whose body streams from `open()` with backpressure (node:http or node:https; a
 * private CA comes from NODE_EXTRA_CA_CERTS). The answer's body is read capped (64 KiB for errors).
 */
function streamUpload(
  url: URL,
  method: string,
  headers: Record<string, string>,
  open: () => AsyncIterable<Uint8Array>,
  signal: AbortSignal,
  touch: () => void,
  maxBody: number
): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (e: unknown): void => {
      if (settled) return;
      settled = true;
      req.destroy();
      reject(e);
    };
    const req = mod.request(url, { method, headers, signal }, (res) => {
      touch();
      const status = res.statusCode ?? 0;
      const cap = status >= 200 && status < 300 ? maxBody : MAX_ERROR_BODY;
      const parts: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        touch();
        if (size >= cap) return;
        const part = chunk.subarray(0, cap - size);
        parts.push(part);
        size += part.length;
      });
      res.on('error', fail);
      res.on('end', () => {
        if (settled) return;
        settled = true;
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v);
        resolve({ status, headers: h, body: Buffer.concat(parts, size) });
      });
    });
    req.on('error', fail);
    pipeline(Readable.from(open(), { objectMode: false }), req).catch((e: unknown) => {
      // an early answer (401, 4xx) may end the upload before the body is sent: the answer wins
      if (!settled) setTimeout(() => fail(e), 50);
    });
  });
}

/** Reads a web stream chunk by chunk; `onChunk` returning 'stop' cancels it (returns true then). */
async function readStream(body: ReadableStream<Uint8Array>, touch: () => void, onChunk: (chunk: Uint8Array) => 'stop' | undefined | void | Promise<void>): Promise<boolean> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      touch();
      if ((await onChunk(value)) === 'stop') {
        await reader.cancel().catch(() => undefined);
        return true;
      }
    }
  } finally {
    reader.releaseLock();
  }
}

export function isTransientStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501);
}

/** path (and host) without query strings, which may carry upload state tokens */
export function describe(url: string): string {
  return url.replace(/\?.*$/, '');
}

