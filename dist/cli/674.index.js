export const id = 674;
export const ids = [674];
export const modules = {

/***/ 6206:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kL: () => (/* binding */ formatImageRef),
/* harmony export */   xP: () => (/* binding */ parseImageRef)
/* harmony export */ });
/* unused harmony exports digestProblem, imageRefProblem, normalizeImageRef, familiarImageRef */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5378);
/**
 * Image references normalised as Docker does (distribution/reference `ParseNormalizedNamed` +
 * `TagNameOnly`): `redis:7-alpine` → `docker.io/library/redis:7-alpine`, `nginx` →
 * `docker.io/library/nginx:latest`, `name:tag@sha256:…` keeps both, `localhost/x` and
 * `host:port/x` keep their registry. The grammar checks are those of ../reference.ts.
 */


/** OCI digest grammar; sha256/sha512 must have their exact hex lengths. */
const DIGEST_RE = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
function digestProblem(digest) {
    if (!DIGEST_RE.test(digest))
        return 'a digest is algorithm:hex, e.g. sha256:<64 hex characters>';
    const [alg, hex] = digest.split(':');
    if (alg === 'sha256' && !/^[a-f0-9]{64}$/.test(hex))
        return 'a sha256 digest has 64 lowercase hex characters';
    if (alg === 'sha512' && !/^[a-f0-9]{128}$/.test(hex))
        return 'a sha512 digest has 128 lowercase hex characters';
    return undefined;
}
/** Why `value` is not an image reference, or undefined. */
function imageRefProblem(value) {
    try {
        parseImageRef(value, 'image');
        return undefined;
    }
    catch (e) {
        return e instanceof InputError ? e.hint : String(e);
    }
}
/**
 * Parse and normalise. Throws an InputError naming `input` (the input or file the value came from).
 * `index.docker.io` is Docker Hub too; a Docker Hub name without `/` gets `library/`; no tag and
 * no digest means `latest`.
 */
function parseImageRef(value, input, line) {
    const bad = (hint) => new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, value, hint, line);
    const v = value.trim();
    if (v === '')
        throw bad('the image reference is empty');
    if (/\s/.test(v))
        throw bad('an image reference has no spaces');
    let rest = v;
    let digest;
    const at = rest.indexOf('@');
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        const d = digestProblem(digest);
        if (d)
            throw bad(d);
    }
    let tag;
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        const t = (0,_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .tagProblem */ .qH)(tag);
        if (t)
            throw bad(t);
    }
    const split = (0,_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .splitImageName */ .xh)(rest);
    let domain = split.domain;
    let path = split.path;
    if (domain === 'index.docker.io')
        domain = 'docker.io';
    if (domain === 'docker.io' && !path.includes('/'))
        path = `library/${path}`;
    const problem = (0,_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .referenceProblem */ .te)(`${domain}/${path}`, tag ?? 'latest');
    if (problem)
        throw bad(problem);
    if (tag === undefined && digest === undefined)
        tag = 'latest';
    return { domain, path, tag, digest };
}
/** `domain/path[:tag][@digest]` */
function formatImageRef(r) {
    return `${r.domain}/${r.path}${r.tag !== undefined ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`;
}
/** `docker.io/library/redis:7` ← `redis:7` */
function normalizeImageRef(value, input = 'image', line) {
    return formatImageRef(parseImageRef(value, input, line));
}
/** The name Docker users write: `redis:7` for `docker.io/library/redis:7`, `bitnami/redis` for Docker Hub orgs. */
function familiarImageRef(r) {
    let name = `${r.domain}/${r.path}`;
    if (r.domain === 'docker.io')
        name = r.path.startsWith('library/') && r.path.split('/').length === 2 ? r.path.slice(8) : r.path;
    return `${name}${r.tag !== undefined ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`;
}


/***/ }),

/***/ 9674:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runMirrorCli: () => (/* binding */ runMirrorCli)
});

// UNUSED EXPORTS: MIRROR_HELP

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/build/inputs.ts
var build_inputs = __webpack_require__(1031);
// EXTERNAL MODULE: ./src/adapters/github/runner.ts
var runner = __webpack_require__(74);
// EXTERNAL MODULE: ./src/adapters/github/inputs.ts + 1 modules
var inputs = __webpack_require__(2190);
// EXTERNAL MODULE: ./src/core/targets.ts
var targets = __webpack_require__(277);
;// CONCATENATED MODULE: ./src/adapters/github/inputs-mirror.ts
/**
 * The mirror sub-action's inputs (and the CLI's flags of the same names). Secrets are masked first.
 */





