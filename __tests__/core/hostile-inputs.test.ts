/**
 * Hostile or broken inputs to the tag plan get an InputError that names the input and the fix,
 * never a TypeError or a silently wrong tag (`pr-undefined`, `object-Object`, a registry called
 * `Acme`).
 */
import { describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planTags, DEFAULT_PLAN_INPUTS, type PlanInputs } from '../../src/core/plan.js';
import { checkPayload, DEFAULT_ENGINE_OPTIONS, type EventContext } from '../../src/core/context.js';
import { readPayload } from '../../src/adapters/github/context.js';
import { InputError } from '../../src/core/errors.js';
import { references } from '../../src/core/outputs.js';

const NOW = new Date('2026-01-02T00:00:00Z');
const SHA = 'a'.repeat(40);
const ctx = (over: Partial<EventContext> = {}): EventContext => ({ eventName: 'push', ref: 'refs/heads/dev', sha: SHA, repository: 'acme/app', payload: {}, repo: {}, ...over });
const plan = (inputs: Partial<PlanInputs>, c: EventContext = ctx()) => planTags({ ...DEFAULT_PLAN_INPUTS, ...inputs }, { ctx: c, options: DEFAULT_ENGINE_OPTIONS, now: NOW });

function thrown(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

const payloadFile = (text: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'aim-payload-')), 'event.json');
  writeFileSync(file, text);
  return file;
};

describe('event payloads are checked before the engine reads them', () => {
  it('a null payload', () => {
    const file = payloadFile('null');
    expect(thrown(() => readPayload(file)).message).toBe(`Invalid GITHUB_EVENT_PATH '${file}': the event payload is null, not a JSON object; point it at the webhook payload JSON the runner writes (an object such as {"repository": {…}})`);
  });
  it('"commits": "x" and other fields of the wrong type name the field', () => {
    expect(thrown(() => readPayload(payloadFile('{"commits":"x"}'))).message).toMatch(/"commits" is string \("x"\), not array/);
    expect(thrown(() => checkPayload({ commits: [1] }, 'p')).message).toMatch(/"commits\[0\]" is not an object with a string id and timestamp/);
    expect(thrown(() => checkPayload({ pull_request: { head: { sha: 5 } } }, 'p')).message).toMatch(/"pull_request.head.sha" is number \(5\), not string/);
    expect(thrown(() => checkPayload({ repository: { default_branch: ['main'] } }, 'p')).message).toMatch(/"repository.default_branch" is array/);
    expect(thrown(() => checkPayload([], 'p')).message).toMatch(/the event payload is array, not a JSON object/);
  });
  it('a GITHUB_EVENT_PATH that is set but missing', () => {
    expect(thrown(() => readPayload('/nonexistent/event.json')).message).toBe(
      "Invalid GITHUB_EVENT_PATH '/nonexistent/event.json': the event payload file does not exist; unset GITHUB_EVENT_PATH or point it at the webhook payload JSON"
    );
    expect(readPayload(undefined)).toEqual({});
  });
  it('every recorded GitHub webhook payload (@octokit/webhooks-examples) and metadata-action fixture passes the check', () => {
    const require = createRequire(import.meta.url);
    const examples = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{ name: string; examples: unknown[] }>;
    const all = examples.flatMap((g) => g.examples.map((e) => [g.name, e] as const));
    const dir = join(fileURLToPath(new URL('.', import.meta.url)), '../fixtures/metadata-action/events');
    for (const f of readdirSync(dir).filter((n) => n.startsWith('event_') && n.endsWith('.json'))) all.push([f, JSON.parse(readFileSync(join(dir, f), 'utf8'))]);
    expect(all.length).toBeGreaterThan(300);
    for (const [name, payload] of all) expect([name, checkPayload(payload, name)]).toEqual([name, payload]);
  });
  it('pull_request_target without a number is refused, never pr-undefined', () => {
    const e = thrown(() => plan({ tags: ['type=ref,event=pr'] }, ctx({ eventName: 'pull_request_target', ref: 'refs/heads/main', payload: {} })));
    expect(e.message).toMatch(/^Invalid GITHUB_EVENT_PATH 'pull_request_target': a pull_request_target payload needs the pull request number/);
    const ok = plan({ tags: ['type=ref,event=pr'] }, ctx({ eventName: 'pull_request_target', ref: 'refs/heads/main', payload: { pull_request: { number: 9 } } }));
    expect(ok.version).toBe('pr-9');
  });
});

describe('templates', () => {
  it('{{date}} without a format names the rule and the fix', () => {
    expect(thrown(() => plan({ tags: ['type=raw,value={{date}}'] })).message).toBe(
      "Invalid tags (line 1) 'type=raw,value={{date}}': {{date}} needs a format, e.g. {{date 'YYYYMMDD-HHmmss'}} or {{date 'YYYYMMDD' tz='Asia/Shanghai'}}"
    );
    // the Handlebars path (a helper with a hash) gives the same error
    expect(thrown(() => plan({ tags: ["type=raw,value={{date tz='UTC'}}"] })).message).toMatch(/\{\{date\}\} needs a format/);
    expect(thrown(() => plan({ labels: ['built={{commit_date}}'] })).message).toMatch(/^Invalid labels \(line 1\) 'built=\{\{commit_date\}\}': \{\{commit_date\}\} needs a format/);
  });
});

describe('images', () => {
  it('a port out of range is refused naming the line', () => {
    expect(thrown(() => plan({ images: ['localhost:99999999/app'], tags: ['type=raw,value=x'] })).message).toBe(
      "Invalid images (line 1) 'localhost:99999999/app': 'localhost:99999999': port 99999999 is out of range (1–65535)"
    );
    expect(thrown(() => plan({ images: ['harbor.local:0/app'], tags: ['type=raw,value=x'] })).message).toMatch(/port 0 is out of range/);
    expect(references(plan({ images: ['localhost:65535/app'], tags: ['type=raw,value=x'] }))).toEqual(['localhost:65535/app:x']);
  });
  it("metadata-action's comma-separated images line gives one image each; two names with attributes are refused", () => {
    expect(references(plan({ images: ['user/app,ghcr.io/user/app'], tags: ['type=raw,value=x'] }))).toEqual(['user/app:x', 'ghcr.io/user/app:x']);
    expect(thrown(() => plan({ images: ['user/app,ghcr.io/user/app,enable=true'], tags: ['type=raw,value=x'] })).message).toMatch(/one image per line when it has attributes/);
  });
  it('duplicate image lines are used once, with a warning', () => {
    const p = plan({ images: ['ghcr.io/acme/app', 'GHCR.io/acme/app', 'ghcr.io/acme/other'], tags: ['type=raw,value=x'] });
    expect(references(p)).toEqual(['ghcr.io/acme/app:x', 'ghcr.io/acme/other:x']);
    expect(p.warnings).toContain("images line 2 'GHCR.io/acme/app' names ghcr.io/acme/app again (images line 1); it is used once");
  });
  it('Acme/app is the Docker Hub repository docker.io/acme/app, and the warning says so', () => {
    const p = plan({ images: ['Acme/app'], tags: ['type=raw,value=x'] });
    expect(p.targets[0]).toMatchObject({ registry: 'docker.io', kind: 'dockerhub', image: 'acme/app', repository: 'acme/app' });
    expect(p.warnings.join('\n')).toContain("images 'Acme/app' is the Docker Hub repository docker.io/acme/app: 'Acme' has no '.' or ':' and is not localhost");
  });
});
