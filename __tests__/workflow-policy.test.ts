/**
 * The rules our reusable workflows promise, read from the YAML itself (workflows cannot run here):
 * fork pull requests cannot reach a push (the plan job's push output, evaluated with GitHub's own
 * expression engine on real event shapes, fed by the real meta bundle); least privilege (no
 * write-all, explicit per-job permissions); third-party actions pinned by full sha (the verified
 * set only); data reaches scripts through env: only; no pull_request_target with PR code; the
 * build matrix comes from our action and names the native arm64 runner; every self-reference
 * agrees and release's --set rewrites them all; every `with:` of our actions is an input they declare.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { evaluate } from './helpers/expressions.js';
import { examplePayload } from './helpers/events.js';
import { runAction } from './helpers/run-bundle.js';

type Step = { id?: string; name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Job = { uses?: string; if?: string; 'runs-on'?: string; permissions?: unknown; needs?: string | string[]; outputs?: Record<string, string>; strategy?: { matrix?: unknown }; steps?: Step[]; with?: Record<string, unknown> };
type Input = { description?: string; type?: string; default?: unknown; required?: boolean };
type Workflow = {
  on: Record<string, unknown> & { workflow_call?: { inputs?: Record<string, Input>; secrets?: Record<string, { description?: string }>; outputs?: Record<string, { value: string }> } };
  permissions?: unknown;
  jobs: Record<string, Job>;
};

const yamlFiles = (dir: string): string[] => readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => `${dir}/${f}`);
const FILES = [...yamlFiles('.github/workflows'), ...yamlFiles('examples')];
const load = (file: string): Workflow => parse(readFileSync(file, 'utf8')) as Workflow;
const WORKFLOWS = Object.fromEntries(FILES.map((f) => [f, load(f)]));
const BUILD = WORKFLOWS['.github/workflows/build.yml'];
const SELF = /^org\/aim-build(\/[^@]*)?@/;

/** The third-party actions the lead verified, sha → version; nothing else may be used. */
const PINNED: Record<string, string> = {
  'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683': 'v4.2.2',
  'actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020': 'v4.4.0',
  'actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02': 'v4.6.2',
  'actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093': 'v4.3.0',
  'docker/setup-qemu-action@29109295f81e9208d7d86ff1c6c12d2833863392': 'v3.6.0',
  'docker/setup-buildx-action@e468171a9de216ec08956ac3ada2f0791b6bd435': 'v3.11.1',
  'github/codeql-action/upload-sarif@ff0a06e83cb2de871e5a09832bc6a81e7276941f': 'v3.28.18',
  'peter-evans/create-pull-request@5f6978faf089d4d20b00c7766989d076bb2fc7f1': 'v8.1.1'
};

function steps(wf: Workflow): Array<{ job: string; step: Step }> {
  return Object.entries(wf.jobs).flatMap(([job, j]) => (j.steps ?? []).map((step) => ({ job, step })));
}

function allUses(wf: Workflow): string[] {
  return [...Object.values(wf.jobs).flatMap((j) => (j.uses ? [j.uses] : [])), ...steps(wf).flatMap(({ step }) => (step.uses ? [step.uses] : []))];
}

/** The action directory (or workflow file) an org/aim-build/... reference names in this checkout. */
function selfPath(uses: string): string {
  const path = uses.replace(/^org\/aim-build\/?/, '').replace(/@.*$/, '');
  return path === '' ? 'action.yml' : path.endsWith('.yml') ? path : `${path}/action.yml`;
}

const PR_REPO = 'acme/app';
const githubFor = (event: 'fork-pr' | 'same-repo-pr' | 'deleted-fork-pr' | 'push') => ({
  repository: PR_REPO,
  event:
    event === 'push'
      ? { ref: 'refs/heads/main' }
      : { pull_request: { number: 7, head: { repo: event === 'deleted-fork-pr' ? null : { full_name: event === 'fork-pr' ? 'someone/app' : 'Acme/App' } } } }
});

