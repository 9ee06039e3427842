/**
 * Registry-aware naming: which repository every `images:` / `registry:` line pushes to and which
 * tag prefix it needs. Alibaba ACR (host ends in `.aliyuncs.com`, or `registry-type=acr` for a
 * custom domain) puts components into one repository with `<component>-` tag prefixes — the seed
 * rule, specified in docs/registry-naming.md §4.
 */
import { csvFields, listItem } from './rules.js';
import { InputError } from './errors.js';
import { domainProblem, pathComponentProblem, splitImageName, type ImageName } from './reference.js';

export type RegistryKind = 'acr' | 'ghcr' | 'dockerhub' | 'generic';
export type RegistryType = 'auto' | 'acr' | 'generic';

export interface NamingOptions {
  /** `component` input, or derived from an `ai-infra-<component>` image name */
  component: string;
  /** `image-name` input: the repository name used with `registry:` lines */
  imageName: string;
  acrNamespace: string;
  acrRepository: string;
  registryType: RegistryType;
  /**
   * Host of GITHUB_SERVER_URL (e.g. `github.example.com` on GitHub Enterprise Server): its
   * container registry `containers.<host>` is GHCR too. Empty or `github.com`: only ghcr.io is.
   */
  githubHost?: string;
}

export interface Target {
  /** the line as the user wrote it */
  input: string;
  inputName: 'images' | 'registry';
  line: number;
  /** host[:port]; docker.io for Docker Hub names */
  registry: string;
  kind: RegistryKind;
  /** image name as it appears in references (no tag) */
  image: string;
  /** repository path below the registry */
  repository: string;
  component?: string;
  /** prepended to every tag of this target: `backend-` on ACR component repositories */
  tagPrefix: string;
}

export interface TargetSpec {
  inputName: 'images' | 'registry';
  input: string;
  line: number;
  name: string;
  registryType?: RegistryType;
}

/** `images:` lines, metadata-action style (`name=…,enable=…`), plus our `registry-type=`. */
export function parseImagesInput(lines: string[]): TargetSpec[] {
  const specs: TargetSpec[] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const spec: TargetSpec = { inputName: 'images', input: line, line: i + 1, name: '' };
    const fields = csvFields('images', listItem(line), i + 1);
    // metadata-action's older form: `images: user/app,ghcr.io/user/app` (only names) is one image each
    if (fields.length > 1 && fields.every(([key]) => key === '')) {
      for (const [, name] of fields) if (name !== '') specs.push({ ...spec, name });
      return;
    }
    if (fields.filter(([key]) => key === '' || key === 'name').length > 1) {
      throw new InputError('images', line, 'one image per line when it has attributes (name=…,enable=…); put each image on its own line', i + 1);
    }
    let enabled = true;
    for (const [key, value] of fields) {
      if (key === '' || key === 'name') spec.name = value;
      else if (key === 'enable') {
        if (value !== 'true' && value !== 'false') throw new InputError('images', line, `enable must be true or false, not '${value}'`, i + 1);
        enabled = value === 'true';
      } else if (key === 'registry-type') spec.registryType = registryType('images', value, line, i + 1);
      else throw new InputError('images', line, `unknown attribute '${key}'; use name=, enable= or registry-type=`, i + 1);
    }
    if (spec.name === '') throw new InputError('images', line, 'the image name is empty', i + 1);
    if (enabled) specs.push(spec);
  });
  return specs;
}

export function registryType(input: string, value: string, line = value, lineNo?: number): RegistryType {
  if (value === 'auto' || value === 'acr' || value === 'generic') return value;
  throw new InputError(input, line, `registry type '${value}' is not auto, acr or generic`, lineNo);
}

export function registrySpecs(lines: string[]): TargetSpec[] {
  return lines
    .map((l, i) => ({ l: l.trim(), i }))
    .filter(({ l }) => l !== '' && !l.startsWith('#'))
    .map(({ l, i }) => ({ inputName: 'registry' as const, input: l, line: i + 1, name: l }));
}

/** Registry-naming §4.2 step 1: trim, drop scheme and trailing `/`; `//` inside is an error. */
function normalize(spec: TargetSpec): string {
  const name = spec.name.trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  if (name.includes('//')) throw new InputError(spec.inputName, spec.input, 'empty path segment (`//`); remove the extra `/`', spec.line);
  if (name === '') throw new InputError(spec.inputName, spec.input, 'the registry is empty', spec.line);
  return name;
}

/**
 * GHCR is `ghcr.io` and, on GitHub Enterprise Server / GHE.com, `containers.<server host>` — nothing
 * else: a look-alike `containers.example.com` is an ordinary registry and never gets `github-token`.
 */
export function isGhcrHost(domain: string, githubHost = ''): boolean {
  const host = domain.replace(/:\d+$/, '').toLowerCase();
  if (host === 'ghcr.io') return true;
  const server = githubHost.toLowerCase().replace(/:\d+$/, '');
  return server !== '' && server !== 'github.com' && host === `containers.${server}`;
}

