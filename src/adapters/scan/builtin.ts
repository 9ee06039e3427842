/**
 * The builtin secret / misconfiguration scanner: no download, no database, runs on every platform
 * image before any tag is written.
 *
 * Whiteout policy: every layer is scanned on its own, and a secret found in ANY layer is reported,
 * even when a later layer deletes the file (`.wh.<name>` or an opaque `.wh..wh..opq` directory).
 * Layers are pushed and pulled as they are, so `docker save` / `crane blob` hands the deleted file
 * to anyone who can pull the image. Such findings keep the earlier layer's digest and path, and
 * their title says that a later layer removed the file.
 */
import type { Finding } from '../../core/scan/findings.js';
import { MAX_SCAN_BYTES, dotDotEntry, isProbablyBinary, scanFile, scanImageConfig, wantsContent } from '../../core/scan/builtin-rules.js';
import { type LayerEntry, openImage, readAll } from './image-layers.js';

export interface BuiltinScanResult {
  findings: Finding[];
  /** text files whose content went through the rules */
  filesScanned: number;
  bytesScanned: number;
  /** the platform actually scanned (`os/arch[/variant]`) */
  platform: string;
  layers: number;
  /** files not read because they are over MAX_SCAN_BYTES, or binary */
  skipped: { tooLarge: number; binary: number };
}

interface Whiteouts {
  /** paths deleted by `.wh.<name>` */
  deleted: Set<string>;
  /** directories whose lower contents `.wh..wh..opq` hides */
  opaque: Set<string>;
}

/**
 * Scan one platform image of an OCI layout / oci-archive / docker-archive at `path`.
 * `platform` may be '' when the layout holds exactly one image.
 */
export async function scanImageLayout(path: string, platform: string): Promise<BuiltinScanResult> {
  const opened = await openImage(path, platform);
  const { image } = opened;
  const result: BuiltinScanResult = {
    findings: scanImageConfig(image.config),
    filesScanned: 0,
    bytesScanned: 0,
    platform: image.platform,
    layers: image.layers.length,
    skipped: { tooLarge: 0, binary: 0 }
  };
  const whiteouts = new Map<number, Whiteouts>();
  const layerOf = new Map<Finding, number>();
  await opened.walk(async (entry) => {
    // entry.path is already resolved (`..` clamped at `/`): every rule below sees the runtime's path
    if (entry.storedName !== undefined) {
      const f = dotDotEntry(entry.storedName, entry.layer);
      layerOf.set(f, entry.layerIndex);
      result.findings.push(f);
    }
    if (recordWhiteout(entry, whiteouts)) return;
    if (entry.type !== 'file' && entry.type !== 'contiguous-file') return;
    for (const f of await scanEntry(entry, result)) {
      layerOf.set(f, entry.layerIndex);
      result.findings.push(f);
    }
  });
  // Tar archives yield layers in archive order: sort to config first, then manifest layer order, then path.
  const order = (f: Finding): number => layerOf.get(f) ?? -1;
  result.findings.sort((a, b) => order(a) - order(b) || (a.path ?? '').localeCompare(b.path ?? '') || a.id.localeCompare(b.id));
  result.findings = result.findings.map((f) => {
    const index = layerOf.get(f);
    const hidden = index !== undefined && f.path !== undefined && removedLater(f.path, index, whiteouts);
    return { ...f, ...(hidden ? { title: `${f.title} (removed by a later layer, still readable in this layer)` } : {}), platform: image.platform };
  });
  return result;
}

async function scanEntry(entry: LayerEntry, result: BuiltinScanResult): Promise<Finding[]> {
  if (entry.size > MAX_SCAN_BYTES) result.skipped.tooLarge++;
  if (!wantsContent(entry.path, entry.size)) return scanFile({ path: entry.path, size: entry.size, layer: entry.layer });
  const content = await readAll(entry.stream);
  if (isProbablyBinary(content)) {
    result.skipped.binary++;
  } else {
    result.filesScanned++;
    result.bytesScanned += content.length;
  }
  return scanFile({ path: entry.path, size: entry.size, layer: entry.layer, content });
}

/** True when the entry is a whiteout marker (recorded, not scanned). */
function recordWhiteout(entry: LayerEntry, all: Map<number, Whiteouts>): boolean {
  const slash = entry.path.lastIndexOf('/');
  const dir = entry.path.slice(0, slash) || '/';
  const name = entry.path.slice(slash + 1);
  if (!name.startsWith('.wh.')) return false;
  const w = all.get(entry.layerIndex) ?? { deleted: new Set<string>(), opaque: new Set<string>() };
  all.set(entry.layerIndex, w);
  if (name === '.wh..wh..opq') w.opaque.add(dir);
  else w.deleted.add(`${dir === '/' ? '' : dir}/${name.slice(4)}`);
  return true;
}

/** Is `path` from layer `index` deleted, or hidden by an opaque directory, in any later layer? */
function removedLater(path: string, index: number, all: Map<number, Whiteouts>): boolean {
  const ancestors: string[] = [];
  for (let p = path; p !== '/' && p !== ''; p = p.slice(0, p.lastIndexOf('/')) || '/') ancestors.push(p);
  for (const [layer, w] of all) {
    if (layer <= index) continue;
    if (ancestors.some((a) => w.deleted.has(a))) return true;
    if (ancestors.slice(1).some((a) => w.opaque.has(a)) || w.opaque.has('/')) return true;
  }
  return false;
}
