/** The subprocess seam with real processes: argv logged, stdin never, exit codes returned, streamed output fenced. */
import { afterEach, describe, expect, it } from '@jest/globals';
import { useRunnerIO } from '../../src/adapters/github/runner.js';
import { execChecked, execTool, observeExec, startTool, type ExecRecord } from '../../src/adapters/exec.js';
import { runnerCommands } from '../helpers/runner-commands.js';
import { ToolError } from '../../src/core/errors.js';

function capture(): { log: string[]; done: () => void } {
  const log: string[] = [];
  useRunnerIO(process.env, (t) => void log.push(t));
  return { log, done: () => useRunnerIO(process.env, (t) => void process.stdout.write(t)) };
}

describe('exec seam', () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it('passes stdin to the child but never logs it; observers see argv, env names and that stdin was used', async () => {
    const { log, done } = capture();
    restore = done;
    const seen: ExecRecord[] = [];
    const stop = observeExec((r) => seen.push(r));
    const secret = `stdin-canary-${Math.random()}`;
    const r = await execTool('sh', ['-c', 'read x; echo "${#x}:$AIM_TEST_VAR"'], { input: `${secret}\n`, env: { AIM_TEST_VAR: 'env-value' } });
    stop();
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${secret.length}:env-value\n`);
    expect(seen).toEqual([{ tool: 'sh', args: ['-c', 'read x; echo "${#x}:$AIM_TEST_VAR"'], envNames: ['AIM_TEST_VAR'], stdin: true }]);
    const text = log.join('');
    expect(text).toContain('::debug::exec ["sh","-c","read x; echo \\"${#x}:$AIM_TEST_VAR\\""] env+AIM_TEST_VAR (stdin)');
    expect(text).not.toContain(secret);
    expect(text).not.toContain('env-value');
  });

  it('a missing tool is exit 127, not a throw; execChecked turns failures into a ToolError with the stderr tail', async () => {
    const { done } = capture();
    restore = done;
    expect((await execTool('aim-build-no-such-tool', ['--version'])).exitCode).toBe(127);
    const failing = execChecked('sh', ['-c', 'echo one >&2; echo two >&2; exit 3'], { name: 'demo', fix: 'Do the thing' });
    await expect(failing).rejects.toThrow(ToolError);
    await expect(execChecked('sh', ['-c', 'echo one >&2; echo two >&2; exit 3'], { name: 'demo', fix: 'Do the thing' })).rejects.toThrow('demo failed with exit code 3: one\ntwo. Do the thing');
  });

  it('streamed output is echoed between ::stop-commands:: markers, so a build cannot issue workflow commands', async () => {
    const { log, done } = capture();
    restore = done;
    await execTool('sh', ['-c', 'echo "::set-output name=x::pwned"; echo "::add-mask::x" >&2'], { stream: true });
    const lines = log.join('').split('\n');
    const start = lines.findIndex((l) => l.startsWith('::stop-commands::'));
    const token = lines[start].slice('::stop-commands::'.length);
    const end = lines.indexOf(`::${token}::`);
    expect(lines[start - 1]).toBe(`[command]sh -c echo "::set-output name=x::pwned"; echo "::add-mask::x" >&2`);
    expect(lines.slice(start + 1, end).map((l) => l.replace(/\u200b/g, '')).sort()).toEqual(['::add-mask::x', '::set-output name=x::pwned']);
    expect(token).toMatch(/^aim-build-[0-9a-f-]{36}$/);
    // the runner sees the fence and nothing else (the lines inside are neutralised as well)
    expect(runnerCommands(log.join('')).filter((c) => c.command !== 'debug').map((c) => c.command)).toEqual(['stop-commands']);
    expect(runnerCommands(log.join('')).find((c) => c.command === 'stop-commands')?.data).toBe(token);
  });
});

describe('exec seam: the builder environment (a real child process)', () => {
  it("our own secret inputs and GITHUB_TOKEN never reach the child; the tool's settings and the step's additions do", async () => {
    const canary = `env-canary-${Math.random().toString(36).slice(2)}`;
    const names = ['INPUT_PASSWORD', 'INPUT_REGISTRY-AUTH', 'INPUT_SECRETS', 'INPUT_GITHUB-TOKEN', 'GITHUB_TOKEN'];
    const saved = Object.fromEntries([...names, 'BUILDAH_ISOLATION'].map((n) => [n, process.env[n]]));
    for (const n of names) process.env[n] = `${canary}-${n}`;
    process.env.BUILDAH_ISOLATION = 'chroot';
    try {
      const r = await execTool('env', [], { env: { AIM_BUILD_SECRET_0: 'added-by-the-step' } });
      expect(r.exitCode).toBe(0);
      const seen = Object.fromEntries(r.stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      expect(r.stdout).not.toContain(canary);
      for (const n of names) expect(seen[n]).toBeUndefined();
      expect(Object.keys(seen).filter((k) => k.startsWith('INPUT_'))).toEqual([]);
      expect(seen.BUILDAH_ISOLATION).toBe('chroot');
      expect(seen.PATH).toBe(process.env.PATH);
      expect(seen.AIM_BUILD_SECRET_0).toBe('added-by-the-step');
    } finally {
      for (const [n, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[n];
        else process.env[n] = v;
      }
    }
  });
});

describe('startTool (real processes: a container main process, a bounded check)', () => {
  it('returns the exit code and output of a finished process', async () => {
    const r = await startTool('sh', ['-c', 'echo out; echo err >&2; exit 4']).done;
    expect(r).toMatchObject({ exitCode: 4, stdout: 'out\n', stderr: 'err\n', timedOut: false });
  });

  it('stops the whole process group at the deadline (a background child is gone too)', async () => {
    const marker = `aim-start-tool-${process.pid}-${Date.now()}`;
    const started = Date.now();
    const proc = startTool('sh', ['-c', `sh -c 'sleep 3600; : ${marker}' & sleep 3600`], { timeoutMs: 1500 });
    await new Promise((r) => setTimeout(r, 400));
    expect((await execTool('ps', ['-eo', 'args'])).stdout).toContain(marker); // running before the deadline
    const r = await proc.done;
    expect(r.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(6000);
    await new Promise((r) => setTimeout(r, 300));
    expect((await execTool('ps', ['-eo', 'args'])).stdout).not.toContain(marker);
  });

  it('a missing tool is exit 127', async () => {
    const r = await startTool('aim-no-such-tool-xyz', []).done;
    expect(r.exitCode).toBe(127);
  });
});
