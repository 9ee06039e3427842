/**
 * How the GitHub Actions runner reads a step's stdout and its GITHUB_OUTPUT file, re-stated from
 * the runner's documented behaviour (actions/runner: ActionCommand.TryParseV2 / TryParse,
 * ActionCommandManager, FileCommandManager) so tests can ask "which commands would the runner
 * execute?" instead of searching for substrings.
 */

/** Commands the runner registers (case-insensitive). */
const REGISTERED = new Set([
  'add-mask', 'add-matcher', 'remove-matcher', 'add-path', 'set-env', 'set-output', 'save-state', 'debug',
  'notice', 'warning', 'error', 'group', 'endgroup', 'echo', 'stop-commands', 'internal-set-repo-path'
]);

export interface RunnerCommand {
  command: string;
  properties: Record<string, string>;
  data: string;
  line: string;
}

/** .NET's char.IsWhiteSpace set (String.TrimStart): JS \s without U+FEFF, plus U+0085. */
const DOTNET_WS = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/;

const unescapeData = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
const unescapeV1 = (s: string): string => s.replace(/%3B/g, ';').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%5D/g, ']').replace(/%25/g, '%');

function parseV2(input: string): RunnerCommand | undefined {
  const message = input.replace(DOTNET_WS, '');
  if (!message.startsWith('::')) return undefined;
  const end = message.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  if (!REGISTERED.has(command.toLowerCase())) return undefined;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const p of info.slice(space + 1).trim().split(',').filter(Boolean)) {
      const eq = p.indexOf('=');
      if (eq > 0 && eq < p.length - 1) properties[p.slice(0, eq)] = unescapeProperty(p.slice(eq + 1));
    }
  }
  return { command: command.toLowerCase(), properties, data: unescapeData(message.slice(end + 2)), line: input };
}

function parseV1(input: string): RunnerCommand | undefined {
  const prefix = input.indexOf('##[');
  if (prefix < 0) return undefined;
  const rb = input.indexOf(']', prefix);
  if (rb < 0) return undefined;
  const info = input.slice(prefix + 3, rb);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  if (!REGISTERED.has(command.toLowerCase())) return undefined;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const p of info.slice(space + 1).split(';').filter(Boolean)) {
      const eq = p.indexOf('=');
      if (eq > 0 && eq < p.length - 1) properties[p.slice(0, eq)] = unescapeV1(p.slice(eq + 1));
    }
  }
  return { command: command.toLowerCase(), properties, data: unescapeV1(input.slice(rb + 1)), line: input };
}

/** The commands the runner would execute for this stdout (lines split as .NET ReadLine does: CR, LF, CRLF). */
export function runnerCommands(stdout: string): RunnerCommand[] {
  return stdout.split(/\r\n|\r|\n/).flatMap((line) => {
    const c = parseV2(line) ?? parseV1(line);
    return c ? [c] : [];
  });
}

/** GITHUB_OUTPUT / GITHUB_STATE as the runner reads it on Linux: `name=value` and `name<<delimiter` records, LF lines. */
export function runnerFileRecords(text: string): Array<[string, string]> {
  const records: Array<[string, string]> = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const eq = line.indexOf('=');
    const hd = line.indexOf('<<');
    if (eq >= 0 && (hd < 0 || eq < hd)) {
      records.push([line.slice(0, eq), line.slice(eq + 1)]);
    } else if (hd >= 0) {
      const name = line.slice(0, hd);
      const delimiter = line.slice(hd + 2);
      if (!name || !delimiter) throw new Error(`invalid record '${line}'`);
      const value: string[] = [];
      for (i++; ; i++) {
        if (i >= lines.length) throw new Error(`delimiter not found '${delimiter}'`);
        if (lines[i] === delimiter) break;
        value.push(lines[i]);
      }
      records.push([name, value.join('\n')]);
    } else {
      throw new Error(`invalid record '${line}'`);
    }
  }
  return records;
}
