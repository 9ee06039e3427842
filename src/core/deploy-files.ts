/**
 * Deployment references follow the build: in compose files, Kubernetes manifests and Helm values,
 * every image reference that names one of the plan's repositories is rewritten to the new
 * reference pinned by digest (`repo:tag@sha256:…`). Pure: text in, text out.
 *
 * The edit goes through the `yaml` package's CST (the concrete syntax tree): only the scalar
 * tokens that change are replaced, so comments, anchors, aliases, quoting style, flow/block
 * layout and multi-document separators stay byte for byte. An alias (`*img`) follows its anchor.
 *
 * Two shapes are recognised in every document of a file:
 *  - `image: <reference>` (compose services, Kubernetes containers, any depth);
 *  - a mapping with `repository:` and `tag:` (Helm values; `registry:` is prepended when present;
 *    with a `digest:` key the digest goes there and `tag:` gets the plain tag, otherwise `tag:`
 *    becomes `tag@sha256:…`).
 * Values with `${…}` or `{{…}}` (interpolation, templates) are never touched.
 */
import { Composer, CST, Parser, isMap, isScalar, parse, visit, type Document, type Scalar, type YAMLMap } from 'yaml';
import { splitImageName } from './reference.js';

/** One repository of the plan and what it was pushed as. */
export interface DeployImage {
  /** image name as in the plan (`ghcr.io/acme/app`, `acme/app` on Docker Hub) */
  image: string;
  /** ACR component prefix (`backend-`): only tags with it belong to this image */
  tagPrefix: string;
  /** the full tag to pin (prefix included) */
  tag: string;
  /** `sha256:…` of the root pushed to this repository */
  digest: string;
}

export interface DeployChange {
  /** 1-based line of the value */
  line: number;
  /** key path in the document, e.g. `services.app.image` */
  path: string;
  from: string;
  to: string;
}

export interface DeployRewrite {
  text: string;
  changes: DeployChange[];
}

export class DeployFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployFileError';
  }
}

const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;

/** `name[:tag][@digest]`, as written. */
export interface ParsedReference {
  name: string;
  tag?: string;
  digest?: string;
}

