export const id = 219;
export const ids = [219];
export const modules = {

/***/ 219:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  RegistryClient: () => (/* binding */ RegistryClient)
});

// UNUSED EXPORTS: ALL_MANIFEST_TYPES, MediaTypes, RegistryRequestError, nextLink, sha256

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(598);
;// CONCATENATED MODULE: ./src/adapters/registry/challenge.ts
/**
 * Parses `Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/r:pull"`
 * or `Basic realm="x"`. With several challenges, Bearer wins over Basic.
 */
function parseChallenge(header) {
    if (!header)
        return undefined;
    const challenges = [];
    // scheme token followed by auth-params; a new challenge starts with "<token> " not followed by '='
    const re = /([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(?:\s+((?:[A-Za-z0-9_-]+\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^,\s]*)\s*,?\s*)*))?/g;
    let m;
    while ((m = re.exec(header)) !== null) {
        if (m[0] === '') {
            re.lastIndex++;
            continue;
        }
        const params = {};
        const paramRe = /([A-Za-z0-9_-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^,\s]*)/g;
        let p;
        while ((p = paramRe.exec(m[2] ?? '')) !== null) {
            const raw = p[2];
            params[p[1].toLowerCase()] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
        }
        challenges.push({ scheme: m[1].toLowerCase(), params });
    }
    return challenges.find((c) => c.scheme === 'bearer') ?? challenges[0];
}
/** `repository:NAME:pull,push` */
function repositoryScope(repository, actions) {
    return `repository:${repository}:${actions.join(',')}`;
}
const ACTION_ORDER = ['pull', 'push', 'delete', '*'];
/**
 * Merges scopes per resource with a canonical action order, so `repository:r:push,pull` (as
 * distribution sends it, in random order) and `repository:r:pull` become `repository:r:pull,push`.
 */
function mergeScopes(scopes) {
    const byResource = new Map();
    for (const scope of scopes.flatMap((s) => s.split(' ')).filter(Boolean)) {
        const last = scope.lastIndexOf(':');
        if (last <= 0)
            continue;
        const resource = scope.slice(0, last);
        const set = byResource.get(resource) ?? new Set();
        for (const a of scope.slice(last + 1).split(','))
            if (a)
                set.add(a);
        byResource.set(resource, set);
    }
    const rank = (a) => {
        const i = ACTION_ORDER.indexOf(a);
        return i === -1 ? ACTION_ORDER.length : i;
    };
    return [...byResource].map(([resource, actions]) => `${resource}:${[...actions].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).join(',')}`);
}

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(296);
// EXTERNAL MODULE: ./src/core/targets.ts
var targets = __webpack_require__(277);
;// CONCATENATED MODULE: ./src/core/registry-advice.ts
const MISSING = {
    ghcr: () => 'Give the job `permissions: packages: write` and keep `github-token` (default `${{ github.token }}`), or give a `registry-auth` line for this host with a personal access token',
    acr: (c) => `Provide the Alibaba ACR login: a \`registry-auth\` line (\`${c.registry ?? '<host>'}=<user>:<password>\`), \`username\`/\`password\`, or an aliyun/acr-login step before this one`,
    dockerhub: () => 'Provide a Docker Hub login: `registry-auth: docker.io=<user>:<access token>`, `username`/`password`, or a docker/login-action step before this one',
    generic: (c) => `Provide a username and password/token for this registry: a \`registry-auth\` line (\`${c.registry ?? '<host>'}=<user>:<password>\`), \`username\`/\`password\`, or a docker/login-action step before this one`
};
const REJECTED = {
    ghcr: () => 'Check the token: the username must be the GitHub user (`${{ github.actor }}`) and the token a GITHUB_TOKEN or a personal access token with `write:packages`; it may be expired or revoked',
    acr: () => 'Check the Alibaba ACR login: the username is the Alibaba Cloud account or RAM user (e.g. `name@1234567890123456`), the password the registry password set in the ACR console (not the console sign-in password) or a temporary token from aliyun/acr-login, which expires',
    dockerhub: () => 'Check the Docker Hub username and use a personal access token as the password; it may be expired or revoked',
    generic: () => 'Check the username and password/token for this registry; for Harbor use a robot account (`robot$<project>+<name>`) and its secret; a token may be expired or revoked'
};
const DENIED = {
    ghcr: 'Give the job `permissions: packages: write`; for an existing package, give this repository write access in the package settings (Manage Actions access)',
    acr: 'Grant the RAM user or role push on the namespace (e.g. AliyunContainerRegistryFullAccess or a policy on the namespace) and check that the namespace exists',
    dockerhub: 'The access token needs Read & Write scope, and the account must own the repository or be in an organisation team with write access',
    generic: 'For Harbor use a robot account with push permission or a project member with the Developer role or higher, and check that the project exists'
};
function registry_advice_credentialAdvice(kind, problem, c = {}) {
    if (problem === 'missing')
        return MISSING[kind](c);
    if (problem === 'rejected')
        return REJECTED[kind](c);
    const op = c.op ?? 'push to';
    return `The credentials${c.username ? ` of '${c.username}'` : ''} are valid but may not ${op} this repository. ${DENIED[kind]}`;
}

