import { describe, expect, it } from '@jest/globals';
import { buildContextsFor, decideNetwork, missingFromMirror, networkMarkdown, networkSettings, planRewrites, registriesConf } from '../../../src/core/build/network.js';
import { buildxArgs } from '../../../src/core/build/argv.js';
import { buildxCaps, parseBuildxVersion } from '../../../src/core/build/builder.js';
import { buildPlanFor } from '../../helpers/build.js';
import { dockerfileBaseImages } from '../../../src/core/mirror/base-images.js';

const D = 'sha256:' + 'c'.repeat(64);
const internal = () => networkSettings({ network: 'internal', internalRegistry: 'aiharbor.msxf.local/aihpc' }, {}).internal!;

describe('networkSettings: inputs, then AI_INFRA_NETWORK_ENV / INTERNAL_REGISTRY', () => {
  it.each([
    [{ network: '', internalRegistry: '' }, {}, 'auto', 'default'],
    [{ network: 'auto', internalRegistry: '' }, { AI_INFRA_NETWORK_ENV: 'internal', INTERNAL_REGISTRY: 'aiharbor.msxf.local/aihpc' }, 'internal', 'AI_INFRA_NETWORK_ENV'],
    [{ network: 'external', internalRegistry: '' }, { AI_INFRA_NETWORK_ENV: 'internal', INTERNAL_REGISTRY: 'h.local/p' }, 'external', 'the network input'],
    [{ network: 'Internal', internalRegistry: 'h.local/p' }, {}, 'internal', 'the network input']
  ])('%j with %j → %s (from %s)', (input, env, mode, from) => {
    const s = networkSettings(input, env);
    expect([s.mode, s.modeFrom]).toEqual([mode, from]);
  });
  it('the internal-registry input wins over INTERNAL_REGISTRY', () => {
    const s = networkSettings({ network: '', internalRegistry: 'harbor.a.local/x' }, { INTERNAL_REGISTRY: 'harbor.b.local/y' });
    expect([s.internal?.domain, s.internal?.namespace, s.internalFrom]).toEqual(['harbor.a.local', 'x', 'internal-registry']);
  });
  it('refuses a bad mode and internal without a mirror, naming the source and the fix', () => {
    expect(() => networkSettings({ network: '', internalRegistry: '' }, { AI_INFRA_NETWORK_ENV: 'intranet' })).toThrow("Invalid AI_INFRA_NETWORK_ENV 'intranet': expected one of auto, internal, external");
    expect(() => networkSettings({ network: 'internal', internalRegistry: '' }, {})).toThrow(/network is internal \(from the network input\) but no internal mirror is set: give internal-registry \(or INTERNAL_REGISTRY\)/);
    expect(() => networkSettings({ network: '', internalRegistry: 'aihpc' }, {})).toThrow(/Invalid internal-registry 'aihpc': 'aihpc' is not a registry host/);
  });
});

describe('decideNetwork says what it decided and why', () => {
  const auto = networkSettings({ network: 'auto', internalRegistry: 'aiharbor.msxf.local/aihpc' }, {});
  it('auto: the probe decides', () => {
    expect(decideNetwork(auto, 'registry-1.docker.io', { reachable: true, detail: 'HTTP 401 in 80 ms' })).toEqual({ internal: false, reason: 'network: external (auto: registry-1.docker.io answered, HTTP 401 in 80 ms); base images are pulled from their own registries' });
    expect(decideNetwork(auto, 'registry-1.docker.io', { reachable: false, detail: 'no answer within 3000 ms' })).toEqual({ internal: true, reason: 'network: internal (auto: registry-1.docker.io did not answer, no answer within 3000 ms); base images resolve to aiharbor.msxf.local/aihpc (from internal-registry)' });
  });
  it('explicit modes need no probe', () => {
    expect(decideNetwork(networkSettings({ network: '', internalRegistry: '' }, { AI_INFRA_NETWORK_ENV: 'internal', INTERNAL_REGISTRY: 'h.local/p' }), 'x').reason).toBe('network: internal (from AI_INFRA_NETWORK_ENV); base images resolve to h.local/p (from INTERNAL_REGISTRY)');
    expect(decideNetwork(networkSettings({ network: 'external', internalRegistry: '' }, {}), 'x').internal).toBe(false);
  });
});

