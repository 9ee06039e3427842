/**
 * Manifests and referrers. The digest returned is always the one computed over the bytes we hold;
 * a `Docker-Content-Digest` header that is not a digest, or that disagrees, is an error.
 */
import { ALL_MANIFEST_TYPES, MAX_MANIFEST_BYTES, digestAlgorithm, isDigest, type ImageIndex } from '../../core/oci.js';
import { algorithmFor, digestOf } from './digest.js';
import type { Session } from './session.js';
import type { HttpResult, RequestSpec } from './transport.js';

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

/** A GET or HEAD of a manifest: pull scope, the accepted media types, retried, capped at 4 MiB. */
function manifestRead(method: 'GET' | 'HEAD', repository: string, ref: string, accept: readonly string[]): RequestSpec {
  return {
    method,
    path: `/v2/${repository}/manifests/${ref}`,
    op: 'pull',
    repository,
    ref,
    actions: ['pull'],
    headers: { accept: accept.join(', ') },
    retry: true,
    maxBody: MAX_MANIFEST_BYTES,
    bodyWhat: 'manifest'
  };
}

function contentType(h: Headers): string | undefined {
  const ct = h.get('content-type');
  return ct ? ct.split(';')[0].trim() : undefined;
}

/**
 * The registry's `Docker-Content-Digest` checked against what we computed (or asked for):
 * absent is fine, malformed or different is an error.
 */
function checkHeader(s: Session, spec: RequestSpec, res: HttpResult, expected: string, bytes?: Uint8Array): void {
  const header = res.headers.get('docker-content-digest');
  if (header === null) return;
  if (!isDigest(header)) throw s.protocolError(spec, `Docker-Content-Digest ${JSON.stringify(header.slice(0, 100))} is not a digest`);
  const alg = digestAlgorithm(header);
  const ours = bytes && alg !== digestAlgorithm(expected) ? digestOf(bytes, alg) : expected;
  if (header !== ours) throw s.protocolError(spec, `the registry says the digest is ${header}, but the content is ${ours}`);
}

export async function getManifest(s: Session, repository: string, ref: string, accept: readonly string[] = ALL_MANIFEST_TYPES): Promise<ManifestResult> {
  const spec = manifestRead('GET', repository, ref, accept);
  const res = await s.send(spec);
  if (res.status !== 200) throw s.fail(spec, res);
  const computed = digestOf(res.body, algorithmFor(ref));
  if (isDigest(ref) && computed !== ref) throw s.protocolError(spec, `manifest digest mismatch: asked for ${ref}, content is ${computed}`);
  checkHeader(s, spec, res, computed, res.body);
  let mediaType = contentType(res.headers);
  if (!mediaType) {
    try {
      mediaType = (JSON.parse(res.body.toString('utf8')) as { mediaType?: string }).mediaType;
    } catch {
      mediaType = undefined;
    }
  }
  return { digest: computed, mediaType: mediaType ?? '', body: res.body.toString('utf8'), size: res.body.length };
}

/** HEAD a manifest; `undefined` when the tag/digest does not exist. */
export async function headManifest(s: Session, repository: string, ref: string, accept: readonly string[] = ALL_MANIFEST_TYPES): Promise<ManifestHead | undefined> {
  const spec = manifestRead('HEAD', repository, ref, accept);
  const res = await s.send(spec);
  if (res.status === 404) return undefined;
  if (res.status !== 200) throw s.fail(spec, res);
  const digest = res.headers.get('docker-content-digest');
  if (digest === null) {
    // Some registries omit the digest on HEAD; fall back to GET (which computes it).
    const full = await getManifest(s, repository, ref, accept);
    return { digest: full.digest, mediaType: full.mediaType, size: full.size };
  }
  if (!isDigest(digest)) throw s.protocolError(spec, `Docker-Content-Digest ${JSON.stringify(digest.slice(0, 100))} is not a digest`);
  if (isDigest(ref) && digest !== ref) throw s.protocolError(spec, `asked for ${ref}, the registry says ${digest}`);
  const size = Number(res.headers.get('content-length') ?? 0);
  return { digest, mediaType: contentType(res.headers) ?? '', size: Number.isSafeInteger(size) && size >= 0 ? size : 0 };
}

/** PUT a manifest (index or image) under a tag or digest; returns its digest (computed, and checked against the registry's). */
export async function putManifest(s: Session, repository: string, ref: string, body: string | Uint8Array, mediaType: string): Promise<string> {
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
  if (bytes.length > MAX_MANIFEST_BYTES) throw s.protocolError(spec, `manifest of ${bytes.length} bytes is larger than registries accept (4 MiB)`);
  const digest = digestOf(bytes, algorithmFor(ref));
  if (isDigest(ref) && digest !== ref) throw s.protocolError(spec, `manifest to push as ${ref} hashes to ${digest}`);
  const res = await s.send(spec);
  if (res.status !== 201 && res.status !== 200) throw s.fail(spec, res);
  checkHeader(s, spec, res, digest, bytes);
  return digest;
}

/** DELETE a manifest by digest (tags cannot be deleted through the API). */
export async function deleteManifest(s: Session, repository: string, digest: string): Promise<void> {
  digestAlgorithm(digest, 'manifest digest to delete');
  const spec: RequestSpec = { method: 'DELETE', path: `/v2/${repository}/manifests/${digest}`, op: 'delete', repository, ref: digest, actions: ['delete'], retry: true, bodyWhat: 'delete answer' };
  const res = await s.send(spec);
  if (res.status !== 202 && res.status !== 200 && res.status !== 204) throw s.fail(spec, res);
}

/**
 * The referrers API (`GET /v2/<name>/referrers/<digest>`): an index of the manifests whose
 * `subject` is `digest`; `undefined` when the registry has no referrers API (404).
 */
export async function listReferrers(s: Session, repository: string, digest: string, artifactType?: string): Promise<ImageIndex | undefined> {
  digestAlgorithm(digest, 'subject digest');
  const query = artifactType ? `?artifactType=${encodeURIComponent(artifactType)}` : '';
  const spec: RequestSpec = { method: 'GET', path: `/v2/${repository}/referrers/${digest}${query}`, op: 'pull', repository, ref: digest, actions: ['pull'], retry: true, maxBody: MAX_MANIFEST_BYTES, bodyWhat: 'referrers index' };
  const res = await s.send(spec);
  if (res.status === 404) return undefined;
  if (res.status !== 200) throw s.fail(spec, res);
  try {
    const index = JSON.parse(res.body.toString('utf8')) as ImageIndex;
    if (!Array.isArray(index.manifests)) throw new Error('no manifests');
    return index;
  } catch {
    throw s.protocolError(spec, 'the referrers answer is not an image index');
  }
}
