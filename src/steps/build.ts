/**
 * Build and push, after the tag plan:
 *   inputs → push decision → credentials → PREFLIGHT every target (seconds, before building)
 *   → builder (auto: buildx → buildah → docker, with the reason) → build to a LOCAL OCI layout
 *   → gate (the scan seam; nothing is pushed when it blocks) → release-tag guard (a release tag
 *   naming another image fails here; aliases forward only) → push blobs/manifests/index by
 *   digest everywhere → only then every planned tag (not with push-by-digest: the merge
 *   sub-action tags the combined index) → outputs and job summary.
 */
import { join } from 'node:path';
import * as core from '../adapters/github/runner.js';
import { readBuildInputs } from '../adapters/github/inputs-build.js';
import { probeBuilders, type Builder } from '../adapters/builder/builder.js';
import { BuildahBuilder, buildahCaps } from '../adapters/builder/buildah.js';
import { BuildxBuilder } from '../adapters/builder/buildx.js';
import { DockerBuilder } from '../adapters/builder/docker.js';
import { builderAuthEnv, createJobDir, prepareDockerConfig, removeJobDir, type JobDir } from '../adapters/registry/login.js';
import { annotateRoot, builtPlatforms, orderPlatformIndex, platformsOf, readLayout } from '../adapters/registry/oci-layout.js';
import { checkBuiltPlatforms } from '../core/platform.js';
import { failedTarget, pushAll, PushError } from '../adapters/registry/push.js';
import type { RegistryClientOptions } from '../adapters/registry/client.js';
import { builderLogins, preflight, registryClients, registryLogins, type ClientFor, type StoredLoginLookup } from './build-registries.js';
import { STATE } from './build-post.js';
import { planBuild, type BuildFacts } from '../core/build/plan.js';
import { ACR_ATTESTATION_NOTE, planPush, type TargetPush } from '../core/build/push-plan.js';
import type { PushDecision } from '../core/build/push-mode.js';
import { pushDecision } from './push-decision.js';
import { buildOutputs, type BuildResult, type PlatformResult, type TargetResult } from '../core/build/result.js';
import { buildMarkdown, registryTable } from '../core/build/summary.js';
import type { BuildInputs, BuildPlan, Gate } from '../core/build/types.js';
import type { TagPlan } from '../core/plan.js';
import { errorMessage } from '../core/errors.js';
import { prepareNetwork, type NetworkDeps } from './build-network.js';
import { guardTags, releaseTagRule, tagContextOf } from './build-tags.js';
import type { ReleaseTagRule, TargetTagDecision } from '../core/build/release-tags.js';
import { compareSizes, sizeBaseline, type SizeReport } from '../core/build/image-size.js';
import { readBaselineSizes } from '../adapters/registry/image-size.js';

export interface BuildDeps {
  /** runs before any push (scan gate); default: every image passes */
  gate?: Gate;
  /** makes the gate's tools ready (scanner download or cache hit); runs in the preflight, next to the registry checks, before the build */
  gateReady?: () => Promise<void>;
  env?: NodeJS.ProcessEnv;
  /** registry client tuning (tests: short backoff) */
  clientOptions?: Partial<RegistryClientOptions>;
  /** the runner's stored logins; default: docker config, credential helpers, containers auth.json */
  storedLogins?: StoredLoginLookup;
  /** internal-network builds: the public-registry probe (tests: a loopback URL) */
  network?: NetworkDeps;
}

async function pickBuilder(inputs: BuildInputs, env: NodeJS.ProcessEnv, job: JobDir): Promise<{ builder: Builder; reason: string }> {
  const probe = await probeBuilders(inputs.builder);
  const name = probe.choice.builder;
  core.info(probe.choice.reason);
  if (name !== 'buildah') await prepareDockerConfig(job);
  if (name === 'buildah') {
    // with --layers the per-platform stores persist next to the other local caches (warm rebuilds)
    const stores = (plan: BuildPlan): string => (plan.cache.layers ? join(localCacheDir(env, job), 'buildah-stores') : join(job.dir, 'buildah-stores'));
    return { builder: new BuildahBuilder(buildahCaps(probe.probes.buildah?.version ?? '', env), stores), reason: probe.choice.reason };
  }
  if (name === 'docker') return { builder: new DockerBuilder(probe.probes.docker?.version ?? ''), reason: probe.choice.reason };
  const builder = await BuildxBuilder.setup({
    versionOutput: probe.raw.buildx ?? '',
    tool: probe.buildxTool ?? 'docker',
    builderName: inputs.builderName,
    builderEndpoint: inputs.builderEndpoint,
    log: core.info,
    remember: (n) => core.saveState(STATE.buildxBuilder, n)
  });
  return { builder, reason: probe.choice.reason };
}

