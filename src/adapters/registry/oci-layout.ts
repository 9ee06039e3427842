/**
 * A local OCI image layout (the directory `buildah manifest push … oci:DIR` writes, or the tar
 * buildx `type=oci` / `docker save` write, extracted): index.json → root (index or manifest) →
 * platform manifests → blobs. Every JSON document read is checked against its digest.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { digestOf } from './digest.js';
import { blobPath, digestAlgorithm, isAttestation, isIndexType, parseJson, platformString, type Descriptor, type ImageIndex, type ImageManifest } from '../../core/oci.js';
import type { LayoutImage, LayoutManifest } from '../../core/build/push-plan.js';
import type { PlatformResult } from '../../core/build/result.js';

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