;// CONCATENATED MODULE: ./src/adapters/registry/errors.ts



/** A {@link RegistryError} with the HTTP facts attached. `message` names registry, repository, status and the fix. */
class RegistryRequestError extends errors/* RegistryError */.gl {
    kind;
    repository;
    status;
    code;
    constructor(registry, detail, fix, kind, repository, status, 
    /** the registry's error code, e.g. DENIED, MANIFEST_UNKNOWN */
    code) {
        super(registry, detail, fix);
        this.kind = kind;
        this.repository = repository;
        this.status = status;
        this.code = code;
        this.name = 'RegistryError';
    }
}
/** The OCI distribution error body: {"errors":[{"code","message","detail"}]}. */
function parseErrorBody(body) {
    try {
        const parsed = JSON.parse(body);
        const first = parsed.errors?.[0];
        if (first)
            return { code: first.code, message: first.message };
    }
    catch {
        /* not JSON */
    }
    return {};
}
function what(op, repository) {
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
/** The registry kind the advice is written for: given, or from the host (ghcr.io, *.aliyuncs.com, docker.io). */
function kindOf(f) {
    return f.registryKind ?? (0,targets/* detectKind */.i_)(f.registry, 'auto');
}
/**
 * The same push-preflight error with the advice for `kind` — for a registry whose kind the host
 * name does not show (ACR behind a custom domain with `registry-type=acr`, GHCR on GitHub
 * Enterprise Server).
 */
function withRegistryKind(e, kind, username) {
    if (kind === kindOf({ registry: e.registry }) || (e.kind !== 'auth' && e.kind !== 'denied'))
        return e;
    if (e.kind === 'denied' && !/^access denied: cannot push/.test(e.detail))
        return e;
    const problem = e.kind === 'denied' ? 'denied' : /^authentication required/.test(e.detail) ? 'missing' : 'rejected';
    const fix = credentialAdvice(kind, problem, { registry: e.registry, op: 'push to', username });
    return new RegistryRequestError(e.registry, e.detail, fix, e.kind, e.repository, e.status, e.code);
}
function httpError(f) {
    const { code, message } = parseErrorBody(f.body);
    const codeText = code ? ` ${code}` : '';
    const msgText = message ? `: ${message}` : '';
    const repoText = f.repository ? ` (repository '${f.repository}')` : '';
    const mk = (kind, detail, fix) => new RegistryRequestError(f.registry, detail, fix, kind, f.repository, f.status, code);
    if ((f.status === 401 && f.insufficientScope && f.hadCredentials) || f.status === 403 || code === 'DENIED') {
        const action = f.op === 'push' ? 'push to' : f.op === 'delete' ? 'delete from' : 'read';
        return mk('denied', `access denied: cannot ${what(f.op, f.repository)} (HTTP ${f.status}${codeText}${msgText})`, f.op === 'push' || f.op === 'delete'
            ? registry_advice_credentialAdvice(kindOf(f), 'denied', { op: action, username: f.username })
            : `The credentials may not read this repository: check the repository name and that the account has pull access`);
    }
    if (f.status === 401) {
        return f.hadCredentials
            ? mk('auth', `credentials${f.username ? ` for user '${f.username}'` : ''} were rejected when trying to ${what(f.op, f.repository)} (HTTP 401${codeText})`, registry_advice_credentialAdvice(kindOf(f), 'rejected', { registry: f.registry }))
            : mk('auth', `authentication required to ${what(f.op, f.repository)} (HTTP 401${codeText})`, registry_advice_credentialAdvice(kindOf(f), 'missing', { registry: f.registry }));
    }
    if (f.status === 404) {
        return mk('not-found', `not found: ${f.repository ?? ''}${f.ref ? `:${f.ref}` : ''} (HTTP 404${codeText}${msgText})`, 'Check the repository name and the tag or digest');
    }
    if (f.status === 405) {
        return mk('unsupported', `the registry refused to ${what(f.op, f.repository)} (HTTP 405${codeText}${msgText})`, 'The registry or repository is read-only, or this operation (e.g. deleting manifests) is disabled there');
    }
    if (f.status === 429 || f.status >= 500) {
        return mk('unavailable', `registry unavailable while trying to ${what(f.op, f.repository)}: HTTP ${f.status}${codeText}${msgText}${f.attempts && f.attempts > 1 ? ` after ${f.attempts} attempts` : ''}`, f.status === 429 ? 'The registry is rate limiting; retry later or authenticate to get a higher limit' : 'Retry later or check the registry status page');
    }
    return mk('protocol', `unexpected HTTP ${f.status}${codeText}${msgText} when trying to ${what(f.op, f.repository)}${repoText}`, 'Check the repository name and the registry address');
}
/** Node's fetch rejects with TypeError('fetch failed') and the real cause in `cause`. */
function networkError(registry, op, repository, e, timedOutMs) {
    const mk = (kind, detail, fix) => new RegistryRequestError(registry, detail, fix, kind, repository);
    if (timedOutMs !== undefined) {
        return mk('timeout', `no response within ${timedOutMs < 1000 ? `${timedOutMs} ms` : `${Math.round(timedOutMs / 1000)} s`} while trying to ${what(op, repository)}`, 'Retry later or raise the timeout; check the runner can reach the registry');
    }
    const cause = e?.cause ?? e;
    const code = cause?.code ?? '';
    const msg = cause?.message ?? String(e);
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
        return mk('dns', `cannot resolve the host name (${code})`, 'Check the registry host name for typos and that the runner has DNS/network access to it');
    }
    if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME/i.test(code) || /certificate/i.test(msg)) {
        return mk('tls', `TLS certificate not trusted (${code || msg})`, "Use the registry's correct host name, or trust its CA (e.g. NODE_EXTRA_CA_CERTS for this action and --cert-dir for buildah)");
    }
    if (code === 'ECONNREFUSED') {
        return mk('network', `connection refused (${code})`, 'Check the registry host and port, and that the registry is running');
    }
    return mk('network', `network error while trying to ${what(op, repository)} (${code || msg})`, 'Retry later; check the runner can reach the registry');
}
/** Transient failures worth retrying (not DNS NXDOMAIN, not TLS trust). */
function isRetryableNetworkError(err) {
    return err.kind === 'timeout' || err.kind === 'network' || (err.kind === 'dns' && /EAI_AGAIN/.test(err.detail));
}

