export const id = 75;
export const ids = [75];
export const modules = {

/***/ 7763:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ mapLimit)
/* harmony export */ });
/** Runs `fn` over `items` with at most `limit` in flight; results keep the input order. */
async function mapLimit(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await fn(items[i], i);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}


/***/ }),

/***/ 2190:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  vS: () => (/* binding */ getList),
  jU: () => (/* binding */ readPlanInputs)
});

// UNUSED EXPORTS: MATRIX_INPUT_NAMES, PLAN_INPUT_NAMES, PUSH_INPUT_NAMES, getChoice, readMatrixInputs, readPushMode, readSeparators

// EXTERNAL MODULE: ./src/adapters/github/runner.ts
var runner = __webpack_require__(74);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/plan.ts + 8 modules
var plan = __webpack_require__(6508);
// EXTERNAL MODULE: ./src/core/targets.ts
var targets = __webpack_require__(277);
// EXTERNAL MODULE: ./src/core/platform.ts
var platform = __webpack_require__(692);
;// CONCATENATED MODULE: ./src/core/matrix.ts
/**
 * The platform matrix for the reusable workflow: one build job per platform on a native runner
 * (ubuntu-24.04 for amd64, ubuntu-24.04-arm for arm64), QEMU on an amd64 runner only as a
 * fallback. GitHub's arm64 runners are free for public repositories only (generally available for
 * public repositories since 2025-08-07, GitHub changelog; private repositories could not get one in
 * late 2025), so `auto` uses QEMU for private repositories.
 */

/** Platform parsing lives in ./platform.ts (one home); re-exported for the matrix callers. */

function platformMatrix(o) {
    const native = o.armStrategy === 'native' || (o.armStrategy === 'auto' && o.privateRepository !== true);
    const reason = o.armStrategy === 'auto'
        ? native
            ? 'arm64 on native runners (public repository)'
            : 'arm64 under QEMU on amd64 runners (private repository: GitHub arm64 runners are for public repositories)'
        : `arm strategy: ${o.armStrategy}`;
    const include = o.platforms.map((platform) => {
        const arch = platform.split('/')[1];
        const isArm = arch === 'arm64' || arch === 'arm';
        const runner = isArm && native ? o.arm64Runner : o.amd64Runner;
        return { platform, slug: platformSlug(platform), runner, qemu: arch !== 'amd64' && runner === o.amd64Runner };
    });
    return { include, reason };
}

;// CONCATENATED MODULE: ./src/adapters/github/inputs.ts
/**
 * The only place that reads action inputs (`INPUT_*` through @actions/core). Everything after this
 * takes the typed objects. List inputs keep their line numbers so errors can point at a line.
 */






/** Newline-separated list; blank and `#` lines are kept (the parsers skip them) so line numbers match. */
function getList(name) {
    const value = runner/* getInput */.V4(name);
    return value === '' ? [] : value.split(/\r?\n/);
}
function getOr(name, fallback) {
    return runner/* getInput */.V4(name) || fallback;
}
function getChoice(name, choices, fallback) {
    const value = getOr(name, fallback);
    if (!choices.includes(value))
        throw new errors/* InputError */.dz(name, value, `expected one of ${choices.join(', ')}`);
    return value;
}
function readPlanInputs() {
    return {
        images: getList('images'),
        registry: getList('registry'),
        imageName: runner/* getInput */.V4('image-name'),
        component: runner/* getInput */.V4('component'),
        registryType: (0,targets/* registryType */.OB)('registry-type', getOr('registry-type', 'auto')),
        acrNamespace: getOr('acr-namespace', plan/* DEFAULT_PLAN_INPUTS */.SG.acrNamespace),
        acrRepository: getOr('acr-repository', plan/* DEFAULT_PLAN_INPUTS */.SG.acrRepository),
        tags: getList('tags'),
        flavor: getList('flavor'),
        labels: getList('labels'),
        annotations: getList('annotations'),
        latest: getChoice('latest', plan/* LATEST_POLICIES */.jp, 'auto'),
        compat: getChoice('compat', plan/* COMPAT_MODES */._6, 'aim')
    };
}
function readSeparators() {
    const sep = (name) => core.getInput(name, { trimWhitespace: false }) || '\n';
    return { tags: sep('sep-tags'), labels: sep('sep-labels'), annotations: sep('sep-annotations') };
}
/** Names of the inputs read above; a test keeps action.yml in step with it. */
const PLAN_INPUT_NAMES = (/* unused pure expression or super */ null && ([
    'images', 'registry', 'image-name', 'component', 'registry-type', 'acr-namespace', 'acr-repository',
    'tags', 'flavor', 'labels', 'annotations', 'latest', 'compat', 'sep-tags', 'sep-labels', 'sep-annotations', 'github-token'
]));
/** The `meta` sub-action's platform-matrix inputs (for the reusable workflow's build jobs). */
function readMatrixInputs(privateRepository) {
    return {
        platforms: parsePlatforms(getOr('platforms', 'linux/amd64,linux/arm64')),
        armStrategy: getChoice('arm-strategy', ['auto', 'native', 'qemu'], 'auto'),
        amd64Runner: getOr('amd64-runner', 'ubuntu-24.04'),
        arm64Runner: getOr('arm64-runner', 'ubuntu-24.04-arm'),
        privateRepository
    };
}
const MATRIX_INPUT_NAMES = (/* unused pure expression or super */ null && (['platforms', 'arm-strategy', 'amd64-runner', 'arm64-runner']));
/** The `meta` sub-action's `push` input: the same choice as the full action's, for its `push` output. */
function readPushMode() {
    return getChoice('push', PUSH_MODES, 'auto');
}
const PUSH_INPUT_NAMES = (/* unused pure expression or super */ null && (['push']));


/***/ }),

/***/ 74:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   Pq: () => (/* binding */ setSecret),
/* harmony export */   V4: () => (/* binding */ getInput),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   fe: () => (/* binding */ appendSummary),
/* harmony export */   os: () => (/* binding */ useRunnerIO),
/* harmony export */   pq: () => (/* binding */ info)
/* harmony export */ });
/* unused harmony exports neutraliseCommands, error, startGroup, endGroup, stopCommands, resumeCommands, setFailed, setOutput, saveState, getState */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/**
 * The runner protocol: inputs from INPUT_*, outputs and state through the GITHUB_OUTPUT /
 * GITHUB_STATE file commands, log commands on stdout, the step summary file.
 *
 * Why not @actions/core here: its entry statically imports its OIDC client, which loads
 * @actions/http-client and undici (~900 kB) on every start; that alone doubled the meta bundle's
 * cold start (docs/benchmarks.md). This file implements the same documented protocol, and
 * __tests__/adapters/runner.test.ts checks it against @actions/core byte for byte.
 */



let env = process.env;
let write = (text) => void process.stdout.write(text);
/** Tests point the runner at their own environment and stdout. */
function useRunnerIO(e, w) {
    env = e;
    write = w;
}
function getInput(name, options = {}) {
    const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
    return options.trimWhitespace === false ? value : value.trim();
}
const escapeData = (s) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/**
 * A plain log line can never be a runner command, whatever text it carries (registry error
 * bodies, payload fields, refs, PR titles). The runner reads stdout line by line (CR, LF),
 * trims leading whitespace (.NET's set, which includes U+0085 and U+2028) and takes a line
 * starting with `::` as a command, and a line containing `##[` anywhere as a legacy one. A
 * zero-width space (not whitespace to .NET) between the two characters keeps the text readable
 * and inert. Unicode line separators are treated as line breaks too, for viewers that split on them.
 */
