/**
 * Image references normalised as Docker does (distribution/reference `ParseNormalizedNamed` +
 * `TagNameOnly`): `redis:7-alpine` → `docker.io/library/redis:7-alpine`, `nginx` →
 * `docker.io/library/nginx:latest`, `name:tag@sha256:…` keeps both, `localhost/x` and
 * `host:port/x` keep their registry. The grammar checks are those of ../reference.ts.
 */
import { InputError } from '../errors.js';
import { referenceProblem, splitImageName, tagProblem } from '../reference.js';

export interface ImageRef {
  /** registry host[:port], `docker.io` for Docker Hub */
  domain: string;
  /** repository path below the domain (`library/redis` on Docker Hub) */
  path: string;
  tag?: string;
  digest?: string;
}

/** OCI digest grammar; sha256/sha512 must have their exact hex lengths. */
const DIGEST_RE = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

export function digestProblem(digest: string): string | undefined {
  if (!DIGEST_RE.test(digest)) return 'a digest is algorithm:hex, e.g. sha256:<64 hex characters>';
  const [alg, hex] = digest.split(':');
  if (alg === 'sha256' && !/^[a-f0-9]{64}$/.test(hex)) return 'a sha256 digest has 64 lowercase hex characters';
  if (alg === 'sha512' && !/^[a-f0-9]{128}$/.test(hex)) return 'a sha512 digest has 128 lowercase hex characters';
  return undefined;
}

/** Why `value` is not an image reference, or undefined. */
export function imageRefProblem(value: string): string | undefined {
  try {
    parseImageRef(value, 'image');
    return undefined;
  } catch (e) {
    return e instanceof InputError ? e.hint : String(e);
  }
}

/**
 * Parse and normalise. Throws an InputError naming `input` (the input or file the value came from).
 * `index.docker.io` is Docker Hub too; a Docker Hub name without `/` gets `library/`; no tag and
 * no digest means `latest`.
 */
export function parseImageRef(value: string, input: string, line?: number): ImageRef {
  const bad = (hint: string): InputError => new InputError(input, value, hint, line);
  const v = value.trim();
  if (v === '') throw bad('the image reference is empty');
  if (/\s/.test(v)) throw bad('an image reference has no spaces');
  let rest = v;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    const d = digestProblem(digest);
    if (d) throw bad(d);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    const t = tagProblem(tag);
    if (t) throw bad(t);
  }
  const split = splitImageName(rest);
  let domain = split.domain;
  let path = split.path;
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  const problem = referenceProblem(`${domain}/${path}`, tag ?? 'latest');
  if (problem) throw bad(problem);
  if (tag === undefined && digest === undefined) tag = 'latest';
  return { domain, path, tag, digest };
}

/** `domain/path[:tag][@digest]` */
export function formatImageRef(r: ImageRef): string {
  return `${r.domain}/${r.path}${r.tag !== undefined ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`;
}

/** `docker.io/library/redis:7` ← `redis:7` */
export function normalizeImageRef(value: string, input = 'image', line?: number): string {
  return formatImageRef(parseImageRef(value, input, line));
}

/** The name Docker users write: `redis:7` for `docker.io/library/redis:7`, `bitnami/redis` for Docker Hub orgs. */
export function familiarImageRef(r: ImageRef): string {
  let name = `${r.domain}/${r.path}`;
  if (r.domain === 'docker.io') name = r.path.startsWith('library/') && r.path.split('/').length === 2 ? r.path.slice(8) : r.path;
  return `${name}${r.tag !== undefined ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`;
}