;// CONCATENATED MODULE: ./src/adapters/registry/client.ts
/**
 * OCI distribution (registry v2) HTTP client over `fetch`.
 *
 * - Auth: answers the `WWW-Authenticate` challenge. Basic → the credentials on every request;
 *   Bearer → a token from the realm for `repository:NAME:<actions>` (cached per scope).
 *   Credentials are never logged and never put in error messages (the username may be).
 * - Retries: idempotent calls (GET/HEAD/PUT manifest/DELETE, starting an upload) are retried on
 *   5xx, 429 and connection errors, with exponential backoff and jitter (Retry-After honoured).
 * - Every attempt has a timeout that covers reading the body.
 * - Errors are {@link RegistryRequestError} (a core RegistryError) naming the registry, repository,
 *   HTTP status and the fix.
 * - TLS with a private CA: inject a `fetch` (or a `dispatcher` for Node's fetch) that trusts it,
 *   or start the action with NODE_EXTRA_CA_CERTS.
 */




const MediaTypes = {
    ociIndex: 'application/vnd.oci.image.index.v1+json',
    ociManifest: 'application/vnd.oci.image.manifest.v1+json',
    ociConfig: 'application/vnd.oci.image.config.v1+json',
    ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
    dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
    dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
    dockerConfig: 'application/vnd.docker.container.image.v1+json'
};
/** Accept header for "give me whatever this tag is": index/list first, then single manifests. */
const ALL_MANIFEST_TYPES = [
    MediaTypes.ociIndex,
    MediaTypes.dockerManifestList,
    MediaTypes.ociManifest,
    MediaTypes.dockerManifest
];
const DEFAULT_TIMEOUT_MS = 30_000;
class RegistryClient {
    registry;
    base;
    fetchFn;
    opts;
    basicHeader;
    /** bearer tokens by scope key */
    tokens = new Map();
    /** the last challenge seen */
    challenge;
    /** the scheme of the last auth challenge ('basic' / 'bearer'), once one was seen */
    get authScheme() {
        return this.challenge?.scheme;
    }
    constructor(opts) {
        this.opts = opts;
        let reg = opts.registry.replace(/\/+$/, '');
        let scheme = opts.insecureHttp ? 'http' : 'https';
        const m = /^(https?):\/\/(.*)$/i.exec(reg);
        if (m) {
            scheme = m[1].toLowerCase();
            reg = m[2];
        }
        this.registry = reg;
        // docker.io is the name; the API lives elsewhere.
        const apiHost = reg === 'docker.io' || reg === 'index.docker.io' ? 'registry-1.docker.io' : reg;
        this.base = `${scheme}://${apiHost}`;
        this.fetchFn = opts.fetch ?? globalThis.fetch.bind(globalThis);
    }
    // ---------------------------------------------------------------- public API
    /** GET /v2/. Without credentials a 401 is a normal answer (authRequired); with them, they are verified. */
    async ping() {
        const first = await this.send({ method: 'GET', path: '/v2/', op: 'ping', retry: true }, { noAuth: true });
        const apiVersion = first.headers.get('docker-distribution-api-version') ?? undefined;
        if (first.status === 200)
            return { apiVersion, authRequired: false, authenticated: false };
        if (first.status !== 401)
            throw this.fail({ method: 'GET', path: '/v2/', op: 'ping', retry: true }, first);
        const ch = parseChallenge(first.headers.get('www-authenticate'));
        if (ch)
            this.challenge = ch;
        if (!this.opts.credentials)
            return { apiVersion, authRequired: true, authScheme: ch?.scheme, authenticated: false };
        const res = await this.send({ method: 'GET', path: '/v2/', op: 'ping', retry: true });
        if (res.status !== 200)
            throw this.fail({ method: 'GET', path: '/v2/', op: 'ping', retry: true }, res);
        return { apiVersion, authRequired: true, authScheme: ch?.scheme, authenticated: true };
    }
    /** All tags, following `Link: <…>; rel="next"` pages. A repository that does not exist yet has no tags. */
    async listTags(repository, pageSize = 100) {
        const tags = [];
        let path = `/v2/${repository}/tags/list?n=${pageSize}`;
        for (let page = 0; path && page < 10_000; page++) {
            const spec = { method: 'GET', path, op: 'list', repository, actions: ['pull'], retry: true };
            const res = await this.send(spec);
            if (res.status === 404 && page === 0) {
                const code = safeJson(res.body)?.errors?.[0]?.code;
                if (code === 'NAME_UNKNOWN')
                    return [];
            }
            if (res.status !== 200)
                throw this.fail(spec, res);
            const parsed = safeJson(res.body);
            if (!parsed)
                throw this.protocolError(spec, 'tag list is not JSON');
            tags.push(...(parsed.tags ?? []));
            path = nextLink(res.headers.get('link'));
        }
        return tags;
    }
    async getManifest(repository, ref, accept = ALL_MANIFEST_TYPES) {
        const spec = manifestRead('GET', repository, ref, accept);
        const res = await this.send(spec);
        if (res.status !== 200)
            throw this.fail(spec, res);
        const computed = sha256(res.body);
        if (ref.startsWith('sha256:') && computed !== ref) {
            throw this.protocolError(spec, `manifest digest mismatch: asked for ${ref}, content is ${computed}`);
        }
        const body = res.body.toString('utf8');
        const mediaType = contentType(res.headers) ?? safeJson(res.body)?.mediaType ?? '';
        return { digest: res.headers.get('docker-content-digest') ?? computed, mediaType, body, size: res.body.length };
    }
    /** HEAD a manifest; `undefined` when the tag/digest does not exist. */
    async headManifest(repository, ref, accept = ALL_MANIFEST_TYPES) {
        const spec = manifestRead('HEAD', repository, ref, accept);
        const res = await this.send(spec);
        if (res.status === 404)
            return undefined;
        if (res.status !== 200)
            throw this.fail(spec, res);
        const digest = res.headers.get('docker-content-digest');
        if (!digest) {
            // Some registries omit the digest on HEAD; fall back to GET.
            const full = await this.getManifest(repository, ref, accept);
            return { digest: full.digest, mediaType: full.mediaType, size: full.size };
        }
        return { digest, mediaType: contentType(res.headers) ?? '', size: Number(res.headers.get('content-length') ?? 0) };
    }
    /** PUT a manifest (index or image) under a tag or digest; returns its digest. */
    async putManifest(repository, ref, body, mediaType) {
        const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
        const spec = {
            method: 'PUT',
            path: `/v2/${repository}/manifests/${ref}`,
            op: 'push',
            repository,
            ref,
            actions: ['pull', 'push'],
            headers: { 'content-type': mediaType },
            body: bytes,
            retry: true
        };
        const res = await this.send(spec);
        if (res.status !== 201 && res.status !== 200)
            throw this.fail(spec, res);
        return res.headers.get('docker-content-digest') ?? sha256(bytes);
    }
    /** DELETE a manifest by digest (tags cannot be deleted through the API). */
    async deleteManifest(repository, digest) {
        const spec = { method: 'DELETE', path: `/v2/${repository}/manifests/${digest}`, op: 'delete', repository, ref: digest, actions: ['delete'], retry: true };
        const res = await this.send(spec);
        if (res.status !== 202 && res.status !== 200 && res.status !== 204)
            throw this.fail(spec, res);
    }
    /** GET a blob and verify its digest. */
    async getBlob(repository, digest) {
        const spec = { method: 'GET', path: `/v2/${repository}/blobs/${digest}`, op: 'pull', repository, ref: digest, actions: ['pull'], retry: true };
        const res = await this.send(spec);
        if (res.status !== 200)
            throw this.fail(spec, res);
        const computed = sha256(res.body);
        if (computed !== digest)
            throw this.protocolError(spec, `blob digest mismatch: asked for ${digest}, content is ${computed}`);
        return res.body;
    }
    /** Does the blob exist in this repository? */
    async hasBlob(repository, digest) {
        const spec = { method: 'HEAD', path: `/v2/${repository}/blobs/${digest}`, op: 'pull', repository, ref: digest, actions: ['pull'], retry: true };
        const res = await this.send(spec);
        if (res.status === 200)
            return true;
        if (res.status === 404)
            return false;
        throw this.fail(spec, res);
    }
    /**
     * Upload a small blob monolithically (POST then PUT ?digest=); skipped when it exists.
     * The POST+PUT pair is retried as a unit, so a push cut off mid-body starts a fresh upload.
     */
    async uploadBlob(repository, data) {
        const bytes = Buffer.from(data);
        const digest = sha256(bytes);
        if (await this.hasBlob(repository, digest))
            return { digest, size: bytes.length };
        const retries = this.opts.retries ?? 3;
        for (let attempt = 0;; attempt++) {
            try {
                const location = await this.startUpload(repository, false);
                const url = new URL(location);
                url.searchParams.set('digest', digest);
                const spec = {
                    method: 'PUT',
                    path: url.toString(),
                    op: 'push',
                    repository,
                    actions: ['pull', 'push'],
                    headers: { 'content-type': 'application/octet-stream' },
                    body: bytes,
                    retry: false
                };
                const res = await this.send(spec);
                if (res.status !== 201 && res.status !== 204)
                    throw this.fail(spec, res, attempt + 1);
                return { digest, size: bytes.length };
            }
            catch (e) {
                if (attempt >= retries || !isRetryable(e))
                    throw e;
                const wait = this.backoff(attempt);
                this.log(`blob upload to ${repository} failed (${e.message}); retrying in ${wait} ms`);
                await this.sleep(wait);
            }
        }
    }
    /**
     * Permission preflight: start a blob upload (needs push) and cancel it at once. Nothing is left
     * behind. Throws a RegistryRequestError ('auth' / 'denied' / …) with the fix when not allowed.
     */
    async checkPushAccess(repository) {
        const location = await this.startUpload(repository, true);
        const spec = { method: 'DELETE', path: location, op: 'push', repository, actions: ['pull', 'push'], retry: true };
        try {
            const res = await this.send(spec);
            if (res.status !== 204 && res.status !== 202 && res.status !== 200 && res.status !== 404) {
                this.log(`could not cancel the preflight upload in ${repository} (HTTP ${res.status}); the registry purges it later`);
            }
        }
        catch (e) {
            this.log(`could not cancel the preflight upload in ${repository} (${e.message}); the registry purges it later`);
        }
    }
    // ---------------------------------------------------------------- internals
    /** POST /v2/<repo>/blobs/uploads/ → absolute Location URL. */
    async startUpload(repository, retry) {
        const spec = { method: 'POST', path: `/v2/${repository}/blobs/uploads/`, op: 'push', repository, actions: ['pull', 'push'], retry };
        const res = await this.send(spec);
        if (res.status !== 202)
            throw this.fail(spec, res);
        const loc = res.headers.get('location');
        if (!loc)
            throw this.protocolError(spec, 'upload started (202) without a Location header');
        return new URL(loc, res.url).toString();
    }
    /**
     * One logical request: attaches cached auth, answers one 401 challenge, retries transient failures.
     * Returns the final response (any status) or throws for network errors.
     */
    async send(spec, o = {}) {
        const scopeKey = spec.repository && spec.actions ? repositoryScope(spec.repository, spec.actions) : '';
        const sent = o.noAuth ? undefined : this.cachedAuth(scopeKey);
        let res = await this.attemptWithRetries(spec, sent);
        if (res.status !== 401 || o.noAuth)
            return res;
        const ch = parseChallenge(res.headers.get('www-authenticate'));
        if (!ch)
            return res;
        this.challenge = ch;
        let header;
        if (ch.scheme === 'basic') {
            if (!this.opts.credentials)
                return res;
            // Rejected only if THIS request carried the credentials: concurrent first requests of a new
            // client all see the challenge, and the first one to return must not fail the others.
            if (sent !== undefined && sent === this.basicHeader)
                return res;
            this.basicHeader = basic(this.opts.credentials);
            header = this.basicHeader;
        }
        else if (ch.scheme === 'bearer') {
            // No token yet, or the cached one expired/was revoked: get a fresh one, once.
            header = `Bearer ${await this.fetchToken(ch, scopeKey, spec)}`;
        }
        else {
            return res;
        }
        res = await this.attemptWithRetries(spec, header);
        return res;
    }
    cachedAuth(scopeKey) {
        if (this.basicHeader)
            return this.basicHeader;
        const t = this.tokens.get(scopeKey);
        if (t && t.expires > Date.now())
            return `Bearer ${t.token}`;
        if (t)
            this.tokens.delete(scopeKey);
        return undefined;
    }
    async fetchToken(ch, scopeKey, spec) {
        const realm = ch.params.realm;
        if (!realm)
            throw this.protocolError(spec, 'Bearer challenge without realm');
        const url = new URL(realm);
        if (ch.params.service)
            url.searchParams.set('service', ch.params.service);
        // Ask for our scope and whatever the registry said it needs (e.g. distribution wants
        // `delete` to cancel an upload); token servers grant the intersection with the account's rights.
        for (const scope of mergeScopes([scopeKey, ch.params.scope ?? '']))
            url.searchParams.append('scope', scope);
        const headers = { 'user-agent': this.opts.userAgent ?? 'aim-build' };
        if (this.opts.credentials)
            headers.authorization = basic(this.opts.credentials);
        const tokenSpec = { ...spec, method: 'GET', path: url.toString(), headers, body: undefined, retry: true };
        const res = await this.attemptWithRetries(tokenSpec, undefined, true);
        if (res.status !== 200) {
            // A token endpoint that refuses the credentials is the same as a 401 from the registry.
            throw this.fail(spec, res);
        }
        const parsed = safeJson(res.body);
        const token = parsed?.token ?? parsed?.access_token;
        if (!token)
            throw this.protocolError(spec, 'token endpoint answered without a token');
        const ttl = Math.max(30, parsed?.expires_in ?? 60) * 1000;
        this.tokens.set(scopeKey, { token, expires: Date.now() + ttl - 10_000 });
        return token;
    }
    async attemptWithRetries(spec, authorization, rawHeaders = false) {
        const retries = spec.retry ? (this.opts.retries ?? 3) : 0;
        for (let attempt = 0;; attempt++) {
            let res;
            let err;
            try {
                res = await this.attempt(spec, authorization, rawHeaders);
            }
            catch (e) {
                if (!(e instanceof RegistryRequestError))
                    throw e;
                err = e;
            }
            const transient = err ? isRetryableNetworkError(err) : res.status === 429 || (res.status >= 500 && res.status !== 501);
            if (!transient || attempt >= retries) {
                if (err)
                    throw err;
                return { ...res, attempts: attempt + 1 };
            }
            const retryAfter = res ? Number(res.headers.get('retry-after')) : NaN;
            const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, this.opts.maxBackoffMs ?? 8_000) : this.backoff(attempt);
            this.log(`${spec.method} ${describe(spec.path)} ${err ? `failed: ${err.detail}` : `-> HTTP ${res.status}`}; retry ${attempt + 1}/${retries} in ${wait} ms`);
            await this.sleep(wait);
        }
    }
    async attempt(spec, authorization, rawHeaders) {
        const url = /^https?:\/\//.test(spec.path) ? spec.path : `${this.base}${spec.path}`;
        const headers = rawHeaders ? { ...spec.headers } : { 'user-agent': this.opts.userAgent ?? 'aim-build', ...spec.headers };
        if (authorization)
            headers.authorization = authorization;
        const timeoutMs = this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        const ac = new AbortController();
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            ac.abort();
        }, timeoutMs);
        try {
            const init = {
                method: spec.method,
                headers,
                body: spec.body === undefined ? undefined : typeof spec.body === 'string' ? spec.body : new Uint8Array(spec.body),
                redirect: 'follow',
                signal: ac.signal
            };
            if (this.opts.dispatcher !== undefined)
                init.dispatcher = this.opts.dispatcher;
            const r = await this.fetchFn(url, init);
            const body = spec.method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(await r.arrayBuffer());
            this.log(`${spec.method} ${describe(url)} -> ${r.status}`);
            return { status: r.status, headers: r.headers, body, url: r.url || url };
        }
        catch (e) {
            const err = networkError(this.registry, spec.op, spec.repository, e, timedOut ? timeoutMs : undefined);
            this.log(`${spec.method} ${describe(url)} failed: ${err.detail}`);
            throw err;
        }
        finally {
            clearTimeout(timer);
        }
    }
    /** The error for a non-success answer to `spec` (also a token endpoint's refusal: the same as a 401). */
    fail(spec, res, attempts) {
        const ch = parseChallenge(res.headers.get('www-authenticate'));
        return httpError({
            registry: this.registry,
            op: spec.op,
            repository: spec.repository,
            status: res.status,
            body: res.body.toString('utf8'),
            hadCredentials: !!this.opts.credentials,
            username: this.opts.credentials?.username,
            insufficientScope: /insufficient_scope/.test(ch?.params.error ?? ''),
            attempts: attempts ?? res.attempts,
            ref: spec.ref
        });
    }
    protocolError(spec, detail) {
        return new RegistryRequestError(this.registry, `${detail} (${spec.method} ${describe(spec.path)})`, 'This registry answered in a way this action does not understand; report it with the log', 'protocol', spec.repository);
    }
    backoff(attempt) {
        const base = this.opts.backoffMs ?? 500;
        const cap = this.opts.maxBackoffMs ?? 8_000;
        const exp = Math.min(cap, base * 2 ** attempt);
        const r = (this.opts.random ?? Math.random)();
        return Math.round(exp / 2 + (exp / 2) * r);
    }
    sleep(ms) {
        return this.opts.sleep ? this.opts.sleep(ms) : new Promise((resolve) => setTimeout(resolve, ms));
    }
    log(msg) {
        this.opts.log?.(`[registry ${this.registry}] ${msg}`);
    }
}
// ------------------------------------------------------------------ helpers
function basic(c) {
    return `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}`;
}
/** A GET or HEAD of a manifest: pull scope, the accepted media types, retried. */
function manifestRead(method, repository, ref, accept) {
    return { method, path: `/v2/${repository}/manifests/${ref}`, op: 'pull', repository, ref, actions: ['pull'], headers: { accept: accept.join(', ') }, retry: true };
}
function sha256(data) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(data).digest('hex')}`;
}
function safeJson(body) {
    try {
        return JSON.parse(body.toString('utf8'));
    }
    catch {
        return undefined;
    }
}
function contentType(h) {
    const ct = h.get('content-type');
    return ct ? ct.split(';')[0].trim() : undefined;
}
/** `<\/v2/r/tags/list?last=x&n=2>; rel="next"` → the URL, or undefined. */
function nextLink(link) {
    if (!link)
        return undefined;
    for (const part of link.split(',')) {
        const m = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part);
        if (m)
            return m[1];
    }
    return undefined;
}
/** path (and host) without query strings, which may carry upload state tokens */
function describe(url) {
    return url.replace(/\?.*$/, '');
}
function isRetryable(e) {
    if (!(e instanceof RegistryRequestError))
        return false;
    if (e.status !== undefined)
        return e.status === 429 || (e.status >= 500 && e.status !== 501);
    return isRetryableNetworkError(e);
}


/***/ })

};