const LEADING_COMMAND = /(^|[\r\n\u2028\u2029\u0085])([\s\u0085]*):(?=:)/g;
const neutraliseCommands = (text) => text.replace(LEADING_COMMAND, '$1$2:\u200b').replace(/#(?=#\[)/g, '#\u200b');
function command(name, message) {
    write(`::${name}::${escapeData(message)}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`);
}
/** A log line; any text is safe here (see neutraliseCommands). */
const info = (message) => write(neutraliseCommands(message) + node_os__WEBPACK_IMPORTED_MODULE_2__.EOL);
const debug = (message) => command('debug', message);
const warning = (message) => command('warning', message);
const error = (message) => command('error', message);
const startGroup = (name) => command('group', name);
const endGroup = () => command('endgroup', '');
/**
 * Pauses the runner's command processing until `resumeCommands(token)`: defence in depth around
 * long streams of foreign output (builder logs), whose lines `info` neutralises anyway.
 */
const stopCommands = (token) => command('stop-commands', token);
const resumeCommands = (token) => write(`::${token}::${EOL}`);
/** Masks a value in every later log line of the job. */
const setSecret = (secret) => command('add-mask', secret);
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
function fileCommand(variable, name, value) {
    const path = env[variable];
    if (!path)
        return false;
    const delimiter = `ghadelimiter_${randomUUID()}`;
    if (name.includes(delimiter) || value.includes(delimiter))
        throw new Error(`${name}: the value contains the delimiter`);
    appendFileSync(path, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8');
    return true;
}
function setOutput(name, value) {
    if (!fileCommand('GITHUB_OUTPUT', name, value)) {
        write(EOL);
        write(`::set-output name=${name.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/,/g, '%2C')}::${escapeData(value)}${EOL}`);
    }
}
/** State for the post step (never secrets). */
function saveState(name, value) {
    fileCommand('GITHUB_STATE', name, value);
}
function getState(name) {
    return env[`STATE_${name}`] ?? '';
}
/** Appends markdown to the job summary; a no-op outside a runner. */
function appendSummary(markdown) {
    const path = env.GITHUB_STEP_SUMMARY;
    if (path)
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.appendFileSync)(path, markdown, 'utf8');
}


/***/ }),

