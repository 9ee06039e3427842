/**
 * OCI distribution (registry v2) client: the one transfer engine of push, merge, cleanup, scan pull
 * and mirroring. This file is the facade; the seams are
 *   ./transport.ts  attempts, retries (429/5xx/timeouts, Retry-After), connect/headers and IDLE
 *                   timeouts, capped or streamed bodies, redirects;
 *   ./auth.ts       challenges, tokens, credentials scoped to the registry's origin;
 *   ./manifests.ts, ./tags.ts, ./blobs.ts   the API by noun (manifests and referrers, tags, blobs).
 * Errors are {@link RegistryRequestError} (a core RegistryError) naming the registry, repository,
 * HTTP status and the fix. TLS with a private CA: inject a `fetch` (or a `dispatcher` for Node's
 * fetch) that trusts it, or start the action with NODE_EXTRA_CA_CERTS.
 */
import { ALL_MANIFEST_TYPES, MediaTypes, type ImageIndex } from '../../core/oci.js';
import { Auth, TokenRefused, type RegistryCredentials } from './auth.js';
import * as blobs from './blobs.js';
import { parseChallenge } from './challenge.js';
import { digestOf } from './digest.js';
import { httpError, RegistryRequestError } from './errors.js';
import * as manifests from './manifests.js';
import type { Session } from './session.js';
import * as tags from './tags.js';
import { describe, sameOrigin, Transport, type HttpResult, type RequestSpec } from './transport.js';
import { setSecret } from '../github/runner.js';

export { RegistryRequestError } from './errors.js';
export type { RegistryErrorKind } from './errors.js';
export type { RegistryCredentials } from './auth.js';
export type { ManifestHead, ManifestResult } from './manifests.js';
export type { BlobPushOptions, BlobPushResult, BlobSource } from './blobs.js';
export { bufferBlobSource, fileBlobSource } from './blobs.js';
export { nextLink } from './tags.js';
export { ALL_MANIFEST_TYPES, MediaTypes };

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
  /** connect/headers timeout, and idle timeout while a body flows (not the whole body); default 30 s */
  timeoutMs?: number;
  /** extra attempts for idempotent calls, whole uploads and chunk resumes; default 3 */
  retries?: number;
  /** first backoff; doubles each retry, capped by maxBackoffMs; default 500 ms */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** blob transfers in flight for this registry (uploads, downloads, copies); default 4 */
  maxConcurrentBlobs?: number;
  /** blobs larger than this are uploaded in resumable PATCH chunks of this size; default 512 MiB */
  chunkBytes?: number;
  log?: (msg: string) => void;
  /** called with every bearer token received (default: the runner's add-mask when GITHUB_ACTIONS=true) */
  onSecret?: (secret: string) => void;
  userAgent?: string;
  /** for tests */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
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

export class RegistryClient implements Session {
  readonly registry: string;
  /** `https://host[:port]` (or http) of the registry API */
  readonly origin: string;
  readonly transport: Transport;
  private readonly auth: Auth;
  private readonly opts: RegistryClientOptions;
  private readonly slots: blobs.Slots;

  /** the scheme of the last auth challenge ('basic' / 'bearer'), once one was seen */
  get authScheme(): string | undefined {
    return this.auth.challenge?.scheme;
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
    this.origin = new URL(`${scheme}://${apiHost}`).origin;
    this.transport = new Transport({
      registry: reg,
      origin: this.origin,
      fetch: opts.fetch ?? globalThis.fetch.bind(globalThis),
      dispatcher: opts.dispatcher,
      timeoutMs: opts.timeoutMs,
      retries: opts.retries,
      backoffMs: opts.backoffMs,
      maxBackoffMs: opts.maxBackoffMs,
      userAgent: opts.userAgent,
      log: (msg) => this.log(msg),
      sleep: opts.sleep,
      random: opts.random
    });
    // Masked in the job log when running in Actions; the CLI's stdout stays clean.
    const mask = opts.onSecret ?? ((secret: string) => (process.env.GITHUB_ACTIONS === 'true' ? setSecret(secret) : undefined));
    this.auth = new Auth(this.transport, this.origin, opts.credentials, mask);
    this.slots = new blobs.Slots(Math.max(1, opts.maxConcurrentBlobs ?? 4));
  }

