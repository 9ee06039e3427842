/**
 * User regular expressions (`type=match,pattern=…`, `semver/pep440 …,match=…`) run on a
 * linear-time engine (RE2JS, the JavaScript port of RE2): a pattern such as `^(a+)+$` against a
 * crafted branch or tag cannot hang the step, whatever the input. The results follow
 * `String.prototype.match` as docker/metadata-action uses it: without `g`, the whole match and its
 * groups (a group that did not take part is undefined); with `g`, every whole match.
 *
 * Patterns are JavaScript syntax (`/re/flags` or a bare expression), translated for RE2.
 * Backreferences and lookaround need backtracking: RE2 refuses them, and so do we, with the rule.
 * The engine is loaded by the adapter only when a rule has a pattern (a lazy chunk), like Handlebars.
 */
import type { RE2JS as RE2JSClass } from 're2js';

/** Longest value a pattern is run on; git refs and tag values are far shorter. */
export const MAX_MATCH_INPUT = 1024;

export type MatchResult = Array<string | undefined> | null;

export interface RulePattern {
  /** the pattern as written */
  source: string;
  match(input: string): MatchResult;
}

let engine: typeof RE2JSClass | undefined;

export function usePatternEngine(e: typeof RE2JSClass): void {
  engine = e;
}

/** True when some line may hold a regular expression (type=match or a match= attribute). */
export function needsPatternEngine(lines: readonly string[]): boolean {
  return lines.some((line) => /match/i.test(line));
}

const FLAGS = 'gimsu';

/**
 * Compiles `pattern` (`/re/flags` or a bare expression). Throws an Error whose message says what
 * is wrong; the caller names the rule.
 */
export function compilePattern(pattern: string): RulePattern {
  let compiled = cache.get(pattern);
  if (!compiled) {
    compiled = compile(pattern);
    cache.set(pattern, compiled);
  }
  return compiled;
}

const cache = new Map<string, RulePattern>();

function compile(pattern: string): RulePattern {
  if (!engine) throw new Error('the pattern engine was not loaded (call loadPatternEngine before planning)');
  const RE2JS = engine;
  const literal = pattern.match(/^\/(.+)\/(.*)$/);
  const body = literal ? literal[1] : pattern;
  const flags = literal ? literal[2] : '';
  for (const flag of flags) {
    if (!FLAGS.includes(flag)) throw new Error(`flag '${flag}' is not supported; use i, m, s, u or g`);
  }
  let bits = 0;
  if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) bits |= RE2JS.MULTILINE;
  if (flags.includes('s')) bits |= RE2JS.DOTALL;
  let re: RE2JSClass;
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(body), bits);
  } catch (e) {
    const why = (e as Error).message.replace(/^error parsing regexp: /, '');
    const hint = /\(\?[=!<]|\\[1-9]/.test(body) ? ' (lookaround and backreferences need a backtracking engine, which a crafted ref could make run for hours; rewrite without them)' : '';
    throw new Error(`not a valid regular expression: ${why}${hint}`, { cause: e });
  }
  const global = flags.includes('g');
  return {
    source: pattern,
    match(input: string): MatchResult {
      if (input.length > MAX_MATCH_INPUT) {
        throw new Error(`the value to match is ${input.length} characters; patterns run on at most ${MAX_MATCH_INPUT}`);
      }
      const m = re.matcher(input);
      if (global) {
        const all: string[] = [];
        // an empty match advances by one character, so this ends within input.length + 1 rounds
        for (let n = 0; n <= input.length && m.find(); n++) all.push(m.group(0) ?? '');
        return all.length > 0 ? all : null;
      }
      if (!m.find()) return null;
      const groups: Array<string | undefined> = [];
      for (let g = 0; g <= m.groupCount(); g++) groups.push(m.group(g) ?? undefined);
      return groups;
    }
  };
}
