/**
 * Deployment rewrite, golden files (__tests__/fixtures/deploy-files/<case>.input.yaml →
 * <case>.expected.yaml): multi-document YAML, comments, anchors and aliases, quoting styles,
 * flow mappings, Helm repository/tag pairs, ACR component prefixes, other repositories left alone,
 * idempotence. Regenerate after a deliberate change with UPDATE_GOLDEN=1 and review the diff.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalName, DeployFileError, parseReference, rewriteDeployYaml, type DeployImage } from '../../src/core/deploy-files.js';

const DIR = join(import.meta.dirname ?? __dirname, '../fixtures/deploy-files');
const D1 = `sha256:${'a'.repeat(64)}`;
const D2 = `sha256:${'b'.repeat(64)}`;
const D3 = `sha256:${'c'.repeat(64)}`;
const IMAGES: DeployImage[] = [
  { image: 'ghcr.io/acme/backend', tagPrefix: '', tag: 'v1.3.0', digest: D1 },
  { image: 'acme/backend', tagPrefix: '', tag: 'v1.3.0', digest: D2 },
  { image: 'registry.cn-hangzhou.aliyuncs.com/ai-infra-matrix/ai-infra-matrix', tagPrefix: 'backend-', tag: 'backend-v1.3.0', digest: D3 }
];

function golden(name: string) {
  const input = readFileSync(join(DIR, `${name}.input.yaml`), 'utf8');
  const out = rewriteDeployYaml(input, IMAGES, `${name}.input.yaml`);
  const expectedPath = join(DIR, `${name}.expected.yaml`);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(expectedPath)) writeFileSync(expectedPath, out.text);
  return { input, out, expected: readFileSync(expectedPath, 'utf8') };
}

/** Lines that differ between two texts of the same line count. */
function changedLines(a: string, b: string): number[] {
  const x = a.split('\n');
  const y = b.split('\n');
  expect(y).toHaveLength(x.length);
  return x.flatMap((l, i) => (l === y[i] ? [] : [i + 1]));
}

describe('rewriteDeployYaml: golden files', () => {
  it.each(['compose', 'k8s', 'helm-values', 'untouched'])('%s matches its golden file and a second run changes nothing', (name) => {
    const { out, expected } = golden(name);
    expect(out.text).toBe(expected);
    const again = rewriteDeployYaml(out.text, IMAGES);
    expect(again.changes).toEqual([]);
    expect(again.text).toBe(out.text);
  });

  it('compose: only the matching image lines change; the anchor, comments, quotes and other services stay', () => {
    const { input, out } = golden('compose');
    expect(changedLines(input, out.text)).toEqual([3, 11, 20]);
    expect(out.text).toContain(`  image: "ghcr.io/acme/backend:v1.3.0@${D1}"   # pinned by the release workflow`);
    expect(out.text).toContain(`    image: 'ghcr.io/acme/backend:v1.3.0@${D1}'`);
    expect(out.text).toContain(`    image: acme/backend:v1.3.0@${D2}`);
    expect(out.text).toContain('    image: ghcr.io/acme/frontend:v1.2.2 # another repository: untouched');
    expect(out.text).toContain('    image: ${REGISTRY:-ghcr.io}/acme/backend:${TAG}');
    expect(out.changes.map((c) => [c.line, c.path, c.from])).toEqual([
      [3, 'x-backend.image', 'ghcr.io/acme/backend:v1.2.2'],
      [11, 'services.worker.image', `ghcr.io/acme/backend:main-0a1b2c3@sha256:${'1'.repeat(64)}`],
      [20, 'services.hub.image', 'acme/backend:v1']
    ]);
  });

  it('Kubernetes: every document, block and flow sequences, folded scalars, ACR component prefix', () => {
    const { input, out } = golden('k8s');
    expect(changedLines(input, out.text)).toEqual([12, 15, 31, 36]);
    expect(out.text).toContain(`          image: ghcr.io/acme/backend:v1.3.0@${D1}   # no tag yet`);
    expect(out.text).toContain('{name: sidecar, image: "docker.io/library/busybox:1.36"}');
    expect(out.text).toContain(`GHCR.IO/acme/backend:v1.3.0@${D1}`);
    expect(out.text).toContain(`- image: registry.cn-hangzhou.aliyuncs.com/ai-infra-matrix/ai-infra-matrix:backend-v1.3.0@${D3}`);
    expect(out.text).toContain('- image: registry.cn-hangzhou.aliyuncs.com/ai-infra-matrix/ai-infra-matrix:frontend-v1.2.2\n');
    expect(out.text).toContain('- image: registry.cn-hangzhou.aliyuncs.com/ai-infra-matrix/ai-infra-matrix\n');
    expect(out.text.split('\n---').length).toBe(input.split('\n---').length);
  });

  it('Helm values: tag gets tag@digest, or the digest key when there is one; numbers are quoted; templates stay', () => {
    const { input, out } = golden('helm-values');
    expect(changedLines(input, out.text)).toEqual([4, 11, 12, 20]);
    expect(out.text).toContain(`  tag: "v1.3.0@${D1}"\n`);
    expect(out.text).toContain(`    tag: v1.3.0\n    digest: "${D1}"\n`);
    expect(out.text).toContain('  image: {repository: ghcr.io/acme/frontend, tag: v1.2.2}');
    expect(out.text).toContain(`    tag: backend-v1.3.0@${D3} # component prefix`);
    expect(out.text).toContain('    tag: "{{ .Chart.AppVersion }}"');
  });

  it('a file that names no planned repository is returned unchanged, byte for byte', () => {
    const { input, out } = golden('untouched');
    expect(out.changes).toEqual([]);
    expect(out.text).toBe(input);
  });
});

