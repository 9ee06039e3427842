/** The subprocess seam with real processes: argv logged, stdin never, exit codes returned, streamed output fenced. */
import { afterEach, describe, expect, it } from '@jest/globals';
import { useRunnerIO } from '../../src/adapters/github/runner.js';
import { execChecked, execTool, observeExec, type ExecRecord } from '../../src/adapters/exec.js';
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
