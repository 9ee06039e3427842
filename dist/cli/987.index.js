export const id = 987;
export const ids = [987];
export const modules = {

/***/ 8987:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PROMOTE_HELP: () => (/* binding */ PROMOTE_HELP),
  promoteCli: () => (/* binding */ promoteCli)
});

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/adapters/github/runner.ts
var runner = __webpack_require__(74);
// EXTERNAL MODULE: ./node_modules/semver/functions/parse.js
var parse = __webpack_require__(6353);
var parse_default = /*#__PURE__*/__webpack_require__.n(parse);
// EXTERNAL MODULE: ./src/adapters/github/inputs.ts + 1 modules
var inputs = __webpack_require__(2190);
// EXTERNAL MODULE: ./src/core/platform.ts
var platform = __webpack_require__(692);
// EXTERNAL MODULE: ./src/core/plan.ts + 8 modules
var core_plan = __webpack_require__(6508);
// EXTERNAL MODULE: ./src/core/build/inputs.ts
var build_inputs = __webpack_require__(1031);
;// CONCATENATED MODULE: ./src/adapters/github/inputs-build.ts
/**
 * The only place that reads the build inputs. Every password, token and secret value is masked
 * (`::add-mask::`) the moment it is read, before anything can print it.
 */






function mask(value) {
    if (value === '')
        return;
    runner/* setSecret */.Pq(value);
    for (const line of value.split(/\r?\n/))
        if (line.trim().length > 3 && line !== value)
            runner/* setSecret */.Pq(line);
}
/** The credential inputs every pushing step shares (build, merge), masked the moment they are read. */
function readCredentialInputs() {
    const password = runner/* getInput */.V4('password');
    const githubToken = runner/* getInput */.V4('github-token');
    mask(password);
    mask(githubToken);
    const registryAuth = (0,build_inputs/* parseRegistryAuth */.bf)(maskedLines('registry-auth'));
    for (const e of registryAuth)
        mask(e.password);
    return { username: runner/* getInput */.V4('username'), password, registryAuth, githubToken };
}
function maskedLines(name) {
    const lines = (0,inputs/* getList */.vS)(name);
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
        releaseTagPattern: core.getInput('release-tag-pattern').trim(),
        overwriteReleaseTags: parseBool('overwrite-release-tags', core.getInput('overwrite-release-tags'), false),
        // metadata-action moves every tag as asked; our preset moves the version aliases forward only
        moveAliases: parseBool('move-aliases', core.getInput('move-aliases'), getChoice('compat', COMPAT_MODES, 'aim') === 'metadata-action'),
        onRegistryError: getChoice('on-registry-error', REGISTRY_ERROR_MODES, 'fail'),
        ...credentials
    };
}
/** Names of the inputs read above; a test keeps action.yml in step with them. */
const CREDENTIAL_INPUT_NAMES = (/* unused pure expression or super */ null && (['username', 'password', 'registry-auth', 'github-token']));
const BUILD_INPUT_NAMES = (/* unused pure expression or super */ null && ([
    'platforms', 'push', 'push-by-digest', 'builder', 'builder-name', 'builder-endpoint', 'context', 'file', 'target', 'build-args',
    'secrets', 'secret-files', 'build-contexts', 'cache', 'cache-ref', 'cache-from', 'cache-to', 'provenance', 'sbom',
    'no-cache', 'pull', 'release-tag-pattern', 'overwrite-release-tags', 'move-aliases', 'on-registry-error', 'username', 'password', 'registry-auth', 'github-token'
]));

// EXTERNAL MODULE: ./src/adapters/github/context.ts
var context = __webpack_require__(3589);
// EXTERNAL MODULE: ./src/adapters/template-compiler.ts
var template_compiler = __webpack_require__(6200);
// EXTERNAL MODULE: ./src/adapters/concurrency.ts
var concurrency = __webpack_require__(7763);
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

// EXTERNAL MODULE: ./src/adapters/registry/client.ts + 4 modules
var client = __webpack_require__(7430);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 3 modules
var exec = __webpack_require__(1260);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
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

