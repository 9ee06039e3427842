/**
 * OCI distribution (registry v2) HTTP client over `fetch`.
 *
 * - Auth: answers the `WWW-Authenticate` challenge. Basic → the credentials on every request;
 *   Bearer → a token from the realm for `repository:NAME:<actions>` (cached per scope).
 *   Credentials are never logged and never put in error messages (the username may be).
 * - Retries: idempotent calls (GET/HEAD/PUT manifest/DELETE, starting an upload) are retried on
 *   5xx, 429 and connection errors, with exponential backoff and jitter (Retry-After honoured).
 * - Every attempt has a timeout that covers reading the body.
 * - Errors are {@link RegistryRequestError} (a core RegistryError) naming the registry, repository,
 *   HTTP status and the fix.
 * - TLS with a private CA: inject a `fetch` (or a `dispatcher` for Node's fetch) that trusts it,
 *   or start the action with NODE_EXTRA_CA_CERTS.
 */
import { createHash } from 'node:crypto';
import { mergeScopes, parseChallenge, repositoryScope, type AuthChallenge } from './challenge.js';
import { httpError, isRetryableNetworkError, networkError, RegistryRequestError, type Operation } from './errors.js';

export { RegistryRequestError } from './errors.js';
export type { RegistryErrorKind } from './errors.js';

export const MediaTypes = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json'
} as const;

/** Accept header for "give me whatever this tag is": index/list first, then single manifests. */
export const ALL_MANIFEST_TYPES: readonly string[] = [
  MediaTypes.ociIndex,
  MediaTypes.dockerManifestList,
  MediaTypes.ociManifest,
  MediaTypes.dockerManifest
];

export interface RegistryCredentials {
  username: string;
  password: string;
}

