/**
 * PR image cleanup, planned: which manifests (OCI registries) or package versions (GHCR) of a closed
 * pull request can go, and which must stay because a live tag still needs them. Pure: the adapters
 * read the registry state and carry out the deletions. Rules: docs/registry-naming.md §2.1.
 *
 * - The PR's tags come from the tag engine (planTags) for a synthetic `pull_request` event, so ACR
 *   component prefixes and custom rules are the same as when the PR was built. Only tags that depend
 *   on the PR number count: a tag the rules also give another PR (`sha-…`, a raw value) is not this
 *   PR's to delete.
 * - A manifest goes only when every tag on it is one of this PR's tags and no live manifest (one with
 *   any other tag) references it as a child. Deleting by digest removes every tag on that digest, and
 *   GHCR cannot remove a single tag through the REST API, so a manifest that also carries a live tag
 *   stays whole.
 * - The children (platform and attestation manifests) of a deleted index go too, unless a live index
 *   also references them (D8: deleting an index does not cascade; shared children are common when a
 *   PR changed nothing).
 */
import { InputError } from './errors.js';
import { planTags, type PlanInputs, type PlannedTarget } from './plan.js';
import type { EngineOptions, EventContext } from './context.js';
import type { RegistryKind } from './targets.js';

/** The tags a PR produced in one target, as the tag engine names them (ACR prefix included). */
export interface PrTargetTags {
  target: PlannedTarget;
  /** tags that name this PR (they change with the PR number): the ones cleanup may delete */
  prTags: string[];
  /** tags the rules give this PR but also other PRs (`sha-…`, raw values): never deleted */
  sharedTags: string[];
}

export interface PrTagPlan {
  pr: number;
  targets: PrTargetTags[];
  warnings: string[];
}

/** What the PR event looked like; the synthetic context keeps the commit, repository and payload. */
export type PrBase = Pick<EventContext, 'sha' | 'repository' | 'payload' | 'repo' | 'serverUrl'>;

export function prContext(pr: number, base: PrBase): EventContext {
  const pull = base.payload.pull_request;
  return {
    eventName: 'pull_request',
    ref: `refs/pull/${pr}/merge`,
    sha: base.sha,
    repository: base.repository,
    payload: { ...base.payload, number: pr, pull_request: { ...pull, number: pr } },
    repo: base.repo,
    serverUrl: base.serverUrl
  };
}

/**
 * Every target's tags for pull request `pr`: planTags for PR `pr` and for PR `pr + 1`; what differs
 * names this PR, what is the same does not.
 */
export function planPrTags(inputs: PlanInputs, pr: number, base: PrBase, options: EngineOptions, now: Date): PrTagPlan {
  if (!Number.isInteger(pr) || pr < 1) throw new InputError('pr-number', String(pr), 'expected a pull request number such as 12');
  const mine = planTags(inputs, { ctx: prContext(pr, base), options, now });
  const other = planTags(inputs, { ctx: prContext(pr + 1, base), options, now });
  const warnings = [...mine.warnings];
  const targets = mine.targets.map((target, i) => {
    const elsewhere = new Set(other.targets[i]?.references.map((r) => r.tag));
    const tags = target.references.map((r) => r.tag);
    const prTags = tags.filter((t) => !elsewhere.has(t));
    if (prTags.length === 0) warnings.push(`${target.image}: the tags rules give pull request #${pr} no tag of its own (e.g. type=ref,event=pr), so nothing is deleted there`);
    return { target, prTags, sharedTags: tags.filter((t) => elsewhere.has(t)) };
  });
  return { pr, targets, warnings };
}

/** A child descriptor of an index: the digest and what it is (`linux/arm64`, `attestation`). */
export interface ChildRef {
  digest: string;
  label?: string;
}

/** One manifest in a repository, or one GHCR package version. */
export interface ManifestNode {
  digest: string;
  /** every tag that points at this digest (GHCR: metadata.container.tags) */
  tags: string[];
  /** the child manifests when this is an index; missing or [] for an image manifest */
  children?: ChildRef[];
  /** the manifest could not be read, so its children are unknown (the reason) */
  unreadable?: string;
  /** GHCR package version id */
  versionId?: number;
}

export interface RepositoryState {
  /** tagged manifests and the indexes below them; on GHCR every package version */
  nodes: ManifestNode[];
}

export type CleanupAction = 'delete' | 'keep' | 'missing';

