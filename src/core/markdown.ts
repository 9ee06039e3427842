/**
 * Text from outside the workflow file (refs, branch and image names, registry and scanner text,
 * payload fields) placed in job summaries and PR comments. The one home for markdown escaping:
 * `code` for names and references, `escapeMarkdown` for prose. Table cells additionally escape
 * `|` (core/summary.ts `cell`).
 */

/** Line breaks as CommonMark and browsers see them, Unicode separators included. */
const LINE_BREAKS = /\s*(?:\r\n|[\r\n\u2028\u2029\u0085])\s*/g;

/** One line; a hostile value cannot start a heading, a list, a table row or a quote. */
export const oneLine = (text: string): string => text.replace(LINE_BREAKS, ' ');

/**
 * Backslash-escaped: `\` `` ` `` `*` `[` `]` `~`, and `_` except between two letters or digits
 * (an intraword `_` can neither open nor close emphasis in CommonMark, so `id_rsa` stays as it is).
 */
const SPECIALS = /[\\`*[\]~]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;

/**
 * Prose: no HTML (a name cannot open a tag or a comment), no links, images, emphasis, code or
 * strike-through from the text itself; everything still reads as written once rendered.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(SPECIALS, (c) => `\\${c}`);
}

/**
 * An inline code span that holds any text: the fence is one backtick longer than the longest run
 * inside, padded with a space when the text starts or ends with a backtick (CommonMark 6.1).
 * Inside a code span nothing is markdown or HTML, and GitHub does not link @mentions there.
 */
export function code(text: string): string {
  const flat = oneLine(text);
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
