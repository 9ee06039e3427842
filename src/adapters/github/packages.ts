/**
 * GitHub Packages REST API for container packages (GHCR), the github.com seam of PR cleanup:
 * list a package's versions (every page) and delete one version (docs/registry-naming.md §2.1 D1–D7).
 *
 * - The owner is an organization or a user; the org endpoint is tried first, the user endpoint
 *   after a 404 (and remembered).
 * - Nested package names are URL-encoded (`repo/api` → `repo%2Fapi`, D5).
 * - Errors are {@link PackagesApiError}s that name the package, the HTTP status and the fix; the
 *   token is never part of a message. A public version with more than 5,000 downloads (D7) is a
 *   `too-many-downloads` error the caller reports as a warning.
 * `fetch` is injected: tests record the requests instead of reaching api.github.com.
 */
import { RegistryError } from '../../core/errors.js';
import type { GhcrVersion } from '../../core/cleanup.js';
import { nextLink } from '../registry/client.js';

export type PackagesErrorKind = 'auth' | 'denied' | 'not-found' | 'too-many-downloads' | 'unavailable' | 'network' | 'protocol';

export class PackagesApiError extends RegistryError {
  constructor(
    registry: string,
    detail: string,
    fix: string,
    readonly kind: PackagesErrorKind,
    readonly status?: number
  ) {
    super(registry, detail, fix);
    this.name = 'PackagesApiError';
  }
}

export interface PackagesDeps {
  fetch: typeof fetch;
  token: string;
  /** GITHUB_API_URL (GHES); default https://api.github.com */
  apiUrl?: string;
  /** the registry host for messages (ghcr.io, containers.<ghes>) */
  registry?: string;
  timeoutMs?: number;
  /** extra attempts on 5xx/429/network errors; default 2 */
  retries?: number;
  sleep?: (ms: number) => Promise<void>;
  log?: (message: string) => void;
}

const PERMISSION_FIX =
  'Give the job `permissions: packages: write`, and in the package settings → Manage Actions access give this repository the Admin role ' +
  '(deleting a version needs admin on the package); a classic personal access token needs read:packages and delete:packages';

export class GhcrPackages {
  private ownerPath?: string;
  private readonly api: string;
  private readonly registry: string;

  constructor(
    readonly owner: string,
    /** the package name as in the image path, e.g. `repo/api` */
    readonly name: string,
    private readonly deps: PackagesDeps
  ) {
    this.api = (deps.apiUrl || 'https://api.github.com').replace(/\/+$/, '');
    this.registry = deps.registry ?? 'ghcr.io';
  }

  private get what(): string {
    return `container package '${this.name}' of ${this.owner}`;
  }

  private base(ownerPath: string): string {
    return `${this.api}${ownerPath}/packages/container/${encodeURIComponent(this.name)}`;
  }

  /** Every version of the package (D1: per_page=100, pages followed through the Link header). */
  async listVersions(): Promise<GhcrVersion[]> {
    const candidates = this.ownerPath ? [this.ownerPath] : [`/orgs/${encodeURIComponent(this.owner)}`, `/users/${encodeURIComponent(this.owner)}`];
    for (const ownerPath of candidates) {
      const first = await this.request('GET', `${this.base(ownerPath)}/versions?per_page=100`, 'list the versions of');
      if (first.status === 404) continue;
      this.ownerPath = ownerPath;
      return this.pages(first);
    }
    throw new PackagesApiError(
      this.registry,
      `${this.what} was not found for the organization or the user '${this.owner}' (HTTP 404)`,
      'Check the image name; GitHub also answers 404 when the token cannot see the package: give the job `permissions: packages: read` and this repository access to the package (package settings → Manage Actions access)',
      'not-found',
      404
    );
  }

  private async pages(first: Response): Promise<GhcrVersion[]> {
    const versions: GhcrVersion[] = [];
    let res: Response | undefined = first;
    for (let page = 1; res; page++) {
      if (!res.ok) throw await this.fail(res, 'list the versions of');
      const body = (await res.json()) as unknown;
      if (!Array.isArray(body)) throw new PackagesApiError(this.registry, `the versions of ${this.what} are not a JSON array`, 'Report this with the log', 'protocol', res.status);
      versions.push(...(body as GhcrVersion[]));
      const next = nextLink(res.headers.get('link'));
      if (!next || page >= 1000) break;
      res = await this.request('GET', next, 'list the versions of');
    }
    this.deps.log?.(`${this.what}: ${versions.length} versions (${this.ownerPath})`);
    return versions;
  }

  /** DELETE one version (D2). A version that is already gone counts as deleted. */
  async deleteVersion(id: number): Promise<'deleted' | 'gone'> {
    if (!this.ownerPath) await this.listVersions();
    const res = await this.request('DELETE', `${this.base(this.ownerPath as string)}/versions/${id}`, `delete version ${id} of`);
    if (res.status === 204 || res.status === 200) return 'deleted';
    if (res.status === 404) return 'gone';
    throw await this.fail(res, `delete version ${id} of`);
  }

  private async request(method: 'GET' | 'DELETE', url: string, action: string): Promise<Response> {
    const retries = this.deps.retries ?? 2;
    for (let attempt = 0; ; attempt++) {
      let res: Response | undefined;
      let err: unknown;
      try {
        res = await this.deps.fetch(url, {
          method,
          headers: { authorization: `Bearer ${this.deps.token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', 'user-agent': 'aim-build' },
          signal: AbortSignal.timeout(this.deps.timeoutMs ?? 15_000)
        });
      } catch (e) {
        err = e;
      }
      const code = (err as { cause?: { code?: string } })?.cause?.code;
      const transient = res ? res.status === 429 || res.status >= 500 : code !== 'ENOTFOUND';
      if (!transient || attempt >= retries) {
        if (res) return res;
        const cause = code ?? (err as Error)?.message;
        throw new PackagesApiError(this.registry, `could not reach the GitHub API to ${action} ${this.what} (${cause})`, 'Retry later; check the runner can reach the GitHub API (GITHUB_API_URL)', 'network');
      }
      this.deps.log?.(`${method} ${url.replace(/\?.*$/, '')} ${res ? `-> HTTP ${res.status}` : 'failed'}; retry ${attempt + 1}/${retries}`);
      await (this.deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms))))(500 * 2 ** attempt);
    }
  }

  private async fail(res: Response, action: string): Promise<PackagesApiError> {
    const text = await res.text().catch(() => '');
    let message: string;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? '';
    } catch {
      message = text.slice(0, 200);
    }
    const detail = `cannot ${action} ${this.what} (HTTP ${res.status}${message ? `: ${message}` : ''})`;
    const mk = (kind: PackagesErrorKind, fix: string): PackagesApiError => new PackagesApiError(this.registry, detail, fix, kind, res.status);
    if (/download/i.test(message) && [400, 403, 409, 422].includes(res.status)) {
      return mk('too-many-downloads', 'GitHub does not delete versions of a public package that were downloaded more than 5,000 times; it stays (GitHub Support can remove it)');
    }
    if (res.status === 401) return mk('auth', 'The github-token was rejected: pass a valid token (default `${{ github.token }}`); an expired or revoked personal access token gives this too');
    if (res.status === 403) return mk('denied', PERMISSION_FIX);
    if (res.status === 404) return mk('not-found', 'Check the image name and that the token can see the package');
    if (res.status === 429 || res.status >= 500) return mk('unavailable', 'The GitHub API is unavailable or rate limiting; retry later');
    return mk('protocol', 'Unexpected answer from the GitHub API; report it with the log');
  }
}
