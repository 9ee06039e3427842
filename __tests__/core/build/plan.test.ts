/** Build inputs, push decision, builder choice, credentials, cache scopes, outputs and summary. */
import { describe, expect, it } from '@jest/globals';
import { mergeSecrets, parseBool, parseKeyValues, parseRegistryAuth, parseSecretFiles, parseSecretValues } from '../../../src/core/build/inputs.js';
import { resolvePush } from '../../../src/core/build/push-mode.js';
import { chooseBuilder, probeOrder } from '../../../src/core/build/builder.js';
import { anonymousRegistries, isLoopbackRegistry, resolveLogins } from '../../../src/core/build/credentials.js';
import { ghaScope } from '../../../src/core/build/cache.js';
import { buildOutputs, metadataJson, type BuildResult } from '../../../src/core/build/result.js';
import { buildMarkdown, humanBytes } from '../../../src/core/build/summary.js';
import { InputError, ToolError } from '../../../src/core/errors.js';
import { buildPlanFor, DEFAULT_BUILD_INPUTS, smallTagPlan } from '../../helpers/build.js';

describe('build inputs', () => {
  it('build args and contexts: NAME=value, value may hold = and be empty', () => {
    expect(parseKeyValues('build-args', ['A=1', 'B=x=y', 'C=', ' # no'])).toEqual([['A', '1'], ['B', 'x=y'], ['C', '']]);
    expect(() => parseKeyValues('build-args', ['=1'])).toThrow("Invalid build-args (line 1) '=1': expected NAME=value");
  });

  it('secrets: errors show the id, never the value', () => {
    expect(parseSecretValues(['npmrc=//reg/:_authToken=abc'])).toEqual([{ id: 'npmrc', kind: 'value', value: '//reg/:_authToken=abc' }]);
    expect(parseSecretFiles(['key=/tmp/key.pem'])).toEqual([{ id: 'key', kind: 'file', path: '/tmp/key.pem' }]);
    const bad = (): unknown => parseSecretValues(['bad id=CANARY-SECRET']);
    expect(bad).toThrow(InputError);
    expect(bad).toThrow("Invalid secrets (line 1) 'bad id=***'");
    expect(() => parseSecretValues(['tok='])).toThrow("Invalid secrets (line 1) 'tok=': the secret value is empty");
    expect(() => mergeSecrets(parseSecretValues(['a=1']), parseSecretFiles(['a=/f']))).toThrow("secret id 'a' is given twice");
  });

  it('registry-auth: host=user:password; the password is everything after the first colon; errors hide it', () => {
    expect(parseRegistryAuth(['https://Harbor.example.com/=robot$ci:p:a=ss', 'registry.cn-hangzhou.aliyuncs.com=acr@1234:pw'])).toEqual([
      { registry: 'harbor.example.com', username: 'robot$ci', password: 'p:a=ss', line: 1 },
      { registry: 'registry.cn-hangzhou.aliyuncs.com', username: 'acr@1234', password: 'pw', line: 2 }
    ]);
    for (const line of ['ghcr.io=CANARY', 'ghcr.io=:CANARY', 'bad host=u:CANARY']) {
      let message = '';
      try {
        parseRegistryAuth([line]);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/^Invalid registry-auth \(line 1\)/);
      expect(message).not.toContain('CANARY');
    }
    expect(() => parseRegistryAuth(['ghcr.io=u:'])).toThrow('the password is empty');
    expect(() => parseRegistryAuth(['ghcr.io=u:a', 'ghcr.io=v:b'])).toThrow('ghcr.io has two lines');
  });

  it('booleans', () => {
    expect(parseBool('pull', '', false)).toBe(false);
    expect(parseBool('pull', 'TRUE', false)).toBe(true);
    expect(() => parseBool('pull', 'yes', false)).toThrow("Invalid pull 'yes': expected true or false");
  });
});

