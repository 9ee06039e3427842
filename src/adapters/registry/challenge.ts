/** A parsed `WWW-Authenticate` challenge (RFC 7235), as registries send it. */
export interface AuthChallenge {
  scheme: 'basic' | 'bearer' | string;
  params: Record<string, string>;
}

/**
 * Parses `Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/r:pull"`
 * or `Basic realm="x"`. With several challenges, Bearer wins over Basic.
 */
export function parseChallenge(header: string | null | undefined): AuthChallenge | undefined {
  if (!header) return undefined;
  const challenges: AuthChallenge[] = [];
  // scheme token followed by auth-params; a new challenge starts with "<token> " not followed by '='
  const re = /([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(?:\s+((?:[A-Za-z0-9_-]+\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^,\s]*)\s*,?\s*)*))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(header)) !== null) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    const params: Record<string, string> = {};
    const paramRe = /([A-Za-z0-9_-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^,\s]*)/g;
    let p: RegExpExecArray | null;
    while ((p = paramRe.exec(m[2] ?? '')) !== null) {
      const raw = p[2];
      params[p[1].toLowerCase()] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    }
    challenges.push({ scheme: m[1].toLowerCase(), params });
  }
  return challenges.find((c) => c.scheme === 'bearer') ?? challenges[0];
}

/** `repository:NAME:pull,push` */
export function repositoryScope(repository: string, actions: string[]): string {
  return `repository:${repository}:${actions.join(',')}`;
}

const ACTION_ORDER = ['pull', 'push', 'delete', '*'];

/**
 * Merges scopes per resource with a canonical action order, so `repository:r:push,pull` (as
 * distribution sends it, in random order) and `repository:r:pull` become `repository:r:pull,push`.
 */
export function mergeScopes(scopes: string[]): string[] {
  const byResource = new Map<string, Set<string>>();
  for (const scope of scopes.flatMap((s) => s.split(' ')).filter(Boolean)) {
    const last = scope.lastIndexOf(':');
    if (last <= 0) continue;
    const resource = scope.slice(0, last);
    const set = byResource.get(resource) ?? new Set<string>();
    for (const a of scope.slice(last + 1).split(',')) if (a) set.add(a);
    byResource.set(resource, set);
  }
  const rank = (a: string): number => {
    const i = ACTION_ORDER.indexOf(a);
    return i === -1 ? ACTION_ORDER.length : i;
  };
  return [...byResource].map(([resource, actions]) => `${resource}:${[...actions].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).join(',')}`);
}
