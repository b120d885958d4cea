/**
 * Semantic versions as used in interface names (`wasi:http/types@0.2.6`):
 * Semantic Versioning 2.0 (https://semver.org), and the 🔗 canonical
 * versions of the Explainer ("Canonical Interface Name"): `1`, `0.2`,
 * `0.0.3`, whose literal equality is what makes two versions link-compatible.
 *
 * Numbers are bigints: semver sets no bound, and a version is compared
 * exactly, never rounded.
 */

export interface Semver {
  major: bigint;
  minor: bigint;
  patch: bigint;
  /** pre-release identifiers (after `-`), in order; empty when absent */
  pre: string[];
  /** build-metadata identifiers (after `+`); empty when absent. Ignored by precedence. */
  build: string[];
}

type Part = 'major version number' | 'minor version number' | 'patch version number';

/**
 * Why `s` is not a valid semver, in words (e.g. "unexpected character 'x'
 * after minor version number"), or null when it is one. The wording follows
 * the diagnostics of the common semver parsers so messages stay familiar.
 */
export function semverError(s: string): string | null {
  const r = scan(s);
  return typeof r === 'string' ? r : null;
}

/** Parses a valid semver; null when `s` is not one (see `semverError` for why). */
export function parseSemver(s: string): Semver | null {
  const r = scan(s);
  return typeof r === 'string' ? null : r;
}

const quote = (c: string) => `'${c}'`;
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

function scan(s: string): Semver | string {
  if (s === '') return 'empty string, expected a semver version';
  let i = 0;
  const number = (part: Part): bigint | string => {
    const start = i;
    while (isDigit(s[i])) i++;
    if (i === start) {
      return i >= s.length
        ? `unexpected end of input while parsing ${part}`
        : `unexpected character ${quote(s[i]!)} while parsing ${part}`;
    }
    if (s[start] === '0' && i - start > 1) return `invalid leading zero in ${part}`;
    return BigInt(s.slice(start, i));
  };
  const dot = (after: Part): string | null => {
    if (i >= s.length) return `unexpected end of input while parsing ${after}`;
    if (s[i] !== '.') return `unexpected character ${quote(s[i]!)} after ${after}`;
    i++;
    return null;
  };

  const major = number('major version number');
  if (typeof major === 'string') return major;
  const d1 = dot('major version number');
  if (d1) return d1;
  const minor = number('minor version number');
  if (typeof minor === 'string') return minor;
  const d2 = dot('minor version number');
  if (d2) return d2;
  const patch = number('patch version number');
  if (typeof patch === 'string') return patch;

  let pre: string[] = [];
  let build: string[] = [];
  let last = 'patch version number';
  if (s[i] === '-') {
    i++;
    const r = identifiers('pre-release identifier', true);
    if (typeof r === 'string') return r;
    pre = r;
    last = 'pre-release identifier';
  }
  if (s[i] === '+') {
    i++;
    const r = identifiers('build metadata', false);
    if (typeof r === 'string') return r;
    build = r;
    last = 'build metadata';
  }
  if (i < s.length) return `unexpected character ${quote(s[i]!)} after ${last}`;
  return { major, minor, patch, pre, build };

  // Dot-separated [0-9A-Za-z-]+ identifiers, up to the next character that
  // cannot be in one (`+` ends the pre-release part).
  function identifiers(part: string, numericNoLeadingZero: boolean): string[] | string {
    const start = i;
    while (i < s.length && /[0-9A-Za-z.-]/.test(s[i]!)) i++;
    const ids = s.slice(start, i).split('.');
    for (const id of ids) {
      if (id === '') return `empty identifier segment in ${part}`;
      if (numericNoLeadingZero && /^[0-9]+$/.test(id) && id.length > 1 && id[0] === '0') {
        return `invalid leading zero in ${part}`;
      }
    }
    return ids;
  }
}

/** `canonversion` of the Explainer grammar: `1`, `0.2`, `0.0.3`, `0.0.0` (🔗). */
export function isCanonVersion(s: string): boolean {
  return /^(?:[1-9][0-9]*|0\.[1-9][0-9]*|0\.0\.[1-9][0-9]*|0\.0\.0)$/.test(s);
}

/**
 * Splits a valid semver into its canonical version and the rest (🔗):
 * `1.2.3` → `1` / `.2.3`, `0.2.6-rc.1` → `0.2` / `.6-rc.1`,
 * `0.0.1-alpha` → `0.0.1` / `-alpha`. Null when `s` is not a valid semver.
 */
export function splitCanonVersion(s: string): { canon: string; suffix: string } | null {
  const v = parseSemver(s);
  if (!v) return null;
  const canon = canonOf(v);
  return { canon, suffix: s.slice(canon.length) };
}

function canonOf(v: Semver): string {
  if (v.major > 0n) return `${v.major}`;
  if (v.minor > 0n) return `0.${v.minor}`;
  return `0.0.${v.patch}`;
}

/**
 * The canonical version of a version string: itself when it already is one
 * (🔗 `0.2`), otherwise the canonical prefix of a valid semver; null if neither.
 */
export function canonVersion(s: string): string | null {
  if (isCanonVersion(s)) return s;
  return splitCanonVersion(s)?.canon ?? null;
}

/**
 * Whether two versions may satisfy each other when linking: the same
 * canonical version, i.e. the same major for ≥ 1.0, the same minor for 0.x
 * (x > 0), the same patch for 0.0.x. Pre-release and build parts do not
 * matter here (type checking decides the rest). Accepts version strings
 * (valid semver or canonical versions) or parsed versions.
 */
export function semverCompatible(a: string | Semver, b: string | Semver): boolean {
  const ca = typeof a === 'string' ? canonVersion(a) : canonOf(a);
  const cb = typeof b === 'string' ? canonVersion(b) : canonOf(b);
  return ca !== null && ca === cb;
}

/** Semver precedence (build metadata ignored): negative, zero or positive. */
export function compareSemver(a: Semver, b: Semver): number {
  for (const k of ['major', 'minor', 'patch'] as const) {
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  }
  // A version without pre-release identifiers ranks above one with them.
  if (a.pre.length === 0 || b.pre.length === 0) return b.pre.length - a.pre.length;
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i]!;
    const y = b.pre[i]!;
    if (x === y) continue;
    const xn = /^[0-9]+$/.test(x);
    const yn = /^[0-9]+$/.test(y);
    if (xn && yn) return BigInt(x) < BigInt(y) ? -1 : 1;
    if (xn !== yn) return xn ? -1 : 1; // numeric identifiers rank below alphanumeric ones
    return x < y ? -1 : 1;
  }
  return a.pre.length - b.pre.length;
}
