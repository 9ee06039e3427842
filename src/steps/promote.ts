/**
 * The `promote` sub-action (and `node dist/cli/index.js promote`): point tags at an image that is
 * already in the registries, without pulling or rebuilding; only manifests move.
 *   inputs → targets (and, for a version, the tag plan of a `refs/tags/<version>` event) →
 *   per target, in parallel: the source's digest, the tag list, each planned tag's current digest →
 *   one digest everywhere (ACR may differ: attestations left out) → targets without it get a
 *   registry-to-registry copy → the recorded scan verdict (refused unless `force`) → the
 *   forward-only rule per tag → conflicts fail before anything is written → (dry-run stops here)
 *   → copies → every tag → each tag read back.
 */
import parseSemver from 'semver/functions/parse.js';
import type { SemVer } from 'semver';
import * as core from '../adapters/github/runner.js';
import { getList, readPlanInputs } from '../adapters/github/inputs.js';
import { readCredentialInputs } from '../adapters/github/inputs-build.js';
import { readEngineOptions } from '../adapters/github/context.js';
import { prepareTemplates } from '../adapters/template-compiler.js';
import { mapLimit } from '../adapters/concurrency.js';
import type { RegistryClientOptions } from '../adapters/registry/client.js';
import { copyImage, type CopyStats } from '../adapters/registry/copy-image.js';
import { registryClients, registryLogins, type ClientFor, type StoredLoginLookup } from './build-registries.js';
import { parseBool } from '../core/build/inputs.js';
import { InputError, errorMessage } from '../core/errors.js';
import { planTags, type LatestPolicy, type PlanInputs } from '../core/plan.js';
import { parseImagesInput, registrySpecs, resolveTarget, type Target } from '../core/targets.js';
import {
  decideMoves,
  parsePromoteTo,
  plannedTags,
  promoteMarkdown,
  verdictRefusal,
  stableVersion,
  type PlannedTag,
  type PromoteReport,
  type TagMove
} from '../core/promote.js';

const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;

export interface PromoteInputs {
  plan: PlanInputs;
  source: string;
  to: string[];
  dryRun: boolean;
  force: boolean;
  moveAliases: boolean;
  overwriteRelease: boolean;
  credentials: ReturnType<typeof readCredentialInputs>;
}

/** Names of the inputs the promote step reads; a test keeps promote/action.yml in step with it. */
export const PROMOTE_INPUT_NAMES = [
  'source', 'to', 'images', 'registry', 'image-name', 'component', 'registry-type', 'acr-namespace', 'acr-repository', 'tags', 'flavor',
  'latest', 'move-aliases', 'overwrite-release-tags', 'force', 'dry-run', 'username', 'password', 'registry-auth', 'github-token'
];

export function readPromoteInputs(): PromoteInputs {
  const credentials = readCredentialInputs();
  const latest = core.getInput('latest') || 'release';
  const plan = readPlanInputs();
  if (!['release', 'never'].includes(latest)) throw new InputError('latest', latest, 'promote takes release (latest follows the forward-only rule) or never; to roll latest back name it in to:');
  const source = core.getInput('source');
  if (source === '') throw new InputError('source', '', 'give the image to promote: a tag in the target repositories (main-abc1234, v1.2.2) or a digest (sha256:…)');
  if (source.startsWith('sha256:') && !DIGEST_RE.test(source)) throw new InputError('source', source, 'a digest is sha256: and 64 lowercase hex characters');
  return {
    plan: { ...plan, latest: latest as LatestPolicy },
    source,
    to: getList('to'),
    dryRun: parseBool('dry-run', core.getInput('dry-run'), false),
    force: parseBool('force', core.getInput('force'), false),
    moveAliases: parseBool('move-aliases', core.getInput('move-aliases'), false),
    overwriteRelease: parseBool('overwrite-release-tags', core.getInput('overwrite-release-tags'), false),
    credentials
  };
}

interface TargetPlan {
  target: Target;
  tags: PlannedTag[];
}

