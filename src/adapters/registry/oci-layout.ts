/**
 * A local OCI image layout (the directory `buildah manifest push … oci:DIR` writes, or the tar
 * buildx `type=oci` / `docker save` write, extracted): index.json → root (index or manifest) →
 * platform manifests → blobs. Every JSON document read is checked against its digest.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { digestOf } from './digest.js';
import { blobPath, digestAlgorithm, isAttestation, isIndexType, OCI_INDEX, parseJson, platformIndexText, platformString, type Descriptor, type ImageIndex, type ImageManifest } from '../../core/oci.js';
import type { LayoutImage, LayoutManifest } from '../../core/build/push-plan.js';
import type { PlatformResult } from '../../core/build/result.js';
import { withAnnotations } from '../../core/scan/record.js';
import { inRequestedOrder, platformFromText, type BuiltPlatform } from '../../core/platform.js';

export { blobPath } from '../../core/oci.js';

async function readBlobText(dir: string, d: Descriptor, what: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(blobPath(dir, d.digest));
  } catch {
    throw new Error(`${what} ${d.digest} is missing from the image layout ${dir} (the builder did not export it)`);
  }
  const actual = digestOf(bytes, digestAlgorithm(d.digest, what));
  if (actual !== d.digest) throw new Error(`${what} in ${dir} is corrupt: expected ${d.digest}, content is ${actual}`);
  return bytes.toString('utf8');
}

/** Reads the image the layout's index.json points to (its first entry). */
export async function readLayout(dir: string): Promise<LayoutImage> {
  const top = parseJson<ImageIndex>(await readFile(join(dir, 'index.json'), 'utf8').catch(() => {
    throw new Error(`${dir} is not an OCI image layout (no index.json)`);
  }), `${dir}/index.json`);
  const rootDesc = top.manifests?.[0];
  if (!rootDesc) throw new Error(`${dir}/index.json lists no image`);
  const body = await readBlobText(dir, rootDesc, 'the image root');
  const root = { descriptor: { mediaType: rootDesc.mediaType, digest: rootDesc.digest, size: rootDesc.size }, body };
  if (!isIndexType(rootDesc.mediaType)) {
    const single = parseJson<ImageManifest>(body, `manifest ${rootDesc.digest}`);
    return { root: { ...root, descriptor: { ...root.descriptor, platform: rootDesc.platform } }, children: [], single };
  }
  const index = parseJson<ImageIndex>(body, `index ${rootDesc.digest}`);
  const children: LayoutManifest[] = [];
  for (const d of index.manifests) {
    const text = await readBlobText(dir, d, `manifest (${platformString(d.platform)})`);
    children.push({ descriptor: d, body: text, manifest: parseJson<ImageManifest>(text, `manifest ${d.digest}`) });
  }
  return { root, children };
}

/** Per-platform facts for outputs; a single-manifest root takes its platform from the config. */
export async function platformsOf(dir: string, image: LayoutImage): Promise<PlatformResult[]> {
  const size = (m: ImageManifest): number => [m.config, ...(m.layers ?? [])].reduce((n, d) => n + (d?.size ?? 0), 0);
  if (image.single) {
    const config = parseJson<{ os?: string; architecture?: string; variant?: string }>(await readBlobText(dir, image.single.config, 'image config'), 'image config');
    const platform = platformString({ os: config.os ?? 'unknown', architecture: config.architecture ?? 'unknown', variant: config.variant });
    return [{ platform, digest: image.root.descriptor.digest, size: image.root.descriptor.size, config: image.single.config.digest, imageSize: size(image.single) }];
  }
  return image.children
    .filter((c) => !isAttestation(c.descriptor))
    .map((c) => ({ platform: platformString(c.descriptor.platform), digest: c.descriptor.digest, size: c.descriptor.size, config: c.manifest.config.digest, imageSize: size(c.manifest) }));
}

/**
 * Makes the layout's root an index of the images its index.json names `ref` (one per platform, as
 * `buildah push … oci:DIR:REF` writes them), in the order of `refs`: [platform, ref] pairs.
 */
export async function writePlatformIndex(dir: string, refs: ReadonlyArray<[platform: string, ref: string]>): Promise<string> {
  const top = parseJson<ImageIndex>(await readFile(join(dir, 'index.json'), 'utf8'), `${dir}/index.json`);
  const manifests = refs.map(([platform, ref]) => {
    const d = top.manifests.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === ref);
    if (!d) throw new Error(`${dir}/index.json has no image named ${ref} (${platform}): the builder did not export it`);
    return { mediaType: d.mediaType, digest: d.digest, size: d.size, platform: platformFromText(platform) };
  });
  const text = platformIndexText(manifests);
  const digest = digestOf(text);
  await writeFile(blobPath(dir, digest), text);
  await writeFile(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [{ mediaType: OCI_INDEX, digest, size: Buffer.byteLength(text) }] }));
  return digest;
}

/**
 * Puts the layout's root index in the order the user gave the platforms (attestation entries after
 * the images, in their own order), for builders that write their own order (buildx, docker). The
 * root index is rewritten only when the order differs; returns the root digest either way.
 */
