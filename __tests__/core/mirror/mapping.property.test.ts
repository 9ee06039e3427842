import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mirrorRef, parseMirrorTarget, MIRROR_RULES, type MirrorTarget } from '../../../src/core/mirror/mapping.js';
import { formatImageRef, parseImageRef, type ImageRef } from '../../../src/core/mirror/image-ref.js';
import { referenceProblem } from '../../../src/core/reference.js';

const map = (src: string, target: string): string => formatImageRef(mirrorRef(parseImageRef(src, 'x'), parseMirrorTarget(target)));
const D = 'sha256:' + 'b'.repeat(64);

describe('mirror mapping: the documented rule', () => {
  it.each([
    // seed 002: INTERNAL_REGISTRY=aiharbor.msxf.local/aihpc
    ['redis:7-alpine', 'aiharbor.msxf.local/aihpc', 'aiharbor.msxf.local/aihpc/redis:7-alpine'],
    ['nginx:stable', 'aiharbor.msxf.local/aihpc', 'aiharbor.msxf.local/aihpc/nginx:stable'],
    ['docker.io/library/redis:7-alpine', 'harbor.example.com/mirror', 'harbor.example.com/mirror/redis:7-alpine'],
    ['bitnami/redis:7.2', 'harbor.example.com/mirror', 'harbor.example.com/mirror/docker.io/bitnami/redis:7.2'],
    ['ghcr.io/acme/app:1', 'ghcr.io/mirror-org', 'ghcr.io/mirror-org/ghcr.io/acme/app:1'],
    ['nvcr.io/nvidia/pytorch:24.05-py3', 'harbor.example.com/ai', 'harbor.example.com/ai/nvcr.io/nvidia/pytorch:24.05-py3'],
    ['localhost:5000/base:1', 'harbor.example.com/m', 'harbor.example.com/m/localhost_5000/base:1'],
    ['Registry.Example.com:8443/a/b:1', 'harbor.example.com/m', 'harbor.example.com/m/registry.example.com_8443/a/b:1'],
    [`redis:7@${D}`, 'harbor.example.com/m', `harbor.example.com/m/redis:7@${D}`],
    [`redis@${D}`, 'harbor.example.com/m', `harbor.example.com/m/redis@${D}`],
    ['redis:7', '127.0.0.1:5000', '127.0.0.1:5000/redis:7'],
    ['redis:7', 'http://127.0.0.1:5000/', '127.0.0.1:5000/redis:7'],
    // seed 001: ACR namespace, default namespace ai-infra-matrix, flattened repositories
    ['redis:7-alpine', 'registry.cn-hangzhou.aliyuncs.com/ai-infra-matrix', 'registry.cn-hangzhou.aliyuncs.com/ai-infra-matrix/redis:7-alpine'],
    ['redis:7-alpine', 'registry.cn-hangzhou.aliyuncs.com', 'registry.cn-hangzhou.aliyuncs.com/ai-infra-matrix/redis:7-alpine'],
    ['eclipse-temurin:21', 'registry.cn-hangzhou.aliyuncs.com/ns', 'registry.cn-hangzhou.aliyuncs.com/ns/eclipse--temurin:21'],
    ['ghcr.io/acme/my-app:1', 'registry.cn-hangzhou.aliyuncs.com/ns', 'registry.cn-hangzhou.aliyuncs.com/ns/ghcr.io-acme-my--app:1'],
    ['bitnami/redis:7.2', 'registry.cn-hangzhou.aliyuncs.com/ns', 'registry.cn-hangzhou.aliyuncs.com/ns/docker.io-bitnami-redis:7.2']
  ])('%s into %s → %s', (src, target, expected) => {
    expect(map(src, target)).toBe(expected);
  });

  it('the README rule table is what the code does', () => {
    for (const [src, harbor, acr] of MIRROR_RULES) {
      const s = src.replace('sha256:…', D);
      expect(map(s, 'harbor.example.com/mirror')).toBe(harbor.replace('sha256:…', D));
      expect(map(s, 'registry.cn-hangzhou.aliyuncs.com/ns')).toBe(acr.replace('sha256:…', D));
    }
  });

  it.each([
    ['', /give the registry and namespace/],
    ['aihpc', /'aihpc' is not a registry host/],
    ['harbor.example.com/Mirror', /must be lowercase/],
    ['harbor.example.com/m:1', /without tag or digest/],
    ['registry.cn-hangzhou.aliyuncs.com/a/b', /one namespace level/]
  ])('target %j is refused with the fix', (t, re) => {
    expect(() => parseMirrorTarget(t, 'target')).toThrow(re);
  });

  it('a name that would exceed 255 characters is refused naming the image', () => {
    const long = `ghcr.io/${'a'.repeat(120)}/${'b'.repeat(120)}:1`;
    expect(() => map(long, 'harbor.example.com/mirror')).toThrow(/over the 255 registries accept/);
  });
});