/***/ 9790:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cc: () => (/* binding */ registryBlobSource),
/* harmony export */   Ee: () => (/* binding */ pushBlob),
/* harmony export */   LT: () => (/* binding */ bufferBlobSource),
/* harmony export */   WN: () => (/* binding */ downloadBlob),
/* harmony export */   WR: () => (/* binding */ Slots),
/* harmony export */   aH: () => (/* binding */ startUpload),
/* harmony export */   is: () => (/* binding */ hasBlob),
/* harmony export */   qW: () => (/* binding */ getBlob)
/* harmony export */ });
/* unused harmony exports DEFAULT_CHUNK_BYTES, MAX_SMALL_BLOB, fileBlobSource, cancelUpload, isRetryable */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _core_oci_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(754);
/* harmony import */ var _digest_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7768);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5602);
/* harmony import */ var _transport_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2567);
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
    (0,_core_oci_js__WEBPACK_IMPORTED_MODULE_2__/* .digestAlgorithm */ .g4)(digest, 'blob digest');
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
    const alg = (0,_core_oci_js__WEBPACK_IMPORTED_MODULE_2__/* .digestAlgorithm */ .g4)(digest, 'blob digest');
    const spec = { ...blobSpec('GET', repository, digest), maxBody: maxBytes };
    const res = await s.send(spec);
    if (res.status !== 200)
        throw s.fail(spec, res);
    const d = new _digest_js__WEBPACK_IMPORTED_MODULE_3__/* .Digester */ .Y8(alg);
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
    const alg = (0,_core_oci_js__WEBPACK_IMPORTED_MODULE_2__/* .digestAlgorithm */ .g4)(digest, 'blob digest');
    const partial = `${file}.partial-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
    const retries = o.retries ?? 3;
    for (let attempt = 0;; attempt++) {
        const fh = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(partial, 'w');
        const d = new _digest_js__WEBPACK_IMPORTED_MODULE_3__/* .Digester */ .Y8(alg);
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
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(partial, file);
            return d.bytes;
        }
        catch (e) {
            await fh.close().catch(() => undefined);
            if (attempt >= retries || !isRetryable(e)) {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(partial, { force: true });
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
    (0,_core_oci_js__WEBPACK_IMPORTED_MODULE_2__/* .digestAlgorithm */ .g4)(digest, 'blob digest');
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
    const alg = (0,_core_oci_js__WEBPACK_IMPORTED_MODULE_2__/* .digestAlgorithm */ .g4)(src.digest, `digest of ${src.describe}`);
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
                    if (!(e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .RegistryRequestError */ .vs) || e.status === undefined || isRetryable(e) || e.status === 401 || e.status === 403)
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
    let d = new _digest_js__WEBPACK_IMPORTED_MODULE_3__/* .Digester */ .Y8(alg);
    let body = () => {
        d = new _digest_js__WEBPACK_IMPORTED_MODULE_3__/* .Digester */ .Y8(alg);
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
    let hash = new _digest_js__WEBPACK_IMPORTED_MODULE_3__/* .Digester */ .Y8(alg);
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
    if (header !== null && header !== src.digest && (!(0,_core_oci_js__WEBPACK_IMPORTED_MODULE_2__/* .isDigest */ .Bc)(header) || (0,_core_oci_js__WEBPACK_IMPORTED_MODULE_2__/* .digestAlgorithm */ .g4)(header) === (0,_core_oci_js__WEBPACK_IMPORTED_MODULE_2__/* .digestAlgorithm */ .g4)(src.digest))) {
        throw s.protocolError(spec, `the registry stored the blob as ${header.slice(0, 140)}, expected ${src.digest}`);
    }
}
function corrupt(s, repository, src, computed) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .RegistryRequestError */ .vs(s.registry, `the bytes of ${src.describe} hash to ${computed}, not ${src.digest}`, 'The source is corrupt or changed while it was read; rebuild or re-pull the image', 'protocol', repository);
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
class ResumeImpossible extends _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .RegistryRequestError */ .vs {
    constructor(registry, repository, detail) {
        super(registry, detail, 'Retry later; check the registry and the network', 'network', repository);
    }
}
function retryAfterOf(e) {
    return e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .RegistryRequestError */ .vs && e.retryAfter !== undefined ? { headers: new Headers({ 'retry-after': e.retryAfter }) } : undefined;
}
function isRetryable(e) {
    if (!(e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .RegistryRequestError */ .vs))
        return false;
    if (e.status !== undefined)
        return (0,_transport_js__WEBPACK_IMPORTED_MODULE_5__/* .isTransientStatus */ .Dm)(e.status);
    return e.kind === 'timeout' || e.kind === 'network' || (e.kind === 'dns' && /EAI_AGAIN/.test(e.detail));
}


/***/ }),

/***/ 7430:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  YQ: () => (/* reexport */ oci/* ALL_MANIFEST_TYPES */.YQ),
  bP: () => (/* binding */ RegistryClient),
  vs: () => (/* reexport */ errors/* RegistryRequestError */.vs),
  sc: () => (/* binding */ sha256)
});

// UNUSED EXPORTS: MediaTypes, bufferBlobSource, fileBlobSource, nextLink, registryBlobSource

// EXTERNAL MODULE: ./src/core/oci.ts
var oci = __webpack_require__(754);
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

// EXTERNAL MODULE: ./src/adapters/registry/errors.ts + 1 modules
var errors = __webpack_require__(5602);
// EXTERNAL MODULE: ./src/adapters/registry/transport.ts
var transport = __webpack_require__(2567);
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
        if (!(0,transport/* sameOrigin */.Nm)(this.origin, url))
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
        if (!(0,transport/* sameOrigin */.Nm)(this.origin, res.url))
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
        if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !(0,transport/* schemeAllowed */.Q4)(this.origin, url)) {
            throw new errors/* RegistryRequestError */.vs(this.t.o.registry, `refusing the token realm ${(0,transport/* describe */.q0)(url.toString())}: an HTTPS registry must not send credentials to a plain-HTTP token server`, "Fix the registry's token realm (auth.token.realm in distribution, the external URL in Harbor) to an https:// URL", 'protocol', spec.repository);
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

// EXTERNAL MODULE: ./src/adapters/registry/blobs.ts
var blobs = __webpack_require__(9790);
// EXTERNAL MODULE: ./src/adapters/registry/digest.ts
var registry_digest = __webpack_require__(7768);
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
        maxBody: oci/* MAX_MANIFEST_BYTES */.ZJ,
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
    if (!(0,oci/* isDigest */.Bc)(header))
        throw s.protocolError(spec, `Docker-Content-Digest ${JSON.stringify(header.slice(0, 100))} is not a digest`);
    const alg = (0,oci/* digestAlgorithm */.g4)(header);
    const ours = bytes && alg !== (0,oci/* digestAlgorithm */.g4)(expected) ? (0,registry_digest/* digestOf */.ol)(bytes, alg) : expected;
    if (header !== ours)
        throw s.protocolError(spec, `the registry says the digest is ${header}, but the content is ${ours}`);
}
async function getManifest(s, repository, ref, accept = oci/* ALL_MANIFEST_TYPES */.YQ) {
    const spec = manifestRead('GET', repository, ref, accept);
    const res = await s.send(spec);
    if (res.status !== 200)
        throw s.fail(spec, res);
    const computed = (0,registry_digest/* digestOf */.ol)(res.body, (0,registry_digest/* algorithmFor */.pQ)(ref));
    if ((0,oci/* isDigest */.Bc)(ref) && computed !== ref)
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
async function headManifest(s, repository, ref, accept = oci/* ALL_MANIFEST_TYPES */.YQ) {
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
    if (!(0,oci/* isDigest */.Bc)(digest))
        throw s.protocolError(spec, `Docker-Content-Digest ${JSON.stringify(digest.slice(0, 100))} is not a digest`);
    if ((0,oci/* isDigest */.Bc)(ref) && digest !== ref)
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
    if (bytes.length > oci/* MAX_MANIFEST_BYTES */.ZJ)
        throw s.protocolError(spec, `manifest of ${bytes.length} bytes is larger than registries accept (4 MiB)`);
    const digest = (0,registry_digest/* digestOf */.ol)(bytes, (0,registry_digest/* algorithmFor */.pQ)(ref));
    if ((0,oci/* isDigest */.Bc)(ref) && digest !== ref)
        throw s.protocolError(spec, `manifest to push as ${ref} hashes to ${digest}`);
    const res = await s.send(spec);
    if (res.status !== 201 && res.status !== 200)
        throw s.fail(spec, res);
    checkHeader(s, spec, res, digest, bytes);
    return digest;
}
/** DELETE a manifest by digest (tags cannot be deleted through the API). */
async function deleteManifest(s, repository, digest) {
    (0,oci/* digestAlgorithm */.g4)(digest, 'manifest digest to delete');
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
    (0,oci/* digestAlgorithm */.g4)(digest, 'subject digest');
    const query = artifactType ? `?artifactType=${encodeURIComponent(artifactType)}` : '';
    const spec = { method: 'GET', path: `/v2/${repository}/referrers/${digest}${query}`, op: 'pull', repository, ref: digest, actions: ['pull'], retry: true, maxBody: oci/* MAX_MANIFEST_BYTES */.ZJ, bodyWhat: 'referrers index' };
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
        if (res.status === 404 && page === 0 && (0,errors/* parseErrorBody */.kW)(res.body.toString('utf8')).code === 'NAME_UNKNOWN')
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
            if (!(0,transport/* sameOrigin */.Nm)(s.origin, url))
                throw s.protocolError(spec, `the next page of the tag list is on another host (${(0,transport/* describe */.q0)(url.origin)}); refusing to follow it`);
            path = url.toString();
        }
        else {
            path = undefined;
        }
    }
    return tags;
}

// EXTERNAL MODULE: ./src/adapters/github/runner.ts
var runner = __webpack_require__(74);
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
        this.transport = new transport/* Transport */.oK({
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
        this.slots = new blobs/* Slots */.WR(Math.max(1, opts.maxConcurrentBlobs ?? 4));
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
    getManifest(repository, ref, accept = oci/* ALL_MANIFEST_TYPES */.YQ) {
        return getManifest(this, repository, ref, accept);
    }
    /** HEAD a manifest; `undefined` when the tag/digest does not exist. */
    headManifest(repository, ref, accept = oci/* ALL_MANIFEST_TYPES */.YQ) {
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
        return blobs/* hasBlob */.is(this, repository, digest);
    }
    /** GET a small blob (a config; ≤ 16 MiB by default) into memory and verify its digest. */
    getBlob(repository, digest, maxBytes) {
        return blobs/* getBlob */.qW(this, repository, digest, maxBytes);
    }
    /** Streams a blob to `file` while hashing it; the file appears only when the digest matches. Returns the size. */
    downloadBlob(repository, digest, file) {
        return this.slots.run(() => blobs/* downloadBlob */.WN(this, repository, digest, file, { retries: this.opts.retries }));
    }
    /**
     * Uploads a blob from a {@link BlobSource} (a file, another registry, memory), streaming and
     * hashing; skipped when the repository has it; mounted when `mountFrom` (a repository of this
     * registry) has it. Resumable in chunks for large blobs.
     */
    pushBlob(repository, source, o = {}) {
        return this.slots.run(() => blobs/* pushBlob */.Ee(this, repository, source, o, { chunkBytes: this.opts.chunkBytes, retries: this.opts.retries }));
    }
    /**
     * Copies one blob from `source` (another client, any registry) into `repository` here, streaming
     * registry to registry without touching disk or holding the blob: skipped when present, mounted
     * when the source is another repository of this same registry, else streamed with resume.
     */
    copyBlob(source, sourceRepository, blob, repository) {
        const sameRegistry = source.origin === this.origin;
        return this.pushBlob(repository, blobs/* registryBlobSource */.Cc(source, sourceRepository, blob.digest, blob.size), sameRegistry ? { mountFrom: sourceRepository } : {});
    }
    /** Upload a blob held in memory (small ones); skipped when it exists. */
    async uploadBlob(repository, data) {
        const digest = (0,registry_digest/* digestOf */.ol)(data);
        await this.pushBlob(repository, blobs/* bufferBlobSource */.LT(data, digest));
        return { digest, size: data.length };
    }
    /**
     * Permission preflight: start a blob upload (needs push) and cancel it at once. Nothing is left
     * behind. Throws a RegistryRequestError ('auth' / 'denied' / …) with the fix when not allowed.
     */
    async checkPushAccess(repository) {
        const { location } = await blobs/* startUpload */.aH(this, repository, true);
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
        return this.transport.withRetries(spec, () => this.transport.attempt(spec, (u) => ((0,transport/* sameOrigin */.Nm)(this.origin, u) ? answer : undefined)));
    }
    /** The error for a non-success answer to `spec` (also a token endpoint's refusal: the same as a 401). */
    fail(spec, res, attempts) {
        const ch = parseChallenge(res.headers.get('www-authenticate'));
        return (0,errors/* httpError */.p2)({
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
        return this.transport.protocolError({ ...spec, path: (0,transport/* describe */.q0)(spec.path) }, detail);
    }
    log(msg) {
        this.opts.log?.(`[registry ${this.registry}] ${msg}`);
    }
}
/** sha256 digest of bytes (kept for callers; see ./digest.ts). */
function sha256(data) {
    return (0,registry_digest/* digestOf */.ol)(data);
}


/***/ }),

/***/ 5046:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $A: () => (/* binding */ findStoredLogins)
/* harmony export */ });
/* unused harmony exports credentialFiles, normalizeRegistryKey, helperEnv, CredentialHelperError, helperGet */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/**
 * Logins the runner already has, where the docker and containers tools keep them — so a workflow
 * that runs docker/login-action, aliyun/acr-login, `docker login` or `buildah login` first just
 * works. Read only: the runner's files are never written.
 *
 * Files, in this order (the first that has the registry wins):
 *  1. docker: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. Per docker's CLI:
 *     `credHelpers.<host>`, else `credsStore`, through `docker-credential-<name> get`; then
 *     `auths.<key>` (`auth` = base64 `user:password`, `identitytoken`, or `username`/`password`).
 *  2. containers (buildah, podman, skopeo; containers-auth.json(5)): `$REGISTRY_AUTH_FILE`, else
 *     `$XDG_RUNTIME_DIR/containers/auth.json` (`/run/containers/<uid>/auth.json` when XDG_RUNTIME_DIR
 *     is unset), then `$XDG_CONFIG_HOME/containers/auth.json` (`~/.config/containers/auth.json`);
 *     `credHelpers.<host>` then `auths.<key>`.
 * Keys match as docker writes them: `host:port`, with or without `http(s)://`, with a path
 * (`https://index.docker.io/v1/` is Docker Hub; `docker.io`, `index.docker.io` and
 * `registry-1.docker.io` are the same registry). An exact key wins over a normalised one.
 *
 * Credential helper protocol (docker-credential-helpers): `docker-credential-<name> get`, the
 * server URL on stdin, `{"ServerURL","Username","Secret"}` on stdout; Username `<token>` means the
 * secret is an identity token. The helper gets a minimal environment (no action inputs, no runner
 * tokens), a time limit and a cap on its output.
 *
 * Every secret found is masked (`::add-mask::`) before anything else happens; the log names the
 * source, never a value.
 */



