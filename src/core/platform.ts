/**
 * Platforms (`os/architecture[/variant]`): the one home for parsing, validating, formatting and
 * comparing them, and for the rule that a built image holds exactly the requested platforms.
 *
 * Valid values are those of the OCI image spec (image-index `platform`), which takes `os` and
 * `architecture` from Go's GOOS/GOARCH list (`go tool dist list`) and `variant` from the spec's
 * table (arm v5–v8, arm64 v8/v8.x/v9/v9.x, amd64 v1–v4 as GOAMD64). A typo (`linux/amd46`) is
 * refused before anything runs, naming the closest valid value.
 */
import { InputError } from './errors.js';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** GOOS values (Go 1.24 `go tool dist list`, plus the historical ones the spec mentions). */
export const KNOWN_OS = ['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'illumos', 'ios', 'js', 'linux', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows'] as const;

/** GOARCH values (Go's full known list, including ports without a release). */
export const KNOWN_ARCH = [
  '386', 'amd64', 'arm', 'arm64', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'ppc64', 'ppc64le', 'riscv64', 's390x', 'wasm',
  'amd64p32', 'arm64be', 'armbe', 'mips64p32', 'mips64p32le', 'ppc', 'riscv', 's390', 'sparc', 'sparc64'
] as const;

const ARM64_VARIANTS = ['v8', ...Array.from({ length: 10 }, (_, i) => `v8.${i}`), 'v9', ...Array.from({ length: 6 }, (_, i) => `v9.${i}`)];

/** Variants the spec and the tools (containerd, BuildKit) know, per architecture; others take none. */
export const KNOWN_VARIANTS: Readonly<Record<string, readonly string[]>> = {
  arm: ['v5', 'v6', 'v7', 'v8'],
  arm64: ARM64_VARIANTS,
  amd64: ['v1', 'v2', 'v3', 'v4'],
  riscv64: ['rva20u64', 'rva22u64', 'rva23u64']
};

/** Names other tools print for the same thing (uname -m, Debian), for the suggestion only. */
const ALIASES: Readonly<Record<string, string>> = {
  x86_64: 'amd64', 'x86-64': 'amd64', x64: 'amd64', aarch64: 'arm64', armhf: 'arm/v7', armel: 'arm/v6', armv7: 'arm/v7', armv7l: 'arm/v7', armv6: 'arm/v6', i386: '386', i686: '386', x86: '386', ppc64el: 'ppc64le', macos: 'darwin', osx: 'darwin', win: 'windows'
};

/** The common platforms first: a suggestion prefers them when two are equally close. */
const COMMON = ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/arm/v6', 'linux/386', 'linux/ppc64le', 'linux/s390x', 'linux/riscv64', 'windows/amd64', 'darwin/arm64'];

export function formatPlatform(p: Platform | undefined): string {
  if (!p) return 'unknown/unknown';
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
}

/** The variant a platform means when it names none (arm64 → v8, arm → v7, amd64 → v1), for comparison. */
function effectiveVariant(p: Platform): string {
  if (p.variant) return p.variant;
  if (p.architecture === 'arm64') return 'v8';
  if (p.architecture === 'arm') return 'v7';
  if (p.architecture === 'amd64') return 'v1';
  return '';
}

/** Canonical text for comparison: `linux/arm64/v8` and `linux/arm64` are the same platform. */
export function platformKey(p: Platform): string {
  const v = effectiveVariant(p);
  return `${p.os}/${p.architecture}${v ? `/${v}` : ''}`;
}

/** Same os, architecture and (effective) variant. */
export function samePlatform(a: Platform, b: Platform): boolean {
  return platformKey(a) === platformKey(b);
}

/**
 * A requested platform matches a candidate: `linux/arm64` matches variant v8 or none; a requested
 * variant must match (arm defaults to v7); a request without a variant takes any variant of an
 * architecture with no default.
 */
export function platformMatches(want: Platform, have: Platform): boolean {
  if (want.os !== have.os || want.architecture !== have.architecture) return false;
  if (want.variant === undefined && !['arm64', 'arm', 'amd64'].includes(want.architecture)) return true;
  return effectiveVariant(want) === effectiveVariant(have);
}

/** Optimal string alignment distance (a transposition costs 1: `amd46` is one edit from `amd64`). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

function closest(value: string, candidates: readonly string[]): string {
  let best = candidates[0];
  let score = Infinity;
  for (const c of candidates) {
    const s = distance(value, c);
    if (s < score) [best, score] = [c, s];
  }
  return best;
}

/** The closest valid platform to a bad one (aliases first, then the nearest known os and architecture). */
export function suggestPlatform(text: string): string {
  const parts = text.trim().toLowerCase().split('/');
  const [rawOs = '', rawArch = '', rawVariant = ''] = parts.length === 1 ? ['linux', parts[0]] : parts;
  const os = (KNOWN_OS as readonly string[]).includes(rawOs) ? rawOs : ALIASES[rawOs] ?? closest(rawOs, KNOWN_OS);
  const alias = ALIASES[rawArch];
  if (alias) return `${os}/${alias}`;
  const arch = (KNOWN_ARCH as readonly string[]).includes(rawArch) ? rawArch : closest(rawArch, [...new Set([...COMMON.map((c) => c.split('/')[1]), ...KNOWN_ARCH])]);
  const variants = KNOWN_VARIANTS[arch] ?? [];
  if (rawVariant && variants.length > 0) return `${os}/${arch}/${variants.includes(rawVariant) ? rawVariant : closest(rawVariant, [...variants].reverse())}`;
  return `${os}/${arch}`;
}

