/**
 * The `cleanup` sub-action: when a pull request closes, delete the images its build pushed (the
 * tags the tag engine gives that PR, per target) without touching anything a live tag still needs.
 * GHCR through the GitHub Packages REST API, every other registry through the registry API.
 * Targets are cleaned one after another; one that fails does not stop the others, and the step
 * fails at the end naming them. Deletion disabled on a registry, or a GHCR version GitHub will not
 * delete (D7), is a warning.
 */
import { prepareTemplates } from '../adapters/template-compiler.js';
import * as core from '../adapters/github/runner.js';
import { readCleanupInputs, type CleanupInputs } from '../adapters/github/inputs-cleanup.js';
import { readEngineOptions, readPayload, repoFromPayload } from '../adapters/github/context.js';
import { GhcrPackages, PackagesApiError } from '../adapters/github/packages.js';
import { RegistryClient, RegistryRequestError } from '../adapters/registry/client.js';
import { deleteManifest, deletionDisabledWarning, readChildren, readRepositoryState } from '../adapters/registry/cleanup.js';
import { InputError, errorMessage } from '../core/errors.js';
import { ghcrNodes, ghcrPackage, planPrTags, planTargetCleanup, type CleanupItem, type PrTargetTags, type TargetCleanup } from '../core/cleanup.js';
import { cleanupMarkdown, deletedOutput, keptOutput, type CleanupOutcome, type CleanupReport } from '../core/cleanup-report.js';
import { isLoopbackRegistry, type RegistryLogin } from '../core/build/credentials.js';
import { registryLogins, type StoredLoginLookup } from './build-registries.js';

type Env = Record<string, string | undefined>;

export interface CleanupDeps {
  env: Env;
  /** the network seam for the registry API and the GitHub API */
  fetch: typeof fetch;
  now: () => Date;
  /** parallel registry reads per repository; default 8 */
  concurrency?: number;
  /** the runner's stored logins; default: docker config, credential helpers, containers auth.json */
  storedLogins?: StoredLoginLookup;
}

interface TargetContext {
  deps: CleanupDeps;
  inputs: CleanupInputs;
  login?: RegistryLogin;
}

/** refused: the registry will not delete anything (deletion disabled); blocked: only this one stays */
type DeleteOutcome = { status: 'deleted' | 'gone' } | { status: 'blocked'; message: string } | { status: 'refused' | 'failed'; message: string; detail?: string };

interface TargetResult {
  outcomes: CleanupOutcome[];
  warnings: string[];
  errors: string[];
}

export async function cleanupStep(deps: CleanupDeps): Promise<CleanupReport> {
  const inputs = readCleanupInputs();
  const { env } = deps;
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const pr = inputs.prNumber ?? payload.pull_request?.number ?? payload.number;
  if (!pr) {
    throw new InputError('pr-number', '', `the '${env.GITHUB_EVENT_NAME ?? ''}' event has no pull request number: run on \`pull_request: types: [closed]\`, or give pr-number`);
  }
  const base = { sha: env.GITHUB_SHA ?? '', repository: env.GITHUB_REPOSITORY ?? '', payload, repo: repoFromPayload(payload), serverUrl: env.GITHUB_SERVER_URL || undefined };
  await prepareTemplates(inputs.plan);
  const tags = planPrTags(inputs.plan, pr, base, readEngineOptions(env), deps.now());
  const logins = await registryLogins(tags.targets.map((t) => t.target), inputs, env, deps.storedLogins);
  const report: CleanupReport = { pr, dryRun: inputs.dryRun, outcomes: [], warnings: [...tags.warnings], errors: [] };
  core.info(`Cleaning up pull request #${pr}${inputs.dryRun ? ' (dry run: nothing is deleted)' : ''}`);
  for (const t of tags.targets.filter((x) => x.prTags.length > 0)) {
    core.startGroup(`${t.target.image}: ${t.prTags.join(', ')}`);
    try {
      const ctx = { deps, inputs, login: logins.find((l) => l.registry === t.target.registry) };
      const r = t.target.kind === 'ghcr' ? await cleanGhcr(t, ctx) : await cleanRegistry(t, ctx);
      report.outcomes.push(...r.outcomes);
      report.warnings.push(...r.warnings);
      report.errors.push(...r.errors);
    } catch (e) {
      report.errors.push(`${t.target.image}: ${errorMessage(e)}`);
    } finally {
      core.endGroup();
    }
  }
  publish(report);
  if (report.errors.length > 0) throw new Error(`the cleanup of pull request #${pr} failed: ${report.errors.join('; ')}`);
  return report;
}

function registryClient(t: PrTargetTags, ctx: TargetContext): RegistryClient {
  const { login, deps } = ctx;
  return new RegistryClient({
    registry: t.target.registry,
    insecureHttp: isLoopbackRegistry(t.target.registry),
    credentials: login ? { username: login.username, password: login.password } : undefined,
    fetch: deps.fetch,
    log: core.debug
  });
}