const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';
const DOCKER_HUB_HOSTS = ['docker.io', 'index.docker.io', 'registry-1.docker.io'];
const MAX_FILE_BYTES = 4 * 1024 * 1024;
const MAX_HELPER_OUTPUT = 1024 * 1024;
/** The files to read, in order (see the module comment). */
function credentialFiles({ env, home, uid }) {
    const files = [{ path: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(env.DOCKER_CONFIG || (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(home, '.docker'), 'config.json'), kind: 'docker' }];
    if (env.REGISTRY_AUTH_FILE)
        files.push({ path: env.REGISTRY_AUTH_FILE, kind: 'containers' });
    else
        files.push({ path: env.XDG_RUNTIME_DIR ? (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(env.XDG_RUNTIME_DIR, 'containers', 'auth.json') : `/run/containers/${uid}/auth.json`, kind: 'containers' });
    files.push({ path: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(env.XDG_CONFIG_HOME || (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(home, '.config'), 'containers', 'auth.json'), kind: 'containers' });
    return files.filter((f, i) => files.findIndex((g) => g.path === f.path) === i);
}
/** `https://Index.Docker.io/v1/` → `index.docker.io`; `host:5000/path` → `host:5000`; hub aliases → index.docker.io. */
function normalizeRegistryKey(key) {
    const host = key.trim().replace(/^https?:\/\//i, '').split('/')[0].toLowerCase();
    return DOCKER_HUB_HOSTS.includes(host) ? 'index.docker.io' : host;
}
function isDockerHub(registry) {
    return DOCKER_HUB_HOSTS.includes(registry.toLowerCase());
}
/** The keys tried exactly, best first. */
function exactKeys(registry) {
    return isDockerHub(registry) ? [DOCKER_HUB_KEY, ...DOCKER_HUB_HOSTS] : [registry];
}
function findKey(map, registry) {
    if (!map || typeof map !== 'object')
        return undefined;
    const keys = Object.keys(map);
    for (const k of exactKeys(registry))
        if (keys.includes(k))
            return k;
    const want = normalizeRegistryKey(registry);
    // a bare host key before one with a scheme or path
    return keys.filter((k) => normalizeRegistryKey(k) === want).sort((a, b) => a.length - b.length)[0];
}
/** The server address a credential helper is asked for (docker asks for the Hub's v1 URL). */
function helperServer(registry) {
    return isDockerHub(registry) ? DOCKER_HUB_KEY : registry;
}
async function readConfig(file, deps) {
    try {
        const s = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(file.path);
        if (!s.isFile())
            return undefined;
        if (s.size > MAX_FILE_BYTES) {
            deps.warn(`${file.path} is larger than 4 MiB; its logins are not read`);
            return undefined;
        }
        const parsed = JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(file.path, 'utf8'));
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
            throw new Error('not a JSON object');
        return parsed;
    }
    catch (e) {
        const code = e.code;
        if (code === 'ENOENT' || code === 'ENOTDIR')
            return undefined;
        // never echo the content: it holds secrets
        deps.warn(`${file.path} could not be read as a ${file.kind === 'docker' ? 'docker config' : 'containers auth'} file (${code ?? (e instanceof SyntaxError ? 'invalid JSON' : e.message)}); its logins are ignored`);
        return undefined;
    }
}
/** One `auths` entry; undefined for the empty markers docker writes when a credential store holds the secret. */
function decodeEntry(entry, key, path, deps) {
    if (!entry || typeof entry !== 'object')
        return undefined;
    let username = '';
    let password = '';
    if (typeof entry.auth === 'string' && entry.auth !== '') {
        deps.mask(entry.auth);
        const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon < 0) {
            deps.warn(`${path}: the "auth" value of auths[${quote(key)}] is not base64 of user:password; it is ignored`);
        }
        else {
            username = decoded.slice(0, colon);
            password = decoded.slice(colon + 1).replace(/\0+$/, '');
        }
    }
    else if (typeof entry.username === 'string' && typeof entry.password === 'string') {
        username = entry.username;
        password = entry.password;
    }
    if (typeof entry.identitytoken === 'string' && entry.identitytoken !== '') {
        deps.mask(entry.identitytoken);
        return { username: username || '<token>', password: entry.identitytoken, identityToken: true };
    }
    if (password === '')
        return undefined;
    deps.mask(password);
    return { username, password };
}
/** Only the variables a credential helper may need; never INPUT_*, ACTIONS_*, GITHUB_TOKEN. */
function helperEnv(env) {
    const keep = /^(PATH|HOME|USER|LOGNAME|LANG|LC_ALL|TMPDIR|TZ|DOCKER_CONFIG|DBUS_SESSION_BUS_ADDRESS|PASSWORD_STORE_DIR|GNUPGHOME|XDG_[A-Z_]+|(HTTPS?|NO|ALL)_PROXY|(https?|no|all)_proxy|AWS_[A-Z0-9_]+|GOOGLE_[A-Z0-9_]+|CLOUDSDK_[A-Z0-9_]+|AZURE_[A-Z0-9_]+|ALIBABA_CLOUD_[A-Z0-9_]+|ALICLOUD_[A-Z0-9_]+|SSL_CERT_(FILE|DIR))$/;
    const out = {};
    for (const [k, v] of Object.entries(env))
        if (v !== undefined && keep.test(k))
            out[k] = v;
    return out;
}
class CredentialHelperError extends Error {
    constructor(message) {
        super(message);
        this.name = 'CredentialHelperError';
    }
}
/**
 * `docker-credential-<name> get`: undefined when the helper has nothing for `server`. Throws
 * {@link CredentialHelperError} (the message never holds its output) when it cannot be run.
 */
async function helperGet(name, server, env, timeoutMs = 30_000) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name))
        throw new CredentialHelperError(`credential helper name '${name}' is not valid (letters, digits, '.', '_', '-')`);
    const program = `docker-credential-${name}`;
    const { code, stdout, error } = await new Promise((resolve) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(program, ['get'], { env: helperEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
        const chunks = [];
        let size = 0;
        let settled = false;
        const done = (r) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            resolve(r);
        };
        const timer = setTimeout(() => {
            child.kill('SIGKILL');
            done({ code: null, stdout: '', error: `did not answer within ${Math.round(timeoutMs / 1000)} s` });
        }, timeoutMs);
        child.stdout.on('data', (c) => {
            size += c.length;
            if (size > MAX_HELPER_OUTPUT) {
                child.kill('SIGKILL');
                done({ code: null, stdout: '', error: 'answered with more than 1 MiB' });
            }
            else
                chunks.push(c);
        });
        child.stderr.resume();
        child.on('error', (e) => done({ code: null, stdout: '', error: e.code === 'ENOENT' ? `${program} is not on PATH` : e.message }));
        child.on('close', (c) => done({ code: c, stdout: Buffer.concat(chunks).toString('utf8') }));
        child.stdin.on('error', () => undefined);
        child.stdin.end(server);
    });
    if (error)
        throw new CredentialHelperError(`${program} get ${server}: ${error}`);
    if (code !== 0) {
        // docker-credential-helpers' "credentials not found in native keychain" is a normal answer
        if (/credentials not found/i.test(stdout))
            return undefined;
        throw new CredentialHelperError(`${program} get ${server} failed with exit code ${code}`);
    }
    let parsed;
    try {
        parsed = JSON.parse(stdout);
    }
    catch {
        throw new CredentialHelperError(`${program} get ${server} did not answer with JSON {ServerURL, Username, Secret}`);
    }
    if (typeof parsed.Secret !== 'string' || parsed.Secret === '')
        return undefined;
    const username = typeof parsed.Username === 'string' ? parsed.Username : '';
    return username === '<token>' ? { username, password: parsed.Secret, identityToken: true } : { username, password: parsed.Secret };
}
/** A key of the file as JSON: a newline in it cannot start a runner command in the log. */
function quote(key) {
    return JSON.stringify(key);
}
function describe(file) {
    return `${file.kind === 'docker' ? 'docker config' : 'containers auth file'} ${file.path}`;
}
function loginCommand(file, registry) {
    const host = isDockerHub(registry) ? '' : ` ${registry}`;
    return file.kind === 'docker'
        ? `log in again (docker/login-action, aliyun/acr-login or \`docker login${host}\`)`
        : `log in again (\`buildah login${host}\` or \`podman login${host}\`${file.path ? ` with REGISTRY_AUTH_FILE=${file.path}` : ''})`;
}
const PRECEDENCE_FIX = 'or give `registry-auth` / `username` + `password`, which win over stored logins';
async function fromHelper(name, registry, file, why, opts, deps) {
    const server = helperServer(registry);
    let found;
    try {
        found = await helperGet(name, server, opts.env, deps.helperTimeoutMs);
    }
    catch (e) {
        deps.warn(`${registry}: ${why} in ${file.path} names a credential helper that failed (${e.message}); this login is skipped`);
        return undefined;
    }
    if (!found)
        return undefined;
    deps.mask(found.password);
    return {
        registry,
        ...found,
        source: `credential helper docker-credential-${name} (${why} in ${file.path})`,
        fix: `update the login that docker-credential-${name} stores for ${server}: ${loginCommand(file, registry)}, ${PRECEDENCE_FIX}`
    };
}
async function lookupIn(file, config, registry, opts, deps) {
    const helperKey = findKey(config.credHelpers, registry);
    if (helperKey !== undefined) {
        const name = config.credHelpers?.[helperKey];
        if (typeof name === 'string' && name !== '')
            return fromHelper(name, registry, file, `credHelpers[${quote(helperKey)}]`, opts, deps);
    }
    if (file.kind === 'docker' && typeof config.credsStore === 'string' && config.credsStore !== '') {
        const viaStore = await fromHelper(config.credsStore, registry, file, 'credsStore', opts, deps);
        if (viaStore)
            return viaStore;
    }
    const key = findKey(config.auths, registry);
    if (key === undefined || !config.auths)
        return undefined;
    const found = decodeEntry(config.auths[key], key, file.path, deps);
    if (!found)
        return undefined;
    return { registry, ...found, source: `${describe(file)} (auths[${quote(key)}])`, fix: `the stored login in ${file.path} is out of date: ${loginCommand(file, registry)}, ${PRECEDENCE_FIX}` };
}
/** The first stored login for each registry (registries without one are left out). */
async function findStoredLogins(registries, opts, deps) {
    if (registries.length === 0)
        return [];
    const files = [];
    for (const file of credentialFiles(opts)) {
        const config = await readConfig(file, deps);
        if (config)
            files.push([file, config]);
    }
    const out = [];
    for (const registry of [...new Set(registries)]) {
        for (const [file, config] of files) {
            const found = await lookupIn(file, config, registry, opts, deps);
            if (found) {
                out.push(found);
                break;
            }
        }
    }
    deps.debug?.(`stored logins: read ${files.map(([f]) => f.path).join(', ') || 'no file'}; found for ${out.map((l) => l.registry).join(', ') || 'no registry'}`);
    return out;
}


