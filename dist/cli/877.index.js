export const id = 877;
export const ids = [877];
export const modules = {

/***/ 877:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PROMOTE_HELP: () => (/* binding */ PROMOTE_HELP),
  promoteCli: () => (/* binding */ promoteCli)
});

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(975);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(24);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(161);
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
    write(`::${name}::${escapeData(message)}${external_node_os_.EOL}`);
}
/** A log line; any text is safe here (see neutraliseCommands). */
const info = (message) => write(neutraliseCommands(message) + external_node_os_.EOL);
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
        (0,external_node_fs_.appendFileSync)(path, markdown, 'utf8');
}

// EXTERNAL MODULE: ./node_modules/semver/functions/parse.js
var parse = __webpack_require__(353);
var parse_default = /*#__PURE__*/__webpack_require__.n(parse);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(296);
// EXTERNAL MODULE: ./src/core/plan.ts + 8 modules
var core_plan = __webpack_require__(508);
// EXTERNAL MODULE: ./src/core/targets.ts
var core_targets = __webpack_require__(277);
;// CONCATENATED MODULE: ./src/core/platform.ts
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
function platform_parsePlatforms(value, input = 'platforms') {
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
function platform_platformSlug(p) {
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
function inputs_getList(name) {
    const value = getInput(name);
    return value === '' ? [] : value.split(/\r?\n/);
}
function getOr(name, fallback) {
    return getInput(name) || fallback;
}
function inputs_getChoice(name, choices, fallback) {
    const value = getOr(name, fallback);
    if (!choices.includes(value))
        throw new errors/* InputError */.dz(name, value, `expected one of ${choices.join(', ')}`);
    return value;
}
function readPlanInputs() {
    return {
        images: inputs_getList('images'),
        registry: inputs_getList('registry'),
        imageName: getInput('image-name'),
        component: getInput('component'),
        registryType: (0,core_targets/* registryType */.OB)('registry-type', getOr('registry-type', 'auto')),
        acrNamespace: getOr('acr-namespace', core_plan/* DEFAULT_PLAN_INPUTS */.SG.acrNamespace),
        acrRepository: getOr('acr-repository', core_plan/* DEFAULT_PLAN_INPUTS */.SG.acrRepository),
        tags: inputs_getList('tags'),
        flavor: inputs_getList('flavor'),
        labels: inputs_getList('labels'),
        annotations: inputs_getList('annotations'),
        latest: inputs_getChoice('latest', core_plan/* LATEST_POLICIES */.jp, 'auto'),
        compat: inputs_getChoice('compat', core_plan/* COMPAT_MODES */._6, 'aim')
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
        armStrategy: inputs_getChoice('arm-strategy', ['auto', 'native', 'qemu'], 'auto'),
        amd64Runner: getOr('amd64-runner', 'ubuntu-24.04'),
        arm64Runner: getOr('arm64-runner', 'ubuntu-24.04-arm'),
        privateRepository
    };
}
const MATRIX_INPUT_NAMES = (/* unused pure expression or super */ null && (['platforms', 'arm-strategy', 'amd64-runner', 'arm64-runner']));
/** The `meta` sub-action's `push` input: the same choice as the full action's, for its `push` output. */
function readPushMode() {
    return inputs_getChoice('push', PUSH_MODES, 'auto');
}
const PUSH_INPUT_NAMES = (/* unused pure expression or super */ null && (['push']));

// EXTERNAL MODULE: ./src/core/reference.ts
var reference = __webpack_require__(378);
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
function inputs_parseKeyValues(input, lines, keyRe = /^[A-Za-z_][A-Za-z0-9_.-]*$/) {
    const out = new Map();
    for (const { text, line } of meaningfulLines(lines)) {
        const eq = text.indexOf('=');
        const key = eq < 0 ? text : text.slice(0, eq).trim();
        if (eq <= 0 || !keyRe.test(key))
            throw new InputError(input, text, 'expected NAME=value, one per line', line);
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
function inputs_parseSecretValues(lines) {
    return meaningfulLines(lines).map(({ text, line }) => {
        const id = secretId('secrets', text, line);
        const value = text.slice(text.indexOf('=') + 1);
        if (value === '')
            throw new InputError('secrets', `${id}=`, 'the secret value is empty (is the GitHub secret set and passed to this job?)', line);
        return { id, kind: 'value', value };
    });
}
/** `secret-files`: `id=path` lines. */
function inputs_parseSecretFiles(lines) {
    return meaningfulLines(lines).map(({ text, line }) => {
        const id = secretId('secret-files', text, line);
        const path = text.slice(text.indexOf('=') + 1).trim();
        if (path === '')
            throw new InputError('secret-files', `${id}=`, 'expected id=path to a file', line);
        return { id, kind: 'file', path };
    });
}
/** All secrets, ids unique across both inputs. */
function inputs_mergeSecrets(values, files) {
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
function inputs_parseBool(input, value, fallback) {
    const v = value.trim().toLowerCase();
    if (v === '')
        return fallback;
    if (v === 'true')
        return true;
    if (v === 'false')
        return false;
    throw new errors/* InputError */.dz(input, value, 'expected true or false');
}

;// CONCATENATED MODULE: ./src/adapters/github/inputs-build.ts
/**
 * The only place that reads the build inputs. Every password, token and secret value is masked
 * (`::add-mask::`) the moment it is read, before anything can print it.
 */





function mask(value) {
    if (value === '')
        return;
    setSecret(value);
    for (const line of value.split(/\r?\n/))
        if (line.trim().length > 3 && line !== value)
            setSecret(line);
}
/** The credential inputs every pushing step shares (build, merge), masked the moment they are read. */
function readCredentialInputs() {
    const password = getInput('password');
    const githubToken = getInput('github-token');
    mask(password);
    mask(githubToken);
    const registryAuth = parseRegistryAuth(maskedLines('registry-auth'));
    for (const e of registryAuth)
        mask(e.password);
    return { username: getInput('username'), password, registryAuth, githubToken };
}
function maskedLines(name) {
    const lines = inputs_getList(name);
    // mask the value part of every line at once (ids stay readable)
    for (const l of lines) {
        const eq = l.indexOf('=');
        if (eq > 0)
            mask(l.slice(eq + 1));
    }
    return lines;
}
function readBuildInputs() {
    const credentials = readCredentialInputs();
    const secretLines = maskedLines('secrets');
    return {
        platforms: parsePlatforms(core.getInput('platforms') || DEFAULT_PLATFORMS.join(',')),
        push: getChoice('push', PUSH_MODES, 'auto'),
        pushByDigest: parseBool('push-by-digest', core.getInput('push-by-digest'), false),
        builder: getChoice('builder', BUILDER_REQUESTS, 'auto'),
        builderName: core.getInput('builder-name'),
        builderEndpoint: core.getInput('builder-endpoint'),
        context: core.getInput('context') || '.',
        file: core.getInput('file'),
        target: core.getInput('target'),
        buildArgs: parseKeyValues('build-args', getList('build-args')),
        secrets: mergeSecrets(parseSecretValues(secretLines), parseSecretFiles(getList('secret-files'))),
        buildContexts: parseKeyValues('build-contexts', getList('build-contexts'), /^[A-Za-z0-9_][A-Za-z0-9_.:/-]*$/),
        cache: getChoice('cache', CACHE_MODES, 'auto'),
        cacheRef: core.getInput('cache-ref'),
        cacheFrom: getList('cache-from').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')),
        cacheTo: getList('cache-to').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')),
        provenance: core.getInput('provenance'),
        sbom: core.getInput('sbom'),
        noCache: parseBool('no-cache', core.getInput('no-cache'), false),
        pull: parseBool('pull', core.getInput('pull'), false),
        ...credentials
    };
}
/** Names of the inputs read above; a test keeps action.yml in step with them. */
const CREDENTIAL_INPUT_NAMES = (/* unused pure expression or super */ null && (['username', 'password', 'registry-auth', 'github-token']));
const BUILD_INPUT_NAMES = (/* unused pure expression or super */ null && ([
    'platforms', 'push', 'push-by-digest', 'builder', 'builder-name', 'builder-endpoint', 'context', 'file', 'target', 'build-args',
    'secrets', 'secret-files', 'build-contexts', 'cache', 'cache-ref', 'cache-from', 'cache-to', 'provenance', 'sbom',
    'no-cache', 'pull', 'username', 'password', 'registry-auth', 'github-token'
]));

// EXTERNAL MODULE: ./src/adapters/github/context.ts
var context = __webpack_require__(589);
// EXTERNAL MODULE: ./src/adapters/template-compiler.ts
var template_compiler = __webpack_require__(200);
;// CONCATENATED MODULE: ./src/adapters/concurrency.ts
/** Runs `fn` over `items` with at most `limit` in flight; results keep the input order. */
async function concurrency_mapLimit(items, limit, fn) {
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

;// CONCATENATED MODULE: ./src/adapters/registry/copy-image.ts
async function copyImage(from, to, digest, stats = { manifests: 0, blobs: 0, bytes: 0 }) {
    const manifest = await from.client.getManifest(from.repository, digest);
    if (manifest.digest !== digest)
        throw new Error(`${from.client.registry}/${from.repository}@${digest}: the registry served a manifest with digest ${manifest.digest}`);
    const doc = JSON.parse(manifest.body);
    for (const child of doc.manifests ?? []) {
        if (!(await to.client.headManifest(to.repository, child.digest)))
            await copyImage(from, to, child.digest, stats);
    }
    for (const blob of [...(doc.config ? [doc.config] : []), ...(doc.layers ?? [])]) {
        if (await to.client.hasBlob(to.repository, blob.digest))
            continue;
        const data = await from.client.getBlob(from.repository, blob.digest);
        const up = await to.client.uploadBlob(to.repository, data);
        if (up.digest !== blob.digest)
            throw new Error(`${from.client.registry}/${from.repository}: blob ${blob.digest} arrived as ${up.digest}`);
        stats.blobs++;
        stats.bytes += data.length;
    }
    await to.client.putManifest(to.repository, digest, manifest.body, manifest.mediaType);
    stats.manifests++;
    return stats;
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
class errors_RegistryRequestError extends errors/* RegistryError */.gl {
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
    return f.registryKind ?? (0,core_targets/* detectKind */.i_)(f.registry, 'auto');
}
/**
 * The same push-preflight error with the advice for `kind` — for a registry whose kind the host
 * name does not show (ACR behind a custom domain with `registry-type=acr`, GHCR on GitHub
 * Enterprise Server).
 */
function errors_withRegistryKind(e, kind, username) {
    if (kind === kindOf({ registry: e.registry }) || (e.kind !== 'auth' && e.kind !== 'denied'))
        return e;
    if (e.kind === 'denied' && !/^access denied: cannot push/.test(e.detail))
        return e;
    const problem = e.kind === 'denied' ? 'denied' : /^authentication required/.test(e.detail) ? 'missing' : 'rejected';
    const fix = credentialAdvice(kind, problem, { registry: e.registry, op: 'push to', username });
    return new errors_RegistryRequestError(e.registry, e.detail, fix, e.kind, e.repository, e.status, e.code);
}
function httpError(f) {
    const { code, message } = parseErrorBody(f.body);
    const codeText = code ? ` ${code}` : '';
    const msgText = message ? `: ${message}` : '';
    const repoText = f.repository ? ` (repository '${f.repository}')` : '';
    const mk = (kind, detail, fix) => new errors_RegistryRequestError(f.registry, detail, fix, kind, f.repository, f.status, code);
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
    const mk = (kind, detail, fix) => new errors_RegistryRequestError(registry, detail, fix, kind, repository);
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
                if (!(e instanceof errors_RegistryRequestError))
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
        return new errors_RegistryRequestError(this.registry, `${detail} (${spec.method} ${describe(spec.path)})`, 'This registry answered in a way this action does not understand; report it with the log', 'protocol', spec.repository);
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
    if (!(e instanceof errors_RegistryRequestError))
        return false;
    if (e.status !== undefined)
        return e.status === 429 || (e.status >= 500 && e.status !== 501);
    return isRetryableNetworkError(e);
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(760);
// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 3 modules
var exec = __webpack_require__(260);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(421);
;// CONCATENATED MODULE: ./src/core/build/builder-env.ts
/**
 * The environment a builder process (buildah, buildx, docker, and their logins) gets: built by
 * ALLOW-LIST, never by copying the runner's, like the scanner's (../scan/scanner-env.ts).
 *
 * The runner hands this action its inputs as `INPUT_*` variables: `INPUT_PASSWORD`,
 * `INPUT_REGISTRY-AUTH`, `INPUT_SECRETS`, `INPUT_GITHUB-TOKEN`, … A builder needs none of them
 * (logins go through `--password-stdin` into a job-private file, build secrets through 0600 files
 * or one named variable per secret that the step adds itself), and a build tool, its plugins or a
 * credential helper it launches should not find them. Neither does it get GITHUB_TOKEN or the
 * runner's other variables. What a builder does need passes: the tool's own settings (BUILDAH_*,
 * BUILDX_*, BUILDKIT_*, DOCKER_*, CONTAINERS_*, STORAGE_*), where it keeps state (HOME, XDG_*,
 * DOCKER_CONFIG, REGISTRY_AUTH_FILE), locale, proxies and CA files, SOURCE_DATE_EPOCH, and the
 * Actions cache service that buildx's `type=gha` cache reads from the environment.
 */

/** Passed through when set. */
const BUILDER_ENV_ALLOW = (/* unused pure expression or super */ null && ([
    'PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'TERM', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR',
    'SSL_CERT_FILE', 'SSL_CERT_DIR',
    'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'all_proxy',
    'XDG_RUNTIME_DIR', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_CONFIG_DIRS', 'XDG_DATA_DIRS',
    'REGISTRY_AUTH_FILE', 'SOURCE_DATE_EPOCH', 'CI', 'GITHUB_ACTIONS',
    // buildx `type=gha` cache: the runner's cache service (not an input of ours)
    'ACTIONS_CACHE_URL', 'ACTIONS_RESULTS_URL', 'ACTIONS_RUNTIME_TOKEN', 'ACTIONS_CACHE_SERVICE_V2'
]));
/** Tool settings, by prefix; a name that looks like a secret (DOCKER_PASSWORD, …) is still dropped. */
const BUILDER_ENV_PREFIXES = (/* unused pure expression or super */ null && (['BUILDAH_', 'BUILDX_', 'BUILDKIT_', 'DOCKER_', 'CONTAINERS_', 'STORAGE_', 'PODMAN_', 'QEMU_']));
/** Runner-provided names allowed although they look like secrets (the Actions cache token). */
const ALLOWED_SECRET_NAMES = new Set(['ACTIONS_RUNTIME_TOKEN']);
function builderEnvAllowed(name) {
    if (name.startsWith('INPUT_'))
        return false;
    const listed = BUILDER_ENV_ALLOW.includes(name) || BUILDER_ENV_PREFIXES.some((p) => name.startsWith(p));
    return listed && (!SECRET_ENV_NAME.test(name) || ALLOWED_SECRET_NAMES.has(name));
}
/**
 * The runner's allow-listed variables plus `extra`: what the step sets for this one process
 * (DOCKER_CONFIG / REGISTRY_AUTH_FILE of the job, `AIM_BUILD_SECRET_n` for a buildx secret,
 * tool switches), which always passes.
 */
function builder_env_builderEnvironment(source, extra = {}) {
    const env = {};
    for (const [name, value] of Object.entries(source))
        if (value !== undefined && builderEnvAllowed(name))
            env[name] = value;
    return { ...env, ...extra };
}

;// CONCATENATED MODULE: ./src/adapters/exec.ts
/**
 * THE subprocess seam: every buildx / buildah / docker call goes through `execTool`.
 *  - argv is debug-logged (`::debug::exec …`); stdin (`input`, where passwords go) never is;
 *  - the exit code is returned, not thrown (`ignoreReturnCode`); a missing tool is exit 127;
 *  - with `stream`, output lines are echoed to the log (neutralised by `info`) between
 *    `::stop-commands::` markers, so a build step that prints `::set-output …` or `::add-mask::`
 *    cannot drive the runner;
 *  - observers (tests) see every call: tool, argv, env names and whether stdin was used;
 *  - the child's environment is allow-listed (core/build/builder-env.ts): no INPUT_*, no GITHUB_TOKEN.
 */







const observers = new Set();
/** Tests: see every call at the seam. Returns the unsubscribe function. */
function observeExec(fn) {
    observers.add(fn);
    return () => void observers.delete(fn);
}
/** Builder processes get an allow-listed environment: never our INPUT_* (passwords, tokens, secrets) or GITHUB_TOKEN. */
function childEnv(extra) {
    return builderEnvironment(process.env, extra);
}
async function exec_execTool(tool, args, opts = {}) {
    const record = { tool, args: [...args], envNames: Object.keys(opts.env ?? {}), stdin: opts.input !== undefined };
    for (const o of observers)
        o(record);
    core.debug(`exec ${JSON.stringify([tool, ...args])}${record.envNames.length ? ` env+${record.envNames.join(',')}` : ''}${record.stdin ? ' (stdin)' : ''}`);
    const started = Date.now();
    const token = opts.stream ? `aim-build-${randomUUID()}` : '';
    if (opts.stream) {
        core.info(`[command]${[tool, ...args].join(' ')}`);
        core.stopCommands(token);
    }
    try {
        const out = await getExecOutput(tool, args, {
            ignoreReturnCode: true,
            silent: true,
            input: opts.input === undefined ? undefined : Buffer.from(opts.input, 'utf8'),
            env: childEnv(opts.env),
            cwd: opts.cwd,
            listeners: opts.stream ? { stdline: (l) => core.info(l), errline: (l) => core.info(l) } : undefined
        });
        return { ...out, ms: Date.now() - started };
    }
    catch (e) {
        // @actions/exec throws when the executable is not on PATH
        return { exitCode: 127, stdout: '', stderr: e.message, ms: Date.now() - started };
    }
    finally {
        if (opts.stream)
            core.resumeCommands(token);
    }
}
/** The last lines of stderr (or stdout), for error messages. */
function exec_tail(r, lines = 15) {
    const text = (r.stderr.trim() || r.stdout.trim()).split(/\r?\n/);
    return text.slice(-lines).join('\n');
}
/** Runs and throws a ToolError (exit code, stderr tail, fix) on a non-zero exit. */
async function execChecked(tool, args, opts = {}) {
    const r = await exec_execTool(tool, args, opts);
    if (r.exitCode !== 0)
        throw new ToolError(opts.name ?? `${tool} ${args[0] ?? ''}`.trim(), r.exitCode, exec_tail(r), opts.fix);
    return r;
}
const OUTPUT_CAP = (/* unused pure expression or super */ null && (64 * 1024));
/**
 * Starts a process in its own process group and does not wait for it (a container's main process,
 * a check with a deadline). Same seam rules as execTool: observed, argv debug-logged, allow-listed
 * environment. With `timeoutMs` it is stopped at the deadline and `timedOut` is set.
 */
function startTool(tool, args, opts = {}) {
    const record = { tool, args: [...args], envNames: Object.keys(opts.env ?? {}), stdin: false };
    for (const o of observers)
        o(record);
    core.debug(`exec ${JSON.stringify([tool, ...args])}${record.envNames.length ? ` env+${record.envNames.join(',')}` : ''} (background)`);
    const started = Date.now();
    const child = spawn(tool, args, { env: childEnv(opts.env), cwd: opts.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let exited = false;
    const keep = (s, c) => (s + c.toString('utf8')).slice(-OUTPUT_CAP);
    child.stdout.on('data', (c) => (stdout = keep(stdout, c)));
    child.stderr.on('data', (c) => (stderr = keep(stderr, c)));
    const signal = (sig) => {
        if (exited || child.pid === undefined)
            return;
        try {
            process.kill(-child.pid, sig);
        }
        catch {
            /* already gone */
        }
    };
    const stop = () => {
        signal('SIGTERM');
        setTimeout(() => signal('SIGKILL'), 2000).unref();
    };
    const timer = opts.timeoutMs !== undefined ? setTimeout(() => ((timedOut = true), stop()), opts.timeoutMs) : undefined;
    const done = new Promise((resolve) => {
        child.on('error', (e) => {
            exited = true;
            if (timer)
                clearTimeout(timer);
            resolve({ exitCode: 127, stdout, stderr: e.message, ms: Date.now() - started, timedOut });
        });
        child.on('close', (codeNum, sig) => {
            exited = true;
            if (timer)
                clearTimeout(timer);
            resolve({ exitCode: codeNum ?? (sig ? 128 + (osConstants.signals[sig] ?? 0) : 1), stdout, stderr, ms: Date.now() - started, timedOut });
        });
    });
    return { done, stop };
}

;// CONCATENATED MODULE: ./src/adapters/registry/login.ts
/**
 * Registry logins for the builder (it pulls base images and reads/writes registry caches; the
 * push itself is ours), into a JOB-PRIVATE directory under RUNNER_TEMP (0700):
 *  - buildah: `buildah login --authfile <dir>/auth.json --password-stdin` → REGISTRY_AUTH_FILE;
 *  - buildx / docker: `docker login --password-stdin` with DOCKER_CONFIG=<dir>/docker, a copy of
 *    the runner's config without its credential store, so the runner's own credentials (e.g. the
 *    Docker Hub login of GitHub-hosted runners) are read but never overwritten. cli-plugins,
 *    contexts and buildx state are linked so `docker buildx` finds its plugin and builders.
 * The password only ever goes to stdin. "Logout" is deleting the directory (main step's finally,
 * and the post step for a cancelled job).
 */








/** `<RUNNER_TEMP>/aim-build-<uuid>`, mode 0700. */
async function createJobDir(runnerTemp) {
    const dir = join(runnerTemp || tmpdir(), `aim-build-${randomUUID()}`);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
    const authFile = join(dir, 'auth.json');
    // buildah refuses a REGISTRY_AUTH_FILE that does not exist; start with no logins
    await writeFile(authFile, '{"auths":{}}\n', { mode: 0o600 });
    return { dir, authFile, dockerConfig: join(dir, 'docker') };
}
/** Best effort; used by the main step's finally and the post step. */
async function removeJobDir(dir) {
    if (!dir || !/aim-build-[0-9a-f-]{36}$/.test(dir))
        return; // only ever a directory this action created
    await rm(dir, { recursive: true, force: true });
}
/** The job-private DOCKER_CONFIG: the runner's config.json minus credential stores, links to plugins/contexts/buildx. */
async function prepareDockerConfig(job, original = process.env.DOCKER_CONFIG || join(homedir(), '.docker')) {
    await mkdir(job.dockerConfig, { recursive: true, mode: 0o700 });
    let config = {};
    try {
        config = JSON.parse(await readFile(join(original, 'config.json'), 'utf8'));
    }
    catch {
        /* no config yet */
    }
    delete config.credsStore;
    delete config.credHelpers;
    await writeFile(join(job.dockerConfig, 'config.json'), JSON.stringify(config, null, 2), { mode: 0o600 });
    await mkdir(join(original, 'buildx'), { recursive: true }).catch(() => undefined);
    for (const sub of ['cli-plugins', 'contexts', 'buildx']) {
        if (existsSync(join(original, sub)))
            await symlink(join(original, sub), join(job.dockerConfig, sub)).catch(() => undefined);
    }
}
/** Environment that points a builder at the job-private credentials. */
function builderAuthEnv(builder, job) {
    return builder === 'buildah' ? { REGISTRY_AUTH_FILE: job.authFile } : { DOCKER_CONFIG: job.dockerConfig };
}
/**
 * An identity token (docker's `identitytoken`, a credential helper's `<token>` user) cannot go
 * through `login --password-stdin`: it is written as an `auths` entry into the JOB-PRIVATE file
 * (0600), where buildah (containers/image) and docker read it the same way.
 */
async function writeIdentityToken(builder, login, job) {
    const file = builder === 'buildah' ? job.authFile : join(job.dockerConfig, 'config.json');
    if (builder !== 'buildah')
        await mkdir(job.dockerConfig, { recursive: true, mode: 0o700 });
    let config = {};
    try {
        config = JSON.parse(await readFile(file, 'utf8'));
    }
    catch {
        /* new file */
    }
    const hub = ['docker.io', 'index.docker.io', 'registry-1.docker.io'].includes(login.registry);
    const key = hub ? (builder === 'buildah' ? 'docker.io' : 'https://index.docker.io/v1/') : login.registry;
    const user = login.username === '<token>' ? '' : login.username;
    config.auths = { ...(config.auths ?? {}), [key]: { auth: Buffer.from(`${user}:`, 'utf8').toString('base64'), identitytoken: login.password } };
    await writeFile(file, JSON.stringify(config, null, 2), { mode: 0o600 });
    await chmod(file, 0o600);
}
/** One login with the builder's own tool; the password goes to stdin only. */
async function login_toolLogin(builder, login, job) {
    if (login.identityToken)
        return writeIdentityToken(builder, login, job);
    const loopback = isLoopbackRegistry(login.registry);
    const r = builder === 'buildah'
        ? await execTool('buildah', ['login', '--authfile', job.authFile, '--username', login.username, '--password-stdin', ...(loopback ? ['--tls-verify=false'] : []), login.registry], {
            input: `${login.password}\n`
        })
        : await execTool('docker', ['login', '--username', login.username, '--password-stdin', login.registry], { input: login.password, env: { DOCKER_CONFIG: job.dockerConfig } });
    if (r.exitCode !== 0) {
        const tool = builder === 'buildah' ? 'buildah login' : 'docker login';
        const tls = /x509|certificate/i.test(r.stderr)
            ? `; the registry's certificate is not trusted by ${tool.split(' ')[0]}: put its CA in ${builder === 'buildah' ? '/etc/containers/certs.d' : '/etc/docker/certs.d'}/${login.registry}/ca.crt`
            : '';
        const fix = login.fix ? `The credentials came from ${login.source}: ${login.fix}` : 'Check the credentials for this registry';
        throw new RegistryError(login.registry, `${tool} as '${login.username}' (${login.source}) failed: ${tail(r, 3)}`, `${fix}${tls}`);
    }
}

;// CONCATENATED MODULE: ./src/adapters/registry/credential-sources.ts
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
    const files = [{ path: (0,external_node_path_.join)(env.DOCKER_CONFIG || (0,external_node_path_.join)(home, '.docker'), 'config.json'), kind: 'docker' }];
    if (env.REGISTRY_AUTH_FILE)
        files.push({ path: env.REGISTRY_AUTH_FILE, kind: 'containers' });
    else
        files.push({ path: env.XDG_RUNTIME_DIR ? (0,external_node_path_.join)(env.XDG_RUNTIME_DIR, 'containers', 'auth.json') : `/run/containers/${uid}/auth.json`, kind: 'containers' });
    files.push({ path: (0,external_node_path_.join)(env.XDG_CONFIG_HOME || (0,external_node_path_.join)(home, '.config'), 'containers', 'auth.json'), kind: 'containers' });
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
        const s = await (0,promises_.stat)(file.path);
        if (!s.isFile())
            return undefined;
        if (s.size > MAX_FILE_BYTES) {
            deps.warn(`${file.path} is larger than 4 MiB; its logins are not read`);
            return undefined;
        }
        const parsed = JSON.parse(await (0,promises_.readFile)(file.path, 'utf8'));
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
        const child = (0,external_node_child_process_.spawn)(program, ['get'], { env: helperEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
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
function credential_sources_describe(file) {
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
    return { registry, ...found, source: `${credential_sources_describe(file)} (auths[${quote(key)}])`, fix: `the stored login in ${file.path} is out of date: ${loginCommand(file, registry)}, ${PRECEDENCE_FIX}` };
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

;// CONCATENATED MODULE: ./src/core/build/credentials.ts
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
function credentials_anonymousRegistries(targets, logins) {
    return [...new Set(targets.map((t) => t.registry))].filter((r) => !logins.some((l) => l.registry === r));
}
/** Hosts on the loopback interface speak plain HTTP (as docker assumes for 127.0.0.0/8). */
function credentials_isLoopbackRegistry(registry) {
    return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(registry);
}

;// CONCATENATED MODULE: ./src/steps/build-registries.ts
/**
 * Registries for the build step: credentials per registry, one client each, the push preflight
 * (every target, in parallel, before anything is built) and the builder's own logins.
 */









/** The runner's stored logins (docker config, credential helpers, containers auth.json), masked as found. */
function runnerStoredLogins(env) {
    return (registries) => findStoredLogins(registries, { env, home: env.HOME || (0,external_node_os_.homedir)(), uid: process.getuid?.() ?? 0 }, { mask: setSecret, warn: warning, debug: debug });
}
/**
 * Credentials per registry (see core/build/credentials.ts for the order). Stored logins are looked
 * up only for registries our inputs leave open. The log names each registry's source, never a value.
 */
async function registryLogins(targets, inputs, env, lookup = runnerStoredLogins(env)) {
    const open = registriesForStoredLogins(targets, inputs);
    const stored = open.length > 0 ? await lookup(open) : [];
    const logins = resolveLogins(targets, inputs, env.GITHUB_ACTOR ?? '', stored);
    for (const l of logins)
        info(`${l.registry}: credentials from ${l.source}${l.origin === 'stored' ? ' (a login this runner already had)' : ''}`);
    return logins;
}
/** One client per registry host, with its credentials; loopback registries over plain HTTP. */
function registryClients(logins, options = {}) {
    const clients = new Map();
    return (registry) => {
        let c = clients.get(registry);
        if (!c) {
            const login = logins.find((l) => l.registry === registry);
            c = new RegistryClient({
                registry,
                insecureHttp: credentials_isLoopbackRegistry(registry),
                credentials: login ? { username: login.username, password: login.password } : undefined,
                log: debug,
                userAgent: 'aim-build',
                ...options
            });
            clients.set(registry, c);
        }
        return c;
    };
}
class PreflightError extends Error {
    constructor(message) {
        super(message);
        this.name = 'PreflightError';
    }
}
/**
 * Push permission for every target repository: a blob upload is started and cancelled (nothing
 * is left behind). All denials are reported together, in seconds, before the build starts.
 */
async function preflight(targets, logins, clientFor) {
    const unique = targets.filter((t, i) => targets.findIndex((u) => u.registry === t.registry && u.repository === t.repository) === i);
    for (const registry of anonymousRegistries(targets, logins)) {
        core.info(`${registry}: no credentials (no registry-auth line, username/password, stored docker/containers login, or github-token for GHCR); trying anonymously`);
    }
    const started = Date.now();
    const results = await mapLimit(unique, 4, async (t) => {
        try {
            await clientFor(t.registry).checkPushAccess(t.repository);
            return undefined;
        }
        catch (e) {
            const login = logins.find((l) => l.registry === t.registry);
            const err = e instanceof RegistryRequestError && t.kind ? withRegistryKind(e, t.kind, login?.username) : e;
            return `  - ${t.image}: ${errorMessage(err)}${storedLoginNote(err, login)}`;
        }
    });
    const failures = results.filter((r) => r !== undefined);
    if (failures.length > 0) {
        throw new PreflightError(`push preflight failed for ${failures.length} of ${unique.length} target(s) after ${((Date.now() - started) / 1000).toFixed(1)} s; nothing was built or pushed:\n${failures.join('\n')}`);
    }
    core.info(`push preflight: ${unique.length} target repository(ies) accept pushes (${Date.now() - started} ms)`);
}
/** A rejected stored login: say where it came from and how to repair it. */
function storedLoginNote(e, login) {
    if (!login || login.origin !== 'stored' || !(e instanceof RegistryRequestError) || (e.kind !== 'auth' && e.kind !== 'denied'))
        return '';
    return ` The credentials came from ${login.source}: ${login.fix ?? 'log in again'}.`;
}
/**
 * The builder's logins into the job-private config, for base-image pulls and registry caches.
 * When not pushing, a failed login is only a warning (the build may not need it).
 */
async function builderLogins(builder, logins, job, push) {
    for (const login of logins) {
        try {
            await toolLogin(builder, login, job);
            core.info(`${login.registry}: ${builder === 'buildah' ? 'buildah' : 'docker'} login as '${login.username}' (${login.source}) into the job-private config`);
        }
        catch (e) {
            if (push)
                throw e;
            core.warning(`${errorMessage(e)} (not pushing, so the build continues)`);
        }
    }
}

// EXTERNAL MODULE: ./node_modules/semver/functions/gt.js
var gt = __webpack_require__(599);
var gt_default = /*#__PURE__*/__webpack_require__.n(gt);
;// CONCATENATED MODULE: ./src/core/promote.ts
/**
 * Promote / roll back, as data: which tag moves where in each target, by the forward-only rule.
 * Pure: the step reads the registries (current digests, tag lists, the source's annotations) and
 * writes manifests; everything it decides comes from here.
 *
 * Kinds of tag:
 *  - `release`: a full version (`v1.3.0`, `1.3.0`, `backend-v1.3.0` on ACR). Written once: one that
 *    already names another digest is a conflict (fix: a new version, or `overwrite-release-tags`).
 *  - `latest`, `major` (`1`, `v1`), `minor` (`1.3`, `v1.3`): aliases. FORWARD-ONLY: they move to
 *    the promoted version only when no higher stable version of their scope (all, same major, same
 *    major.minor) is already in that target; otherwise they are held back, and the summary says by
 *    which version. An alias named explicitly in `to` (a rollback: `to: latest`) or any alias with
 *    `move-aliases: true` moves anyway, and the summary names the digest it moved from.
 *  - `other`: any other tag (`staging`, `prod`): moves as asked.
 */




/** The annotation on the image index (or single manifest) that records the scan gate's verdict. */
const SCAN_VERDICT_ANNOTATION = 'org.aim-build.scan.verdict';
/** Verdicts that refuse a promotion unless `force`. */
const REFUSED_VERDICTS = {
    blocked: 'the scan gate blocked it',
    warn: 'the scan found blocking findings (pushed only because scan-mode was warn)'
};
const FULL_VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
function stableVersion(name) {
    if (!FULL_VERSION.test(name))
        return undefined;
    const v = parse_default()(name, { loose: true });
    return v && v.prerelease.length === 0 ? v : undefined;
}
/** What kind of tag `name` is, given the promoted version (when it is one) and the latest tag's name. */
function classifyTag(name, version, latestTag) {
    if (name === latestTag)
        return 'latest';
    const bare = name.replace(/^v/, '');
    if (version && /^\d+$/.test(bare) && Number(bare) === version.major)
        return 'major';
    if (version && /^\d+\.\d+$/.test(bare) && bare === `${version.major}.${version.minor}`)
        return 'minor';
    if (FULL_VERSION.test(name))
        return 'release';
    return 'other';
}
/** The highest stable version among `existing` (prefix stripped) in an alias's scope that is above `version`. */
function higherInScope(kind, version, existing) {
    let best;
    for (const name of existing) {
        const v = stableVersion(name);
        if (!v || !gt_default()(v, version))
            continue;
        if (kind === 'major' && v.major !== version.major)
            continue;
        if (kind === 'minor' && (v.major !== version.major || v.minor !== version.minor))
            continue;
        if (!best || gt_default()(v, best))
            best = v;
    }
    return best;
}
/** Forward-only: whether an alias tag moves, and why. Non-aliases always may. */
function aliasMoves(tag, existing, rule) {
    if (tag.kind !== 'latest' && tag.kind !== 'major' && tag.kind !== 'minor')
        return { move: true, reason: tag.kind === 'release' ? 'release tag' : 'as asked' };
    if (!rule.version)
        return { move: true, reason: tag.explicit ? 'named explicitly' : 'as asked' };
    const higher = higherInScope(tag.kind, rule.version, existing);
    if (!higher)
        return { move: true, reason: `${rule.version.version} is the highest ${scopeName(tag.kind, rule.version)}` };
    if (tag.explicit)
        return { move: true, reason: `explicit rollback (${higher.version} is higher)`, higher };
    if (rule.moveAliases)
        return { move: true, reason: `move-aliases: true (${higher.version} is higher)`, higher };
    return { move: false, reason: `held back: ${higher.version} > ${rule.version.version} is already there (forward-only; move-aliases: true or name it in to to roll back)`, higher };
}
function scopeName(kind, v) {
    if (kind === 'major')
        return `${v.major}.x version`;
    if (kind === 'minor')
        return `${v.major}.${v.minor}.x version`;
    return 'stable version';
}
/** Every planned tag of one target: before → after and what happens. */
function decideMoves(tags, state, rule) {
    const existing = state.existing.filter((t) => t.startsWith(state.tagPrefix)).map((t) => t.slice(state.tagPrefix.length));
    return tags.map((t) => {
        const before = state.current[t.tag];
        const base = { ...t, image: state.image, registry: state.registry, before };
        if (before === state.source)
            return { ...base, after: before, action: 'unchanged', reason: 'already there' };
        if (t.kind === 'release' && before !== undefined && !rule.overwriteRelease) {
            return { ...base, after: before, action: 'conflict', reason: `release tag ${t.tag} already names ${before}; release tags are not rewritten: promote to a new version, or set overwrite-release-tags: true` };
        }
        const alias = aliasMoves(t, existing, rule);
        if (!alias.move)
            return { ...base, after: before ?? '', action: 'held', reason: alias.reason };
        return { ...base, after: state.source, action: before === undefined ? 'create' : 'move', reason: alias.reason, ...(alias.higher ? { higher: alias.higher.version } : {}) };
    });
}
/** Why the recorded verdict refuses a promotion, or undefined. */
function verdictRefusal(annotations) {
    const verdict = annotations?.[SCAN_VERDICT_ANNOTATION];
    if (verdict === undefined)
        return undefined;
    return REFUSED_VERDICTS[verdict] ? `${SCAN_VERDICT_ANNOTATION}=${verdict}: ${REFUSED_VERDICTS[verdict]}` : undefined;
}
const promote_short = (d) => (d ? `\`${d.slice(0, 19)}…\`` : '—');
const cell = (s) => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
function promoteMarkdown(r) {
    const title = r.dryRun ? '### Promote (dry run: nothing was written)' : '### Promote';
    const rows = r.moves.map((m) => `| ${cell(m.image)} | \`${cell(m.tag)}\` | ${promote_short(m.before)} | ${m.action === 'held' || m.action === 'conflict' ? promote_short(m.before) : promote_short(m.after)} | ${m.action} | ${cell(m.reason)} |`);
    const copies = r.copies.map((c) => `- ${r.dryRun ? 'would copy' : 'copied'} the image to ${cell(c.image)} from ${cell(c.from)} (registry to registry): ${c.manifests} manifest(s), ${c.blobs} blob(s), ${c.bytes} bytes`);
    return [
        `${title}\n`,
        `Source \`${cell(r.source)}\` → \`${r.digest}\`\n`,
        '| Image | Tag | Before | After | Action | Why |',
        '|---|---|---|---|---|---|',
        ...rows,
        '',
        ...copies,
        ...r.notes.map((n) => `- ${cell(n)}`),
        ''
    ].join('\n');
}
/** `to` lines: at most one full version (it gets the release fan-out), any number of plain tags. */
function parsePromoteTo(lines) {
    const out = { tags: [] };
    lines.forEach((raw, i) => {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            return;
        if (FULL_VERSION.test(line)) {
            if (out.version)
                throw new errors/* InputError */.dz('to', line, `only one version per promotion (already ${out.version}); run promote once per version`, i + 1);
            out.version = line;
            return;
        }
        const problem = (0,reference/* tagProblem */.qH)(line);
        if (problem)
            throw new errors/* InputError */.dz('to', line, `${problem}; give a tag name (latest, staging) or a version (v1.3.0)`, i + 1);
        out.tags.push(line);
    });
    if (!out.version && out.tags.length === 0)
        throw new errors/* InputError */.dz('to', lines.join(' '), 'give the tags to point at the source: a version (v1.3.0, fanned out like a release) and/or tag names (latest, staging)');
    return out;
}
/**
 * The tags one target gets: the version's fan-out as a release build of that tag would produce
 * it (`produced`, prefix stripped, from the tag plan of a `refs/tags/<version>` event), its
 * `latest` (policy `release`/`auto`; the forward-only rule decides), and the explicit tags.
 */
function plannedTags(tagPrefix, produced, latest, explicit, version, latestTag) {
    const tags = new Map();
    const add = (name, isExplicit) => {
        if (tags.get(name)?.explicit)
            return;
        tags.set(name, { tag: `${tagPrefix}${name}`, name, kind: classifyTag(name, version, latestTag), explicit: isExplicit });
    };
    for (const name of produced)
        add(name, false);
    if (latest)
        add(latest, false);
    for (const name of explicit)
        add(name, true);
    return [...tags.values()];
}

;// CONCATENATED MODULE: ./src/steps/promote.ts
/**
 * The `promote` sub-action (and `node dist/cli/index.js promote`): point tags at an image that is
 * already in the registries, without pulling or rebuilding; only manifests move.
 *   inputs → targets (and, for a version, the tag plan of a `refs/tags/<version>` event) →
 *   per target, in parallel: the source's digest, the tag list, each planned tag's current digest →
 *   one digest everywhere (ACR may differ: attestations left out) → targets without it get a
 *   registry-to-registry copy → the recorded scan verdict (refused unless `force`) → the
 *   forward-only rule per tag → conflicts fail before anything is written → (dry-run stops here)
 *   → copies → every tag → each tag read back.
 */














const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;
/** Names of the inputs the promote step reads; a test keeps promote/action.yml in step with it. */
const PROMOTE_INPUT_NAMES = [
    'source', 'to', 'images', 'registry', 'image-name', 'component', 'registry-type', 'acr-namespace', 'acr-repository', 'tags', 'flavor',
    'latest', 'move-aliases', 'overwrite-release-tags', 'force', 'dry-run', 'username', 'password', 'registry-auth', 'github-token'
];
function readPromoteInputs() {
    const credentials = readCredentialInputs();
    const latest = getInput('latest') || 'release';
    const plan = readPlanInputs();
    if (!['release', 'never'].includes(latest))
        throw new errors/* InputError */.dz('latest', latest, 'promote takes release (latest follows the forward-only rule) or never; to roll latest back name it in to:');
    const source = getInput('source');
    if (source === '')
        throw new errors/* InputError */.dz('source', '', 'give the image to promote: a tag in the target repositories (main-abc1234, v1.2.2) or a digest (sha256:…)');
    if (source.startsWith('sha256:') && !DIGEST_RE.test(source))
        throw new errors/* InputError */.dz('source', source, 'a digest is sha256: and 64 lowercase hex characters');
    return {
        plan: { ...plan, latest: latest },
        source,
        to: inputs_getList('to'),
        dryRun: inputs_parseBool('dry-run', getInput('dry-run'), false),
        force: inputs_parseBool('force', getInput('force'), false),
        moveAliases: inputs_parseBool('move-aliases', getInput('move-aliases'), false),
        overwriteRelease: inputs_parseBool('overwrite-release-tags', getInput('overwrite-release-tags'), false),
        credentials
    };
}
/** The targets and, per target, the tags of the promotion (the release fan-out for a version). */
async function planPromotion(inputs, env, now) {
    const to = parsePromoteTo(inputs.to);
    const sourceVersion = inputs.source.startsWith('sha256:') ? undefined : inputs.source;
    const versionText = to.version ?? (sourceVersion && parse_default()(sourceVersion, { loose: true }) && /^v?\d+\.\d+\.\d+$/.test(sourceVersion) ? sourceVersion : undefined);
    const version = versionText ? (parse_default()(versionText, { loose: true }) ?? undefined) : undefined;
    if (to.version) {
        await (0,template_compiler/* prepareTemplates */.Pg)(inputs.plan);
        const plan = (0,core_plan/* planTags */.Vd)(inputs.plan, {
            ctx: { eventName: 'push', ref: `refs/tags/${to.version}`, sha: env.GITHUB_SHA || '0'.repeat(40), repository: env.GITHUB_REPOSITORY || 'local/promote', payload: {}, repo: {} },
            options: (0,context/* readEngineOptions */.FD)(env),
            now
        });
        for (const w of plan.warnings)
            warning(w);
        const latest = plan.latest.pendingRelease || plan.latest.enabled ? plan.latest.tag : undefined;
        return {
            version,
            plans: plan.targets.map((t) => ({
                target: t,
                tags: plannedTags(t.tagPrefix, t.references.map((r) => r.tag.slice(t.tagPrefix.length)), latest, to.tags, version, plan.latest.tag)
            }))
        };
    }
    const naming = { ...inputs.plan };
    const specs = [...(0,core_targets/* parseImagesInput */.M)(inputs.plan.images), ...(0,core_targets/* registrySpecs */.ah)(inputs.plan.registry)];
    if (specs.length === 0)
        throw new errors/* InputError */.dz('images', '', 'give the target repositories (images: or registry: with image-name:)');
    const targets = specs.map((s) => (0,core_targets/* resolveTarget */.u1)(s, naming, warning));
    return { version, plans: targets.map((t) => ({ target: t, tags: plannedTags(t.tagPrefix, [], undefined, to.tags, version, 'latest') })) };
}
async function observe(tp, source, clientFor) {
    const { target } = tp;
    const client = clientFor(target.registry);
    const ref = source.startsWith('sha256:') ? source : `${target.tagPrefix}${source}`;
    try {
        const [head, existing] = await Promise.all([client.headManifest(target.repository, ref), client.listTags(target.repository)]);
        const current = {};
        await concurrency_mapLimit(tp.tags, 4, async (t) => void (current[t.tag] = (await client.headManifest(target.repository, t.tag))?.digest));
        return { tp, digest: head?.digest, existing, current };
    }
    catch (e) {
        throw new Error(`${target.image}: could not read the repository (${(0,errors/* errorMessage */.gJ)(e)}); check the credentials for ${target.registry}`, { cause: e });
    }
}
function annotationsOf(body, where) {
    try {
        const doc = JSON.parse(body);
        const a = doc.annotations;
        return a && typeof a === 'object' && !Array.isArray(a) ? a : undefined;
    }
    catch (e) {
        throw new Error(`${where}: the registry served a manifest that is not JSON; nothing was written`, { cause: e });
    }
}
/**
 * An alias moved backwards (explicit rollback, move-aliases) says what it moved from: the highest
 * stable version tag in that target is read (one HEAD) and named when it is what the alias named.
 */
async function nameRollbacks(moves, observed, source, clientFor) {
    for (const m of moves.filter((x) => x.action === 'move' && x.higher && x.before)) {
        const o = observed.find((x) => x.tp.target.image === m.image);
        if (!o)
            continue;
        const from = o.existing.filter((t) => t.startsWith(o.tp.target.tagPrefix) && stableVersion(t.slice(o.tp.target.tagPrefix.length))?.version === m.higher).sort((a, b) => b.length - a.length)[0];
        const head = from ? await clientFor(o.tp.target.registry).headManifest(o.tp.target.repository, from).catch(() => undefined) : undefined;
        if (head?.digest === m.before)
            m.reason = `${m.reason}: from ${from} to ${source}`;
    }
}
async function promoteStep(inputs, deps = {}) {
    const env = deps.env ?? process.env;
    const { plans, version } = await planPromotion(inputs, env, deps.now ?? new Date());
    if (plans.length === 0)
        throw new errors/* InputError */.dz('images', '', 'give the target repositories (images: or registry: with image-name:)');
    const logins = await registryLogins(plans.map((p) => p.target), inputs.credentials, env, deps.storedLogins);
    const clientFor = registryClients(logins, deps.clientOptions);
    const observed = await concurrency_mapLimit(plans, 4, (tp) => observe(tp, inputs.source, clientFor));
    for (const o of observed)
        info(`${o.tp.target.image}: source ${inputs.source} ${o.digest ? `is ${o.digest}` : 'is missing'}; ${o.existing.length} tag(s) there`);
    // one digest everywhere (ACR gets the index without attestations, so its digest may differ)
    const holders = observed.filter((o) => o.digest);
    if (holders.length === 0)
        throw new errors/* InputError */.dz('source', inputs.source, `no target holds it (${observed.map((o) => o.tp.target.image).join(', ')}); give a tag or digest that was pushed`);
    const main = holders.find((o) => o.tp.target.kind !== 'acr') ?? holders[0];
    const digest = main.digest;
    const notes = [];
    const disagree = holders.filter((o) => o.digest !== digest && o.tp.target.kind !== 'acr');
    if (disagree.length > 0) {
        throw new Error(`the source ${inputs.source} names different images: ${[main, ...disagree].map((o) => `${o.tp.target.image} → ${o.digest}`).join(', ')}; nothing was written. Promote by digest (source: ${digest}) to copy that one everywhere`);
    }
    for (const o of holders.filter((h) => h.digest !== digest))
        notes.push(`${o.tp.target.image} holds ${o.digest} (Alibaba ACR: the same image without attestation manifests)`);
    // the recorded scan verdict
    const manifest = await clientFor(main.tp.target.registry).getManifest(main.tp.target.repository, digest);
    const refusal = verdictRefusal(annotationsOf(manifest.body, `${main.tp.target.image}@${digest}`));
    if (refusal && !inputs.force)
        throw new Error(`refusing to promote ${main.tp.target.image}@${digest}: ${refusal}. Fix the findings and build again, or set force: true`);
    if (refusal)
        notes.push(`force: true: promoted despite ${refusal}`);
    // targets without the source get it by copy
    const missing = observed.filter((o) => !o.digest);
    const copies = [];
    const moves = [];
    for (const o of observed) {
        const source = o.digest ?? digest;
        moves.push(...decideMoves(o.tp.tags, { image: o.tp.target.image, registry: o.tp.target.registry, tagPrefix: o.tp.target.tagPrefix, source, current: o.current, existing: o.existing }, {
            version,
            moveAliases: inputs.moveAliases,
            overwriteRelease: inputs.overwriteRelease
        }));
    }
    await nameRollbacks(moves, observed, inputs.source, clientFor);
    const conflicts = moves.filter((m) => m.action === 'conflict');
    const report = () => {
        const r = { source: inputs.source, digest, dryRun: inputs.dryRun, moves, copies, notes };
        return { ...r, markdown: promoteMarkdown(r) };
    };
    if (conflicts.length > 0) {
        appendSummary(report().markdown);
        throw new Error(`${conflicts.length} release tag(s) already name another image; nothing was written:\n${conflicts.map((c) => `  - ${c.image}: ${c.reason}`).join('\n')}`);
    }
    if (inputs.dryRun) {
        for (const o of missing)
            copies.push({ image: o.tp.target.image, from: main.tp.target.image, manifests: 0, blobs: 0, bytes: 0 });
        return report();
    }
    // phase 1: copies (by digest, no tag); phase 2: the tags
    await concurrency_mapLimit(missing, 2, async (o) => {
        const stats = await copyImage({ client: clientFor(main.tp.target.registry), repository: main.tp.target.repository }, { client: clientFor(o.tp.target.registry), repository: o.tp.target.repository }, digest);
        copies.push({ image: o.tp.target.image, from: main.tp.target.image, ...stats });
        info(`copied ${digest} to ${o.tp.target.image} from ${main.tp.target.image}: ${stats.manifests} manifest(s), ${stats.blobs} blob(s), ${stats.bytes} bytes`);
    });
    await concurrency_mapLimit(observed, 4, async (o) => {
        const client = clientFor(o.tp.target.registry);
        const writes = moves.filter((m) => m.image === o.tp.target.image && (m.action === 'create' || m.action === 'move'));
        if (writes.length === 0)
            return;
        const body = await client.getManifest(o.tp.target.repository, writes[0].after);
        for (const m of writes) {
            await client.putManifest(o.tp.target.repository, m.tag, body.body, body.mediaType);
            const back = await client.headManifest(o.tp.target.repository, m.tag);
            if (back?.digest !== m.after)
                throw new Error(`${m.image}:${m.tag} reads back as ${back?.digest ?? 'missing'}, not ${m.after}`);
            info(`${m.image}:${m.tag}: ${m.before ?? '(new)'} → ${m.after} (${m.reason})`);
        }
    });
    for (const m of moves.filter((x) => x.action === 'held'))
        info(`${m.image}:${m.tag}: ${m.reason}`);
    return report();
}
/** The sub-action: inputs → promote → outputs and summary. */
async function promoteAction(deps = {}) {
    const result = await promoteStep(readPromoteInputs(), deps);
    const written = result.moves.filter((m) => m.action === 'create' || m.action === 'move');
    core.setOutput('digest', result.digest);
    core.setOutput('tags', result.dryRun ? '' : written.map((m) => `${m.image}:${m.tag}`).join('\n'));
    core.setOutput('result', JSON.stringify({ source: result.source, digest: result.digest, dryRun: result.dryRun, moves: result.moves, copies: result.copies, notes: result.notes }));
    core.appendSummary(result.markdown);
    return result;
}

;// CONCATENATED MODULE: ./src/steps/promote-cli.ts
/**
 * `node dist/cli/index.js promote …`: the promote sub-action from a terminal. Flags are the
 * action's inputs (`--source`, `--to` (repeatable), `--images` (repeatable), `--dry-run`, …); the
 * registry passwords never go on the command line: `--registry-auth-stdin` reads
 * `host=user:password` lines from standard input (or set INPUT_REGISTRY-AUTH in the environment).
 */



const PROMOTE_HELP = `aim-build promote — point tags at an image already in the registries (only manifests move)

Usage: node dist/cli/index.js promote --source TAG|DIGEST --to TAG|VERSION [--to …] --images IMAGE [--images …] [options]

  --source main-abc1234 | v1.2.2 | sha256:…   the image to promote
  --to v1.3.0 | latest | staging              a version (release fan-out) or tag names; repeatable
  --images, --registry, --image-name, --component, --registry-type, --acr-namespace,
  --acr-repository, --tags, --flavor          targets and tag rules, as the action inputs
  --latest release|never   --move-aliases   --overwrite-release-tags   --force   --dry-run
  --registry-auth-stdin    read host=user:password lines from standard input
  --verbose                show every registry request
`;
const SECRET = new Set(['password', 'registry-auth', 'github-token']);
const FLAGS = ['move-aliases', 'overwrite-release-tags', 'force', 'dry-run'];
async function readStdin() {
    const chunks = [];
    for await (const c of process.stdin)
        chunks.push(c);
    return Buffer.concat(chunks).toString('utf8');
}
async function promoteCli(argv) {
    const names = PROMOTE_INPUT_NAMES.filter((n) => !SECRET.has(n));
    const { values } = (0,external_node_util_.parseArgs)({
        args: argv,
        allowPositionals: true,
        options: {
            help: { type: 'boolean', short: 'h' },
            'registry-auth-stdin': { type: 'boolean' },
            verbose: { type: 'boolean' },
            ...Object.fromEntries(names.map((n) => [n, FLAGS.includes(n) ? { type: 'boolean' } : { type: 'string', multiple: true }]))
        }
    });
    if (values.help) {
        process.stdout.write(PROMOTE_HELP);
        return 0;
    }
    // a terminal is not a runner: masking commands would print the very secret they mask; debug lines only with --verbose
    const verbose = argv.includes('--verbose');
    useRunnerIO(process.env, (text) => void (text.startsWith('::add-mask::') || (!verbose && text.startsWith('::debug::')) ? undefined : process.stdout.write(text)));
    const v = values;
    for (const n of names) {
        const value = v[n];
        if (value === undefined)
            continue;
        process.env[`INPUT_${n.toUpperCase()}`] = Array.isArray(value) ? value.join('\n') : String(value);
    }
    if (values['registry-auth-stdin'])
        process.env['INPUT_REGISTRY-AUTH'] = (await readStdin()).trim();
    const result = await promoteStep(readPromoteInputs());
    process.stdout.write(result.markdown);
    return 0;
}


/***/ })

};
