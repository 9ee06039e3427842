export const id = 426;
export const ids = [426];
export const modules = {

/***/ 8426:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  baseImages: () => (/* binding */ baseImages)
});

// UNUSED EXPORTS: AUTOMATIC_PLATFORM_ARGS, composeImages, dockerfileBaseImages, isComposeFile

// EXTERNAL MODULE: ./node_modules/dockerfile-ast/lib/main.js
var main = __webpack_require__(8390);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
;// CONCATENATED MODULE: ./src/core/mirror/expand.ts
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*/;
class ExpansionError extends Error {
}
function expandWord(word, vars, escape = '\\') {
    const unset = [];
    const lookup = (name) => {
        const v = vars.get(name);
        if (v === undefined && !unset.includes(name))
            unset.push(name);
        return v;
    };
    let i = 0;
    const readVar = () => {
        // at '$'
        i++;
        if (word[i] === '{') {
            const close = matchingBrace(word, i);
            if (close < 0)
                throw new ExpansionError(`unterminated '\${' in '${word}'`);
            const inner = word.slice(i + 1, close);
            i = close + 1;
            const m = NAME_RE.exec(inner);
            if (!m)
                throw new ExpansionError(`bad variable name in '\${${inner}}'`);
            const name = m[0];
            const op = inner.slice(name.length);
            if (op === '')
                return lookup(name) ?? '';
            const om = /^(:?[-+])(.*)$/s.exec(op);
            if (!om)
                throw new ExpansionError(`unsupported expansion '\${${inner}}'; Dockerfiles support \${VAR}, \${VAR:-default} and \${VAR:+alternative}`);
            const value = vars.get(name);
            const colon = om[1].startsWith(':');
            const present = colon ? value !== undefined && value !== '' : value !== undefined;
            const nested = expandWord(om[2], vars, escape);
            if (om[1].endsWith('-')) {
                if (present)
                    return value;
                for (const u of nested.unset)
                    if (!unset.includes(u))
                        unset.push(u);
                return nested.value;
            }
            return present ? nested.value : '';
        }
        const m = NAME_RE.exec(word.slice(i));
        if (!m)
            return '$';
        i += m[0].length;
        return lookup(m[0]) ?? '';
    };
    let out = '';
    while (i < word.length) {
        const c = word[i];
        if (c === escape && i + 1 < word.length) {
            out += word[i + 1];
            i += 2;
        }
        else if (c === "'") {
            const end = word.indexOf("'", i + 1);
            if (end < 0)
                throw new ExpansionError(`unterminated single quote in '${word}'`);
            out += word.slice(i + 1, end);
            i = end + 1;
        }
        else if (c === '"') {
            i++;
            while (i < word.length && word[i] !== '"') {
                if (word[i] === escape && i + 1 < word.length && ['"', '$', escape].includes(word[i + 1])) {
                    out += word[i + 1];
                    i += 2;
                }
                else if (word[i] === '$')
                    out += readVar();
                else
                    out += word[i++];
            }
            if (i >= word.length)
                throw new ExpansionError(`unterminated double quote in '${word}'`);
            i++;
        }
        else if (c === '$') {
            out += readVar();
        }
        else {
            out += c;
            i++;
        }
    }
    return { value: out, unset };
}
function matchingBrace(s, open) {
    let depth = 0;
    for (let j = open; j < s.length; j++) {
        if (s[j] === '{')
            depth++;
        else if (s[j] === '}' && --depth === 0)
            return j;
    }
    return -1;
}

// EXTERNAL MODULE: ./src/core/mirror/image-ref.ts
var image_ref = __webpack_require__(6206);
;// CONCATENATED MODULE: ./src/core/mirror/base-images.ts
/**
 * The base images a build needs: the `FROM` images of Dockerfiles (read with dockerfile-ast, a
 * real Dockerfile parser: continuations, comments, parser directives, heredocs) and the `image:`
 * entries of compose files, normalised as Docker does and de-duplicated in first-seen order.
 *
 * Dockerfile rules (BuildKit's):
 *  - FROM sees only the global ARGs (before the first FROM), in order; each takes its `build-args`
 *    value when given, else its default expanded with the ARGs before it. The automatic platform
 *    ARGs (BUILDPLATFORM, TARGETARCH, …) count when passed as build-args.
 *  - `FROM <stage>` of an earlier `AS <stage>` (case-insensitive) is not an image; `scratch` neither.
 *  - `--platform=` is kept (expanded where it can be) for the report; the image is mirrored with
 *    every platform anyway.
 *  - a digest is kept next to its tag.
 * Compose: every service's `image:` unless the service has `build:` (then `image:` names the
 * result, not a dependency); `${VAR}` / `${VAR:-default}` interpolated from the build args.
 *
 * This module pulls in the parser libraries; load it lazily (`await import(...)`).
 */





