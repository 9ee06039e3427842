/**
 * `node dist/cli/index.js promote …`: the promote sub-action from a terminal. Flags are the
 * action's inputs (`--source`, `--to` (repeatable), `--images` (repeatable), `--dry-run`, …); the
 * registry passwords never go on the command line: `--registry-auth-stdin` reads
 * `host=user:password` lines from standard input (or set INPUT_REGISTRY-AUTH in the environment).
 */
import { parseArgs } from 'node:util';
import { useRunnerIO } from '../adapters/github/runner.js';
import { PROMOTE_INPUT_NAMES, promoteStep, readPromoteInputs } from './promote.js';

export const PROMOTE_HELP = `aim-build promote — point tags at an image already in the registries (only manifests move)

Usage: node dist/cli/index.js promote --source TAG|DIGEST --to TAG|VERSION [--to …] --images IMAGE [--images …] [options]

  --source main-abc1234 | v1.2.2 | sha256:…   the image to promote
  --to v1.3.0 | latest | staging              a version (release fan-out) or tag names; repeatable
  --images, --registry, --image-name, --component, --registry-type, --acr-namespace,
  --acr-repository, --tags, --flavor          targets and tag rules, as the action inputs
  --latest release|never   --move-aliases   --overwrite-release-tags   --force   --dry-run
  --registry-auth-stdin    read host=user:password lines from standard input
  --verbose                show every registry request
`;

const SECRET = new Set(['password', 'registry-auth', 'github-token']);
const FLAGS = ['move-aliases', 'overwrite-release-tags', 'force', 'dry-run'];

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function promoteCli(argv: string[]): Promise<number> {
  const names = PROMOTE_INPUT_NAMES.filter((n) => !SECRET.has(n));
  const { values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      'registry-auth-stdin': { type: 'boolean' },
      verbose: { type: 'boolean' },
      ...Object.fromEntries(names.map((n) => [n, FLAGS.includes(n) ? { type: 'boolean' as const } : { type: 'string' as const, multiple: true as const }]))
    }
  });
  if (values.help) {
    process.stdout.write(PROMOTE_HELP);
    return 0;
  }
  // a terminal is not a runner: masking commands would print the very secret they mask; debug lines only with --verbose
  const verbose = argv.includes('--verbose');
  useRunnerIO(process.env, (text) => void (text.startsWith('::add-mask::') || (!verbose && text.startsWith('::debug::')) ? undefined : process.stdout.write(text)));
  const v = values as Record<string, unknown>;
  for (const n of names) {
    const value = v[n];
    if (value === undefined) continue;
    process.env[`INPUT_${n.toUpperCase()}`] = Array.isArray(value) ? value.join('\n') : String(value);
  }
  if (values['registry-auth-stdin']) process.env['INPUT_REGISTRY-AUTH'] = (await readStdin()).trim();
  const result = await promoteStep(readPromoteInputs());
  process.stdout.write(result.markdown);
  return 0;
}