function logPlan(plan: BuildPlan, builder: Builder): void {
  core.startGroup('Build plan');
  core.info(`builder: ${builder.description}`);
  core.info(`platforms: ${plan.platforms.join(', ')}${plan.skippedPlatforms.length ? ` (skipped: ${plan.skippedPlatforms.join(', ')})` : ''}`);
  core.info(`context: ${plan.context}${plan.file ? `, file: ${plan.file}` : ''}${plan.target ? `, target: ${plan.target}` : ''}`);
  core.info(`build args: ${plan.buildArgs.map(([k]) => k).join(', ') || '(none)'}; secrets: ${plan.secrets.map((s) => s.id).join(', ') || '(none)'}`);
  core.info(`cache: ${plan.cache.note}`);
  core.endGroup();
  for (const w of plan.warnings) core.warning(w);
}

interface Built {
  layout: string;
  image: Awaited<ReturnType<typeof readLayout>>;
  platforms: PlatformResult[];
  buildx?: BuildResult['buildx'];
  ms: number;
}

async function buildLocal(builder: Builder, plan: BuildPlan, inputs: BuildInputs, job: JobDir, extraEnv: Record<string, string> = {}): Promise<Built> {
  const started = Date.now();
  const layout = join(job.dir, 'layout');
  const local = await builder.build(plan, { workDir: job.dir, layoutDir: layout, authEnv: { ...builderAuthEnv(builder.name, job), ...extraEnv }, secrets: inputs.secrets });
  for (const w of [...local.warnings, ...(local.buildx?.warnings ?? []).map((w) => `build check: ${w}`)]) core.warning(w);
  // the index lists the platforms in the user's order, whatever order the builder wrote
  await orderPlatformIndex(layout, plan.platforms);
  const image = await readLayout(layout);
  // the invariant before the gate and any push: exactly the requested platforms, each config agreeing
  const check = checkBuiltPlatforms(plan.platforms, await builtPlatforms(layout, image));
  if (!check.ok) throw new Error(`${builder.description}: ${check.message}`);
  const platforms = await platformsOf(layout, image);
  core.info(`built ${image.root.descriptor.digest} (${platforms.map((p) => p.platform).join(', ')}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { layout, image, platforms, buildx: local.buildx, ms: Date.now() - started };
}

/** Runs the gate; returns what the push records on the image's root (the scan verdict). */
async function runGate(gate: Gate | undefined, built: Built, builder: Builder): Promise<Record<string, string>> {
  if (!gate) return {};
  const verdict = await gate({
    layout: built.layout,
    platforms: built.platforms.map((p) => p.platform),
    digest: built.image.root.descriptor.digest,
    platformDigests: Object.fromEntries(built.platforms.map((p) => [p.platform, p.digest])),
    builder: builder.name
  });
  if (!verdict.pass) throw new Error(`the image was not pushed: ${verdict.reason ?? 'the gate blocked it'}`);
  if (verdict.reason) core.info(verdict.reason);
  return verdict.annotations ?? {};
}

/** The gate's record (scan verdict) onto the root in the layout, before the push: a new root digest, the same platform images. */
async function recordOnRoot(built: Built, annotations: Record<string, string>): Promise<Built> {
  if (Object.keys(annotations).length === 0) return built;
  const digest = await annotateRoot(built.layout, annotations);
  if (digest === built.image.root.descriptor.digest) return built;
  const image = await readLayout(built.layout);
  core.info(`recorded ${Object.entries(annotations).map(([k, v]) => `${k}=${v}`).join(', ')} on the image: ${digest}`);
  return { ...built, image, platforms: await platformsOf(built.layout, image) };
}

function publish(result: BuildResult): void {
  core.startGroup('Build result');
  core.info(`digest: ${result.digest}`);
  for (const p of result.platforms) core.info(`${p.platform}: ${p.digest}`);
  for (const t of result.targets) core.info(`${t.image}@${t.digest}: ${t.references.length} tag(s)`);
  core.endGroup();
  for (const [name, value] of Object.entries(buildOutputs(result))) core.setOutput(name, value);
  core.appendSummary(buildMarkdown(result));
}

interface Pushed {
  targets: TargetResult[];
  pushes: TargetPush[];
  ms: number;
}

async function pushStage(plan: TagPlan, buildPlan: BuildPlan, built: Built, push: boolean, inputs: BuildInputs, clientFor: ClientFor, rule: ReleaseTagRule): Promise<Pushed> {
  const byDigest = inputs.pushByDigest;
  if (!push) return { targets: [], pushes: [], ms: 0 };
  const started = Date.now();
  // buildah sets manifest annotations only; index-level ones go onto the index we push
  const indexAnnotations = buildPlan.builder === 'buildah' ? Object.fromEntries(buildPlan.annotations.filter((a) => a.level === 'index').map((a) => [a.key, a.value])) : {};
  let pushes = planPush(built.image, plan.targets, indexAnnotations);
  for (const note of pushes.flatMap((p) => p.notes)) core.info(note);
  // release tags that name another image fail here, before anything is pushed; aliases move forward only
  const onError = inputs.onRegistryError === 'fail' ? 'fail' : 'continue';
  let decisions: TargetTagDecision[] = [];
  let unreadable: Array<{ push: TargetPush; error: Error }> = [];
  if (!byDigest) ({ pushes, decisions, unreadable } = await guardTags(tagContextOf(plan), pushes, rule, clientFor, { skipUnreadable: onError === 'continue', unreadableHint: 'on-registry-error: continue publishes to the other registries' }));
  const results = await pushAll(built.layout, built.image, pushes, { clientFor, log: core.info, tags: !byDigest, onError }).catch((e: unknown) => {
    // all-or-nothing: still say precisely where each registry stands
    if (e instanceof PushError && e.results.length > 0) core.appendSummary(`### aim-build push failed: nothing was tagged\n\n${registryTable(e.results)}\n`);
    throw e;
  });
  // registries left out by the guard (on-registry-error: continue) are rows too, after the others
  const targets = [...results.map((t, i) => withTagDecision(t, decisions[i])), ...unreadable.map((u) => failedTarget(u.push, u.error))];
  pushes = [...pushes, ...unreadable.map((u) => u.push)];
  if (byDigest) core.info(`push-by-digest: no tag was written; the merge sub-action (org/aim-build/merge) combines the platform digests and writes the ${pushes.reduce((n, p) => n + p.tags.length, 0)} planned tag(s)`);
  return { targets, pushes, ms: Date.now() - started };
}