function readMirrorInputs() {
    const password = core.getInput('password');
    if (password)
        core.setSecret(password);
    const registryAuth = parseRegistryAuth(getList('registry-auth'));
    for (const e of registryAuth)
        core.setSecret(e.password);
    return mirrorInputsFrom({
        images: getList('images'),
        files: getList('files'),
        buildArgs: getList('build-args'),
        target: core.getInput('target'),
        registryType: core.getInput('registry-type'),
        skipExisting: core.getInput('skip-existing'),
        strict: core.getInput('strict'),
        attestations: core.getInput('attestations'),
        concurrency: core.getInput('concurrency'),
        username: core.getInput('username'),
        password,
        registryAuth
    });
}
/** Raw strings (inputs or CLI flags) → typed inputs; the same checks for both. */
function mirrorInputsFrom(raw) {
    const concurrency = Number(raw.concurrency || '4');
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)
        throw new errors/* InputError */.dz('concurrency', raw.concurrency ?? '', 'expected a whole number from 1 to 32');
    if (!raw.target.trim())
        throw new errors/* InputError */.dz('target', '', 'give the registry namespace to mirror into, e.g. harbor.example.com/mirror');
    return {
        images: raw.images,
        files: raw.files.map((f) => f.trim()).filter((f) => f && !f.startsWith('#')),
        buildArgs: Object.fromEntries((0,build_inputs/* parseKeyValues */.Hl)('build-args', raw.buildArgs)),
        target: raw.target.trim(),
        registryType: (0,targets/* registryType */.OB)('registry-type', raw.registryType || 'auto'),
        skipExisting: (0,build_inputs/* parseBool */.q6)('skip-existing', raw.skipExisting ?? '', true),
        strict: (0,build_inputs/* parseBool */.q6)('strict', raw.strict ?? '', false),
        attestations: (0,build_inputs/* parseBool */.q6)('attestations', raw.attestations ?? '', true),
        concurrency,
        username: raw.username ?? '',
        password: raw.password ?? '',
        registryAuth: raw.registryAuth
    };
}
/** Names of the inputs read above; a test keeps mirror/action.yml in step with it. */
const MIRROR_INPUT_NAMES = (/* unused pure expression or super */ null && (['images', 'files', 'build-args', 'target', 'registry-type', 'skip-existing', 'strict', 'attestations', 'concurrency', 'registry-auth', 'username', 'password']));

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/core/build/credentials.ts
var build_credentials = __webpack_require__(7210);
// EXTERNAL MODULE: ./src/core/reference.ts
var reference = __webpack_require__(5378);
// EXTERNAL MODULE: ./src/core/mirror/image-ref.ts
var image_ref = __webpack_require__(6206);
;// CONCATENATED MODULE: ./src/core/mirror/mapping.ts
/**
 * Where a mirrored image goes: source reference → target reference under a registry namespace.
 *
 * Rule (README "Mirroring and internal networks" has the table):
 *  1. Docker Hub official images (`docker.io/library/<name>`) go straight under the target:
 *     `docker.io/library/redis:7-alpine` → `<target>/redis:7-alpine` (what seed 002's builds expect).
 *  2. Everything else keeps its registry host and path under the target:
 *     `ghcr.io/acme/app:1` → `<target>/ghcr.io/acme/app:1`, `docker.io/bitnami/redis:7` →
 *     `<target>/docker.io/bitnami/redis:7`. The host becomes one path component: lowercased, `:port`
 *     written `_port` (`localhost:5000/x` → `<target>/localhost_5000/x`).
 *  3. Alibaba ACR has exactly one namespace level and no `/` in a repository name, so the path after
 *     the namespace is flattened: every run of n dashes becomes n+1 dashes, then each `/` becomes
 *     one `-` (`ghcr.io/acme/my-app` → `<ns>/ghcr.io-acme-my--app`; `eclipse-temurin` →
 *     `<ns>/eclipse--temurin`). A target of just the ACR host uses seed 001's default namespace
 *     `ai-infra-matrix`.
 *  Tag and digest are kept as they are.
 *
 * No two sources share a target: under rule 1 the result has one component below the target, under
 * rule 2 at least two; hosts are distinct components (`_` never occurs in a host name). Under rule 3
 * a single `-` only ever stands for `/`, and official images have none. The property test in
 * __tests__/core/mirror/mapping.property.test.ts checks both.
 */