/** `https://github.example.com/` → `github.example.com`; '' when unset or not a URL. */
export function githubHostOf(serverUrl: string | undefined): string {
  if (!serverUrl) return '';
  const m = /^https?:\/\/([^/?#@]+)/i.exec(serverUrl.trim());
  return m ? m[1].toLowerCase() : '';
}

export function detectKind(domain: string, override: RegistryType, githubHost = ''): RegistryKind {
  if (override === 'acr') return 'acr';
  const host = domain.replace(/:\d+$/, '').toLowerCase();
  if (override === 'auto' && host.endsWith('.aliyuncs.com')) return 'acr';
  if (isGhcrHost(host, githubHost)) return 'ghcr';
  if (host === 'docker.io' || host === 'index.docker.io' || host === 'registry-1.docker.io') return 'dockerhub';
  return 'generic';
}

/** `ai-infra-<component>` → `<component>`; the seed's naming convention. */
export function componentOf(imageName: string, explicit: string): string | undefined {
  if (explicit) return explicit;
  const m = imageName.toLowerCase().match(/^ai-infra-(.*)$/);
  if (!m) return undefined;
  if (m[1] === '') throw new InputError('image-name', imageName, "'ai-infra-' has an empty component; name the image ai-infra-<component>", undefined);
  return m[1];
}

export function resolveTarget(spec: TargetSpec, opts: NamingOptions, warn: (m: string) => void): Target {
  const original = normalize(spec);
  const split = spec.inputName === 'registry' || looksLikeHost(original) ? splitRegistry(original) : splitImageName(original);
  const registry = split.explicitDomain ? split.domain.toLowerCase() : 'docker.io';
  const path = (split.explicitDomain ? split.path : original).toLowerCase();
  const name = split.explicitDomain ? (path ? `${registry}/${path}` : registry) : path;
  if (name !== original) warn(`${spec.inputName} '${spec.input}': registry paths must be lowercase, using '${name}'`);
  const first = original.split('/')[0];
  if (!split.explicitDomain && original.includes('/') && /[A-Z]/.test(first)) {
    warn(`${spec.inputName} '${spec.input}' is the Docker Hub repository docker.io/${path}: '${first}' has no '.' or ':' and is not localhost, so it is not a registry host; write the host first (e.g. ghcr.io/${path}) for another registry`);
  }
  const kind = detectKind(registry, spec.registryType ?? opts.registryType, opts.githubHost);
  const bad = (hint: string): InputError => new InputError(spec.inputName, spec.input, hint, spec.line);
  const domain = split.explicitDomain ? domainProblem(registry) : undefined;
  if (domain) throw bad(`'${registry}': ${domain}`);
  const segments = path === '' ? [] : path.split('/');
  const base = { input: spec.input, inputName: spec.inputName, line: spec.line, registry, kind };
  if (kind === 'acr') return acrTarget(base, segments, spec, opts, bad, warn);
  let repository = segments.join('/');
  if (spec.inputName === 'registry') {
    if (!opts.imageName) throw bad('a registry line needs the `image-name` input (e.g. image-name: ai-infra-backend)');
    repository = [...segments, opts.imageName.toLowerCase()].join('/');
  } else if (segments.length === 0) {
    throw bad(`'${name}' is a registry, not an image; write the full image (e.g. ${name}/project/app) or use registry: with image-name:`);
  }
  checkPath(repository, bad);
  const image = split.explicitDomain ? `${registry}/${repository}` : repository;
  return { ...base, image, repository, tagPrefix: '' };
}

/** `harbor.local` or `localhost:5000` alone is a registry, not a Docker Hub image (N1's quirk). */
function looksLikeHost(value: string): boolean {
  return !value.includes('/') && (/[.:]/.test(value) || value === 'localhost');
}

/** A `registry:` line always starts with the host: `host[:port][/namespace…]`. */
function splitRegistry(value: string): ImageName {
  const slash = value.indexOf('/');
  return slash < 0 ? { domain: value, path: '', explicitDomain: true } : { domain: value.slice(0, slash), path: value.slice(slash + 1), explicitDomain: true };
}

function checkPath(repository: string, bad: (hint: string) => InputError): void {
  for (const component of repository.split('/')) {
    const problem = pathComponentProblem(component);
    if (problem) throw bad(`${problem}: '${component}'`);
  }
}

type Base = Pick<Target, 'input' | 'inputName' | 'line' | 'registry' | 'kind'>;

function acrTarget(base: Base, segments: string[], spec: TargetSpec, opts: NamingOptions, bad: (h: string) => InputError, warn: (m: string) => void): Target {
  if (segments.length > (spec.inputName === 'registry' ? 1 : 2)) {
    throw bad(`nested namespaces are not supported on Alibaba ACR (a repository name cannot contain '/'); use ${base.registry}/<namespace>`);
  }
  const host = base.registry.replace(/:\d+$/, '');
  if (/^cr\.[^.]+\.aliyuncs\.com$/.test(host)) warn(`${spec.inputName} '${spec.input}': ${host} is Alibaba's OpenAPI endpoint, not a registry; pushes will fail`);
  const component = componentOf(opts.imageName, opts.component);
  let namespace = segments[0] ?? opts.acrNamespace;
  let repository: string;
  let tagPrefix = '';
  if (segments.length === 2) {
    [namespace, repository] = segments;
    if (component && repository === opts.acrRepository) tagPrefix = `${component}-`;
  } else if (component) {
    repository = opts.acrRepository;
    tagPrefix = `${component}-`;
  } else if (opts.imageName) {
    repository = opts.imageName.toLowerCase();
  } else {
    throw bad('an Alibaba ACR registry/namespace needs a `component` (unified repository) or an `image-name`, or write <host>/<namespace>/<repository>');
  }
  if (/^(registry|crpi-)/.test(host) && (namespace.length > 30 || namespace.includes('.'))) {
    warn(`${spec.inputName} '${spec.input}': ACR Personal Edition namespaces are 2–30 characters without '.'; '${namespace}' may be rejected`);
  }
  checkPath(`${namespace}/${repository}`, bad);
  return { ...base, image: `${base.registry}/${namespace}/${repository}`, repository: `${namespace}/${repository}`, component, tagPrefix };
}