  // ---------------------------------------------------------------- ping

  /** GET /v2/. Without credentials a 401 is a normal answer (authRequired); with them, they are verified. */
  async ping(): Promise<PingResult> {
    const spec: RequestSpec = { method: 'GET', path: '/v2/', op: 'ping', retry: true, bodyWhat: 'API answer' };
    const first = await this.send(spec, { noAuth: true });
    const apiVersion = first.headers.get('docker-distribution-api-version') ?? undefined;
    if (first.status === 200) return { apiVersion, authRequired: false, authenticated: false };
    if (first.status !== 401) throw this.fail(spec, first);
    const ch = this.auth.challengeOf(first);
    if (ch) this.auth.challenge = ch;
    if (!this.opts.credentials) return { apiVersion, authRequired: true, authScheme: ch?.scheme, authenticated: false };
    const res = await this.send(spec);
    if (res.status !== 200) throw this.fail(spec, res);
    return { apiVersion, authRequired: true, authScheme: ch?.scheme, authenticated: true };
  }

  // ---------------------------------------------------------------- tags

  /** All tags, following `Link: <…>; rel="next"` pages on this registry. A repository that does not exist yet has no tags. */
  listTags(repository: string, pageSize = 100): Promise<string[]> {
    return tags.listTags(this, repository, pageSize);
  }

  // ---------------------------------------------------------------- manifests

  /** GET a manifest (≤ 4 MiB); the digest is computed over the bytes, a disagreeing header is an error. */
  getManifest(repository: string, ref: string, accept: readonly string[] = ALL_MANIFEST_TYPES): Promise<manifests.ManifestResult> {
    return manifests.getManifest(this, repository, ref, accept);
  }

  /** HEAD a manifest; `undefined` when the tag/digest does not exist. */
  headManifest(repository: string, ref: string, accept: readonly string[] = ALL_MANIFEST_TYPES): Promise<manifests.ManifestHead | undefined> {
    return manifests.headManifest(this, repository, ref, accept);
  }

  /** PUT a manifest (index or image) under a tag or digest; returns its digest. */
  putManifest(repository: string, ref: string, body: string | Uint8Array, mediaType: string): Promise<string> {
    return manifests.putManifest(this, repository, ref, body, mediaType);
  }

  /** DELETE a manifest by digest (tags cannot be deleted through the API). */
  deleteManifest(repository: string, digest: string): Promise<void> {
    return manifests.deleteManifest(this, repository, digest);
  }

  /** The referrers of `digest` (OCI 1.1 referrers API); `undefined` when the registry has none. */
  listReferrers(repository: string, digest: string, artifactType?: string): Promise<ImageIndex | undefined> {
    return manifests.listReferrers(this, repository, digest, artifactType);
  }

  // ---------------------------------------------------------------- blobs

  /** Does the blob exist in this repository? */
  hasBlob(repository: string, digest: string): Promise<boolean> {
    return blobs.hasBlob(this, repository, digest);
  }

  /** GET a small blob (a config; ≤ 16 MiB by default) into memory and verify its digest. */
  getBlob(repository: string, digest: string, maxBytes?: number): Promise<Buffer> {
    return blobs.getBlob(this, repository, digest, maxBytes);
  }

  /** Streams a blob to `file` while hashing it; the file appears only when the digest matches. Returns the size. */
  downloadBlob(repository: string, digest: string, file: string): Promise<number> {
    return this.slots.run(() => blobs.downloadBlob(this, repository, digest, file, { retries: this.opts.retries }));
  }

  /**
   * Uploads a blob from a {@link BlobSource} (a file, another registry, memory), streaming and
   * hashing; skipped when the repository has it; mounted when `mountFrom` (a repository of this
   * registry) has it. Resumable in chunks for large blobs.
   */
  pushBlob(repository: string, source: blobs.BlobSource, o: blobs.BlobPushOptions = {}): Promise<blobs.BlobPushResult> {
    return this.slots.run(() => blobs.pushBlob(this, repository, source, o, { chunkBytes: this.opts.chunkBytes, retries: this.opts.retries }));
  }