/** The targets and, per target, the tags of the promotion (the release fan-out for a version). */
async function planPromotion(inputs: PromoteInputs, env: NodeJS.ProcessEnv, now: Date): Promise<{ plans: TargetPlan[]; version?: SemVer }> {
  const to = parsePromoteTo(inputs.to);
  const sourceVersion = inputs.source.startsWith('sha256:') ? undefined : inputs.source;
  const versionText = to.version ?? (sourceVersion && parseSemver(sourceVersion, { loose: true }) && /^v?\d+\.\d+\.\d+$/.test(sourceVersion) ? sourceVersion : undefined);
  const version = versionText ? (parseSemver(versionText, { loose: true }) ?? undefined) : undefined;
  if (to.version) {
    await prepareTemplates(inputs.plan);
    const plan = planTags(inputs.plan, {
      ctx: { eventName: 'push', ref: `refs/tags/${to.version}`, sha: env.GITHUB_SHA || '0'.repeat(40), repository: env.GITHUB_REPOSITORY || 'local/promote', payload: {}, repo: {} },
      options: readEngineOptions(env),
      now
    });
    for (const w of plan.warnings) core.warning(w);
    const latest = plan.latest.pendingRelease || plan.latest.enabled ? plan.latest.tag : undefined;
    return {
      version,
      plans: plan.targets.map((t) => ({
        target: t,
        tags: plannedTags(t.tagPrefix, t.references.map((r) => r.tag.slice(t.tagPrefix.length)), latest, to.tags, version, plan.latest.tag)
      }))
    };
  }
  const naming = { ...inputs.plan };
  const specs = [...parseImagesInput(inputs.plan.images), ...registrySpecs(inputs.plan.registry)];
  if (specs.length === 0) throw new InputError('images', '', 'give the target repositories (images: or registry: with image-name:)');
  const targets = specs.map((s) => resolveTarget(s, naming, core.warning));
  return { version, plans: targets.map((t) => ({ target: t, tags: plannedTags(t.tagPrefix, [], undefined, to.tags, version, 'latest') })) };
}

interface Observed {
  tp: TargetPlan;
  /** the source's digest here, undefined when missing */
  digest?: string;
  existing: string[];
  current: Record<string, string | undefined>;
}

async function observe(tp: TargetPlan, source: string, clientFor: ClientFor): Promise<Observed> {
  const { target } = tp;
  const client = clientFor(target.registry);
  const ref = source.startsWith('sha256:') ? source : `${target.tagPrefix}${source}`;
  try {
    const [head, existing] = await Promise.all([client.headManifest(target.repository, ref), client.listTags(target.repository)]);
    const current: Record<string, string | undefined> = {};
    await mapLimit(tp.tags, 4, async (t) => void (current[t.tag] = (await client.headManifest(target.repository, t.tag))?.digest));
    return { tp, digest: head?.digest, existing, current };
  } catch (e) {
    throw new Error(`${target.image}: could not read the repository (${errorMessage(e)}); check the credentials for ${target.registry}`, { cause: e });
  }
}

function annotationsOf(body: string, where: string): Record<string, string> | undefined {
  try {
    const doc = JSON.parse(body) as { annotations?: unknown };
    const a = doc.annotations;
    return a && typeof a === 'object' && !Array.isArray(a) ? (a as Record<string, string>) : undefined;
  } catch (e) {
    throw new Error(`${where}: the registry served a manifest that is not JSON; nothing was written`, { cause: e });
  }
}

/**
 * An alias moved backwards (explicit rollback, move-aliases) says what it moved from: the highest
 * stable version tag in that target is read (one HEAD) and named when it is what the alias named.
 */
async function nameRollbacks(moves: TagMove[], observed: Observed[], source: string, clientFor: ClientFor): Promise<void> {
  for (const m of moves.filter((x) => x.action === 'move' && x.higher && x.before)) {
    const o = observed.find((x) => x.tp.target.image === m.image);
    if (!o) continue;
    const from = o.existing.filter((t) => t.startsWith(o.tp.target.tagPrefix) && stableVersion(t.slice(o.tp.target.tagPrefix.length))?.version === m.higher).sort((a, b) => b.length - a.length)[0];
    const head = from ? await clientFor(o.tp.target.registry).headManifest(o.tp.target.repository, from).catch(() => undefined) : undefined;
    if (head?.digest === m.before) m.reason = `${m.reason}: from ${from} to ${source}`;
  }
}

export interface PromoteDeps {
  env?: NodeJS.ProcessEnv;
  clientOptions?: Partial<RegistryClientOptions>;
  now?: Date;
  storedLogins?: StoredLoginLookup;
}

export interface PromoteResult extends PromoteReport {
  markdown: string;
}

