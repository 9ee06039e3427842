/**
 * REAL: `deploy-files` through the committed main bundle (`node dist/main/index.js`): buildah
 * builds the fixture, our client pushes it to a real distribution registry on 127.0.0.1, then the
 * compose and Kubernetes files in the workspace are rewritten to `repo:tag@<digest read back from
 * the registry>`; another repository's reference and an excluded file stay byte for byte. A file
 * that is not valid YAML fails the step before anything is built or pushed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryClient } from '../../src/adapters/registry/client.js';
import { buildahEnv, buildahRequirements, ensureBusyboxBase, FIXTURE_CONTEXT } from '../helpers/buildah.js';
import { examplePayload } from '../helpers/events.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { runActionAsync, errorLine } from '../helpers/run-bundle.js';
import { requireReal, toolRequirement } from '../helpers/tools.js';

const REAL = requireReal('deploy-files', [...buildahRequirements(), toolRequirement('/usr/bin/docker-registry'), toolRequirement('htpasswd')]);
const real = REAL ? describe : describe.skip;
const USER = 'builder';
const PASSWORD = `pw-${Math.random().toString(36).slice(2)}`;
const tagEvent = () => ({ name: 'push', ref: 'refs/tags/v1.2.3', payload: examplePayload('push', (e) => e.head_commit != null) });

real('deploy-files (real buildah build, real registry, dist/main)', () => {
  let reg: TestRegistry;
  let ws: string;
  const client = () => new RegistryClient({ registry: reg.host, insecureHttp: true, credentials: { username: USER, password: PASSWORD } });
  const run = (extra: Record<string, string>) =>
    runActionAsync(
      'main',
      { 'github-token': '', scan: 'none', images: `${reg.host}/aim/deploy`, context: FIXTURE_CONTEXT, 'registry-auth': `${reg.host}=${USER}:${PASSWORD}`, ...extra },
      tagEvent(),
      { baseEnv: { ...buildahEnv(), BUILDAH_ISOLATION: '' }, extraEnv: { GITHUB_WORKSPACE: ws }, timeoutMs: 240_000 }
    );

  beforeAll(async () => {
    await ensureBusyboxBase();
    reg = await startRegistry({ auth: { user: USER, password: PASSWORD } });
  }, 180_000);

  afterAll(async () => {
    await reg?.stop();
  });

  it('rewrites every reference to the pushed repository, pinned by the digest the registry holds; others stay byte for byte', async () => {
    ws = mkdtempSync(join(tmpdir(), 'aim-deploy-ws-'));
    mkdirSync(join(ws, 'deploy'));
    const compose = `# stack\nservices:\n  app:\n    image: "${reg.host}/aim/deploy:v1.2.2" # app\n  other:\n    image: ${reg.host}/aim/other:v1.2.2\n`;
    const k8s = `apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ${reg.host}/aim/deploy:main\n---\nimage:\n  repository: ${reg.host}/aim/deploy\n  tag: v1.2.2\n`;
    const skipped = `image: ${reg.host}/aim/deploy:v1.2.2\n`;
    writeFileSync(join(ws, 'deploy/compose.yaml'), compose);
    writeFileSync(join(ws, 'deploy/k8s.yaml'), k8s);
    writeFileSync(join(ws, 'deploy/skip.yaml'), skipped);
    try {
      const r = await run({ 'deploy-files': 'deploy/*.yaml\n!deploy/skip.yaml' });
      expect(errorLine(r.stdout)).toBe('');
      expect(r.status).toBe(0);
      const head = await client().headManifest('aim/deploy', 'v1.2.3');
      const digest = head!.digest;
      expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
      expect(r.outputs.digest).toBe(digest);
      const pinned = `${reg.host}/aim/deploy:v1.2.3@${digest}`;
      expect(readFileSync(join(ws, 'deploy/compose.yaml'), 'utf8')).toBe(compose.replace(`${reg.host}/aim/deploy:v1.2.2`, pinned));
      expect(readFileSync(join(ws, 'deploy/k8s.yaml'), 'utf8')).toBe(k8s.replace(`${reg.host}/aim/deploy:main`, pinned).replace('tag: v1.2.2', `tag: v1.2.3@${digest}`));
      expect(readFileSync(join(ws, 'deploy/skip.yaml'), 'utf8')).toBe(skipped);
      expect(r.outputs['deploy-files-changed']).toBe('deploy/compose.yaml\ndeploy/k8s.yaml');
      const diff = r.outputs['deploy-files-diff'];
      expect(r.stdout).toMatch(/::debug::exec \["[^"]*buildah",[^\]]*"build"/); // the negative check in the next test is not vacuous
      expect(diff.startsWith('--- a/deploy/compose.yaml\n')).toBe(true);
      expect(diff).toContain('--- a/deploy/compose.yaml\n+++ b/deploy/compose.yaml\n');
      expect(diff).toContain(`-    image: "${reg.host}/aim/deploy:v1.2.2" # app\n+    image: "${pinned}" # app\n`);
      expect(diff).toContain(`-  tag: v1.2.2\n+  tag: v1.2.3@${digest}\n`);
      expect(diff).not.toContain('skip.yaml');
      expect(r.summary).toContain('### Deployment files');
      expect(r.summary).toContain('2 of 2 file(s) now pin the pushed image by digest');
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  }, 240_000);

  it('a deployment file that is not valid YAML fails the step before the build; the registry gets nothing', async () => {
    ws = mkdtempSync(join(tmpdir(), 'aim-deploy-ws-'));
    writeFileSync(join(ws, 'bad.yaml'), `services: [\n  image: ${reg.host}/aim/bad:v1\n`);
    try {
      const r = await run({ images: `${reg.host}/aim/bad`, 'deploy-files': '*.yaml' });
      expect(r.status).toBe(1);
      expect(errorLine(r.stdout)).toMatch(/^aim-build: deploy-files: bad\.yaml is not valid YAML \(.+\); fix it or leave it out of deploy-files$/);
      expect(r.stdout).not.toMatch(/::debug::exec \["[^"]*buildah",[^\]]*"build"/);
      expect(await client().listTags('aim/bad')).toEqual([]);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  }, 120_000);
});