/**
 * One platform, validated against the OCI/Go values; `input` names the action input for the
 * error. Case is kept as given: `Linux/AMD64` is refused (registries and runtimes compare exactly).
 */
export function parsePlatform(text: string, input = 'platforms'): Platform {
  const value = text.trim();
  const parts = value.split('/');
  const fail = (why: string): never => {
    throw new InputError(input, value, `${why}; did you mean ${suggestPlatform(value)}? A platform is os/architecture[/variant] with OCI (Go GOOS/GOARCH) values, e.g. linux/amd64, linux/arm64, linux/arm/v7`);
  };
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) fail('not os/architecture[/variant]');
  const [os, architecture, variant] = parts;
  if (!(KNOWN_OS as readonly string[]).includes(os)) fail(`'${os}' is not an OCI/Go operating system`);
  if (!(KNOWN_ARCH as readonly string[]).includes(architecture)) fail(`'${architecture}' is not an OCI/Go architecture`);
  if (variant !== undefined) {
    const known = KNOWN_VARIANTS[architecture] ?? [];
    if (!known.includes(variant)) fail(known.length ? `'${variant}' is not a variant of ${architecture} (known: ${known.join(', ')})` : `${architecture} takes no variant`);
  }
  return { os, architecture, ...(variant ? { variant } : {}) };
}

/**
 * A platforms input (comma/space/newline separated) → validated platforms in the given order.
 * Refuses an empty list and the same platform twice (`linux/arm64` and `linux/arm64/v8` too).
 */
export function parsePlatforms(value: string, input = 'platforms'): string[] {
  const items = value.split(/[\s,]+/).map((p) => p.trim()).filter(Boolean);
  if (items.length === 0) throw new InputError(input, value, 'give at least one platform, e.g. linux/amd64,linux/arm64');
  const parsed = items.map((p) => parsePlatform(p, input));
  const keys = parsed.map(platformKey);
  const dup = keys.findIndex((k, i) => keys.indexOf(k) !== i);
  if (dup >= 0) throw new InputError(input, value, `'${items[dup]}' is listed twice (same platform as '${items[keys.indexOf(keys[dup])]}')`);
  return parsed.map(formatPlatform);
}

/** Text → Platform without validation (for values read from images, which may be anything). */
export function platformFromText(text: string): Platform {
  const [os = '', architecture = '', variant] = text.split('/');
  return { os, architecture, ...(variant ? { variant } : {}) };
}

/** The `linux-arm64-v8` form, safe in file names, artifact names and cache scopes. */
export function platformSlug(p: string | Platform): string {
  return (typeof p === 'string' ? p : formatPlatform(p)).replace(/\//g, '-');
}

/** One platform image of a built index: what the index entry says and what its config says. */
export interface BuiltPlatform {
  digest: string;
  /** the index entry's `platform` (undefined for a single-manifest image) */
  descriptor?: Platform;
  /** os/architecture/variant from the image config */
  config: Platform;
}

export interface PlatformCheck {
  ok: boolean;
  missing: string[];
  extra: string[];
  /** entries whose config disagrees with the index entry or whose platform appears twice */
  mislabelled: string[];
  /** the whole verdict, naming every problem; '' when ok */
  message: string;
}

/**
 * The invariant before the scan and before any push, whatever the builder: the image has exactly
 * the requested platforms (none missing, none extra, none twice), and each manifest's config says
 * the platform its index entry claims.
 */
export function checkBuiltPlatforms(requested: readonly string[], built: readonly BuiltPlatform[]): PlatformCheck {
  const want = requested.map(platformFromText);
  const mislabelled: string[] = [];
  const claimed: Platform[] = [];
  for (const b of built) {
    const claim = b.descriptor ?? b.config;
    claimed.push(claim);
    if (b.descriptor && !samePlatform(b.descriptor, b.config)) mislabelled.push(`${b.digest} is listed as ${formatPlatform(b.descriptor)} but its config says ${formatPlatform(b.config)}`);
  }
  const keys = claimed.map(platformKey);
  keys.forEach((k, i) => {
    if (keys.indexOf(k) !== i) mislabelled.push(`${formatPlatform(claimed[i])} appears more than once (${built[keys.indexOf(k)].digest}, ${built[i].digest})`);
  });
  const missing = want.filter((w) => !claimed.some((c) => platformMatches(w, c))).map(formatPlatform);
  const extra = claimed.filter((c) => !want.some((w) => platformMatches(w, c))).map(formatPlatform);
  const parts: string[] = [];
  if (missing.length) parts.push(`missing ${missing.join(', ')}`);
  if (extra.length) parts.push(`not requested ${extra.join(', ')}`);
  if (mislabelled.length) parts.push(mislabelled.join('; '));
  const ok = parts.length === 0;
  const message = ok
    ? ''
    : `the built image does not hold exactly the requested platforms (${requested.join(', ')}): ${parts.join('; ')}. Nothing was pushed. The image has: ${claimed.map(formatPlatform).join(', ') || 'no platform'}`;
  return { ok, missing, extra, mislabelled, message };
}

/** Items reordered to follow the requested platforms (items matching none keep their order at the end). */
export function inRequestedOrder<T>(requested: readonly string[], items: readonly T[], platformOf: (t: T) => Platform): T[] {
  const want = requested.map(platformFromText);
  const rank = (t: T): number => {
    const i = want.findIndex((w) => platformMatches(w, platformOf(t)));
    return i < 0 ? want.length : i;
  };
  return items.map((t, i) => ({ t, i, r: rank(t) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.t);
}
