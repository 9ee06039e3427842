export const id = 885;
export const ids = [885];
export const modules = {

/***/ 885:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  RegistryClient: () => (/* binding */ RegistryClient)
});

// UNUSED EXPORTS: ALL_MANIFEST_TYPES, MediaTypes, RegistryRequestError, bufferBlobSource, fileBlobSource, nextLink, registryBlobSource, sha256

// EXTERNAL MODULE: ./src/core/platform.ts
var platform = __webpack_require__(692);
;// CONCATENATED MODULE: ./src/core/oci.ts
/**
 * The one home of OCI facts: media types, image-spec shapes (index, manifest, descriptor), digests
 * and blob paths, and the few questions we ask of them.
 *
 * Digest rule for the whole codebase: a digest is accepted only if it matches {@link DIGEST_RE}
 * (sha256 with 64 lowercase hex, or sha512 with 128) and equals the hash of the bytes we hold; a
 * registry header that disagrees is an error. Every blob file path is built by {@link blobPath}.
 */

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
const OCI_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const DOCKER_CONFIG = 'application/vnd.docker.container.image.v1+json';
const OCI_EMPTY = 'application/vnd.oci.empty.v1+json';
const MediaTypes = {
    ociIndex: OCI_INDEX,
    ociManifest: OCI_MANIFEST,
    ociConfig: OCI_CONFIG,
    ociLayerGzip: OCI_LAYER_GZIP,
    dockerManifestList: DOCKER_LIST,
    dockerManifest: DOCKER_MANIFEST,
    dockerConfig: DOCKER_CONFIG
};
/** Accept header for "give me whatever this tag is": index/list first, then single manifests. */
const ALL_MANIFEST_TYPES = [OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST];
/** The largest manifest we read or write: 4 MiB, distribution's own limit. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** `sha256:<64 hex>` or `sha512:<128 hex>`, lowercase: the only digests we accept. */
const DIGEST_RE = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
function isDigest(value) {
    return typeof value === 'string' && DIGEST_RE.test(value);
}
/** The algorithm of a valid digest; throws naming `what` and the bad value otherwise. */
function digestAlgorithm(value, what = 'digest') {
    if (!isDigest(value))
        throw new Error(`${what} ${JSON.stringify(String(value)).slice(0, 200)} is not a digest (sha256:<64 hex> or sha512:<128 hex>)`);
    const v = value;
    return v.slice(0, v.indexOf(':'));
}
/**
 * The path of a blob in an OCI image layout rooted at `dir`: `<dir>/blobs/<alg>/<hex>`. The ONE
 * place blob paths are built; a value that is not a valid digest never becomes a path.
 */
function blobPath(dir, digest) {
    digestAlgorithm(digest, 'blob digest');
    const d = digest;
    return `${dir.replace(/\/+$/, '')}/blobs/${d.slice(0, d.indexOf(':'))}/${d.slice(d.indexOf(':') + 1)}`;
}
function isIndexType(mediaType) {
    return mediaType === OCI_INDEX || mediaType === DOCKER_LIST;
}
/** `os/arch[/variant]` of a descriptor's platform (formatting lives in ./platform.ts). */
const platformString = (/* unused pure expression or super */ null && (formatPlatform));
/**
 * An OCI image index of platform manifests, in the order given (the user's platform order), each
 * entry labelled with its platform; the text whose sha256 is the index digest.
 */
function platformIndexText(manifests) {
    const index = {
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: manifests.map((m) => ({ mediaType: m.mediaType, digest: m.digest, size: m.size, platform: { architecture: m.platform.architecture, os: m.platform.os, ...(m.platform.variant ? { variant: m.platform.variant } : {}) } }))
    };
    return JSON.stringify(index);
}
/**
 * BuildKit attestations (provenance, SBOM) and other non-image index entries: annotated
 * `vnd.docker.reference.type: attestation-manifest`, OCI artifacts (an `artifactType`), or an
 * entry whose platform OS is `unknown`. Takes parsed-but-unchecked JSON too (scan adapters).
 */
