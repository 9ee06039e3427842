/**
 * The PR cleanup planner (pure): which tags a PR owns per target (from the tag engine), and which
 * manifests / GHCR versions go or stay. Registry states are written out as data; GHCR versions have
 * the shape of the documented REST response (id, name = digest, metadata.container.tags).
 */
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_PLAN_INPUTS, type PlanInputs } from '../../src/core/plan.js';
import { DEFAULT_ENGINE_OPTIONS } from '../../src/core/context.js';
import { ghcrNodes, ghcrPackage, planPrTags, planTargetCleanup, type GhcrVersion, type ManifestNode, type PrBase } from '../../src/core/cleanup.js';
import { cleanupMarkdown, deletedOutput, keptOutput, type CleanupOutcome } from '../../src/core/cleanup-report.js';
import { repoFromPayload } from '../../src/adapters/github/context.js';
import { examplePayload, NOW, SHA } from '../helpers/events.js';

/** A real `pull_request` closed webhook payload, renumbered. */
function closedBase(pr: number): PrBase {
  const payload = examplePayload('pull_request', (e) => e.action === 'closed');
  payload.number = pr;
  payload.pull_request = { ...payload.pull_request, number: pr };
  return { sha: SHA, repository: 'Acme/backend', payload, repo: repoFromPayload(payload) };
}

const prTags = (pr: number, inputs: Partial<PlanInputs>) => planPrTags({ ...DEFAULT_PLAN_INPUTS, ...inputs }, pr, closedBase(pr), DEFAULT_ENGINE_OPTIONS, NOW);

/** sha256:<c repeated> — readable fake digests */
const d = (c: string): string => `sha256:${c.repeat(64).slice(0, 64)}`;
const [I7, IM, A, B, C, X, Y, Z] = ['7', 'e', 'a', 'b', 'c', '1', '2', '3'].map(d);
const index = (digest: string, tags: string[], children: Array<[string, string]>, extra: Partial<ManifestNode> = {}): ManifestNode => ({
  digest,
  tags,
  children: children.map(([c, label]) => ({ digest: c, label })),
  ...extra
});
const image = (digest: string, tags: string[], extra: Partial<ManifestNode> = {}): ManifestNode => ({ digest, tags, children: [], ...extra });

describe('planPrTags: the PR tags per target come from the tag engine', () => {
  it('preset: pr-N on GHCR and <component>-pr-N in the ACR unified repository', () => {
    const p = prTags(12, { images: ['ghcr.io/acme/backend', 'registry.cn-hangzhou.aliyuncs.com/acme'], component: 'backend' });
    expect(p.targets.map((t) => [t.target.image, t.prTags, t.sharedTags])).toEqual([
      ['ghcr.io/acme/backend', ['pr-12'], []],
      ['registry.cn-hangzhou.aliyuncs.com/acme/ai-infra-matrix', ['backend-pr-12'], []]
    ]);
    expect(p.warnings).toEqual([]);
  });

  it('custom rules: only tags that name the PR count; sha and raw tags are shared with other PRs', () => {
    const p = prTags(7, { images: ['harbor.local/team/app'], tags: ['type=ref,event=pr', 'type=ref,event=pr,suffix=-{{sha}}', 'type=sha', 'type=raw,value=dev'], flavor: ['prefix=ci-'] });
    // type=ref,event=pr and type=sha have their own prefixes (pr-, sha-), which win over the flavor's
    expect(p.targets[0].prTags).toEqual(['pr-7', `pr-7-${SHA.slice(0, 7)}`]);
    expect(p.targets[0].sharedTags).toEqual(['ci-dev', `sha-${SHA.slice(0, 7)}`]);
  });

  it('rules that give a PR no tag of its own: nothing to delete, and a warning says why', () => {
    const p = prTags(7, { images: ['harbor.local/team/app'], tags: ['type=raw,value=dev'] });
    expect(p.targets[0].prTags).toEqual([]);
    expect(p.warnings).toContain('harbor.local/team/app: the tags rules give pull request #7 no tag of its own (e.g. type=ref,event=pr), so nothing is deleted there');
  });

  it('rejects a PR number that is not a positive whole number', () => {
    expect(() => prTags(0, { images: ['ghcr.io/acme/app'] })).toThrow("Invalid pr-number '0': expected a pull request number such as 12");
  });
});