/***/ }),

/***/ 7768:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y8: () => (/* binding */ Digester),
/* harmony export */   ol: () => (/* binding */ digestOf),
/* harmony export */   pQ: () => (/* binding */ algorithmFor)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_oci_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(754);
/**
 * Hashing for the digest rule of src/core/oci.ts: the digest we report is always the one we
 * computed over the bytes we hold (or streamed), in the algorithm the expected digest names.
 */


function digestOf(data, algorithm = 'sha256') {
    return `${algorithm}:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)(algorithm).update(data).digest('hex')}`;
}
/** A running hash for streams: `update` per chunk, then `digest()`. */
class Digester {
    algorithm;
    hash;
    bytes = 0;
    constructor(algorithm = 'sha256', from) {
        this.algorithm = algorithm;
        this.hash = from ? from.hash.copy() : (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)(algorithm);
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
    return expected !== undefined && (0,_core_oci_js__WEBPACK_IMPORTED_MODULE_1__/* .isDigest */ .Bc)(expected) ? (0,_core_oci_js__WEBPACK_IMPORTED_MODULE_1__/* .digestAlgorithm */ .g4)(expected) : 'sha256';
}


/***/ }),

/***/ 5602:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  vs: () => (/* binding */ RegistryRequestError),
  p2: () => (/* binding */ httpError),
  Hr: () => (/* binding */ isRetryableNetworkError),
  x6: () => (/* binding */ networkError),
  kW: () => (/* binding */ parseErrorBody)
});

