/**
 * OCI labels and annotations: `org.opencontainers.image.*` from the repository and the plan,
 * then the user's lines (Handlebars expressions allowed), merged by key and sorted — as
 * docker/metadata-action does, but a line without `=` is an error instead of being dropped.
 */
import { InputError } from './errors.js';
import type { EventContext } from './context.js';
import { renderGlobal, type TemplateEnv } from './template.js';
import { listItem } from './rules.js';

export function ociLabels(ctx: EventContext, version: string, sha: string, now: Date): Record<string, string> {
  const url = ctx.repo.htmlUrl ?? '';
  return {
    'org.opencontainers.image.created': now.toISOString(),
    'org.opencontainers.image.description': ctx.repo.description ?? '',
    'org.opencontainers.image.licenses': ctx.repo.license ?? '',
    'org.opencontainers.image.revision': sha,
    'org.opencontainers.image.source': url,
    'org.opencontainers.image.title': ctx.repo.name ?? ctx.repository.split('/')[1] ?? '',
    'org.opencontainers.image.url': url,
    'org.opencontainers.image.version': version
  };
}

/**
 * Merges `key=value` lines over the base set; returns entries sorted by key. A line without `=` is
 * an error, or with `skip` (compat: metadata-action) dropped with a warning as metadata-action does.
 */
export function mergeLabels(
  input: 'labels' | 'annotations',
  base: Record<string, string>,
  lines: string[],
  env: TemplateEnv,
  skip?: (warning: string) => void
): Array<[string, string]> {
  const merged = new Map(Object.entries(base));
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    let rendered: string;
    try {
      rendered = renderGlobal(listItem(line), env);
    } catch (e) {
      throw new InputError(input, line, (e as Error).message, i + 1);
    }
    const eq = rendered.indexOf('=');
    if (eq < 0 && skip) {
      skip(`${input} line ${i + 1} '${line}' has no '=' and is skipped (compat: metadata-action); write key=value`);
      return;
    }
    if (eq <= 0) throw new InputError(input, line, 'expected key=value, e.g. org.opencontainers.image.vendor=Acme', i + 1);
    merged.set(rendered.slice(0, eq), rendered.slice(eq + 1));
  });
  // code-point order: the same as metadata-action's localeCompare for the usual lower-case dotted
  // keys, without initialising ICU collation (13 ms of a cold start)
  return [...merged.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