/** `on-registry-error: continue|continue-warn`: the healthy registries are tagged; the failed ones fail (or warn) the step. */
function partialPublish(result: BuildResult, mode: BuildInputs['onRegistryError']): void {
  const failed = result.targets.filter((t) => t.status === 'failed');
  if (failed.length === 0) return;
  const ok = result.targets.filter((t) => t.status === 'tagged').map((t) => t.image);
  const message =
    `partial publish (on-registry-error: ${mode}): ${failed.length} of ${result.targets.length} registries failed:\n` +
    failed.map((t) => `  - ${t.image}: ${t.error ?? 'failed'}`).join('\n') +
    `\n${ok.length > 0 ? `tagged completely: ${ok.join(', ')}` : 'no registry was tagged'}; re-run to publish to the failed ones, or on-registry-error: fail for all-or-nothing`;
  if (mode === 'continue-warn') core.warning(message);
  else throw new Error(message);
}

function withTagDecision(t: TargetResult, d: TargetTagDecision | undefined): TargetResult {
  if (!d) return t;
  const unchanged = d.moves.filter((m) => m.action === 'unchanged').map((m) => m.tag);
  const held = d.moves.filter((m) => m.action === 'held').map((m) => ({ tag: m.tag, ...(m.before ? { on: m.before } : {}), reason: m.reason }));
  return { ...t, ...(unchanged.length ? { unchanged } : {}), ...(held.length ? { held } : {}) };
}

/**
 * Each platform's size against the image the comparison tag (latest, or the PR's base branch tag)
 * names now in the first target: manifests only. Read before the push moves that tag, and only
 * when pushing (a build that does not push never contacts a registry); a read failure is a
 * warning and leaves the sizes out.
 */
async function imageSizes(plan: TagPlan, built: Built, push: boolean, clientFor: ClientFor, env: NodeJS.ProcessEnv): Promise<SizeReport | undefined> {
  const target = plan.targets[0];
  if (!target || !push) return undefined;
  const baseline = sizeBaseline({ image: target.image, tagPrefix: target.tagPrefix, latestTag: plan.latest.tag, pullRequest: plan.event.kind === 'pr', baseBranch: env.GITHUB_BASE_REF || undefined });
  try {
    const before = await readBaselineSizes(clientFor(target.registry), target.repository, baseline.tag);
    const report: SizeReport = { baseline, found: !!before, ...(before ? { baselineDigest: before.digest } : {}), platforms: compareSizes(built.platforms, before?.sizes) };
    core.info(`image size against ${target.image}:${baseline.tag}: ${report.platforms.map((p) => `${p.platform} ${p.size} B (${p.delta === undefined ? 'new' : `${p.delta >= 0 ? '+' : ''}${p.delta} B`})`).join(', ')}`);
    return report;
  } catch (e) {
    core.warning(`image size: could not read ${target.image}:${baseline.tag} to compare with (${errorMessage(e)}); the summary shows no size change`);
    return undefined;
  }
}

