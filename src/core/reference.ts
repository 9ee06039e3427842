/**
 * OCI / Docker image-reference grammar (distribution/reference, OCI distribution-spec).
 * See docs/registry-naming.md §1. Character classes are written out: JS `\w` with
 * the `iu` flags would also match U+017F and U+212A.
 */

/** G5: 1–128 characters, first not `.` or `-`. */
const TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** G3: lowercase alphanumerics joined by one `.`, one `_`, `__`, or one or more `-`. */
const PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
/** G2: DNS name components joined by `.`, or an IPv4 address; optional port. */
const DOMAIN_COMPONENT = '(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])';
const DOMAIN_RE = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]+)?$`);
/** L1/L2 (docs/registry-naming.md §1.2): keep `host[:port]/path` within 255 characters. */
export const MAX_NAME_LENGTH = 255;
export const MAX_TAG_LENGTH = 128;

/** metadata-action's sanitiser: each run of characters outside `[a-zA-Z0-9._-]` becomes one `-`. */
export function sanitizeTag(value: string): string {
  return value.replace(/[^a-zA-Z0-9._-]+/g, '-');
}

/** Why `tag` is not a valid OCI tag, or undefined when it is. */
export function tagProblem(tag: string): string | undefined {
  if (tag.length === 0) return 'a tag cannot be empty';
  if (tag.length > MAX_TAG_LENGTH) return `a tag can be at most ${MAX_TAG_LENGTH} characters; this one has ${tag.length}`;
  if (tag.startsWith('.') || tag.startsWith('-')) return `a tag cannot start with '${tag[0]}'`;
  if (tag.includes('+')) return "a tag cannot contain '+' (semver build metadata must be rewritten)";
  if (!TAG_RE.test(tag)) return 'a tag may only contain letters, digits, `_`, `.` and `-`';
  return undefined;
}

/** Why one repository path component is invalid, or undefined. */
export function pathComponentProblem(component: string): string | undefined {
  if (component.length === 0) return 'empty path component (`//` or a leading/trailing `/`)';
  if (/[A-Z]/.test(component)) return 'repository name must be lowercase';
  if (!PATH_COMPONENT_RE.test(component)) {
    return 'a path component is lowercase letters and digits joined by `.`, `_`, `__` or `-`, and must start and end with a letter or digit';
  }
  return undefined;
}

export function domainProblem(domain: string): string | undefined {
  if (!DOMAIN_RE.test(domain)) return 'not a valid registry host[:port]';
  const port = domain.match(/:([0-9]+)$/)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return `port ${port} is out of range (1–65535)`;
  return undefined;
}

export interface ImageName {
  /** registry host[:port]; `docker.io` when the name has no registry part */
  domain: string;
  /** repository path below the domain, e.g. `acme/backend` */
  path: string;
  /** true when the user wrote the domain explicitly */
  explicitDomain: boolean;
}

/**
 * N2: the first segment is a domain when it contains `.` or `:` or is `localhost`; otherwise the
 * name is a Docker Hub path (`Acme/app` is docker.io/acme/app, not a registry called `Acme`:
 * docker's own parser would take an uppercase first part for a host, which no registry host needs).
 */
export function splitImageName(name: string): ImageName {
  const slash = name.indexOf('/');
  if (slash > 0) {
    const first = name.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      return { domain: first, path: name.slice(slash + 1), explicitDomain: true };
    }
  }
  return { domain: 'docker.io', path: name, explicitDomain: false };
}

/** Why `name:tag` (name as written, possibly without domain) breaks the grammar, or undefined. */
export function referenceProblem(name: string, tag: string): string | undefined {
  const { domain, path, explicitDomain } = splitImageName(name);
  if (explicitDomain) {
    const d = domainProblem(domain);
    if (d) return `${d}: '${domain}'`;
  }
  for (const component of path.split('/')) {
    const p = pathComponentProblem(component);
    if (p) return `${p}: '${component}' in '${name}'`;
  }
  if (/^[a-f0-9]{64}$/.test(path)) return 'a repository name of 64 hex characters would be taken for an image ID';
  if (name.length > MAX_NAME_LENGTH) return `the image name is ${name.length} characters; keep host/path within ${MAX_NAME_LENGTH}`;
  return tagProblem(tag);
}
