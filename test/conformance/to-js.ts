/**
 * A script's value literal → the JS value a host passes for a parameter of
 * that component type, following BRIEF.md §3 (the JS API contract) in its
 * canonical spelling: typed arrays for variable-length numeric lists,
 * `undefined` for `none`, `{ tag, value }` for variants and (non-result
 * position) results, lowerCamelCase keys for records and flags (every flag
 * spelt out, true or false), a Map for `map<K, V>`.
 */
import type { ValType } from '../../compiler/types/model.js';
import { jsName } from '../../compiler/types/names.js';
import type { WastValue } from './values.js';

/** A literal that does not fit the parameter type: the script (or our reading of it) is wrong. */
export class LiteralMismatch extends Error {
  override name = 'LiteralMismatch';
}

const NUMERIC = ['s8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'f32', 'f64'] as const;
type NumericKind = (typeof NUMERIC)[number];

/** The typed array class the contract uses for `list<kind>`. */
export const TYPED_ARRAY: Record<NumericKind, { new (values: ArrayLike<number> & ArrayLike<bigint>): ArrayLike<unknown>; name: string }> = {
  s8: Int8Array,
  u8: Uint8Array,
  s16: Int16Array,
  u16: Uint16Array,
  s32: Int32Array,
  u32: Uint32Array,
  s64: BigInt64Array,
  u64: BigUint64Array,
  f32: Float32Array,
  f64: Float64Array,
} as unknown as Record<NumericKind, { new (values: ArrayLike<number> & ArrayLike<bigint>): ArrayLike<unknown>; name: string }>;

export function isNumericKind(k: string): k is NumericKind {
  return (NUMERIC as readonly string[]).includes(k);
}

/** A variable-length list of numbers: a typed array on the JS side. */
export function isTypedList(t: ValType): t is Extract<ValType, { kind: 'list' }> {
  return t.kind === 'list' && t.length === undefined && isNumericKind(t.element.kind);
}

/** `option<option<T>>`: the outer option is tagged so that `some(none)` and `none` differ. */
export function isTaggedOption(t: ValType): boolean {
  return t.kind === 'option' && t.type.kind === 'option';
}

export function toJs(t: ValType, w: WastValue, path = 'value'): unknown {
  const mismatch = (): never => {
    throw new LiteralMismatch(`${path}: a ${w.kind} literal for a parameter of type ${t.kind}`);
  };
  switch (t.kind) {
    case 'bool':
      return w.kind === 'bool' ? w.value : mismatch();
    case 's8':
    case 'u8':
    case 's16':
    case 'u16':
    case 's32':
    case 'u32':
    case 's64':
    case 'u64':
    case 'f32':
    case 'f64':
    case 'char':
    case 'string':
      return w.kind === t.kind ? w.value : mismatch();
    case 'list': {
      if (w.kind !== 'list') return mismatch();
      const items = w.values.map((v, i) => toJs(t.element, v, `${path}[${i}]`));
      return isTypedList(t) ? new TYPED_ARRAY[t.element.kind as NumericKind](items as never) : items;
    }
    case 'tuple':
      if (w.kind !== 'tuple' || w.values.length !== t.types.length) return mismatch();
      return w.values.map((v, i) => toJs(t.types[i]!, v, `${path}[${i}]`));
    case 'record': {
      if (w.kind !== 'record') return mismatch();
      const out: Record<string, unknown> = {};
      for (const f of t.fields) {
        const given = w.fields.find((g) => g.name === f.name);
        if (!given) throw new LiteralMismatch(`${path}: record literal lacks field ${f.name}`);
        out[jsName(f.name)] = toJs(f.type, given.value, `${path}.${jsName(f.name)}`);
      }
      if (w.fields.length !== t.fields.length) throw new LiteralMismatch(`${path}: record literal has unknown fields`);
      return out;
    }
    case 'variant': {
      if (w.kind !== 'variant') return mismatch();
      const c = t.cases.find((c) => c.name === w.case);
      if (!c) throw new LiteralMismatch(`${path}: no case ${w.case}`);
      if ((c.type === null) !== (w.value === null)) throw new LiteralMismatch(`${path}: payload of case ${w.case}`);
      return c.type ? { tag: c.name, value: toJs(c.type, w.value!, `${path}.value`) } : { tag: c.name };
    }
    case 'enum':
      if (w.kind !== 'enum' || !t.names.includes(w.case)) return mismatch();
      return w.case;
    case 'flags': {
      if (w.kind !== 'flags') return mismatch();
      for (const n of w.names) if (!t.names.includes(n)) throw new LiteralMismatch(`${path}: no flag ${n}`);
      return Object.fromEntries(t.names.map((n) => [jsName(n), w.names.includes(n)]));
    }
    case 'option': {
      if (w.kind !== 'option') return mismatch();
      const inner = w.value === null ? undefined : toJs(t.type, w.value, path);
      if (!isTaggedOption(t)) return inner;
      return w.value === null ? { tag: 'none' } : { tag: 'some', value: inner };
    }
    case 'result': {
      if (w.kind !== 'result') return mismatch();
      const payload = w.ok ? t.ok : t.err;
      if ((payload === null) !== (w.value === null)) throw new LiteralMismatch(`${path}: payload of result.${w.ok ? 'ok' : 'err'}`);
      const tag = w.ok ? 'ok' : 'err';
      return payload ? { tag, value: toJs(payload, w.value!, `${path}.value`) } : { tag };
    }
    case 'map': {
      // no map literal exists in the text format: a list of (key, value) tuples spells it
      if (w.kind !== 'list') return mismatch();
      const entry: ValType = { kind: 'tuple', types: [t.key, t.value] };
      return new Map(w.values.map((v, i) => toJs(entry, v, `${path}[${i}]`) as [unknown, unknown]));
    }
    default:
      throw new LiteralMismatch(`${path}: no literal form for a ${t.kind} parameter`);
  }
}