describe('push: auto', () => {
  const base = { repository: 'acme/app', hasTargets: true };
  it.each([
    ['push', undefined, true, 'push: auto on a push event'],
    ['release', undefined, true, 'push: auto on a release event'],
    ['workflow_dispatch', undefined, true, 'push: auto on a workflow_dispatch event'],
    ['schedule', undefined, true, 'push: auto on a schedule event'],
    ['pull_request', 'Acme/App', true, 'push: auto on a pull request from a branch of this repository'],
    ['pull_request', 'someone/app', false, 'push: auto never pushes for a pull request from a fork (someone/app); the image is built only'],
    ['pull_request_target', null, false, 'push: auto never pushes for a pull request from a fork (deleted fork); the image is built only'],
    ['issue_comment', undefined, false, 'push: auto does not push on a issue_comment event; set push: true to push']
  ])('%s (head %s) → %s', (eventName, head, push, reason) => {
    expect(resolvePush('auto', { ...base, eventName, headRepository: head })).toEqual({ push, reason });
  });

  it('whatever Dependabot triggered is treated like a fork (read-only token, no secrets); a person on the same branch is not', () => {
    const dependabot = resolvePush('auto', { ...base, eventName: 'pull_request', headRepository: 'Acme/App', actor: 'dependabot[bot]' });
    expect(dependabot).toEqual({
      push: false,
      reason: "push: auto never pushes for a pull_request event Dependabot triggered (its token is read-only and it gets no secrets, like a fork's pull request); the image is built only"
    });
    expect(resolvePush('auto', { ...base, eventName: 'push', actor: 'dependabot[bot]' }).push).toBe(false);
    expect(resolvePush('auto', { ...base, eventName: 'pull_request', headRepository: 'Acme/App', actor: 'octocat' }).push).toBe(true);
    expect(resolvePush('true', { ...base, eventName: 'pull_request', headRepository: 'Acme/App', actor: 'dependabot[bot]' }).push).toBe(true);
  });

  it('true/false, and nothing to push to', () => {
    expect(resolvePush('false', { ...base, eventName: 'push' }).push).toBe(false);
    expect(resolvePush('true', { ...base, eventName: 'pull_request', headRepository: 'x/y' }).push).toBe(true);
    expect(resolvePush('auto', { ...base, hasTargets: false, eventName: 'push' })).toEqual({ push: false, reason: 'push: auto, and no images are given (build only)' });
    expect(() => resolvePush('true', { ...base, hasTargets: false, eventName: 'push' })).toThrow("Invalid push 'true': there is nothing to push to");
  });
});

describe('builder: auto', () => {
  it('buildx → buildah → docker, with the reason', () => {
    expect(probeOrder('auto')).toEqual(['buildx', 'buildah', 'docker']);
    expect(probeOrder('buildah')).toEqual(['buildah']);
    expect(chooseBuilder('auto', { buildx: { ok: true, version: 'v0.31.1' } })).toEqual({ builder: 'buildx', reason: 'builder: auto picked buildx v0.31.1: multi-platform BuildKit builds' });
    expect(chooseBuilder('auto', { buildx: { ok: false, detail: "`docker buildx version` failed (docker: unknown command: docker buildx)" }, buildah: { ok: true, version: '1.28.2' } })).toEqual({
      builder: 'buildah',
      reason: 'builder: auto picked buildah 1.28.2: daemonless multi-platform builds (no Docker needed); skipped buildx: `docker buildx version` failed (docker: unknown command: docker buildx)'
    });
    expect(chooseBuilder('auto', { buildx: { ok: false, detail: 'x' }, buildah: { ok: false, detail: 'y' }, docker: { ok: true, version: '28.2.2' } }).reason).toBe(
      'builder: auto picked docker 28.2.2: the only builder found; it builds a single platform; skipped buildx: x; buildah: y'
    );
  });

  it('nothing found, or the requested one missing: a ToolError that says what to install', () => {
    const none = (): unknown => chooseBuilder('auto', { buildx: { ok: false, detail: 'a' }, buildah: { ok: false, detail: 'b' }, docker: { ok: false, detail: 'c' } });
    expect(none).toThrow(ToolError);
    expect(none).toThrow('builder failed with exit code 127: no builder found (buildx: a; buildah: b; docker: c). add docker/setup-buildx-action');
    expect(() => chooseBuilder('buildah', { buildah: { ok: false, detail: 'not found' } })).toThrow('buildah failed with exit code 127: buildah: not found. builder: buildah was requested; install buildah');
  });
});

