/**
 * Providers: which ES module (and which of its exports) serves each import of
 * a component in ESM mode. Chosen at compile time, from two sources:
 *
 * - the `--map` entries (`name[@version]=specifier[#export]`, the name may hold
 *   one `*`), which always win over
 * - the built-in shim table (shim-table.ts): `@bytecodealliance/preview2-shim`
 *   serves the WASI 0.2 interfaces.
 *
 * An interface name `ns:pkg/iface@1.2.3` is served by a provider of any
 * semver-compatible version (same canonical version, Explainer 🔗 "Canonical
 * Interface Name": same major for ≥ 1, same minor for 0.x); among several the
 * best is kept: an exact name over a pattern, then the exact version, then the
 * highest compatible version at or above the one asked for, then the highest
 * below it, then a versionless entry. A `wasi:` import nothing serves is an
 * error (no bare `wasi:…` specifier can load); any other import with no entry
 * keeps its `external-id` or its name as the ES specifier.
 */
import { error, fail, type CompileError } from '../errors/index.js';
import type { ExternType } from '../types/model.js';
import { toLowerCamel } from '../types/names.js';
import { compareSemver, canonVersion, isCanonVersion, parseSemver, semverCompatible } from '../types/names/semver.js';

/**
 * The built-in table: each WASI 0.2 interface and the preview2-shim subpath
 * and export that serves it (the shim's `@bytecodealliance/preview2-shim/<package>`
 * modules export one object per interface, named in lowerCamelCase; Node and
 * browser builds share the layout, picked by the package's export conditions).
 * `0.2` is a canonical version: the shim serves every 0.2.x.
 */
const SHIM = '@bytecodealliance/preview2-shim';
const SHIM_PACKAGES: Record<string, string[]> = {
  cli: ['environment', 'exit', 'stdin', 'stdout', 'stderr', 'terminal-input', 'terminal-output', 'terminal-stdin', 'terminal-stdout', 'terminal-stderr'],
  clocks: ['monotonic-clock', 'wall-clock'],
  filesystem: ['types', 'preopens'],
  http: ['types', 'outgoing-handler'],
  io: ['error', 'poll', 'streams'],
  random: ['random', 'insecure', 'insecure-seed'],
  sockets: ['network', 'instance-network', 'ip-name-lookup', 'tcp', 'tcp-create-socket', 'udp', 'udp-create-socket'],
};

export interface BuiltinProvider {
  interface: string;
  version: string;
  specifier: string;
  export: string;
}

export const BUILTIN_PROVIDERS: readonly BuiltinProvider[] = Object.entries(SHIM_PACKAGES).flatMap(([pkg, ifaces]) =>
  ifaces.map((iface) => ({ interface: `wasi:${pkg}/${iface}`, version: '0.2', specifier: `${SHIM}/${pkg}`, export: toLowerCamel(iface) })),
);

/** Namespaces the built-in table claims: an import there that nothing serves is an error. */
const BUILTIN_NAMESPACES = new Set(['wasi']);

/** `--map` entries: import name (or pattern with one `*`), optionally `@version` → specifier, optionally `#export`. */
export type ImportMap = Record<string, string>;

/** What serves one import: `import { export } from 'specifier'` (no export: default / namespace). */
export interface Provider {
  /** the import name, as the component spells it */
  import: string;
  specifier: string;
  export?: string;
  /** where the choice came from: a `--map` key, the built-in table, the `external-id` attribute or the name itself */
  via: 'map' | 'builtin' | 'external-id' | 'name';
  /** the map key or built-in entry that matched (for `map` and `builtin`) */
  key?: string;
}

export interface ImportRequest {
  name: string;
  /** 🔗 the `versionsuffix` attribute: the full version is the name's version + this */
  versionSuffix?: string;
  externalId?: string;
}

export interface ProviderOptions {
  map?: ImportMap;
  /** use the built-in shim table (default true) */
  builtins?: boolean;
}

/**
 * Whether an import needs a value from a provider: everything but a type
 * import that is not a resource (a record a world defines, say: wit-component
 * imports those so exported functions can name them).
 */
export function needsProvider(t: ExternType | undefined): boolean {
  return !(t?.kind === 'type' && t.type.kind !== 'resource');
}