const harbor = (pr = 7) => prTags(pr, { images: ['harbor.local/team/app'] }).targets[0];
const summary = (items: ReturnType<typeof planTargetCleanup>['items']) => items.map((i) => [i.action, i.reference.replace('harbor.local/team/app', ''), i.role]);

describe('planTargetCleanup on an OCI registry (delete by digest)', () => {
  it.each([
    {
      name: 'a PR image whose digest is shared with main is kept (nothing changed in the PR)',
      nodes: [image(X, ['pr-7', 'main'])],
      expected: [['keep', ':pr-7', 'tagged']],
      reason: /^also tagged main: deleting the digest would delete those tags too \(the registry API deletes manifests, not single tags\), so pr-7 stays$/
    },
    {
      name: 'a PR-only image goes; main and another PR are untouched',
      nodes: [image(X, ['pr-7']), image(Y, ['main']), image(Z, ['pr-8'])],
      expected: [['delete', ':pr-7', 'tagged']],
      reason: /^tagged only with this pull request's tag pr-7$/
    },
    {
      name: 'a multi-arch index: its own child goes, the child shared with the live main index stays',
      nodes: [index(I7, ['pr-7'], [[A, 'linux/amd64'], [B, 'linux/arm64']]), index(IM, ['main'], [[A, 'linux/amd64'], [C, 'linux/arm64']])],
      expected: [['delete', ':pr-7', 'tagged'], ['delete', `@${B}`, 'child'], ['keep', `@${A}`, 'child']],
      reason: /^tagged only with this pull request's tag pr-7$/
    },
    {
      name: 'a PR-tagged manifest that is a child of a live index stays',
      nodes: [image(A, ['pr-7-amd64']), index(IM, ['main'], [[A, 'linux/amd64']])],
      tags: ['pr-7-amd64'],
      expected: [['keep', ':pr-7-amd64', 'tagged']],
      reason: /^a child of harbor\.local\/team\/app:main \(sha256:eeeeeeeeeeee…\), which stays$/
    },
    {
      name: 'a live index that cannot be read: nothing is deleted in that repository',
      nodes: [index(I7, ['pr-7'], [[A, 'linux/amd64']]), { digest: IM, tags: ['main'], unreadable: 'HTTP 500' }],
      expected: [['keep', ':pr-7', 'tagged']],
      reason: /could not be read \(HTTP 500\), so it is unknown what it references; nothing is deleted/
    }
  ])('$name', ({ nodes, expected, reason, tags }) => {
    const t = harbor();
    const plan = planTargetCleanup(tags ? { ...t, prTags: tags } : t, { nodes });
    expect(summary(plan.items)).toEqual(expected);
    expect(plan.items[0].reason).toMatch(reason);
  });

  it('a child shared with main names the live tag; labels come from the index', () => {
    const plan = planTargetCleanup(harbor(), { nodes: [index(I7, ['pr-7'], [[A, 'linux/amd64'], [B, 'attestation']]), index(IM, ['main'], [[A, 'linux/amd64']])] });
    expect(plan.items.map((i) => i.reason)).toEqual([
      "tagged only with this pull request's tag pr-7",
      'attestation manifest of pr-7, referenced by no live tag',
      'linux/amd64 manifest of pr-7, also referenced by harbor.local/team/app:main (sha256:eeeeeeeeeeee…)'
    ]);
  });

  it('nested indexes: children of an untagged inner index are reached, shared ones stay', () => {
    const inner = index(Y, [], [[A, 'linux/amd64'], [B, 'linux/arm64']]);
    const plan = planTargetCleanup(harbor(), { nodes: [index(I7, ['pr-7'], [[Y, '']]), inner, index(IM, ['main'], [[B, 'linux/arm64']])] });
    expect(summary(plan.items)).toEqual([['delete', ':pr-7', 'tagged'], ['delete', `@${Y}`, 'child'], ['delete', `@${A}`, 'child'], ['keep', `@${B}`, 'child']]);
  });

  it('a PR tag that is not in the registry is reported as not found', () => {
    const plan = planTargetCleanup(harbor(), { nodes: [image(Y, ['main'])] });
    expect(plan.items).toEqual([expect.objectContaining({ action: 'missing', reference: 'harbor.local/team/app:pr-7', reason: 'not in the registry (never pushed, or already deleted)' })]);
  });

  it('an index to delete that cannot be read is deleted with a warning about its children', () => {
    const plan = planTargetCleanup(harbor(), { nodes: [{ digest: I7, tags: ['pr-7'], unreadable: 'HTTP 502' }] });
    expect(summary(plan.items)).toEqual([['delete', ':pr-7', 'tagged']]);
    expect(plan.warnings).toEqual(['could not read harbor.local/team/app:pr-7 (HTTP 502); if it is an index, its platform manifests are left behind']);
  });
});