export async function promoteStep(inputs: PromoteInputs, deps: PromoteDeps = {}): Promise<PromoteResult> {
  const env = deps.env ?? process.env;
  const { plans, version } = await planPromotion(inputs, env, deps.now ?? new Date());
  if (plans.length === 0) throw new InputError('images', '', 'give the target repositories (images: or registry: with image-name:)');
  const logins = await registryLogins(plans.map((p) => p.target), inputs.credentials, env, deps.storedLogins);
  const clientFor = registryClients(logins, deps.clientOptions);
  const observed = await mapLimit(plans, 4, (tp) => observe(tp, inputs.source, clientFor));
  for (const o of observed) core.info(`${o.tp.target.image}: source ${inputs.source} ${o.digest ? `is ${o.digest}` : 'is missing'}; ${o.existing.length} tag(s) there`);

  // one digest everywhere (ACR gets the index without attestations, so its digest may differ)
  const holders = observed.filter((o) => o.digest);
  if (holders.length === 0) throw new InputError('source', inputs.source, `no target holds it (${observed.map((o) => o.tp.target.image).join(', ')}); give a tag or digest that was pushed`);
  const main = holders.find((o) => o.tp.target.kind !== 'acr') ?? holders[0];
  const digest = main.digest as string;
  const notes: string[] = [];
  const disagree = holders.filter((o) => o.digest !== digest && o.tp.target.kind !== 'acr');
  if (disagree.length > 0) {
    throw new Error(`the source ${inputs.source} names different images: ${[main, ...disagree].map((o) => `${o.tp.target.image} → ${o.digest}`).join(', ')}; nothing was written. Promote by digest (source: ${digest}) to copy that one everywhere`);
  }
  for (const o of holders.filter((h) => h.digest !== digest)) notes.push(`${o.tp.target.image} holds ${o.digest} (Alibaba ACR: the same image without attestation manifests)`);

  // the recorded scan verdict
  const manifest = await clientFor(main.tp.target.registry).getManifest(main.tp.target.repository, digest);
  const refusal = verdictRefusal(annotationsOf(manifest.body, `${main.tp.target.image}@${digest}`));
  if (refusal && !inputs.force) throw new Error(`refusing to promote ${main.tp.target.image}@${digest}: ${refusal}. Fix the findings and build again, or set force: true`);
  if (refusal) notes.push(`force: true: promoted despite ${refusal}`);

  // targets without the source get it by copy
  const missing = observed.filter((o) => !o.digest);
  const copies: PromoteReport['copies'] = [];
  const moves: TagMove[] = [];
  for (const o of observed) {
    const source = o.digest ?? digest;
    moves.push(...decideMoves(o.tp.tags, { image: o.tp.target.image, registry: o.tp.target.registry, tagPrefix: o.tp.target.tagPrefix, source, current: o.current, existing: o.existing }, {
      version,
      moveAliases: inputs.moveAliases,
      overwriteRelease: inputs.overwriteRelease
    }));
  }
  await nameRollbacks(moves, observed, inputs.source, clientFor);
  const conflicts = moves.filter((m) => m.action === 'conflict');
  const report = (): PromoteResult => {
    const r: PromoteReport = { source: inputs.source, digest, dryRun: inputs.dryRun, moves, copies, notes };
    return { ...r, markdown: promoteMarkdown(r) };
  };
  if (conflicts.length > 0) {
    core.appendSummary(report().markdown);
    throw new Error(`${conflicts.length} release tag(s) already name another image; nothing was written:\n${conflicts.map((c) => `  - ${c.image}: ${c.reason}`).join('\n')}`);
  }
  if (inputs.dryRun) {
    for (const o of missing) copies.push({ image: o.tp.target.image, from: main.tp.target.image, manifests: 0, blobs: 0, bytes: 0 });
    return report();
  }
  // phase 1: copies (by digest, no tag); phase 2: the tags
  await mapLimit(missing, 2, async (o) => {
    const stats: CopyStats = await copyImage({ client: clientFor(main.tp.target.registry), repository: main.tp.target.repository }, { client: clientFor(o.tp.target.registry), repository: o.tp.target.repository }, digest);
    copies.push({ image: o.tp.target.image, from: main.tp.target.image, ...stats });
    core.info(`copied ${digest} to ${o.tp.target.image} from ${main.tp.target.image}: ${stats.manifests} manifest(s), ${stats.blobs} blob(s), ${stats.bytes} bytes`);
  });
  await mapLimit(observed, 4, async (o) => {
    const client = clientFor(o.tp.target.registry);
    const writes = moves.filter((m) => m.image === o.tp.target.image && (m.action === 'create' || m.action === 'move'));
    if (writes.length === 0) return;
    const body = await client.getManifest(o.tp.target.repository, writes[0].after);
    for (const m of writes) {
      await client.putManifest(o.tp.target.repository, m.tag, body.body, body.mediaType);
      const back = await client.headManifest(o.tp.target.repository, m.tag);
      if (back?.digest !== m.after) throw new Error(`${m.image}:${m.tag} reads back as ${back?.digest ?? 'missing'}, not ${m.after}`);
      core.info(`${m.image}:${m.tag}: ${m.before ?? '(new)'} → ${m.after} (${m.reason})`);
    }
  });
  for (const m of moves.filter((x) => x.action === 'held')) core.info(`${m.image}:${m.tag}: ${m.reason}`);
  return report();
}

/** The sub-action: inputs → promote → outputs and summary. */
export async function promoteAction(deps: PromoteDeps = {}): Promise<PromoteResult> {
  const result = await promoteStep(readPromoteInputs(), deps);
  const written = result.moves.filter((m) => m.action === 'create' || m.action === 'move');
  core.setOutput('digest', result.digest);
  core.setOutput('tags', result.dryRun ? '' : written.map((m) => `${m.image}:${m.tag}`).join('\n'));
  core.setOutput('result', JSON.stringify({ source: result.source, digest: result.digest, dryRun: result.dryRun, moves: result.moves, copies: result.copies, notes: result.notes }));
  core.appendSummary(result.markdown);
  return result;
}