/** An interface name split in two: `wasi:cli/stdout` and `0.2.6`. Plain names have no version. */
export function splitVersion(name: string): { base: string; version?: string } {
  if (!name.includes(':')) return { base: name };
  const at = name.indexOf('@');
  return at < 0 ? { base: name } : { base: name.slice(0, at), version: name.slice(at + 1) };
}

interface Entry {
  key: string;
  base: string;
  star: number; // index of `*` in base, or -1
  version?: string;
  target: string;
  origin: 'map' | 'builtin';
}

function mapEntries(map: ImportMap): Entry[] {
  return Object.entries(map).map(([key, target]) => {
    const { base, version } = splitVersion(key);
    const star = base.indexOf('*');
    if (star >= 0 && base.indexOf('*', star + 1) >= 0) fail('compile/bad-option', undefined, 'map', `${JSON.stringify(key)}: at most one * in a name`);
    if (version !== undefined && parseSemver(version) === null && !isCanonVersion(version)) {
      fail('compile/bad-option', undefined, 'map', `${JSON.stringify(key)}: ${JSON.stringify(version)} is not a version (semver such as 0.2.6, or 0.2 / 1)`);
    }
    if (target === '' || target.startsWith('#')) fail('compile/bad-option', undefined, 'map', `${JSON.stringify(key)}: the target needs a specifier`);
    return { key, base, star, version, target, origin: 'map' as const };
  });
}

const builtinEntries: Entry[] = BUILTIN_PROVIDERS.map((p) => ({
  key: `${p.interface}@${p.version}`,
  base: p.interface,
  star: -1,
  version: p.version,
  target: `${p.specifier}#${p.export}`,
  origin: 'builtin',
}));

/** What a `*` captured: `stdout` from `wasi:cli/*` against `wasi:cli/stdout`. Null: no match. */
function capture(entry: Entry, base: string): string | null {
  if (entry.star < 0) return entry.base === base ? '' : null;
  const prefix = entry.base.slice(0, entry.star);
  const suffix = entry.base.slice(entry.star + 1);
  if (base.length < prefix.length + suffix.length || !base.startsWith(prefix) || !base.endsWith(suffix)) return null;
  return base.slice(prefix.length, base.length - suffix.length);
}

/**
 * How well an entry's version serves the wanted one: 4 exact, 3 a compatible
 * version at or above it (or a canonical range like `0.2`), 2 compatible
 * below, 1 versionless entry; 0 no match.
 */
function versionRank(entry: Entry, wanted: string | undefined): number {
  if (entry.version === undefined) return 1;
  if (wanted === undefined) return entry.origin === 'builtin' ? 1 : 0; // the shim serves a versionless WASI import too
  if (entry.version === wanted) return 4;
  if (!semverCompatible(entry.version, wanted)) return 0;
  const have = parseSemver(entry.version);
  const want = parseSemver(wanted);
  if (!have || !want) return 3; // a canonical version (`0.2`) stands for the whole range
  return compareSemver(have, want) >= 0 ? 3 : 2;
}

/** Sort key, larger is better: map over builtin, exact name over pattern, version, pattern literal length. */
function score(entry: Entry, rank: number): number[] {
  return [entry.origin === 'map' ? 1 : 0, entry.star < 0 ? 1 : 0, rank, entry.star < 0 ? 0 : entry.base.length - 1];
}

