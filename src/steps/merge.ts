/**
 * The `merge` sub-action: combine the per-platform images that push-by-digest build jobs pushed
 * into ONE index and tag it, with the build's guarantees:
 *   inputs → credentials (the build's) → push preflight of every target → read each digest →
 *   compose one index (platforms in order) → every target must hold every platform manifest →
 *   release-tag guard (the build's rule) → the index BY DIGEST everywhere, read back → only then
 *   every planned tag (all-or-nothing).
 */
import * as core from '../adapters/github/runner.js';
import { readMergeInputs } from '../adapters/github/inputs-merge.js';
import { digestOf, pushAll } from '../adapters/registry/push.js';
import { missingChildren, readSource } from '../adapters/registry/merge-read.js';
import type { RegistryClientOptions } from '../adapters/registry/client.js';
import { preflight, registryClients, registryLogins, type StoredLoginLookup } from './build-registries.js';
import { guardTags, releaseTagRule } from './build-tags.js';
import { composeIndex, mergeMarkdown, mergeOutputs, mergePushes, type MergeResult, type MergeSource } from '../core/merge.js';

export interface MergeDeps {
  env?: Record<string, string | undefined>;
  clientOptions?: Partial<RegistryClientOptions>;
  storedLogins?: StoredLoginLookup;
}

export class MergeError extends Error {
  constructor(message: string, readonly failures: Error[]) {
    super(message);
    this.name = 'MergeError';
  }
}

export async function mergeStep(deps: MergeDeps = {}): Promise<MergeResult> {
  const env = deps.env ?? process.env;
  const { plan, digests, platforms, credentials, release } = readMergeInputs();
  const rule = await releaseTagRule(release);
  const logins = await registryLogins(plan.targets, credentials, env, deps.storedLogins);
  const clientFor = registryClients(logins, deps.clientOptions);
  await preflight(plan.targets, logins, clientFor);
  const sources: MergeSource[] = [];
  for (const digest of digests) sources.push(await readSource(digest, plan.targets, clientFor));
  const composed = composeIndex(sources, platforms, plan.annotations);
  composed.image.root.descriptor.digest = digestOf(composed.image.root.body);
  core.info(`index ${composed.image.root.descriptor.digest} of ${composed.platforms.length} platform(s): ${composed.from.map((f) => `${f.platform} from ${f.digest}`).join(', ')}`);
  const pushes = mergePushes(composed, plan.targets);
  for (const note of pushes.flatMap((p) => p.notes)) core.info(note);
  const missing = await missingChildren(pushes, composed.origin, clientFor);
  if (missing.length === 1) throw missing[0];
  if (missing.length > 1) {
    throw new MergeError(`${missing.length} of ${pushes.length} target(s) lack platform images; nothing was written:\n${missing.map((e) => `  - ${e.message}`).join('\n')}`, missing);
  }
  // the build's rule: a release tag naming another image fails here, before the index is pushed; aliases forward only
  const guarded = await guardTags({ gitTag: plan.gitTag, latestTag: plan.latestTag, tagPrefixes: plan.tagPrefixes }, pushes, rule, clientFor);
  // merge is all-or-nothing: an unreadable target already failed the guard
  const written = await pushAll('', composed.image, guarded.pushes, { clientFor, log: core.info });
  const main = Math.max(0, pushes.findIndex((p) => p.kind !== 'acr'));
  const result: MergeResult = {
    digest: written[main].digest,
    platforms: composed.platforms,
    targets: written.map((t, i) => {
      const moves = guarded.decisions[i]?.moves ?? [];
      const unchanged = moves.filter((m) => m.action === 'unchanged').map((m) => m.tag);
      const held = moves.filter((m) => m.action === 'held').map((m) => ({ tag: m.tag, ...(m.before ? { on: m.before } : {}), reason: m.reason }));
      return { image: t.image, registry: t.registry, digest: t.digest, references: t.references, dropped: t.dropped, ...(unchanged.length ? { unchanged } : {}), ...(held.length ? { held } : {}) };
    })
  };
  for (const [name, value] of Object.entries(mergeOutputs(result))) core.setOutput(name, value);
  core.appendSummary(mergeMarkdown(result, composed.from));
  return result;
}
