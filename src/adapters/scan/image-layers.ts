/**
 * Read one platform image out of an OCI image layout (directory, or the `oci-archive` tar of one:
 * `skopeo copy … oci:DIR`, `buildah push IMG oci-archive:x.tar`, buildx `type=oci`) or a
 * docker-archive (`docker save`, directory or tar, optionally gzipped), and stream its layers' tar
 * entries. Layers may be plain tar, gzip or zstd (zstd needs Node ≥ 22.15, as the node24 runtime
 * has; otherwise the scan fails rather than skipping a layer).
 *
 * Tar archives are read twice: pass 1 keeps the small JSON members (index, manifests, configs,
 * ≤ 1 MiB), pass 2 streams the layer blobs of the chosen manifest in archive order.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, type Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import tar from 'tar-stream';
import { blobPath as layoutBlobPath, isAttestation, isDigest, isIndexType } from '../../core/oci.js';

const MAX_JSON_MEMBER = 1024 * 1024;

export interface LayerEntry {
  /** index of the layer in the manifest (0 = base) */
  layerIndex: number;
  /** layer digest as the registry knows it (docker-archive: the uncompressed diff id) */
  layer: string;
  /** absolute, normalized path inside the image (`/etc/passwd`) */
  path: string;
  type: string;
  size: number;
  /** the entry's bytes; read it or leave it, the walker drains it */
  stream: Readable;
}

export interface OpenedImage {
  image: ResolvedImage;
  /** Calls `onEntry` for every tar entry of every layer, one at a time. */
  walk(onEntry: (entry: LayerEntry) => Promise<void>): Promise<void>;
}

interface Source extends BlobReader {
  /** stream each named member once, in any order */
  streamMembers(names: ReadonlySet<string>, onMember: (name: string, stream: Readable) => Promise<void>): Promise<void>;
}

/** @throws Error naming `path` when it is neither an OCI layout nor a docker-archive, or `platform` is not in it */
export async function openImage(path: string, platform: string): Promise<OpenedImage> {
  const info = await stat(path);
  const source = info.isDirectory() ? directorySource(path) : await tarSource(path);
  const image = await resolveImage(source, platform, path);
  return {
    image,
    walk: async (onEntry) => {
      const byBlob = new Map(image.layers.map((l) => [l.blob, l]));
      await source.streamMembers(new Set(byBlob.keys()), async (name, stream) => {
        const layer = byBlob.get(name);
        if (!layer) return;
        await walkTar(await decompress(stream, `layer ${layer.digest} of ${path}`), async (header, entry) => {
          await onEntry({ layerIndex: layer.index, layer: layer.digest, path: normalize(header.name), type: header.type ?? 'file', size: header.size ?? 0, stream: entry });
        });
      });
    }
  };
}

function normalize(name: string): string {
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  return `/${parts.join('/')}`;
}

/** Archive member / layout file name; `..` is refused so a hostile manifest cannot point outside the layout. */
function memberName(name: string): string {
  if (name.split('/').includes('..')) throw new Error(`refusing blob path '${name}' (contains '..')`);
  return normalize(name).slice(1);
}

function directorySource(root: string): Source {
  return {
    describe: root,
    readMember: (name) => readFile(join(root, name)).catch(() => undefined),
    async streamMembers(names, onMember) {
      for (const name of names) await onMember(name, createReadStream(join(root, name)));
    }
  };
}

async function tarSource(file: string): Promise<Source> {
  const small = new Map<string, Buffer>();
  await forEachMember(file, async (name, size, stream) => {
    if (size > MAX_JSON_MEMBER) return;
    const bytes = await readAll(stream);
    const first = bytes.subarray(0, 64).toString('utf8').trimStart()[0];
    if (first === '{' || first === '[') small.set(name, bytes); // index, manifests, configs; not layers
  });
  return {
    describe: file,
    readMember: async (name) => small.get(name),
    streamMembers: (names, onMember) =>
      forEachMember(file, async (name, _size, stream) => {
        if (names.has(name)) await onMember(name, stream);
      })
  };
}

async function forEachMember(file: string, onMember: (name: string, size: number, stream: Readable) => Promise<void>): Promise<void> {
  const stream = await decompress(createReadStream(file), file);
  await walkTar(stream, async (header, entry) => {
    if (header.type === 'file' || header.type === 'contiguous-file') await onMember(memberName(header.name), header.size ?? 0, entry);
  });
}

