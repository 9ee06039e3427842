/** Parses the `name<<delimiter … delimiter` records the runner protocol writes to GITHUB_OUTPUT/GITHUB_STATE. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^<\n]+)<<(ghadelimiter_[0-9a-f-]+)\r?\n([\s\S]*?)\r?\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]] = m[3];
  return out;
}

/**
 * Reads a GITHUB_OUTPUT / GITHUB_ENV file the way the Actions runner does (its file-command parser):
 * line by line, `name=value`, or `name<<DELIMITER` followed by lines up to the first line that is exactly
 * DELIMITER. A heredoc without its closing line is an error, as on the runner. Unlike parseOutputFile it
 * accepts any delimiter, so it shows what a workflow's own shell step really produced.
 */
export function parseFileCommands(text: string): Array<[string, string]> {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const out: Array<[string, string]> = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const eq = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
      out.push([line.slice(0, eq), line.slice(eq + 1)]);
    } else if (heredoc > 0) {
      const name = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]);
      if (i >= lines.length) throw new Error(`matching delimiter not found '${delimiter}'`);
      out.push([name, value.join('\n')]);
    } else if (line.trim() !== '') {
      throw new Error(`invalid format '${line}'`);
    }
  }
  return out;
}
