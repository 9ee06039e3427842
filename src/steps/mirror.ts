/**
 * Mirror images registry to registry: an explicit list and/or the base images of Dockerfiles and
 * compose files, into a target namespace (core/mirror/mapping.ts has the naming rule). Tolerant by
 * default (seed 002): a failed image is a warning, listed in the summary, and the step passes;
 * `strict` fails the step. Used by the mirror sub-action and `node dist/cli/index.js mirror`.
 */
import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import type { RegistryAuthEntry } from '../core/build/types.js';
import { isLoopbackRegistry, type StoredLogin } from '../core/build/credentials.js';
import type { RegistryType } from '../core/targets.js';
import { parseMirrorTarget } from '../core/mirror/mapping.js';
import { imageLines, liveLine, mappingJson, mirrorMarkdown, planMirror, tallyLine, totals, type MirrorResult } from '../core/mirror/plan.js';
import { RegistryClient } from '../adapters/registry/client.js';
import { mirrorImages, type BlobCopier } from '../adapters/registry/mirror.js';

export interface MirrorInputs {
  images: string[];
  /** Dockerfiles and compose files whose base images are mirrored too */
  files: string[];
  buildArgs: Record<string, string>;
  target: string;
  registryType: RegistryType;
  skipExisting: boolean;
  strict: boolean;
  attestations: boolean;
  concurrency: number;
  username: string;
  password: string;
  registryAuth: RegistryAuthEntry[];
}

export interface MirrorDeps {
  fetch: typeof fetch;
  info(line: string): void;
  warn(line: string): void;
  now(): number;
  /** base for relative `files` (default the working directory) */
  cwd?: string;
  copier?: BlobCopier;
  /** registry client options for tests (fast retries) */
  clientOptions?: { backoffMs?: number; maxBackoffMs?: number; retries?: number; timeoutMs?: number };
  /**
   * Logins the runner already has (docker/login-action, `docker login`, `buildah login`, credential
   * helpers), for registries our inputs leave open: the target and private sources.
   */
  storedLogins?: (registries: string[]) => Promise<StoredLogin[]>;
}

export interface MirrorRun {
  results: MirrorResult[];
  mapping: Record<string, string>;
  markdown: string;
  tally: string;
  failed: MirrorResult[];
  ms: number;
}

const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** Read a Dockerfile or compose file (capped), naming the input when it cannot be read. */
export function readSourceFile(path: string, input = 'files'): { path: string; text: string } {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw new InputError(input, path, `cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); paths are relative to the workspace`);
  }
  if (size > MAX_FILE_BYTES) throw new InputError(input, path, `the file is ${size} bytes; a Dockerfile or compose file over 4 MiB is not read`);
  return { path, text: readFileSync(path, 'utf8') };
}

export async function runMirror(inputs: MirrorInputs, deps: MirrorDeps): Promise<MirrorRun> {
  const started = deps.now();
  const target = parseMirrorTarget(inputs.target, 'target', inputs.registryType);
  const sources = imageLines(inputs.images);
  if (inputs.files.length) {
    const { baseImages } = await import('../core/mirror/base-images.js');
    const found = baseImages(inputs.files.map((f) => readSourceFile(f)), inputs.buildArgs);
    for (const b of found) deps.info(`base image ${b.ref} (${b.file}:${b.line}${b.platform ? `, --platform=${b.platform}` : ''})`);
    sources.push(...found.map((b) => ({ value: b.ref, input: b.file, line: b.line })));
  }
  if (sources.length === 0) throw new InputError('images', '', 'nothing to mirror: give `images` (one per line) and/or `files` (Dockerfiles, compose files)');
  const items = planMirror(sources, target);
  // registry-auth line → username/password (target only) → a login the runner already has → anonymous
  const explicit = (registry: string): { username: string; password: string } | undefined => {
    const entry = inputs.registryAuth.find((e) => e.registry === registry);
    if (entry) return { username: entry.username, password: entry.password };
    return registry === target.domain && inputs.username && inputs.password ? { username: inputs.username, password: inputs.password } : undefined;
  };
  const open = [...new Set([target.domain, ...items.map((i) => i.source.domain)])].filter((r) => !explicit(r));
  const stored = open.length > 0 && deps.storedLogins ? await deps.storedLogins(open) : [];
  for (const l of stored) deps.info(`${l.registry}: credentials from ${l.source} (a login this runner already had)`);
  const clients = new Map<string, RegistryClient>();
  const clientFor = (registry: string): RegistryClient => {
    let c = clients.get(registry);
    if (!c) {
      const found = stored.find((l) => l.registry === registry);
      const credentials = explicit(registry) ?? (found ? { username: found.username, password: found.password } : undefined);
      c = new RegistryClient({ registry, credentials, insecureHttp: isLoopbackRegistry(registry), fetch: deps.fetch, maxConcurrentBlobs: inputs.concurrency * 2, ...deps.clientOptions, log: (m) => /retry/.test(m) && deps.info(m) });
      clients.set(registry, c);
    }
    return c;
  };
  deps.info(`Mirroring ${items.length} image${items.length === 1 ? '' : 's'} into ${target.domain}/${target.namespace}${inputs.skipExisting ? ' (skip-existing: one HEAD per image)' : ''}`);
  const results = await mirrorImages(items, {
    clientFor,
    copier: deps.copier,
    skipExisting: inputs.skipExisting,
    attestations: inputs.attestations,
    imageConcurrency: inputs.concurrency,
    blobConcurrency: inputs.concurrency * 2,
    now: deps.now,
    onResult: (r, done, total) => (r.status === 'failed' ? deps.warn : deps.info)(liveLine(r, done, total))
  });
  const ms = deps.now() - started;
  const failed = results.filter((r) => r.status === 'failed');
  return { results, mapping: mappingJson(results), markdown: mirrorMarkdown(results, ms, inputs.target), tally: tallyLine(results, ms), failed, ms };
}

/** Strict: any failure fails. Tolerant: failures were warned; say so once more at the end. */
export function mirrorVerdict(run: MirrorRun, strict: boolean): { fail?: string; warn?: string } {
  const t = totals(run.results);
  if (t.failed === 0) return {};
  const list = run.failed.map((r) => `${r.sourceRef}: ${r.error}`).join('; ');
  if (strict) return { fail: `${t.failed} of ${t.total} images were not mirrored (strict): ${list}` };
  return { warn: `${t.failed} of ${t.total} images were not mirrored; the step passes (set strict: true to fail it): ${list}` };
}
