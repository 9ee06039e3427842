/**
 * The base images a build needs: the `FROM` images of Dockerfiles (read with dockerfile-ast, a
 * real Dockerfile parser: continuations, comments, parser directives, heredocs) and the `image:`
 * entries of compose files, normalised as Docker does and de-duplicated in first-seen order.
 *
 * Dockerfile rules (BuildKit's):
 *  - FROM sees only the global ARGs (before the first FROM), in order; each takes its `build-args`
 *    value when given, else its default expanded with the ARGs before it. The automatic platform
 *    ARGs (BUILDPLATFORM, TARGETARCH, …) count when passed as build-args.
 *  - `FROM <stage>` of an earlier `AS <stage>` (case-insensitive) is not an image; `scratch` neither.
 *  - `--platform=` is kept (expanded where it can be) for the report; the image is mirrored with
 *    every platform anyway.
 *  - a digest is kept next to its tag.
 * Compose: every service's `image:` unless the service has `build:` (then `image:` names the
 * result, not a dependency); `${VAR}` / `${VAR:-default}` interpolated from the build args.
 *
 * This module pulls in the parser libraries; load it lazily (`await import(...)`).
 */
import { DockerfileParser } from 'dockerfile-ast';
import { parseDocument } from 'yaml';
import { InputError } from '../errors.js';
import { expandWord, ExpansionError } from './expand.js';
import { parseImageRef, formatImageRef } from './image-ref.js';

export interface SourceFile {
  /** as the user gave it; used in messages */
  path: string;
  text: string;
}

export interface BaseImage {
  /** normalised: docker.io/library/redis:7-alpine */
  ref: string;
  /** as it reads after ARG substitution: redis:7-alpine */
  written: string;
  file: string;
  /** 1-based */
  line: number;
  /** the FROM's --platform, expanded where possible */
  platform?: string;
  /** the stage this FROM starts (`AS name`) */
  stage?: string;
}

/** BuildKit's automatic platform ARGs: usable in FROM without declaring them. */
export const AUTOMATIC_PLATFORM_ARGS = ['BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT', 'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT'] as const;

