/**
 * Blobs: existence, small reads, streaming downloads to disk, and streaming uploads from disk or
 * from another registry, hashed while they stream, never held in memory.
 *
 * Upload (`pushBlob`):
 *   1. HEAD: a blob the repository has is skipped;
 *   2. `POST …/blobs/uploads/?mount=<digest>&from=<repo>` when the source is another repository of
 *      the same registry (201 = mounted, nothing sent; 202 = an ordinary upload starts);
 *   3. up to `chunkBytes` (default 512 MiB): one streaming `PUT <location>?digest=`; larger blobs:
 *      `PATCH` chunks with `Content-Range`; a chunk that fails resumes from the offset the registry
 *      reports (`GET <location>` → `Range: 0-N`), not from zero; then `PUT ?digest=`;
 *   4. the digest we computed over the bytes sent must equal the expected one, and the registry's
 *      `Docker-Content-Digest` (when sent) must agree.
 * A failure that cannot resume starts a fresh upload (bounded retries with backoff).
 * Blob transfers of one client (one registry) run at most `maxConcurrentBlobs` at a time.
 */
import { createReadStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { digestAlgorithm, isDigest } from '../../core/oci.js';
import { Digester } from './digest.js';
import { RegistryRequestError } from './errors.js';
import type { Session } from './session.js';
import { isTransientStatus, type HttpResult, type RequestSpec } from './transport.js';

/** The bytes of one blob, re-openable at any offset (a resumed or retried upload opens it again). */
export interface BlobSource {
  digest: string;
  size: number;
  /** bytes [start, end) */
  open(start: number, end: number): AsyncIterable<Uint8Array>;
  /** for messages: a file path or `registry/repo@digest` */
  describe: string;
}

export interface BlobPushOptions {
  /** another repository of the SAME registry that has the blob: mount it instead of uploading */
  mountFrom?: string;
}

export type BlobPushStatus = 'exists' | 'mounted' | 'uploaded';

export interface BlobPushResult {
  digest: string;
  size: number;
  status: BlobPushStatus;
}

export interface BlobOptions {
  /** blobs larger than this go in PATCH chunks of this size (resumable); default 512 MiB */
  chunkBytes?: number;
  /** extra attempts of a whole upload, and resumes per upload; default 3 */
  retries?: number;
}

export const DEFAULT_CHUNK_BYTES = 512 * 1024 * 1024;
const READ_CHUNK = 1024 * 1024;
/** configs and other small blobs read into memory */
export const MAX_SMALL_BLOB = 16 * 1024 * 1024;

/** A blob in a local file (an OCI layout's blobs/…). */
export function fileBlobSource(path: string, digest: string, size: number): BlobSource {
  return {
    digest,
    size,
    describe: path,
    open: (start, end) => (end > start ? createReadStream(path, { start, end: end - 1, highWaterMark: READ_CHUNK }) : emptyIterable())
  };
}

/** A blob held in memory (small ones: configs, tests). */
export function bufferBlobSource(bytes: Uint8Array, digest: string): BlobSource {
  return {
    digest,
    size: bytes.length,
    describe: `${bytes.length} bytes in memory`,
    open: async function* (start, end) {
      if (end > start) yield bytes.subarray(start, end);
    }
  };
}

async function* emptyIterable(): AsyncIterable<Uint8Array> {
  /* nothing */
}

/** Counts transfers in flight and queues the rest: one bound per client, i.e. per registry. */
export class Slots {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

function blobSpec(method: 'GET' | 'HEAD', repository: string, digest: string): RequestSpec {
  return { method, path: `/v2/${repository}/blobs/${digest}`, op: 'pull', repository, ref: digest, actions: ['pull'], retry: true, bodyWhat: 'blob' };
}

export async function hasBlob(s: Session, repository: string, digest: string): Promise<boolean> {
  digestAlgorithm(digest, 'blob digest');
  const spec = blobSpec('HEAD', repository, digest);
  const res = await s.send(spec);
  if (res.status === 200) return true;
  if (res.status === 404) return false;
  throw s.fail(spec, res);
}

/** GET a small blob (a config) into memory, capped, and verify its digest. */
export async function getBlob(s: Session, repository: string, digest: string, maxBytes = MAX_SMALL_BLOB): Promise<Buffer> {
  const alg = digestAlgorithm(digest, 'blob digest');
  const spec = { ...blobSpec('GET', repository, digest), maxBody: maxBytes };
  const res = await s.send(spec);
  if (res.status !== 200) throw s.fail(spec, res);
  const d = new Digester(alg);
  d.update(res.body);
  const computed = d.digest();
  if (computed !== digest) throw s.protocolError(spec, `blob digest mismatch: asked for ${digest}, content is ${computed}`);
  return res.body;
}

/**
 * Streams a blob to `file` while hashing it: written to `file.partial-…` and renamed only once the
 * digest matches (a mismatch leaves nothing). A cut download is retried from zero.
 */
export async function downloadBlob(s: Session, repository: string, digest: string, file: string, o: BlobOptions = {}): Promise<number> {
  const alg = digestAlgorithm(digest, 'blob digest');
  const partial = `${file}.partial-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const retries = o.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    const fh = await open(partial, 'w');
    const d = new Digester(alg);
    const spec: RequestSpec = {
      ...blobSpec('GET', repository, digest),
      retry: false,
      sink: async (chunk) => {
        d.update(chunk);
        await fh.write(chunk);
      }
    };
    try {
      const res = await s.send(spec);
      if (res.status !== 200) throw s.fail(spec, res);
      const computed = d.digest();
      if (computed !== digest) throw s.protocolError(spec, `blob digest mismatch: asked for ${digest}, content is ${computed}`);
      await fh.close();
      await rename(partial, file);
      return d.bytes;
    } catch (e) {
      await fh.close().catch(() => undefined);
      if (attempt >= retries || !isRetryable(e)) {
        await rm(partial, { force: true });
        throw e;
      }
      const wait = s.transport.backoff(attempt);
      s.log(`download of ${digest} from ${repository} failed (${(e as Error).message}); retrying in ${wait} ms`);
      await s.transport.sleep(wait);
    }
  }
}

/**
 * A blob of a repository in a registry, as a {@link BlobSource} for another registry's upload:
 * streamed with `Range` requests (a resumed upload reads from its offset), never buffered.
 */
export function registryBlobSource(s: Session, repository: string, digest: string, size: number): BlobSource {
  digestAlgorithm(digest, 'blob digest');
  return {
    digest,
    size,
    describe: `${s.registry}/${repository}@${digest}`,
    open: (start, end) => openRange(s, repository, digest, start, end, size)
  };
}

async function* openRange(s: Session, repository: string, digest: string, start: number, end: number, size: number): AsyncIterable<Uint8Array> {
  if (end <= start) return;
  const whole = start === 0 && end === size;
  const spec: RequestSpec = { ...blobSpec('GET', repository, digest), raw: true, headers: whole ? {} : { range: `bytes=${start}-${end - 1}` } };
  const res = await s.send(spec);
  if (res.status !== 200 && res.status !== 206) throw s.fail(spec, res);
  // 200 to a Range request: the registry ignored it; skip to `start`.
  let skip = res.status === 200 ? start : 0;
  if (res.status === 206) {
    const m = /^bytes (\d+)-/.exec(res.headers.get('content-range') ?? '');
    if (!m || Number(m[1]) !== start) {
      await res.stream?.cancel().catch(() => undefined);
      throw s.protocolError(spec, `asked for bytes ${start}-${end - 1}, got ${res.headers.get('content-range') ?? 'no Content-Range'}`);
    }
  }
  let left = end - start;
  const reader = res.stream!.getReader();
  try {
    while (left > 0) {
      const { done, value } = await reader.read();
      if (done) break;
      let chunk = value;
      if (skip > 0) {
        const n = Math.min(skip, chunk.length);
        skip -= n;
        chunk = chunk.subarray(n);
      }
      if (chunk.length === 0) continue;
      if (chunk.length > left) chunk = chunk.subarray(0, left);
      left -= chunk.length;
      yield chunk;
    }
    if (left > 0) throw s.protocolError(spec, `the blob ended ${left} bytes early`);
  } finally {
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** Hashes what passes through into `d`. */
async function* hashing(source: AsyncIterable<Uint8Array>, d: Digester): AsyncIterable<Uint8Array> {
  for await (const chunk of source) {
    d.update(chunk);
    yield chunk;
  }
}

/** Upload `src` to `repository`; see the module comment for the protocol. */
export async function pushBlob(s: Session, repository: string, src: BlobSource, push: BlobPushOptions = {}, o: BlobOptions = {}): Promise<BlobPushResult> {
  const alg = digestAlgorithm(src.digest, `digest of ${src.describe}`);
  const done = (status: BlobPushStatus): BlobPushResult => ({ digest: src.digest, size: src.size, status });
  if (await hasBlob(s, repository, src.digest)) return done('exists');
  const retries = o.retries ?? 3;
  let mount = push.mountFrom && push.mountFrom !== repository ? push.mountFrom : undefined;
  for (let attempt = 0; ; attempt++) {
    let location: string | undefined;
    try {
      let started: { location: string; mounted: boolean } | undefined;
      if (mount) {
        const from = mount;
        mount = undefined; // tried once; an ordinary upload from now on
        try {
          started = await startUpload(s, repository, true, { digest: src.digest, from });
        } catch (e) {
          // a registry that refuses the mount itself (4xx) still takes an ordinary upload
          if (!(e instanceof RegistryRequestError) || e.status === undefined || isRetryable(e) || e.status === 401 || e.status === 403) throw e;
          s.log(`mounting ${src.digest} from ${from} was refused (HTTP ${e.status}); uploading it`);
        }
      }
      started ??= await startUpload(s, repository, true);
      if (started.mounted) {
        s.log(`mounted ${src.digest} into ${repository} from another repository`);
        return done('mounted');
      }
      location = started.location;
      const chunk = Math.max(1, o.chunkBytes ?? DEFAULT_CHUNK_BYTES);
      if (src.size <= chunk) await putWhole(s, repository, src, location, alg);
      else await putChunks(s, repository, src, location, alg, chunk, retries);
      return done('uploaded');
    } catch (e) {
      if (attempt >= retries || !isRetryable(e)) {
        if (location) void cancelUpload(s, repository, location);
        throw e;
      }
      const wait = s.transport.waitFor(retryAfterOf(e), attempt);
      s.log(`blob upload to ${repository} failed (${(e as Error).message}); retrying in ${wait} ms with a new upload of ${src.digest}`);
      await s.transport.sleep(wait);
    }
  }
}

/** Blobs up to this size are read into memory and sent in one buffer (configs, small layers). */
const IN_MEMORY_UPLOAD = 4 * 1024 * 1024;

/** One PUT of the whole blob: streamed, or one buffer for small blobs. */
async function putWhole(s: Session, repository: string, src: BlobSource, location: string, alg: ReturnType<typeof digestAlgorithm>): Promise<void> {
  let d = new Digester(alg);
  let body: RequestSpec['body'] = () => {
    d = new Digester(alg);
    return hashing(src.open(0, src.size), d);
  };
  if (src.size <= IN_MEMORY_UPLOAD) {
    const parts: Uint8Array[] = [];
    for await (const chunk of hashing(src.open(0, src.size), d)) parts.push(chunk);
    body = Buffer.concat(parts);
  }
  const spec = closingPut(repository, location, src.digest, src.size, body);
  const res = await s.send(spec);
  if (res.status !== 201 && res.status !== 204) throw s.fail(spec, res);
  finish(s, spec, src, d, res);
}

/** The PUT that closes an upload session with the blob's digest (and the body, or its last part). */
function closingPut(repository: string, location: string, digest: string, length: number, body?: RequestSpec['body']): RequestSpec {
  return {
    method: 'PUT',
    path: withDigest(location, digest),
    op: 'push',
    repository,
    actions: ['pull', 'push'],
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(length) },
    ...(body === undefined ? {} : { body }),
    retry: false,
    bodyWhat: 'upload answer'
  };
}

/** PATCH chunks with Content-Range; a failed chunk resumes at the offset the registry reports. */
async function putChunks(s: Session, repository: string, src: BlobSource, first: string, alg: ReturnType<typeof digestAlgorithm>, chunkBytes: number, retries: number): Promise<void> {
  let location = first;
  let offset = 0;
  let hash = new Digester(alg);
  let resumes = 0;
  while (offset < src.size) {
    const end = Math.min(src.size, offset + chunkBytes);
    const before = hash;
    let inChunk = before.copy();
    const spec: RequestSpec = {
      method: 'PATCH',
      path: location,
      op: 'push',
      repository,
      actions: ['pull', 'push'],
      headers: { 'content-type': 'application/octet-stream', 'content-range': `${offset}-${end - 1}`, 'content-length': String(end - offset) },
      body: () => {
        inChunk = before.copy();
        return hashing(src.open(offset, end), inChunk);
      },
      retry: false,
      bodyWhat: 'upload answer'
    };
    let res: HttpResult | undefined;
    let failure: unknown;
    try {
      res = await s.send(spec);
      if (res.status !== 202 && res.status !== 204) failure = s.fail(spec, res);
    } catch (e) {
      failure = e;
    }
    if (failure === undefined && res) {
      const reported = reportedEnd(res);
      location = nextLocation(s, spec, res, location);
      if (reported !== undefined && reported !== end) {
        // the registry kept fewer bytes than sent: continue from there (re-hash what it kept)
        if (reported < offset || reported > end) throw s.protocolError(spec, `upload offset ${reported} outside the chunk ${offset}-${end}`);
        hash = await rehash(before, src, offset, reported);
        offset = reported;
      } else {
        hash = inChunk;
        offset = end;
      }
      continue;
    }
    if (!isRetryable(failure) || resumes >= retries) throw failure;
    resumes++;
    await s.transport.sleep(s.transport.waitFor(retryAfterOf(failure), resumes - 1));
    // Where does the registry stand? GET <location> → 204 + Range: 0-N.
    const status = await settledUploadStatus(s, repository, location);
    if (status === undefined || status.offset < offset || status.offset > end) {
      throw new ResumeImpossible(s.registry, repository, `the upload cannot resume at ${offset} (${status === undefined ? 'the registry lost it' : `it reports ${status.offset}`}): ${(failure as Error).message}`);
    }
    s.log(`upload of ${src.digest} to ${repository} resumes at byte ${status.offset} of ${src.size} (reported by the registry) after: ${(failure as Error).message}`);
    hash = status.offset === offset ? before : await rehash(before, src, offset, status.offset);
    offset = status.offset;
    location = status.location;
  }
  const spec = closingPut(repository, location, src.digest, 0);
  const computed = hash.digest();
  if (computed !== src.digest) throw corrupt(s, repository, src, computed);
  const res = await s.send(spec);
  if (res.status !== 201 && res.status !== 204) throw s.fail(spec, res);
  checkBlobHeader(s, spec, src, res);
}

/** The hash state at `to`, from the state at `from` plus the source bytes in between. */
async function rehash(at: Digester, src: BlobSource, from: number, to: number): Promise<Digester> {
  const d = at.copy();
  for await (const chunk of src.open(from, to)) d.update(chunk);
  return d;
}

/** `Range: 0-N` → N+1 (the next offset); distribution says `0-0` for an empty upload. */
function reportedEnd(res: HttpResult): number | undefined {
  const m = /^(?:bytes=)?0-(\d+)$/.exec((res.headers.get('range') ?? '').trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) ? n + 1 : undefined;
}

/**
 * The upload's state after a cut chunk. A registry may still be closing the broken request when we
 * ask (distribution then answers 404 for a moment, seen on a loaded machine): ask again, briefly,
 * before deciding that the upload is lost and starting over.
 */
async function settledUploadStatus(s: Session, repository: string, location: string): Promise<{ offset: number; location: string } | undefined> {
  for (let attempt = 0; ; attempt++) {
    const status = await uploadStatus(s, repository, location);
    if (status !== undefined || attempt >= 2) return status;
    await s.transport.sleep(250 * (attempt + 1));
  }
}

async function uploadStatus(s: Session, repository: string, location: string): Promise<{ offset: number; location: string } | undefined> {
  const spec: RequestSpec = { method: 'GET', path: location, op: 'push', repository, actions: ['pull', 'push'], retry: true, bodyWhat: 'upload status' };
  const res = await s.send(spec);
  if (res.status !== 204 && res.status !== 200) return undefined;
  const end = reportedEnd(res);
  // distribution reports `0-0` for both 0 and 1 bytes; treat it as 0 only if we had sent nothing more
  return { offset: end === 1 && res.headers.get('range') === '0-0' ? 0 : (end ?? 0), location: nextLocation(s, spec, res, location) };
}

function nextLocation(s: Session, spec: RequestSpec, res: HttpResult, current: string): string {
  const loc = res.headers.get('location');
  if (!loc) return current;
  try {
    return new URL(loc, res.url).toString();
  } catch {
    throw s.protocolError(spec, 'upload Location is not a URL');
  }
}

function withDigest(location: string, digest: string): string {
  const url = new URL(location);
  url.searchParams.set('digest', digest);
  return url.toString();
}

function finish(s: Session, spec: RequestSpec, src: BlobSource, d: Digester, res: HttpResult): void {
  const computed = d.digest();
  if (computed !== src.digest || d.bytes !== src.size) throw corrupt(s, spec.repository ?? '', src, computed);
  checkBlobHeader(s, spec, src, res);
}

function checkBlobHeader(s: Session, spec: RequestSpec, src: BlobSource, res: HttpResult): void {
  const header = res.headers.get('docker-content-digest');
  if (header !== null && header !== src.digest && (!isDigest(header) || digestAlgorithm(header) === digestAlgorithm(src.digest))) {
    throw s.protocolError(spec, `the registry stored the blob as ${header.slice(0, 140)}, expected ${src.digest}`);
  }
}

function corrupt(s: Session, repository: string, src: BlobSource, computed: string): RegistryRequestError {
  return new RegistryRequestError(s.registry, `the bytes of ${src.describe} hash to ${computed}, not ${src.digest}`, 'The source is corrupt or changed while it was read; rebuild or re-pull the image', 'protocol', repository);
}

/** `POST …/blobs/uploads/` (optionally `?mount=&from=`): the upload Location, or mounted. */
export async function startUpload(s: Session, repository: string, retry: boolean, mount?: { digest: string; from: string }): Promise<{ location: string; mounted: boolean }> {
  const query = mount ? `?mount=${encodeURIComponent(mount.digest)}&from=${encodeURIComponent(mount.from)}` : '';
  const spec: RequestSpec = {
    method: 'POST',
    path: `/v2/${repository}/blobs/uploads/${query}`,
    op: 'push',
    repository,
    actions: ['pull', 'push'],
    extraScopes: mount ? [`repository:${mount.from}:pull`] : undefined,
    headers: { 'content-length': '0' },
    retry,
    bodyWhat: 'upload answer'
  };
  const res = await s.send(spec);
  if (mount && res.status === 201) return { location: '', mounted: true };
  if (res.status !== 202) throw s.fail(spec, res);
  const loc = res.headers.get('location');
  if (!loc) throw s.protocolError(spec, 'upload started (202) without a Location header');
  let url: URL;
  try {
    url = new URL(loc, res.url);
  } catch {
    throw s.protocolError(spec, 'upload Location is not a URL');
  }
  s.transport.resolve({ ...spec, path: url.toString() }); // scheme rule, before any byte is sent there
  return { location: url.toString(), mounted: false };
}

export async function cancelUpload(s: Session, repository: string, location: string): Promise<void> {
  const spec: RequestSpec = { method: 'DELETE', path: location, op: 'push', repository, actions: ['pull', 'push'], retry: false, bodyWhat: 'cancel answer' };
  try {
    const res = await s.send(spec);
    if (res.status !== 204 && res.status !== 202 && res.status !== 200 && res.status !== 404) {
      s.log(`could not cancel the upload in ${repository} (HTTP ${res.status}); the registry purges it later`);
    }
  } catch (e) {
    s.log(`could not cancel the upload in ${repository} (${(e as Error).message}); the registry purges it later`);
  }
}

class ResumeImpossible extends RegistryRequestError {
  constructor(registry: string, repository: string, detail: string) {
    super(registry, detail, 'Retry later; check the registry and the network', 'network', repository);
  }
}

function retryAfterOf(e: unknown): HttpResult | undefined {
  return e instanceof RegistryRequestError && e.retryAfter !== undefined ? ({ headers: new Headers({ 'retry-after': e.retryAfter }) } as HttpResult) : undefined;
}

export function isRetryable(e: unknown): boolean {
  if (!(e instanceof RegistryRequestError)) return false;
  if (e.status !== undefined) return isTransientStatus(e.status);
  return e.kind === 'timeout' || e.kind === 'network' || (e.kind === 'dns' && /EAI_AGAIN/.test(e.detail));
}