export interface CleanupItem {
  registry: string;
  image: string;
  kind: RegistryKind;
  /** `image:tag` for a tagged manifest, `image@digest` for a child */
  reference: string;
  digest: string;
  /** the tags on this digest when the plan was made */
  tags: string[];
  versionId?: number;
  role: 'tagged' | 'child';
  /** a child: the digests of the tagged manifests being deleted that reference it (it must not go while one of them stays) */
  via?: string[];
  action: CleanupAction;
  reason: string;
}

export interface TargetCleanup {
  target: PlannedTarget;
  /** deletions first (indexes before their children), then what stays */
  items: CleanupItem[];
  warnings: string[];
}

/** The GitHub package of a GHCR image: owner and package name (nested names keep `/`, D5). */
export function ghcrPackage(target: Pick<PlannedTarget, 'repository' | 'image'>): { owner: string; name: string; urlName: string } {
  const slash = target.repository.indexOf('/');
  if (slash <= 0) throw new InputError('images', target.image, 'a GHCR image is ghcr.io/<owner>/<package>; the owner is missing');
  const name = target.repository.slice(slash + 1);
  return { owner: target.repository.slice(0, slash), name, urlName: encodeURIComponent(name) };
}

/** The REST shape of a container package version (D4): `name` is the digest. */
export interface GhcrVersion {
  id: number;
  name: string;
  metadata?: { package_type?: string; container?: { tags?: string[] } };
}

export function ghcrNodes(versions: GhcrVersion[]): ManifestNode[] {
  return versions.map((v) => ({ digest: v.name, tags: [...(v.metadata?.container?.tags ?? [])], versionId: v.id }));
}

interface Graph {
  byDigest: Map<string, ManifestNode>;
  parents: Map<string, string[]>;
  pr: Set<string>;
  /** digests a live tag reaches (the live manifests and everything below them) */
  live: Set<string>;
  /** live manifests that could not be read */
  blind: ManifestNode[];
}

function graph(state: RepositoryState, prTags: string[]): Graph {
  const pr = new Set(prTags);
  const byDigest = new Map(state.nodes.map((n) => [n.digest, n]));
  const parents = new Map<string, string[]>();
  for (const n of state.nodes) for (const c of n.children ?? []) parents.set(c.digest, [...(parents.get(c.digest) ?? []), n.digest]);
  const live = new Set<string>();
  const blind: ManifestNode[] = [];
  const stack = state.nodes.filter((n) => n.tags.some((t) => !pr.has(t))).map((n) => n.digest);
  while (stack.length > 0) {
    const d = stack.pop() as string;
    if (live.has(d)) continue;
    live.add(d);
    const n = byDigest.get(d);
    if (n?.unreadable !== undefined) blind.push(n);
    for (const c of n?.children ?? []) stack.push(c.digest);
  }
  return { byDigest, parents, pr, live, blind };
}

/** The nearest live tag above `digest`, for the reason text. */
function liveHolder(g: Graph, image: string, digest: string): string {
  const seen = new Set<string>();
  const queue = [...(g.parents.get(digest) ?? [])].filter((p) => g.live.has(p));
  while (queue.length > 0) {
    const p = queue.shift() as string;
    if (seen.has(p)) continue;
    seen.add(p);
    const tag = g.byDigest.get(p)?.tags.find((t) => !g.pr.has(t));
    if (tag) return `${image}:${tag} (${short(p)})`;
    queue.push(...(g.parents.get(p) ?? []).filter((q) => g.live.has(q)));
  }
  return `a live index (${short([...seen][0] ?? digest)})`;
}

export function short(digest: string): string {
  return digest.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]+$/, '$1…');
}

const list = (tags: string[]): string => tags.join(', ');

