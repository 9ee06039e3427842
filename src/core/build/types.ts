/**
 * Plain data for the build-and-push pipeline: what the inputs say, what will be built, with
 * which builder and cache, and what was pushed where. No values of secrets live in these types:
 * a secret is an id here; its value stays in the adapter that hands it to the builder.
 */

export type BuilderName = 'buildx' | 'buildah' | 'docker';
export type BuilderRequest = 'auto' | BuilderName;
export const BUILDER_REQUESTS: BuilderRequest[] = ['auto', 'buildx', 'buildah', 'docker'];

export type PushMode = 'auto' | 'true' | 'false';
export const PUSH_MODES: PushMode[] = ['auto', 'true', 'false'];

export type CacheMode = 'auto' | 'gha' | 'registry' | 'local' | 'off';
export const CACHE_MODES: CacheMode[] = ['auto', 'gha', 'registry', 'local', 'off'];

/** A build secret as given: its value (masked, written to a 0600 file or a child env var) or a file path. */
export type SecretInput = { id: string; kind: 'value'; value: string } | { id: string; kind: 'file'; path: string };

/** `registry-auth` line: credentials for one registry host. */
export interface RegistryAuthEntry {
  registry: string;
  username: string;
  password: string;
  line: number;
}

/** The build inputs after parsing (adapters/github/inputs-build.ts reads them). */
export interface BuildInputs {
  platforms: string[];
  push: PushMode;
  /** push blobs, manifests and the index by digest only, no tags (one platform job of a multi-runner build; the merge sub-action tags) */
  pushByDigest: boolean;
  builder: BuilderRequest;
  /** an existing buildx builder instance */
  builderName: string;
  /** a remote BuildKit endpoint (tcp://…, unix://…); a temporary `remote` buildx builder is created for it */
  builderEndpoint: string;
  context: string;
  file: string;
  target: string;
  buildArgs: Array<[string, string]>;
  secrets: SecretInput[];
  buildContexts: Array<[string, string]>;
  cache: CacheMode;
  /** registry cache reference or local cache directory */
  cacheRef: string;
  /** raw overrides (buildx `type=…` lines; for buildah, repositories) */
  cacheFrom: string[];
  cacheTo: string[];
  provenance: string;
  sbom: string;
  noCache: boolean;
  pull: boolean;
  /** for every non-GHCR target without a registry-auth line */
  username: string;
  password: string;
  registryAuth: RegistryAuthEntry[];
  /** GHCR password (username: the workflow actor) */
  githubToken: string;
  /** a regular expression for release tags; empty: semver (`v1.2.3`, `1.2.3`) */
  releaseTagPattern: string;
  /** a release tag that names another image may be moved (default: the step fails before tagging) */
  overwriteReleaseTags: boolean;
  /** `latest`/`1`/`1.2` may move backwards (default: false; true with `compat: metadata-action`) */
  moveAliases: boolean;
  /** `fail` (all-or-nothing), `continue` (tag the healthy registries, then fail), `continue-warn` (… then warn) */
  onRegistryError: RegistryErrorMode;
}

export type RegistryErrorMode = 'fail' | 'continue' | 'continue-warn';
export const REGISTRY_ERROR_MODES: RegistryErrorMode[] = ['fail', 'continue', 'continue-warn'];

export const DEFAULT_PLATFORMS = ['linux/amd64', 'linux/arm64'];

/** One annotation of the plan at one level (manifest, index, manifest-descriptor, index-descriptor). */
export interface Annotation {
  level: string;
  key: string;
  value: string;
}

export type CacheKind = 'gha' | 'registry' | 'local' | 'off' | 'builder' | 'custom';

export interface CacheSpec {
  kind: CacheKind;
  /** buildx: `type=…` strings; buildah: repositories */
  from: string[];
  to: string[];
  /** buildah/docker: keep intermediate layers as a local cache (`--layers`) */
  layers: boolean;
  /** one line for the log and the summary */
  note: string;
}

/** What one build run does, independent of the tool that runs it. */
export interface BuildPlan {
  builder: BuilderName;
  platforms: string[];
  /** requested platforms this builder cannot build (docker without buildx builds one) */
  skippedPlatforms: string[];
  context: string;
  file: string;
  target: string;
  buildArgs: Array<[string, string]>;
  labels: Array<[string, string]>;
  annotations: Annotation[];
  buildContexts: Array<[string, string]>;
  /** ids and kinds only */
  secrets: Array<{ id: string; kind: 'value' | 'file' }>;
  cache: CacheSpec;
  noCache: boolean;
  pull: boolean;
  provenance: string;
  sbom: string;
  /** at least one target is Alibaba ACR (attestations are kept away from it) */
  acrTargets: boolean;
  warnings: string[];
}

/** How a secret reaches the builder: through a child env var, or a file (never argv). */
export interface SecretMount {
  id: string;
  env?: string;
  src?: string;
}

/** Paths and names a build run uses; chosen by the adapter. */
export interface BuildIO {
  /** buildx/docker: where the OCI (or docker save) tar goes */
  outputTar: string;
  /** buildx: --metadata-file */
  metadataFile: string;
  /** buildah: the local manifest list; docker: the local tag */
  localName: string;
  secrets: SecretMount[];
}

/** A command line: the executable and its argv, plus environment additions (names → values that hold no secret). */
export interface CommandLine {
  tool: string;
  args: string[];
  env: Record<string, string>;
}

/** The built image before any tag is written: what the scan gate looks at. */
export interface LocalImage {
  /** OCI image layout directory (index.json, blobs/) */
  layout: string;
  /** platforms in it, e.g. ['linux/amd64', 'linux/arm64'] (attestations excluded) */
  platforms: string[];
  /** root digest as built (index, or the manifest of a single-platform image) */
  digest: string;
  platformDigests: Record<string, string>;
  builder: BuilderName;
}

export interface GateResult {
  pass: boolean;
  /** why it did not pass (shown in the failure), or a one-line note */
  reason?: string;
  /** what the push records on the image's root (index, or single manifest): the scan verdict */
  annotations?: Record<string, string>;
}

/**
 * Runs after the build and before any push: a blocking result fails the step with nothing pushed.
 * The scan-gate issue fills this seam; without it every image passes.
 */
export type Gate = (image: LocalImage) => Promise<GateResult>;
