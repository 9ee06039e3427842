/** FROM lines → base images (what buildah's per-platform stores get copied from the main store). */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { baseImages } from '../../../src/core/build/base-images.js';

describe('baseImages', () => {
  it.each<[string, string, Array<[string, string]>, string[]]>([
    ['the issue: scratch stages only', 'FROM scratch AS base\nARG VERSION\nCOPY app.txt /app/app.txt\nFROM base\nCOPY app.txt /c\n', [], []],
    ['ARG default, overridden by a build arg', 'ARG BASE=alpine:3.20\nFROM ${BASE} AS build\nFROM build\n', [['BASE', 'localhost/aim-busybox:latest']], ['localhost/aim-busybox:latest']],
    ['ARG default', 'ARG BASE=alpine:3.20\nFROM $BASE\n', [], ['alpine:3.20']],
    ['${VAR:-default} and --platform', 'FROM --platform=$BUILDPLATFORM ${GO:-golang:1.23} AS b\nfrom debian:12\n', [], ['golang:1.23', 'debian:12']],
    ['comments, continuations, lowercase, duplicates', '# syntax=docker/dockerfile:1\nfrom \\\n  ubuntu:24.04 as one\n# c\nFROM ubuntu:24.04\nFROM One\n', [], ['ubuntu:24.04']],
    ['digests kept', 'FROM redis:7@sha256:' + 'a'.repeat(64) + '\n', [], ['redis:7@sha256:' + 'a'.repeat(64)]],
    ['an ARG after the first FROM does not apply to FROM', 'FROM alpine\nARG X=y\nFROM ${X}:1\n', [], ['alpine', ':1']]
  ])('%s', (_name, text, args, expected) => expect(baseImages(text, args)).toEqual(expected));

  it('the test fixture', () => {
    const text = readFileSync(new URL('../../fixtures/build-context/Dockerfile', import.meta.url), 'utf8');
    expect(baseImages(text, [])).toEqual(['localhost/aim-busybox:latest']);
  });
});
