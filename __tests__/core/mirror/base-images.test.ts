import { describe, expect, it } from '@jest/globals';
import { baseImages, composeImages, dockerfileBaseImages } from '../../../src/core/mirror/base-images.js';
import { normalizeImageRef, imageRefProblem, familiarImageRef, parseImageRef } from '../../../src/core/mirror/image-ref.js';
import { expandWord } from '../../../src/core/mirror/expand.js';

const D = 'sha256:' + 'a'.repeat(64);
const refs = (text: string, args: Record<string, string> = {}): string[] => dockerfileBaseImages({ path: 'Dockerfile', text }, args).map((b) => b.ref);

describe('normalizeImageRef: short names as Docker normalises them', () => {
  it.each([
    // seed 002's base images
    ['redis:7-alpine', 'docker.io/library/redis:7-alpine'],
    ['nginx:stable', 'docker.io/library/nginx:stable'],
    ['nginx', 'docker.io/library/nginx:latest'],
    ['bitnami/redis:7.2', 'docker.io/bitnami/redis:7.2'],
    ['docker.io/redis', 'docker.io/library/redis:latest'],
    ['index.docker.io/library/redis:7', 'docker.io/library/redis:7'],
    [`redis:7@${D}`, `docker.io/library/redis:7@${D}`],
    [`redis@${D}`, `docker.io/library/redis@${D}`],
    ['localhost/x', 'localhost/x:latest'],
    ['localhost:5000/team/x:1', 'localhost:5000/team/x:1'],
    ['harbor.local:8443/aihpc/cuda:12.4', 'harbor.local:8443/aihpc/cuda:12.4'],
    ['aiharbor.msxf.local/aihpc/redis:7-alpine', 'aiharbor.msxf.local/aihpc/redis:7-alpine'],
    ['nvcr.io/nvidia/pytorch:24.05-py3', 'nvcr.io/nvidia/pytorch:24.05-py3'],
    ['Registry.Example.com/a/b', 'Registry.Example.com/a/b:latest']
  ])('%s → %s', (input, expected) => {
    expect(normalizeImageRef(input)).toBe(expected);
  });

  it.each([
    ['Redis:7', 'lowercase'],
    ['redis:', 'tag cannot be empty'],
    ['redis@sha256:abc', '64 lowercase hex'],
    ['', 'empty'],
    ['a b', 'no spaces'],
    ['redis:-x', "cannot start with '-'"]
  ])('%s is refused (%s)', (input, hint) => {
    expect(imageRefProblem(input)).toContain(hint);
  });

  it('familiar names round-trip', () => {
    for (const r of ['redis:7-alpine', 'bitnami/redis:7', 'ghcr.io/acme/app:1', `nginx:1@${D}`]) expect(familiarImageRef(parseImageRef(r, 'x'))).toBe(r);
  });
});

describe('expandWord: the Dockerfile shell-word subset', () => {
  const vars = new Map([['A', 'py'], ['E', '']]);
  it.each([
    ['$A', 'py'],
    ['${A}:3', 'py:3'],
    ['${B:-dflt}', 'dflt'],
    ['${E:-dflt}', 'dflt'],
    ['${E-dflt}', ''],
    ['${A:+yes}', 'yes'],
    ['${B:+yes}', ''],
    ['"$A"-x', 'py-x'],
    ["'$A'", '$A'],
    ['\\$A', '$A'],
    ['${B:-${A}}', 'py']
  ])('%s → %s', (word, expected) => {
    expect(expandWord(word, vars).value).toBe(expected);
  });
  it('reports unset variables and refuses unsupported forms', () => {
    expect(expandWord('x${NOPE}', vars)).toEqual({ value: 'x', unset: ['NOPE'] });
    expect(() => expandWord('${A#p}', vars)).toThrow(/unsupported expansion/);
    expect(() => expandWord('${A', vars)).toThrow(/unterminated/);
  });
});

