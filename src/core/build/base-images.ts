/**
 * The base images a Dockerfile's stages start FROM (for buildah's per-platform stores, which get
 * a copy of those present in the main store). Enough of the Dockerfile grammar for FROM lines:
 * comments, line continuations (`\`, or the `# escape=` directive's character), case-insensitive
 * instructions, `--platform=` flags, `AS name` stages (a later FROM naming a stage is not a base),
 * `scratch`, and `$VAR` / `${VAR}` / `${VAR:-default}` from the ARGs before the first FROM
 * (their defaults, overridden by build args). Order of first appearance, de-duplicated.
 */

function logicalLines(text: string): string[] {
  const escape = /^#\s*escape\s*=\s*`/im.test(text.split(/\r?\n/).slice(0, 5).join('\n')) ? '`' : '\\';
  const out: string[] = [];
  let current = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (current === '' && /^\s*#/.test(line)) continue;
    if (current !== '' && /^\s*#/.test(line)) continue; // comment lines inside a continuation
    if (line.endsWith(escape)) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    out.push(current + line);
    current = '';
  }
  if (current) out.push(current);
  return out.map((l) => l.trim()).filter(Boolean);
}

function substitute(value: string, vars: ReadonlyMap<string, string>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const v = vars.get(name);
    if (op === '-') return v ? v : word ?? '';
    if (op === '+') return v ? word ?? '' : '';
    return v ?? '';
  });
}

export function baseImages(dockerfile: string, buildArgs: ReadonlyArray<readonly [string, string]>): string[] {
  const given = new Map(buildArgs.map(([k, v]) => [k, v] as [string, string]));
  const vars = new Map<string, string>();
  const stages = new Set<string>();
  const out: string[] = [];
  let seenFrom = false;
  for (const line of logicalLines(dockerfile)) {
    const [instruction = '', ...rest] = line.split(/\s+/);
    const kind = instruction.toUpperCase();
    if (kind === 'ARG' && !seenFrom) {
      for (const decl of rest) {
        const eq = decl.indexOf('=');
        const name = eq < 0 ? decl : decl.slice(0, eq);
        const def = eq < 0 ? undefined : decl.slice(eq + 1).replace(/^"(.*)"$/, '$1');
        const value = given.get(name) ?? (def === undefined ? undefined : substitute(def, vars));
        if (value !== undefined) vars.set(name, value);
      }
      continue;
    }
    if (kind !== 'FROM') continue;
    seenFrom = true;
    const words = rest.filter((w) => !w.startsWith('--'));
    const image = substitute(words[0] ?? '', vars);
    const isStage = stages.has(image.toLowerCase());
    if (words[1]?.toUpperCase() === 'AS' && words[2]) stages.add(words[2].toLowerCase());
    if (!image || image.toLowerCase() === 'scratch' || isStage || out.includes(image)) continue;
    out.push(image);
  }
  return out;
}
