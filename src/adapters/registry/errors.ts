import { RegistryError } from '../../core/errors.js';

/** What went wrong, for callers that decide (retry, fail the step, skip a target). */
export type RegistryErrorKind =
  | 'auth' // 401: no or wrong credentials
  | 'denied' // 403 / insufficient_scope: credentials valid but not allowed
  | 'not-found' // 404
  | 'unsupported' // 405: read-only registry, delete disabled, …
  | 'unavailable' // 5xx / 429 after retries
  | 'dns' // host name does not resolve
  | 'network' // refused, reset, …
  | 'tls' // certificate not trusted / wrong name
  | 'timeout'
  | 'protocol'; // an answer this client cannot use

/** A {@link RegistryError} with the HTTP facts attached. `message` names registry, repository, status and the fix. */
export class RegistryRequestError extends RegistryError {
  constructor(
    registry: string,
    detail: string,
    fix: string,
    readonly kind: RegistryErrorKind,
    readonly repository?: string,
    readonly status?: number,
    /** the registry's error code, e.g. DENIED, MANIFEST_UNKNOWN */
    readonly code?: string,
    /** the answer's Retry-After header, for callers that retry a larger unit (an upload) */
    readonly retryAfter?: string
  ) {
    super(registry, detail, fix);
    this.name = 'RegistryError';
  }
}

/** The OCI distribution error body: {"errors":[{"code","message","detail"}]}. */
export function parseErrorBody(body: string): { code?: string; message?: string } {
  try {
    const parsed = JSON.parse(body) as { errors?: Array<{ code?: string; message?: string }> };
    const first = parsed.errors?.[0];
    // registry text: bounded (the body was capped at 64 KiB already)
    const clip = (v: unknown, n: number): string | undefined => (typeof v === 'string' ? (v.length > n ? `${v.slice(0, n)}…` : v) : undefined);
    if (first) return { code: clip(first.code, 64), message: clip(first.message, 500) };
  } catch {
    /* not JSON */
  }
  return {};
}

export type Operation = 'pull' | 'push' | 'delete' | 'ping' | 'list';

function what(op: Operation, repository?: string): string {
  const repo = repository ? ` '${repository}'` : '';
  switch (op) {
    case 'push':
      return `push to${repo || ' the registry'}`;
    case 'delete':
      return `delete from${repo || ' the registry'}`;
    case 'list':
      return `list tags of${repo}`;
    case 'ping':
      return 'reach the registry API (/v2/)';
    default:
      return `read${repo}`;
  }
}

export interface HttpFailure {
  registry: string;
  op: Operation;
  repository?: string;
  status: number;
  body: string;
  /** the request carried credentials */
  hadCredentials: boolean;
  username?: string;
  /** WWW-Authenticate error="insufficient_scope" */
  insufficientScope?: boolean;
  /** attempts made (for 5xx after retries) */
  attempts?: number;
  ref?: string;
  retryAfter?: string;
}

