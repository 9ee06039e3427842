/**
 * Where a mirrored image goes: source reference → target reference under a registry namespace.
 *
 * Rule (README "Mirroring and internal networks" has the table):
 *  1. Docker Hub official images (`docker.io/library/<name>`) go straight under the target:
 *     `docker.io/library/redis:7-alpine` → `<target>/redis:7-alpine` (what seed 002's builds expect).
 *  2. Everything else keeps its registry host and path under the target:
 *     `ghcr.io/acme/app:1` → `<target>/ghcr.io/acme/app:1`, `docker.io/bitnami/redis:7` →
 *     `<target>/docker.io/bitnami/redis:7`. The host becomes one path component: lowercased, `:port`
 *     written `_port` (`localhost:5000/x` → `<target>/localhost_5000/x`).
 *  3. Alibaba ACR has exactly one namespace level and no `/` in a repository name, so the path after
 *     the namespace is flattened: every run of n dashes becomes n+1 dashes, then each `/` becomes
 *     one `-` (`ghcr.io/acme/my-app` → `<ns>/ghcr.io-acme-my--app`; `eclipse-temurin` →
 *     `<ns>/eclipse--temurin`). A target of just the ACR host uses seed 001's default namespace
 *     `ai-infra-matrix`.
 *  Tag and digest are kept as they are.
 *
 * No two sources share a target: under rule 1 the result has one component below the target, under
 * rule 2 at least two; hosts are distinct components (`_` never occurs in a host name). Under rule 3
 * a single `-` only ever stands for `/`, and official images have none. The property test in
 * __tests__/core/mirror/mapping.property.test.ts checks both.
 */
import { InputError } from '../errors.js';
import { detectKind, type RegistryType } from '../targets.js';
import { domainProblem, MAX_NAME_LENGTH, pathComponentProblem, splitImageName } from '../reference.js';
import { formatImageRef, type ImageRef } from './image-ref.js';

/** seed 001: an ACR registry given without namespace uses this one */
export const DEFAULT_ACR_NAMESPACE = 'ai-infra-matrix';

export interface MirrorTarget {
  /** registry host[:port] */
  domain: string;
  /** namespace path below the host ('' for the registry root) */
  namespace: string;
  /** flattened naming (Alibaba ACR) */
  flat: boolean;
  /** as the user wrote it */
  input: string;
}

/** `aiharbor.msxf.local/aihpc`, `ghcr.io/acme`, `registry.cn-hangzhou.aliyuncs.com[/ns]`, `127.0.0.1:5000` */
export function parseMirrorTarget(value: string, input = 'target', registryType: RegistryType = 'auto'): MirrorTarget {
  const bad = (hint: string): InputError => new InputError(input, value, hint);
  const v = value.trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  if (v === '') throw bad('give the registry and namespace to mirror into, e.g. harbor.example.com/mirror');
  if (/[@\s]/.test(v) || v.split('/').slice(1).some((s) => s.includes(':'))) throw bad('a mirror target is host[:port][/namespace], without tag or digest');
  const first = v.split('/')[0];
  const split = splitImageName(v.includes('/') ? v : `${v}/x`);
  if (!split.explicitDomain) throw bad(`'${first}' is not a registry host; write the host first (e.g. harbor.example.com/${v})`);
  const d = domainProblem(split.domain);
  if (d) throw bad(d);
  if (split.domain.startsWith('[')) throw bad('an IPv6 literal cannot be used as a mirror target; use a host name');
  const namespace = v.includes('/') ? split.path : '';
  for (const c of namespace ? namespace.split('/') : []) {
    const p = pathComponentProblem(c);
    if (p) throw bad(`${p}: '${c}'`);
  }
  const flat = detectKind(split.domain, registryType) === 'acr';
  if (flat && namespace.includes('/')) throw bad(`Alibaba ACR has one namespace level; write ${split.domain}/<namespace>`);
  return { domain: split.domain, namespace: flat && namespace === '' ? DEFAULT_ACR_NAMESPACE : namespace, flat, input: value };
}

/** `ghcr.io` → `ghcr.io`, `Localhost:5000` → `localhost_5000` */
export function hostComponent(domain: string): string {
  if (domain.startsWith('[')) throw new InputError('image', domain, 'an image on an IPv6-literal registry cannot be mirrored by name; use a host name');
  return domain.toLowerCase().replace(':', '_');
}

function isOfficial(src: ImageRef): boolean {
  return src.domain === 'docker.io' && /^library\/[^/]+$/.test(src.path);
}

/** The repository path (below the target host) for a source repository. */
export function mirrorPath(src: Pick<ImageRef, 'domain' | 'path'>, target: MirrorTarget): string {
  const official = isOfficial(src as ImageRef);
  let rel: string;
  if (target.flat) {
    const enc = (s: string): string => s.replace(/-+/g, '$&-');
    rel = official ? enc(src.path.slice('library/'.length)) : [hostComponent(src.domain), ...src.path.split('/')].map(enc).join('-');
  } else {
    rel = official ? src.path.slice('library/'.length) : `${hostComponent(src.domain)}/${src.path}`;
  }
  return target.namespace ? `${target.namespace}/${rel}` : rel;
}

/** Source reference → target reference (tag and digest kept). Throws when the result would be too long. */
export function mirrorRef(src: ImageRef, target: MirrorTarget): ImageRef {
  const path = mirrorPath(src, target);
  const name = `${target.domain}/${path}`;
  if (name.length > MAX_NAME_LENGTH) {
    throw new InputError('images', formatImageRef(src), `its mirror name ${name} is ${name.length} characters, over the ${MAX_NAME_LENGTH} registries accept; mirror it into a shorter namespace`);
  }
  return { domain: target.domain, path, tag: src.tag, digest: src.digest };
}

/** Markdown-ready rows of the rule, for summaries and the README. */
export const MIRROR_RULES: ReadonlyArray<[string, string, string]> = [
  ['docker.io/library/redis:7-alpine', 'harbor.example.com/mirror/redis:7-alpine', 'registry.cn-hangzhou.aliyuncs.com/ns/redis:7-alpine'],
  ['docker.io/bitnami/redis:7.2', 'harbor.example.com/mirror/docker.io/bitnami/redis:7.2', 'registry.cn-hangzhou.aliyuncs.com/ns/docker.io-bitnami-redis:7.2'],
  ['ghcr.io/acme/my-app:1', 'harbor.example.com/mirror/ghcr.io/acme/my-app:1', 'registry.cn-hangzhou.aliyuncs.com/ns/ghcr.io-acme-my--app:1'],
  ['localhost:5000/base@sha256:…', 'harbor.example.com/mirror/localhost_5000/base@sha256:…', 'registry.cn-hangzhou.aliyuncs.com/ns/localhost_5000-base@sha256:…']
];
