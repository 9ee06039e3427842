/**
 * Errors that tell the user what to change. Every message names the input (or registry),
 * echoes the bad value and says the fix. Entry points print `message` and fail the step.
 */
export class InputError extends Error {
  constructor(
    /** action input name, e.g. `tags`, with the 1-based line when the input is a list */
    readonly input: string,
    /** the offending value, echoed back verbatim */
    readonly value: string,
    /** what is wrong and how to fix it */
    readonly hint: string,
    readonly line?: number
  ) {
    super(`Invalid ${input}${line ? ` (line ${line})` : ''} '${value}': ${hint}`);
    this.name = 'InputError';
  }
}

/** A problem with one target registry (auth, permissions, availability). */
export class RegistryError extends Error {
  constructor(
    readonly registry: string,
    readonly detail: string,
    readonly fix: string
  ) {
    super(`Registry ${registry}: ${detail}. ${fix}`);
    this.name = 'RegistryError';
  }
}

/** An external tool (buildah, buildx, scanner) failed; `stderrTail` is the end of its stderr. */
export class ToolError extends Error {
  constructor(
    readonly tool: string,
    readonly exitCode: number,
    readonly stderrTail: string,
    readonly fix = ''
  ) {
    super(`${tool} failed with exit code ${exitCode}: ${stderrTail.trim() || '(no output)'}${fix ? `. ${fix}` : ''}`);
    this.name = 'ToolError';
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