function better(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** Among equally scored entries the higher version wins; equal versions tie. */
function versionOrder(a: Entry, b: Entry): number {
  if (a.version === undefined || b.version === undefined) return 0;
  const va = parseSemver(a.version);
  const vb = parseSemver(b.version);
  if (va && vb) return compareSemver(va, vb);
  return a.version === b.version ? 0 : Number.NaN; // different spellings of one range: a tie
}

function camelCapture(text: string): string {
  return /^[a-zA-Z0-9-]+$/.test(text) ? toLowerCamel(text) : text;
}

function target(entry: Entry, captured: string): { specifier: string; export?: string } {
  const hash = entry.target.indexOf('#');
  const spec = hash < 0 ? entry.target : entry.target.slice(0, hash);
  const exp = hash < 0 ? undefined : entry.target.slice(hash + 1);
  return {
    specifier: spec.replaceAll('*', captured),
    ...(exp === undefined || exp === '' ? {} : { export: exp.replaceAll('*', camelCapture(captured)) }),
  };
}

/** The provider of one import, or the catalogued error saying why there is none. */
export function chooseProvider(request: ImportRequest, options: ProviderOptions = {}): Provider | CompileError {
  const entries = [...mapEntries(options.map ?? {}), ...(options.builtins === false ? [] : builtinEntries)];
  const { base, version: raw } = splitVersion(request.name);
  const version = raw === undefined ? undefined : raw + (request.versionSuffix ?? '');
  let best: { entry: Entry; captured: string; score: number[] } | undefined;
  let tie: Entry | undefined;
  for (const entry of entries) {
    const captured = capture(entry, base);
    if (captured === null) continue;
    const rank = versionRank(entry, version);
    if (rank === 0) continue;
    const s = score(entry, rank);
    const order = best ? better(s, best.score) || versionOrder(entry, best.entry) : 1;
    if (order > 0) {
      best = { entry, captured, score: s };
      tie = undefined;
    } else if (order === 0 || Number.isNaN(order)) {
      tie = entry;
    }
  }
  if (best && tie) return error('compile/ambiguous-map', undefined, request.name, best.entry.key, tie.key);
  if (best) {
    return { import: request.name, ...target(best.entry, best.captured), via: best.entry.origin, key: best.entry.key };
  }
  const ns = base.includes(':') ? base.slice(0, base.indexOf(':')) : undefined;
  if (ns !== undefined && options.builtins !== false && BUILTIN_NAMESPACES.has(ns)) {
    return error('compile/no-provider', undefined, request.name, offered(base, entries));
  }
  if (request.externalId !== undefined) return { import: request.name, specifier: request.externalId, via: 'external-id' };
  return { import: request.name, specifier: request.name, via: 'name' };
}

/** The versions on offer for an interface, in words, for the no-provider message. */
function offered(base: string, entries: Entry[]): string {
  const found = entries.filter((e) => capture(e, base) !== null && e.version !== undefined);
  if (found.length === 0) {
    const served = [...new Set(builtinEntries.map((e) => e.base.slice(0, e.base.indexOf('/'))))].join(', ');
    return `nothing serves ${base} at any version (the built-in @bytecodealliance/preview2-shim serves ${served} at 0.2.x); add a --map entry for it`;
  }
  const list = found.map((e) => (e.origin === 'builtin' ? `${base}@${e.version}.x (${e.target.split('#')[0]})` : `${e.key} (--map)`));
  return `on offer: ${[...new Set(list)].join(', ')}; add a --map entry for this version`;
}

/**
 * Providers for all imports of a component, in order. Throws the first
 * catalogued error; two imports of one interface at incompatible versions
 * that end up at the same provider cannot be told apart, and are an error.
 */
export function resolveProviders(requests: readonly ImportRequest[], options: ProviderOptions = {}): Provider[] {
  const providers = requests.map((r) => {
    const p = chooseProvider(r, options);
    if (!('import' in p)) throw p;
    return p;
  });
  const seen = new Map<string, Provider>();
  for (const p of providers) {
    if (p.via !== 'map' && p.via !== 'builtin') continue;
    const { base, version } = splitVersion(p.import);
    if (version === undefined) continue;
    const slot = `${base}\0${p.specifier}\0${p.export ?? ''}`;
    const other = seen.get(slot);
    if (other) {
      const otherVersion = splitVersion(other.import).version!;
      const exact = p.key === p.import && other.key === other.import;
      if (!exact && canonVersion(otherVersion) !== canonVersion(version)) {
        fail('compile/ambiguous-import', undefined, other.import, p.import, describe(p));
      }
    } else {
      seen.set(slot, p);
    }
  }
  return providers;
}

/** `@bytecodealliance/preview2-shim/cli#stdout`, the form `--map` takes. */
export function describe(p: Pick<Provider, 'specifier' | 'export'>): string {
  return p.export === undefined ? p.specifier : `${p.specifier}#${p.export}`;
}