// UNUSED EXPORTS: withRegistryKind

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
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


/***/ }),

/***/ 2567:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dm: () => (/* binding */ isTransientStatus),
/* harmony export */   Nm: () => (/* binding */ sameOrigin),
/* harmony export */   Q4: () => (/* binding */ schemeAllowed),
/* harmony export */   oK: () => (/* binding */ Transport),
/* harmony export */   q0: () => (/* binding */ describe)
/* harmony export */ });
/* unused harmony exports DEFAULT_TIMEOUT_MS, DEFAULT_MAX_BODY, isLoopback */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5602);
/* harmony import */ var _core_bytes_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9596);
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
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .RegistryRequestError */ .vs(this.o.registry, `refusing to send a request for this HTTPS registry to plain HTTP ${describe(url.toString())} (${spec.method})`, 'The registry (or a proxy in front of it) sent an http:// URL; fix its configuration (e.g. the external URL of Harbor or distribution\'s http.host)', 'protocol', spec.repository);
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
                if (!(e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .RegistryRequestError */ .vs))
                    throw e;
                err = e;
            }
            const transient = err ? (0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .isRetryableNetworkError */ .Hr)(err) : isTransientStatus(res.status);
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
            if (e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .RegistryRequestError */ .vs)
                throw e;
            const err = (0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .networkError */ .x6)(this.o.registry, spec.op, spec.repository, e, timedOut ? timeoutMs : undefined);
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
        return new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .RegistryRequestError */ .vs(this.o.registry, `the ${what} is larger than ${(0,_core_bytes_js__WEBPACK_IMPORTED_MODULE_5__/* .formatBytes */ .z)(cap, 0)} (${seen}; ${spec.method} ${describe(spec.path)}); stopped reading`, `A registry does not serve a ${what} this large; check the registry address and the repository, or whether a proxy in front of the registry answers instead`, 'protocol', spec.repository);
    }
    protocolError(spec, detail) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .RegistryRequestError */ .vs(this.o.registry, `${detail} (${spec.method} ${describe(spec.path)})`, 'This registry answered in a way this action does not understand; report it with the log', 'protocol', spec.repository);
    }
}
/**
 * A PUT/PATCH whose body streams from `open()` with backpressure (node:http or node:https; a
 * private CA comes from NODE_EXTRA_CA_CERTS). The answer's body is read capped (64 KiB for errors).
 */
function streamUpload(url, method, headers, open, signal, touch, maxBody) {
    const mod = url.protocol === 'https:' ? (node_https__WEBPACK_IMPORTED_MODULE_1___default()) : (node_http__WEBPACK_IMPORTED_MODULE_0___default());
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
        (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_3__.pipeline)(node_stream__WEBPACK_IMPORTED_MODULE_2__.Readable.from(open(), { objectMode: false }), req).catch((e) => {
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


/***/ }),

/***/ 7210:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   XN: () => (/* binding */ resolveLogins),
/* harmony export */   ec: () => (/* binding */ registriesForStoredLogins),
/* harmony export */   jW: () => (/* binding */ isLoopbackRegistry)
/* harmony export */ });
/* unused harmony export anonymousRegistries */
function inputsApply(kind, targets, inputs) {
    if (!inputs.username || !inputs.password)
        return false;
    return kind !== 'ghcr' || targets.every((t) => t.kind === 'ghcr');
}
function uniqueTargets(targets) {
    return targets.filter((t, i) => targets.findIndex((u) => u.registry === t.registry) === i);
}
/** Registries our own inputs do not cover: only for these are the runner's stored logins looked up. */
function registriesForStoredLogins(targets, inputs) {
    return uniqueTargets(targets)
        .filter((t) => !inputs.registryAuth.some((e) => e.registry === t.registry) && !inputsApply(t.kind, targets, inputs))
        .map((t) => t.registry);
}
function resolveLogins(targets, inputs, actor, stored = []) {
    const out = [];
    for (const t of uniqueTargets(targets)) {
        const base = { registry: t.registry, kind: t.kind };
        const entry = inputs.registryAuth.find((e) => e.registry === t.registry);
        const found = stored.find((s) => s.registry === t.registry);
        if (entry)
            out.push({ ...base, username: entry.username, password: entry.password, source: `registry-auth line ${entry.line}`, origin: 'registry-auth' });
        else if (inputsApply(t.kind, targets, inputs))
            out.push({ ...base, username: inputs.username, password: inputs.password, source: 'username/password inputs', origin: 'inputs' });
        else if (found)
            out.push({ ...base, username: found.username, password: found.password, source: found.source, origin: 'stored', fix: found.fix, identityToken: found.identityToken });
        else if (t.kind === 'ghcr' && inputs.githubToken)
            out.push({ ...base, username: actor || 'x-access-token', password: inputs.githubToken, source: 'github-token', origin: 'github-token' });
    }
    return out;
}
/** Registries with no credentials at all (pushes there will fail unless the registry is open). */
function anonymousRegistries(targets, logins) {
    return [...new Set(targets.map((t) => t.registry))].filter((r) => !logins.some((l) => l.registry === r));
}
/** Hosts on the loopback interface speak plain HTTP (as docker assumes for 127.0.0.0/8). */
function isLoopbackRegistry(registry) {
    return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(registry);
}


/***/ }),

/***/ 1031:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hl: () => (/* binding */ parseKeyValues),
/* harmony export */   bf: () => (/* binding */ parseRegistryAuth),
/* harmony export */   q6: () => (/* binding */ parseBool)
/* harmony export */ });
/* unused harmony exports meaningfulLines, parseSecretValues, parseSecretFiles, mergeSecrets, normalizeRegistry */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5378);
/**
 * Parsers for the build inputs (strings in, typed values out). Errors name the input and the
 * line; they never echo a password or a secret value, only its id or registry.
 */


