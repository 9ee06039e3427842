export const id = 276;
export const ids = [276];
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

/***/ 276:
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
// EXTERNAL MODULE: ./src/core/reference.ts
var reference = __webpack_require__(5378);
;// CONCATENATED MODULE: ./src/core/build/inputs.ts
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
            throw new errors/* InputError */.dz(input, text, 'expected NAME=value, one per line', line);
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
function inputs_parseRegistryAuth(lines) {
    const out = [];
    for (const { text, line } of meaningfulLines(lines)) {
        const eq = text.indexOf('=');
        const registry = eq > 0 ? normalizeRegistry(text.slice(0, eq)) : '';
        const rest = eq > 0 ? text.slice(eq + 1) : '';
        const colon = rest.indexOf(':');
        const shown = registry ? `${registry}=***` : '***';
        if (!registry || colon <= 0)
            throw new errors/* InputError */.dz('registry-auth', shown, 'expected registry=username:password, e.g. harbor.example.com=robot$ci:${{ secrets.HARBOR_TOKEN }}', line);
        if ((0,reference/* domainProblem */.iu)(registry))
            throw new errors/* InputError */.dz('registry-auth', shown, `'${registry}' is not a registry host[:port]`, line);
        const password = rest.slice(colon + 1);
        if (password === '')
            throw new errors/* InputError */.dz('registry-auth', shown, 'the password is empty (is the GitHub secret set and passed to this job?)', line);
        if (out.some((e) => e.registry === registry))
            throw new errors/* InputError */.dz('registry-auth', shown, `${registry} has two lines; keep one`, line);
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
    throw new errors/* InputError */.dz(input, value, 'expected true or false');
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/adapters/github/runner.ts
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
function command(name, message) {
    write(`::${name}::${escapeData(message)}${EOL}`);
}
const info = (message) => write(message + EOL);
const debug = (message) => command('debug', message);
const warning = (message) => command('warning', message);
const error = (message) => command('error', message);
const startGroup = (name) => command('group', name);
const endGroup = () => command('endgroup', '');
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
        appendFileSync(path, markdown, 'utf8');
}

// EXTERNAL MODULE: ./src/core/plan.ts + 8 modules
var plan = __webpack_require__(6508);
// EXTERNAL MODULE: ./src/core/targets.ts
var targets = __webpack_require__(277);
;// CONCATENATED MODULE: ./src/core/matrix.ts
/**
 * The platform matrix for the reusable workflow: one build job per platform on a native runner
 * (ubuntu-24.04 for amd64, ubuntu-24.04-arm for arm64), QEMU on an amd64 runner only as a
 * fallback. GitHub's arm64 runners are free for public repositories only (anchors.md §0.5), so
 * `auto` uses QEMU for private repositories.
 */

const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9.]+)?$/;
function matrix_parsePlatforms(value) {
    const platforms = value.split(/[\s,]+/).map((p) => p.trim()).filter(Boolean);
    if (platforms.length === 0)
        throw new InputError('platforms', value, 'give at least one platform, e.g. linux/amd64,linux/arm64');
    for (const p of platforms) {
        if (!PLATFORM.test(p))
            throw new InputError('platforms', p, 'a platform is os/arch[/variant], e.g. linux/amd64, linux/arm64, linux/arm/v7');
    }
    const dup = platforms.find((p, i) => platforms.indexOf(p) !== i);
    if (dup)
        throw new InputError('platforms', value, `'${dup}' is listed twice`);
    return platforms;
}
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
        return { platform, slug: platform.replace(/\//g, '-'), runner, qemu: arch !== 'amd64' && runner === o.amd64Runner };
    });
    return { include, reason };
}

;// CONCATENATED MODULE: ./src/adapters/github/inputs.ts
/**
 * The only place that reads action inputs (`INPUT_*` through @actions/core). Everything after this
 * takes the typed objects. List inputs keep their line numbers so errors can point at a line.
 */