export interface RegistryClientOptions {
  /** registry host[:port] as users write it (`ghcr.io`, `registry.cn-hangzhou.aliyuncs.com`, `127.0.0.1:5000`); an `http://` prefix selects plain HTTP */
  registry: string;
  credentials?: RegistryCredentials;
  /** plain HTTP instead of HTTPS (local test registries) */
  insecureHttp?: boolean;
  /** default globalThis.fetch */
  fetch?: typeof fetch;
  /** passed as the non-standard `dispatcher` init option of Node's fetch (e.g. an undici Agent with a CA) */
  dispatcher?: unknown;
  /** per attempt, including reading the body; default 30 s */
  timeoutMs?: number;
  /** extra attempts for idempotent calls; default 3 */
  retries?: number;
  /** first backoff; doubles each retry, capped by maxBackoffMs; default 500 ms */
  backoffMs?: number;
  maxBackoffMs?: number;
  log?: (msg: string) => void;
  userAgent?: string;
  /** for tests */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface ManifestResult {
  digest: string;
  mediaType: string;
  /** the manifest exactly as served (digest is over these bytes) */
  body: string;
  size: number;
}

export interface ManifestHead {
  digest: string;
  mediaType: string;
  size: number;
}

export interface PingResult {
  /** `Docker-Distribution-Api-Version` header, e.g. registry/2.0 */
  apiVersion?: string;
  /** /v2/ answered 401 without credentials */
  authRequired: boolean;
  /** the challenge scheme: basic or bearer */
  authScheme?: string;
  /** credentials were given and accepted */
  authenticated: boolean;
}

interface HttpResult {
  status: number;
  headers: Headers;
  body: Buffer;
  url: string;
  /** attempts made when retries happened */
  attempts?: number;
}

interface RequestSpec {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';
  /** '/v2/…' or an absolute URL (upload Location) */
  path: string;
  op: Operation;
  repository?: string;
  /** actions for the Bearer scope; none → a token without scope */
  actions?: string[];
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  /** retry on 5xx/429/connection errors */
  retry: boolean;
  ref?: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export class RegistryClient {
  readonly registry: string;
  private readonly base: string;
  private readonly fetchFn: typeof fetch;
  private readonly opts: RegistryClientOptions;
  private basicHeader?: string;
  /** bearer tokens by scope key */
  private readonly tokens = new Map<string, { token: string; expires: number }>();
  /** the last challenge seen */
  private challenge?: AuthChallenge;

  /** the scheme of the last auth challenge ('basic' / 'bearer'), once one was seen */
  get authScheme(): string | undefined {
    return this.challenge?.scheme;
  }

  constructor(opts: RegistryClientOptions) {
    this.opts = opts;
    let reg = opts.registry.replace(/\/+$/, '');
    let scheme = opts.insecureHttp ? 'http' : 'https';
    const m = /^(https?):\/\/(.*)$/i.exec(reg);
    if (m) {
      scheme = m[1].toLowerCase();
      reg = m[2];
    }
    this.registry = reg;
    // docker.io is the name; the API lives elsewhere.
    const apiHost = reg === 'docker.io' || reg === 'index.docker.io' ? 'registry-1.docker.io' : reg;
    this.base = `${scheme}://${apiHost}`;
    this.fetchFn = opts.fetch ?? globalThis.fetch.bind(globalThis);
  }

  // ---------------------------------------------------------------- public API

  /** GET /v2/. Without credentials a 401 is a normal answer (authRequired); with them, they are verified. */
  async ping(): Promise<PingResult> {
    const first = await this.send({ method: 'GET', path: '/v2/', op: 'ping', retry: true }, { noAuth: true });
    const apiVersion = first.headers.get('docker-distribution-api-version') ?? undefined;
    if (first.status === 200) return { apiVersion, authRequired: false, authenticated: false };
    if (first.status !== 401) throw this.fail({ method: 'GET', path: '/v2/', op: 'ping', retry: true }, first);
    const ch = parseChallenge(first.headers.get('www-authenticate'));
    if (ch) this.challenge = ch;
    if (!this.opts.credentials) return { apiVersion, authRequired: true, authScheme: ch?.scheme, authenticated: false };
    const res = await this.send({ method: 'GET', path: '/v2/', op: 'ping', retry: true });
    if (res.status !== 200) throw this.fail({ method: 'GET', path: '/v2/', op: 'ping', retry: true }, res);
    return { apiVersion, authRequired: true, authScheme: ch?.scheme, authenticated: true };
  }

  /** All tags, following `Link: <…>; rel="next"` pages. A repository that does not exist yet has no tags. */
  async listTags(repository: string, pageSize = 100): Promise<string[]> {
    const tags: string[] = [];
    let path: string | undefined = `/v2/${repository}/tags/list?n=${pageSize}`;
    for (let page = 0; path && page < 10_000; page++) {
      const spec: RequestSpec = { method: 'GET', path, op: 'list', repository, actions: ['pull'], retry: true };
      const res = await this.send(spec);
      if (res.status === 404 && page === 0) {
        const code = safeJson<{ errors?: Array<{ code?: string }> }>(res.body)?.errors?.[0]?.code;
        if (code === 'NAME_UNKNOWN') return [];
      }
      if (res.status !== 200) throw this.fail(spec, res);
      const parsed = safeJson<{ tags?: string[] | null }>(res.body);
      if (!parsed) throw this.protocolError(spec, 'tag list is not JSON');
      tags.push(...(parsed.tags ?? []));
      path = nextLink(res.headers.get('link'));
    }
    return tags;
  }

  async getManifest(repository: string, ref: string, accept: readonly string[] = ALL_MANIFEST_TYPES): Promise<ManifestResult> {
    const spec = manifestRead('GET', repository, ref, accept);
    const res = await this.send(spec);
    if (res.status !== 200) throw this.fail(spec, res);
    const computed = sha256(res.body);
    if (ref.startsWith('sha256:') && computed !== ref) {
      throw this.protocolError(spec, `manifest digest mismatch: asked for ${ref}, content is ${computed}`);
    }
    const body = res.body.toString('utf8');
    const mediaType = contentType(res.headers) ?? safeJson<{ mediaType?: string }>(res.body)?.mediaType ?? '';
    return { digest: res.headers.get('docker-content-digest') ?? computed, mediaType, body, size: res.body.length };
  }

  /** HEAD a manifest; `undefined` when the tag/digest does not exist. */
  async headManifest(repository: string, ref: string, accept: readonly string[] = ALL_MANIFEST_TYPES): Promise<ManifestHead | undefined> {
    const spec = manifestRead('HEAD', repository, ref, accept);
    const res = await this.send(spec);
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw this.fail(spec, res);
    const digest = res.headers.get('docker-content-digest');
    if (!digest) {
      // Some registries omit the digest on HEAD; fall back to GET.
      const full = await this.getManifest(repository, ref, accept);
      return { digest: full.digest, mediaType: full.mediaType, size: full.size };
    }
    return { digest, mediaType: contentType(res.headers) ?? '', size: Number(res.headers.get('content-length') ?? 0) };
  }

  /** PUT a manifest (index or image) under a tag or digest; returns its digest. */
  async putManifest(repository: string, ref: string, body: string | Uint8Array, mediaType: string): Promise<string> {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
    const spec: RequestSpec = {
      method: 'PUT',
      path: `/v2/${repository}/manifests/${ref}`,
      op: 'push',
      repository,
      ref,
      actions: ['pull', 'push'],
      headers: { 'content-type': mediaType },
      body: bytes,
      retry: true
    };
    const res = await this.send(spec);
    if (res.status !== 201 && res.status !== 200) throw this.fail(spec, res);
    return res.headers.get('docker-content-digest') ?? sha256(bytes);
  }

  /** DELETE a manifest by digest (tags cannot be deleted through the API). */
  async deleteManifest(repository: string, digest: string): Promise<void> {
    const spec: RequestSpec = { method: 'DELETE', path: `/v2/${repository}/manifests/${digest}`, op: 'delete', repository, ref: digest, actions: ['delete'], retry: true };
    const res = await this.send(spec);
    if (res.status !== 202 && res.status !== 200 && res.status !== 204) throw this.fail(spec, res);
  }

  /** GET a blob and verify its digest. */
  async getBlob(repository: string, digest: string): Promise<Buffer> {
    const spec: RequestSpec = { method: 'GET', path: `/v2/${repository}/blobs/${digest}`, op: 'pull', repository, ref: digest, actions: ['pull'], retry: true };
    const res = await this.send(spec);
    if (res.status !== 200) throw this.fail(spec, res);
    const computed = sha256(res.body);
    if (computed !== digest) throw this.protocolError(spec, `blob digest mismatch: asked for ${digest}, content is ${computed}`);
    return res.body;
  }

  /** Does the blob exist in this repository? */
  async hasBlob(repository: string, digest: string): Promise<boolean> {
    const spec: RequestSpec = { method: 'HEAD', path: `/v2/${repository}/blobs/${digest}`, op: 'pull', repository, ref: digest, actions: ['pull'], retry: true };
    const res = await this.send(spec);
    if (res.status === 200) return true;
    if (res.status === 404) return false;
    throw this.fail(spec, res);
  }

  /**
   * Upload a small blob monolithically (POST then PUT ?digest=); skipped when it exists.
   * The POST+PUT pair is retried as a unit, so a push cut off mid-body starts a fresh upload.
   */
  async uploadBlob(repository: string, data: Uint8Array): Promise<{ digest: string; size: number }> {
    const bytes = Buffer.from(data);
    const digest = sha256(bytes);
    if (await this.hasBlob(repository, digest)) return { digest, size: bytes.length };
    const retries = this.opts.retries ?? 3;
    for (let attempt = 0; ; attempt++) {
      try {
        const location = await this.startUpload(repository, false);
        const url = new URL(location);
        url.searchParams.set('digest', digest);
        const spec: RequestSpec = {
          method: 'PUT',
          path: url.toString(),
          op: 'push',
          repository,
          actions: ['pull', 'push'],
          headers: { 'content-type': 'application/octet-stream' },
          body: bytes,
          retry: false
        };
        const res = await this.send(spec);
        if (res.status !== 201 && res.status !== 204) throw this.fail(spec, res, attempt + 1);
        return { digest, size: bytes.length };
      } catch (e) {
        if (attempt >= retries || !isRetryable(e)) throw e;
        const wait = this.backoff(attempt);
        this.log(`blob upload to ${repository} failed (${(e as Error).message}); retrying in ${wait} ms`);
        await this.sleep(wait);
      }
    }
  }

  /**
   * Permission preflight: start a blob upload (needs push) and cancel it at once. Nothing is left
   * behind. Throws a RegistryRequestError ('auth' / 'denied' / …) with the fix when not allowed.
   */
  async checkPushAccess(repository: string): Promise<void> {
    const location = await this.startUpload(repository, true);
    const spec: RequestSpec = { method: 'DELETE', path: location, op: 'push', repository, actions: ['pull', 'push'], retry: true };
    try {
      const res = await this.send(spec);
      if (res.status !== 204 && res.status !== 202 && res.status !== 200 && res.status !== 404) {
        this.log(`could not cancel the preflight upload in ${repository} (HTTP ${res.status}); the registry purges it later`);
      }
    } catch (e) {
      this.log(`could not cancel the preflight upload in ${repository} (${(e as Error).message}); the registry purges it later`);
    }
  }

  // ---------------------------------------------------------------- internals

  /** POST /v2/<repo>/blobs/uploads/ → absolute Location URL. */
  private async startUpload(repository: string, retry: boolean): Promise<string> {
    const spec: RequestSpec = { method: 'POST', path: `/v2/${repository}/blobs/uploads/`, op: 'push', repository, actions: ['pull', 'push'], retry };
    const res = await this.send(spec);
    if (res.status !== 202) throw this.fail(spec, res);
    const loc = res.headers.get('location');
    if (!loc) throw this.protocolError(spec, 'upload started (202) without a Location header');
    return new URL(loc, res.url).toString();
  }

  /**
   * One logical request: attaches cached auth, answers one 401 challenge, retries transient failures.
   * Returns the final response (any status) or throws for network errors.
   */
  private async send(spec: RequestSpec, o: { noAuth?: boolean } = {}): Promise<HttpResult> {
    const scopeKey = spec.repository && spec.actions ? repositoryScope(spec.repository, spec.actions) : '';
    const sent = o.noAuth ? undefined : this.cachedAuth(scopeKey);
    let res = await this.attemptWithRetries(spec, sent);
    if (res.status !== 401 || o.noAuth) return res;

    const ch = parseChallenge(res.headers.get('www-authenticate'));
    if (!ch) return res;
    this.challenge = ch;
    let header: string | undefined;
    if (ch.scheme === 'basic') {
      if (!this.opts.credentials) return res;
      // Rejected only if THIS request carried the credentials: concurrent first requests of a new
      // client all see the challenge, and the first one to return must not fail the others.
      if (sent !== undefined && sent === this.basicHeader) return res;
      this.basicHeader = basic(this.opts.credentials);
      header = this.basicHeader;
    } else if (ch.scheme === 'bearer') {
      // No token yet, or the cached one expired/was revoked: get a fresh one, once.
      header = `Bearer ${await this.fetchToken(ch, scopeKey, spec)}`;
    } else {
      return res;
    }
    res = await this.attemptWithRetries(spec, header);
    return res;
  }

  private cachedAuth(scopeKey: string): string | undefined {
    if (this.basicHeader) return this.basicHeader;
    const t = this.tokens.get(scopeKey);
    if (t && t.expires > Date.now()) return `Bearer ${t.token}`;
    if (t) this.tokens.delete(scopeKey);
    return undefined;
  }

  private async fetchToken(ch: AuthChallenge, scopeKey: string, spec: RequestSpec): Promise<string> {
    const realm = ch.params.realm;
    if (!realm) throw this.protocolError(spec, 'Bearer challenge without realm');
    const url = new URL(realm);
    if (ch.params.service) url.searchParams.set('service', ch.params.service);
    // Ask for our scope and whatever the registry said it needs (e.g. distribution wants
    // `delete` to cancel an upload); token servers grant the intersection with the account's rights.
    for (const scope of mergeScopes([scopeKey, ch.params.scope ?? ''])) url.searchParams.append('scope', scope);
    const headers: Record<string, string> = { 'user-agent': this.opts.userAgent ?? 'aim-build' };
    if (this.opts.credentials) headers.authorization = basic(this.opts.credentials);
    const tokenSpec: RequestSpec = { ...spec, method: 'GET', path: url.toString(), headers, body: undefined, retry: true };
    const res = await this.attemptWithRetries(tokenSpec, undefined, true);
    if (res.status !== 200) {
      // A token endpoint that refuses the credentials is the same as a 401 from the registry.
      throw this.fail(spec, res);
    }
    const parsed = safeJson<{ token?: string; access_token?: string; expires_in?: number }>(res.body);
    const token = parsed?.token ?? parsed?.access_token;
    if (!token) throw this.protocolError(spec, 'token endpoint answered without a token');
    const ttl = Math.max(30, parsed?.expires_in ?? 60) * 1000;
    this.tokens.set(scopeKey, { token, expires: Date.now() + ttl - 10_000 });
    return token;
  }

  private async attemptWithRetries(spec: RequestSpec, authorization: string | undefined, rawHeaders = false): Promise<HttpResult> {
    const retries = spec.retry ? (this.opts.retries ?? 3) : 0;
    for (let attempt = 0; ; attempt++) {
      let res: HttpResult | undefined;
      let err: RegistryRequestError | undefined;
      try {
        res = await this.attempt(spec, authorization, rawHeaders);
      } catch (e) {
        if (!(e instanceof RegistryRequestError)) throw e;
        err = e;
      }
      const transient = err ? isRetryableNetworkError(err) : res!.status === 429 || (res!.status >= 500 && res!.status !== 501);
      if (!transient || attempt >= retries) {
        if (err) throw err;
        return { ...res!, attempts: attempt + 1 };
      }
      const retryAfter = res ? Number(res.headers.get('retry-after')) : NaN;
      const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, this.opts.maxBackoffMs ?? 8_000) : this.backoff(attempt);
      this.log(`${spec.method} ${describe(spec.path)} ${err ? `failed: ${err.detail}` : `-> HTTP ${res!.status}`}; retry ${attempt + 1}/${retries} in ${wait} ms`);
      await this.sleep(wait);
    }
  }