describe('dockerfileBaseImages: table of Dockerfiles', () => {
  it.each<[string, string, Record<string, string>, string[]]>([
    ['one FROM (seed 002: redis)', 'FROM redis:7-alpine\n', {}, ['docker.io/library/redis:7-alpine']],
    ['seed 002: nginx, no tag', 'FROM nginx\nRUN echo\n', {}, ['docker.io/library/nginx:latest']],
    ['global ARG default', 'ARG PY=3.11\nFROM python:${PY}-slim\n', {}, ['docker.io/library/python:3.11-slim']],
    ['build-arg overrides the default', 'ARG PY=3.11\nFROM python:${PY}-slim\n', { PY: '3.12' }, ['docker.io/library/python:3.12-slim']],
    ['ARG defaults chain', 'ARG REG=ghcr.io\nARG BASE=$REG/acme/base\nFROM ${BASE}:1\n', {}, ['ghcr.io/acme/base:1']],
    ['ARG with ${:-} default', 'ARG TAG\nFROM node:${TAG:-20}\n', {}, ['docker.io/library/node:20']],
    ['ARG declared after FROM is not visible to a later FROM', 'FROM alpine:3\nARG V=9\nFROM busybox:${V:-1}\n', { }, ['docker.io/library/alpine:3', 'docker.io/library/busybox:1']],
    ['build-arg of an undeclared ARG does not apply', 'FROM busybox:${V:-1}\n', { V: '2' }, ['docker.io/library/busybox:1']],
    ['automatic platform ARGs from build-args', 'FROM --platform=$BUILDPLATFORM golang:1.22-${TARGETARCH}\n', { TARGETARCH: 'arm64' }, ['docker.io/library/golang:1.22-arm64']],
    ['--platform flag is not the image', 'FROM --platform=linux/amd64 ubuntu:22.04 AS base\n', {}, ['docker.io/library/ubuntu:22.04']],
    ['multi-stage names are skipped (case-insensitive)', 'FROM golang:1.22 AS Builder\nFROM builder AS test\nFROM BUILDER\nFROM gcr.io/distroless/static\n', {}, ['docker.io/library/golang:1.22', 'gcr.io/distroless/static:latest']],
    ['a stage named like an image: before it is defined it is the image', 'FROM node:20 AS node\nFROM node\nFROM node:22\n', {}, ['docker.io/library/node:20', 'docker.io/library/node:22']],
    ['a FROM of a later stage name is the image', 'FROM app\nFROM alpine AS app\n', {}, ['docker.io/library/app:latest', 'docker.io/library/alpine:latest']],
    ['scratch is skipped', 'FROM scratch\nCOPY x /\n', {}, []],
    ['lowercase from and as', 'from debian:12 as base\nfrom base\n', {}, ['docker.io/library/debian:12']],
    ['line continuations', 'FROM \\\n  nvidia/cuda:12.4.1-runtime-ubuntu22.04 \\\n  AS cuda\n', {}, ['docker.io/nvidia/cuda:12.4.1-runtime-ubuntu22.04']],
    ['comments, also between continuation lines', '# FROM not-this\nFROM \\\n# a comment\n  alpine:3.20\n', {}, ['docker.io/library/alpine:3.20']],
    ['parser directives, escape=`', '# syntax=docker/dockerfile:1\n# escape=`\nARG V=3\nFROM `\n  alpine:${V}\n', {}, ['docker.io/library/alpine:3']],
    ['heredoc bodies are not instructions', 'FROM alpine:3\nRUN <<EOF\nFROM evil:1\nEOF\nFROM busybox\n', {}, ['docker.io/library/alpine:3', 'docker.io/library/busybox:latest']],
    ['digests kept, with the tag', `FROM redis:7@${D}\nFROM ghcr.io/acme/base@${D}\n`, {}, [`docker.io/library/redis:7@${D}`, `ghcr.io/acme/base@${D}`]],
    ['quoted image', 'ARG B=alpine\nFROM "${B}:3"\n', {}, ['docker.io/library/alpine:3']],
    ['registry with port and localhost', 'FROM localhost:5000/base:1\nFROM localhost/x\n', {}, ['localhost:5000/base:1', 'localhost/x:latest']],
    ['duplicates kept per file (de-duplication is across the set)', 'FROM alpine\nFROM alpine:latest\n', {}, ['docker.io/library/alpine:latest', 'docker.io/library/alpine:latest']]
  ])('%s', (_name, text, args, expected) => {
    expect(refs(text, args)).toEqual(expected);
  });

  it('records line, stage and the expanded --platform', () => {
    const [b] = dockerfileBaseImages({ path: 'docker/Dockerfile', text: 'ARG P=linux/arm64\n\nFROM --platform=$P python:3.11 AS build\n' });
    expect(b).toEqual({ ref: 'docker.io/library/python:3.11', written: 'python:3.11', file: 'docker/Dockerfile', line: 3, platform: 'linux/arm64', stage: 'build' });
    const [c] = dockerfileBaseImages({ path: 'Dockerfile', text: 'FROM --platform=$BUILDPLATFORM alpine\n' });
    expect(c.platform).toBe('$BUILDPLATFORM');
  });

  it.each([
    ['an ARG without a value', 'ARG TAG\nFROM python:${TAG}\n', /Invalid Dockerfile \(line 2\) 'FROM python:\$\{TAG\}': 'python:\$\{TAG\}' expands to 'python:'.*ARG TAG has no value: give it a default or pass --build-arg TAG=…/],
    ['a duplicate stage name', 'FROM alpine AS a\nFROM busybox AS A\n', /line 2.*duplicate stage name 'A'/],
    ['an uppercase repository', 'FROM Alpine\n', /line 1.*must be lowercase/],
    ['FROM without image', 'FROM\n', /FROM needs an image/],
    ['extra words', 'FROM alpine AS a b\n', /expected FROM \[--platform=…\] <image> \[AS <name>\]/]
  ])('%s fails naming the file, line and fix', (_n, text, re) => {
    expect(() => refs(text)).toThrow(re);
  });
});