/** Newline-separated list; blank and `#` lines are kept (the parsers skip them) so line numbers match. */
function inputs_getList(name) {
    const value = core.getInput(name);
    return value === '' ? [] : value.split(/\r?\n/);
}
function getOr(name, fallback) {
    return core.getInput(name) || fallback;
}
function getChoice(name, choices, fallback) {
    const value = getOr(name, fallback);
    if (!choices.includes(value))
        throw new InputError(name, value, `expected one of ${choices.join(', ')}`);
    return value;
}
function readPlanInputs() {
    return {
        images: inputs_getList('images'),
        registry: inputs_getList('registry'),
        imageName: core.getInput('image-name'),
        component: core.getInput('component'),
        registryType: registryType('registry-type', getOr('registry-type', 'auto')),
        acrNamespace: getOr('acr-namespace', DEFAULT_PLAN_INPUTS.acrNamespace),
        acrRepository: getOr('acr-repository', DEFAULT_PLAN_INPUTS.acrRepository),
        tags: inputs_getList('tags'),
        flavor: inputs_getList('flavor'),
        labels: inputs_getList('labels'),
        annotations: inputs_getList('annotations'),
        latest: getChoice('latest', LATEST_POLICIES, 'auto')
    };
}
function readSeparators() {
    const sep = (name) => core.getInput(name, { trimWhitespace: false }) || '\n';
    return { tags: sep('sep-tags'), labels: sep('sep-labels'), annotations: sep('sep-annotations') };
}
/** Names of the inputs read above; a test keeps action.yml in step with it. */
const PLAN_INPUT_NAMES = (/* unused pure expression or super */ null && ([
    'images', 'registry', 'image-name', 'component', 'registry-type', 'acr-namespace', 'acr-repository',
    'tags', 'flavor', 'labels', 'annotations', 'latest', 'sep-tags', 'sep-labels', 'sep-annotations', 'github-token'
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
        buildArgs: Object.fromEntries(parseKeyValues('build-args', raw.buildArgs)),
        target: raw.target.trim(),
        registryType: (0,targets/* registryType */.OB)('registry-type', raw.registryType || 'auto'),
        skipExisting: parseBool('skip-existing', raw.skipExisting ?? '', true),
        strict: parseBool('strict', raw.strict ?? '', false),
        attestations: parseBool('attestations', raw.attestations ?? '', true),
        concurrency,
        username: raw.username ?? '',
        password: raw.password ?? '',
        registryAuth: raw.registryAuth
    };
}
/** Names of the inputs read above; a test keeps mirror/action.yml in step with it. */
const MIRROR_INPUT_NAMES = (/* unused pure expression or super */ null && (['images', 'files', 'build-args', 'target', 'registry-type', 'skip-existing', 'strict', 'attestations', 'concurrency', 'registry-auth', 'username', 'password']));

;// CONCATENATED MODULE: ./src/core/build/credentials.ts
function resolveLogins(targets, inputs, actor) {
    const out = [];
    for (const t of targets) {
        if (out.some((l) => l.registry === t.registry))
            continue;
        const entry = inputs.registryAuth.find((e) => e.registry === t.registry);
        if (entry)
            out.push({ registry: t.registry, kind: t.kind, username: entry.username, password: entry.password, source: `registry-auth line ${entry.line}` });
        else if (t.kind === 'ghcr' && inputs.githubToken)
            out.push({ registry: t.registry, kind: t.kind, username: actor || 'x-access-token', password: inputs.githubToken, source: 'github-token' });
        else if (t.kind !== 'ghcr' && inputs.username && inputs.password)
            out.push({ registry: t.registry, kind: t.kind, username: inputs.username, password: inputs.password, source: 'username/password inputs' });
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
function formatBytes(n) {
    if (n < 1024)
        return `${n} B`;
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let v = n / 1024;
    let u = 0;
    while (v >= 1024 && u < units.length - 1) {
        v /= 1024;
        u++;
    }
    return `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}
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
    return `${head}: copied ${p} platform${p === 1 ? '' : 's'} (${plan_short(r.digest)}), ${r.blobsCopied} blob${r.blobsCopied === 1 ? '' : 's'} uploaded, ${r.blobsPresent} already there, ${formatBytes(r.bytes)} in ${formatMs(r.ms)}`;
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
    return `Mirrored ${t.total} image${t.total === 1 ? '' : 's'}: ${t.copied} copied, ${t.present} already present, ${t.failed} failed; ${formatBytes(t.bytes)} moved in ${formatMs(ms)}`;
}
const cell = (s) => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
function mirrorMarkdown(results, ms, target) {
    const icon = { copied: '✅ copied', present: '➖ already present', failed: '❌ failed' };
    const rows = results.map((r) => `| \`${cell(r.sourceRef)}\` | \`${cell(r.targetRef)}\` | ${icon[r.status]} | ${r.platforms.map(cell).join(', ')} | ${r.digest ? `\`${plan_short(r.digest)}\`` : ''} | ${formatBytes(r.bytes)} | ${formatMs(r.ms)} |`);
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
function httpError(f) {
    const { code, message } = parseErrorBody(f.body);
    const codeText = code ? ` ${code}` : '';
    const msgText = message ? `: ${message}` : '';
    const repoText = f.repository ? ` (repository '${f.repository}')` : '';
    const mk = (kind, detail, fix) => new RegistryRequestError(f.registry, detail, fix, kind, f.repository, f.status, code);
    if ((f.status === 401 && f.insufficientScope && f.hadCredentials) || f.status === 403 || code === 'DENIED') {
        const action = f.op === 'push' ? 'push to' : f.op === 'delete' ? 'delete from' : 'read';
        return mk('denied', `access denied: cannot ${what(f.op, f.repository)} (HTTP ${f.status}${codeText}${msgText})`, f.op === 'push' || f.op === 'delete'
            ? `The credentials${f.username ? ` of '${f.username}'` : ''} are valid but may not ${action} this repository. ` +
                'For GHCR give the job `permissions: packages: write` and the repository write access to the package; ' +
                'for Alibaba ACR grant the RAM user/role push on the namespace; for Harbor use a robot account or a member with the Developer role or higher'
            : `The credentials may not read this repository: check the repository name and that the account has pull access`);
    }
    if (f.status === 401) {
        return f.hadCredentials
            ? mk('auth', `credentials${f.username ? ` for user '${f.username}'` : ''} were rejected when trying to ${what(f.op, f.repository)} (HTTP 401${codeText})`, 'Check the username and password/token for this registry; a token may be expired or revoked, and for GHCR the username must be the GitHub user or `${{ github.actor }}`')
            : mk('auth', `authentication required to ${what(f.op, f.repository)} (HTTP 401${codeText})`, 'Provide a username and password/token for this registry');
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

;// CONCATENATED MODULE: ./src/adapters/concurrency.ts
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

;// CONCATENATED MODULE: ./src/core/build/oci.ts
/** OCI image-spec shapes (index, manifest, descriptor) and the few questions we ask of them. */
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const OCI_EMPTY = 'application/vnd.oci.empty.v1+json';
function isIndexType(mediaType) {
    return mediaType === OCI_INDEX || mediaType === DOCKER_LIST;
}
function platformString(p) {
    if (!p)
        return 'unknown/unknown';
    return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
}
/**
 * BuildKit attestations (provenance, SBOM): index entries annotated `vnd.docker.reference.type:
 * attestation-manifest` with platform unknown/unknown, or OCI artifacts (an `artifactType`).
 */
function isAttestation(d) {
    return d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' || !!d.artifactType || platformString(d.platform) === 'unknown/unknown';
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
 * Blob copies go through {@link BlobCopier}, one small interface: the implementation here uses
 * today's RegistryClient (GET verified, then a monolithic upload, so a blob is held in memory while
 * it moves); the streaming transfer engine plugs in behind the same interface.
 */




/** Today's client: HEAD the target, else GET (digest verified) and upload. */
const clientBlobCopier = {
    async copyBlob(src, dst, digest) {
        if (await dst.client.hasBlob(dst.repository, digest))
            return 'exists';
        const bytes = await src.client.getBlob(src.repository, digest);
        await dst.client.uploadBlob(dst.repository, bytes);
        return 'uploaded';
    }
};
/** Foreign (non-distributable) layers are not copied: registries refuse or skip them. */
const FOREIGN = /\.foreign\.|nondistributable/;
class Limiter {
    limit;
    active = 0;
    queue = [];
    constructor(limit) {
        this.limit = limit;
    }
    async run(fn) {
        if (this.active >= this.limit)
            await new Promise((resolve) => this.queue.push(resolve));
        this.active++;
        try {
            return await fn();
        }
        finally {
            this.active--;
            this.queue.shift()?.();
        }
    }
}
async function mirrorImages(items, o) {
    const now = o.now ?? (() => performance.now());
    const copier = o.copier ?? clientBlobCopier;
    const blobs = new Limiter(Math.max(1, o.blobConcurrency ?? 8));
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
            else
                t.present++;
        });
    };
    /** Copy the manifest `digest` (already read: `body`) and everything below it; PUT it by digest. */
    const copyTree = async (src, dst, body, mediaType, digest, keepAttestations, t, platforms, depth = 0) => {
        if (depth > 2)
            throw new Error('manifest nesting deeper than index → index → manifest');
        const doc = parseJson(body, `manifest ${digest}`);
        const type = mediaType || doc.mediaType || '';
        if (isIndexType(type) || Array.isArray(doc.manifests)) {
            const children = doc.manifests.filter((m) => keepAttestations || !isAttestation(m));
            await Promise.all(children.map(async (m) => {
                if (!isAttestation(m))
                    platforms.push(platformString(m.platform));
                const child = await src.client.getManifest(src.repository, m.digest, [m.mediaType, ...ALL_MANIFEST_TYPES]);
                await copyTree(src, dst, child.body, child.mediaType || m.mediaType, m.digest, keepAttestations, t, platforms, depth + 1);
            }));
            let out = body;
            if (children.length !== doc.manifests.length)
                out = JSON.stringify({ ...doc, manifests: children });
            const put = await dst.client.putManifest(dst.repository, out === body ? digest : sha256(Buffer.from(out, 'utf8')), out, type);
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
        const base = { sourceRef: item.sourceRef, targetRef: item.targetRef, status: 'failed', platforms: [], bytes: 0, blobsCopied: 0, blobsPresent: 0, ms: 0 };
        const t = { bytes: 0, copied: 0, present: 0 };
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
                throw e instanceof RegistryRequestError && e.kind === 'not-found' ? notFound(item) : e;
            });
            const platforms = [];
            const copied = await copyTree(src, dst, top.body, top.mediaType, top.digest, o.attestations !== false, t, platforms);
            if (item.target.tag) {
                const tagged = await dst.client.putManifest(dst.repository, item.target.tag, copied.body, copied.mediaType);
                if (tagged !== copied.digest)
                    throw new Error(`${dst.client.registry} tagged ${item.target.tag} as ${tagged}, expected ${copied.digest}`);
            }
            return { ...base, status: 'copied', digest: copied.digest, platforms: platforms.sort(), bytes: t.bytes, blobsCopied: t.copied, blobsPresent: t.present, ms: now() - started };
        }
        catch (e) {
            return { ...base, bytes: t.bytes, blobsCopied: t.copied, blobsPresent: t.present, error: (0,errors/* errorMessage */.gJ)(e), ms: now() - started };
        }
    };
    return mapLimit(items, Math.max(1, o.imageConcurrency ?? 4), async (item) => {
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
    const clients = new Map();
    const clientFor = (registry) => {
        let c = clients.get(registry);
        if (!c) {
            const entry = inputs.registryAuth.find((e) => e.registry === registry);
            const isTarget = registry === target.domain;
            const credentials = entry ? { username: entry.username, password: entry.password } : isTarget && inputs.username && inputs.password ? { username: inputs.username, password: inputs.password } : undefined;
            c = new RegistryClient({ registry, credentials, insecureHttp: isLoopbackRegistry(registry), fetch: deps.fetch, ...deps.clientOptions, log: (m) => /retry/.test(m) && deps.info(m) });
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
        const found = baseImages(files.map((f) => readSourceFile(f, 'FILE')), Object.fromEntries(parseKeyValues('--build-arg', buildArgs)));
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
        registryAuth: inputs_parseRegistryAuth((env.MIRROR_REGISTRY_AUTH ?? '').split(/\r?\n/))
    });
    const run = await runMirror(inputs, { fetch: globalThis.fetch, info: (l) => err(l + '\n'), warn: (l) => err(`warning: ${l}\n`), now: () => performance.now() });
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