function resultOf(plan: TagPlan, buildPlan: BuildPlan, built: Built, picked: { builder: Builder; reason: string }, decision: PushDecision, pushed: Pushed, byDigest: boolean, sizes?: SizeReport): BuildResult {
  // the digest every non-ACR target got (ACR targets may get an index without attestations)
  const main = pushed.pushes.findIndex((p, i) => p.kind !== 'acr' && pushed.targets[i]?.status !== 'failed');
  const at = main >= 0 ? main : 0;
  const root = pushed.pushes[at]?.root;
  return {
    builder: picked.builder.name,
    builderReason: picked.reason,
    pushed: decision.push,
    pushReason: decision.reason,
    byDigest: decision.push && byDigest,
    digest: pushed.targets[at]?.digest || built.image.root.descriptor.digest,
    mediaType: built.image.root.descriptor.mediaType,
    size: root ? Buffer.byteLength(root.body, 'utf8') : built.image.root.descriptor.size,
    created: plan.labels['org.opencontainers.image.created'] ?? '',
    platforms: built.platforms,
    skippedPlatforms: buildPlan.skippedPlatforms,
    targets: pushed.targets,
    cache: { kind: buildPlan.cache.kind, note: buildPlan.cache.note },
    buildx: built.buildx,
    timings: { buildMs: built.ms, pushMs: pushed.ms },
    notes: pushed.pushes.some((p) => p.dropped.length > 0) ? [ACR_ATTESTATION_NOTE] : [],
    ...(sizes ? { imageSizes: sizes } : {})
  };
}

/** The registry checks and the scanner readiness in parallel; every failure is reported, before anything is built. */
async function preflights(checks: Array<Promise<void> | undefined>): Promise<void> {
  const settled = await Promise.allSettled(checks.filter((c): c is Promise<void> => c !== undefined));
  const failed = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
  if (failed.length === 1) throw failed[0];
  if (failed.length > 1) throw new Error(failed.map((e) => errorMessage(e)).join('\n'));
}

function localCacheDir(env: NodeJS.ProcessEnv, job: JobDir): string {
  return join(env.RUNNER_TOOL_CACHE || job.dir, 'aim-build-cache');
}

function buildFacts(builder: Builder, push: boolean, env: NodeJS.ProcessEnv, job: JobDir): BuildFacts {
  return {
    builder: builder.name,
    push,
    ghaAvailable: !!(env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL),
    baseBranch: env.GITHUB_BASE_REF || undefined,
    localCacheDir: localCacheDir(env, job)
  };
}

export async function buildStep(plan: TagPlan, deps: BuildDeps = {}): Promise<BuildResult> {
  const env = deps.env ?? process.env;
  const inputs = readBuildInputs();
  const rule = await releaseTagRule(inputs);
  const decision = pushDecision(plan, inputs.push, env);
  core.info(decision.reason);
  const job = await createJobDir(env.RUNNER_TEMP);
  core.saveState(STATE.jobDir, job.dir);
  let builder: Builder | undefined;
  try {
    const logins = await registryLogins(plan.targets, inputs, env, deps.storedLogins);
    const clientFor = registryClients(logins, deps.clientOptions);
    await preflights([decision.push ? preflight(plan.targets, logins, clientFor) : undefined, deps.gateReady?.()]);
    const picked = await pickBuilder(inputs, env, job);
    builder = picked.builder;
    const network = await prepareNetwork(inputs, builder.name, env, job, { clientOptions: deps.clientOptions, ...deps.network });
    const buildPlan = planBuild({ ...inputs, buildContexts: [...inputs.buildContexts, ...network.buildContexts] }, plan, buildFacts(builder, decision.push, env, job));
    logPlan(buildPlan, builder);
    await builderLogins(builder.name, logins, job, decision.push);
    const local = await buildLocal(builder, buildPlan, inputs, job, network.env);
    const record = await runGate(deps.gate, local, builder);
    const built = decision.push ? await recordOnRoot(local, record) : local;
    const sizes = await imageSizes(plan, built, decision.push, clientFor, env);
    const pushed = await pushStage(plan, buildPlan, built, decision.push, inputs, clientFor, rule);
    const result = resultOf(plan, buildPlan, built, picked, decision, pushed, inputs.pushByDigest, sizes);
    publish(result);
    if (network.markdown) core.appendSummary(network.markdown);
    partialPublish(result, inputs.onRegistryError);
    return result;
  } finally {
    await builder?.cleanup().catch((e: unknown) => core.warning(`cleanup: ${errorMessage(e)}`));
    await removeJobDir(job.dir).catch((e: unknown) => core.warning(`could not remove ${job.dir}: ${errorMessage(e)}`));
  }
}
