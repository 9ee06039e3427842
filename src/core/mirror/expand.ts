/**
 * Variable expansion of one Dockerfile word as BuildKit's shell lexer does it for FROM and ARG:
 * `$VAR`, `${VAR}`, `${VAR:-word}`, `${VAR-word}`, `${VAR:+word}`, `${VAR+word}`, single quotes
 * (literal), double quotes (expanding), and the escape character (`\` or the `# escape=` one).
 * Unset variables expand to '' (as Docker does) and are reported in `unset`.
 */
export interface Expanded {
  value: string;
  /** variables that were referenced but not set (in order, unique) */
  unset: string[];
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*/;

export class ExpansionError extends Error {}

export function expandWord(word: string, vars: ReadonlyMap<string, string>, escape = '\\'): Expanded {
  const unset: string[] = [];
  const lookup = (name: string): string | undefined => {
    const v = vars.get(name);
    if (v === undefined && !unset.includes(name)) unset.push(name);
    return v;
  };
  let i = 0;
  const readVar = (): string => {
    // at '$'
    i++;
    if (word[i] === '{') {
      const close = matchingBrace(word, i);
      if (close < 0) throw new ExpansionError(`unterminated '\${' in '${word}'`);
      const inner = word.slice(i + 1, close);
      i = close + 1;
      const m = NAME_RE.exec(inner);
      if (!m) throw new ExpansionError(`bad variable name in '\${${inner}}'`);
      const name = m[0];
      const op = inner.slice(name.length);
      if (op === '') return lookup(name) ?? '';
      const om = /^(:?[-+])(.*)$/s.exec(op);
      if (!om) throw new ExpansionError(`unsupported expansion '\${${inner}}'; Dockerfiles support \${VAR}, \${VAR:-default} and \${VAR:+alternative}`);
      const value = vars.get(name);
      const colon = om[1].startsWith(':');
      const present = colon ? value !== undefined && value !== '' : value !== undefined;
      const nested = expandWord(om[2], vars, escape);
      if (om[1].endsWith('-')) {
        if (present) return value as string;
        for (const u of nested.unset) if (!unset.includes(u)) unset.push(u);
        return nested.value;
      }
      return present ? nested.value : '';
    }
    const m = NAME_RE.exec(word.slice(i));
    if (!m) return '$';
    i += m[0].length;
    return lookup(m[0]) ?? '';
  };
  let out = '';
  while (i < word.length) {
    const c = word[i];
    if (c === escape && i + 1 < word.length) {
      out += word[i + 1];
      i += 2;
    } else if (c === "'") {
      const end = word.indexOf("'", i + 1);
      if (end < 0) throw new ExpansionError(`unterminated single quote in '${word}'`);
      out += word.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i++;
      while (i < word.length && word[i] !== '"') {
        if (word[i] === escape && i + 1 < word.length && ['"', '$', escape].includes(word[i + 1])) {
          out += word[i + 1];
          i += 2;
        } else if (word[i] === '$') out += readVar();
        else out += word[i++];
      }
      if (i >= word.length) throw new ExpansionError(`unterminated double quote in '${word}'`);
      i++;
    } else if (c === '$') {
      out += readVar();
    } else {
      out += c;
      i++;
    }
  }
  return { value: out, unset };
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    if (s[j] === '{') depth++;
    else if (s[j] === '}' && --depth === 0) return j;
  }
  return -1;
}