export function planTargetCleanup(t: PrTargetTags, state: RepositoryState): TargetCleanup {
  const { target } = t;
  const ghcr = target.kind === 'ghcr';
  const g = graph(state, t.prTags);
  const warnings: string[] = [];
  const item = (n: Pick<ManifestNode, 'digest' | 'tags' | 'versionId'>, role: CleanupItem['role'], action: CleanupAction, reason: string, tag?: string): CleanupItem => ({
    registry: target.registry,
    image: target.image,
    kind: target.kind,
    reference: tag ? `${target.image}:${tag}` : `${target.image}@${n.digest}`,
    digest: n.digest,
    tags: [...n.tags],
    ...(n.versionId !== undefined ? { versionId: n.versionId } : {}),
    role,
    action,
    reason
  });
  const blind = g.blind[0];
  const unsafe = blind
    ? `the live manifest ${blind.tags.length ? `${target.image}:${blind.tags[0]}` : short(blind.digest)} could not be read (${blind.unreadable}), so it is unknown what it references; nothing is deleted in ${target.image} to be safe`
    : undefined;
  if (unsafe) warnings.push(unsafe);

  const roots: CleanupItem[] = [];
  const kept: CleanupItem[] = [];
  const deletedRoots: ManifestNode[] = [];
  for (const n of state.nodes.filter((x) => x.tags.some((tag) => g.pr.has(tag)))) {
    const mine = n.tags.filter((tag) => g.pr.has(tag));
    const others = n.tags.filter((tag) => !g.pr.has(tag));
    const ref = mine[0];
    if (others.length > 0) kept.push(item(n, 'tagged', 'keep', keepTaggedReason(ghcr, mine, others), ref));
    else if (g.live.has(n.digest)) kept.push(item(n, 'tagged', 'keep', `a child of ${liveHolder(g, target.image, n.digest)}, which stays`, ref));
    else if (unsafe) kept.push(item(n, 'tagged', 'keep', unsafe, ref));
    else {
      roots.push(item(n, 'tagged', 'delete', `tagged only with this pull request's ${mine.length > 1 ? 'tags' : 'tag'} ${list(mine)}`, ref));
      deletedRoots.push(n);
      if (n.unreadable !== undefined) warnings.push(`could not read ${target.image}:${ref} (${n.unreadable}); if it is an index, its platform manifests are left behind`);
    }
  }
  const children = planChildren(g, target.image, deletedRoots, unsafe, ghcr, item);
  const present = new Set(state.nodes.flatMap((n) => n.tags));
  const missing = t.prTags
    .filter((tag) => !present.has(tag))
    .map((tag) => ({ ...item({ digest: '', tags: [] }, 'tagged', 'missing', 'not in the registry (never pushed, or already deleted)'), reference: `${target.image}:${tag}` }));
  return { target, items: [...roots, ...children.filter((c) => c.action === 'delete'), ...kept, ...children.filter((c) => c.action !== 'delete'), ...missing], warnings };
}

function keepTaggedReason(ghcr: boolean, mine: string[], others: string[]): string {
  const also = `also tagged ${list(others)}`;
  return ghcr
    ? `the package version is ${also}: GHCR cannot remove a single tag through the REST API, so the version and its tag ${list(mine)} stay`
    : `${also}: deleting the digest would delete those tags too (the registry API deletes manifests, not single tags), so ${list(mine)} stays`;
}

type ItemFn = (n: Pick<ManifestNode, 'digest' | 'tags' | 'versionId'>, role: CleanupItem['role'], action: CleanupAction, reason: string) => CleanupItem;

/** The children of the deleted indexes, depth first, each once. */
function planChildren(g: Graph, image: string, roots: ManifestNode[], unsafe: string | undefined, ghcr: boolean, item: ItemFn): CleanupItem[] {
  const out: CleanupItem[] = [];
  const seen = new Set(roots.map((r) => r.digest));
  const walk = (parent: ManifestNode, parentRef: string): void => {
    for (const c of parent.children ?? []) {
      if (seen.has(c.digest)) continue;
      seen.add(c.digest);
      const node = g.byDigest.get(c.digest);
      if (node && node.tags.length > 0) continue; // tagged: planned as a tagged manifest (kept if any tag is live)
      const what = `${c.label ? `${c.label} manifest` : 'child manifest'} of ${parentRef}`;
      const n = node ?? { digest: c.digest, tags: [] };
      if (g.live.has(c.digest)) out.push(item(n, 'child', 'keep', `${what}, also referenced by ${liveHolder(g, image, c.digest)}`));
      else if (ghcr && node?.versionId === undefined) out.push(item(n, 'child', 'missing', `${what}: no package version has this digest (already deleted?)`));
      else if (unsafe) out.push(item(n, 'child', 'keep', unsafe));
      else out.push(item(n, 'child', 'delete', `${what}, referenced by no live tag`));
      if (node) walk(node, `${parentRef} › ${short(c.digest)}`);
    }
  };
  for (const r of roots) walk(r, r.tags.length > 0 ? r.tags.join(', ') : short(r.digest));
  const below = new Map(roots.map((r) => [r.digest, descendants(g, r)]));
  return out.map((i) => ({ ...i, via: roots.filter((r) => below.get(r.digest)?.has(i.digest)).map((r) => r.digest) }));
}

function descendants(g: Graph, root: ManifestNode): Set<string> {
  const out = new Set<string>();
  const stack = (root.children ?? []).map((c) => c.digest);
  while (stack.length > 0) {
    const d = stack.pop() as string;
    if (out.has(d)) continue;
    out.add(d);
    stack.push(...(g.byDigest.get(d)?.children ?? []).map((c) => c.digest));
  }
  return out;
}
