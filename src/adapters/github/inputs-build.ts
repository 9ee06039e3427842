/**
 * The only place that reads the build inputs. Every password, token and secret value is masked
 * (`::add-mask::`) the moment it is read, before anything can print it.
 */
import * as core from './runner.js';
import { getChoice, getList } from './inputs.js';
import { parsePlatforms } from '../../core/platform.js';
import { COMPAT_MODES, type CompatMode } from '../../core/plan.js';
import { mergeSecrets, parseBool, parseKeyValues, parseRegistryAuth, parseSecretFiles, parseSecretValues } from '../../core/build/inputs.js';
import { BUILDER_REQUESTS, CACHE_MODES, DEFAULT_PLATFORMS, PUSH_MODES, REGISTRY_ERROR_MODES, type RegistryErrorMode, type BuildInputs, type BuilderRequest, type CacheMode, type PushMode } from '../../core/build/types.js';

function mask(value: string): void {
  if (value === '') return;
  core.setSecret(value);
  for (const line of value.split(/\r?\n/)) if (line.trim().length > 3 && line !== value) core.setSecret(line);
}

/** The credential inputs every pushing step shares (build, merge), masked the moment they are read. */
export function readCredentialInputs(): Pick<BuildInputs, 'username' | 'password' | 'registryAuth' | 'githubToken'> {
  const password = core.getInput('password');
  const githubToken = core.getInput('github-token');
  mask(password);
  mask(githubToken);
  const registryAuth = parseRegistryAuth(maskedLines('registry-auth'));
  for (const e of registryAuth) mask(e.password);
  return { username: core.getInput('username'), password, registryAuth, githubToken };
}

function maskedLines(name: string): string[] {
  const lines = getList(name);
  // mask the value part of every line at once (ids stay readable)
  for (const l of lines) {
    const eq = l.indexOf('=');
    if (eq > 0) mask(l.slice(eq + 1));
  }
  return lines;
}

export function readBuildInputs(): BuildInputs {
  const credentials = readCredentialInputs();
  const secretLines = maskedLines('secrets');
  return {
    platforms: parsePlatforms(core.getInput('platforms') || DEFAULT_PLATFORMS.join(',')),
    push: getChoice<PushMode>('push', PUSH_MODES, 'auto'),
    pushByDigest: parseBool('push-by-digest', core.getInput('push-by-digest'), false),
    builder: getChoice<BuilderRequest>('builder', BUILDER_REQUESTS, 'auto'),
    builderName: core.getInput('builder-name'),
    builderEndpoint: core.getInput('builder-endpoint'),
    context: core.getInput('context') || '.',
    file: core.getInput('file'),
    target: core.getInput('target'),
    buildArgs: parseKeyValues('build-args', getList('build-args')),
    secrets: mergeSecrets(parseSecretValues(secretLines), parseSecretFiles(getList('secret-files'))),
    buildContexts: parseKeyValues('build-contexts', getList('build-contexts'), /^[A-Za-z0-9_][A-Za-z0-9_.:/-]*$/),
    cache: getChoice<CacheMode>('cache', CACHE_MODES, 'auto'),
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
    moveAliases: parseBool('move-aliases', core.getInput('move-aliases'), getChoice<CompatMode>('compat', COMPAT_MODES, 'aim') === 'metadata-action'),
    onRegistryError: getChoice<RegistryErrorMode>('on-registry-error', REGISTRY_ERROR_MODES, 'fail'),
    ...credentials
  };
}

/** Names of the inputs read above; a test keeps action.yml in step with them. */
export const CREDENTIAL_INPUT_NAMES = ['username', 'password', 'registry-auth', 'github-token'];

export const BUILD_INPUT_NAMES = [
  'platforms', 'push', 'push-by-digest', 'builder', 'builder-name', 'builder-endpoint', 'context', 'file', 'target', 'build-args',
  'secrets', 'secret-files', 'build-contexts', 'cache', 'cache-ref', 'cache-from', 'cache-to', 'provenance', 'sbom',
  'no-cache', 'pull', 'release-tag-pattern', 'overwrite-release-tags', 'move-aliases', 'on-registry-error', 'username', 'password', 'registry-auth', 'github-token'
];