/** seed 001: an ACR registry given without namespace uses this one */
const DEFAULT_ACR_NAMESPACE = 'ai-infra-matrix';
/** `aiharbor.msxf.local/aihpc`, `ghcr.io/acme`, `registry.cn-hangzhou.aliyuncs.com[/ns]`, `127.0.0.1:5000` */
function parseMirrorTarget(value, input = 'target', registryType = 'auto') {
    const bad = (hint) => new errors/* InputError */.dz(input, value, hint);
    const v = value.trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '');
    if (v === '')
        throw bad('give the registry and namespace to mirror into, e.g. harbor.example.com/mirror');
    if (/[@\s]/.test(v) || v.split('/').slice(1).some((s) => s.includes(':')))
        throw bad('a mirror target is host[:port][/namespace], without tag or digest');
    const first = v.split('/')[0];
    const split = (0,reference/* splitImageName */.xh)(v.includes('/') ? v : `${v}/x`);
    if (!split.explicitDomain)
        throw bad(`'${first}' is not a registry host; write the host first (e.g. harbor.example.com/${v})`);
    const d = (0,reference/* domainProblem */.iu)(split.domain);
    if (d)
        throw bad(d);
    if (split.domain.startsWith('['))
        throw bad('an IPv6 literal cannot be used as a mirror target; use a host name');
    const namespace = v.includes('/') ? split.path : '';
    for (const c of namespace ? namespace.split('/') : []) {
        const p = (0,reference/* pathComponentProblem */.GM)(c);
        if (p)
            throw bad(`${p}: '${c}'`);
    }
    const flat = (0,targets/* detectKind */.i_)(split.domain, registryType) === 'acr';
    if (flat && namespace.includes('/'))
        throw bad(`Alibaba ACR has one namespace level; write ${split.domain}/<namespace>`);
    return { domain: split.domain, namespace: flat && namespace === '' ? DEFAULT_ACR_NAMESPACE : namespace, flat, input: value };
}
/** `ghcr.io` → `ghcr.io`, `Localhost:5000` → `localhost_5000` */
function hostComponent(domain) {
    if (domain.startsWith('['))
        throw new errors/* InputError */.dz('image', domain, 'an image on an IPv6-literal registry cannot be mirrored by name; use a host name');
    return domain.toLowerCase().replace(':', '_');
}
function isOfficial(src) {
    return src.domain === 'docker.io' && /^library\/[^/]+$/.test(src.path);
}
/** The repository path (below the target host) for a source repository. */
function mirrorPath(src, target) {
    const official = isOfficial(src);
    let rel;
    if (target.flat) {
        const enc = (s) => s.replace(/-+/g, '$&-');
        rel = official ? enc(src.path.slice('library/'.length)) : [hostComponent(src.domain), ...src.path.split('/')].map(enc).join('-');
    }
    else {
        rel = official ? src.path.slice('library/'.length) : `${hostComponent(src.domain)}/${src.path}`;
    }
    return target.namespace ? `${target.namespace}/${rel}` : rel;
}
/** Source reference → target reference (tag and digest kept). Throws when the result would be too long. */
function mirrorRef(src, target) {
    const path = mirrorPath(src, target);
    const name = `${target.domain}/${path}`;
    if (name.length > reference/* MAX_NAME_LENGTH */.EM) {
        throw new errors/* InputError */.dz('images', (0,image_ref/* formatImageRef */.kL)(src), `its mirror name ${name} is ${name.length} characters, over the ${reference/* MAX_NAME_LENGTH */.EM} registries accept; mirror it into a shorter namespace`);
    }
    return { domain: target.domain, path, tag: src.tag, digest: src.digest };
}
/** Markdown-ready rows of the rule, for summaries and the README. */
const MIRROR_RULES = (/* unused pure expression or super */ null && ([
    ['docker.io/library/redis:7-alpine', 'harbor.example.com/mirror/redis:7-alpine', 'registry.cn-hangzhou.aliyuncs.com/ns/redis:7-alpine'],
    ['docker.io/bitnami/redis:7.2', 'harbor.example.com/mirror/docker.io/bitnami/redis:7.2', 'registry.cn-hangzhou.aliyuncs.com/ns/docker.io-bitnami-redis:7.2'],
    ['ghcr.io/acme/my-app:1', 'harbor.example.com/mirror/ghcr.io/acme/my-app:1', 'registry.cn-hangzhou.aliyuncs.com/ns/ghcr.io-acme-my--app:1'],
    ['localhost:5000/base@sha256:…', 'harbor.example.com/mirror/localhost_5000/base@sha256:…', 'registry.cn-hangzhou.aliyuncs.com/ns/localhost_5000-base@sha256:…']
]));

// EXTERNAL MODULE: ./src/core/bytes.ts
var bytes = __webpack_require__(9596);
;// CONCATENATED MODULE: ./src/core/mirror/plan.ts
/**
 * The mirror plan and report: which source goes to which target reference, and how the result is
 * told (a live line per image, a summary table, the JSON mapping output). Pure.
 */




