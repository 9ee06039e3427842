/**
 * The scanners' vulnerability DB across runs, through the GitHub Actions cache (keyed by UTC day,
 * see dbCacheKey). `@actions/cache` is loaded with a dynamic import only in the scan path; the
 * meta bundle never reaches this file. Without the package or the cache service (local runs,
 * GHES without cache) the DB is simply downloaded every run.
 */

export interface DbCache {
  /** the key that was restored (equal to `key` on an exact hit), or undefined on a miss */
  restore(paths: string[], key: string, restoreKeys: string[]): Promise<string | undefined>;
  save(paths: string[], key: string): Promise<void>;
  /** why there is no cache, when there is none (logged once) */
  readonly unavailable?: string;
}

interface ActionsCache {
  restoreCache(paths: string[], primaryKey: string, restoreKeys?: string[]): Promise<string | undefined>;
  saveCache(paths: string[], key: string): Promise<number>;
  isFeatureAvailable(): boolean;
}

export function noDbCache(reason: string): DbCache {
  return { unavailable: reason, restore: async () => undefined, save: async () => undefined };
}

export async function loadDbCache(env: Record<string, string | undefined>): Promise<DbCache> {
  if (!env.ACTIONS_RUNTIME_TOKEN || !(env.ACTIONS_RESULTS_URL || env.ACTIONS_CACHE_URL)) {
    return noDbCache('no GitHub Actions cache service in this environment');
  }
  let cache: ActionsCache;
  try {
    // a lazily loaded chunk: only the scan path pays for @actions/cache (and its Azure SDK)
    cache = (await import('@actions/cache')) as unknown as ActionsCache;
  } catch {
    return noDbCache('@actions/cache is not bundled with this build of aim-build');
  }
  if (!cache.isFeatureAvailable()) return noDbCache('the Actions cache service is not available on this runner');
  return {
    restore: (paths, key, restoreKeys) => cache.restoreCache(paths, key, restoreKeys),
    save: async (paths, key) => {
      await cache.saveCache(paths, key);
    }
  };
}
