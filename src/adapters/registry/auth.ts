/**
 * Registry auth: answers `WWW-Authenticate` challenges. Basic → the credentials; Bearer → a token
 * from the realm for `repository:NAME:<actions>` (cached per scope).
 *
 * Scoped to the registry's origin: credentials and tokens are attached only to URLs on the
 * registry's own origin (not to a `Link` page, an upload `Location` or a redirect elsewhere), a
 * challenge is accepted only from that origin, and a realm must be `https://` for an `https://`
 * registry (loopback excepted). Tokens received are handed to `onSecret` (the runner masks them).
 * Credentials are never logged nor put in error messages (the username may be).
 */
import { mergeScopes, parseChallenge, repositoryScope, type AuthChallenge } from './challenge.js';
import { RegistryRequestError } from './errors.js';
import { describe, sameOrigin, schemeAllowed, type HttpResult, type RequestSpec, type Transport } from './transport.js';

export interface RegistryCredentials {
  username: string;
  password: string;
}

const MAX_TOKEN_BODY = 1024 * 1024;

export class Auth {
  private basicHeader?: string;
  /** bearer tokens by scope key */
  private readonly tokens = new Map<string, { token: string; expires: number }>();
  /** the last challenge seen from the registry's origin */
  challenge?: AuthChallenge;

  constructor(
    private readonly t: Transport,
    private readonly origin: string,
    readonly credentials: RegistryCredentials | undefined,
    private readonly onSecret: (secret: string) => void
  ) {}

  static scopeKey(spec: RequestSpec): string {
    const own = spec.repository && spec.actions ? repositoryScope(spec.repository, spec.actions) : '';
    return [own, ...(spec.extraScopes ?? [])].filter(Boolean).join(' ');
  }

  /** The Authorization header for `url` under `scopeKey`: only for the registry's own origin. */
  headerFor(url: URL, scopeKey: string): string | undefined {
    if (!sameOrigin(this.origin, url)) return undefined;
    if (this.basicHeader) return this.basicHeader;
    const t = this.tokens.get(scopeKey);
    if (t && t.expires > Date.now()) return `Bearer ${t.token}`;
    if (t) this.tokens.delete(scopeKey);
    return undefined;
  }

  /** The challenge of a 401 answer, when it came from the registry's own origin. */
  challengeOf(res: HttpResult): AuthChallenge | undefined {
    if (!sameOrigin(this.origin, res.url)) return undefined;
    return parseChallenge(res.headers.get('www-authenticate'));
  }

  /**
   * After a 401 from the registry's origin: the header to retry with, or undefined when there is
   * nothing more to try. `sent` is the header the failed request carried.
   */
  async answer(spec: RequestSpec, res: HttpResult, sent: string | undefined): Promise<string | undefined> {
    const ch = this.challengeOf(res);
    if (!ch) return undefined;
    this.challenge = ch;
    if (ch.scheme === 'basic') {
      if (!this.credentials) return undefined;
      // Rejected only if THIS request carried the credentials: concurrent first requests of a new
      // client all see the challenge, and the first one to return must not fail the others.
      if (sent !== undefined && sent === this.basicHeader) return undefined;
      this.basicHeader = basic(this.credentials);
      return this.basicHeader;
    }
    if (ch.scheme === 'bearer') return `Bearer ${await this.fetchToken(ch, Auth.scopeKey(spec), spec)}`;
    return undefined;
  }

  private async fetchToken(ch: AuthChallenge, scopeKey: string, spec: RequestSpec): Promise<string> {
    const realm = ch.params.realm;
    if (!realm) throw this.t.protocolError(spec, 'Bearer challenge without realm');
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw this.t.protocolError(spec, `Bearer challenge with a realm that is not a URL`);
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !schemeAllowed(this.origin, url)) {
      throw new RegistryRequestError(
        this.t.o.registry,
        `refusing the token realm ${describe(url.toString())}: an HTTPS registry must not send credentials to a plain-HTTP token server`,
        "Fix the registry's token realm (auth.token.realm in distribution, the external URL in Harbor) to an https:// URL",
        'protocol',
        spec.repository
      );
    }
    if (ch.params.service) url.searchParams.set('service', ch.params.service);
    // Ask for our scope and whatever the registry said it needs (e.g. distribution wants
    // `delete` to cancel an upload); token servers grant the intersection with the account's rights.
    for (const scope of mergeScopes([scopeKey, ch.params.scope ?? ''])) url.searchParams.append('scope', scope);
    const tokenSpec: RequestSpec = { ...spec, method: 'GET', path: url.toString(), headers: {}, body: undefined, sink: undefined, retry: true, maxBody: MAX_TOKEN_BODY, bodyWhat: 'token answer' };
    const realmOrigin = url.origin;
    // The realm is where the registry says credentials go: the Basic credentials are sent to it,
    // on its own origin only (a redirect to another host gets none).
    const res = await this.t.withRetries(tokenSpec, () =>
      this.t.attempt(tokenSpec, (u) => (this.credentials && u.origin === realmOrigin ? basic(this.credentials) : undefined))
    );
    if (res.status !== 200) return Promise.reject(new TokenRefused(res));
    let parsed: { token?: unknown; access_token?: unknown; expires_in?: unknown } | undefined;
    try {
      parsed = JSON.parse(res.body.toString('utf8')) as typeof parsed;
    } catch {
      parsed = undefined;
    }
    const token = typeof parsed?.token === 'string' && parsed.token ? parsed.token : typeof parsed?.access_token === 'string' ? parsed.access_token : '';
    if (!token) throw this.t.protocolError(spec, 'token endpoint answered without a token');
    this.onSecret(token);
    const expiresIn = typeof parsed?.expires_in === 'number' ? parsed.expires_in : 60;
    const ttl = Math.max(30, expiresIn) * 1000;
    this.tokens.set(scopeKey, { token, expires: Date.now() + ttl - 10_000 });
    return token;
  }
}

/** A token endpoint's refusal: the client reports it like a 401 of the registry. */
export class TokenRefused extends Error {
  constructor(readonly res: HttpResult) {
    super(`token endpoint answered HTTP ${res.status}`);
  }
}

export function basic(c: RegistryCredentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}`;
}