describe('composeImages', () => {
  const compose = `services:
  redis:
    image: redis:7-alpine
  web:
    build: .
    image: ghcr.io/acme/web:1
  db:
    image: "\${PG_IMAGE:-postgres:16}"
  proxy:
    image: nginx
`;
  it('image entries of services without build:, interpolated', () => {
    expect(composeImages({ path: 'compose.yaml', text: compose }).map((b) => [b.ref, b.line])).toEqual([
      ['docker.io/library/redis:7-alpine', 2],
      ['docker.io/library/postgres:16', 7],
      ['docker.io/library/nginx:latest', 9]
    ]);
    expect(composeImages({ path: 'compose.yaml', text: compose }, { PG_IMAGE: 'bitnami/postgresql:16' })[1].ref).toBe('docker.io/bitnami/postgresql:16');
  });
  it('bad YAML and bad images are reported with the file', () => {
    expect(() => composeImages({ path: 'c.yml', text: 'services: [\n' })).toThrow(/Invalid c.yml.*not valid YAML/);
    expect(() => composeImages({ path: 'c.yml', text: 'services:\n  a:\n    image: Bad/Name\n' })).toThrow(/Invalid c.yml services.a.image \(line 2\) 'Bad\/Name'/);
  });
});

describe('baseImages over several files', () => {
  it('first-seen order, de-duplicated by normalised reference', () => {
    const out = baseImages([
      { path: 'backend/Dockerfile', text: 'FROM python:3.11\nFROM redis:7-alpine\n' },
      { path: 'compose.yml', text: 'services:\n  cache:\n    image: docker.io/library/redis:7-alpine\n  q:\n    image: rabbitmq:3\n' },
      { path: 'frontend/Dockerfile', text: 'FROM node:20 AS build\nFROM nginx:stable\nFROM python:3.11\n' }
    ]);
    expect(out.map((b) => b.ref)).toEqual([
      'docker.io/library/python:3.11',
      'docker.io/library/redis:7-alpine',
      'docker.io/library/rabbitmq:3',
      'docker.io/library/node:20',
      'docker.io/library/nginx:stable'
    ]);
    expect(out[1].file).toBe('backend/Dockerfile');
  });
});