/** Explicit `images` lines (and/or base images already normalised) → items, de-duplicated, first seen first. */
function planMirror(images, target) {
    const out = [];
    const seen = new Map();
    for (const { value, input, line } of images) {
        const source = (0,image_ref/* parseImageRef */.xP)(value, input, line);
        const sourceRef = (0,image_ref/* formatImageRef */.kL)(source);
        if (out.some((i) => i.sourceRef === sourceRef))
            continue;
        const t = mirrorRef(source, target);
        const targetRef = (0,image_ref/* formatImageRef */.kL)(t);
        const other = seen.get(targetRef);
        if (other)
            throw new errors/* InputError */.dz(input, value, `${sourceRef} and ${other} would both be mirrored to ${targetRef}`, line);
        seen.set(targetRef, sourceRef);
        out.push({ source, target: t, sourceRef, targetRef });
    }
    return out;
}
/** `images` input lines: one reference per line (commas also separate); `#` comments. */
function imageLines(lines, input = 'images') {
    return lines.flatMap((l, i) => l.replace(/#.*$/, '').split(',').map((v) => v.trim()).filter(Boolean).map((value) => ({ value, input, line: i + 1 })));
}
/** Sizes in mirror lines and tables (two decimals below 10 units). */
const mirrorBytes = (n) => (0,bytes/* formatBytes */.z)(n, 2);
function formatMs(ms) {
    return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
const plan_short = (d) => (d ? d.slice(0, 19) : '');
/** One line per image as it finishes: `[2/8] redis:7 → h/m/redis:7: copied 2 platforms, 5 blobs, 3.1 MiB in 1.2 s`. */
function liveLine(r, index, total) {
    const head = `[${index}/${total}] ${r.sourceRef} → ${r.targetRef}`;
    if (r.status === 'present')
        return `${head}: already present (${plan_short(r.digest)}), ${formatMs(r.ms)}`;
    if (r.status === 'failed')
        return `${head}: FAILED: ${r.error ?? 'unknown error'}`;
    const p = r.platforms.length;
    return `${head}: copied ${p} platform${p === 1 ? '' : 's'} (${plan_short(r.digest)}), ${r.blobsCopied} blob${r.blobsCopied === 1 ? '' : 's'} uploaded, ${r.blobsMounted} mounted, ${r.blobsPresent} already there, ${mirrorBytes(r.bytes)} in ${formatMs(r.ms)}`;
}
function totals(results) {
    return {
        copied: results.filter((r) => r.status === 'copied').length,
        present: results.filter((r) => r.status === 'present').length,
        failed: results.filter((r) => r.status === 'failed').length,
        total: results.length,
        bytes: results.reduce((s, r) => s + r.bytes, 0)
    };
}
/** The tally line, seed 002's success/failed/total in one sentence. */
function tallyLine(results, ms) {
    const t = totals(results);
    return `Mirrored ${t.total} image${t.total === 1 ? '' : 's'}: ${t.copied} copied, ${t.present} already present, ${t.failed} failed; ${mirrorBytes(t.bytes)} moved in ${formatMs(ms)}`;
}
const cell = (s) => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
function mirrorMarkdown(results, ms, target) {
    const icon = { copied: '✅ copied', present: '➖ already present', failed: '❌ failed' };
    const rows = results.map((r) => `| \`${cell(r.sourceRef)}\` | \`${cell(r.targetRef)}\` | ${icon[r.status]} | ${r.platforms.map(cell).join(', ')} | ${r.digest ? `\`${plan_short(r.digest)}\`` : ''} | ${mirrorBytes(r.bytes)} | ${formatMs(r.ms)} |`);
    const failed = results.filter((r) => r.status === 'failed');
    return [
        `### Mirror into \`${cell(target)}\``,
        '',
        tallyLine(results, ms),
        '',
        '| Source | Target | Result | Platforms | Digest | Bytes moved | Time |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        ...rows,
        '',
        ...(failed.length ? ['**Failed:**', '', ...failed.map((r) => `- \`${cell(r.sourceRef)}\`: ${cell(r.error ?? '')}`), ''] : [])
    ].join('\n');
}
/** The `mapping` output: source → target reference pinned by digest, for every image that is in the target. */
function mappingJson(results) {
    const out = {};
    for (const r of results) {
        if (r.status === 'failed' || !r.digest)
            continue;
        out[r.sourceRef] = `${r.targetRef.replace(/@sha256:[a-f0-9]{64}$/, '')}@${r.digest}`;
    }
    return out;
}
/** The exact command that mirrors `sources` into `target` (for "missing from the mirror" messages). */
function mirrorCommand(sources, target) {
    return `node dist/cli/index.js mirror --target ${target} ${sources.map((s) => `--images ${s}`).join(' ')}`;
}

// EXTERNAL MODULE: ./src/adapters/registry/client.ts + 4 modules
var client = __webpack_require__(7430);
// EXTERNAL MODULE: ./src/adapters/concurrency.ts
var concurrency = __webpack_require__(7763);
// EXTERNAL MODULE: ./src/core/oci.ts
var oci = __webpack_require__(754);
// EXTERNAL MODULE: ./src/adapters/registry/blobs.ts
var registry_blobs = __webpack_require__(9790);
;// CONCATENATED MODULE: ./src/adapters/registry/mirror.ts
/**
 * Registry-to-registry image copy over the distribution API (no docker daemon, no temp files).
 *
 * Per image: with skip-existing, ONE HEAD of the target (and one of the source unless the source is
 * pinned by digest) decides "already present". Otherwise the source manifest is read by digest and
 * copied bottom-up: blobs, then each platform manifest by digest, then the index by digest, then the
 * tag. A copy cut short therefore never leaves a tag on an incomplete image. Digests stay those of
 * the source (manifests are copied byte for byte); attestation manifests are kept unless
 * `attestations` is false (then the index is rewritten without them and gets a new digest).
 *
 * Blob copies go through {@link BlobCopier}, one small interface; the default is the transfer
 * engine's streaming registry-to-registry copy (RegistryClient.pushBlob with a registry blob
 * source: never held in memory or written to disk, resumable, hashed on the way). A blob this run
 * already put into another repository of the same target registry (a shared base layer) is
 * mounted from there (`POST ?mount=&from=`) instead of being sent again.
 */





/**
 * The transfer engine: HEAD-skip, else a cross-repository mount from `mountFrom` (same registry),
 * else a streamed copy from the source registry.
 */
/** attempts of one blob copy whose stream broke */
const COPY_ATTEMPTS = 4;
function streamingBlobCopier() {
    /** target registry → digest → a repository there that has it (from this run) */
    const known = new Map();
    /** copies of one digest into one registry run one after another, so the first streams and the rest mount */
    const queue = new Map();
    return {
        copyBlob(src, dst, digest, size) {
            const key = `${dst.client.registry}@${digest}`;
            const run = async () => {
                const from = known.get(key) ?? (src.client.registry === dst.client.registry ? src.repository : undefined);
                for (let attempt = 1;; attempt++) {
                    try {
                        const r = await dst.client.pushBlob(dst.repository, (0,registry_blobs/* registryBlobSource */.Cc)(src.client, src.repository, digest, size), { mountFrom: from });
                        if (!known.has(key))
                            known.set(key, dst.repository);
                        return r.status;
                    }
                    catch (e) {
                        // A source connection dropped mid-blob surfaces as a stream error inside the upload:
                        // start the copy again (bounded); answers that will not change (auth, 404, …) are final.
                        const final = e instanceof client/* RegistryRequestError */.vs && !['network', 'timeout', 'unavailable'].includes(e.kind);
                        if (final)
                            throw e;
                        if (attempt >= COPY_ATTEMPTS)
                            throw new Error(`copying blob ${digest} (${size} bytes) from ${src.client.registry}/${src.repository} to ${dst.client.registry}/${dst.repository} failed ${attempt} times; last: ${(0,errors/* errorMessage */.gJ)(e)}`, { cause: e });
                        src.client.log(`copy of ${digest} to ${dst.client.registry}/${dst.repository} failed (${(0,errors/* errorMessage */.gJ)(e)}); retry ${attempt}/${COPY_ATTEMPTS - 1}`);
                        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** (attempt - 1)));
                    }
                }
            };
            const p = (queue.get(key) ?? Promise.resolve()).catch(() => undefined).then(run);
            queue.set(key, p);
            return p;
        }
    };
}
/** Foreign (non-distributable) layers are not copied: registries refuse or skip them. */
const FOREIGN = /\.foreign\.|nondistributable/;
async function mirrorImages(items, o) {
    const now = o.now ?? (() => performance.now());
    const copier = o.copier ?? streamingBlobCopier();
    const blobs = new registry_blobs/* Slots */.WR(Math.max(1, o.blobConcurrency ?? 8));
    /** in-flight and finished blob copies per target repository, so shared base layers move once */
    const inflight = new Map();
    let done = 0;
    const copyBlob = (src, dst, d, t) => {
        const key = `${dst.client.registry}/${dst.repository}@${d.digest}`;
        let p = inflight.get(key);
        const mine = !p;
        if (!p) {
            p = blobs.run(() => copier.copyBlob(src, dst, d.digest, d.size));
            inflight.set(key, p);
            p.catch(() => inflight.delete(key));
        }
        return p.then((r) => {
            if (mine && r === 'uploaded') {
                t.bytes += d.size;
                t.copied++;
            }
            else if (mine && r === 'mounted')
                t.mounted++;
            else
                t.present++;
        });
    };
    /** Copy the manifest `digest` (already read: `body`) and everything below it; PUT it by digest. */
    const copyTree = async (src, dst, body, mediaType, digest, keepAttestations, t, platforms, depth = 0) => {
        if (depth > 2)
            throw new Error('manifest nesting deeper than index → index → manifest');
        const doc = (0,oci/* parseJson */.qF)(body, `manifest ${digest}`);
        const type = mediaType || doc.mediaType || '';
        if ((0,oci/* isIndexType */.$U)(type) || Array.isArray(doc.manifests)) {
            const children = doc.manifests.filter((m) => keepAttestations || !(0,oci/* isAttestation */.H3)(m));
            await Promise.all(children.map(async (m) => {
                if (!(0,oci/* isAttestation */.H3)(m))
                    platforms.push((0,oci/* platformString */.Fd)(m.platform));
                const child = await src.client.getManifest(src.repository, m.digest, [m.mediaType, ...client/* ALL_MANIFEST_TYPES */.YQ]);
                await copyTree(src, dst, child.body, child.mediaType || m.mediaType, m.digest, keepAttestations, t, platforms, depth + 1);
            }));
            let out = body;
            if (children.length !== doc.manifests.length)
                out = JSON.stringify({ ...doc, manifests: children });
            const put = await dst.client.putManifest(dst.repository, out === body ? digest : (0,client/* sha256 */.sc)(Buffer.from(out, 'utf8')), out, type);
            return { body: out, mediaType: type, digest: put };
        }
        if (!doc.config || !Array.isArray(doc.layers))
            throw new Error(`manifest ${digest} is neither an image index nor an image manifest (media type '${type}')`);
        await Promise.all([doc.config, ...doc.layers].filter((d) => !FOREIGN.test(d.mediaType ?? '') && !d.urls).map((d) => copyBlob(src, dst, d, t)));
        const put = await dst.client.putManifest(dst.repository, digest, body, type);
        if (put !== digest)
            throw new Error(`${dst.client.registry} stored manifest ${digest} as ${put}`);
        return { body, mediaType: type, digest };
    };
    const one = async (item) => {
        const started = now();
        const base = { sourceRef: item.sourceRef, targetRef: item.targetRef, status: 'failed', platforms: [], bytes: 0, blobsCopied: 0, blobsMounted: 0, blobsPresent: 0, ms: 0 };
        const t = { bytes: 0, copied: 0, mounted: 0, present: 0 };
        try {
            const src = { client: o.clientFor(item.source.domain), repository: item.source.path };
            const dst = { client: o.clientFor(item.target.domain), repository: item.target.path };
            const srcRef = item.source.digest ?? item.source.tag;
            const dstRef = item.target.tag ?? item.target.digest;
            if (o.skipExisting !== false) {
                const srcDigest = item.source.digest ?? (await src.client.headManifest(src.repository, srcRef))?.digest;
                if (!srcDigest)
                    throw notFound(item);
                const there = await dst.client.headManifest(dst.repository, dstRef);
                if (there?.digest === srcDigest)
                    return { ...base, status: 'present', digest: srcDigest, ms: now() - started };
            }
            const top = await src.client.getManifest(src.repository, srcRef).catch((e) => {
                throw e instanceof client/* RegistryRequestError */.vs && e.kind === 'not-found' ? notFound(item) : e;
            });
            const platforms = [];
            const copied = await copyTree(src, dst, top.body, top.mediaType, top.digest, o.attestations !== false, t, platforms);
            if (item.target.tag) {
                const tagged = await dst.client.putManifest(dst.repository, item.target.tag, copied.body, copied.mediaType);
                if (tagged !== copied.digest)
                    throw new Error(`${dst.client.registry} tagged ${item.target.tag} as ${tagged}, expected ${copied.digest}`);
            }
            return { ...base, status: 'copied', digest: copied.digest, platforms: platforms.sort(), bytes: t.bytes, blobsCopied: t.copied, blobsMounted: t.mounted, blobsPresent: t.present, ms: now() - started };
        }
        catch (e) {
            return { ...base, bytes: t.bytes, blobsCopied: t.copied, blobsMounted: t.mounted, blobsPresent: t.present, error: (0,errors/* errorMessage */.gJ)(e), ms: now() - started };
        }
    };
    return (0,concurrency/* mapLimit */.s)(items, Math.max(1, o.imageConcurrency ?? 4), async (item) => {
        const r = await one(item);
        o.onResult?.(r, ++done, items.length);
        return r;
    });
}
function notFound(item) {
    return new Error(`${item.sourceRef} does not exist on ${item.source.domain} (check the name and tag)`);
}