describe('credentials per registry', () => {
  const plan = smallTagPlan(['ghcr.io/acme/app', 'registry.cn-hangzhou.aliyuncs.com/acme', 'harbor.example.com/p/app', '127.0.0.1:5000/x/app'], undefined, { component: 'app' });
  const inputs = { ...DEFAULT_BUILD_INPUTS, githubToken: 'ghs_x', username: 'acr-user', password: 'acr-pw', registryAuth: parseRegistryAuth(['harbor.example.com=robot$ci:h-pw']) };

  it('registry-auth > github-token (GHCR) > username/password; the source is named, never the value', () => {
    const logins = resolveLogins(plan.targets, inputs, 'octocat');
    expect(logins.map((l) => [l.registry, l.username, l.source])).toEqual([
      ['ghcr.io', 'octocat', 'github-token'],
      ['registry.cn-hangzhou.aliyuncs.com', 'acr-user', 'username/password inputs'],
      ['harbor.example.com', 'robot$ci', 'registry-auth line 1'],
      ['127.0.0.1:5000', 'acr-user', 'username/password inputs']
    ]);
    expect(anonymousRegistries(plan.targets, logins.slice(0, 2))).toEqual(['harbor.example.com', '127.0.0.1:5000']);
  });

  it('loopback registries (plain HTTP, like docker assumes for 127.0.0.0/8)', () => {
    expect(['127.0.0.1:5000', 'localhost:5000', '[::1]:5000'].every(isLoopbackRegistry)).toBe(true);
    expect(['ghcr.io', '10.0.0.1:5000', '127.0.0.1.nip.io'].some(isLoopbackRegistry)).toBe(false);
  });
});

describe('gha cache scopes', () => {
  it('per image, ref and platform set; PRs fall back to the base branch, then the default branch', () => {
    expect(ghaScope({ scopeName: 'backend', platforms: ['linux/amd64'] }, 'feature/X')).toBe('backend-feature-x-linux-amd64');
    const pr = buildPlanFor('buildx', {}, smallTagPlan(['ghcr.io/acme/backend'], { event: 'pull_request', pr: 12 }), { ghaAvailable: true, baseBranch: 'release-1.x' });
    // the recorded pull_request payload's repository has default_branch "master"
    expect(pr.cache.from).toEqual([
      'type=gha,scope=backend-pr-12-linux-amd64_linux-arm64',
      'type=gha,scope=backend-release-1.x-linux-amd64_linux-arm64',
      'type=gha,scope=backend-master-linux-amd64_linux-arm64'
    ]);
    expect(pr.cache.to).toEqual(['type=gha,scope=backend-pr-12-linux-amd64_linux-arm64,mode=max,ignore-error=true']);
    const main = buildPlanFor('buildx', {}, smallTagPlan(['ghcr.io/acme/backend'], { event: 'push', ref: 'refs/heads/main' }), { ghaAvailable: true });
    expect(main.cache.from).toEqual(['type=gha,scope=backend-main-linux-amd64_linux-arm64']);
    expect(main.cache.note).toBe('GitHub Actions cache, scope backend-main-linux-amd64_linux-arm64');
  });

  it('cache: gha outside GitHub runners warns; auto without the service uses the builder cache', () => {
    expect(buildPlanFor('buildx', { cache: 'gha' }).warnings[0]).toMatch(/this job has no Actions cache service/);
    expect(buildPlanFor('buildx').cache.kind).toBe('builder');
  });
});

function result(over: Partial<BuildResult> = {}): BuildResult {
  return {
    builder: 'buildah',
    builderReason: 'builder: auto picked buildah 1.28.2',
    pushed: true,
    pushReason: 'push: auto on a push event',
    digest: 'sha256:' + 'a'.repeat(64),
    mediaType: 'application/vnd.oci.image.index.v1+json',
    size: 493,
    created: '2026-11-22T08:30:00.000Z',
    platforms: [
      { platform: 'linux/amd64', digest: 'sha256:' + 'b'.repeat(64), size: 1025, config: 'sha256:' + 'c'.repeat(64), imageSize: 3057 },
      { platform: 'linux/arm64', digest: 'sha256:' + 'd'.repeat(64), size: 1025, config: 'sha256:' + 'e'.repeat(64), imageSize: 2 * 1024 * 1024 }
    ],
    skippedPlatforms: [],
    targets: [{ image: 'ghcr.io/acme/app', registry: 'ghcr.io', digest: 'sha256:' + 'a'.repeat(64), references: ['ghcr.io/acme/app:1.2.3'], dropped: 0, uploaded: 4, skipped: 0, status: 'tagged', written: ['1.2.3'], bytes: 5120, ms: 180 }],
    cache: { kind: 'local', note: 'buildah local layer cache (--layers)' },
    timings: { buildMs: 1600, pushMs: 200 },
    notes: [],
    ...over
  };
}