  private async attempt(spec: RequestSpec, authorization: string | undefined, rawHeaders: boolean): Promise<HttpResult> {
    const url = /^https?:\/\//.test(spec.path) ? spec.path : `${this.base}${spec.path}`;
    const headers: Record<string, string> = rawHeaders ? { ...spec.headers } : { 'user-agent': this.opts.userAgent ?? 'aim-build', ...spec.headers };
    if (authorization) headers.authorization = authorization;
    const timeoutMs = this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const ac = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ac.abort();
    }, timeoutMs);
    try {
      const init: RequestInit & { dispatcher?: unknown } = {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : typeof spec.body === 'string' ? spec.body : new Uint8Array(spec.body),
        redirect: 'follow',
        signal: ac.signal
      };
      if (this.opts.dispatcher !== undefined) init.dispatcher = this.opts.dispatcher;
      const r = await this.fetchFn(url, init);
      const body = spec.method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(await r.arrayBuffer());
      this.log(`${spec.method} ${describe(url)} -> ${r.status}`);
      return { status: r.status, headers: r.headers, body, url: r.url || url };
    } catch (e) {
      const err = networkError(this.registry, spec.op, spec.repository, e, timedOut ? timeoutMs : undefined);
      this.log(`${spec.method} ${describe(url)} failed: ${err.detail}`);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The error for a non-success answer to `spec` (also a token endpoint's refusal: the same as a 401). */
  private fail(spec: RequestSpec, res: HttpResult, attempts?: number): RegistryRequestError {
    const ch = parseChallenge(res.headers.get('www-authenticate'));
    return httpError({
      registry: this.registry,
      op: spec.op,
      repository: spec.repository,
      status: res.status,
      body: res.body.toString('utf8'),
      hadCredentials: !!this.opts.credentials,
      username: this.opts.credentials?.username,
      insufficientScope: /insufficient_scope/.test(ch?.params.error ?? ''),
      attempts: attempts ?? res.attempts,
      ref: spec.ref
    });
  }

  private protocolError(spec: RequestSpec, detail: string): RegistryRequestError {
    return new RegistryRequestError(this.registry, `${detail} (${spec.method} ${describe(spec.path)})`, 'This registry answered in a way this action does not understand; report it with the log', 'protocol', spec.repository);
  }

  private backoff(attempt: number): number {
    const base = this.opts.backoffMs ?? 500;
    const cap = this.opts.maxBackoffMs ?? 8_000;
    const exp = Math.min(cap, base * 2 ** attempt);
    const r = (this.opts.random ?? Math.random)();
    return Math.round(exp / 2 + (exp / 2) * r);
  }

  private sleep(ms: number): Promise<void> {
    return this.opts.sleep ? this.opts.sleep(ms) : new Promise((resolve) => setTimeout(resolve, ms));
  }

  private log(msg: string): void {
    this.opts.log?.(`[registry ${this.registry}] ${msg}`);
  }
}

// ------------------------------------------------------------------ helpers

function basic(c: RegistryCredentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}`;
}

/** A GET or HEAD of a manifest: pull scope, the accepted media types, retried. */
function manifestRead(method: 'GET' | 'HEAD', repository: string, ref: string, accept: readonly string[]): RequestSpec {
  return { method, path: `/v2/${repository}/manifests/${ref}`, op: 'pull', repository, ref, actions: ['pull'], headers: { accept: accept.join(', ') }, retry: true };
}

export function sha256(data: Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

function safeJson<T>(body: Buffer): T | undefined {
  try {
    return JSON.parse(body.toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

function contentType(h: Headers): string | undefined {
  const ct = h.get('content-type');
  return ct ? ct.split(';')[0].trim() : undefined;
}

/** `<\/v2/r/tags/list?last=x&n=2>; rel="next"` → the URL, or undefined. */
export function nextLink(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part);
    if (m) return m[1];
  }
  return undefined;
}

/** path (and host) without query strings, which may carry upload state tokens */
function describe(url: string): string {
  return url.replace(/\?.*$/, '');
}

function isRetryable(e: unknown): boolean {
  if (!(e instanceof RegistryRequestError)) return false;
  if (e.status !== undefined) return e.status === 429 || (e.status >= 500 && e.status !== 501);
  return isRetryableNetworkError(e);
}