function isAttestation(d) {
    const annotations = (typeof d.annotations === 'object' && d.annotations !== null ? d.annotations : {});
    const platform = (typeof d.platform === 'object' && d.platform !== null ? d.platform : {});
    return annotations['vnd.docker.reference.type'] === 'attestation-manifest' || (typeof d.artifactType === 'string' && d.artifactType !== '') || platform.os === 'unknown';
}
/** A manifest that ACR Personal refuses: an OCI artifact (empty config, artifactType or subject). */
function isArtifactManifest(m) {
    return m.config?.mediaType === OCI_EMPTY || !!m.artifactType || !!m.subject;
}
function parseJson(text, what) {
    try {
        return JSON.parse(text);
    }
    catch (e) {
        throw new Error(`${what} is not valid JSON (${e.message})`, { cause: e });
    }
}

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
    retryAfter;
    constructor(registry, detail, fix, kind, repository, status, 
    /** the registry's error code, e.g. DENIED, MANIFEST_UNKNOWN */
    code, 
    /** the answer's Retry-After header, for callers that retry a larger unit (an upload) */
    retryAfter) {
        super(registry, detail, fix);
        this.kind = kind;
        this.repository = repository;
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
        this.name = 'RegistryError';
    }
}
/** The OCI distribution error body: {"errors":[{"code","message","detail"}]}. */
function parseErrorBody(body) {
    try {
        const parsed = JSON.parse(body);
        const first = parsed.errors?.[0];
        // registry text: bounded (the body was capped at 64 KiB already)
        const clip = (v, n) => (typeof v === 'string' ? (v.length > n ? `${v.slice(0, n)}…` : v) : undefined);
        if (first)
            return { code: clip(first.code, 64), message: clip(first.message, 500) };
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
    const mk = (kind, detail, fix) => new RegistryRequestError(f.registry, detail, fix, kind, f.repository, f.status, code, f.retryAfter);
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

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(67);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(75);
// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(466);
;// CONCATENATED MODULE: ./src/core/bytes.ts
/**
 * Byte counts for people, in binary units (KiB, MiB, GiB, TiB): the one formatter for summaries,
 * live lines and error messages. `digits` decimals below 10 units, one fewer from 10 up.
 */
function formatBytes(n, digits = 1) {
    if (n < 1024)
        return `${n} B`;
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let v = n / 1024;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
    }
    return `${v.toFixed(v < 10 ? digits : Math.max(0, digits - 1))} ${units[i]}`;
}

;// CONCATENATED MODULE: ./src/adapters/registry/transport.ts
/**
 * Registry transport: one HTTP exchange at a time over `fetch`, with
 *  - timeouts on connect/headers and on IDLE (no byte sent or received for `timeoutMs`), never on
 *    the whole body, so a 10 GB layer on a slow link is not cut at 30 s;
 *  - bodies read with a cap (Content-Length checked before reading, reading stopped past the cap),
 *    or streamed to a sink (downloads), never buffered whole unless small;
 *  - request bodies that are buffers or re-openable streams (a retry opens the stream again);
 *  - redirects followed by hand: credentials go only to the registry's own origin, and an
 *    `https://` registry is never followed to `http://` (loopback excepted);
 *  - retries with exponential backoff and jitter on 429/5xx/timeouts/connection errors,
 *    honouring `Retry-After` (seconds or an HTTP date), capped.
 * Auth (challenges, tokens) is ./auth.ts; the API by noun is ./manifests.ts, ./blobs.ts, ./tags.ts.
 */






const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BODY = 4 * 1024 * 1024;
const MAX_ERROR_BODY = 64 * 1024;
const MAX_REDIRECTS = 5;
/** the longest `Retry-After` honoured as asked (a registry asking for more gets retried after this) */
const MAX_RETRY_AFTER_MS = 60_000;
const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;
/** `http://127.0.0.1:5000` → true: plain HTTP is allowed only to loopback when the registry is HTTPS. */
function isLoopback(url) {
    return LOOPBACK_HOST.test(url.hostname) || url.hostname === '::1';
}
/**
 * May a request that belongs to an `origin` registry go to `target`? `https://` registries are
 * never followed to `http://` URLs (except loopback ones). Other origins are allowed, but without
 * credentials (see {@link sameOrigin}).
 */
function schemeAllowed(origin, target) {
    return !(origin.startsWith('https:') && target.protocol === 'http:' && !isLoopback(target));
}
function sameOrigin(origin, url) {
    try {
        return new URL(url).origin === new URL(origin).origin;
    }
    catch {
        return false;
    }
}
class Transport {
    o;
    constructor(o) {
        this.o = o;
    }
    get timeoutMs() {
        return this.o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    }
    /** Resolves `path` against the registry and checks the scheme rule. */
    resolve(spec, base) {
        const url = new URL(spec.path, base ?? this.o.origin);
        if (url.protocol !== 'http:' && url.protocol !== 'https:')
            throw this.protocolError(spec, `refusing a ${url.protocol} URL`);
        if (!schemeAllowed(this.o.origin, url)) {
            throw new RegistryRequestError(this.o.registry, `refusing to send a request for this HTTPS registry to plain HTTP ${describe(url.toString())} (${spec.method})`, 'The registry (or a proxy in front of it) sent an http:// URL; fix its configuration (e.g. the external URL of Harbor or distribution\'s http.host)', 'protocol', spec.repository);
        }
        return url;
    }
    /** Retries transient failures of `once` (429, 5xx except 501, timeouts, connection errors). */
    async withRetries(spec, once) {
        const retries = spec.retry ? (this.o.retries ?? 3) : 0;
        for (let attempt = 0;; attempt++) {
            let res;
            let err;
            try {
                res = await once();
            }
            catch (e) {
                if (!(e instanceof RegistryRequestError))
                    throw e;
                err = e;
            }
            const transient = err ? isRetryableNetworkError(err) : isTransientStatus(res.status);
            if (!transient || attempt >= retries) {
                if (err)
                    throw err;
                return { ...res, attempts: attempt + 1 };
            }
            const wait = this.waitFor(res, attempt);
            this.o.log(`${spec.method} ${describe(spec.path)} ${err ? `failed: ${err.detail}` : `-> HTTP ${res.status}`}; retry ${attempt + 1}/${retries} in ${wait} ms`);
            await this.sleep(wait);
        }
    }
    /** `Retry-After` (seconds or an HTTP date) when the answer had one, capped at 60 s; else backoff with jitter. */
    waitFor(res, attempt) {
        const cap = Math.max(this.o.maxBackoffMs ?? 8_000, MAX_RETRY_AFTER_MS);
        const header = res?.headers.get('retry-after');
        if (header) {
            const seconds = /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
            if (Number.isFinite(seconds) && seconds > 0)
                return Math.min(Math.round(seconds * 1000), cap);
        }
        return this.backoff(attempt);
    }
    backoff(attempt) {
        const base = this.o.backoffMs ?? 500;
        const cap = this.o.maxBackoffMs ?? 8_000;
        const exp = Math.min(cap, base * 2 ** attempt);
        const r = (this.o.random ?? Math.random)();
        return Math.round(exp / 2 + (exp / 2) * r);
    }
    sleep(ms) {
        return this.o.sleep ? this.o.sleep(ms) : new Promise((resolve) => setTimeout(resolve, ms));
    }
    /**
     * One exchange, following redirects by hand. `authFor(url)` gives the Authorization header for a
     * URL (undefined for other origins). Returns any status; throws for network errors and timeouts.
     */
    async attempt(spec, authFor, extraHeaders = {}) {
        let url = this.resolve(spec);
        for (let hop = 0;; hop++) {
            const res = await this.exchange(spec, url, authFor(url), extraHeaders);
            const location = res.location;
            if (location === undefined)
                return res.result;
            if (hop >= MAX_REDIRECTS)
                throw this.protocolError(spec, `more than ${MAX_REDIRECTS} redirects`);
            url = this.resolve({ ...spec, path: location }, url.toString());
            this.o.log(`${spec.method} redirected to ${describe(url.toString())}`);
        }
    }
    async exchange(spec, url, authorization, extraHeaders) {
        const headers = { 'user-agent': this.o.userAgent ?? 'aim-build', ...spec.headers, ...extraHeaders };
        if (authorization)
            headers.authorization = authorization;
        const timeoutMs = this.timeoutMs;
        const ac = new AbortController();
        let timedOut = false;
        let timer;
        let finished = false;
        /** (re)arms the idle timer: called when the request starts and on every chunk either way */
        const touch = () => {
            clearTimeout(timer);
            if (finished)
                return; // a late chunk of an abandoned upload body must not re-arm it
            timer = setTimeout(() => {
                timedOut = true;
                ac.abort();
            }, timeoutMs);
        };
        const shown = describe(url.toString());
        try {
            touch();
            const init = { method: spec.method, headers, redirect: 'manual', signal: ac.signal };
            const body = spec.body;
            if (typeof body === 'function') {
                // Streamed uploads go over node:http(s): Node's fetch reads a streamed request body without
                // backpressure (a 600 MB PUT took 657 MB of RSS; node:http 83 MB).
                const open = body;
                const result = await streamUpload(url, spec.method, headers, async function* () {
                    for await (const chunk of open()) {
                        touch();
                        yield chunk;
                    }
                }, ac.signal, touch, spec.maxBody ?? DEFAULT_MAX_BODY);
                this.o.log(`${spec.method} ${shown} -> ${result.status}`);
                if (result.status >= 300 && result.status < 400)
                    throw this.protocolError(spec, `redirect (HTTP ${result.status}) of an upload`);
                return { result: { ...result, url: url.toString() } };
            }
            else if (body !== undefined) {
                init.body = typeof body === 'string' ? body : new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
            }
            if (this.o.dispatcher !== undefined)
                init.dispatcher = this.o.dispatcher;
            const r = await this.o.fetch(url.toString(), init);
            touch();
            this.o.log(`${spec.method} ${shown} -> ${r.status}`);
            if (r.status >= 300 && r.status < 400 && r.status !== 304 && r.headers.get('location')) {
                await r.body?.cancel().catch(() => undefined);
                // a redirect of a streamed upload cannot be replayed here
                if (typeof body === 'function')
                    throw this.protocolError(spec, `redirect (HTTP ${r.status}) of an upload`);
                return { result: { status: r.status, headers: r.headers, body: Buffer.alloc(0), url: url.toString() }, location: r.headers.get('location') };
            }
            const ok = r.status >= 200 && r.status < 300;
            let buf;
            if (ok && spec.raw && r.body) {
                return { result: { status: r.status, headers: r.headers, body: Buffer.alloc(0), url: url.toString(), stream: r.body } };
            }
            else if (spec.method === 'HEAD' || !r.body) {
                buf = Buffer.alloc(0);
            }
            else if (ok && spec.sink) {
                const sink = spec.sink;
                await readStream(r.body, touch, async (chunk) => {
                    await sink(chunk);
                });
                buf = Buffer.alloc(0);
            }
            else {
                const cap = ok ? (spec.maxBody ?? DEFAULT_MAX_BODY) : MAX_ERROR_BODY;
                const declared = Number(r.headers.get('content-length') ?? NaN);
                if (ok && Number.isFinite(declared) && declared > cap) {
                    await r.body.cancel().catch(() => undefined);
                    throw this.tooLarge(spec, cap, `Content-Length ${declared}`);
                }
                const parts = [];
                let size = 0;
                const over = await readStream(r.body, touch, (chunk) => {
                    const room = cap - size;
                    if (chunk.length > room) {
                        if (room > 0)
                            parts.push(Buffer.from(chunk.subarray(0, room)));
                        size = cap;
                        return 'stop';
                    }
                    parts.push(Buffer.from(chunk));
                    size += chunk.length;
                    return undefined;
                });
                if (over && ok)
                    throw this.tooLarge(spec, cap, 'more bytes');
                buf = Buffer.concat(parts, size);
            }
            return { result: { status: r.status, headers: r.headers, body: buf, url: url.toString() } };
        }
        catch (e) {
            if (e instanceof RegistryRequestError)
                throw e;
            const err = networkError(this.o.registry, spec.op, spec.repository, e, timedOut ? timeoutMs : undefined);
            this.o.log(`${spec.method} ${shown} failed: ${err.detail}`);
            throw err;
        }
        finally {
            finished = true;
            clearTimeout(timer);
        }
    }
    tooLarge(spec, cap, seen) {
        const what = spec.bodyWhat ?? 'response';
        return new RegistryRequestError(this.o.registry, `the ${what} is larger than ${formatBytes(cap, 0)} (${seen}; ${spec.method} ${describe(spec.path)}); stopped reading`, `A registry does not serve a ${what} this large; check the registry address and the repository, or whether a proxy in front of the registry answers instead`, 'protocol', spec.repository);
    }
    protocolError(spec, detail) {
        return new RegistryRequestError(this.o.registry, `${detail} (${spec.method} ${describe(spec.path)})`, 'This registry answered in a way this action does not understand; report it with the log', 'protocol', spec.repository);
    }
}
/**
 * A PUT/PATCH whose body streams from `open()` with backpressure (node:http or node:https; a
 * private CA comes from NODE_EXTRA_CA_CERTS). The answer's body is read capped (64 KiB for errors).
 */
function streamUpload(url, method, headers, open, signal, touch, maxBody) {
    const mod = url.protocol === 'https:' ? (external_node_https_default()) : (external_node_http_default());
    return new Promise((resolve, reject) => {
        let settled = false;
        const fail = (e) => {
            if (settled)
                return;
            settled = true;
            req.destroy();
            reject(e);
        };
        const req = mod.request(url, { method, headers, signal }, (res) => {
            touch();
            const status = res.statusCode ?? 0;
            const cap = status >= 200 && status < 300 ? maxBody : MAX_ERROR_BODY;
            const parts = [];
            let size = 0;
            res.on('data', (chunk) => {
                touch();
                if (size >= cap)
                    return;
                const part = chunk.subarray(0, cap - size);
                parts.push(part);
                size += part.length;
            });
            res.on('error', fail);
            res.on('end', () => {
                if (settled)
                    return;
                settled = true;
                const h = new Headers();
                for (const [k, v] of Object.entries(res.headers))
                    if (v !== undefined)
                        h.set(k, Array.isArray(v) ? v.join(', ') : v);
                resolve({ status, headers: h, body: Buffer.concat(parts, size) });
            });
        });
        req.on('error', fail);
        (0,promises_.pipeline)(external_node_stream_.Readable.from(open(), { objectMode: false }), req).catch((e) => {
            // an early answer (401, 4xx) may end the upload before the body is sent: the answer wins
            if (!settled)
                setTimeout(() => fail(e), 50);
        });
    });
}
/** Reads a web stream chunk by chunk; `onChunk` returning 'stop' cancels it (returns true then). */
async function readStream(body, touch, onChunk) {
    const reader = body.getReader();
    try {
        for (;;) {
            const { done, value } = await reader.read();
            if (done)
                return false;
            touch();
            if ((await onChunk(value)) === 'stop') {
                await reader.cancel().catch(() => undefined);
                return true;
            }
        }
    }
    finally {
        reader.releaseLock();
    }
}
function isTransientStatus(status) {
    return status === 429 || (status >= 500 && status !== 501);
}
/** path (and host) without query strings, which may carry upload state tokens */
function describe(url) {
    return url.replace(/\?.*$/, '');
}

;// CONCATENATED MODULE: ./src/adapters/registry/auth.ts
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



const MAX_TOKEN_BODY = 1024 * 1024;
class Auth {
    t;
    origin;
    credentials;
    onSecret;
    basicHeader;
    /** bearer tokens by scope key */
    tokens = new Map();
    /** the last challenge seen from the registry's origin */
    challenge;
    constructor(t, origin, credentials, onSecret) {
        this.t = t;
        this.origin = origin;
        this.credentials = credentials;
        this.onSecret = onSecret;
    }
    static scopeKey(spec) {
        const own = spec.repository && spec.actions ? repositoryScope(spec.repository, spec.actions) : '';
        return [own, ...(spec.extraScopes ?? [])].filter(Boolean).join(' ');
    }
    /** The Authorization header for `url` under `scopeKey`: only for the registry's own origin. */
    headerFor(url, scopeKey) {
        if (!sameOrigin(this.origin, url))
            return undefined;
        if (this.basicHeader)
            return this.basicHeader;
        const t = this.tokens.get(scopeKey);
        if (t && t.expires > Date.now())
            return `Bearer ${t.token}`;
        if (t)
            this.tokens.delete(scopeKey);
        return undefined;
    }
    /** The challenge of a 401 answer, when it came from the registry's own origin. */
    challengeOf(res) {
        if (!sameOrigin(this.origin, res.url))
            return undefined;
        return parseChallenge(res.headers.get('www-authenticate'));
    }
    /**
     * After a 401 from the registry's origin: the header to retry with, or undefined when there is
     * nothing more to try. `sent` is the header the failed request carried.
     */
    async answer(spec, res, sent) {
        const ch = this.challengeOf(res);
        if (!ch)
            return undefined;
        this.challenge = ch;
        if (ch.scheme === 'basic') {
            if (!this.credentials)
                return undefined;
            // Rejected only if THIS request carried the credentials: concurrent first requests of a new
            // client all see the challenge, and the first one to return must not fail the others.
            if (sent !== undefined && sent === this.basicHeader)
                return undefined;
            this.basicHeader = basic(this.credentials);
            return this.basicHeader;
        }
        if (ch.scheme === 'bearer')
            return `Bearer ${await this.fetchToken(ch, Auth.scopeKey(spec), spec)}`;
        return undefined;
    }
    async fetchToken(ch, scopeKey, spec) {
        const realm = ch.params.realm;
        if (!realm)
            throw this.t.protocolError(spec, 'Bearer challenge without realm');
        let url;
        try {
            url = new URL(realm);
        }
        catch {
            throw this.t.protocolError(spec, `Bearer challenge with a realm that is not a URL`);
        }
        if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !schemeAllowed(this.origin, url)) {
            throw new RegistryRequestError(this.t.o.registry, `refusing the token realm ${describe(url.toString())}: an HTTPS registry must not send credentials to a plain-HTTP token server`, "Fix the registry's token realm (auth.token.realm in distribution, the external URL in Harbor) to an https:// URL", 'protocol', spec.repository);
        }
        if (ch.params.service)
            url.searchParams.set('service', ch.params.service);
        // Ask for our scope and whatever the registry said it needs (e.g. distribution wants
        // `delete` to cancel an upload); token servers grant the intersection with the account's rights.
        for (const scope of mergeScopes([scopeKey, ch.params.scope ?? '']))
            url.searchParams.append('scope', scope);
        const tokenSpec = { ...spec, method: 'GET', path: url.toString(), headers: {}, body: undefined, sink: undefined, retry: true, maxBody: MAX_TOKEN_BODY, bodyWhat: 'token answer' };
        const realmOrigin = url.origin;
        // The realm is where the registry says credentials go: the Basic credentials are sent to it,
        // on its own origin only (a redirect to another host gets none).
        const res = await this.t.withRetries(tokenSpec, () => this.t.attempt(tokenSpec, (u) => (this.credentials && u.origin === realmOrigin ? basic(this.credentials) : undefined)));
        if (res.status !== 200)
            return Promise.reject(new TokenRefused(res));
        let parsed;
        try {
            parsed = JSON.parse(res.body.toString('utf8'));
        }
        catch {
            parsed = undefined;
        }
        const token = typeof parsed?.token === 'string' && parsed.token ? parsed.token : typeof parsed?.access_token === 'string' ? parsed.access_token : '';
        if (!token)
            throw this.t.protocolError(spec, 'token endpoint answered without a token');
        this.onSecret(token);
        const expiresIn = typeof parsed?.expires_in === 'number' ? parsed.expires_in : 60;
        const ttl = Math.max(30, expiresIn) * 1000;
        this.tokens.set(scopeKey, { token, expires: Date.now() + ttl - 10_000 });
        return token;
    }
}
/** A token endpoint's refusal: the client reports it like a 401 of the registry. */
class TokenRefused extends Error {
    res;
    constructor(res) {
        super(`token endpoint answered HTTP ${res.status}`);
        this.res = res;
    }
}
function basic(c) {
    return `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}`;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(24);
// EXTERNAL MODULE: external "node:fs/promises"
var external_node_fs_promises_ = __webpack_require__(455);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(598);
;// CONCATENATED MODULE: ./src/adapters/registry/digest.ts
/**
 * Hashing for the digest rule of src/core/oci.ts: the digest we report is always the one we
 * computed over the bytes we hold (or streamed), in the algorithm the expected digest names.
 */


function digest_digestOf(data, algorithm = 'sha256') {
    return `${algorithm}:${(0,external_node_crypto_.createHash)(algorithm).update(data).digest('hex')}`;
}
/** A running hash for streams: `update` per chunk, then `digest()`. */
class Digester {
    algorithm;
    hash;
    bytes = 0;
    constructor(algorithm = 'sha256', from) {
        this.algorithm = algorithm;
        this.hash = from ? from.hash.copy() : (0,external_node_crypto_.createHash)(algorithm);
        this.bytes = from?.bytes ?? 0;
    }
    /** an independent copy of the state so far (to rewind a chunk that failed) */
    copy() {
        return new Digester(this.algorithm, this);
    }
    update(chunk) {
        this.hash.update(chunk);
        this.bytes += chunk.length;
    }
    digest() {
        return `${this.algorithm}:${this.hash.digest('hex')}`;
    }
}
/** The algorithm to hash with when `expected` is a digest we were asked for; sha256 otherwise. */
function algorithmFor(expected) {
    return expected !== undefined && isDigest(expected) ? digestAlgorithm(expected) : 'sha256';
}

;// CONCATENATED MODULE: ./src/adapters/registry/blobs.ts
/**
 * Blobs: existence, small reads, streaming downloads to disk, and streaming uploads from disk or
 * from another registry, hashed while they stream, never held in memory.
 *
 * Upload (`pushBlob`):
 *   1. HEAD: a blob the repository has is skipped;
 *   2. `POST …/blobs/uploads/?mount=<digest>&from=<repo>` when the source is another repository of
 *      the same registry (201 = mounted, nothing sent; 202 = an ordinary upload starts);
 *   3. up to `chunkBytes` (default 512 MiB): one streaming `PUT <location>?digest=`; larger blobs:
 *      `PATCH` chunks with `Content-Range`; a chunk that fails resumes from the offset the registry
 *      reports (`GET <location>` → `Range: 0-N`), not from zero; then `PUT ?digest=`;
 *   4. the digest we computed over the bytes sent must equal the expected one, and the registry's
 *      `Docker-Content-Digest` (when sent) must agree.
 * A failure that cannot resume starts a fresh upload (bounded retries with backoff).
 * Blob transfers of one client (one registry) run at most `maxConcurrentBlobs` at a time.
 */






const DEFAULT_CHUNK_BYTES = 512 * 1024 * 1024;
const READ_CHUNK = (/* unused pure expression or super */ null && (1024 * 1024));
/** configs and other small blobs read into memory */
const MAX_SMALL_BLOB = 16 * 1024 * 1024;
/** A blob in a local file (an OCI layout's blobs/…). */
function fileBlobSource(path, digest, size) {
    return {
        digest,
        size,
        describe: path,
        open: (start, end) => (end > start ? createReadStream(path, { start, end: end - 1, highWaterMark: READ_CHUNK }) : emptyIterable())
    };
}
/** A blob held in memory (small ones: configs, tests). */
function bufferBlobSource(bytes, digest) {
    return {
        digest,
        size: bytes.length,
        describe: `${bytes.length} bytes in memory`,
        open: async function* (start, end) {
            if (end > start)
                yield bytes.subarray(start, end);
        }
    };
}
async function* emptyIterable() {
    /* nothing */
}
/** Counts transfers in flight and queues the rest: one bound per client, i.e. per registry. */
class Slots {
    limit;
    active = 0;
    waiting = [];
    constructor(limit) {
        this.limit = limit;
    }
    async run(fn) {
        if (this.active >= this.limit)
            await new Promise((resolve) => this.waiting.push(resolve));
        this.active++;
        try {
            return await fn();
        }
        finally {
            this.active--;
            this.waiting.shift()?.();
        }
    }
}
function blobSpec(method, repository, digest) {
    return { method, path: `/v2/${repository}/blobs/${digest}`, op: 'pull', repository, ref: digest, actions: ['pull'], retry: true, bodyWhat: 'blob' };
}
async function hasBlob(s, repository, digest) {
    digestAlgorithm(digest, 'blob digest');
    const spec = blobSpec('HEAD', repository, digest);
    const res = await s.send(spec);
    if (res.status === 200)
        return true;
    if (res.status === 404)
        return false;
    throw s.fail(spec, res);
}
/** GET a small blob (a config) into memory, capped, and verify its digest. */
async function getBlob(s, repository, digest, maxBytes = MAX_SMALL_BLOB) {
    const alg = digestAlgorithm(digest, 'blob digest');
    const spec = { ...blobSpec('GET', repository, digest), maxBody: maxBytes };
    const res = await s.send(spec);
    if (res.status !== 200)
        throw s.fail(spec, res);
    const d = new Digester(alg);
    d.update(res.body);
    const computed = d.digest();
    if (computed !== digest)
        throw s.protocolError(spec, `blob digest mismatch: asked for ${digest}, content is ${computed}`);
    return res.body;
}
/**
 * Streams a blob to `file` while hashing it: written to `file.partial-…` and renamed only once the
 * digest matches (a mismatch leaves nothing). A cut download is retried from zero.
 */
async function downloadBlob(s, repository, digest, file, o = {}) {
    const alg = digestAlgorithm(digest, 'blob digest');
    const partial = `${file}.partial-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
    const retries = o.retries ?? 3;
    for (let attempt = 0;; attempt++) {
        const fh = await (0,external_node_fs_promises_.open)(partial, 'w');
        const d = new Digester(alg);
        const spec = {
            ...blobSpec('GET', repository, digest),
            retry: false,
            sink: async (chunk) => {
                d.update(chunk);
                await fh.write(chunk);
            }
        };
        try {
            const res = await s.send(spec);
            if (res.status !== 200)
                throw s.fail(spec, res);
            const computed = d.digest();
            if (computed !== digest)
                throw s.protocolError(spec, `blob digest mismatch: asked for ${digest}, content is ${computed}`);
            await fh.close();
            await (0,external_node_fs_promises_.rename)(partial, file);
            return d.bytes;
        }
        catch (e) {
            await fh.close().catch(() => undefined);
            if (attempt >= retries || !isRetryable(e)) {
                await (0,external_node_fs_promises_.rm)(partial, { force: true });
                throw e;
            }
            const wait = s.transport.backoff(attempt);
            s.log(`download of ${digest} from ${repository} failed (${e.message}); retrying in ${wait} ms`);
            await s.transport.sleep(wait);
        }
    }
}
/**
 * A blob of a repository in a registry, as a {@link BlobSource} for another registry's upload:
 * streamed with `Range` requests (a resumed upload reads from its offset), never buffered.
 */
function registryBlobSource(s, repository, digest, size) {
    digestAlgorithm(digest, 'blob digest');
    return {
        digest,
        size,
        describe: `${s.registry}/${repository}@${digest}`,
        open: (start, end) => openRange(s, repository, digest, start, end, size)
    };
}
async function* openRange(s, repository, digest, start, end, size) {
    if (end <= start)
        return;
    const whole = start === 0 && end === size;
    const spec = { ...blobSpec('GET', repository, digest), raw: true, headers: whole ? {} : { range: `bytes=${start}-${end - 1}` } };
    const res = await s.send(spec);
    if (res.status !== 200 && res.status !== 206)
        throw s.fail(spec, res);
    // 200 to a Range request: the registry ignored it; skip to `start`.
    let skip = res.status === 200 ? start : 0;
    if (res.status === 206) {
        const m = /^bytes (\d+)-/.exec(res.headers.get('content-range') ?? '');
        if (!m || Number(m[1]) !== start) {
            await res.stream?.cancel().catch(() => undefined);
            throw s.protocolError(spec, `asked for bytes ${start}-${end - 1}, got ${res.headers.get('content-range') ?? 'no Content-Range'}`);
        }
    }
    let left = end - start;
    const reader = res.stream.getReader();
    try {
        while (left > 0) {
            const { done, value } = await reader.read();
            if (done)
                break;
            let chunk = value;
            if (skip > 0) {
                const n = Math.min(skip, chunk.length);
                skip -= n;
                chunk = chunk.subarray(n);
            }
            if (chunk.length === 0)
                continue;
            if (chunk.length > left)
                chunk = chunk.subarray(0, left);
            left -= chunk.length;
            yield chunk;
        }
        if (left > 0)
            throw s.protocolError(spec, `the blob ended ${left} bytes early`);
    }
    finally {
        await reader.cancel().catch(() => undefined);
        reader.releaseLock();
    }
}
/** Hashes what passes through into `d`. */
async function* hashing(source, d) {
    for await (const chunk of source) {
        d.update(chunk);
        yield chunk;
    }
}
/** Upload `src` to `repository`; see the module comment for the protocol. */
async function pushBlob(s, repository, src, push = {}, o = {}) {
    const alg = digestAlgorithm(src.digest, `digest of ${src.describe}`);
    const done = (status) => ({ digest: src.digest, size: src.size, status });
    if (await hasBlob(s, repository, src.digest))
        return done('exists');
    const retries = o.retries ?? 3;
    let mount = push.mountFrom && push.mountFrom !== repository ? push.mountFrom : undefined;
    for (let attempt = 0;; attempt++) {
        let location;
        try {
            let started;
            if (mount) {
                const from = mount;
                mount = undefined; // tried once; an ordinary upload from now on
                try {
                    started = await startUpload(s, repository, true, { digest: src.digest, from });
                }
                catch (e) {
                    // a registry that refuses the mount itself (4xx) still takes an ordinary upload
                    if (!(e instanceof RegistryRequestError) || e.status === undefined || isRetryable(e) || e.status === 401 || e.status === 403)
                        throw e;
                    s.log(`mounting ${src.digest} from ${from} was refused (HTTP ${e.status}); uploading it`);
                }
            }
            started ??= await startUpload(s, repository, true);
            if (started.mounted) {
                s.log(`mounted ${src.digest} into ${repository} from another repository`);
                return done('mounted');
            }
            location = started.location;
            const chunk = Math.max(1, o.chunkBytes ?? DEFAULT_CHUNK_BYTES);
            if (src.size <= chunk)
                await putWhole(s, repository, src, location, alg);
            else
                await putChunks(s, repository, src, location, alg, chunk, retries);
            return done('uploaded');
        }
        catch (e) {
            if (attempt >= retries || !isRetryable(e)) {
                if (location)
                    void cancelUpload(s, repository, location);
                throw e;
            }
            const wait = s.transport.waitFor(retryAfterOf(e), attempt);
            s.log(`blob upload to ${repository} failed (${e.message}); retrying in ${wait} ms with a new upload of ${src.digest}`);
            await s.transport.sleep(wait);
        }
    }
}
/** Blobs up to this size are read into memory and sent in one buffer (configs, small layers). */
const IN_MEMORY_UPLOAD = 4 * 1024 * 1024;
/** One PUT of the whole blob: streamed, or one buffer for small blobs. */
async function putWhole(s, repository, src, location, alg) {
    let d = new Digester(alg);
    let body = () => {
        d = new Digester(alg);
        return hashing(src.open(0, src.size), d);
    };
    if (src.size <= IN_MEMORY_UPLOAD) {
        const parts = [];
        for await (const chunk of hashing(src.open(0, src.size), d))
            parts.push(chunk);
        body = Buffer.concat(parts);
    }
    const spec = closingPut(repository, location, src.digest, src.size, body);
    const res = await s.send(spec);
    if (res.status !== 201 && res.status !== 204)
        throw s.fail(spec, res);
    finish(s, spec, src, d, res);
}
/** The PUT that closes an upload session with the blob's digest (and the body, or its last part). */
function closingPut(repository, location, digest, length, body) {
    return {
        method: 'PUT',
        path: withDigest(location, digest),
        op: 'push',
        repository,
        actions: ['pull', 'push'],
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(length) },
        ...(body === undefined ? {} : { body }),
        retry: false,
        bodyWhat: 'upload answer'
    };
}
/** PATCH chunks with Content-Range; a failed chunk resumes at the offset the registry reports. */
async function putChunks(s, repository, src, first, alg, chunkBytes, retries) {
    let location = first;
    let offset = 0;
    let hash = new Digester(alg);
    let resumes = 0;
    while (offset < src.size) {
        const end = Math.min(src.size, offset + chunkBytes);
        const before = hash;
        let inChunk = before.copy();
        const spec = {
            method: 'PATCH',
            path: location,
            op: 'push',
            repository,
            actions: ['pull', 'push'],
            headers: { 'content-type': 'application/octet-stream', 'content-range': `${offset}-${end - 1}`, 'content-length': String(end - offset) },
            body: () => {
                inChunk = before.copy();
                return hashing(src.open(offset, end), inChunk);
            },
            retry: false,
            bodyWhat: 'upload answer'
        };
        let res;
        let failure;
        try {
            res = await s.send(spec);
            if (res.status !== 202 && res.status !== 204)
                failure = s.fail(spec, res);
        }
        catch (e) {
            failure = e;
        }
        if (failure === undefined && res) {
            const reported = reportedEnd(res);
            location = nextLocation(s, spec, res, location);
            if (reported !== undefined && reported !== end) {
                // the registry kept fewer bytes than sent: continue from there (re-hash what it kept)
                if (reported < offset || reported > end)
                    throw s.protocolError(spec, `upload offset ${reported} outside the chunk ${offset}-${end}`);
                hash = await rehash(before, src, offset, reported);
                offset = reported;
            }
            else {
                hash = inChunk;
                offset = end;
            }
            continue;
        }
        if (!isRetryable(failure) || resumes >= retries)
            throw failure;
        resumes++;
        await s.transport.sleep(s.transport.waitFor(retryAfterOf(failure), resumes - 1));
        // Where does the registry stand? GET <location> → 204 + Range: 0-N.
        const status = await settledUploadStatus(s, repository, location);
        if (status === undefined || status.offset < offset || status.offset > end) {
            throw new ResumeImpossible(s.registry, repository, `the upload cannot resume at ${offset} (${status === undefined ? 'the registry lost it' : `it reports ${status.offset}`}): ${failure.message}`);
        }
        s.log(`upload of ${src.digest} to ${repository} resumes at byte ${status.offset} of ${src.size} (reported by the registry) after: ${failure.message}`);
        hash = status.offset === offset ? before : await rehash(before, src, offset, status.offset);
        offset = status.offset;
        location = status.location;
    }
    const spec = closingPut(repository, location, src.digest, 0);
    const computed = hash.digest();
    if (computed !== src.digest)
        throw corrupt(s, repository, src, computed);
    const res = await s.send(spec);
    if (res.status !== 201 && res.status !== 204)
        throw s.fail(spec, res);
    checkBlobHeader(s, spec, src, res);
}
/** The hash state at `to`, from the state at `from` plus the source bytes in between. */
async function rehash(at, src, from, to) {
    const d = at.copy();
    for await (const chunk of src.open(from, to))
        d.update(chunk);
    return d;
}
/** `Range: 0-N` → N+1 (the next offset); distribution says `0-0` for an empty upload. */
function reportedEnd(res) {
    const m = /^(?:bytes=)?0-(\d+)$/.exec((res.headers.get('range') ?? '').trim());
    if (!m)
        return undefined;
    const n = Number(m[1]);
    return Number.isSafeInteger(n) ? n + 1 : undefined;
}
/**
 * The upload's state after a cut chunk. A registry may still be closing the broken request when we
 * ask (distribution then answers 404 for a moment, seen on a loaded machine): ask again, briefly,
 * before deciding that the upload is lost and starting over.
 */
async function settledUploadStatus(s, repository, location) {
    for (let attempt = 0;; attempt++) {
        const status = await uploadStatus(s, repository, location);
        if (status !== undefined || attempt >= 2)
            return status;
        await s.transport.sleep(250 * (attempt + 1));
    }
}
async function uploadStatus(s, repository, location) {
    const spec = { method: 'GET', path: location, op: 'push', repository, actions: ['pull', 'push'], retry: true, bodyWhat: 'upload status' };
    const res = await s.send(spec);
    if (res.status !== 204 && res.status !== 200)
        return undefined;
    const end = reportedEnd(res);
    // distribution reports `0-0` for both 0 and 1 bytes; treat it as 0 only if we had sent nothing more
    return { offset: end === 1 && res.headers.get('range') === '0-0' ? 0 : (end ?? 0), location: nextLocation(s, spec, res, location) };
}
function nextLocation(s, spec, res, current) {
    const loc = res.headers.get('location');
    if (!loc)
        return current;
    try {
        return new URL(loc, res.url).toString();
    }
    catch {
        throw s.protocolError(spec, 'upload Location is not a URL');
    }
}
function withDigest(location, digest) {
    const url = new URL(location);
    url.searchParams.set('digest', digest);
    return url.toString();
}
function finish(s, spec, src, d, res) {
    const computed = d.digest();
    if (computed !== src.digest || d.bytes !== src.size)
        throw corrupt(s, spec.repository ?? '', src, computed);
    checkBlobHeader(s, spec, src, res);
}
function checkBlobHeader(s, spec, src, res) {
    const header = res.headers.get('docker-content-digest');
    if (header !== null && header !== src.digest && (!isDigest(header) || digestAlgorithm(header) === digestAlgorithm(src.digest))) {
        throw s.protocolError(spec, `the registry stored the blob as ${header.slice(0, 140)}, expected ${src.digest}`);
    }
}
function corrupt(s, repository, src, computed) {
    return new RegistryRequestError(s.registry, `the bytes of ${src.describe} hash to ${computed}, not ${src.digest}`, 'The source is corrupt or changed while it was read; rebuild or re-pull the image', 'protocol', repository);
}
/** `POST …/blobs/uploads/` (optionally `?mount=&from=`): the upload Location, or mounted. */
async function startUpload(s, repository, retry, mount) {
    const query = mount ? `?mount=${encodeURIComponent(mount.digest)}&from=${encodeURIComponent(mount.from)}` : '';
    const spec = {
        method: 'POST',
        path: `/v2/${repository}/blobs/uploads/${query}`,
        op: 'push',
        repository,
        actions: ['pull', 'push'],
        extraScopes: mount ? [`repository:${mount.from}:pull`] : undefined,
        headers: { 'content-length': '0' },
        retry,
        bodyWhat: 'upload answer'
    };
    const res = await s.send(spec);
    if (mount && res.status === 201)
        return { location: '', mounted: true };
    if (res.status !== 202)
        throw s.fail(spec, res);
    const loc = res.headers.get('location');
    if (!loc)
        throw s.protocolError(spec, 'upload started (202) without a Location header');
    let url;
    try {
        url = new URL(loc, res.url);
    }
    catch {
        throw s.protocolError(spec, 'upload Location is not a URL');
    }
    s.transport.resolve({ ...spec, path: url.toString() }); // scheme rule, before any byte is sent there
    return { location: url.toString(), mounted: false };
}
async function cancelUpload(s, repository, location) {
    const spec = { method: 'DELETE', path: location, op: 'push', repository, actions: ['pull', 'push'], retry: false, bodyWhat: 'cancel answer' };
    try {
        const res = await s.send(spec);
        if (res.status !== 204 && res.status !== 202 && res.status !== 200 && res.status !== 404) {
            s.log(`could not cancel the upload in ${repository} (HTTP ${res.status}); the registry purges it later`);
        }
    }
    catch (e) {
        s.log(`could not cancel the upload in ${repository} (${e.message}); the registry purges it later`);
    }
}
class ResumeImpossible extends RegistryRequestError {
    constructor(registry, repository, detail) {
        super(registry, detail, 'Retry later; check the registry and the network', 'network', repository);
    }
}
function retryAfterOf(e) {
    return e instanceof RegistryRequestError && e.retryAfter !== undefined ? { headers: new Headers({ 'retry-after': e.retryAfter }) } : undefined;
}
function isRetryable(e) {
    if (!(e instanceof RegistryRequestError))
        return false;
    if (e.status !== undefined)
        return isTransientStatus(e.status);
    return e.kind === 'timeout' || e.kind === 'network' || (e.kind === 'dns' && /EAI_AGAIN/.test(e.detail));
}

;// CONCATENATED MODULE: ./src/adapters/registry/manifests.ts
/**
 * Manifests and referrers. The digest returned is always the one computed over the bytes we hold;
 * a `Docker-Content-Digest` header that is not a digest, or that disagrees, is an error.
 */


/** A GET or HEAD of a manifest: pull scope, the accepted media types, retried, capped at 4 MiB. */
function manifestRead(method, repository, ref, accept) {
    return {
        method,
        path: `/v2/${repository}/manifests/${ref}`,
        op: 'pull',
        repository,
        ref,
        actions: ['pull'],
        headers: { accept: accept.join(', ') },
        retry: true,
        maxBody: MAX_MANIFEST_BYTES,
        bodyWhat: 'manifest'
    };
}
function contentType(h) {
    const ct = h.get('content-type');
    return ct ? ct.split(';')[0].trim() : undefined;
}
/**
 * The registry's `Docker-Content-Digest` checked against what we computed (or asked for):
 * absent is fine, malformed or different is an error.
 */
function checkHeader(s, spec, res, expected, bytes) {
    const header = res.headers.get('docker-content-digest');
    if (header === null)
        return;
    if (!isDigest(header))
        throw s.protocolError(spec, `Docker-Content-Digest ${JSON.stringify(header.slice(0, 100))} is not a digest`);
    const alg = digestAlgorithm(header);
    const ours = bytes && alg !== digestAlgorithm(expected) ? digest_digestOf(bytes, alg) : expected;
    if (header !== ours)
        throw s.protocolError(spec, `the registry says the digest is ${header}, but the content is ${ours}`);
}
async function getManifest(s, repository, ref, accept = ALL_MANIFEST_TYPES) {
    const spec = manifestRead('GET', repository, ref, accept);
    const res = await s.send(spec);
    if (res.status !== 200)
        throw s.fail(spec, res);
    const computed = digest_digestOf(res.body, algorithmFor(ref));
    if (isDigest(ref) && computed !== ref)
        throw s.protocolError(spec, `manifest digest mismatch: asked for ${ref}, content is ${computed}`);
    checkHeader(s, spec, res, computed, res.body);
    let mediaType = contentType(res.headers);
    if (!mediaType) {
        try {
            mediaType = JSON.parse(res.body.toString('utf8')).mediaType;
        }
        catch {
            mediaType = undefined;
        }
    }
    return { digest: computed, mediaType: mediaType ?? '', body: res.body.toString('utf8'), size: res.body.length };
}
/** HEAD a manifest; `undefined` when the tag/digest does not exist. */
async function headManifest(s, repository, ref, accept = ALL_MANIFEST_TYPES) {
    const spec = manifestRead('HEAD', repository, ref, accept);
    const res = await s.send(spec);
    if (res.status === 404)
        return undefined;
    if (res.status !== 200)
        throw s.fail(spec, res);
    const digest = res.headers.get('docker-content-digest');
    if (digest === null) {
        // Some registries omit the digest on HEAD; fall back to GET (which computes it).
        const full = await getManifest(s, repository, ref, accept);
        return { digest: full.digest, mediaType: full.mediaType, size: full.size };
    }
    if (!isDigest(digest))
        throw s.protocolError(spec, `Docker-Content-Digest ${JSON.stringify(digest.slice(0, 100))} is not a digest`);
    if (isDigest(ref) && digest !== ref)
        throw s.protocolError(spec, `asked for ${ref}, the registry says ${digest}`);
    const size = Number(res.headers.get('content-length') ?? 0);
    return { digest, mediaType: contentType(res.headers) ?? '', size: Number.isSafeInteger(size) && size >= 0 ? size : 0 };
}
/** PUT a manifest (index or image) under a tag or digest; returns its digest (computed, and checked against the registry's). */
async function putManifest(s, repository, ref, body, mediaType) {
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
    if (bytes.length > MAX_MANIFEST_BYTES)
        throw s.protocolError(spec, `manifest of ${bytes.length} bytes is larger than registries accept (4 MiB)`);
    const digest = digest_digestOf(bytes, algorithmFor(ref));
    if (isDigest(ref) && digest !== ref)
        throw s.protocolError(spec, `manifest to push as ${ref} hashes to ${digest}`);
    const res = await s.send(spec);
    if (res.status !== 201 && res.status !== 200)
        throw s.fail(spec, res);
    checkHeader(s, spec, res, digest, bytes);
    return digest;
}
/** DELETE a manifest by digest (tags cannot be deleted through the API). */
async function deleteManifest(s, repository, digest) {
    digestAlgorithm(digest, 'manifest digest to delete');
    const spec = { method: 'DELETE', path: `/v2/${repository}/manifests/${digest}`, op: 'delete', repository, ref: digest, actions: ['delete'], retry: true, bodyWhat: 'delete answer' };
    const res = await s.send(spec);
    if (res.status !== 202 && res.status !== 200 && res.status !== 204)
        throw s.fail(spec, res);
}
/**
 * The referrers API (`GET /v2/<name>/referrers/<digest>`): an index of the manifests whose
 * `subject` is `digest`; `undefined` when the registry has no referrers API (404).
 */
async function listReferrers(s, repository, digest, artifactType) {
    digestAlgorithm(digest, 'subject digest');
    const query = artifactType ? `?artifactType=${encodeURIComponent(artifactType)}` : '';
    const spec = { method: 'GET', path: `/v2/${repository}/referrers/${digest}${query}`, op: 'pull', repository, ref: digest, actions: ['pull'], retry: true, maxBody: MAX_MANIFEST_BYTES, bodyWhat: 'referrers index' };
    const res = await s.send(spec);
    if (res.status === 404)
        return undefined;
    if (res.status !== 200)
        throw s.fail(spec, res);
    try {
        const index = JSON.parse(res.body.toString('utf8'));
        if (!Array.isArray(index.manifests))
            throw new Error('no manifests');
        return index;
    }
    catch {
        throw s.protocolError(spec, 'the referrers answer is not an image index');
    }
}

;// CONCATENATED MODULE: ./src/adapters/registry/tags.ts
/** Tag lists, paged with `Link: <…>; rel="next"` on the registry's own origin only. */


/** A tag-list page is capped (a registry ignoring `n` still fits: ~100k tags). */
const MAX_TAG_PAGE = 8 * 1024 * 1024;
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
/** All tags, following `Link` pages. A repository that does not exist yet has no tags. */
async function listTags(s, repository, pageSize = 100) {
    const tags = [];
    let path = `/v2/${repository}/tags/list?n=${pageSize}`;
    for (let page = 0; path && page < 10_000; page++) {
        const spec = { method: 'GET', path, op: 'list', repository, actions: ['pull'], retry: true, maxBody: MAX_TAG_PAGE, bodyWhat: 'tag list' };
        const res = await s.send(spec);
        if (res.status === 404 && page === 0 && parseErrorBody(res.body.toString('utf8')).code === 'NAME_UNKNOWN')
            return [];
        if (res.status !== 200)
            throw s.fail(spec, res);
        let parsed;
        try {
            parsed = JSON.parse(res.body.toString('utf8'));
        }
        catch {
            throw s.protocolError(spec, 'tag list is not JSON');
        }
        const list = parsed?.tags ?? [];
        if (!Array.isArray(list) || list.some((t) => typeof t !== 'string'))
            throw s.protocolError(spec, 'tag list is not a list of strings');
        tags.push(...list);
        const next = nextLink(res.headers.get('link'));
        if (next !== undefined) {
            const url = new URL(next, res.url);
            // A page on another host would get no credentials anyway; a registry never needs that.
            if (!sameOrigin(s.origin, url))
                throw s.protocolError(spec, `the next page of the tag list is on another host (${describe(url.origin)}); refusing to follow it`);
            path = url.toString();
        }
        else {
            path = undefined;
        }
    }
    return tags;
}

// EXTERNAL MODULE: ./src/adapters/github/runner.ts + 1 modules
var runner = __webpack_require__(193);
;// CONCATENATED MODULE: ./src/adapters/registry/client.ts
/**
 * OCI distribution (registry v2) client: the one transfer engine of push, merge, cleanup, scan pull
 * and mirroring. This file is the facade; the seams are
 *   ./transport.ts  attempts, retries (429/5xx/timeouts, Retry-After), connect/headers and IDLE
 *                   timeouts, capped or streamed bodies, redirects;
 *   ./auth.ts       challenges, tokens, credentials scoped to the registry's origin;
 *   ./manifests.ts, ./tags.ts, ./blobs.ts   the API by noun (manifests and referrers, tags, blobs).
 * Errors are {@link RegistryRequestError} (a core RegistryError) naming the registry, repository,
 * HTTP status and the fix. TLS with a private CA: inject a `fetch` (or a `dispatcher` for Node's
 * fetch) that trusts it, or start the action with NODE_EXTRA_CA_CERTS.
 */














class RegistryClient {
    registry;
    /** `https://host[:port]` (or http) of the registry API */
    origin;
    transport;
    auth;
    opts;
    slots;
    /** the scheme of the last auth challenge ('basic' / 'bearer'), once one was seen */
    get authScheme() {
        return this.auth.challenge?.scheme;
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
        this.origin = new URL(`${scheme}://${apiHost}`).origin;
        this.transport = new Transport({
            registry: reg,
            origin: this.origin,
            fetch: opts.fetch ?? globalThis.fetch.bind(globalThis),
            dispatcher: opts.dispatcher,
            timeoutMs: opts.timeoutMs,
            retries: opts.retries,
            backoffMs: opts.backoffMs,
            maxBackoffMs: opts.maxBackoffMs,
            userAgent: opts.userAgent,
            log: (msg) => this.log(msg),
            sleep: opts.sleep,
            random: opts.random
        });
        // Masked in the job log when running in Actions; the CLI's stdout stays clean.
        const mask = opts.onSecret ?? ((secret) => (process.env.GITHUB_ACTIONS === 'true' ? (0,runner/* setSecret */.Pq)(secret) : undefined));
        this.auth = new Auth(this.transport, this.origin, opts.credentials, mask);
        this.slots = new Slots(Math.max(1, opts.maxConcurrentBlobs ?? 4));
    }
    // ---------------------------------------------------------------- ping
    /** GET /v2/. Without credentials a 401 is a normal answer (authRequired); with them, they are verified. */
    async ping() {
        const spec = { method: 'GET', path: '/v2/', op: 'ping', retry: true, bodyWhat: 'API answer' };
        const first = await this.send(spec, { noAuth: true });
        const apiVersion = first.headers.get('docker-distribution-api-version') ?? undefined;
        if (first.status === 200)
            return { apiVersion, authRequired: false, authenticated: false };
        if (first.status !== 401)
            throw this.fail(spec, first);
        const ch = this.auth.challengeOf(first);
        if (ch)
            this.auth.challenge = ch;
        if (!this.opts.credentials)
            return { apiVersion, authRequired: true, authScheme: ch?.scheme, authenticated: false };
        const res = await this.send(spec);
        if (res.status !== 200)
            throw this.fail(spec, res);
        return { apiVersion, authRequired: true, authScheme: ch?.scheme, authenticated: true };
    }
    // ---------------------------------------------------------------- tags
    /** All tags, following `Link: <…>; rel="next"` pages on this registry. A repository that does not exist yet has no tags. */
    listTags(repository, pageSize = 100) {
        return listTags(this, repository, pageSize);
    }
    // ---------------------------------------------------------------- manifests
    /** GET a manifest (≤ 4 MiB); the digest is computed over the bytes, a disagreeing header is an error. */
    getManifest(repository, ref, accept = ALL_MANIFEST_TYPES) {
        return getManifest(this, repository, ref, accept);
    }
    /** HEAD a manifest; `undefined` when the tag/digest does not exist. */
    headManifest(repository, ref, accept = ALL_MANIFEST_TYPES) {
        return headManifest(this, repository, ref, accept);
    }
    /** PUT a manifest (index or image) under a tag or digest; returns its digest. */
    putManifest(repository, ref, body, mediaType) {
        return putManifest(this, repository, ref, body, mediaType);
    }
    /** DELETE a manifest by digest (tags cannot be deleted through the API). */
    deleteManifest(repository, digest) {
        return deleteManifest(this, repository, digest);
    }
    /** The referrers of `digest` (OCI 1.1 referrers API); `undefined` when the registry has none. */
    listReferrers(repository, digest, artifactType) {
        return listReferrers(this, repository, digest, artifactType);
    }
    // ---------------------------------------------------------------- blobs
    /** Does the blob exist in this repository? */
    hasBlob(repository, digest) {
        return hasBlob(this, repository, digest);
    }
    /** GET a small blob (a config; ≤ 16 MiB by default) into memory and verify its digest. */
    getBlob(repository, digest, maxBytes) {
        return getBlob(this, repository, digest, maxBytes);
    }
    /** Streams a blob to `file` while hashing it; the file appears only when the digest matches. Returns the size. */
    downloadBlob(repository, digest, file) {
        return this.slots.run(() => downloadBlob(this, repository, digest, file, { retries: this.opts.retries }));
    }
    /**
     * Uploads a blob from a {@link BlobSource} (a file, another registry, memory), streaming and
     * hashing; skipped when the repository has it; mounted when `mountFrom` (a repository of this
     * registry) has it. Resumable in chunks for large blobs.
     */
    pushBlob(repository, source, o = {}) {
        return this.slots.run(() => pushBlob(this, repository, source, o, { chunkBytes: this.opts.chunkBytes, retries: this.opts.retries }));
    }
    /**
     * Copies one blob from `source` (another client, any registry) into `repository` here, streaming
     * registry to registry without touching disk or holding the blob: skipped when present, mounted
     * when the source is another repository of this same registry, else streamed with resume.
     */
    copyBlob(source, sourceRepository, blob, repository) {
        const sameRegistry = source.origin === this.origin;
        return this.pushBlob(repository, registryBlobSource(source, sourceRepository, blob.digest, blob.size), sameRegistry ? { mountFrom: sourceRepository } : {});
    }
    /** Upload a blob held in memory (small ones); skipped when it exists. */
    async uploadBlob(repository, data) {
        const digest = digest_digestOf(data);
        await this.pushBlob(repository, bufferBlobSource(data, digest));
        return { digest, size: data.length };
    }
    /**
     * Permission preflight: start a blob upload (needs push) and cancel it at once. Nothing is left
     * behind. Throws a RegistryRequestError ('auth' / 'denied' / …) with the fix when not allowed.
     */
    async checkPushAccess(repository) {
        const { location } = await startUpload(this, repository, true);
        const spec = { method: 'DELETE', path: location, op: 'push', repository, actions: ['pull', 'push'], retry: true, bodyWhat: 'cancel answer' };
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
    // ---------------------------------------------------------------- session
    /**
     * One logical request: attaches cached auth (registry origin only), answers one 401 challenge
     * (from the registry origin only), retries transient failures. Returns the final response.
     */
    async send(spec, o = {}) {
        const scopeKey = Auth.scopeKey(spec);
        const cached = (u) => (o.noAuth ? undefined : this.auth.headerFor(u, scopeKey));
        const sent = cached(this.transport.resolve(spec));
        const res = await this.transport.withRetries(spec, () => this.transport.attempt(spec, cached));
        if (res.status !== 401 || o.noAuth)
            return res;
        let header;
        try {
            header = await this.auth.answer(spec, res, sent);
        }
        catch (e) {
            // A token endpoint that refuses the credentials is the same as a 401 from the registry.
            if (e instanceof TokenRefused)
                throw this.fail(spec, e.res);
            throw e;
        }
        if (!header)
            return res;
        const answer = header;
        return this.transport.withRetries(spec, () => this.transport.attempt(spec, (u) => (sameOrigin(this.origin, u) ? answer : undefined)));
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
            ref: spec.ref,
            retryAfter: res.headers.get('retry-after') ?? undefined
        });
    }
    protocolError(spec, detail) {
        return this.transport.protocolError({ ...spec, path: describe(spec.path) }, detail);
    }
    log(msg) {
        this.opts.log?.(`[registry ${this.registry}] ${msg}`);
    }
}
/** sha256 digest of bytes (kept for callers; see ./digest.ts). */
function sha256(data) {
    return digestOf(data);
}


/***/ })

};