/** BuildKit's automatic platform ARGs: usable in FROM without declaring them. */
const AUTOMATIC_PLATFORM_ARGS = ['BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT', 'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT'];
/** compose.yaml, docker-compose.yml, compose.prod.yaml, …, or any .yml/.yaml */
function isComposeFile(path) {
    return /\.ya?ml$/i.test(path);
}
function dockerfileBaseImages(file, buildArgs = {}) {
    const df = main.DockerfileParser.parse(file.text);
    const escape = df.getEscapeCharacter();
    const vars = new Map();
    for (const name of AUTOMATIC_PLATFORM_ARGS)
        if (buildArgs[name] !== undefined)
            vars.set(name, buildArgs[name]);
    for (const arg of df.getInitialARGs()) {
        for (const prop of arg.getProperties()) {
            const name = prop.getName();
            if (Object.prototype.hasOwnProperty.call(buildArgs, name)) {
                vars.set(name, buildArgs[name]);
                continue;
            }
            const raw = prop.getValue();
            if (raw === null)
                continue;
            const line = arg.getRange().start.line + 1;
            try {
                vars.set(name, expandWord(raw, vars, escape).value);
            }
            catch (e) {
                throw new errors/* InputError */.dz(file.path, `ARG ${name}=${raw}`, e.message, line);
            }
        }
    }
    const stages = new Set();
    const out = [];
    for (const from of df.getFROMs()) {
        const line = from.getRange().start.line + 1;
        const args = from.getArguments().map((a) => a.getValue());
        const word = from.getImage() ?? '';
        const text = `FROM ${from.getFlags().map((f) => `--${f.getName()}=${f.getValue() ?? ''} `).join('')}${args.join(' ')}`;
        const bad = (hint) => new errors/* InputError */.dz(file.path, text, hint, line);
        if (word === '')
            throw bad('FROM needs an image');
        const stage = from.getBuildStage() ?? undefined;
        if (args.length > 1 && (args.length !== 3 || args[1].toLowerCase() !== 'as'))
            throw bad('expected FROM [--platform=…] <image> [AS <name>]');
        let expanded;
        try {
            expanded = expandWord(word, vars, escape);
        }
        catch (e) {
            throw bad(e.message);
        }
        const image = expanded.value;
        const lower = image.toLowerCase();
        const platformFlag = from.getPlatformFlag()?.getValue() ?? undefined;
        if (stage !== undefined) {
            const key = stage.toLowerCase();
            if (stages.has(key))
                throw bad(`duplicate stage name '${stage}' (BuildKit refuses it); rename one of the stages`);
        }
        const isStage = stages.has(lower);
        if (stage !== undefined)
            stages.add(stage.toLowerCase());
        if (isStage || lower === 'scratch')
            continue;
        if (image === '' || expanded.unset.length > 0) {
            // Docker expands an unset ARG to ''; say which one when the result is unusable.
            const unsetHint = expanded.unset.length ? `; ${expanded.unset.map((u) => `ARG ${u}`).join(', ')} ${expanded.unset.length > 1 ? 'have' : 'has'} no value: give it a default or pass --build-arg ${expanded.unset[0]}=…` : '';
            try {
                if (image === '')
                    throw new errors/* InputError */.dz(file.path, text, 'empty');
                (0,image_ref/* parseImageRef */.xP)(image, file.path, line);
            }
            catch {
                throw bad(`'${word}' expands to '${image}', which is not an image reference${unsetHint}`);
            }
        }
        let platform;
        if (platformFlag !== undefined) {
            try {
                const p = expandWord(platformFlag, vars, escape);
                platform = p.unset.length ? platformFlag : p.value;
            }
            catch {
                platform = platformFlag;
            }
        }
        const ref = (0,image_ref/* parseImageRef */.xP)(image, file.path, line);
        out.push({ ref: (0,image_ref/* formatImageRef */.kL)(ref), written: image, file: file.path, line, ...(platform !== undefined ? { platform } : {}), ...(stage !== undefined ? { stage } : {}) });
    }
    return out;
}
function composeImages(file, vars = {}) {
    const doc = (0,dist/* parseDocument */.Tp)(file.text, { prettyErrors: false });
    if (doc.errors.length)
        throw new errors/* InputError */.dz(file.path, doc.errors[0].message.split('\n')[0], 'not valid YAML');
    const root = doc.toJS({ maxAliasCount: 100 });
    const services = root?.services;
    if (services === undefined || services === null)
        return [];
    if (typeof services !== 'object' || Array.isArray(services))
        throw new errors/* InputError */.dz(file.path, 'services', 'a compose file\'s `services` is a mapping of service name to service');
    const map = new Map(Object.entries(vars));
    const out = [];
    for (const [name, svc] of Object.entries(services)) {
        if (!svc || typeof svc !== 'object')
            continue;
        const s = svc;
        if (s.build !== undefined || s.image === undefined)
            continue;
        if (typeof s.image !== 'string')
            throw new errors/* InputError */.dz(file.path, `services.${name}.image`, 'image must be a string');
        const line = lineOf(file.text, name);
        let written;
        try {
            // Compose interpolation: `$$` is a literal `$`; no quote handling.
            written = s.image.split('$$').map((part) => expandWord(part.replace(/['"\\]/g, '\\$&'), map, '\\').value).join('$');
        }
        catch (e) {
            throw new errors/* InputError */.dz(file.path, `services.${name}.image: ${s.image}`, e instanceof ExpansionError ? e.message : String(e), line);
        }
        const ref = (0,image_ref/* parseImageRef */.xP)(written, `${file.path} services.${name}.image`, line);
        out.push({ ref: (0,image_ref/* formatImageRef */.kL)(ref), written, file: file.path, line });
    }
    return out;
}
/** Base images of every file (Dockerfiles and compose files), de-duplicated by normalised reference, first seen first. */
function baseImages(files, buildArgs = {}) {
    const seen = new Set();
    const out = [];
    for (const f of files) {
        for (const img of isComposeFile(f.path) ? composeImages(f, buildArgs) : dockerfileBaseImages(f, buildArgs)) {
            if (seen.has(img.ref))
                continue;
            seen.add(img.ref);
            out.push(img);
        }
    }
    return out;
}
function lineOf(text, key) {
    const i = text.split('\n').findIndex((l) => new RegExp(`^\\s+["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`).test(l));
    return i + 1 || 1;
}


/***/ })

};