/** compose.yaml, docker-compose.yml, compose.prod.yaml, …, or any .yml/.yaml */
export function isComposeFile(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

export function dockerfileBaseImages(file: SourceFile, buildArgs: Readonly<Record<string, string>> = {}): BaseImage[] {
  const df = DockerfileParser.parse(file.text);
  const escape = df.getEscapeCharacter();
  const vars = new Map<string, string>();
  for (const name of AUTOMATIC_PLATFORM_ARGS) if (buildArgs[name] !== undefined) vars.set(name, buildArgs[name]);
  for (const arg of df.getInitialARGs()) {
    for (const prop of arg.getProperties()) {
      const name = prop.getName();
      if (Object.prototype.hasOwnProperty.call(buildArgs, name)) {
        vars.set(name, buildArgs[name]);
        continue;
      }
      const raw = prop.getValue();
      if (raw === null) continue;
      const line = arg.getRange().start.line + 1;
      try {
        vars.set(name, expandWord(raw, vars, escape).value);
      } catch (e) {
        throw new InputError(file.path, `ARG ${name}=${raw}`, (e as Error).message, line);
      }
    }
  }
  const stages = new Set<string>();
  const out: BaseImage[] = [];
  for (const from of df.getFROMs()) {
    const line = from.getRange().start.line + 1;
    const args = from.getArguments().map((a) => a.getValue());
    const word = from.getImage() ?? '';
    const text = `FROM ${from.getFlags().map((f) => `--${f.getName()}=${f.getValue() ?? ''} `).join('')}${args.join(' ')}`;
    const bad = (hint: string): InputError => new InputError(file.path, text, hint, line);
    if (word === '') throw bad('FROM needs an image');
    const stage = from.getBuildStage() ?? undefined;
    if (args.length > 1 && (args.length !== 3 || args[1].toLowerCase() !== 'as')) throw bad('expected FROM [--platform=…] <image> [AS <name>]');
    let expanded;
    try {
      expanded = expandWord(word, vars, escape);
    } catch (e) {
      throw bad((e as Error).message);
    }
    const image = expanded.value;
    const lower = image.toLowerCase();
    const platformFlag = from.getPlatformFlag()?.getValue() ?? undefined;
    if (stage !== undefined) {
      const key = stage.toLowerCase();
      if (stages.has(key)) throw bad(`duplicate stage name '${stage}' (BuildKit refuses it); rename one of the stages`);
    }
    const isStage = stages.has(lower);
    if (stage !== undefined) stages.add(stage.toLowerCase());
    if (isStage || lower === 'scratch') continue;
    if (image === '' || expanded.unset.length > 0) {
      // Docker expands an unset ARG to ''; say which one when the result is unusable.
      const unsetHint = expanded.unset.length ? `; ${expanded.unset.map((u) => `ARG ${u}`).join(', ')} ${expanded.unset.length > 1 ? 'have' : 'has'} no value: give it a default or pass --build-arg ${expanded.unset[0]}=…` : '';
      try {
        if (image === '') throw new InputError(file.path, text, 'empty');
        parseImageRef(image, file.path, line);
      } catch {
        throw bad(`'${word}' expands to '${image}', which is not an image reference${unsetHint}`);
      }
    }
    let platform: string | undefined;
    if (platformFlag !== undefined) {
      try {
        const p = expandWord(platformFlag, vars, escape);
        platform = p.unset.length ? platformFlag : p.value;
      } catch {
        platform = platformFlag;
      }
    }
    const ref = parseImageRef(image, file.path, line);
    out.push({ ref: formatImageRef(ref), written: image, file: file.path, line, ...(platform !== undefined ? { platform } : {}), ...(stage !== undefined ? { stage } : {}) });
  }
  return out;
}

export function composeImages(file: SourceFile, vars: Readonly<Record<string, string>> = {}): BaseImage[] {
  const doc = parseDocument(file.text, { prettyErrors: false });
  if (doc.errors.length) throw new InputError(file.path, doc.errors[0].message.split('\n')[0], 'not valid YAML');
  const root = doc.toJS({ maxAliasCount: 100 }) as unknown;
  const services = (root as { services?: unknown } | null)?.services;
  if (services === undefined || services === null) return [];
  if (typeof services !== 'object' || Array.isArray(services)) throw new InputError(file.path, 'services', 'a compose file\'s `services` is a mapping of service name to service');
  const map = new Map(Object.entries(vars));
  const out: BaseImage[] = [];
  for (const [name, svc] of Object.entries(services as Record<string, unknown>)) {
    if (!svc || typeof svc !== 'object') continue;
    const s = svc as { image?: unknown; build?: unknown };
    if (s.build !== undefined || s.image === undefined) continue;
    if (typeof s.image !== 'string') throw new InputError(file.path, `services.${name}.image`, 'image must be a string');
    const line = lineOf(file.text, name);
    let written: string;
    try {
      // Compose interpolation: `$$` is a literal `$`; no quote handling.
      written = s.image.split('$$').map((part) => expandWord(part.replace(/['"\\]/g, '\\$&'), map, '\\').value).join('$');
    } catch (e) {
      throw new InputError(file.path, `services.${name}.image: ${s.image}`, e instanceof ExpansionError ? e.message : String(e), line);
    }
    const ref = parseImageRef(written, `${file.path} services.${name}.image`, line);
    out.push({ ref: formatImageRef(ref), written, file: file.path, line });
  }
  return out;
}

/** Base images of every file (Dockerfiles and compose files), de-duplicated by normalised reference, first seen first. */
export function baseImages(files: readonly SourceFile[], buildArgs: Readonly<Record<string, string>> = {}): BaseImage[] {
  const seen = new Set<string>();
  const out: BaseImage[] = [];
  for (const f of files) {
    for (const img of isComposeFile(f.path) ? composeImages(f, buildArgs) : dockerfileBaseImages(f, buildArgs)) {
      if (seen.has(img.ref)) continue;
      seen.add(img.ref);
      out.push(img);
    }
  }
  return out;
}

function lineOf(text: string, key: string): number {
  const i = text.split('\n').findIndex((l) => new RegExp(`^\\s+["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`).test(l));
  return i + 1 || 1;
}