// ---------------------------------------------------------------- property: no collisions, always valid
// A small alphabet so that near-collisions (same characters, different structure) are generated often.
const alnum = fc.constantFrom('a', 'b', 'io', '5000');
const sep = fc.constantFrom('.', '_', '__', '-', '--', '---');
const component = fc.tuple(alnum, fc.array(fc.tuple(sep, alnum), { maxLength: 3 })).map(([a, rest]) => a + rest.map(([s, b]) => s + b).join(''));
const path = fc.array(component, { minLength: 1, maxLength: 3 }).map((c) => c.join('/'));
const hostLabel = fc.constantFrom('a', 'b', 'io', 'a-b', 'a--b');
const domain = fc.oneof(
  fc.constantFrom('docker.io', 'ghcr.io', 'localhost', 'localhost:5000', 'a.io', 'a.io:5000', 'xn--80ak6aa92e.com'),
  fc.tuple(fc.array(hostLabel, { minLength: 2, maxLength: 3 }), fc.option(fc.constantFrom(5000, 443), { nil: undefined })).map(([l, port]) => l.join('.') + (port ? `:${port}` : ''))
);
const source: fc.Arbitrary<ImageRef> = fc.tuple(domain, fc.oneof(path, component.map((c) => `library/${c}`))).map(([d, p]) => ({ domain: d, path: d === 'docker.io' && !p.includes('/') ? `library/${p}` : p, tag: 'v1' }));
const targets: MirrorTarget[] = ['harbor.example.com/aihpc', '127.0.0.1:5000', 'ghcr.io/org/sub', 'registry.cn-hangzhou.aliyuncs.com/ns'].map((t) => parseMirrorTarget(t));

describe('mirror mapping: properties', () => {
  it.each(targets.map((t): [string, MirrorTarget] => [t.input, t]))('into %s: distinct sources never share a target, every result is a valid reference', (_n, target) => {
    fc.assert(
      fc.property(fc.uniqueArray(source, { minLength: 2, maxLength: 60, selector: (s) => `${s.domain.toLowerCase()}/${s.path}` }), (sources) => {
        const names = new Map<string, string>();
        for (const s of sources) {
          const t = mirrorRef(s, target);
          expect(referenceProblem(`${t.domain}/${t.path}`, t.tag ?? 'latest')).toBeUndefined();
          const key = `${t.domain}/${t.path}`;
          const from = `${s.domain.toLowerCase()}/${s.path}`;
          expect([key, names.get(key) ?? from]).toEqual([key, from]);
          names.set(key, from);
        }
      }),
      { numRuns: 300 }
    );
  });

  it('collision-prone pairs stay apart', () => {
    const t = parseMirrorTarget('registry.cn-hangzhou.aliyuncs.com/ns');
    const h = parseMirrorTarget('harbor.example.com/m');
    const pairs: Array<[string, string]> = [
      ['docker.io/library/ghcr.io-app:1', 'ghcr.io/app:1'],
      ['docker.io/library/a-b:1', 'a/b:1'],
      ['docker.io/localhost/x:1', 'localhost/x:1'],
      ['docker.io/library/a/b:1', 'a/b:1'],
      ['ghcr.io/a-b/c:1', 'ghcr.io/a/b-c:1']
    ];
    for (const [a, b] of pairs) {
      for (const target of [t, h]) expect(formatImageRef(mirrorRef(parseImageRef(a, 'x'), target))).not.toBe(formatImageRef(mirrorRef(parseImageRef(b, 'x'), target)));
    }
  });
});

describe('mirror mapping: exhaustive over a small alphabet', () => {
  // Every repository name from 2 letters, all separators, up to 3 components, on 7 hosts:
  // structure-only differences (`a-b` vs `a/b`, `a--b` vs `a-b`, host vs path) all occur.
  const components = ['a', 'b'].flatMap((x) => [x, ...['.', '_', '__', '-', '--'].flatMap((s) => ['a', 'b'].map((y) => `${x}${s}${y}`))]);
  const paths: string[] = [];
  for (const c1 of components) {
    paths.push(c1);
    for (const c2 of components) {
      paths.push(`${c1}/${c2}`);
      for (const c3 of ['a', 'a-b', 'b--a']) paths.push(`${c1}/${c2}/${c3}`);
    }
  }
  const hosts = ['docker.io', 'a.io', 'a-b.io', 'a.io:5000', 'localhost', 'localhost:5000', 'a--b.io'];
  it.each(targets.map((t): [string, MirrorTarget] => [t.input, t]))('into %s: no two of 12,000+ names share a target', (_n, target) => {
    const seen = new Map<string, string>();
    let n = 0;
    for (const d of hosts) {
      for (const p of paths) {
        const src = { domain: d, path: d === 'docker.io' && !p.includes('/') ? `library/${p}` : p, tag: 'v1' };
        const from = `${src.domain}/${src.path}`;
        const t = mirrorRef(src, target);
        const key = `${t.domain}/${t.path}`;
        const prev = seen.get(key);
        if (prev !== undefined && prev !== from) throw new Error(`collision: ${prev} and ${from} both map to ${key}`);
        seen.set(key, from);
        n++;
      }
    }
    expect(n).toBeGreaterThan(10_000);
    expect(seen.size).toBe(new Set(hosts.flatMap((d) => paths.map((p) => `${d}/${d === 'docker.io' && !p.includes('/') ? `library/${p}` : p}`))).size);
  });
});