/** Iterate a tar stream; each entry is drained after `onEntry` returns. */
async function walkTar(input: Readable, onEntry: (header: tar.Header, entry: Readable) => Promise<void>): Promise<void> {
  const extract = tar.extract();
  input.on('error', (err) => extract.destroy(err));
  input.pipe(extract);
  try {
    for await (const entry of extract) {
      await onEntry(entry.header, entry as unknown as Readable);
      entry.resume();
    }
  } finally {
    input.destroy();
  }
}

const asBuffer = (chunk: Uint8Array): Buffer => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(asBuffer(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** Sniff the first bytes: gzip (1f 8b), zstd (28 b5 2f fd) or plain. Pull-based, so backpressure holds. */
async function decompress(source: Readable, what: string): Promise<Readable> {
  const it = (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let done = false;
  while (!done && Buffer.concat(head).length < 4) {
    const next = await it.next();
    if (next.done) done = true;
    else head.push(asBuffer(next.value));
  }
  const magic = Buffer.concat(head).subarray(0, 4);
  const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
  const transform = gzip ? zlib.createGunzip() : magic.equals(ZSTD_MAGIC) ? zstd(what, source) : undefined;
  async function* rest(): AsyncGenerator<Buffer> {
    yield* head;
    for (let next = done ? undefined : await it.next(); next && !next.done; next = await it.next()) yield asBuffer(next.value);
  }
  const plain = Readable.from(rest(), { objectMode: false });
  return transform ? pipeThrough(plain, transform) : plain;
}

const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);

function zstd(what: string, source: Readable): Transform {
  const create = (zlib as unknown as { createZstdDecompress?: () => Transform }).createZstdDecompress;
  if (create) return create();
  source.destroy();
  throw new Error(`${what} is zstd-compressed and this Node.js (${process.version}) has no zstd; run on Node ≥ 22.15 (action runtime node24)`);
}

function pipeThrough(input: Readable, transform: Transform): Readable {
  input.on('error', (err) => transform.destroy(err));
  return input.pipe(transform);
}


export interface ImageLayer {
  index: number;
  digest: string;
  mediaType?: string;
  /** member / file name of the blob inside the layout or archive */
  blob: string;
}

export interface ResolvedImage {
  format: 'oci' | 'docker-archive';
  /** `os/arch[/variant]` of the chosen image */
  platform: string;
  manifestDigest?: string;
  config: Record<string, unknown>;
  layers: ImageLayer[];
}

/** `describe` names the layout in errors; `readMember` gives a file's bytes or undefined. */
interface BlobReader { describe: string; readMember(name: string): Promise<Buffer | undefined> }

interface Platform { os: string; architecture: string; variant?: string }

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function blobPath(digest: unknown, src: BlobReader): string {
  if (!isDigest(digest)) throw new Error(`${src.describe}: invalid digest ${JSON.stringify(digest)}`);
  return layoutBlobPath('.', digest).slice(2);
}

async function readJson(src: BlobReader, name: string, what: string): Promise<unknown> {
  const bytes = await src.readMember(name);
  if (!bytes) throw new Error(`${src.describe}: ${what} '${name}' is missing`);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new Error(`${src.describe}: ${what} '${name}' is not JSON`);
  }
}

async function resolveImage(src: BlobReader, platform: string, path: string): Promise<ResolvedImage> {
  const want = parsePlatform(platform);
  if (await src.readMember('index.json')) return resolveOci(src, want);
  if (await src.readMember('manifest.json')) return resolveDockerArchive(src, want);
  throw new Error(`${path} is neither an OCI image layout (no index.json) nor a docker-archive (no manifest.json)`);
}

async function resolveOci(src: BlobReader, want: Platform | undefined): Promise<ResolvedImage> {
  const candidates: Array<{ digest: string; manifest: Obj; config: Obj; platform: Platform }> = [];
  const visit = async (descriptors: unknown, depth: number): Promise<void> => {
    for (const d of Array.isArray(descriptors) ? descriptors.filter(isObj) : []) {
      if (isAttestation(d)) continue;
      const doc = await readJson(src, blobPath(d.digest, src), 'manifest');
      if (!isObj(doc)) continue;
      if (isIndexType(String(d.mediaType)) || Array.isArray(doc.manifests)) {
        if (depth > 4) throw new Error(`${src.describe}: image indexes nested too deep`);
        await visit(doc.manifests, depth + 1);
      } else if (isObj(doc.config)) {
        const config = await readJson(src, blobPath(doc.config.digest, src), 'image config');
        const conf = isObj(config) ? config : {};
        candidates.push({ digest: String(d.digest), manifest: doc, config: conf, platform: platformOf(isObj(d.platform) ? d.platform : conf) });
      }
    }
  };
  const index = await readJson(src, 'index.json', 'index');
  await visit(isObj(index) ? index.manifests : undefined, 0);
  const chosen = choose(candidates, want, src);
  const layers = (Array.isArray(chosen.manifest.layers) ? chosen.manifest.layers.filter(isObj) : []).map((l, i) => ({
    index: i,
    digest: String(l.digest),
    mediaType: typeof l.mediaType === 'string' ? l.mediaType : undefined,
    blob: blobPath(l.digest, src)
  }));
  return { format: 'oci', platform: formatPlatform(chosen.platform), manifestDigest: chosen.digest, config: chosen.config, layers };
}

async function resolveDockerArchive(src: BlobReader, want: Platform | undefined): Promise<ResolvedImage> {
  const manifest = await readJson(src, 'manifest.json', 'docker-archive manifest');
  const candidates = [];
  for (const entry of Array.isArray(manifest) ? manifest.filter(isObj) : []) {
    const config = await readJson(src, memberName(String(entry.Config)), 'image config');
    const conf = isObj(config) ? config : {};
    candidates.push({ entry, config: conf, platform: platformOf(conf) });
  }
  const chosen = choose(candidates, want, src);
  const rootfs = isObj(chosen.config.rootfs) ? chosen.config.rootfs : {};
  const diffIds = Array.isArray(rootfs.diff_ids) ? rootfs.diff_ids : [];
  const paths = Array.isArray(chosen.entry.Layers) ? chosen.entry.Layers.map(String) : [];
  const layers = paths.map((p, i) => {
    const fromPath = /(?:^|\/)blobs\/(sha256)\/([a-f0-9]{64})$/.exec(p);
    return { index: i, digest: fromPath ? `${fromPath[1]}:${fromPath[2]}` : String(diffIds[i] ?? p), blob: memberName(p) };
  });
  return { format: 'docker-archive', platform: formatPlatform(chosen.platform), config: chosen.config, layers };
}

function choose<T extends { platform: Platform }>(candidates: T[], want: Platform | undefined, src: BlobReader): T {
  const available = candidates.map((c) => formatPlatform(c.platform)).join(', ') || 'none';
  const matches = want ? candidates.filter((c) => platformMatches(want, c.platform)) : candidates;
  if (matches.length === 0) throw new Error(`${src.describe}: no image for platform ${want ? formatPlatform(want) : '(any)'}; it has: ${available}`);
  if (!want && matches.length > 1) throw new Error(`${src.describe}: holds several platforms (${available}); name one`);
  return matches[0];
}

function parsePlatform(text: string): Platform | undefined {
  if (text.trim() === '') return undefined;
  const [os, architecture, variant] = text.trim().split('/');
  if (!os || !architecture) throw new Error(`platform '${text}' must be os/arch[/variant], e.g. linux/arm64`);
  return { os, architecture, ...(variant ? { variant } : {}) };
}

function platformOf(p: Obj): Platform {
  const variant = typeof p.variant === 'string' && p.variant !== '' ? p.variant : undefined;
  return { os: String(p.os ?? ''), architecture: String(p.architecture ?? ''), ...(variant ? { variant } : {}) };
}

function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/** `linux/arm64` matches variant v8 or none; a requested variant must match (arm defaults to v7). */
function platformMatches(want: Platform, have: Platform): boolean {
  const variant = (p: Platform): string => p.variant ?? (p.architecture === 'arm64' ? 'v8' : p.architecture === 'arm' ? 'v7' : '');
  return want.os === have.os && want.architecture === have.architecture && (want.variant === undefined || variant(want) === variant(have));
}