describe('rewrites (seed 002: redis:7-alpine → aiharbor.msxf.local/aihpc/redis:7-alpine)', () => {
  const bases = dockerfileBaseImages({ path: 'Dockerfile', text: `FROM golang:1.22 AS build\nFROM redis:7-alpine\nFROM nginx\nFROM bitnami/redis:7.2\nFROM ghcr.io/acme/base:1@${D}\nFROM aiharbor.msxf.local/aihpc/own:1\nFROM build\n` });
  const rewrites = planRewrites(bases, internal());

  it('one per base image, named as BuildKit looks FROM images up; images already in the mirror registry stay', () => {
    expect(rewrites.map((r) => [r.name, r.mirror])).toEqual([
      ['golang:1.22', 'aiharbor.msxf.local/aihpc/golang:1.22'],
      ['redis:7-alpine', 'aiharbor.msxf.local/aihpc/redis:7-alpine'],
      ['nginx', 'aiharbor.msxf.local/aihpc/nginx:latest'],
      ['bitnami/redis:7.2', 'aiharbor.msxf.local/aihpc/docker.io/bitnami/redis:7.2'],
      [`ghcr.io/acme/base:1@${D}`, `aiharbor.msxf.local/aihpc/ghcr.io/acme/base:1@${D}`]
    ]);
  });

  it('buildx argv: --build-context <name>=docker-image://<mirror> (argv only; buildx cannot run here)', () => {
    const contexts = buildContextsFor(rewrites);
    expect(contexts[1]).toEqual(['redis:7-alpine', 'docker-image://aiharbor.msxf.local/aihpc/redis:7-alpine']);
    const plan = buildPlanFor('buildx', { buildContexts: contexts });
    const args = buildxArgs(plan, buildxCaps(parseBuildxVersion('github.com/docker/buildx v0.17.1 8ce1ee6\n')), { outputTar: '/w/o.tar', metadataFile: '/w/m.json', localName: '', secrets: [] }).args;
    const i = args.indexOf('redis:7-alpine=docker-image://aiharbor.msxf.local/aihpc/redis:7-alpine');
    expect(args[i - 1]).toBe('--build-context');
    expect(args.filter((a) => a === '--build-context')).toHaveLength(5);
  });

  it('buildah: a registries.conf with one mirror per repository; insecure only for plain-HTTP mirrors', () => {
    const conf = registriesConf(rewrites, (d) => d.startsWith('127.'));
    expect(conf).toContain('[[registry]]\nprefix = "docker.io/library/redis"\nlocation = "docker.io/library/redis"\n\n[[registry.mirror]]\nlocation = "aiharbor.msxf.local/aihpc/redis"\n');
    expect(conf).toContain('prefix = "ghcr.io/acme/base"');
    expect(conf).not.toContain('insecure');
    expect(registriesConf(planRewrites([{ ref: 'docker.io/library/busybox:1', file: 'D', line: 1 }], networkSettings({ network: '', internalRegistry: '127.0.0.1:5000/m' }, {}).internal!), (d) => d.startsWith('127.'))).toContain('location = "127.0.0.1:5000/m/busybox"\ninsecure = true');
  });

  it('the summary lists each rewrite; a missing base image comes with the exact mirror command', () => {
    const md = networkMarkdown({ internal: true, reason: 'network: internal (from AI_INFRA_NETWORK_ENV)' }, rewrites);
    expect(md).toContain('| `redis:7-alpine` | `aiharbor.msxf.local/aihpc/redis:7-alpine` | Dockerfile:2 |');
    expect(missingFromMirror([rewrites[1]], internal())).toBe(
      '1 base image is not in the internal mirror: aiharbor.msxf.local/aihpc/redis:7-alpine (for redis:7-alpine, Dockerfile:2). Mirror it from a runner with internet access: node dist/cli/index.js mirror --target aiharbor.msxf.local/aihpc --images docker.io/library/redis:7-alpine (or the org/aim-build/mirror@v1 sub-action with target: aiharbor.msxf.local/aihpc)'
    );
  });
});
