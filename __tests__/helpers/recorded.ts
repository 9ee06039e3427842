/**
 * Where the recorded tool outputs live: `__tests__/fixtures/recorded/` inside the repository (origin,
 * upstream commits and licence of every file: its README.md). Real trivy/grype/buildx outputs read by
 * the parser tests; the tools themselves are not run here.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RECORDED_FIXTURES = fileURLToPath(new URL('../fixtures/recorded/', import.meta.url));

/** Absolute path of a recorded fixture, e.g. `recordedPath('scanners', 'trivy')`. */
export function recordedPath(...parts: string[]): string {
  return join(RECORDED_FIXTURES, ...parts);
}
