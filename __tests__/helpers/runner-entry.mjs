// Loads src/adapters/github/runner.ts into a plain child process (no ts-jest there): the module has
// no imports but node builtins, so a TypeScript transpile of that one file is all it needs.
import ts from 'typescript';
import { readFileSync } from 'node:fs';

const src = readFileSync(new URL('../../src/adapters/github/runner.ts', import.meta.url), 'utf8');
const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
const mod = await import('data:text/javascript;base64,' + Buffer.from(js).toString('base64'));
export const { getInput, setOutput, saveState, info, debug, warning, startGroup, endGroup, setSecret, setFailed, appendSummary } = mod;
