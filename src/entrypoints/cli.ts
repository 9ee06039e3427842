/**
 * Local CLI over the same engine, no GitHub needed:
 *   node dist/cli/index.js plan --ref refs/tags/v1.2.3 --images ghcr.io/acme/app [--format json]
 * Flags mirror the action inputs; the event comes from flags (or GITHUB_* when set).
 */
import { parseArgs } from 'node:util';
import { planTags, COMPAT_MODES, DEFAULT_PLAN_INPUTS, LATEST_POLICIES, type CompatMode, type LatestPolicy, type PlanInputs } from '../core/plan.js';
import { planJson, planOutputs } from '../core/outputs.js';
import { planMarkdown } from '../core/summary.js';
import { InputError, errorMessage } from '../core/errors.js';
import { registryType } from '../core/targets.js';
import { readEngineOptions, readPayload, repoFromPayload, commitDateFromPayload } from '../adapters/github/context.js';
import type { EventContext } from '../core/context.js';
import { prepareTemplates } from '../adapters/template-compiler.js';

const HELP = `aim-build plan — compute the tag plan without GitHub
(also: node dist/cli/index.js promote --help)

Usage: node dist/cli/index.js plan [options]

Event (defaults from GITHUB_* when set):
  --event NAME            push | pull_request | schedule | workflow_dispatch ... (default push)
  --ref REF               refs/heads/main, refs/tags/v1.2.3, refs/pull/12/merge (required)
  --sha SHA               commit sha (default 40 zeros)
  --repository OWNER/REPO (default acme/app)
  --default-branch NAME   the repository's default branch (default main)
  --event-path FILE       a webhook payload JSON to read instead
  --now ISO-DATE          the clock for {{date}} and the created label (default: now)
Inputs (same meaning as the action inputs; list options may repeat):
  --images, --registry, --image-name, --component, --registry-type, --acr-namespace,
  --acr-repository, --tags, --flavor, --labels, --annotations, --latest
  --compat aim|metadata-action  (default aim; metadata-action: its default rules for empty
                                --tags, label lines without = skipped, --ref optional)
Output:
  --format table|json|outputs   (default table)

Other commands (see their --help):
  base-images [--json] [--build-arg K=V]... FILE...   base images of Dockerfiles / compose files
  mirror --target HOST/NS [--images REF]... [--files FILE]...   copy images registry to registry
`;

const LIST = ['images', 'registry', 'tags', 'flavor', 'labels', 'annotations'] as const;
const SINGLE = ['image-name', 'component', 'registry-type', 'acr-namespace', 'acr-repository', 'latest', 'compat'] as const;
const FORMATS = ['table', 'json', 'outputs'];

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      event: { type: 'string' },
      ref: { type: 'string' },
      sha: { type: 'string' },
      repository: { type: 'string' },
      'default-branch': { type: 'string' },
      'event-path': { type: 'string' },
      now: { type: 'string' },
      format: { type: 'string', default: 'table' },
      ...Object.fromEntries(LIST.map((k) => [k, { type: 'string' as const, multiple: true as const }])),
      ...Object.fromEntries(SINGLE.map((k) => [k, { type: 'string' as const }]))
    }
  });
}

type Values = ReturnType<typeof parse>['values'];

function str(values: Values, key: string): string | undefined {
  return (values as Record<string, unknown>)[key] as string | undefined;
}

function lines(values: Values, key: string): string[] {
  const v = (values as unknown as Record<string, string[] | undefined>)[key] ?? [];
  return v.flatMap((s) => s.split(/\r?\n/));
}

function inputsFrom(values: Values): PlanInputs {
  const latest = str(values, 'latest') ?? 'auto';
  if (!LATEST_POLICIES.includes(latest as LatestPolicy)) throw new InputError('--latest', latest, `expected one of ${LATEST_POLICIES.join(', ')}`);
  const compat = str(values, 'compat') ?? 'aim';
  if (!COMPAT_MODES.includes(compat as CompatMode)) throw new InputError('--compat', compat, `expected one of ${COMPAT_MODES.join(', ')}`);
  return {
    ...DEFAULT_PLAN_INPUTS,
    ...Object.fromEntries(LIST.map((k) => [k, lines(values, k)])),
    imageName: str(values, 'image-name') ?? '',
    component: str(values, 'component') ?? '',
    registryType: registryType('registry-type', str(values, 'registry-type') ?? 'auto'),
    acrNamespace: str(values, 'acr-namespace') ?? DEFAULT_PLAN_INPUTS.acrNamespace,
    acrRepository: str(values, 'acr-repository') ?? DEFAULT_PLAN_INPUTS.acrRepository,
    latest: latest as LatestPolicy,
    compat: compat as CompatMode
  };
}

function contextFrom(values: Values, env: NodeJS.ProcessEnv, compat: CompatMode): EventContext {
  const ref = str(values, 'ref') ?? env.GITHUB_REF ?? '';
  if (!ref && compat !== 'metadata-action') throw new InputError('--ref', '', 'give the git ref, e.g. --ref refs/tags/v1.2.3 (see --help)');
  const payload = readPayload(str(values, 'event-path') ?? env.GITHUB_EVENT_PATH);
  const repository = str(values, 'repository') ?? env.GITHUB_REPOSITORY ?? 'acme/app';
  const defaultBranch = str(values, 'default-branch') ?? payload.repository?.default_branch ?? 'main';
  payload.repository = { ...payload.repository, default_branch: defaultBranch };
  const sha = str(values, 'sha') ?? env.GITHUB_SHA ?? '0'.repeat(40);
  const repo = repoFromPayload(payload);
  repo.htmlUrl ??= `https://github.com/${repository}`;
  return { eventName: str(values, 'event') ?? env.GITHUB_EVENT_NAME ?? 'push', ref, sha, repository, payload, repo, commitDate: commitDateFromPayload(payload, sha), serverUrl: env.GITHUB_SERVER_URL || undefined };
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'promote') return (await import('../steps/promote-cli.js')).promoteCli(argv.slice(1));
  if (argv[0] === 'base-images' || argv[0] === 'mirror') {
    const { runMirrorCli } = await import('../steps/cli-mirror.js');
    return runMirrorCli(argv, process.env, (s) => void process.stdout.write(s), (s) => void process.stderr.write(s));
  }
  const { values, positionals } = parse(argv);
  if (values.help || positionals[0] !== 'plan') {
    process.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  const now = str(values, 'now') ? new Date(str(values, 'now') as string) : new Date();
  if (Number.isNaN(now.getTime())) throw new InputError('--now', str(values, 'now') ?? '', 'expected an ISO date such as 2026-01-02T03:04:05Z');
  const format = str(values, 'format') ?? 'table';
  if (!FORMATS.includes(format)) throw new InputError('--format', format, `expected one of ${FORMATS.join(', ')}`);
  const inputs = inputsFrom(values);
  await prepareTemplates(inputs);
  const plan = planTags(inputs, { ctx: contextFrom(values, process.env, inputs.compat), options: readEngineOptions(process.env), now });
  if (format !== 'table') for (const warning of plan.warnings) process.stderr.write(`warning: ${warning}\n`);
  if (format === 'json') process.stdout.write(JSON.stringify(planJson(plan), null, 2) + '\n');
  else if (format === 'outputs') process.stdout.write(JSON.stringify(planOutputs(plan, { tags: '\n', labels: '\n', annotations: '\n' }), null, 2) + '\n');
  else process.stdout.write(planMarkdown(plan));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => void (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`aim-build: ${errorMessage(e)}\n`);
    process.exitCode = 1;
  }
);