/** Non-blank, non-comment lines with their 1-based line numbers. */
function meaningfulLines(lines) {
    return lines.map((l, i) => ({ text: l.trim(), line: i + 1 })).filter(({ text }) => text !== '' && !text.startsWith('#'));
}
/** `KEY=value` lines (build-args, build-contexts); the value may be empty and may contain `=`. */
function parseKeyValues(input, lines, keyRe = /^[A-Za-z_][A-Za-z0-9_.-]*$/) {
    const out = new Map();
    for (const { text, line } of meaningfulLines(lines)) {
        const eq = text.indexOf('=');
        const key = eq < 0 ? text : text.slice(0, eq).trim();
        if (eq <= 0 || !keyRe.test(key))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, text, 'expected NAME=value, one per line', line);
        out.set(key, text.slice(eq + 1));
    }
    return [...out.entries()];
}
const SECRET_ID_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
function secretId(input, text, line) {
    const eq = text.indexOf('=');
    const id = eq < 0 ? '' : text.slice(0, eq).trim();
    // never echo the value: only the id (or nothing) goes into the message
    if (eq <= 0 || !SECRET_ID_RE.test(id))
        throw new InputError(input, id ? `${id}=***` : '***', 'expected id=value, one per line (the id is what RUN --mount=type=secret,id=… uses)', line);
    return id;
}
/** `secrets`: `id=value` lines. Values are the secrets themselves. */
function parseSecretValues(lines) {
    return meaningfulLines(lines).map(({ text, line }) => {
        const id = secretId('secrets', text, line);
        const value = text.slice(text.indexOf('=') + 1);
        if (value === '')
            throw new InputError('secrets', `${id}=`, 'the secret value is empty (is the GitHub secret set and passed to this job?)', line);
        return { id, kind: 'value', value };
    });
}
/** `secret-files`: `id=path` lines. */
function parseSecretFiles(lines) {
    return meaningfulLines(lines).map(({ text, line }) => {
        const id = secretId('secret-files', text, line);
        const path = text.slice(text.indexOf('=') + 1).trim();
        if (path === '')
            throw new InputError('secret-files', `${id}=`, 'expected id=path to a file', line);
        return { id, kind: 'file', path };
    });
}
/** All secrets, ids unique across both inputs. */
function mergeSecrets(values, files) {
    const seen = new Set();
    for (const s of [...values, ...files]) {
        if (seen.has(s.id))
            throw new InputError('secrets', `${s.id}=***`, `secret id '${s.id}' is given twice (secrets / secret-files); ids must be unique`);
        seen.add(s.id);
    }
    return [...values, ...files];
}
/** The registry part of a `registry-auth` key: host[:port], scheme and path dropped, lowercased. */
function normalizeRegistry(value) {
    return value.trim().replace(/^https?:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
}
/**
 * `registry-auth`: `host=username:password` per line. The username ends at the first `:` (Basic
 * auth forbids `:` in user ids); the password is the rest of the line and may contain anything.
 */
function parseRegistryAuth(lines) {
    const out = [];
    for (const { text, line } of meaningfulLines(lines)) {
        const eq = text.indexOf('=');
        const registry = eq > 0 ? normalizeRegistry(text.slice(0, eq)) : '';
        const rest = eq > 0 ? text.slice(eq + 1) : '';
        const colon = rest.indexOf(':');
        const shown = registry ? `${registry}=***` : '***';
        if (!registry || colon <= 0)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('registry-auth', shown, 'expected registry=username:password, e.g. harbor.example.com=robot$ci:${{ secrets.HARBOR_TOKEN }}', line);
        if ((0,_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .domainProblem */ .iu)(registry))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('registry-auth', shown, `'${registry}' is not a registry host[:port]`, line);
        const password = rest.slice(colon + 1);
        if (password === '')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('registry-auth', shown, 'the password is empty (is the GitHub secret set and passed to this job?)', line);
        if (out.some((e) => e.registry === registry))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('registry-auth', shown, `${registry} has two lines; keep one`, line);
        out.push({ registry, username: rest.slice(0, colon), password, line });
    }
    return out;
}
/** `true`/`false` (any case), empty → fallback. */
function parseBool(input, value, fallback) {
    const v = value.trim().toLowerCase();
    if (v === '')
        return fallback;
    if (v === 'true')
        return true;
    if (v === 'false')
        return false;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, value, 'expected true or false');
}


/***/ }),

/***/ 9596:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ formatBytes)
/* harmony export */ });
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


/***/ }),

/***/ 754:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $U: () => (/* binding */ isIndexType),
/* harmony export */   Bc: () => (/* binding */ isDigest),
/* harmony export */   Fd: () => (/* binding */ platformString),
/* harmony export */   H3: () => (/* binding */ isAttestation),
/* harmony export */   YQ: () => (/* binding */ ALL_MANIFEST_TYPES),
/* harmony export */   ZJ: () => (/* binding */ MAX_MANIFEST_BYTES),
/* harmony export */   g4: () => (/* binding */ digestAlgorithm),
/* harmony export */   qF: () => (/* binding */ parseJson)
/* harmony export */ });
/* unused harmony exports OCI_INDEX, OCI_MANIFEST, OCI_CONFIG, OCI_LAYER_GZIP, DOCKER_LIST, DOCKER_MANIFEST, DOCKER_CONFIG, OCI_EMPTY, MediaTypes, DIGEST_RE, blobPath, platformIndexText, isArtifactManifest */
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(692);
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
const platformString = _platform_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPlatform */ .Bq;
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


/***/ }),

/***/ 692:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bq: () => (/* binding */ formatPlatform)
/* harmony export */ });
/* unused harmony exports KNOWN_OS, KNOWN_ARCH, KNOWN_VARIANTS, platformKey, samePlatform, platformMatches, suggestPlatform, parsePlatform, parsePlatforms, platformFromText, platformSlug, checkBuiltPlatforms, inRequestedOrder */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/**
 * Platforms (`os/architecture[/variant]`): the one home for parsing, validating, formatting and
 * comparing them, and for the rule that a built image holds exactly the requested platforms.
 *
 * Valid values are those of the OCI image spec (image-index `platform`), which takes `os` and
 * `architecture` from Go's GOOS/GOARCH list (`go tool dist list`) and `variant` from the spec's
 * table (arm v5–v8, arm64 v8/v8.x/v9/v9.x, amd64 v1–v4 as GOAMD64). A typo (`linux/amd46`) is
 * refused before anything runs, naming the closest valid value.
 */

/** GOOS values (Go 1.24 `go tool dist list`, plus the historical ones the spec mentions). */
const KNOWN_OS = (/* unused pure expression or super */ null && (['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'illumos', 'ios', 'js', 'linux', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows']));
/** GOARCH values (Go's full known list, including ports without a release). */
const KNOWN_ARCH = (/* unused pure expression or super */ null && ([
    '386', 'amd64', 'arm', 'arm64', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'ppc64', 'ppc64le', 'riscv64', 's390x', 'wasm',
    'amd64p32', 'arm64be', 'armbe', 'mips64p32', 'mips64p32le', 'ppc', 'riscv', 's390', 'sparc', 'sparc64'
]));
const ARM64_VARIANTS = ['v8', ...Array.from({ length: 10 }, (_, i) => `v8.${i}`), 'v9', ...Array.from({ length: 6 }, (_, i) => `v9.${i}`)];
/** Variants the spec and the tools (containerd, BuildKit) know, per architecture; others take none. */
const KNOWN_VARIANTS = {
    arm: ['v5', 'v6', 'v7', 'v8'],
    arm64: ARM64_VARIANTS,
    amd64: ['v1', 'v2', 'v3', 'v4'],
    riscv64: ['rva20u64', 'rva22u64', 'rva23u64']
};
/** Names other tools print for the same thing (uname -m, Debian), for the suggestion only. */
const ALIASES = {
    x86_64: 'amd64', 'x86-64': 'amd64', x64: 'amd64', aarch64: 'arm64', armhf: 'arm/v7', armel: 'arm/v6', armv7: 'arm/v7', armv7l: 'arm/v7', armv6: 'arm/v6', i386: '386', i686: '386', x86: '386', ppc64el: 'ppc64le', macos: 'darwin', osx: 'darwin', win: 'windows'
};
/** The common platforms first: a suggestion prefers them when two are equally close. */
const COMMON = (/* unused pure expression or super */ null && (['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/arm/v6', 'linux/386', 'linux/ppc64le', 'linux/s390x', 'linux/riscv64', 'windows/amd64', 'darwin/arm64']));
function formatPlatform(p) {
    if (!p)
        return 'unknown/unknown';
    return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
}
/** The variant a platform means when it names none (arm64 → v8, arm → v7, amd64 → v1), for comparison. */
function effectiveVariant(p) {
    if (p.variant)
        return p.variant;
    if (p.architecture === 'arm64')
        return 'v8';
    if (p.architecture === 'arm')
        return 'v7';
    if (p.architecture === 'amd64')
        return 'v1';
    return '';
}
/** Canonical text for comparison: `linux/arm64/v8` and `linux/arm64` are the same platform. */
function platformKey(p) {
    const v = effectiveVariant(p);
    return `${p.os}/${p.architecture}${v ? `/${v}` : ''}`;
}
/** Same os, architecture and (effective) variant. */
function samePlatform(a, b) {
    return platformKey(a) === platformKey(b);
}
/**
 * A requested platform matches a candidate: `linux/arm64` matches variant v8 or none; a requested
 * variant must match (arm defaults to v7); a request without a variant takes any variant of an
 * architecture with no default.
 */
