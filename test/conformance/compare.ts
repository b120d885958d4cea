/**
 * A JS value a component returned, against the script's expected literal, by
 * the component type (BRIEF.md §3): the value must have the contract's exact
 * shape (a `Uint8Array` for `list<u8>`, a bigint for `u64`, `undefined` for
 * `none`, no stray record keys), not just an equal-looking one.
 *
 * Floats: non-NaN values compare with `Object.is` (so `-0` and `0` differ,
 * as bit-exact comparison would have them). Component-level `f32`/`f64` have
 * a single NaN (Explainer "Value types"; lifting canonicalises NaNs,
 * definitions.py `canonicalize_nan32/64`), and JS cannot observe NaN payload
 * bits of a number anyway: so ANY NaN matches every NaN pattern of the
 * script: `nan:canonical`, `nan:arithmetic` and exact `nan:0x…` bits alike.
 * (The component value grammar excludes `nan:0x…` altogether; the suite's
 * assert_returns use no NaN at all today.)
 */
import type { ValType } from '../../compiler/types/model.js';
import { jsName } from '../../compiler/types/names.js';
import { isTaggedOption, isTypedList, TYPED_ARRAY } from './to-js.js';
import type { WastValue } from './values.js';

/** Null when `actual` is the JS face of `expected` at type `t`; otherwise what differs, with its path. */
export function compare(t: ValType, expected: WastValue, actual: unknown, path = 'result'): string | null {
  const differ = (want: string): string => `${path}: expected ${want}, got ${show(actual)}`;
  const kindMismatch = (): string => `${path}: the script expects a ${expected.kind} for a value of type ${t.kind}`;
  switch (t.kind) {
    case 'bool':
      if (expected.kind !== 'bool') return kindMismatch();
      return actual === expected.value ? null : differ(String(expected.value));
    case 's8':
    case 'u8':
    case 's16':
    case 'u16':
    case 's32':
    case 'u32':
      if (expected.kind !== t.kind) return kindMismatch();
      return typeof actual === 'number' && actual === expected.value ? null : differ(`the number ${expected.value}`);
    case 's64':
    case 'u64':
      if (expected.kind !== t.kind) return kindMismatch();
      return typeof actual === 'bigint' && actual === expected.value ? null : differ(`the bigint ${expected.value}n`);
    case 'f32':
    case 'f64': {
      if (expected.kind !== t.kind) return kindMismatch();
      if (typeof actual !== 'number') return differ(`a number`);
      if (expected.nan) return Number.isNaN(actual) ? null : differ(`NaN`);
      return Object.is(actual, expected.value) ? null : differ(show(expected.value));
    }
    case 'char':
    case 'string':
      if (expected.kind !== t.kind) return kindMismatch();
      return actual === expected.value ? null : differ(JSON.stringify(expected.value));
    case 'list': {
      if (expected.kind !== 'list') return kindMismatch();
      if (isTypedList(t)) {
        const cls = TYPED_ARRAY[t.element.kind as keyof typeof TYPED_ARRAY];
        if (!(actual instanceof (cls as unknown as typeof Uint8Array))) return differ(`a ${cls.name}`);
      } else if (!Array.isArray(actual)) {
        return differ('an Array');
      }
      const items = actual as ArrayLike<unknown>;
      if (t.length !== undefined && items.length !== t.length) return differ(`an Array of length ${t.length}`);
      if (items.length !== expected.values.length) return differ(`${expected.values.length} elements`);
      return first(expected.values, (v, i) => compare(t.element, v, items[i], `${path}[${i}]`));
    }
    case 'tuple': {
      if (expected.kind !== 'tuple' || expected.values.length !== t.types.length) return kindMismatch();
      if (!Array.isArray(actual) || actual.length !== t.types.length) return differ(`an Array of length ${t.types.length}`);
      return first(expected.values, (v, i) => compare(t.types[i]!, v, actual[i], `${path}[${i}]`));
    }
    case 'record': {
      if (expected.kind !== 'record') return kindMismatch();
      if (!isPlainObject(actual)) return differ('an object');
      const keys = new Set(t.fields.map((f) => jsName(f.name)));
      const extra = Object.keys(actual).filter((k) => !keys.has(k));
      if (extra.length) return `${path}: unexpected keys ${extra.join(', ')}`;
      return first(t.fields, (f) => {
        const want = expected.fields.find((g) => g.name === f.name);
        if (!want) return `${path}: the script's record lacks field ${f.name}`;
        const key = jsName(f.name);
        if (!Object.hasOwn(actual, key)) return `${path}: missing key ${key}`;
        return compare(f.type, want.value, actual[key], `${path}.${key}`);
      });
    }
    case 'variant': {
      if (expected.kind !== 'variant') return kindMismatch();
      const c = t.cases.find((c) => c.name === expected.case);
      if (!c) return `${path}: the script's case ${expected.case} is not in the type`;
      return tagged(actual, c.name, c.type, expected.value, path);
    }
    case 'enum':
      if (expected.kind !== 'enum') return kindMismatch();
      return actual === expected.case ? null : differ(JSON.stringify(expected.case));
    case 'flags': {
      if (expected.kind !== 'flags') return kindMismatch();
      if (!isPlainObject(actual)) return differ('an object of booleans');
      const keys = new Set(t.names.map(jsName));
      const extra = Object.keys(actual).filter((k) => !keys.has(k));
      if (extra.length) return `${path}: unexpected keys ${extra.join(', ')}`;
      return first(t.names, (n) => {
        const v = actual[jsName(n)];
        const want = expected.names.includes(n);
        return v === want ? null : `${path}.${jsName(n)}: expected ${want}, got ${show(v)}`;
      });
    }
    case 'option': {
      if (expected.kind !== 'option') return kindMismatch();
      if (isTaggedOption(t)) {
        return expected.value === null ? tagged(actual, 'none', null, null, path) : tagged(actual, 'some', t.type, expected.value, path);
      }
      if (expected.value === null) return actual === undefined ? null : differ('undefined (none)');
      if (actual === undefined) return differ('a value (some)');
      return compare(t.type, expected.value, actual, path);
    }
    case 'result': {
      if (expected.kind !== 'result') return kindMismatch();
      const payload = expected.ok ? t.ok : t.err;
      return tagged(actual, expected.ok ? 'ok' : 'err', payload, expected.value, path);
    }
    case 'map': {
      if (expected.kind !== 'list') return kindMismatch();
      if (!(actual instanceof Map)) return differ('a Map');
      const entry: ValType = { kind: 'tuple', types: [t.key, t.value] };
      const entries = [...actual];
      if (entries.length !== expected.values.length) return differ(`${expected.values.length} entries`);
      return first(expected.values, (v, i) => compare(entry, v, entries[i], `${path}[${i}]`));
    }
    default:
      return `${path}: cannot compare a ${(t as ValType).kind} with a script literal`;
  }
}