describe('planTargetCleanup in an ACR unified repository', () => {
  const acr = () => prTags(12, { images: ['registry.cn-hangzhou.aliyuncs.com/acme'], component: 'backend' }).targets[0];
  const ref = (i: { reference: string }) => i.reference.replace('registry.cn-hangzhou.aliyuncs.com/acme/ai-infra-matrix', '');

  it('only backend-pr-12 goes; frontend-pr-12 and backend-main stay', () => {
    const plan = planTargetCleanup(acr(), { nodes: [image(X, ['backend-pr-12']), image(Y, ['frontend-pr-12']), image(Z, ['backend-main', 'backend-latest'])] });
    expect(plan.items.map((i) => [i.action, ref(i)])).toEqual([['delete', ':backend-pr-12']]);
  });

  it('the same digest under another component PR tag is live: kept', () => {
    const plan = planTargetCleanup(acr(), { nodes: [image(X, ['backend-pr-12', 'frontend-pr-12'])] });
    expect(plan.items.map((i) => [i.action, ref(i), i.reason])).toEqual([
      ['keep', ':backend-pr-12', 'also tagged frontend-pr-12: deleting the digest would delete those tags too (the registry API deletes manifests, not single tags), so backend-pr-12 stays']
    ]);
  });
});

/** The documented REST shape of a container package version (GET …/packages/container/{name}/versions). */
const version = (id: number, digest: string, tags: string[]): GhcrVersion => ({
  id,
  name: digest,
  url: `https://api.github.com/orgs/acme/packages/container/repo%2Fapi/versions/${id}`,
  package_html_url: 'https://github.com/orgs/acme/packages/container/package/repo%2Fapi',
  created_at: '2026-11-20T10:00:00Z',
  updated_at: '2026-11-20T10:00:00Z',
  html_url: `https://github.com/orgs/acme/packages/container/repo%2Fapi/${id}`,
  metadata: { package_type: 'container', container: { tags } }
}) as GhcrVersion;

