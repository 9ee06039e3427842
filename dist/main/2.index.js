export const id = 2;
export const ids = [2];
export const modules = {

/***/ 1002:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MAX_DEPLOY_FILE_BYTES: () => (/* binding */ MAX_DEPLOY_FILE_BYTES),
  deployImages: () => (/* reexport */ deployImages),
  expandDeployGlobs: () => (/* binding */ expandDeployGlobs),
  rewriteDeployFiles: () => (/* binding */ rewriteDeployFiles)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/core/reference.ts
var reference = __webpack_require__(5378);
;// CONCATENATED MODULE: ./src/core/deploy-files.ts
/**
 * Deployment references follow the build: in compose files, Kubernetes manifests and Helm values,
 * every image reference that names one of the plan's repositories is rewritten to the new
 * reference pinned by digest (`repo:tag@sha256:…`). Pure: text in, text out.
 *
 * The edit goes through the `yaml` package's CST (the concrete syntax tree): only the scalar
 * tokens that change are replaced, so comments, anchors, aliases, quoting style, flow/block
 * layout and multi-document separators stay byte for byte. An alias (`*img`) follows its anchor.
 *
 * Two shapes are recognised in every document of a file:
 *  - `image: <reference>` (compose services, Kubernetes containers, any depth);
 *  - a mapping with `repository:` and `tag:` (Helm values; `registry:` is prepended when present;
 *    with a `digest:` key the digest goes there and `tag:` gets the plain tag, otherwise `tag:`
 *    becomes `tag@sha256:…`).
 * Values with `${…}` or `{{…}}` (interpolation, templates) are never touched.
 */


class DeployFileError extends Error {
    constructor(message) {
        super(message);
        this.name = 'DeployFileError';
    }
}
const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;
function parseReference(value) {
    if (value === '' || /\s|\$\{|\{\{/.test(value))
        return undefined;
    const at = value.indexOf('@');
    const digest = at >= 0 ? value.slice(at + 1) : undefined;
    const rest = at >= 0 ? value.slice(0, at) : value;
    const colon = rest.lastIndexOf(':');
    const hasTag = colon > rest.lastIndexOf('/');
    const name = hasTag ? rest.slice(0, colon) : rest;
    if (name === '' || !/^[A-Za-z0-9._\-/:[\]]+$/.test(name))
        return undefined;
    return { name, tag: hasTag ? rest.slice(colon + 1) : undefined, digest };
}
/** `docker.io/library/x` for `x`, `index.docker.io` → `docker.io`, lower-case host. */
function canonicalName(name) {
    const { domain, path } = (0,reference/* splitImageName */.xh)(name);
    let host = domain.toLowerCase();
    if (host === 'index.docker.io' || host === 'registry-1.docker.io')
        host = 'docker.io';
    const repo = host === 'docker.io' && !path.includes('/') ? `library/${path}` : path;
    return `${host}/${repo}`;
}
function validate(images) {
    const byName = new Map();
    for (const image of images) {
        if (!DIGEST_RE.test(image.digest))
            throw new DeployFileError(`deploy-files: ${image.image} has no valid digest ('${image.digest}')`);
        const key = canonicalName(image.image);
        byName.set(key, [...(byName.get(key) ?? []), image]);
    }
    return byName;
}
/** The plan image a written `name` + `tag` refers to (ACR: the tag must carry the component prefix). */
function matchImage(byName, name, tag) {
    const candidates = byName.get(canonicalName(name)) ?? [];
    const prefixed = candidates.filter((c) => c.tagPrefix !== '' && tag?.startsWith(c.tagPrefix));
    if (prefixed.length > 0)
        return prefixed.sort((a, b) => b.tagPrefix.length - a.tagPrefix.length)[0];
    return candidates.find((c) => c.tagPrefix === '');
}
function lineOf(lineStarts, offset) {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lineStarts[mid] <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo + 1;
}
function keyPath(path, last) {
    const parts = [];
    for (const node of path) {
        if (node && typeof node === 'object' && 'key' in node && (0,dist/* isScalar */.jn)(node.key))
            parts.push(String((node.key).value));
    }
    // keys come from the repository's files: no control characters reach a log line or the summary
    // eslint-disable-next-line no-control-regex
    return [...parts, last].join('.').replace(/[\u0000-\u001f\u007f]/g, '?');
}
function stringScalar(node) {
    return (0,dist/* isScalar */.jn)(node) && typeof node.value === 'string' && node.srcToken !== undefined;
}
function scalarText(node) {
    if (!(0,dist/* isScalar */.jn)(node) || node.srcToken === undefined)
        return undefined;
    const v = node.value;
    return typeof v === 'string' || typeof v === 'number' ? (node.source ?? String(v)) : undefined;
}
function pairValue(map, key) {
    const pair = map.items.find((p) => (0,dist/* isScalar */.jn)(p.key) && p.key.value === key);
    return pair && (0,dist/* isScalar */.jn)(pair.value) ? pair.value : undefined;
}
/**
 * Rewrites one YAML file (any number of documents). `file` names it in errors. Throws
 * DeployFileError when the file is not valid YAML (nothing is rewritten then).
 */
function rewriteDeployYaml(text, images, file = 'file') {
    const byName = validate(images);
    const tokens = [...new dist/* Parser */.iX().parse(text)];
    const docs = [...new dist/* Composer */.Dk({ keepSourceTokens: true }).compose(tokens)];
    for (const doc of docs) {
        const e = doc.errors[0];
        if (e)
            throw new DeployFileError(`deploy-files: ${file} is not valid YAML (${e.message.split('\n')[0]}); fix it or leave it out of deploy-files`);
    }
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++)
        if (text[i] === '\n')
            lineStarts.push(i + 1);
    const changes = [];
    const set = (node, path, from, to) => {
        if (from === to)
            return;
        const token = node.srcToken;
        // a plain scalar whose new text would read as a number, bool or null (`1.10`) gets quotes
        const retype = token.type === 'scalar' && typeof (0,dist/* parse */.qg)(to) !== 'string' ? { type: 'QUOTE_DOUBLE' } : undefined;
        if (token.type === 'block-scalar') {
            // the CST helper drops a block scalar's indentation: keep the first content line's own
            const pad = /^( *)\S/m.exec(token.source)?.[1] ?? ' '.repeat(token.indent + 2);
            token.source = `${pad}${to}${/\n*$/.exec(token.source)?.[0] ?? ''}`;
        }
        else
            dist/* CST */.DB.setScalarValue(token, to, retype);
        changes.push({ line: lineOf(lineStarts, node.range?.[0] ?? 0), path, from, to });
    };
    for (const doc of docs) {
        (0,dist/* visit */.YR)(doc, {
            Pair(_, pair, path) {
                if (!(0,dist/* isScalar */.jn)(pair.key) || pair.key.value !== 'image' || !stringScalar(pair.value))
                    return;
                const ref = parseReference(pair.value.value);
                if (!ref)
                    return;
                const image = matchImage(byName, ref.name, ref.tag);
                if (!image)
                    return;
                set(pair.value, keyPath(path, 'image'), pair.value.value, `${ref.name}:${image.tag}@${image.digest}`);
            },
            Map(_, map, path) {
                rewriteHelmPair(map, path, byName, set);
            }
        });
    }
    return { text: changes.length > 0 ? tokens.map((t) => dist/* CST */.DB.stringify(t)).join('') : text, changes };
}
function rewriteHelmPair(map, path, byName, set) {
    if (!(0,dist/* isMap */.jh)(map))
        return;
    const repository = pairValue(map, 'repository');
    const tag = pairValue(map, 'tag');
    if (!stringScalar(repository) || !tag || tag.srcToken === undefined)
        return;
    const registry = pairValue(map, 'registry');
    const registryText = registry ? scalarText(registry) : undefined;
    if (registry && registryText === undefined)
        return;
    const name = registryText ? `${registryText.replace(/\/+$/, '')}/${repository.value}` : repository.value;
    const tagText = scalarText(tag) ?? '';
    if (!parseReference(name) || /\$\{|\{\{/.test(tagText))
        return;
    const plainTag = tagText.split('@')[0];
    const image = matchImage(byName, name, plainTag);
    if (!image)
        return;
    const base = keyPath(path, '');
    const digest = pairValue(map, 'digest');
    if (digest && digest.srcToken !== undefined) {
        set(tag, `${base}tag`, tagText, image.tag);
        set(digest, `${base}digest`, scalarText(digest) ?? '', image.digest);
        return;
    }
    set(tag, `${base}tag`, tagText, `${image.tag}@${image.digest}`);
}
/**
 * The reference each pushed repository is pinned to: the plan's version tag (`v1.3.0`, `main`,
 * `pr-12`) with the repository's prefix, else its first non-`latest` tag, else `latest`.
 */
function deployImages(plan, pushed) {
    const images = [];
    for (const p of pushed) {
        const target = plan.targets.find((t) => t.image === p.image);
        if (!target || p.references.length === 0)
            continue;
        const tags = p.references.map((r) => r.slice(p.image.length + 1));
        const version = `${target.tagPrefix}${plan.version}`;
        const latest = `${target.tagPrefix}${plan.latest.tag}`;
        const tag = tags.includes(version) ? version : (tags.find((t) => t !== latest && t !== plan.latest.tag) ?? tags[0]);
        images.push({ image: p.image, tagPrefix: target.tagPrefix, tag, digest: p.digest });
    }
    return images;
}

;// CONCATENATED MODULE: ./src/adapters/deploy/files.ts
/**
 * File I/O of the deployment rewrite (the rule is core/deploy-files.ts): expand the
 * `deploy-files` globs (@actions/glob, loaded only when the input is set), read each regular file
 * (symlinks are not followed; files over 4 MiB are refused), rewrite, write back only the files
 * that changed, and a unified diff (jsdiff) with paths relative to the workspace.
 */




const MAX_DEPLOY_FILE_BYTES = 4 * 1024 * 1024;
async function expandDeployGlobs(patterns, workspace) {
    const glob = await Promise.all(/* import() */[__webpack_require__.e(838), __webpack_require__.e(427)]).then(__webpack_require__.bind(__webpack_require__, 4427));
    // relative patterns are relative to the workspace, whatever the process's directory
    const anchored = patterns.map((p) => {
        const neg = p.startsWith('!');
        const body = neg ? p.slice(1) : p;
        return `${neg ? '!' : ''}${(0,external_node_path_.isAbsolute)(body) ? body : (0,external_node_path_.join)(workspace, body)}`;
    });
    const globber = await glob.create(anchored.join('\n'), { followSymbolicLinks: false, matchDirectories: false, implicitDescendants: false });
    const files = await globber.glob();
    return [...new Set(files)].sort().map((f) => (0,external_node_path_.relative)(workspace, f).split(external_node_path_.sep).join('/'));
}
/** Rewrites every matched file; `write: false` only computes the diff. */
async function rewriteDeployFiles(patterns, images, opts) {
    const { createTwoFilesPatch } = await __webpack_require__.e(/* import() */ 23).then(__webpack_require__.bind(__webpack_require__, 4023));
    const matched = await expandDeployGlobs(patterns, opts.workspace);
    const changed = [];
    // eslint-disable-next-line no-control-regex
    const odd = matched.find((p) => /[\u0000-\u001f\u007f]/.test(p));
    if (odd !== undefined)
        throw new DeployFileError(`deploy-files: the file name ${JSON.stringify(odd)} has control characters; rename it or exclude it with a ! pattern`);
    const outside = matched.filter((p) => p.startsWith('../') || p === '..');
    if (outside.length > 0)
        throw new DeployFileError(`deploy-files: ${outside.join(', ')} lie outside the workspace ${opts.workspace}; use paths inside the repository`);
    // read and rewrite everything first: one bad file fails the step before any file is written
    const rewrites = [];
    for (const path of matched) {
        const abs = `${opts.workspace}/${path}`;
        const st = await (0,promises_.lstat)(abs);
        if (!st.isFile())
            continue;
        if (st.size > MAX_DEPLOY_FILE_BYTES)
            throw new DeployFileError(`deploy-files: ${path} is ${st.size} bytes, over the ${MAX_DEPLOY_FILE_BYTES}-byte limit for a deployment file; narrow the glob`);
        const before = await (0,promises_.readFile)(abs, 'utf8');
        const out = rewriteDeployYaml(before, images, path);
        if (out.changes.length > 0)
            rewrites.push({ path, abs, before, after: out.text, changes: out.changes });
    }
    let diff = '';
    for (const r of rewrites) {
        if (opts.write)
            await (0,promises_.writeFile)(r.abs, r.after, 'utf8');
        changed.push({ path: r.path, changes: r.changes });
        diff += createTwoFilesPatch(`a/${r.path}`, `b/${r.path}`, r.before, r.after, undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
    }
    return { matched, changed, diff };
}


/***/ })

};