export async function orderPlatformIndex(dir: string, requested: readonly string[]): Promise<string> {
  const top = parseJson<ImageIndex>(await readFile(join(dir, 'index.json'), 'utf8'), `${dir}/index.json`);
  const rootDesc = top.manifests?.[0];
  if (!rootDesc) throw new Error(`${dir}/index.json lists no image`);
  if (!isIndexType(rootDesc.mediaType)) return rootDesc.digest;
  const index = parseJson<ImageIndex>(await readBlobText(dir, rootDesc, 'the image root'), `index ${rootDesc.digest}`);
  const ordered = inRequestedOrder(requested, index.manifests, (d) => (isAttestation(d) || !d.platform ? { os: 'unknown', architecture: 'unknown' } : d.platform));
  if (ordered.every((d, i) => d === index.manifests[i])) return rootDesc.digest;
  const text = JSON.stringify({ ...index, manifests: ordered });
  const digest = digestOf(text);
  await writeFile(blobPath(dir, digest), text);
  const root = { ...rootDesc, digest, size: Buffer.byteLength(text) };
  await writeFile(join(dir, 'index.json'), JSON.stringify({ ...top, manifests: [root, ...top.manifests.slice(1)] }));
  return digest;
}

/**
 * Adds `annotations` to the layout's root (the image index, or the single manifest when there is
 * no index), stored as a new blob with index.json pointing at it; returns the root's digest.
 */
export async function annotateRoot(dir: string, annotations: Record<string, string>): Promise<string> {
  const top = parseJson<ImageIndex>(await readFile(join(dir, 'index.json'), 'utf8'), `${dir}/index.json`);
  const rootDesc = top.manifests?.[0];
  if (!rootDesc) throw new Error(`${dir}/index.json lists no image`);
  const text = withAnnotations(await readBlobText(dir, rootDesc, 'the image root'), annotations);
  if (text === undefined) return rootDesc.digest;
  const digest = digestOf(text);
  await writeFile(blobPath(dir, digest), text);
  const root = { ...rootDesc, digest, size: Buffer.byteLength(text) };
  await writeFile(join(dir, 'index.json'), JSON.stringify({ ...top, manifests: [root, ...top.manifests.slice(1)] }));
  return digest;
}

/** What each platform image of the layout claims (index entry) and is (its config), for checkBuiltPlatforms. */
export async function builtPlatforms(dir: string, image: LayoutImage): Promise<BuiltPlatform[]> {
  const configOf = async (d: Descriptor): Promise<BuiltPlatform['config']> => {
    const c = parseJson<{ os?: unknown; architecture?: unknown; variant?: unknown }>(await readBlobText(dir, d, 'image config'), `image config ${d.digest}`);
    const text = (v: unknown): string => (typeof v === 'string' ? v : '');
    return { os: text(c.os), architecture: text(c.architecture), ...(text(c.variant) ? { variant: text(c.variant) } : {}) };
  };
  if (image.single) return [{ digest: image.root.descriptor.digest, config: await configOf(image.single.config) }];
  const out: BuiltPlatform[] = [];
  for (const c of image.children.filter((c) => !isAttestation(c.descriptor))) {
    out.push({ digest: c.descriptor.digest, descriptor: c.descriptor.platform ?? { os: 'unknown', architecture: 'unknown' }, config: await configOf(c.manifest.config) });
  }
  return out;
}

/** Extracts an OCI layout tar (buildx `type=oci`, `docker save`) into `dir`; refuses paths leaving it. */
export async function extractTar(tarPath: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const extract = tar.extract();
  let failure: Error | undefined;
  const skip = (stream: { on(event: 'end', fn: () => void): unknown; resume(): unknown }, next: () => void): void => {
    stream.on('end', () => next());
    stream.resume();
  };
  extract.on('entry', (header, stream, next) => {
    const name = normalize(header.name).replace(/^(\.\/)+/, '');
    const target = join(dir, name);
    if (failure) return skip(stream, next);
    if (name.startsWith('..') || name.startsWith(sep) || !target.startsWith(dir)) {
      failure = new Error(`${tarPath}: entry '${header.name}' would be written outside ${dir}`);
      return skip(stream, next);
    }
    if (header.type !== 'file' && header.type !== 'contiguous-file') {
      const made = header.type === 'directory' ? mkdir(target, { recursive: true }) : Promise.resolve(undefined);
      made.then(() => skip(stream, next), (e: Error) => ((failure = e), skip(stream, next)));
      return;
    }
    mkdir(dirname(target), { recursive: true })
      .then(() => pipeline(stream, createWriteStream(target)))
      .then(
        () => next(),
        (e: Error) => {
          failure = e;
          next();
        }
      );
  });
  await new Promise<void>((resolve, reject) => {
    extract.on('finish', () => (failure ? reject(failure) : resolve()));
    extract.on('error', reject);
    const source = createReadStream(tarPath);
    source.on('error', reject);
    source.pipe(extract);
  });
}
