export const id = 394;
export const ids = [394];
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

/***/ 2394:
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
    write(`::${name}::${escapeData(message)}${external_node_os_.EOL}`);
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
    return `${head}: copied ${p} platform${p === 1 ? '' : 's'} (${plan_short(r.digest)}), ${r.blobsCopied} blob${r.blobsCopied === 1 ? '' : 's'} uploaded, ${r.blobsMounted} mounted, ${r.blobsPresent} already there, ${formatBytes(r.bytes)} in ${formatMs(r.ms)}`;
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
function platformString(p) {
    if (!p)
        return 'unknown/unknown';
    return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
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
function httpError(f) {
    const { code, message } = parseErrorBody(f.body);
    const codeText = code ? ` ${code}` : '';
    const msgText = message ? `: ${message}` : '';
    const repoText = f.repository ? ` (repository '${f.repository}')` : '';
    const mk = (kind, detail, fix) => new RegistryRequestError(f.registry, detail, fix, kind, f.repository, f.status, code, f.retryAfter);
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

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(6466);
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
        return new RegistryRequestError(this.o.registry, `the ${what} is larger than ${transport_formatBytes(cap)} (${seen}; ${spec.method} ${describe(spec.path)}); stopped reading`, `A registry does not serve a ${what} this large; check the registry address and the repository, or whether a proxy in front of the registry answers instead`, 'protocol', spec.repository);
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
function transport_formatBytes(n) {
    if (n >= 1024 * 1024 * 1024)
        return `${(n / 1024 ** 3).toFixed(1)} GiB`;
    if (n >= 1024 * 1024)
        return `${Math.round(n / 1024 ** 2)} MiB`;
    if (n >= 1024)
        return `${Math.round(n / 1024)} KiB`;
    return `${n} B`;
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

// EXTERNAL MODULE: external "node:fs/promises"
var external_node_fs_promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/adapters/registry/digest.ts
/**
 * Hashing for the digest rule of src/core/oci.ts: the digest we report is always the one we
 * computed over the bytes we hold (or streamed), in the algorithm the expected digest names.
 */


function digestOf(data, algorithm = 'sha256') {
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
    const spec = {
        method: 'PUT',
        path: withDigest(location, src.digest),
        op: 'push',
        repository,
        actions: ['pull', 'push'],
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(src.size) },
        body,
        retry: false,
        bodyWhat: 'upload answer'
    };
    const res = await s.send(spec);
    if (res.status !== 201 && res.status !== 204)
        throw s.fail(spec, res);
    finish(s, spec, src, d, res);
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
        const status = await uploadStatus(s, repository, location);
        if (status === undefined || status.offset < offset || status.offset > end) {
            throw new ResumeImpossible(s.registry, repository, `the upload cannot resume at ${offset} (${status === undefined ? 'the registry lost it' : `it reports ${status.offset}`}): ${failure.message}`);
        }
        s.log(`upload of ${src.digest} to ${repository} resumes at byte ${status.offset} of ${src.size} (reported by the registry) after: ${failure.message}`);
        hash = status.offset === offset ? before : await rehash(before, src, offset, status.offset);
        offset = status.offset;
        location = status.location;
    }
    const spec = {
        method: 'PUT',
        path: withDigest(location, src.digest),
        op: 'push',
        repository,
        actions: ['pull', 'push'],
        headers: { 'content-type': 'application/octet-stream', 'content-length': '0' },
        retry: false,
        bodyWhat: 'upload answer'
    };
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
    const ours = bytes && alg !== digestAlgorithm(expected) ? digestOf(bytes, alg) : expected;
    if (header !== ours)
        throw s.protocolError(spec, `the registry says the digest is ${header}, but the content is ${ours}`);
}
async function getManifest(s, repository, ref, accept = ALL_MANIFEST_TYPES) {
    const spec = manifestRead('GET', repository, ref, accept);
    const res = await s.send(spec);
    if (res.status !== 200)
        throw s.fail(spec, res);
    const computed = digestOf(res.body, algorithmFor(ref));
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
    const digest = digestOf(bytes, algorithmFor(ref));
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
        const mask = opts.onSecret ?? ((secret) => (process.env.GITHUB_ACTIONS === 'true' ? setSecret(secret) : undefined));
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
        const digest = digestOf(data);
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
                        const r = await dst.client.pushBlob(dst.repository, registryBlobSource(src.client, src.repository, digest, size), { mountFrom: from });
                        if (!known.has(key))
                            known.set(key, dst.repository);
                        return r.status;
                    }
                    catch (e) {
                        // A source connection dropped mid-blob surfaces as a stream error inside the upload:
                        // start the copy again (bounded); answers that will not change (auth, 404, …) are final.
                        const final = e instanceof RegistryRequestError && !['network', 'timeout', 'unavailable'].includes(e.kind);
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
    const copier = o.copier ?? streamingBlobCopier();
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
                throw e instanceof RegistryRequestError && e.kind === 'not-found' ? notFound(item) : e;
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
            c = new RegistryClient({ registry, credentials, insecureHttp: isLoopbackRegistry(registry), fetch: deps.fetch, maxConcurrentBlobs: inputs.concurrency * 2, ...deps.clientOptions, log: (m) => /retry/.test(m) && deps.info(m) });
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
