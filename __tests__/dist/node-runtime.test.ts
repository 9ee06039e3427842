/**
 * The suite runs where the action runs: node24 (action.yml `runs.using`). `node` is an exact-pinned
 * devDependency, so npm scripts (`npm test`, `npx jest`) resolve it from node_modules/.bin; Jest's
 * workers and every bundle the tests spawn (process.execPath) run on it too.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { examplePayload } from '../helpers/events.js';
import { runAction } from '../helpers/run-bundle.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
  allowScripts?: Record<string, boolean>;
};
const actionMajor = () => Number(/^node(\d+)$/.exec((parse(readFileSync('action.yml', 'utf8')) as { runs: { using: string } }).runs.using)?.[1]);
const major = (version: string) => Number(version.split('.')[0]);

describe('Node.js version of the test run', () => {
  it('action.yml runs on node24, and package.json pins node 24 exactly, approves its install script and says so in engines', () => {
    expect(actionMajor()).toBe(24);
    expect(pkg.devDependencies.node).toMatch(/^24\.\d+\.\d+$/);
    expect(pkg.devDependencies['@types/node']).toMatch(/^24\.\d+\.\d+$/);
    expect(pkg.allowScripts?.node).toBe(true);
    expect(pkg.engines.node).toBe('>=24');
  });

  it('this Jest worker runs on the pinned node 24', () => {
    expect(major(process.versions.node)).toBe(24);
    expect(process.versions.node).toBe(pkg.devDependencies.node);
  });

  it('`node` on the PATH npm scripts see (shebangs, scripts) is the pinned node 24', () => {
    const r = spawnSync('node', ['-p', 'process.versions.node'], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.devDependencies.node);
  });

  it('a spawned bundle (dist/meta, as the bundle tests run it) runs on node 24', () => {
    // A preload in the bundle's own process records the version it runs on; the bundle then does its work.
    const dir = mkdtempSync(join(tmpdir(), 'aim-node-'));
    const preload = join(dir, 'record-version.cjs');
    const record = join(dir, 'version');
    writeFileSync(preload, `require('node:fs').writeFileSync(${JSON.stringify(record)}, process.versions.node);\n`);
    const payload = examplePayload('push', (e) => e.head_commit != null);
    const r = runAction('meta', { images: 'ghcr.io/acme/app' }, { name: 'push', ref: 'refs/tags/v1.2.3', payload }, { NODE_OPTIONS: `--require=${preload}` });
    expect(r.status).toBe(0);
    expect(r.outputs.version).toBe('v1.2.3');
    expect(major(readFileSync(record, 'utf8'))).toBe(24);
    rmSync(dir, { recursive: true, force: true });
  });
});