describe('least privilege', () => {
  it.each(FILES)('%s: no write-all/read-all; the top level grants reads at most; reusable workflows grant nothing there and every job states its own', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/write-all|read-all/);
    const wf = WORKFLOWS[file];
    expect(Object.values(wf.permissions as Record<string, string>).filter((v) => v !== 'read')).toEqual([]);
    if (wf.on.workflow_call) {
      expect(wf.permissions).toEqual({});
      for (const [name, job] of Object.entries(wf.jobs)) expect([name, job.permissions]).toEqual([name, expect.anything()]);
    }
  });

  it('build.yml: each job asks only for what it needs', () => {
    expect(BUILD.permissions).toEqual({});
    expect(Object.fromEntries(Object.entries(BUILD.jobs).map(([n, j]) => [n, j.permissions]))).toEqual({
      plan: { contents: 'read' },
      build: { contents: 'read', packages: 'write', 'security-events': 'write' },
      merge: { packages: 'write' },
      summary: { 'pull-requests': 'write' }
    });
  });

  it('every example grants exactly what the reusable workflow it calls asks for (a caller cannot give less)', () => {
    for (const file of FILES.filter((f) => f.startsWith('examples/'))) {
      for (const job of Object.values(WORKFLOWS[file].jobs).filter((j) => j.uses)) {
        const called = load(selfPath(job.uses as string));
        const needed: Record<string, string> = {};
        for (const j of Object.values(called.jobs)) Object.assign(needed, j.permissions as Record<string, string>);
        expect([file, job.permissions]).toEqual([file, needed]);
      }
    }
  });
});

describe('third-party actions', () => {
  it.each(FILES)('%s: every third-party `uses:` is owner/repo[/path]@<40-hex sha> from the verified set, with its version comment', (file) => {
    const text = readFileSync(file, 'utf8');
    for (const uses of allUses(WORKFLOWS[file]).filter((u) => !SELF.test(u) && !u.startsWith('./'))) {
      expect(uses).toMatch(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(\/[A-Za-z0-9_./-]+)?@[0-9a-f]{40}$/);
      expect([uses, PINNED[uses]]).toEqual([uses, expect.any(String)]);
      expect(text).toContain(`${uses} # ${PINNED[uses]}`);
    }
  });
});

describe('scripts get data through env: only', () => {
  it.each(FILES)('%s: no ${{ }} inside run:', (file) => {
    for (const { job, step } of steps(WORKFLOWS[file]).filter(({ step }) => step.run !== undefined)) {
      expect([job, step.name ?? step.id, step.run]).toEqual([job, step.name ?? step.id, expect.not.stringContaining('${{')]);
    }
  });
});

