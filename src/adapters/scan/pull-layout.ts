/**
 * For the `scan` sub-action: pull an image that is already in a registry into a local OCI image
 * layout (manifests, configs and layers of each platform, digests verified by the client), so
 * every scanner reads the same bytes the registry serves, platform by platform, and no scanner
 * ever talks to the registry (or sees its credentials).
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { domainProblem, splitImageName } from '../../core/reference.js';
import { InputError } from '../../core/errors.js';
import { mapLimit } from '../concurrency.js';
import type { RegistryClient } from '../registry/client.js';
import { ALL_MANIFEST_TYPES, OCI_INDEX, blobPath, isAttestation, isDigest, type Descriptor, type Platform } from '../../core/oci.js';

export interface ImageReference {
  /** host[:port] as written; `docker.io` for Docker Hub names */
  registry: string;
  repository: string;
  /** tag or digest to pull */
  ref: string;
}

/** `ghcr.io/acme/app:1.2`, `alpine`, `127.0.0.1:5000/x@sha256:…` → parts. A missing tag is `latest`. */
export function parseImageReference(text: string): ImageReference {
  const at = text.indexOf('@');
  const digest = at === -1 ? undefined : text.slice(at + 1);
  let name = at === -1 ? text : text.slice(0, at);
  let tag: string | undefined;
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  const { domain, path, explicitDomain } = splitImageName(name);
  if (explicitDomain && domainProblem(domain)) throw new InputError('image', text, 'not a valid image reference or an existing local path');
  if (digest !== undefined && !isDigest(digest)) throw new InputError('image', text, 'the digest after @ must be sha256:<64 hex digits>');
  if (!path || !/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(path)) {
    throw new InputError('image', text, 'not a valid image reference (lowercase repository path) nor an existing local path');
  }
  const repository = domain === 'docker.io' && !path.includes('/') ? `library/${path}` : path;
  return { registry: domain, repository, ref: digest ?? tag ?? 'latest' };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const platformText = (p: Platform | undefined): string => (p ? [p.os, p.architecture, p.variant].filter(Boolean).join('/') : '');

function wanted(p: string, platforms: readonly string[]): boolean {
  return platforms.length === 0 || platforms.some((w) => p === w || p.startsWith(`${w}/`) || (w === `${p}/v8` && p.endsWith('arm64')));
}

export interface PulledLayout {
  dir: string;
  /** digest of what `ref` pointed to (index or manifest) */
  digest: string;
  platforms: string[];
}

/** A digest listed in a document from the registry: validated before it names a request or a file. */
function listedDigest(value: unknown, where: string): string {
  if (!isDigest(value)) throw new Error(`${where} lists ${JSON.stringify(String(value)).slice(0, 100)}, which is not a digest (sha256:<64 hex>)`);
  return value as string;
}

/**
 * Pull `ref` of `repository` into an OCI layout at `dest`, keeping only `platforms` (all when empty).
 * Manifests are verified by the client (digest computed over the bytes), layers stream to disk while
 * hashed; every path is built by the core `blobPath` from a validated digest.
 */
export async function pullToLayout(client: RegistryClient, repository: string, ref: string, dest: string, platforms: readonly string[] = []): Promise<PulledLayout> {
  await mkdir(join(dest, 'blobs', 'sha256'), { recursive: true });
  const blob = async (digest: string, bytes?: string): Promise<void> => {
    const file = blobPath(dest, digest);
    if (existsSync(file)) return;
    await mkdir(dirname(file), { recursive: true });
    if (bytes !== undefined) await writeFile(file, bytes);
    else await client.downloadBlob(repository, digest, file);
  };
  const top = await client.getManifest(repository, ref, ALL_MANIFEST_TYPES);
  const doc = JSON.parse(top.body) as Obj;
  const descriptors: Descriptor[] = [];
  const pullImage = async (digest: string, mediaType: string, platform?: Platform): Promise<void> => {
    const m = digest === top.digest ? top : await client.getManifest(repository, digest, ALL_MANIFEST_TYPES);
    await blob(m.digest, m.body);
    const manifest = JSON.parse(m.body) as Obj;
    const where = `manifest ${m.digest} of ${client.registry}/${repository}`;
    const config = listedDigest(isObj(manifest.config) ? manifest.config.digest : undefined, `${where} (config)`);
    await blob(config);
    const layers = (Array.isArray(manifest.layers) ? manifest.layers.filter(isObj) : []).map((l) => listedDigest(l.digest, `${where} (layer)`));
    await mapLimit(layers, 4, (d) => blob(d));
    descriptors.push({ mediaType: m.mediaType || mediaType, digest: m.digest, size: m.size, ...(platform ? { platform } : {}) });
  };
  if (Array.isArray(doc.manifests)) {
    const available: string[] = [];
    for (const d of doc.manifests.filter(isObj)) {
      const platform = isObj(d.platform) ? (d.platform as unknown as Platform) : undefined;
      if (isAttestation(d)) continue;
      available.push(platformText(platform));
      if (wanted(platformText(platform), platforms)) await pullImage(listedDigest(d.digest, `index ${top.digest} of ${client.registry}/${repository}`), String(d.mediaType), platform);
    }
    if (descriptors.length === 0) throw new InputError('platforms', platforms.join(','), `${client.registry}/${repository}:${ref} has the platforms ${available.join(', ') || '(none)'}`);
  } else {
    await pullImage(top.digest, top.mediaType);
  }
  await writeFile(join(dest, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  await writeFile(join(dest, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: descriptors }));
  return { dir: dest, digest: top.digest, platforms: descriptors.map((d) => platformText(d.platform)).filter(Boolean) };
}
