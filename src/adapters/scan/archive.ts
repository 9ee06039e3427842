/**
 * Tar extraction for the scan path (tar-stream + zlib, no `tar` binary): one member of a scanner
 * release archive, or a whole oci-archive into a directory. Refuses absolute paths, `..` and
 * links that leave the destination; only regular files and directories are written.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';

export interface ExtractOptions {
  /** extract only members whose normalized name is in this set; default: every file */
  only?: ReadonlySet<string>;
  /** file mode for written files (default: the member's mode & 0o755, at least 0o600) */
  mode?: number;
}

/** Normalized member name (`./a//b` → `a/b`); throws on absolute paths and `..`. */
export function safeMemberName(name: string, archive: string): string {
  if (name.startsWith('/') || name.split('/').includes('..')) throw new Error(`${archive}: refusing archive member '${name}' (absolute or contains '..')`);
  return name.split('/').filter((p) => p !== '' && p !== '.').join('/');
}

async function gunzipIfNeeded(file: string): Promise<Readable> {
  const head = await new Promise<Buffer>((res, rej) => {
    const s = createReadStream(file, { start: 0, end: 1 });
    const chunks: Buffer[] = [];
    s.on('data', (c) => chunks.push(c as Buffer));
    s.on('end', () => res(Buffer.concat(chunks)));
    s.on('error', rej);
  });
  const stream = createReadStream(file);
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip();
    stream.on('error', (e) => gunzip.destroy(e));
    return stream.pipe(gunzip);
  }
  return stream;
}

/** Extract `file` (tar or tar.gz) into `dest`. Returns the member names written. */
export async function extractTar(file: string, dest: string, o: ExtractOptions = {}): Promise<string[]> {
  const root = resolve(dest);
  await mkdir(root, { recursive: true });
  const written: string[] = [];
  const input = await gunzipIfNeeded(file);
  const extract = tar.extract();
  input.on('error', (e) => extract.destroy(e));
  input.pipe(extract);
  try {
    for await (const entry of extract) {
      const name = safeMemberName(entry.header.name, file);
      const type = entry.header.type ?? 'file';
      const wanted = name !== '' && (!o.only || o.only.has(name));
      if (wanted && (type === 'file' || type === 'contiguous-file')) {
        const target = resolve(root, name);
        if (!target.startsWith(root + sep)) throw new Error(`${file}: member '${name}' would be written outside ${root}`);
        await mkdir(dirname(target), { recursive: true });
        const mode = o.mode ?? Math.max(0o600, (entry.header.mode ?? 0o644) & 0o755);
        await pipeline(entry as unknown as Readable, createWriteStream(target, { mode }));
        written.push(name);
        continue;
      }
      if (wanted && type === 'directory') await mkdir(join(root, name), { recursive: true });
      entry.resume();
    }
  } finally {
    input.destroy();
  }
  return written;
}