describe('pull requests from forks never reach a push', () => {
  it('no workflow runs on pull_request_target, and no checkout takes the pull request head', () => {
    for (const file of FILES) {
      const wf = WORKFLOWS[file];
      expect([file, Object.keys(wf.on ?? {})]).toEqual([file, expect.not.arrayContaining(['pull_request_target'])]);
      for (const { step } of steps(wf).filter(({ step }) => step.uses?.startsWith('actions/checkout@'))) {
        expect(JSON.stringify(step.with ?? {})).not.toMatch(/pull_request\.head|head_ref|refs\/pull/);
      }
    }
  });

  it('every step running our full action gets push: false or the plan job\'s push output, with push-by-digest', () => {
    const ours = steps(BUILD).filter(({ step }) => /^org\/aim-build@/.test(step.uses ?? ''));
    expect(ours.map((s) => s.job)).toEqual(['build']);
    for (const { step } of ours) {
      expect(['false', '${{ needs.plan.outputs.push }}']).toContain(step.with?.push);
      expect(step.with?.['push-by-digest']).toBe(true);
    }
    expect(BUILD.jobs.build.needs).toBe('plan');
  });

  it('the merge job (the only other push) runs only when the plan job\'s push output is true', () => {
    const mergers = FILES.flatMap((f) => Object.values(WORKFLOWS[f].jobs).filter((j) => (j.steps ?? []).some((s) => /^org\/aim-build\/merge@/.test(s.uses ?? ''))));
    expect(mergers).toEqual([BUILD.jobs.merge]);
    expect(BUILD.jobs.merge.if).toContain("needs.plan.outputs.push == 'true'");
    expect(BUILD.jobs.merge.needs).toEqual(['plan', 'build']);
    for (const [push, runs] of [['true', 'true'], ['false', 'false']]) expect(evaluate(BUILD.jobs.merge.if as string, { needs: { plan: { outputs: { push } } } })).toBe(runs);
  });

  it('the steps that hand a digest to the merge run only when the action pushed', () => {
    const keep = BUILD.jobs.build.steps!.find((s) => s.env?.DIGEST !== undefined)!;
    expect(keep.env!.PUSHED).toBe('${{ steps.build.outputs.pushed }}');
    expect(keep.run).toContain('if [ "$PUSHED" = true ]; then');
  });

  // The plan job's push output: our action's decision AND "not a pull request from another repository".
  const pushOutput = BUILD.jobs.plan.outputs!.push;
  it.each([
    ['fork-pr', 'true', 'false'],
    ['deleted-fork-pr', 'true', 'false'],
    ['same-repo-pr', 'true', 'true'],
    ['push', 'true', 'true'],
    ['push', 'false', 'false'],
    ['same-repo-pr', 'false', 'false']
  ] as const)('plan.outputs.push on a %s event when meta says push=%s → %s (GitHub expression engine)', (event, meta, expected) => {
    expect(evaluate(pushOutput, { github: githubFor(event), steps: { meta: { outputs: { push: meta } } } })).toBe(expected);
  });

  it('fed by the real meta bundle: a fork PR is false even with push: true; a same-repository PR with push: auto is true', () => {
    const fork = examplePayload('pull_request', (e) => e.action === 'opened') as { pull_request: { head: { repo: { full_name: string } } } };
    fork.pull_request.head.repo.full_name = 'someone/backend-fork';
    const same = examplePayload('pull_request', (e) => e.action === 'opened') as { pull_request: { head: { repo: { full_name: string } } } };
    same.pull_request.head.repo.full_name = 'Acme/Backend';
    const event = (payload: object) => ({ name: 'pull_request', ref: 'refs/pull/7/merge', payload });
    const github = (full: string) => ({ repository: 'Acme/Backend', event: { pull_request: { head: { repo: { full_name: full } } } } });
    const forkAuto = runAction('meta', { images: 'ghcr.io/acme/backend', push: 'auto' }, event(fork));
    expect(forkAuto.outputs.push).toBe('false');
    expect(forkAuto.stdout).toContain('push: auto never pushes for a pull request from a fork (someone/backend-fork)');
    const forkTrue = runAction('meta', { images: 'ghcr.io/acme/backend', push: 'true' }, event(fork));
    expect(forkTrue.outputs.push).toBe('true'); // push: true means true for the action…
    expect(evaluate(pushOutput, { github: github('someone/backend-fork'), steps: { meta: { outputs: forkTrue.outputs } } })).toBe('false'); // …not for the workflow
    const sameAuto = runAction('meta', { images: 'ghcr.io/acme/backend' }, event(same));
    expect(sameAuto.outputs.push).toBe('true');
    expect(evaluate(pushOutput, { github: github('Acme/Backend'), steps: { meta: { outputs: sameAuto.outputs } } })).toBe('true');
  });

  it('SARIF upload and PR cleanup are skipped for pull requests from another repository', () => {
    const same = BUILD.jobs.plan.outputs!['same-repository'];
    expect(evaluate(same, { github: githubFor('fork-pr') })).toBe('false');
    expect(evaluate(same, { github: githubFor('push') })).toBe('true');
    const sarif = BUILD.jobs.build.steps!.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(sarif.if).toContain("needs.plan.outputs.same-repository == 'true'");
    const cleanup = WORKFLOWS['.github/workflows/pr-cleanup.yml'].jobs.cleanup;
    expect(evaluate(cleanup.if as string, { github: githubFor('fork-pr') })).toBe('false');
    expect(evaluate(cleanup.if as string, { github: githubFor('same-repo-pr') })).toBe('true');
  });
});

