/**
 * For `latest: release`: the tags already in each target repository, read through the registry
 * API with bounded parallelism. A target that cannot be read maps to undefined (latest is then
 * kept back there, with a warning from the planner).
 */
import type { TagPlan, PlannedTarget } from '../../core/plan.js';
import { mapLimit } from '../concurrency.js';

export type TagLister = (target: PlannedTarget) => Promise<string[]>;

export async function listExistingTags(
  plan: TagPlan,
  log: (m: string) => void,
  lister: TagLister = defaultLister,
  concurrency = 4
): Promise<Record<string, string[] | undefined>> {
  const results = await mapLimit(plan.targets, concurrency, async (target) => {
    try {
      const tags = await lister(target);
      log(`${target.image}: ${tags.length} existing tags`);
      return [target.image, tags] as const;
    } catch (e) {
      log(`${target.image}: could not list tags (${(e as Error).message})`);
      return [target.image, undefined] as const;
    }
  });
  return Object.fromEntries(results);
}

/** Anonymous tag list over HTTPS; loopback registries speak plain HTTP, as docker assumes for 127.0.0.0/8. */
async function defaultLister(target: PlannedTarget): Promise<string[]> {
  const { RegistryClient } = await import('./client.js');
  const insecureHttp = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(target.registry);
  return new RegistryClient({ registry: target.registry, insecureHttp, retries: 1 }).listTags(target.repository);
}