/** Any OCI distribution registry: manifests are deleted by digest. */
async function cleanRegistry(t: PrTargetTags, ctx: TargetContext): Promise<TargetResult> {
  const client = registryClient(t, ctx);
  const { repository, registry } = t.target;
  const state = await readRepositoryState(client, repository, t.prTags, ctx.deps.concurrency);
  const plan = logPlan(planTargetCleanup(t, state));
  return execute(plan, ctx.inputs.dryRun, async (item) => {
    const r = await deleteManifest(client, repository, item.digest);
    if (r.status === 'deleted' || r.status === 'gone') return r;
    if (r.status === 'unsupported') {
      const e = r.error as RegistryRequestError;
      const detail = `HTTP ${e.status ?? '?'}${e.code ? ` ${e.code}` : ''}`;
      return { status: 'refused', message: `deletion is disabled on ${registry} (${detail})`, detail };
    }
    return { status: 'failed', message: r.message };
  }, (count, detail) => deletionDisabledWarning(registry, repository, count, detail));
}

/** GHCR: package versions through the REST API (the registry API only reads the index children). */
async function cleanGhcr(t: PrTargetTags, ctx: TargetContext): Promise<TargetResult> {
  const { deps, inputs } = ctx;
  if (!inputs.githubToken) throw new InputError('github-token', '', 'GHCR versions are deleted through the GitHub REST API: pass github-token (default `${{ github.token }}`; the job needs packages: write)');
  const pkg = ghcrPackage(t.target);
  const api = new GhcrPackages(pkg.owner, pkg.name, { fetch: deps.fetch, token: inputs.githubToken, apiUrl: deps.env.GITHUB_API_URL, registry: t.target.registry, log: core.debug });
  const nodes = ghcrNodes(await api.listVersions());
  if (nodes.some((n) => n.tags.some((tag) => t.prTags.includes(tag)))) {
    const roots = nodes.filter((n) => n.tags.length > 0);
    await readChildren(registryClient(t, ctx), t.target.repository, nodes, { roots, concurrency: deps.concurrency });
  }
  const plan = logPlan(planTargetCleanup(t, { nodes }));
  return execute(plan, inputs.dryRun, async (item) => {
    try {
      return { status: await api.deleteVersion(item.versionId as number) };
    } catch (e) {
      if (e instanceof PackagesApiError && e.kind === 'too-many-downloads') return { status: 'blocked', message: e.message };
      return { status: 'failed', message: errorMessage(e) };
    }
  });
}

function logPlan(plan: TargetCleanup): TargetCleanup {
  for (const i of plan.items) core.info(`${i.action.padEnd(7)} ${i.reference}${i.role === 'tagged' && i.digest ? ` (${i.digest})` : ''} — ${i.reason}`);
  return plan;
}

/**
 * Runs the planned deletions in order (indexes before their children). After a refusal (deletion
 * disabled) or a failure the rest of this target is not attempted: it would fail the same way.
 */
async function execute(
  plan: TargetCleanup,
  dryRun: boolean,
  del: (item: CleanupItem) => Promise<DeleteOutcome>,
  refusedWarning: (count: number, detail: string) => string = (_n, d) => d
): Promise<TargetResult> {
  const result: TargetResult = { outcomes: [], warnings: [...plan.warnings], errors: [] };
  let stop: { status: 'refused' | 'failed'; message: string; detail: string; count: number } | undefined;
  /** tagged manifests that stay after all (D7): their children stay too */
  const stayed = new Map<string, string>();
  for (const item of plan.items) {
    const holder = item.via?.find((d) => stayed.has(d));
    if (item.action !== 'delete') result.outcomes.push({ ...item, status: item.action === 'keep' ? 'kept' : 'missing' });
    else if (dryRun) result.outcomes.push({ ...item, status: 'would-delete' });
    else if (holder) result.outcomes.push({ ...item, status: 'kept', reason: `not deleted: ${stayed.get(holder)} stays, and it references this manifest` });
    else if (stop) {
      stop.count++;
      result.outcomes.push({ ...item, status: stop.status === 'refused' ? 'kept' : 'failed', reason: `not deleted: ${stop.message}` });
    } else {
      const r = await del(item);
      if (r.status === 'deleted' || r.status === 'gone') {
        core.info(`deleted ${item.reference}${item.role === 'tagged' ? ` (${item.digest})` : ''}${r.status === 'gone' ? ' (already gone)' : ''}`);
        result.outcomes.push({ ...item, status: 'deleted', reason: r.status === 'gone' ? `${item.reason} (already gone)` : item.reason });
      } else if (r.status === 'blocked') {
        stayed.set(item.digest, item.reference);
        result.warnings.push(r.message);
        result.outcomes.push({ ...item, status: 'kept', reason: `not deleted: ${r.message}` });
      } else if (r.status === 'refused' || r.status === 'failed') {
        stop = { status: r.status, message: r.message, detail: r.detail ?? r.message, count: 1 };
        result.outcomes.push({ ...item, status: r.status === 'refused' ? 'kept' : 'failed', reason: `not deleted: ${r.message}` });
      }
    }
  }
  if (stop?.status === 'refused') result.warnings.push(refusedWarning(stop.count, stop.detail));
  if (stop?.status === 'failed') result.errors.push(`${plan.target.image}: ${stop.message}`);
  return result;
}

function publish(report: CleanupReport): void {
  for (const w of report.warnings) core.warning(w);
  core.setOutput('deleted', deletedOutput(report));
  core.setOutput('kept', keptOutput(report));
  core.appendSummary(cleanupMarkdown(report));
}
