/**
 * Evaluates GitHub Actions expressions with GitHub's own evaluator (@actions/expressions, the
 * package @actions/workflow-parser is built on), so a test can ask what an `if:` or a job output
 * gives for a given event, exactly as the runner's expression language defines it.
 */
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';

/** `${{ expr }}` or a bare `if:` expression → its value, coerced like the runner does for outputs (a string). */
export function evaluate(expression: string, contexts: Record<string, unknown>): string {
  const inner = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(expression)?.[1] ?? expression;
  const lexed = new Lexer(inner).lex();
  const expr = new Parser(lexed.tokens, Object.keys(contexts), []).parse();
  const ctx = JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary;
  return new Evaluator(expr, ctx).evaluate().coerceString();
}