describe('outputs and summary', () => {
  it('digest, platform-digests, imageid, metadata (sizes per platform, tags per registry), pushed', () => {
    const out = buildOutputs(result());
    expect(out.digest).toBe('sha256:' + 'a'.repeat(64));
    expect(JSON.parse(out['platform-digests'])).toEqual({ 'linux/amd64': 'sha256:' + 'b'.repeat(64), 'linux/arm64': 'sha256:' + 'd'.repeat(64) });
    expect(out.imageid).toBe(out.digest);
    expect(out.pushed).toBe('true');
    const meta = JSON.parse(out.metadata);
    expect(meta.platforms['linux/arm64']).toEqual({ digest: 'sha256:' + 'd'.repeat(64), size: 1025, config: 'sha256:' + 'e'.repeat(64), imageSize: 2097152 });
    expect(meta.registries['ghcr.io/acme/app']).toEqual({
      registry: 'ghcr.io',
      digest: 'sha256:' + 'a'.repeat(64),
      tags: ['ghcr.io/acme/app:1.2.3'],
      status: 'tagged',
      tagsWritten: ['1.2.3'],
      bytes: 5120,
      ms: 180
    });
    expect(meta.created).toBe('2026-11-22T08:30:00.000Z');
    expect(metadataJson(result({ buildx: { ref: 'b/n/r', warnings: [] } }))).toMatchObject({ 'buildx.build.ref': 'b/n/r' });
  });

  it('one row per registry when one failed (continue): status, error, the healthy one tagged', () => {
    const ok = result().targets[0];
    const failed = { ...ok, image: 'harbor.example.com/ai/app', registry: 'harbor.example.com', digest: '', references: [], status: 'failed' as const, written: [], bytes: 0, ms: 0, error: 'harbor.example.com: connection refused | ECONNREFUSED' };
    const r = result({ targets: [ok, failed] });
    const md = buildMarkdown(r);
    expect(md).toContain('| ghcr.io | `ghcr.io/acme/app` | tagged | `sha256:aaaaaaaaaaaa…` | `1.2.3` | 5.0 KiB | 0.2 s |');
    expect(md).toContain('| harbor.example.com | `harbor.example.com/ai/app` | failed: harbor.example.com: connection refused \\| ECONNREFUSED | — | — | 0 B | — |');
    const meta = JSON.parse(buildOutputs(r).metadata);
    expect(meta.registries['harbor.example.com/ai/app']).toMatchObject({ status: 'failed', error: 'harbor.example.com: connection refused | ECONNREFUSED', tagsWritten: [] });
  });

  it('summary: builder and reason, platforms with sizes, every reference with its digest', () => {
    const md = buildMarkdown(result({ skippedPlatforms: ['linux/s390x'] }));
    expect(md).toContain('Builder: **buildah** (builder: auto picked buildah 1.28.2). Cache: buildah local layer cache (--layers). Build 1.6 s, push 0.2 s.');
    expect(md).toContain('| linux/arm64 | `sha256:dddddddddddd…` | 2.0 MiB |');
    expect(md).toContain('| ghcr.io | `ghcr.io/acme/app:1.2.3` | `sha256:aaaaaaaaaaaa…` |  |');
    expect(md).toContain('> ⚠️ Not built: linux/s390x');
    // one row per registry: status, digest, tags written, bytes moved, time
    expect(md).toContain('| ghcr.io | `ghcr.io/acme/app` | tagged | `sha256:aaaaaaaaaaaa…` | `1.2.3` | 5.0 KiB | 0.2 s |');
    expect(humanBytes(512)).toBe('512 B');
    expect(humanBytes(3057)).toBe('3.0 KiB');
  });
});