;// CONCATENATED MODULE: ./src/steps/mirror.ts
/**
 * Mirror images registry to registry: an explicit list and/or the base images of Dockerfiles and
 * compose files, into a target namespace (core/mirror/mapping.ts has the naming rule). Tolerant by
 * default (seed 002): a failed image is a warning, listed in the summary, and the step passes;
 * `strict` fails the step. Used by the mirror sub-action and `node dist/cli/index.js mirror`.
 */







const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** Read a Dockerfile or compose file (capped), naming the input when it cannot be read. */
function readSourceFile(path, input = 'files') {
    let size;
    try {
        size = (0,external_node_fs_.statSync)(path).size;
    }
    catch (e) {
        throw new errors/* InputError */.dz(input, path, `cannot read it (${e.code ?? e.message}); paths are relative to the workspace`);
    }
    if (size > MAX_FILE_BYTES)
        throw new errors/* InputError */.dz(input, path, `the file is ${size} bytes; a Dockerfile or compose file over 4 MiB is not read`);
    return { path, text: (0,external_node_fs_.readFileSync)(path, 'utf8') };
}
async function runMirror(inputs, deps) {
    const started = deps.now();
    const target = parseMirrorTarget(inputs.target, 'target', inputs.registryType);
    const sources = imageLines(inputs.images);
    if (inputs.files.length) {
        const { baseImages } = await Promise.all(/* import() */[__webpack_require__.e(857), __webpack_require__.e(426)]).then(__webpack_require__.bind(__webpack_require__, 8426));
        const found = baseImages(inputs.files.map((f) => readSourceFile(f)), inputs.buildArgs);
        for (const b of found)
            deps.info(`base image ${b.ref} (${b.file}:${b.line}${b.platform ? `, --platform=${b.platform}` : ''})`);
        sources.push(...found.map((b) => ({ value: b.ref, input: b.file, line: b.line })));
    }
    if (sources.length === 0)
        throw new errors/* InputError */.dz('images', '', 'nothing to mirror: give `images` (one per line) and/or `files` (Dockerfiles, compose files)');
    const items = planMirror(sources, target);
    // registry-auth line → username/password (target only) → a login the runner already has → anonymous
    const explicit = (registry) => {
        const entry = inputs.registryAuth.find((e) => e.registry === registry);
        if (entry)
            return { username: entry.username, password: entry.password };
        return registry === target.domain && inputs.username && inputs.password ? { username: inputs.username, password: inputs.password } : undefined;
    };
    const open = [...new Set([target.domain, ...items.map((i) => i.source.domain)])].filter((r) => !explicit(r));
    const stored = open.length > 0 && deps.storedLogins ? await deps.storedLogins(open) : [];
    for (const l of stored)
        deps.info(`${l.registry}: credentials from ${l.source} (a login this runner already had)`);
    const clients = new Map();
    const clientFor = (registry) => {
        let c = clients.get(registry);
        if (!c) {
            const found = stored.find((l) => l.registry === registry);
            const credentials = explicit(registry) ?? (found ? { username: found.username, password: found.password } : undefined);
            c = new client/* RegistryClient */.bP({ registry, credentials, insecureHttp: (0,build_credentials/* isLoopbackRegistry */.jW)(registry), fetch: deps.fetch, maxConcurrentBlobs: inputs.concurrency * 2, ...deps.clientOptions, log: (m) => /retry/.test(m) && deps.info(m) });
            clients.set(registry, c);
        }
        return c;
    };
    deps.info(`Mirroring ${items.length} image${items.length === 1 ? '' : 's'} into ${target.domain}/${target.namespace}${inputs.skipExisting ? ' (skip-existing: one HEAD per image)' : ''}`);
    const results = await mirrorImages(items, {
        clientFor,
        copier: deps.copier,
        skipExisting: inputs.skipExisting,
        attestations: inputs.attestations,
        imageConcurrency: inputs.concurrency,
        blobConcurrency: inputs.concurrency * 2,
        now: deps.now,
        onResult: (r, done, total) => (r.status === 'failed' ? deps.warn : deps.info)(liveLine(r, done, total))
    });
    const ms = deps.now() - started;
    const failed = results.filter((r) => r.status === 'failed');
    return { results, mapping: mappingJson(results), markdown: mirrorMarkdown(results, ms, inputs.target), tally: tallyLine(results, ms), failed, ms };
}
/** Strict: any failure fails. Tolerant: failures were warned; say so once more at the end. */
function mirrorVerdict(run, strict) {
    const t = totals(run.results);
    if (t.failed === 0)
        return {};
    const list = run.failed.map((r) => `${r.sourceRef}: ${r.error}`).join('; ');
    if (strict)
        return { fail: `${t.failed} of ${t.total} images were not mirrored (strict): ${list}` };
    return { warn: `${t.failed} of ${t.total} images were not mirrored; the step passes (set strict: true to fail it): ${list}` };
}