// EXTERNAL MODULE: ./src/adapters/registry/credential-sources.ts
var credential_sources = __webpack_require__(5046);
// EXTERNAL MODULE: ./src/adapters/registry/errors.ts + 1 modules
var registry_errors = __webpack_require__(5602);
// EXTERNAL MODULE: ./src/core/build/credentials.ts
var credentials = __webpack_require__(7210);
;// CONCATENATED MODULE: ./src/steps/build-registries.ts
/**
 * Registries for the build step: credentials per registry, one client each, the push preflight
 * (every target, in parallel, before anything is built) and the builder's own logins.
 */









/** The runner's stored logins (docker config, credential helpers, containers auth.json), masked as found. */
function runnerStoredLogins(env) {
    return (registries) => (0,credential_sources/* findStoredLogins */.$A)(registries, { env, home: env.HOME || (0,external_node_os_.homedir)(), uid: process.getuid?.() ?? 0 }, { mask: runner/* setSecret */.Pq, warn: runner/* warning */.$e, debug: runner/* debug */.Yz });
}
/**
 * Credentials per registry (see core/build/credentials.ts for the order). Stored logins are looked
 * up only for registries our inputs leave open. The log names each registry's source, never a value.
 */
async function registryLogins(targets, inputs, env, lookup = runnerStoredLogins(env)) {
    const open = (0,credentials/* registriesForStoredLogins */.ec)(targets, inputs);
    const stored = open.length > 0 ? await lookup(open) : [];
    const logins = (0,credentials/* resolveLogins */.XN)(targets, inputs, env.GITHUB_ACTOR ?? '', stored);
    for (const l of logins)
        runner/* info */.pq(`${l.registry}: credentials from ${l.source}${l.origin === 'stored' ? ' (a login this runner already had)' : ''}`);
    return logins;
}
/** One client per registry host, with its credentials; loopback registries over plain HTTP. */
function registryClients(logins, options = {}) {
    const clients = new Map();
    return (registry) => {
        let c = clients.get(registry);
        if (!c) {
            const login = logins.find((l) => l.registry === registry);
            c = new client/* RegistryClient */.bP({
                registry,
                insecureHttp: (0,credentials/* isLoopbackRegistry */.jW)(registry),
                credentials: login ? { username: login.username, password: login.password } : undefined,
                log: runner/* debug */.Yz,
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

// EXTERNAL MODULE: ./src/core/targets.ts
var core_targets = __webpack_require__(277);
// EXTERNAL MODULE: ./node_modules/semver/functions/gt.js
var gt = __webpack_require__(6599);
var gt_default = /*#__PURE__*/__webpack_require__.n(gt);
// EXTERNAL MODULE: ./src/core/reference.ts
var reference = __webpack_require__(5378);
;// CONCATENATED MODULE: ./src/core/scan/record.ts
/** The annotation on the image index (or single manifest) that records the scan gate's verdict. */
const SCAN_VERDICT_ANNOTATION = 'org.aim-build.scan.verdict';
/** The scanner that gave that verdict (`trivy`, `grype`, `builtin`). */
const SCAN_SCANNER_ANNOTATION = 'org.aim-build.scan.scanner';
/**
 * What the push records for a gate's verdict: `pass` or `warn` with the scanner. Nothing for
 * `scan: none` (no gate ran) and nothing for `blocked` (a blocked image is never pushed).
 */
function scanVerdictAnnotations(verdict, scanner) {
    if (scanner === 'none' || (verdict !== 'pass' && verdict !== 'warn'))
        return {};
    return { [SCAN_VERDICT_ANNOTATION]: verdict, [SCAN_SCANNER_ANNOTATION]: scanner };
}
/**
 * The manifest or index text with `annotations` added (existing keys of the same name replaced),
 * or undefined when they are all there already. The caller stores it under its new digest.
 */
function withAnnotations(body, annotations) {
    const doc = JSON.parse(body);
    if (Object.entries(annotations).every(([k, v]) => doc.annotations?.[k] === v))
        return undefined;
    return JSON.stringify({ ...doc, annotations: { ...doc.annotations, ...annotations } });
}

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






/** Verdicts that refuse a promotion unless `force`. */
const REFUSED_VERDICTS = {
    blocked: 'the scan gate blocked it',
    warn: 'the scan found blocking findings (pushed only because scan-mode was warn)'
};
const FULL_VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
/** A full version (`v1.3.0`, `1.3.0`, `v2.0.0-rc.1`): a release tag by default. */
const isFullVersion = (name) => FULL_VERSION.test(name);
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
    const latest = runner/* getInput */.V4('latest') || 'release';
    const plan = (0,inputs/* readPlanInputs */.jU)();
    if (!['release', 'never'].includes(latest))
        throw new errors/* InputError */.dz('latest', latest, 'promote takes release (latest follows the forward-only rule) or never; to roll latest back name it in to:');
    const source = runner/* getInput */.V4('source');
    if (source === '')
        throw new errors/* InputError */.dz('source', '', 'give the image to promote: a tag in the target repositories (main-abc1234, v1.2.2) or a digest (sha256:…)');
    if (source.startsWith('sha256:') && !DIGEST_RE.test(source))
        throw new errors/* InputError */.dz('source', source, 'a digest is sha256: and 64 lowercase hex characters');
    return {
        plan: { ...plan, latest: latest },
        source,
        to: (0,inputs/* getList */.vS)('to'),
        dryRun: (0,build_inputs/* parseBool */.q6)('dry-run', runner/* getInput */.V4('dry-run'), false),
        force: (0,build_inputs/* parseBool */.q6)('force', runner/* getInput */.V4('force'), false),
        moveAliases: (0,build_inputs/* parseBool */.q6)('move-aliases', runner/* getInput */.V4('move-aliases'), false),
        overwriteRelease: (0,build_inputs/* parseBool */.q6)('overwrite-release-tags', runner/* getInput */.V4('overwrite-release-tags'), false),
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
            runner/* warning */.$e(w);
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
    const targets = specs.map((s) => (0,core_targets/* resolveTarget */.u1)(s, naming, runner/* warning */.$e));
    return { version, plans: targets.map((t) => ({ target: t, tags: plannedTags(t.tagPrefix, [], undefined, to.tags, version, 'latest') })) };
}
async function observe(tp, source, clientFor) {
    const { target } = tp;
    const client = clientFor(target.registry);
    const ref = source.startsWith('sha256:') ? source : `${target.tagPrefix}${source}`;
    try {
        const [head, existing] = await Promise.all([client.headManifest(target.repository, ref), client.listTags(target.repository)]);
        const current = {};
        await (0,concurrency/* mapLimit */.s)(tp.tags, 4, async (t) => void (current[t.tag] = (await client.headManifest(target.repository, t.tag))?.digest));
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
    const observed = await (0,concurrency/* mapLimit */.s)(plans, 4, (tp) => observe(tp, inputs.source, clientFor));
    for (const o of observed)
        runner/* info */.pq(`${o.tp.target.image}: source ${inputs.source} ${o.digest ? `is ${o.digest}` : 'is missing'}; ${o.existing.length} tag(s) there`);
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
        runner/* appendSummary */.fe(report().markdown);
        throw new Error(`${conflicts.length} release tag(s) already name another image; nothing was written:\n${conflicts.map((c) => `  - ${c.image}: ${c.reason}`).join('\n')}`);
    }
    if (inputs.dryRun) {
        for (const o of missing)
            copies.push({ image: o.tp.target.image, from: main.tp.target.image, manifests: 0, blobs: 0, bytes: 0 });
        return report();
    }
    // phase 1: copies (by digest, no tag); phase 2: the tags
    await (0,concurrency/* mapLimit */.s)(missing, 2, async (o) => {
        const stats = await copyImage({ client: clientFor(main.tp.target.registry), repository: main.tp.target.repository }, { client: clientFor(o.tp.target.registry), repository: o.tp.target.repository }, digest);
        copies.push({ image: o.tp.target.image, from: main.tp.target.image, ...stats });
        runner/* info */.pq(`copied ${digest} to ${o.tp.target.image} from ${main.tp.target.image}: ${stats.manifests} manifest(s), ${stats.blobs} blob(s), ${stats.bytes} bytes`);
    });
    await (0,concurrency/* mapLimit */.s)(observed, 4, async (o) => {
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
            runner/* info */.pq(`${m.image}:${m.tag}: ${m.before ?? '(new)'} → ${m.after} (${m.reason})`);
        }
    });
    for (const m of moves.filter((x) => x.action === 'held'))
        runner/* info */.pq(`${m.image}:${m.tag}: ${m.reason}`);
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
    (0,runner/* useRunnerIO */.os)(process.env, (text) => void (text.startsWith('::add-mask::') || (!verbose && text.startsWith('::debug::')) ? undefined : process.stdout.write(text)));
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
