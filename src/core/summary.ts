/** Markdown for the job summary and the CLI: the plan as tables that say which rule made each tag. */
import type { TagPlan } from './plan.js';
import { tagNames } from './outputs.js';
import { code, escapeMarkdown } from './markdown.js';

export function cell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function planMarkdown(plan: TagPlan): string {
  const ev = plan.event;
  const parts = [
    '### aim-build tag plan',
    `Event ${code(ev.eventName)} on ${code(ev.ref)} (${escapeMarkdown(ev.sha.slice(0, 7)) || 'no sha'}) → version ${plan.version ? code(plan.version) : '(none)'}` +
      (plan.preset ? ' — default preset (no `tags:` rules given)' : ''),
    `Latest: ${plan.latest.enabled || plan.targets.some((t) => t.latest.enabled) ? 'yes' : 'no'} — ${escapeMarkdown(plan.latest.reason)}`
  ];
  if (plan.targets.length > 0) {
    const rows = plan.targets.flatMap((t) => t.references.map((r) => [escapeMarkdown(t.registry), code(r.ref), escapeMarkdown(r.rule)]));
    parts.push(table(['Registry', 'Reference', 'Rule'], rows));
  } else {
    const rules = new Map(plan.tags.map((t) => [t.name, t.rule]));
    parts.push(table(['Tag', 'Rule'], tagNames(plan).map((n) => [code(n), escapeMarkdown(rules.get(n) ?? `latest (${plan.latest.reason})`)])));
  }
  if (plan.warnings.length > 0) parts.push(plan.warnings.map((w) => `> ⚠️ ${escapeMarkdown(w)}`).join('\n'));
  return parts.join('\n\n') + '\n';
}