// EXTERNAL MODULE: ./src/adapters/registry/credential-sources.ts
var credential_sources = __webpack_require__(5046);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/steps/cli-mirror.ts
/**
 * CLI commands over the mirror engine (loaded lazily by the CLI entry):
 *   node dist/cli/index.js base-images [--json] [--build-arg K=V]... FILE...
 *   node dist/cli/index.js mirror --target HOST/NS [--images REF]... [--files FILE]... [options]
 * The mirror flags are the mirror sub-action's inputs; credentials come from the environment
 * (MIRROR_USERNAME / MIRROR_PASSWORD for the target, MIRROR_REGISTRY_AUTH lines), never argv.
 */







const MIRROR_HELP = `aim-build base-images / mirror

  node dist/cli/index.js base-images [--json] [--build-arg NAME=VALUE]... FILE...
      The base images of Dockerfiles and compose files, normalised (docker.io/library/redis:7-alpine),
      first seen first, de-duplicated. --json prints {"images":[...]}.

  node dist/cli/index.js mirror --target HOST[:PORT]/NAMESPACE [--images REF]... [--files FILE]...
      [--build-arg NAME=VALUE]... [--registry-type auto|acr|generic] [--skip-existing true|false]
      [--strict true|false] [--attestations true|false] [--concurrency N] [--json]
      Copies every image registry to registry (the mirror sub-action's inputs). Credentials from the
      environment only: MIRROR_USERNAME / MIRROR_PASSWORD (target), MIRROR_REGISTRY_AUTH
      (registry=username:password lines). Exit 1 when an image failed and --strict true.
`;
async function runMirrorCli(argv, env, out, err) {
    const { values, positionals } = (0,external_node_util_.parseArgs)({
        args: argv,
        allowPositionals: true,
        options: {
            help: { type: 'boolean', short: 'h' },
            json: { type: 'boolean' },
            'build-arg': { type: 'string', multiple: true },
            images: { type: 'string', multiple: true },
            files: { type: 'string', multiple: true },
            target: { type: 'string' },
            'registry-type': { type: 'string' },
            'skip-existing': { type: 'string' },
            strict: { type: 'string' },
            attestations: { type: 'string' },
            concurrency: { type: 'string' }
        }
    });
    const [command, ...files] = positionals;
    if (values.help) {
        out(MIRROR_HELP);
        return 0;
    }
    const buildArgs = values['build-arg'] ?? [];
    if (command === 'base-images') {
        if (files.length === 0)
            throw new errors/* InputError */.dz('FILE', '', 'give one or more Dockerfiles or compose files');
        const { baseImages } = await Promise.all(/* import() */[__webpack_require__.e(857), __webpack_require__.e(426)]).then(__webpack_require__.bind(__webpack_require__, 8426));
        const found = baseImages(files.map((f) => readSourceFile(f, 'FILE')), Object.fromEntries((0,build_inputs/* parseKeyValues */.Hl)('--build-arg', buildArgs)));
        if (values.json)
            out(JSON.stringify({ images: found.map((b) => b.ref) }) + '\n');
        else
            for (const b of found)
                out(`${b.ref}\t${b.file}:${b.line}${b.platform ? `\t--platform=${b.platform}` : ''}\n`);
        return 0;
    }
    const password = env.MIRROR_PASSWORD ?? '';
    const inputs = mirrorInputsFrom({
        images: values.images ?? [],
        files: [...(values.files ?? []), ...files],
        buildArgs,
        target: values.target ?? '',
        registryType: values['registry-type'],
        skipExisting: values['skip-existing'],
        strict: values.strict,
        attestations: values.attestations,
        concurrency: values.concurrency,
        username: env.MIRROR_USERNAME ?? '',
        password,
        registryAuth: (0,build_inputs/* parseRegistryAuth */.bf)((env.MIRROR_REGISTRY_AUTH ?? '').split(/\r?\n/))
    });
    // a terminal has no log masking: stored logins are read, never printed
    const storedLogins = (registries) => (0,credential_sources/* findStoredLogins */.$A)(registries, { env, home: env.HOME || (0,external_node_os_.homedir)(), uid: process.getuid?.() ?? 0 }, { mask: () => undefined, warn: (l) => err(`warning: ${l}\n`), debug: () => undefined });
    const run = await runMirror(inputs, { fetch: globalThis.fetch, storedLogins, info: (l) => err(l + '\n'), warn: (l) => err(`warning: ${l}\n`), now: () => performance.now() });
    err(run.tally + '\n');
    out(JSON.stringify(values.json ? { mapping: run.mapping, results: run.results } : run.mapping, null, 2) + '\n');
    const verdict = mirrorVerdict(run, inputs.strict);
    if (verdict.warn)
        err(`warning: ${verdict.warn}\n`);
    if (verdict.fail) {
        err(`aim-build: ${verdict.fail}\n`);
        return 1;
    }
    return 0;
}


/***/ })

};
