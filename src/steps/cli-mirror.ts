/**
 * CLI commands over the mirror engine (loaded lazily by the CLI entry):
 *   node dist/cli/index.js base-images [--json] [--build-arg K=V]... FILE...
 *   node dist/cli/index.js mirror --target HOST/NS [--images REF]... [--files FILE]... [options]
 * The mirror flags are the mirror sub-action's inputs; credentials come from the environment
 * (MIRROR_USERNAME / MIRROR_PASSWORD for the target, MIRROR_REGISTRY_AUTH lines), never argv.
 */
import { parseArgs } from 'node:util';
import { InputError } from '../core/errors.js';
import { parseKeyValues, parseRegistryAuth } from '../core/build/inputs.js';
import { mirrorInputsFrom } from '../adapters/github/inputs-mirror.js';
import { mirrorVerdict, readSourceFile, runMirror } from './mirror.js';
import { findStoredLogins } from '../adapters/registry/credential-sources.js';
import { homedir } from 'node:os';

export const MIRROR_HELP = `aim-build base-images / mirror

  node dist/cli/index.js base-images [--json] [--build-arg NAME=VALUE]... FILE...
      The base images of Dockerfiles and compose files, normalised (docker.io/library/redis:7-alpine),
      first seen first, de-duplicated. --json prints {"images":[...]}.

  node dist/cli/index.js mirror --target HOST[:PORT]/NAMESPACE [--images REF]... [--files FILE]...
      [--build-arg NAME=VALUE]... [--registry-type auto|acr|generic] [--skip-existing true|false]
      [--strict true|false] [--attestations true|false] [--concurrency N] [--json]
      Copies every image registry to registry (the mirror sub-action's inputs). Credentials from the
      environment only: MIRROR_USERNAME / MIRROR_PASSWORD (target), MIRROR_REGISTRY_AUTH
      (registry=username:password lines). Exit 1 when an image failed and --strict true.
`;

export async function runMirrorCli(argv: string[], env: NodeJS.ProcessEnv, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      json: { type: 'boolean' },
      'build-arg': { type: 'string', multiple: true },
      images: { type: 'string', multiple: true },
      files: { type: 'string', multiple: true },
      target: { type: 'string' },
      'registry-type': { type: 'string' },
      'skip-existing': { type: 'string' },
      strict: { type: 'string' },
      attestations: { type: 'string' },
      concurrency: { type: 'string' }
    }
  });
  const [command, ...files] = positionals;
  if (values.help) {
    out(MIRROR_HELP);
    return 0;
  }
  const buildArgs = values['build-arg'] ?? [];
  if (command === 'base-images') {
    if (files.length === 0) throw new InputError('FILE', '', 'give one or more Dockerfiles or compose files');
    const { baseImages } = await import('../core/mirror/base-images.js');
    const found = baseImages(files.map((f) => readSourceFile(f, 'FILE')), Object.fromEntries(parseKeyValues('--build-arg', buildArgs)));
    if (values.json) out(JSON.stringify({ images: found.map((b) => b.ref) }) + '\n');
    else for (const b of found) out(`${b.ref}\t${b.file}:${b.line}${b.platform ? `\t--platform=${b.platform}` : ''}\n`);
    return 0;
  }
  const password = env.MIRROR_PASSWORD ?? '';
  const inputs = mirrorInputsFrom({
    images: values.images ?? [],
    files: [...(values.files ?? []), ...files],
    buildArgs,
    target: values.target ?? '',
    registryType: values['registry-type'],
    skipExisting: values['skip-existing'],
    strict: values.strict,
    attestations: values.attestations,
    concurrency: values.concurrency,
    username: env.MIRROR_USERNAME ?? '',
    password,
    registryAuth: parseRegistryAuth((env.MIRROR_REGISTRY_AUTH ?? '').split(/\r?\n/))
  });
  // a terminal has no log masking: stored logins are read, never printed
  const storedLogins = (registries: string[]) =>
    findStoredLogins(registries, { env, home: env.HOME || homedir(), uid: process.getuid?.() ?? 0 }, { mask: () => undefined, warn: (l) => err(`warning: ${l}\n`), debug: () => undefined });
  const run = await runMirror(inputs, { fetch: globalThis.fetch, storedLogins, info: (l) => err(l + '\n'), warn: (l) => err(`warning: ${l}\n`), now: () => performance.now() });
  err(run.tally + '\n');
  out(JSON.stringify(values.json ? { mapping: run.mapping, results: run.results } : run.mapping, null, 2) + '\n');
  const verdict = mirrorVerdict(run, inputs.strict);
  if (verdict.warn) err(`warning: ${verdict.warn}\n`);
  if (verdict.fail) {
    err(`aim-build: ${verdict.fail}\n`);
    return 1;
  }
  return 0;
}
