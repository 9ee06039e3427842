/**
 * The platform matrix for the reusable workflow: one build job per platform on a native runner
 * (ubuntu-24.04 for amd64, ubuntu-24.04-arm for arm64), QEMU on an amd64 runner only as a
 * fallback. GitHub's arm64 runners are free for public repositories only (generally available for
 * public repositories since 2025-08-07, GitHub changelog; private repositories could not get one in
 * late 2025), so `auto` uses QEMU for private repositories.
 */
import { platformSlug } from './platform.js';

export type ArmStrategy = 'auto' | 'native' | 'qemu';

export interface MatrixOptions {
  platforms: string[];
  armStrategy: ArmStrategy;
  amd64Runner: string;
  arm64Runner: string;
  /** payload.repository.private; undefined when unknown */
  privateRepository?: boolean;
}

export interface MatrixEntry {
  platform: string;
  /** `linux-amd64`: safe in artifact names and cache scopes */
  slug: string;
  runner: string;
  qemu: boolean;
}

/** Platform parsing lives in ./platform.ts (one home); re-exported for the matrix callers. */
export { parsePlatforms } from './platform.js';

export function platformMatrix(o: MatrixOptions): { include: MatrixEntry[]; reason: string } {
  const native = o.armStrategy === 'native' || (o.armStrategy === 'auto' && o.privateRepository !== true);
  const reason =
    o.armStrategy === 'auto'
      ? native
        ? 'arm64 on native runners (public repository)'
        : 'arm64 under QEMU on amd64 runners (private repository: GitHub arm64 runners are for public repositories)'
      : `arm strategy: ${o.armStrategy}`;
  const include = o.platforms.map((platform) => {
    const arch = platform.split('/')[1];
    const isArm = arch === 'arm64' || arch === 'arm';
    const runner = isArm && native ? o.arm64Runner : o.amd64Runner;
    return { platform, slug: platformSlug(platform), runner, qemu: arch !== 'amd64' && runner === o.amd64Runner };
  });
  return { include, reason };
}
