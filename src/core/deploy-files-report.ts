/** The job-summary section of the deployment rewrite. */
import type { DeployChange } from './deploy-files.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

export function deployFilesMarkdown(matched: number, changed: Array<{ path: string; changes: DeployChange[] }>): string {
  const head = `### Deployment files\n\n${changed.length} of ${matched} file(s) now pin the pushed image by digest.\n\n`;
  if (changed.length === 0) return head;
  const rows = changed.flatMap((f) => f.changes.map((c) => `| \`${cell(f.path)}:${c.line}\` | \`${cell(c.path)}\` | \`${cell(c.from)}\` | \`${cell(c.to)}\` |`));
  return `${head}| File | Key | Before | After |\n|---|---|---|---|\n${rows.join('\n')}\n\n`;
}