  /**
   * Copies one blob from `source` (another client, any registry) into `repository` here, streaming
   * registry to registry without touching disk or holding the blob: skipped when present, mounted
   * when the source is another repository of this same registry, else streamed with resume.
   */
  copyBlob(source: RegistryClient, sourceRepository: string, blob: { digest: string; size: number }, repository: string): Promise<blobs.BlobPushResult> {
    const sameRegistry = source.origin === this.origin;
    return this.pushBlob(repository, blobs.registryBlobSource(source, sourceRepository, blob.digest, blob.size), sameRegistry ? { mountFrom: sourceRepository } : {});
  }

  /** Upload a blob held in memory (small ones); skipped when it exists. */
  async uploadBlob(repository: string, data: Uint8Array): Promise<{ digest: string; size: number }> {
    const digest = digestOf(data);
    await this.pushBlob(repository, blobs.bufferBlobSource(data, digest));
    return { digest, size: data.length };
  }

  /**
   * Permission preflight: start a blob upload (needs push) and cancel it at once. Nothing is left
   * behind. Throws a RegistryRequestError ('auth' / 'denied' / …) with the fix when not allowed.
   */
  async checkPushAccess(repository: string): Promise<void> {
    const { location } = await blobs.startUpload(this, repository, true);
    const spec: RequestSpec = { method: 'DELETE', path: location, op: 'push', repository, actions: ['pull', 'push'], retry: true, bodyWhat: 'cancel answer' };
    try {
      const res = await this.send(spec);
      if (res.status !== 204 && res.status !== 202 && res.status !== 200 && res.status !== 404) {
        this.log(`could not cancel the preflight upload in ${repository} (HTTP ${res.status}); the registry purges it later`);
      }
    } catch (e) {
      this.log(`could not cancel the preflight upload in ${repository} (${(e as Error).message}); the registry purges it later`);
    }
  }

  // ---------------------------------------------------------------- session

  /**
   * One logical request: attaches cached auth (registry origin only), answers one 401 challenge
   * (from the registry origin only), retries transient failures. Returns the final response.
   */
  async send(spec: RequestSpec, o: { noAuth?: boolean } = {}): Promise<HttpResult> {
    const scopeKey = Auth.scopeKey(spec);
    const cached = (u: URL): string | undefined => (o.noAuth ? undefined : this.auth.headerFor(u, scopeKey));
    const sent = cached(this.transport.resolve(spec));
    const res = await this.transport.withRetries(spec, () => this.transport.attempt(spec, cached));
    if (res.status !== 401 || o.noAuth) return res;
    let header: string | undefined;
    try {
      header = await this.auth.answer(spec, res, sent);
    } catch (e) {
      // A token endpoint that refuses the credentials is the same as a 401 from the registry.
      if (e instanceof TokenRefused) throw this.fail(spec, e.res);
      throw e;
    }
    if (!header) return res;
    const answer = header;
    return this.transport.withRetries(spec, () => this.transport.attempt(spec, (u) => (sameOrigin(this.origin, u) ? answer : undefined)));
  }

  /** The error for a non-success answer to `spec` (also a token endpoint's refusal: the same as a 401). */
  fail(spec: RequestSpec, res: HttpResult, attempts?: number): RegistryRequestError {
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
      ref: spec.ref,
      retryAfter: res.headers.get('retry-after') ?? undefined
    });
  }

  protocolError(spec: { method: string; path: string; repository?: string }, detail: string): RegistryRequestError {
    return this.transport.protocolError({ ...spec, path: describe(spec.path) }, detail);
  }

  log(msg: string): void {
    this.opts.log?.(`[registry ${this.registry}] ${msg}`);
  }
}

/** sha256 digest of bytes (kept for callers; see ./digest.ts). */
export function sha256(data: Uint8Array): string {
  return digestOf(data);
}
