/**
 * Log-command injection (issue: a registry or a payload chooses runner commands). Hostile strings
 * go through every path that logs, writes an output or a summary; the runner's own parsing
 * (helpers/runner-commands.ts) decides what would be executed. The last block runs the committed
 * dist/meta against a hostile registry on 127.0.0.1 (latest: release lists its tags).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import * as runner from '../../src/adapters/github/runner.js';
import { code, escapeMarkdown } from '../../src/core/markdown.js';
import { planMarkdown } from '../../src/core/summary.js';
import { escapeCell } from '../../src/core/scan/summary.js';
import { runnerCommands, runnerFileRecords } from '../helpers/runner-commands.js';
import { runActionAsync } from '../helpers/run-bundle.js';
import { plan } from '../helpers/events.js';

const HOSTILE_PIECES = [
  '::add-mask::', '::set-output name=tags::evil', '::warning::x', '::stop-commands::tok', '::error file=a,line=1::boom',
  '##[add-mask]s3cr3t', '##[set-output name=push;]true', '%0A', '%0D', '%25', '%', '\n', '\r', '\r\n', '\u2028', '\u2029',
  '\u0085', '\u00a0', '\u3000', ' ', '\t', ':', '::', '#', '##[', ']', '<<', 'ghadelimiter_', '=', '__proto__', 'constructor',
  'prototype', 'toString', '`', '```', '<!--', '-->', '<img src=x onerror=alert(1)>', '[x](https://evil.example)', '![p](https://e/p.png)',
  '|', '*', '_', '~~', '@octocat', '\\', 'ünï ✓', '\u200b'
];
const hostile = fc.array(fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 14 }).map((a) => a.join(''));

function capture(fn: () => void, env: Record<string, string> = {}): string {
  let out = '';
  runner.useRunnerIO(env, (t) => (out += t));
  try {
    fn();
  } finally {
    runner.useRunnerIO(process.env, (t) => void process.stdout.write(t));
  }
  return out;
}

describe('runner log commands: hostile text cannot become a command (property)', () => {
  it('info: never a command, and the text is still there to read', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = capture(() => runner.info(s));
        expect(runnerCommands(out)).toEqual([]);
        expect(out.replace(/\u200b/g, '')).toBe(s.replace(/\u200b/g, '') + '\n');
      }),
      { numRuns: 2000 }
    );
  });

  it.each(['warning', 'error', 'debug', 'startGroup'] as const)('%s: exactly one command, whose data is the text', (fn) => {
    const name = fn === 'startGroup' ? 'group' : fn;
    fc.assert(
      fc.property(hostile, (s) => {
        const commands = runnerCommands(capture(() => runner[fn](s)));
        expect(commands.map((c) => [c.command, c.data])).toEqual([[name, s]]);
      }),
      { numRuns: 1000 }
    );
  });

  it('known vectors are inert in info (V2 after .NET whitespace, V1 anywhere in the line)', () => {
    for (const s of ['::add-mask::x', '  ::set-output name=a::b', '\u0085::add-mask::x', '\u2028::add-mask::x', 'ok\n\t::warning::x', 'text ##[add-mask]x', 'a\r::stop-commands::t']) {
      expect(runnerCommands(capture(() => runner.info(s)))).toEqual([]);
    }
  });
});

describe('outputs and state: a value cannot add or split a record (property)', () => {
  it('setOutput/saveState: the runner reads back exactly the names and values written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aim-inject-'));
    const files = { GITHUB_OUTPUT: join(dir, 'out'), GITHUB_STATE: join(dir, 'state') };
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 4 }), (values) => {
        for (const f of Object.values(files)) writeFileSync(f, '');
        const stdout = capture(() => values.forEach((v, i) => {
          runner.setOutput(`out${i}`, v);
          runner.saveState(`st${i}`, v);
        }), files);
        expect(stdout).toBe('');
        expect(runnerFileRecords(readFileSync(files.GITHUB_OUTPUT, 'utf8'))).toEqual(values.map((v, i) => [`out${i}`, v]));
        expect(runnerFileRecords(readFileSync(files.GITHUB_STATE, 'utf8'))).toEqual(values.map((v, i) => [`st${i}`, v]));
      }),
      { numRuns: 300 }
    );
  });

  it('a value shaped like a record (a delimiter line of another run, name=value, name<<EOF) stays inside its own record', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aim-inject-'));
    const files = { GITHUB_OUTPUT: join(dir, 'out') };
    writeFileSync(files.GITHUB_OUTPUT, '');
    const value = `desc\nghadelimiter_${randomUUID()}\npush=true\ntags<<EOF\nevil.example/x:latest\nEOF\n`;
    capture(() => {
      runner.setOutput('labels', value);
      runner.setOutput('push', 'false');
    }, files);
    expect(runnerFileRecords(readFileSync(files.GITHUB_OUTPUT, 'utf8'))).toEqual([['labels', value], ['push', 'false']]);
  });

  it('without GITHUB_OUTPUT (the old command): one set-output with the value', () => {
    fc.assert(
      fc.property(hostile, (v) => {
        const commands = runnerCommands(capture(() => runner.setOutput('tags', v)));
        expect(commands.map((c) => [c.command, c.properties.name, c.data])).toEqual([['set-output', 'tags', v]]);
      }),
      { numRuns: 500 }
    );
  });
});

/** What a hostile string may not do once rendered as GitHub markdown, checked structurally. */
function expectInertProse(md: string): void {
  expect(md).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
  expect(md).not.toMatch(/[<>]/); // no HTML: tags, comments, autolinks
  expect(md).not.toMatch(/(^|[^\\])(\\\\)*[`*[\]~]/); // every markdown special is backslash-escaped…
  // …and `_` too, unless it sits between two letters or digits (intraword: never emphasis)
  expect(md).not.toMatch(/(^|[^\\])(\\\\)*(?<![\p{L}\p{N}])_|(^|[^\\])(\\\\)*_(?![\p{L}\p{N}])/u);
}

describe('markdown: refs and names cannot inject markup (property)', () => {
  it('escapeMarkdown: one line, no HTML, every special escaped', () => {
    fc.assert(fc.property(hostile, (s) => expectInertProse(escapeMarkdown(s))), { numRuns: 2000 });
  });

  it('code: one code span whose fence no run inside can close', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const md = code(s);
        expect(md).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
        const fence = /^`+/.exec(md)![0];
        expect(md.endsWith(fence)).toBe(true);
        const inner = md.slice(fence.length, md.length - fence.length);
        for (const run of inner.match(/`+/g) ?? []) expect(run.length).not.toBe(fence.length);
        expect(inner.startsWith('`') || inner.endsWith('`')).toBe(false);
      }),
      { numRuns: 2000 }
    );
  });

  it('scan table cells: escaped and no raw pipe', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const cell = escapeCell(s);
        expectInertProse(cell);
        expect(cell).not.toMatch(/(^|[^\\])\|/);
      }),
      { numRuns: 1000 }
    );
  });

  it('the plan summary with a hostile ref: the ref sits in one code span on the event line', () => {
    fc.assert(
      fc.property(hostile.filter((s) => s.length > 0), (s) => {
        const p = plan({ event: 'push', ref: 'refs/heads/main' }, { images: ['ghcr.io/acme/app'] });
        const md = planMarkdown({ ...p, event: { ...p.event, ref: `refs/heads/${s}` }, warnings: [`branch ${s} is odd`] });
        const lines = md.split('\n');
        const event = lines.find((l) => l.startsWith('Event '))!;
        expect(event).toContain(code(`refs/heads/${s}`));
        expect(lines.filter((l) => l.startsWith('> ⚠️ '))).toEqual([`> ⚠️ ${escapeMarkdown(`branch ${s} is odd`)}`]);
      }),
      { numRuns: 300 }
    );
  });
});

describe('a hostile registry through dist/meta (latest: release lists tags; loopback server)', () => {
  let server: Server;
  let host = '';
  const body = [
    'upstream failure',
    '::add-mask::ghs_reallysecret',
    '::set-output name=tags::evil.example/pwned:latest',
    '  ::warning::registry says hi',
    '##[add-mask]legacy',
    '::stop-commands::tok',
    '%0A::error::encoded'
  ].join('\n');
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.statusCode = req.url === '/v2/' ? 200 : 400;
      res.setHeader('content-type', 'application/json');
      // the OCI error body, whose code and message the client quotes in its error
      res.end(req.url === '/v2/' ? '{}' : JSON.stringify({ errors: [{ code: 'DENIED\n::add-mask::code', message: body }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('the error body is logged but no line of it is a runner command, and the outputs are ours only', async () => {
    const r = await runActionAsync('meta', { images: `${host}/acme/app`, latest: 'release', 'github-token': '' }, {
      name: 'push',
      ref: 'refs/tags/v1.2.3',
      payload: { repository: { name: 'app', description: 'line one\n::set-output name=push::true\nghadelimiter_x', html_url: 'https://github.com/acme/app', default_branch: 'main', license: null } }
    });
    expect(r.status).toBe(0);
    // the body did reach the log (the test would prove nothing otherwise)…
    expect(r.stdout).toContain('could not list tags');
    expect(r.stdout.replace(/\u200b/g, '')).toContain('::add-mask::ghs_reallysecret');
    // …and the runner would execute only our own commands
    const commands = runnerCommands(r.stdout);
    expect(commands.map((c) => c.command).filter((c) => !['group', 'endgroup', 'warning', 'debug'].includes(c))).toEqual([]);
    expect(commands.filter((c) => c.command === 'warning').every((c) => c.data.startsWith('Could not list the tags') || !/registry says hi/.test(c.line))).toBe(true);
    const names = runnerFileRecords(readFileSync(r.files.output, 'utf8')).map(([n]) => n);
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain('evil');
    const outputs = Object.fromEntries(runnerFileRecords(readFileSync(r.files.output, 'utf8')));
    expect(outputs.tags).not.toContain('evil.example');
    expect(outputs.push).toBeDefined();
    expect(outputs.labels).toContain('org.opencontainers.image.description=line one\n::set-output name=push::true\nghadelimiter_x');
  });
});