function platformMatches(want, have) {
    if (want.os !== have.os || want.architecture !== have.architecture)
        return false;
    if (want.variant === undefined && !['arm64', 'arm', 'amd64'].includes(want.architecture))
        return true;
    return effectiveVariant(want) === effectiveVariant(have);
}
/** Optimal string alignment distance (a transposition costs 1: `amd46` is one edit from `amd64`). */
function distance(a, b) {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}
function closest(value, candidates) {
    let best = candidates[0];
    let score = Infinity;
    for (const c of candidates) {
        const s = distance(value, c);
        if (s < score)
            [best, score] = [c, s];
    }
    return best;
}
/** The closest valid platform to a bad one (aliases first, then the nearest known os and architecture). */
function suggestPlatform(text) {
    const parts = text.trim().toLowerCase().split('/');
    const [rawOs = '', rawArch = '', rawVariant = ''] = parts.length === 1 ? ['linux', parts[0]] : parts;
    const os = KNOWN_OS.includes(rawOs) ? rawOs : ALIASES[rawOs] ?? closest(rawOs, KNOWN_OS);
    const alias = ALIASES[rawArch];
    if (alias)
        return `${os}/${alias}`;
    const arch = KNOWN_ARCH.includes(rawArch) ? rawArch : closest(rawArch, [...new Set([...COMMON.map((c) => c.split('/')[1]), ...KNOWN_ARCH])]);
    const variants = KNOWN_VARIANTS[arch] ?? [];
    if (rawVariant && variants.length > 0)
        return `${os}/${arch}/${variants.includes(rawVariant) ? rawVariant : closest(rawVariant, [...variants].reverse())}`;
    return `${os}/${arch}`;
}
/**
 * One platform, validated against the OCI/Go values; `input` names the action input for the
 * error. Case is kept as given: `Linux/AMD64` is refused (registries and runtimes compare exactly).
 */
function parsePlatform(text, input = 'platforms') {
    const value = text.trim();
    const parts = value.split('/');
    const fail = (why) => {
        throw new InputError(input, value, `${why}; did you mean ${suggestPlatform(value)}? A platform is os/architecture[/variant] with OCI (Go GOOS/GOARCH) values, e.g. linux/amd64, linux/arm64, linux/arm/v7`);
    };
    if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === ''))
        fail('not os/architecture[/variant]');
    const [os, architecture, variant] = parts;
    if (!KNOWN_OS.includes(os))
        fail(`'${os}' is not an OCI/Go operating system`);
    if (!KNOWN_ARCH.includes(architecture))
        fail(`'${architecture}' is not an OCI/Go architecture`);
    if (variant !== undefined) {
        const known = KNOWN_VARIANTS[architecture] ?? [];
        if (!known.includes(variant))
            fail(known.length ? `'${variant}' is not a variant of ${architecture} (known: ${known.join(', ')})` : `${architecture} takes no variant`);
    }
    return { os, architecture, ...(variant ? { variant } : {}) };
}
/**
 * A platforms input (comma/space/newline separated) → validated platforms in the given order.
 * Refuses an empty list and the same platform twice (`linux/arm64` and `linux/arm64/v8` too).
 */
function parsePlatforms(value, input = 'platforms') {
    const items = value.split(/[\s,]+/).map((p) => p.trim()).filter(Boolean);
    if (items.length === 0)
        throw new InputError(input, value, 'give at least one platform, e.g. linux/amd64,linux/arm64');
    const parsed = items.map((p) => parsePlatform(p, input));
    const keys = parsed.map(platformKey);
    const dup = keys.findIndex((k, i) => keys.indexOf(k) !== i);
    if (dup >= 0)
        throw new InputError(input, value, `'${items[dup]}' is listed twice (same platform as '${items[keys.indexOf(keys[dup])]}')`);
    return parsed.map(formatPlatform);
}
/** Text → Platform without validation (for values read from images, which may be anything). */
function platformFromText(text) {
    const [os = '', architecture = '', variant] = text.split('/');
    return { os, architecture, ...(variant ? { variant } : {}) };
}
/** The `linux-arm64-v8` form, safe in file names, artifact names and cache scopes. */
function platformSlug(p) {
    return (typeof p === 'string' ? p : formatPlatform(p)).replace(/\//g, '-');
}
/**
 * The invariant before the scan and before any push, whatever the builder: the image has exactly
 * the requested platforms (none missing, none extra, none twice), and each manifest's config says
 * the platform its index entry claims.
 */
function checkBuiltPlatforms(requested, built) {
    const want = requested.map(platformFromText);
    const mislabelled = [];
    const claimed = [];
    for (const b of built) {
        const claim = b.descriptor ?? b.config;
        claimed.push(claim);
        if (b.descriptor && !samePlatform(b.descriptor, b.config))
            mislabelled.push(`${b.digest} is listed as ${formatPlatform(b.descriptor)} but its config says ${formatPlatform(b.config)}`);
    }
    const keys = claimed.map(platformKey);
    keys.forEach((k, i) => {
        if (keys.indexOf(k) !== i)
            mislabelled.push(`${formatPlatform(claimed[i])} appears more than once (${built[keys.indexOf(k)].digest}, ${built[i].digest})`);
    });
    const missing = want.filter((w) => !claimed.some((c) => platformMatches(w, c))).map(formatPlatform);
    const extra = claimed.filter((c) => !want.some((w) => platformMatches(w, c))).map(formatPlatform);
    const parts = [];
    if (missing.length)
        parts.push(`missing ${missing.join(', ')}`);
    if (extra.length)
        parts.push(`not requested ${extra.join(', ')}`);
    if (mislabelled.length)
        parts.push(mislabelled.join('; '));
    const ok = parts.length === 0;
    const message = ok
        ? ''
        : `the built image does not hold exactly the requested platforms (${requested.join(', ')}): ${parts.join('; ')}. Nothing was pushed. The image has: ${claimed.map(formatPlatform).join(', ') || 'no platform'}`;
    return { ok, missing, extra, mislabelled, message };
}
/** Items reordered to follow the requested platforms (items matching none keep their order at the end). */
function inRequestedOrder(requested, items, platformOf) {
    const want = requested.map(platformFromText);
    const rank = (t) => {
        const i = want.findIndex((w) => platformMatches(w, platformOf(t)));
        return i < 0 ? want.length : i;
    };
    return items.map((t, i) => ({ t, i, r: rank(t) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.t);
}


/***/ })

};