/** `{ tag, value }` (no `value` key, or `value: undefined`, when there is no payload). */
function tagged(actual: unknown, tag: string, type: ValType | null, value: WastValue | null, path: string): string | null {
  if (!isPlainObject(actual) || actual.tag !== tag) return `${path}: expected { tag: '${tag}' …}, got ${show(actual)}`;
  const extra = Object.keys(actual).filter((k) => k !== 'tag' && k !== 'value');
  if (extra.length) return `${path}: unexpected keys ${extra.join(', ')}`;
  if (type === null || value === null) {
    if (type !== null || value !== null) return `${path}: the script's payload of ${tag} does not fit the type`;
    return actual.value === undefined ? null : `${path}.value: expected no payload, got ${show(actual.value)}`;
  }
  return compare(type, value, actual.value, `${path}.value`);
}

function first<T>(items: readonly T[], check: (item: T, i: number) => string | null): string | null {
  for (let i = 0; i < items.length; i++) {
    const r = check(items[i]!, i);
    if (r !== null) return r;
  }
  return null;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

/** A short, unambiguous rendering of a JS value for details. */
export function show(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (v === undefined) return 'undefined';
  if (typeof v === 'function') return 'a function';
  if (ArrayBuffer.isView(v)) return `${v.constructor.name} [${Array.from(v as unknown as ArrayLike<unknown>, show).join(', ')}]`;
  if (v instanceof Map) return `Map {${[...v].map(([k, x]) => `${show(k)} => ${show(x)}`).join(', ')}}`;
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  if (typeof v === 'object' && v !== null) {
    return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${show(x)}`).join(', ')} }`;
  }
  return String(v);
}