export function parseReference(value: string): ParsedReference | undefined {
  if (value === '' || /\s|\$\{|\{\{/.test(value)) return undefined;
  const at = value.indexOf('@');
  const digest = at >= 0 ? value.slice(at + 1) : undefined;
  const rest = at >= 0 ? value.slice(0, at) : value;
  const colon = rest.lastIndexOf(':');
  const hasTag = colon > rest.lastIndexOf('/');
  const name = hasTag ? rest.slice(0, colon) : rest;
  if (name === '' || !/^[A-Za-z0-9._\-/:[\]]+$/.test(name)) return undefined;
  return { name, tag: hasTag ? rest.slice(colon + 1) : undefined, digest };
}

/** `docker.io/library/x` for `x`, `index.docker.io` → `docker.io`, lower-case host. */
export function canonicalName(name: string): string {
  const { domain, path } = splitImageName(name);
  let host = domain.toLowerCase();
  if (host === 'index.docker.io' || host === 'registry-1.docker.io') host = 'docker.io';
  const repo = host === 'docker.io' && !path.includes('/') ? `library/${path}` : path;
  return `${host}/${repo}`;
}

function validate(images: DeployImage[]): Map<string, DeployImage[]> {
  const byName = new Map<string, DeployImage[]>();
  for (const image of images) {
    if (!DIGEST_RE.test(image.digest)) throw new DeployFileError(`deploy-files: ${image.image} has no valid digest ('${image.digest}')`);
    const key = canonicalName(image.image);
    byName.set(key, [...(byName.get(key) ?? []), image]);
  }
  return byName;
}

/** The plan image a written `name` + `tag` refers to (ACR: the tag must carry the component prefix). */
function matchImage(byName: Map<string, DeployImage[]>, name: string, tag: string | undefined): DeployImage | undefined {
  const candidates = byName.get(canonicalName(name)) ?? [];
  const prefixed = candidates.filter((c) => c.tagPrefix !== '' && tag?.startsWith(c.tagPrefix));
  if (prefixed.length > 0) return prefixed.sort((a, b) => b.tagPrefix.length - a.tagPrefix.length)[0];
  return candidates.find((c) => c.tagPrefix === '');
}

function lineOf(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function keyPath(path: readonly unknown[], last: string): string {
  const parts: string[] = [];
  for (const node of path) {
    if (node && typeof node === 'object' && 'key' in node && isScalar((node as { key: unknown }).key)) parts.push(String(((node as { key: Scalar }).key).value));
  }
  // keys come from the repository's files: no control characters reach a log line or the summary
  // eslint-disable-next-line no-control-regex
  return [...parts, last].join('.').replace(/[\u0000-\u001f\u007f]/g, '?');
}

function stringScalar(node: unknown): node is Scalar<string> & { srcToken: CST.Token } {
  return isScalar(node) && typeof node.value === 'string' && (node as { srcToken?: unknown }).srcToken !== undefined;
}

function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || (node as { srcToken?: unknown }).srcToken === undefined) return undefined;
  const v = node.value;
  return typeof v === 'string' || typeof v === 'number' ? (node.source ?? String(v)) : undefined;
}

function pairValue(map: YAMLMap, key: string): Scalar | undefined {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair && isScalar(pair.value) ? pair.value : undefined;
}

/**
 * Rewrites one YAML file (any number of documents). `file` names it in errors. Throws
 * DeployFileError when the file is not valid YAML (nothing is rewritten then).
 */
export function rewriteDeployYaml(text: string, images: DeployImage[], file = 'file'): DeployRewrite {
  const byName = validate(images);
  const tokens = [...new Parser().parse(text)];
  const docs = [...new Composer({ keepSourceTokens: true }).compose(tokens)] as Document.Parsed[];
  for (const doc of docs) {
    const e = doc.errors[0];
    if (e) throw new DeployFileError(`deploy-files: ${file} is not valid YAML (${e.message.split('\n')[0]}); fix it or leave it out of deploy-files`);
  }
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const changes: DeployChange[] = [];
  const set = (node: Scalar & { srcToken?: unknown }, path: string, from: string, to: string): void => {
    if (from === to) return;
    const token = node.srcToken as CST.Token;
    // a plain scalar whose new text would read as a number, bool or null (`1.10`) gets quotes
    const retype = token.type === 'scalar' && typeof parse(to) !== 'string' ? { type: 'QUOTE_DOUBLE' as const } : undefined;
    if (token.type === 'block-scalar') {
      // the CST helper drops a block scalar's indentation: keep the first content line's own
      const pad = /^( *)\S/m.exec(token.source)?.[1] ?? ' '.repeat(token.indent + 2);
      token.source = `${pad}${to}${/\n*$/.exec(token.source)?.[0] ?? ''}`;
    } else CST.setScalarValue(token, to, retype);
    changes.push({ line: lineOf(lineStarts, node.range?.[0] ?? 0), path, from, to });
  };
  for (const doc of docs) {
    visit(doc, {
      Pair(_, pair, path) {
        if (!isScalar(pair.key) || pair.key.value !== 'image' || !stringScalar(pair.value)) return;
        const ref = parseReference(pair.value.value);
        if (!ref) return;
        const image = matchImage(byName, ref.name, ref.tag);
        if (!image) return;
        set(pair.value, keyPath(path, 'image'), pair.value.value, `${ref.name}:${image.tag}@${image.digest}`);
      },
      Map(_, map, path) {
        rewriteHelmPair(map, path, byName, set);
      }
    });
  }
  return { text: changes.length > 0 ? tokens.map((t) => CST.stringify(t)).join('') : text, changes };
}

type Setter = (node: Scalar, path: string, from: string, to: string) => void;

function rewriteHelmPair(map: YAMLMap, path: readonly unknown[], byName: Map<string, DeployImage[]>, set: Setter): void {
  if (!isMap(map)) return;
  const repository = pairValue(map, 'repository');
  const tag = pairValue(map, 'tag');
  if (!stringScalar(repository) || !tag || (tag as { srcToken?: unknown }).srcToken === undefined) return;
  const registry = pairValue(map, 'registry');
  const registryText = registry ? scalarText(registry) : undefined;
  if (registry && registryText === undefined) return;
  const name = registryText ? `${registryText.replace(/\/+$/, '')}/${repository.value}` : repository.value;
  const tagText = scalarText(tag) ?? '';
  if (!parseReference(name) || /\$\{|\{\{/.test(tagText)) return;
  const plainTag = tagText.split('@')[0];
  const image = matchImage(byName, name, plainTag);
  if (!image) return;
  const base = keyPath(path, '');
  const digest = pairValue(map, 'digest');
  if (digest && (digest as { srcToken?: unknown }).srcToken !== undefined) {
    set(tag, `${base}tag`, tagText, image.tag);
    set(digest, `${base}digest`, scalarText(digest) ?? '', image.digest);
    return;
  }
  set(tag, `${base}tag`, tagText, `${image.tag}@${image.digest}`);
}

/** What the push wrote to one repository (BuildResult.targets, MergeResult.targets). */
export interface PushedRepository {
  image: string;
  digest: string;
  /** full references written, `image:tag` */
  references: string[];
}

/**
 * The reference each pushed repository is pinned to: the plan's version tag (`v1.3.0`, `main`,
 * `pr-12`) with the repository's prefix, else its first non-`latest` tag, else `latest`.
 */
export function deployImages(plan: { version: string; latest: { tag: string }; targets: Array<{ image: string; tagPrefix: string }> }, pushed: PushedRepository[]): DeployImage[] {
  const images: DeployImage[] = [];
  for (const p of pushed) {
    const target = plan.targets.find((t) => t.image === p.image);
    if (!target || p.references.length === 0) continue;
    const tags = p.references.map((r) => r.slice(p.image.length + 1));
    const version = `${target.tagPrefix}${plan.version}`;
    const latest = `${target.tagPrefix}${plan.latest.tag}`;
    const tag = tags.includes(version) ? version : (tags.find((t) => t !== latest && t !== plan.latest.tag) ?? tags[0]);
    images.push({ image: p.image, tagPrefix: target.tagPrefix, tag, digest: p.digest });
  }
  return images;
}
