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
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { evaluate } from './helpers/expressions.js';
import { examplePayload } from './helpers/events.js';
import { runAction } from './helpers/run-bundle.js';
import { parseFileCommands } from './helpers/runner-files.js';

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

/**
 * The verified third-party actions, `uses` → release; nothing else may be used. Each sha is the commit
 * the release tag points to in the action's repository (`git rev-parse <tag>^{commit}`), and each is
 * that repository's newest release, on node24. To move one: read the new tag's commit the same way,
 * change it here and in every file (README.md, examples/, .github/workflows/).
 */
const PINNED: Record<string, string> = {
  'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1': 'v7.0.1',
  'actions/setup-node@820762786026740c76f36085b0efc47a31fe5020': 'v7.0.0',
  'actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f': 'v7.0.0',
  'actions/download-artifact@3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c': 'v8.0.1',
  'docker/setup-qemu-action@96fe6ef7f33517b61c61be40b68a1882f3264fb8': 'v4.2.0',
  'docker/setup-buildx-action@37fe631027851001ddb9b187196cc803df7f5f0e': 'v4.3.0',
  'github/codeql-action/upload-sarif@8aad20d150bbac5944a9f9d289da16a4b0d87c1e': 'v4.36.2',
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
type GithubEvent = 'fork-pr' | 'same-repo-pr' | 'deleted-fork-pr' | 'push' | 'dependabot-pr' | 'dependabot-push';
const githubFor = (event: GithubEvent) => ({
  repository: PR_REPO,
  // Dependabot's runs (its pull requests, pushes to its branches) get a read-only token and no secrets
  actor: event.startsWith('dependabot') ? 'dependabot[bot]' : 'octocat',
  event:
    event === 'push' || event === 'dependabot-push'
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

describe('one pin per third-party action in README.md, examples/ and the workflows', () => {
  const SOURCES = ['README.md', ...FILES];
  // the README's workflow snippets: its fenced yaml blocks (prose may name a mirror such as platform/aim-build)
  const yamlOf = (file: string) => {
    const text = readFileSync(file, 'utf8');
    return file.endsWith('.md') ? [...text.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)].map((m) => m[1]).join('\n') : text;
  };
  const pins = SOURCES.flatMap((file) =>
    [...yamlOf(file).matchAll(/uses:\s*([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)(\/[A-Za-z0-9_./-]+)?@(\S+)(?:[ \t]+#[ \t]*(\S+))?/g)]
      .filter((m) => !SELF.test(`${m[1]}${m[2] ?? ''}@`))
      .map((m) => ({ file, repo: m[1], uses: `${m[1]}${m[2] ?? ''}@${m[3]}`, sha: m[3], version: m[4] }))
  );

  it('the README shows third-party actions (the scan below has something to check)', () => {
    expect(pins.filter((p) => p.file === 'README.md').map((p) => p.repo)).toEqual(expect.arrayContaining(['actions/checkout', 'docker/setup-buildx-action']));
  });

  it('every third-party `uses:` anywhere is a full sha from the verified set, with its version in a comment', () => {
    for (const p of pins) {
      expect([p.file, p.uses]).toEqual([p.file, expect.stringMatching(/@[0-9a-f]{40}$/)]);
      expect([p.file, p.uses, p.version]).toEqual([p.file, p.uses, PINNED[p.uses]]);
    }
  });

  it('each action repository has exactly one sha and one version across all files', () => {
    const byRepo = new Map<string, Set<string>>();
    for (const p of pins) byRepo.set(p.repo, (byRepo.get(p.repo) ?? new Set()).add(`${p.sha} # ${p.version}`));
    const pinnedRepos = new Set(Object.keys(PINNED).map((u) => u.replace(/@.*$/, '').split('/').slice(0, 2).join('/')));
    expect([...byRepo.keys()].sort()).toEqual([...pinnedRepos].sort());
    for (const [repo, shas] of byRepo) expect([repo, shas.size]).toEqual([repo, 1]);
  });
});

describe('multi-line outputs: a random heredoc delimiter per run', () => {
  const writers = FILES.flatMap((file) => steps(WORKFLOWS[file]).filter(({ step }) => /<</.test(step.run ?? '') && /GITHUB_(OUTPUT|ENV)/.test(step.run ?? '')).map(({ job, step }) => ({ file, job, step })));

  it('the merge job writes its digest list with a heredoc (the check below has something to check)', () => {
    expect(writers.map((w) => `${w.file}:${w.job}:${w.step.id}`)).toEqual(['.github/workflows/build.yml:merge:digests', 'examples/promote.yml:promote:to']);
  });

  it.each(writers.map((w) => [`${w.file} ${w.job}/${w.step.id}`, w.step.run!] as const))('%s: every `name<<DELIMITER` uses a variable drawn from /dev/urandom, never a fixed word', (_name, run) => {
    const markers = [...run.matchAll(/[A-Za-z_][A-Za-z0-9_-]*<<(\S+?)['"]?$/gm)].map((m) => m[1]);
    expect(markers.length).toBeGreaterThan(0);
    for (const marker of markers) {
      const variable = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(marker)?.[1];
      expect([marker, variable]).toEqual([marker, expect.any(String)]);
      expect(run).toMatch(new RegExp(`^\\s*${variable}="[^"]*\\$\\(od -An -N16 -tx1 /dev/urandom`, 'm'));
    }
  });

  it('run for real with bash: lines in the digest files cannot end the value early or add outputs', () => {
    const step = BUILD.jobs.merge.steps!.find((s) => s.id === 'digests')!;
    const dir = mkdtempSync(join(tmpdir(), 'aim-digests-'));
    const a = `sha256:${'a'.repeat(64)}`;
    const b = `sha256:${'b'.repeat(64)}`;
    // what a build job could write if its output were hostile: the old fixed delimiter, a runner
    // delimiter, and lines that look like outputs of their own
    const hostile = ['AIM_BUILD_DIGESTS', 'injected=1', 'evil<<EOF', 'x', 'EOF', 'ghadelimiter_0'].join('\n');
    writeFileSync(join(dir, 'linux-amd64.digest'), `${a}\n`);
    writeFileSync(join(dir, 'linux-arm64.digest'), `${b}\n${hostile}\n`);
    const runOnce = () => {
      const output = join(dir, `output-${Math.random()}`);
      writeFileSync(output, '');
      // as the runner runs a `run:` step: the script in a file, `bash --noprofile --norc -eo pipefail {0}`
      const script = join(dir, 'step.sh');
      writeFileSync(script, step.run!);
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { env: { PATH: process.env.PATH ?? '', DIR: dir, GITHUB_OUTPUT: output }, encoding: 'utf8' });
      expect([r.status, r.stderr]).toEqual([0, '']);
      return readFileSync(output, 'utf8');
    };
    const first = runOnce();
    expect(parseFileCommands(first)).toEqual([['list', `${a}\n${b}\n${hostile}`]]);
    const delimiter = (text: string) => /^list<<(.*)$/m.exec(text)?.[1];
    expect(delimiter(first)).toMatch(/^aim_build_digests_[0-9a-f]{32}$/);
    expect(delimiter(runOnce())).not.toBe(delimiter(first));
    rmSync(dir, { recursive: true, force: true });
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
    ['same-repo-pr', 'false', 'false'],
    ['dependabot-pr', 'true', 'false'],
    ['dependabot-push', 'true', 'false']
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

  it.each([
    ['fork-pr', 'false'],
    ['deleted-fork-pr', 'false'],
    ['dependabot-pr', 'false'],
    ['dependabot-push', 'false'],
    ['same-repo-pr', 'true'],
    ['push', 'true']
  ] as const)('SARIF upload and PR cleanup need a writable token: %s → %s', (event, expected) => {
    const writable = BUILD.jobs.plan.outputs!['writable-token'];
    expect(evaluate(writable, { github: githubFor(event) })).toBe(expected);
    const sarif = BUILD.jobs.build.steps!.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(sarif.if).toContain("needs.plan.outputs.writable-token == 'true'");
    if (event !== 'push' && event !== 'dependabot-push') {
      const cleanup = WORKFLOWS['.github/workflows/pr-cleanup.yml'].jobs.cleanup;
      expect(evaluate(cleanup.if as string, { github: githubFor(event), inputs: { 'pr-number': '' } })).toBe(expected);
    }
  });

  it('pr-cleanup.yml: a manual run with pr-number runs the cleanup for that pull request; without one it is skipped', () => {
    const wf = WORKFLOWS['.github/workflows/pr-cleanup.yml'];
    expect(wf.on.workflow_call!.inputs!['pr-number']).toMatchObject({ type: 'string', required: false, default: '' });
    const cleanup = wf.jobs.cleanup;
    expect(cleanup.steps![0].with!['pr-number']).toBe('${{ inputs.pr-number }}');
    const dispatch = { repository: PR_REPO, actor: 'octocat', event: { inputs: { 'pr-number': '12' } } };
    expect(evaluate(cleanup.if as string, { github: dispatch, inputs: { 'pr-number': '12' } })).toBe('true');
    expect(evaluate(cleanup.if as string, { github: dispatch, inputs: { 'pr-number': '' } })).toBe('false');
    // the example caller offers the manual run and hands the number on
    const example = WORKFLOWS['examples/pr-cleanup.yml'];
    expect(example.on.workflow_dispatch).toEqual({ inputs: { 'pr-number': expect.objectContaining({ type: 'string', required: true }) } });
    expect(example.jobs.cleanup.with!['pr-number']).toBe('${{ inputs.pr-number }}');
  });

  it('fed by the real meta bundle: a Dependabot pull request from a branch of this repository is not pushed', () => {
    const payload = examplePayload('pull_request', (e) => e.action === 'opened') as { pull_request: { head: { repo: { full_name: string } } } };
    payload.pull_request.head.repo.full_name = 'Acme/Backend';
    const r = runAction('meta', { images: 'ghcr.io/acme/backend' }, { name: 'pull_request', ref: 'refs/pull/7/merge', payload }, { GITHUB_ACTOR: 'dependabot[bot]' });
    expect(r.status).toBe(0);
    expect(r.outputs.push).toBe('false');
    expect(r.stdout).toContain('push: auto never pushes for a pull_request event Dependabot triggered');
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

  it('--set-repo repoints the owner (a GitHub Enterprise Server mirror) and --set the ref, on a copy; nothing else changes; --repo checks the copy', () => {
    const root = mkdtempSync(join(tmpdir(), 'aim-selfrefs-'));
    cpSync('.github', join(root, '.github'), { recursive: true });
    cpSync('examples', join(root, 'examples'), { recursive: true });
    const node = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8' });
    const before = node().stdout.trim().split('\n');
    const set = node('--set-repo', 'platform/aim-build', '--set', 'v1.4.0');
    expect(set.stderr).toBe('');
    expect(set.stdout).toBe(`self-references set to platform/aim-build@v1.4.0 (${before.length} rewritten)\n`);
    const check = node('--repo', 'platform/aim-build');
    expect([check.status, check.stderr]).toEqual([0, '']);
    expect(check.stdout.trim().split('\n')).toEqual(before.map((l) => l.replace(': org/aim-build', ': platform/aim-build').replace(/@v1$/, '@v1.4.0')));
    // only the self-references changed: mapping them back gives the original files byte for byte
    for (const file of [...yamlFiles('.github/workflows'), ...yamlFiles('examples')]) {
      const text = readFileSync(join(root, file), 'utf8');
      expect(text).not.toMatch(/uses:\s*['"]?org\/aim-build/);
      expect([file, text.replace(/platform\/aim-build((?:\/[^@\s'"]*)?@)v1\.4\.0/g, 'org/aim-build$1v1')]).toEqual([file, readFileSync(file, 'utf8')]);
    }
    expect(readFileSync(join(root, '.github/workflows/build.yml'), 'utf8')).toContain('uses: platform/aim-build/merge@v1.4.0');
    // the old name no longer matches anything, and says how to check the new one
    const old = node();
    expect(old.status).toBe(1);
    expect(old.stderr).toMatch(/no self-reference to org\/aim-build found; after a repointing, check with --repo/);
    // a second repointing names the current repository with --repo
    expect(node('--repo', 'platform/aim-build', '--set-repo', 'infra/aim-build-mirror').status).toBe(0);
    expect(node('--repo', 'infra/aim-build-mirror').stdout).toContain('infra/aim-build-mirror/meta@v1.4.0');
    // a file left on the old name fails the check and is named
    cpSync('examples/ghcr-single.yml', join(root, 'examples/ghcr-single.yml'));
    const left = node('--repo', 'infra/aim-build-mirror');
    expect(left.status).toBe(1);
    expect(left.stderr).toMatch(/still naming org\/aim-build: examples\/ghcr-single\.yml: org\/aim-build\/\.github\/workflows\/build\.yml@v1/);
    rmSync(root, { recursive: true, force: true });
  });

  it.each([
    [['--set-repo', 'platform'], /invalid --set-repo 'platform': expected OWNER\/NAME, e\.g\. platform\/aim-build/],
    [['--set-repo', 'plat form/aim-build', '--set', 'v1'], /invalid --set-repo 'plat form\/aim-build'/],
    [['--set-repo', '-x/aim-build'], /invalid --set-repo '-x\/aim-build'/],
    [['--repo', 'platform'], /invalid --repo 'platform'/],
    [['--set', 'v1;rm'], /invalid ref 'v1;rm'/],
    [['--set-repo'], /--set-repo needs a value/],
    [['--repo', 'someone/else', '--set', 'v2'], /no self-reference to someone\/else found/]
  ])('refuses %j with a message and exit code 2, changing nothing', (args, message) => {
    const root = mkdtempSync(join(tmpdir(), 'aim-selfrefs-'));
    cpSync('examples', join(root, 'examples'), { recursive: true });
    const r = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    for (const file of yamlFiles('examples')) expect(readFileSync(join(root, file), 'utf8')).toBe(readFileSync(file, 'utf8'));
    rmSync(root, { recursive: true, force: true });
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
