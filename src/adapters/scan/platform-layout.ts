/**
 * Image inputs for the scanners: which platforms an OCI layout (or docker-archive) holds, and a
 * one-platform OCI layout carved out of a multi-platform one. trivy `--input` and grype `oci-dir:`
 * take an OCI layout but have no platform choice for an index (aquasecurity/trivy-action#279), so
 * each platform gets its own layout whose index.json names only that manifest; blobs are
 * hard-linked (copied across file systems), never rewritten, so digests stay the built ones.
 */
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { extractTar } from './archive.js';
import { openImage } from './image-layers.js';
import { blobPath, isAttestation, isDigest, isIndexType } from '../../core/oci.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface PreparedImage {
  /** an OCI layout directory, or a docker-archive (tar or directory) */
  path: string;
  format: 'oci' | 'docker-archive';
  /** `os/arch[/variant]` of every image in it (attestations skipped), in index order */
  platforms: string[];
}

function blobFile(root: string, digest: unknown): string {
  if (!isDigest(digest)) throw new Error(`${root}: invalid digest ${JSON.stringify(digest)}`);
  return blobPath(root, digest);
}

async function json(file: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new Error(`${what} '${file}' cannot be read as JSON (${(e as Error).message})`, { cause: e });
  }
}

function formatPlatform(p: Obj): string {
  return [p.os, p.architecture, p.variant].filter((x) => typeof x === 'string' && x !== '').join('/');
}

async function ociPlatforms(root: string, descriptors: unknown, depth = 0): Promise<string[]> {
  const out: string[] = [];
  for (const d of Array.isArray(descriptors) ? descriptors.filter(isObj) : []) {
    if (isAttestation(d)) continue;
    const doc = await json(blobFile(root, d.digest), 'manifest');
    if (isIndexType(String(d.mediaType)) || (isObj(doc) && Array.isArray(doc.manifests))) {
      if (depth > 4) throw new Error(`${root}: image indexes nested too deep`);
      out.push(...(await ociPlatforms(root, isObj(doc) ? doc.manifests : [], depth + 1)));
    } else if (isObj(d.platform)) {
      out.push(formatPlatform(d.platform));
    } else if (isObj(doc) && isObj(doc.config)) {
      const config = await json(blobFile(root, doc.config.digest), 'image config');
      out.push(formatPlatform(isObj(config) ? config : {}));
    }
  }
  return out;
}

/**
 * Make `path` (OCI layout directory, oci-archive tar[.gz], docker-archive tar or directory)
 * something the scanners read, and list its platforms. Archives of OCI layouts are extracted
 * under `tempDir`; docker-archives are used as they are.
 */
export async function prepareImage(path: string, tempDir: string): Promise<PreparedImage> {
  let dir = path;
  if (!(await stat(path)).isDirectory()) {
    dir = await mkdtemp(join(tempDir, 'aim-build-layout-'));
    await extractTar(path, dir, { only: new Set(['index.json']) }); // a cheap look before unpacking everything
    if (!existsSync(join(dir, 'index.json'))) {
      const image = await openImage(path, ''); // a docker-archive tar: the scanners read it as it is
      return { path, format: 'docker-archive', platforms: [image.image.platform] };
    }
    await extractTar(path, dir);
  }
  if (existsSync(join(dir, 'index.json'))) {
    const index = await json(join(dir, 'index.json'), 'OCI index');
    const platforms = [...new Set(await ociPlatforms(dir, isObj(index) ? index.manifests : []))];
    if (platforms.length === 0) throw new Error(`${path}: the OCI layout holds no image manifest`);
    return { path: dir, format: 'oci', platforms };
  }
  if (existsSync(join(dir, 'manifest.json'))) {
    const image = await openImage(dir, '');
    return { path: dir, format: 'docker-archive', platforms: [image.image.platform] };
  }
  throw new Error(`${path} is neither an OCI image layout (no index.json) nor a docker-archive (no manifest.json)`);
}

export interface SinglePlatformLayout {
  dir: string;
  platform: string;
  manifestDigest: string;
}

/** Write a layout at `dest` holding only the `platform` image of the layout at `root`. */
export async function singlePlatformLayout(root: string, platform: string, dest: string): Promise<SinglePlatformLayout> {
  const { image } = await openImage(root, platform);
  if (!image.manifestDigest) throw new Error(`${root}: not an OCI layout`);
  const manifestFile = blobFile(root, image.manifestDigest);
  const manifest = await json(manifestFile, 'manifest');
  const config = isObj(manifest) && isObj(manifest.config) ? manifest.config.digest : undefined;
  const digests = [image.manifestDigest, config, ...image.layers.map((l) => l.digest)];
  for (const digest of digests) await linkOrCopy(blobFile(root, digest), blobFile(dest, digest));
  const [os, architecture, variant] = image.platform.split('/');
  const descriptor = {
    mediaType: isObj(manifest) && typeof manifest.mediaType === 'string' ? manifest.mediaType : 'application/vnd.oci.image.manifest.v1+json',
    digest: image.manifestDigest,
    size: (await stat(manifestFile)).size,
    platform: { os, architecture, ...(variant ? { variant } : {}) }
  };
  await writeFile(join(dest, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  await writeFile(join(dest, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [descriptor] }));
  return { dir: dest, platform: image.platform, manifestDigest: image.manifestDigest };
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  if (existsSync(to)) return;
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}