describe('rewriteDeployYaml: edges', () => {
  it('a numeric new tag on a plain scalar is quoted so YAML keeps it a string', () => {
    const out = rewriteDeployYaml('image:\n  repository: ghcr.io/acme/backend\n  tag: v1\n  digest: x\n', [{ ...IMAGES[0], tag: '1.10' }]);
    expect(out.text).toBe(`image:\n  repository: ghcr.io/acme/backend\n  tag: "1.10"\n  digest: ${D1}\n`);
  });

  it('invalid YAML fails naming the file, and nothing is returned rewritten', () => {
    expect(() => rewriteDeployYaml('a: [1, 2\nimage: ghcr.io/acme/backend:v1\n', IMAGES, 'deploy/bad.yaml')).toThrow(DeployFileError);
    expect(() => rewriteDeployYaml('a: [1, 2\n', IMAGES, 'deploy/bad.yaml')).toThrow(/deploy\/bad\.yaml is not valid YAML/);
  });

  it('a key with a newline (from a hostile file) reaches the change list without control characters', () => {
    const out = rewriteDeployYaml('"a\\n::error::x":\n  image: ghcr.io/acme/backend:v1\n', IMAGES);
    expect(out.changes.map((c) => c.path)).toEqual(['a?::error::x.image']);
  });

  it('refuses an image without a valid digest', () => {
    expect(() => rewriteDeployYaml('image: x\n', [{ ...IMAGES[0], digest: 'sha256:zz' }])).toThrow(/no valid digest/);
  });

  it('parses and canonicalises references', () => {
    expect(parseReference('127.0.0.1:5000/a/b:v1@sha256:x')).toEqual({ name: '127.0.0.1:5000/a/b', tag: 'v1', digest: 'sha256:x' });
    expect(parseReference('127.0.0.1:5000/a/b')).toEqual({ name: '127.0.0.1:5000/a/b', tag: undefined, digest: undefined });
    expect(parseReference('${X}/b')).toBeUndefined();
    expect(canonicalName('busybox')).toBe('docker.io/library/busybox');
    expect(canonicalName('index.docker.io/acme/app')).toBe('docker.io/acme/app');
    expect(canonicalName('GHCR.IO/acme/app')).toBe('ghcr.io/acme/app');
  });
});