describe('GHCR: package versions', () => {
  const ghcr = () => prTags(7, { images: ['ghcr.io/acme/repo/api'] }).targets[0];
  const withChildren = (nodes: ManifestNode[], children: Record<string, Array<[string, string]>>) =>
    nodes.map((n) => ({ ...n, children: (children[n.digest] ?? []).map(([c, label]) => ({ digest: c, label })) }));

  it('a nested package: owner acme, package repo/api, URL segment repo%2Fapi (D5)', () => {
    expect(ghcrPackage(ghcr().target)).toEqual({ owner: 'acme', name: 'repo/api', urlName: 'repo%2Fapi' });
    expect(ghcrPackage({ repository: 'octo/app', image: 'ghcr.io/octo/app' })).toEqual({ owner: 'octo', name: 'app', urlName: 'app' });
  });

  it('deletes the pr-7 version and its untagged child versions, except the child main references', () => {
    const versions = [version(101, I7, ['pr-7']), version(102, A, []), version(103, B, []), version(201, IM, ['main', 'latest']), version(202, C, []), version(300, Z, [])];
    const nodes = withChildren(ghcrNodes(versions), { [I7]: [[A, 'linux/amd64'], [B, 'linux/arm64']], [IM]: [[A, 'linux/amd64'], [C, 'linux/arm64']] });
    const plan = planTargetCleanup(ghcr(), { nodes });
    expect(plan.items.map((i) => [i.action, i.versionId, i.role])).toEqual([['delete', 101, 'tagged'], ['delete', 103, 'child'], ['keep', 102, 'child']]);
    expect(plan.items[2].reason).toBe('linux/amd64 manifest of pr-7, also referenced by ghcr.io/acme/repo/api:main (sha256:eeeeeeeeeeee…)');
    // the orphan 300 is not this PR's: a blanket "delete untagged" would have taken it (D8)
    expect(plan.items.map((i) => i.versionId)).not.toContain(300);
  });

  it('a version that also carries another tag loses nothing: GHCR cannot untag through REST', () => {
    const plan = planTargetCleanup(ghcr(), { nodes: withChildren(ghcrNodes([version(101, I7, ['pr-7', 'main']), version(102, A, [])]), { [I7]: [[A, 'linux/amd64']] }) });
    expect(plan.items.map((i) => [i.action, i.versionId, i.reason])).toEqual([
      ['keep', 101, 'the package version is also tagged main: GHCR cannot remove a single tag through the REST API, so the version and its tag pr-7 stay']
    ]);
  });

  it('a child digest without a package version is reported, not deleted', () => {
    const plan = planTargetCleanup(ghcr(), { nodes: withChildren(ghcrNodes([version(101, I7, ['pr-7'])]), { [I7]: [[A, 'linux/amd64']] }) });
    expect(plan.items.map((i) => [i.action, i.reference])).toEqual([['delete', 'ghcr.io/acme/repo/api:pr-7'], ['missing', `ghcr.io/acme/repo/api@${A}`]]);
  });
});

describe('report: outputs and the job summary', () => {
  it('deleted / kept JSON and a Registry | Reference/Digest | Action | Reason table', () => {
    const plan = planTargetCleanup(harbor(), { nodes: [index(I7, ['pr-7'], [[A, 'linux/amd64'], [B, 'linux/arm64']]), index(IM, ['main'], [[A, 'linux/amd64']])] });
    const outcomes: CleanupOutcome[] = plan.items.map((i) => ({ ...i, status: i.action === 'delete' ? 'would-delete' : 'kept' }));
    const report = { pr: 7, dryRun: true, outcomes, warnings: ['w|1'], errors: [] };
    expect(JSON.parse(deletedOutput(report))).toEqual([
      { registry: 'harbor.local', image: 'harbor.local/team/app', reference: 'harbor.local/team/app:pr-7', digest: I7, tags: ['pr-7'], reason: "tagged only with this pull request's tag pr-7", dryRun: true },
      expect.objectContaining({ reference: `harbor.local/team/app@${B}`, tags: [], dryRun: true })
    ]);
    expect(JSON.parse(keptOutput(report))).toEqual([expect.objectContaining({ digest: A, reason: expect.stringContaining('also referenced by harbor.local/team/app:main') })]);
    const md = cleanupMarkdown(report);
    expect(md).toContain('2 would be deleted (dry run: nothing was deleted), 1 kept, 0 not found.');
    expect(md).toContain('| Registry | Reference/Digest | Action | Reason |');
    expect(md).toContain("| harbor.local | `harbor.local/team/app:pr-7` | would delete (dry run) | tagged only with this pull request's tag pr-7 |");
    expect(md).toContain('> ⚠️ w|1');
  });
});
