/** `node dist/cli/index.js base-images` as users run it: the committed bundle, real files. */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const cli = (args: string[], cwd: string) => spawnSync(process.execPath, [path.resolve('dist/cli/index.js'), ...args], { cwd, encoding: 'utf8' });

describe('dist/cli base-images', () => {
  it('prints {"images":[…]}: normalised, first-seen order, de-duplicated, with --build-arg', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aim-base-images-'));
    try {
      writeFileSync(path.join(dir, 'Dockerfile'), '# syntax=docker/dockerfile:1\nARG CUDA=12.4.1\nFROM nvidia/cuda:${CUDA}-runtime-ubuntu22.04 AS runtime\nFROM runtime\nFROM redis:7-alpine\n');
      writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  cache:\n    image: redis:7-alpine\n  web:\n    image: nginx\n  app:\n    build: .\n    image: ghcr.io/acme/app:1\n');
      const r = cli(['base-images', '--json', '--build-arg', 'CUDA=12.6.0', 'Dockerfile', 'compose.yaml'], dir);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ images: ['docker.io/nvidia/cuda:12.6.0-runtime-ubuntu22.04', 'docker.io/library/redis:7-alpine', 'docker.io/library/nginx:latest'] });
      const bad = cli(['base-images', '--json', 'Dockerfile.missing'], dir);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain("aim-build: Invalid FILE 'Dockerfile.missing': cannot read it (ENOENT)");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the plan command still works and its help lists the new commands', () => {
    const r = cli(['--help'], '.');
    expect(r.stdout).toContain('base-images [--json] [--build-arg K=V]... FILE...');
    const p = cli(['plan', '--ref', 'refs/tags/v1.2.3', '--images', 'ghcr.io/acme/app', '--format', 'json'], '.');
    expect(p.status).toBe(0);
    expect(JSON.parse(p.stdout).tags.map((t: { tag: string }) => t.tag)).toContain('1.2.3');
  });
});
