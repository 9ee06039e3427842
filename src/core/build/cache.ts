/**
 * Build cache per builder.
 *
 * - gha (buildx only): one scope per image, ref and platform set, `<image>-<ref>-<platforms>`.
 *   A run reads its own scope, then the PR base branch's, then the default branch's (GitHub lets a
 *   run restore exactly those), and writes its own with mode=max. buildx takes the cache URL and
 *   token from the job environment, so nothing secret is on the command line.
 * - registry: buildx `type=registry,ref=<image>:<prefix>buildcache`; buildah `--cache-from/--cache-to
 *   <image>-buildcache` (a repository: buildah tags cache images by key). Written only when pushing,
 *   and never by a pull request: main and release builds read that cache, so a PR (even from a branch
 *   of this repository, whose token can push) only reads it. PR builds get their own writable cache
 *   from the gha scope (`auto`), not from the shared registry image.
 * - local: buildx `type=local` in a directory; buildah/docker keep intermediate layers (`--layers`).
 * - auto: gha on GitHub-hosted buildx runs, else the builder's own local cache.
 */
import type { ResolvedEvent } from '../context.js';
import type { BuilderName, CacheMode, CacheSpec } from './types.js';

export interface CacheContext {
  builder: BuilderName;
  /** the job has the Actions cache service (ACTIONS_CACHE_URL / ACTIONS_RESULTS_URL) */
  ghaAvailable: boolean;
  event: ResolvedEvent;
  /** pull request base branch (GITHUB_BASE_REF) */
  baseBranch?: string;
  /** names the image in scopes: the component, or the last path segment of the first target */
  scopeName: string;
  platforms: string[];
  /** default registry cache image (`<first target image>`) and tag prefix (ACR component) */
  registryImage?: string;
  tagPrefix?: string;
  /** default local cache directory */
  localDir: string;
  push: boolean;
}

export interface CacheRequest {
  mode: CacheMode;
  ref: string;
  from: string[];
  to: string[];
}

export function slug(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}

function refName(event: ResolvedEvent): string {
  if (event.kind === 'branch' && event.branch) return event.branch;
  if (event.kind === 'tag' && event.tag) return `tag-${event.tag}`;
  if (event.kind === 'pr' && event.pr) return `pr-${event.pr}`;
  return event.ref || 'unknown-ref';
}

export function ghaScope(ctx: Pick<CacheContext, 'scopeName' | 'platforms'>, ref: string): string {
  return `${slug(ctx.scopeName)}-${slug(ref)}-${ctx.platforms.map((p) => slug(p.replace(/\//g, '-'))).join('_')}`;
}

function gha(ctx: CacheContext): CacheSpec {
  const own = ghaScope(ctx, refName(ctx.event));
  const fallbacks = [ctx.event.kind === 'pr' ? ctx.baseBranch : undefined, ctx.event.defaultBranch].filter((b): b is string => !!b).map((b) => ghaScope(ctx, b));
  const scopes = [own, ...fallbacks].filter((s, i, a) => a.indexOf(s) === i);
  return {
    kind: 'gha',
    from: scopes.map((s) => `type=gha,scope=${s}`),
    to: [`type=gha,scope=${own},mode=max,ignore-error=true`],
    layers: false,
    note: `GitHub Actions cache, scope ${own}` + (scopes.length > 1 ? ` (falls back to ${scopes.slice(1).join(', ')})` : '')
  };
}

/** Why the shared registry cache is not written by this build, or undefined when it is. */
function registryReadOnly(ctx: CacheContext): string | undefined {
  if (ctx.event.kind === 'pr' || /^pull_request/.test(ctx.event.eventName)) return 'read only: a pull request never writes the cache that main and release builds read';
  if (!ctx.push) return 'read only: not pushing';
  return undefined;
}

function registry(ctx: CacheContext, ref: string): CacheSpec {
  const readOnly = registryReadOnly(ctx);
  const suffix = readOnly ? ` (${readOnly})` : '';
  if (ctx.builder === 'buildah') {
    const repo = ref || `${ctx.registryImage}-buildcache`;
    return { kind: 'registry', from: [repo], to: readOnly ? [] : [repo], layers: true, note: `registry cache in ${repo}${suffix}` };
  }
  const image = ref || `${ctx.registryImage}:${ctx.tagPrefix ?? ''}buildcache`;
  return {
    kind: 'registry',
    from: [`type=registry,ref=${image}`],
    to: readOnly ? [] : [`type=registry,ref=${image},mode=max,ignore-error=true`],
    layers: false,
    note: `registry cache ${image}${suffix}`
  };
}

function local(ctx: CacheContext, dir: string): CacheSpec {
  if (ctx.builder !== 'buildx') return { kind: 'local', from: [], to: [], layers: true, note: `${ctx.builder} local layer cache (--layers)` };
  const d = dir || ctx.localDir;
  return { kind: 'local', from: [`type=local,src=${d}`], to: [`type=local,dest=${d},mode=max`], layers: false, note: `local cache directory ${d}` };
}

/** Resolves the cache input for one builder; warnings go to `warn`. */
export function resolveCache(req: CacheRequest, ctx: CacheContext, warn: (m: string) => void): CacheSpec {
  if (req.from.length > 0 || req.to.length > 0) {
    if (ctx.builder === 'docker') warn('cache-from/cache-to are ignored by docker without buildx');
    const custom = ctx.builder === 'docker' ? { from: [], to: [] } : { from: req.from, to: req.to };
    return { kind: 'custom', ...custom, layers: ctx.builder !== 'buildx', note: 'cache-from/cache-to as given' };
  }
  let mode = req.mode;
  if (mode === 'gha' && ctx.builder !== 'buildx') {
    warn(`cache: gha needs buildx; ${ctx.builder} uses its local layer cache instead`);
    mode = 'local';
  }
  if (mode === 'registry' && ctx.builder === 'docker') {
    warn('cache: registry needs buildx or buildah; docker uses its local layer cache instead');
    mode = 'local';
  }
  if (mode === 'registry' && !req.ref && !ctx.registryImage) {
    warn('cache: registry needs an image (images input) or cache-ref; using the local cache');
    mode = 'local';
  }
  if (mode === 'auto') {
    if (ctx.builder === 'buildx' && ctx.ghaAvailable) return gha(ctx);
    if (ctx.builder === 'buildx') return { kind: 'builder', from: [], to: [], layers: false, note: "the buildx builder's own cache (no Actions cache service in this job)" };
    return local(ctx, '');
  }
  if (mode === 'gha') {
    if (!ctx.ghaAvailable) warn('cache: gha, but this job has no Actions cache service (ACTIONS_CACHE_URL / ACTIONS_RESULTS_URL); buildx will fail to reach it');
    return gha(ctx);
  }
  if (mode === 'registry') return registry(ctx, req.ref);
  if (mode === 'local') return local(ctx, req.ref);
  return { kind: 'off', from: [], to: [], layers: false, note: 'cache: off' };
}