export function httpError(f: HttpFailure): RegistryRequestError {
  const { code, message } = parseErrorBody(f.body);
  const codeText = code ? ` ${code}` : '';
  const msgText = message ? `: ${message}` : '';
  const repoText = f.repository ? ` (repository '${f.repository}')` : '';
  const mk = (kind: RegistryErrorKind, detail: string, fix: string): RegistryRequestError =>
    new RegistryRequestError(f.registry, detail, fix, kind, f.repository, f.status, code, f.retryAfter);

  if ((f.status === 401 && f.insufficientScope && f.hadCredentials) || f.status === 403 || code === 'DENIED') {
    const action = f.op === 'push' ? 'push to' : f.op === 'delete' ? 'delete from' : 'read';
    return mk(
      'denied',
      `access denied: cannot ${what(f.op, f.repository)} (HTTP ${f.status}${codeText}${msgText})`,
      f.op === 'push' || f.op === 'delete'
        ? `The credentials${f.username ? ` of '${f.username}'` : ''} are valid but may not ${action} this repository. ` +
            'For GHCR give the job `permissions: packages: write` and the repository write access to the package; ' +
            'for Alibaba ACR grant the RAM user/role push on the namespace; for Harbor use a robot account or a member with the Developer role or higher'
        : `The credentials may not read this repository: check the repository name and that the account has pull access`
    );
  }
  if (f.status === 401) {
    return f.hadCredentials
      ? mk(
          'auth',
          `credentials${f.username ? ` for user '${f.username}'` : ''} were rejected when trying to ${what(f.op, f.repository)} (HTTP 401${codeText})`,
          'Check the username and password/token for this registry; a token may be expired or revoked, and for GHCR the username must be the GitHub user or `${{ github.actor }}`'
        )
      : mk(
          'auth',
          `authentication required to ${what(f.op, f.repository)} (HTTP 401${codeText})`,
          'Provide a username and password/token for this registry'
        );
  }
  if (f.status === 404) {
    return mk(
      'not-found',
      `not found: ${f.repository ?? ''}${f.ref ? `:${f.ref}` : ''} (HTTP 404${codeText}${msgText})`,
      'Check the repository name and the tag or digest'
    );
  }
  if (f.status === 405) {
    return mk(
      'unsupported',
      `the registry refused to ${what(f.op, f.repository)} (HTTP 405${codeText}${msgText})`,
      'The registry or repository is read-only, or this operation (e.g. deleting manifests) is disabled there'
    );
  }
  if (f.status === 429 || f.status >= 500) {
    return mk(
      'unavailable',
      `registry unavailable while trying to ${what(f.op, f.repository)}: HTTP ${f.status}${codeText}${msgText}${f.attempts && f.attempts > 1 ? ` after ${f.attempts} attempts` : ''}`,
      f.status === 429 ? 'The registry is rate limiting; retry later or authenticate to get a higher limit' : 'Retry later or check the registry status page'
    );
  }
  return mk('protocol', `unexpected HTTP ${f.status}${codeText}${msgText} when trying to ${what(f.op, f.repository)}${repoText}`, 'Check the repository name and the registry address');
}

/** Node's fetch rejects with TypeError('fetch failed') and the real cause in `cause`. */
export function networkError(registry: string, op: Operation, repository: string | undefined, e: unknown, timedOutMs?: number): RegistryRequestError {
  const mk = (kind: RegistryErrorKind, detail: string, fix: string): RegistryRequestError =>
    new RegistryRequestError(registry, detail, fix, kind, repository);
  if (timedOutMs !== undefined) {
    return mk('timeout', `no response within ${timedOutMs < 1000 ? `${timedOutMs} ms` : `${Math.round(timedOutMs / 1000)} s`} while trying to ${what(op, repository)}`, 'Retry later or raise the timeout; check the runner can reach the registry');
  }
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause ?? (e as { code?: string; message?: string });
  const code = cause?.code ?? '';
  const msg = cause?.message ?? String(e);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return mk('dns', `cannot resolve the host name (${code})`, 'Check the registry host name for typos and that the runner has DNS/network access to it');
  }
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME/i.test(code) || /certificate/i.test(msg)) {
    return mk(
      'tls',
      `TLS certificate not trusted (${code || msg})`,
      "Use the registry's correct host name, or trust its CA (e.g. NODE_EXTRA_CA_CERTS for this action and --cert-dir for buildah)"
    );
  }
  if (code === 'ECONNREFUSED') {
    return mk('network', `connection refused (${code})`, 'Check the registry host and port, and that the registry is running');
  }
  return mk('network', `network error while trying to ${what(op, repository)} (${code || msg})`, 'Retry later; check the runner can reach the registry');
}

/** Transient failures worth retrying (not DNS NXDOMAIN, not TLS trust). */
export function isRetryableNetworkError(err: RegistryRequestError): boolean {
  return err.kind === 'timeout' || err.kind === 'network' || (err.kind === 'dns' && /EAI_AGAIN/.test(err.detail));
}
