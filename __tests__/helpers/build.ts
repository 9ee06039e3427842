/**
 * Fixtures for the build-pipeline unit tests: recorded buildx outputs from __tests__/fixtures/recorded/buildx
 * (real `buildx version` lines and a real `--metadata-file`; the buildx binary is not run here),
 * tag plans from real webhook payloads, and build inputs with defaults.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordedPath } from './recorded.js';
import { plan as tagPlanFor, type Scenario } from './events.js';
import type { PlanInputs, TagPlan } from '../../src/core/plan.js';
import { planBuild, type BuildFacts } from '../../src/core/build/plan.js';
import { DEFAULT_PLATFORMS, type BuildInputs, type BuildPlan, type BuilderName } from '../../src/core/build/types.js';

export const BUILDX_FIXTURES = recordedPath('buildx');

/** The six recorded `docker buildx version` stdout lines (origin: __tests__/fixtures/recorded/README.md). */
export function recordedVersionLines(): string[] {
  return readFileSync(join(BUILDX_FIXTURES, 'version-outputs.txt'), 'utf8').split('\n').filter(Boolean).map((l) => `${l}\n`);
}

export function recordedFixture(name: string): string {
  return readFileSync(join(BUILDX_FIXTURES, name), 'utf8');
}

export const DEFAULT_BUILD_INPUTS: BuildInputs = {
  platforms: [...DEFAULT_PLATFORMS],
  push: 'auto',
  pushByDigest: false,
  builder: 'auto',
  builderName: '',
  builderEndpoint: '',
  context: '.',
  file: '',
  target: '',
  buildArgs: [],
  secrets: [],
  buildContexts: [],
  cache: 'auto',
  cacheRef: '',
  cacheFrom: [],
  cacheTo: [],
  provenance: '',
  sbom: '',
  noCache: false,
  pull: false,
  username: '',
  password: '',
  registryAuth: [],
  githubToken: '',
  releaseTagPattern: '',
  overwriteReleaseTags: false,
  moveAliases: false,
  onRegistryError: 'fail'
};

export const TAG_EVENT: Scenario = { event: 'push', ref: 'refs/tags/v1.2.3' };

/** A real tag plan, with labels/annotations cut down to one so argv tables stay readable. */
export function smallTagPlan(images: string[] = ['ghcr.io/acme/app'], scenario: Scenario = TAG_EVENT, extra: Partial<PlanInputs> = {}): TagPlan {
  const p = tagPlanFor(scenario, { images, ...extra });
  return { ...p, labels: { 'org.opencontainers.image.version': p.version }, annotations: { 'org.opencontainers.image.version': p.version } };
}

export function facts(builder: BuilderName, over: Partial<BuildFacts> = {}): BuildFacts {
  return { builder, push: true, ghaAvailable: false, localCacheDir: '/runner/cache', ...over };
}

export function buildPlanFor(builder: BuilderName, inputs: Partial<BuildInputs> = {}, tagPlan: TagPlan = smallTagPlan(), over: Partial<BuildFacts> = {}): BuildPlan {
  return planBuild({ ...DEFAULT_BUILD_INPUTS, ...inputs }, tagPlan, facts(builder, over));
}