describe('the platform matrix comes from our action and builds arm64 natively', () => {
  it('build.yml wires plan.matrix (the meta action\'s output) into the build job and its runner', () => {
    const meta = BUILD.jobs.plan.steps!.find((s) => /^org\/aim-build\/meta@/.test(s.uses ?? ''))!;
    expect(BUILD.jobs.plan.outputs!.matrix).toBe(`\${{ steps.${meta.id}.outputs.matrix }}`);
    expect(BUILD.jobs.plan.steps!.filter((s) => s.run !== undefined)).toEqual([]);
    expect(BUILD.jobs.build.strategy!.matrix).toBe('${{ fromJSON(needs.plan.outputs.matrix) }}');
    expect(BUILD.jobs.build['runs-on']).toBe('${{ matrix.runner }}');
    const qemu = BUILD.jobs.build.steps!.find((s) => s.uses?.startsWith('docker/setup-qemu-action@'))!;
    expect(qemu.if).toBe('matrix.qemu');
    const build = BUILD.jobs.build.steps!.find((s) => s.id === 'build')!;
    expect(build.with!.platforms).toBe('${{ matrix.platform }}');
  });

  it('with build.yml\'s defaults, the meta bundle puts linux/arm64 on ubuntu-24.04-arm for a public repository', () => {
    const inputs = BUILD.on.workflow_call!.inputs!;
    const meta = BUILD.jobs.plan.steps!.find((s) => s.id === 'meta')!;
    // what the runner passes: each `${{ inputs.x }}` of the step replaced by build.yml's default for x
    const withDefaults = Object.fromEntries(
      Object.entries(meta.with!).map(([k, v]) => [k, String(v).replace(/\$\{\{ inputs\.([a-z0-9-]+) \}\}/g, (_m, name: string) => String(inputs[name].default ?? ''))])
    );
    withDefaults.images = 'ghcr.io/acme/backend';
    const payload = examplePayload('push', (e) => e.head_commit != null) as { repository: { private?: boolean } };
    payload.repository.private = false;
    const r = runAction('meta', withDefaults, { name: 'push', ref: 'refs/heads/main', payload });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.outputs.matrix)).toEqual({
      include: [
        { platform: 'linux/amd64', slug: 'linux-amd64', runner: 'ubuntu-24.04', qemu: false },
        { platform: 'linux/arm64', slug: 'linux-arm64', runner: 'ubuntu-24.04-arm', qemu: false }
      ]
    });
    expect(r.outputs.push).toBe('true');
    expect(r.outputs.key).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe('our actions and workflows are called with what they declare', () => {
  it('every org/aim-build reference names an action or workflow in this checkout', () => {
    for (const file of FILES) for (const uses of allUses(WORKFLOWS[file]).filter((u) => SELF.test(u))) expect([uses, existsSync(selfPath(uses))]).toEqual([uses, true]);
  });

  it('every `with:` key of our actions is one of their inputs, and every required input is given', () => {
    for (const file of FILES) {
      for (const { step } of steps(WORKFLOWS[file]).filter(({ step }) => SELF.test(step.uses ?? ''))) {
        const declared = (parse(readFileSync(selfPath(step.uses as string), 'utf8')) as { inputs: Record<string, { required?: boolean }> }).inputs;
        for (const key of Object.keys(step.with ?? {})) expect([step.uses, key, key in declared]).toEqual([step.uses, key, true]);
        for (const name of Object.keys(declared).filter((n) => declared[n].required)) expect([step.uses, name, name in (step.with ?? {})]).toEqual([step.uses, name, true]);
      }
    }
  });

  it.each(['.github/workflows/build.yml', '.github/workflows/pr-cleanup.yml'])('%s: every input and secret has a type/description and is used', (file) => {
    const text = readFileSync(file, 'utf8');
    const call = WORKFLOWS[file].on.workflow_call!;
    for (const [name, spec] of Object.entries(call.inputs ?? {})) {
      expect([name, spec.type, (spec.description ?? '').length > 10]).toEqual([name, expect.stringMatching(/^(string|boolean|number)$/), true]);
      expect([name, text.includes(`inputs.${name} }}`) || text.includes(`inputs.${name} &&`)]).toEqual([name, true]);
    }
    for (const [name, spec] of Object.entries(call.secrets ?? {})) {
      expect([name, (spec.description ?? '').length > 10, text.includes(`secrets.${name} }}`)]).toEqual([name, true, true]);
    }
  });

  it('build.yml describes the inputs it shares with the actions exactly as they do, with the same defaults', () => {
    const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, Input> };
    const meta = parse(readFileSync('meta/action.yml', 'utf8')) as { inputs: Record<string, Input> };
    const own = ['platforms', 'amd64-runner', 'pr-comment', 'upload-sarif', 'timeout-minutes'];
    const norm = (s = ''): string => s.replace(/\s+/g, ' ').trim();
    for (const [name, spec] of Object.entries(BUILD.on.workflow_call!.inputs!).filter(([n]) => !own.includes(n))) {
      const source = action.inputs[name] ?? meta.inputs[name];
      expect([name, norm(spec.description)]).toEqual([name, norm(source?.description)]);
      expect([name, String(spec.default ?? '')]).toEqual([name, String(source.default ?? '')]);
    }
  });

  it('ci.yml runs exactly what .ci/run runs', () => {
    const ci = WORKFLOWS['.github/workflows/ci.yml'];
    expect(steps(ci).map(({ step }) => step.run).filter(Boolean)).toEqual([expect.stringMatching(/bash \.ci\/run$/)]);
  });
});

describe('self-references', () => {
  const script = resolve('scripts/self-refs.mjs');

  it('all agree (node scripts/self-refs.mjs exits 0) and use v1', () => {
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const refs = r.stdout.trim().split('\n');
    expect(refs.length).toBeGreaterThanOrEqual(10);
    for (const line of refs) expect(line).toMatch(/: org\/aim-build(\/\S*)?@v1$/);
  });

  it('--set rewrites every one of them (on a copy), and a disagreement fails the check', () => {
    const root = mkdtempSync(join(tmpdir(), 'aim-selfrefs-'));
    cpSync('.github', join(root, '.github'), { recursive: true });
    cpSync('examples', join(root, 'examples'), { recursive: true });
    const before = spawnSync(process.execPath, [script], { cwd: root, encoding: 'utf8' }).stdout.trim().split('\n');
    expect(spawnSync(process.execPath, [script, '--set', 'v9.8.7'], { cwd: root, encoding: 'utf8' }).status).toBe(0);
    const after = spawnSync(process.execPath, [script], { cwd: root, encoding: 'utf8' });
    expect(after.status).toBe(0);
    expect(after.stdout.trim().split('\n')).toEqual(before.map((l) => l.replace(/@v1$/, '@v9.8.7')));
    const wf = readFileSync(join(root, '.github/workflows/build.yml'), 'utf8');
    expect(wf).toContain('uses: org/aim-build/merge@v9.8.7');
    expect(wf).not.toMatch(/org\/aim-build[^\s@]*@v1\b/);
    // one file left behind → the check fails and says so
    cpSync('examples/ghcr-single.yml', join(root, 'examples/ghcr-single.yml'));
    const split = spawnSync(process.execPath, [script], { cwd: root, encoding: 'utf8' });
    expect(split.status).toBe(1);
    expect(split.stderr).toMatch(/self-references disagree: (v9\.8\.7, v1|v1, v9\.8\.7)/);
  });

  it('release.yml validates the version, pins the refs with the script, tags vX.Y.Z and moves vX', () => {
    const release = WORKFLOWS['.github/workflows/release.yml'];
    expect(Object.keys(release.on)).toEqual(['workflow_dispatch']);
    expect(release.jobs.release.permissions).toEqual({ contents: 'write' });
    const script = steps(release).map(({ step }) => step.run ?? '').join('\n');
    expect(script).toContain('^v[0-9]+\\.[0-9]+\\.[0-9]+$');
    expect(script).toContain('node scripts/self-refs.mjs --set "$VERSION"');
    expect(script).toContain('git push origin "refs/tags/$VERSION"');
    expect(script).toContain('git push --force origin "refs/tags/$major"');
    for (const { step } of steps(release).filter(({ step }) => step.run)) expect(step.env?.VERSION ?? '${{ inputs.version }}').toBe('${{ inputs.version }}');
  });
});
