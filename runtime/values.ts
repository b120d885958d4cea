/**
 * 🪙 Value imports: the host's JS value for a component value, checked
 * against its type (a `TypeError` with a `code` and the value's path, from
 * type-errors.ts) and turned into the form the component hands out (the JS
 * contract's lifted form: typed arrays for lists of numbers, `{ tag, value }`
 * cases, every flag present), once, at instantiation. The type comes as a
 * `ValueShape` literal the compiler writes (compiler/emit/component-values/shape.ts).
 */
import { charCode, flagsBits } from './scalars.js';
import { badNumber, hostList, mapEntries, numbersError } from './lists.js';
import { hostValue } from './imports.js';
import { typeError, type TypeErrorCode } from './type-errors.js';

type ScalarShape = 'bool' | 's8' | 'u8' | 's16' | 'u16' | 's32' | 'u32' | 's64' | 'u64' | 'f32' | 'f64' | 'char' | 'string';
type NumberKind = 's8' | 'u8' | 's16' | 'u16' | 's32' | 'u32' | 's64' | 'u64' | 'f32' | 'f64';

/** A value type as the check needs it: JS keys for record fields and flags, component names for cases. */
export type ValueShape =
  | ScalarShape
  | { record: [key: string, shape: ValueShape][] }
  | { tuple: ValueShape[] }
  /** `typed`: a variable-length list of numbers, carried as a typed array */
  | { list: ValueShape; length?: number; typed?: NumberKind }
  | { map: [key: ValueShape, value: ValueShape] }
  | { variant: [tag: string, payload: ValueShape | null][] }
  | { result: [ok: ValueShape | null, err: ValueShape | null] }
  | { enum: string[] }
  | { flags: string[] }
  /** `tagged`: an option of an option, `{ tag: 'some', value }` / `{ tag: 'none' }` */
  | { option: ValueShape; tagged?: boolean };

/** Integer kinds: their range and TypeError code (spelled out: the output keeps only the codes it names). */
const VALUE_INTS: Record<string, readonly [min: number, max: number, code: TypeErrorCode]> = {
  s8: [-0x80, 0x7f, 'type/s8'],
  u8: [0, 0xff, 'type/u8'],
  s16: [-0x8000, 0x7fff, 'type/s16'],
  u16: [0, 0xffff, 'type/u16'],
  s32: [-0x80000000, 0x7fffffff, 'type/s32'],
  u32: [0, 0xffffffff, 'type/u32'],
};

const VALUE_TYPED_ARRAYS = {
  s8: Int8Array, u8: Uint8Array, s16: Int16Array, u16: Uint16Array, s32: Int32Array, u32: Uint32Array,
  s64: BigInt64Array, u64: BigUint64Array, f32: Float32Array, f64: Float64Array,
} as const;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function scalarFromHost(shape: ScalarShape, v: unknown, path: string): unknown {
  switch (shape) {
    case 'bool':
      if (typeof v !== 'boolean') throw typeError('type/bool', path, v);
      return v;
    case 's64':
      if (typeof v !== 'bigint' || BigInt.asIntN(64, v) !== v) throw typeError('type/s64', path, v);
      return v;
    case 'u64':
      if (typeof v !== 'bigint' || BigInt.asUintN(64, v) !== v) throw typeError('type/u64', path, v);
      return v;
    case 'f32':
      if (typeof v !== 'number') throw typeError('type/f32', path, v);
      return Math.fround(v);
    case 'f64':
      if (typeof v !== 'number') throw typeError('type/f64', path, v);
      return v;
    case 'char':
      if (charCode(v) < 0) throw typeError('type/char', path, v);
      return v;
    case 'string':
      if (typeof v !== 'string') throw typeError('type/string', path, v);
      return v.replace(LONE_SURROGATE, '\uFFFD');
    default: {
      const [min, max, code] = VALUE_INTS[shape]!;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw typeError(code, path, v);
      return v === 0 ? 0 : v; // -0 is 0
    }
  }
}

/** `{ tag, value }` (or `{ tag }` without a payload) from the host's `{ tag, value }` or `{ tag, val }`. */
function caseFromHost(
  cases: readonly (readonly [string, ValueShape | null])[],
  v: unknown,
  path: string,
  code: 'type/variant' | 'type/result' | 'type/option-tagged',
): unknown {
  const tag = typeof v === 'object' && v !== null ? (v as { tag?: unknown }).tag : undefined;
  const c = cases.find(([name]) => name === tag);
  if (c === undefined) throw typeError(code, path, v, code === 'type/variant' ? cases.map(([n]) => `'${n}'`).join(', ') : undefined);
  if (c[1] === null) return { tag };
  const o = v as { value?: unknown; val?: unknown };
  return { tag, value: valueFromHost(c[1], 'value' in o ? o.value : o.val, `${path} .value`) };
}

/** Checks a host value against `shape` and returns it in the component's form; a TypeError naming `path` when it does not fit. */
export function valueFromHost(shape: ValueShape, v: unknown, path: string): unknown {
  if (typeof shape === 'string') return scalarFromHost(shape, v, path);
  if ('record' in shape) {
    if (typeof v !== 'object' || v === null) throw typeError('type/record', path, v);
    const out: Record<string, unknown> = {};
    for (const [key, s] of shape.record) out[key] = valueFromHost(s, (v as Record<string, unknown>)[key], `${path} .${key}`);
    return out;
  }
  if ('tuple' in shape) {
    if (!Array.isArray(v) || v.length !== shape.tuple.length) throw typeError('type/tuple', path, v, shape.tuple.length);
    return shape.tuple.map((s, i) => valueFromHost(s, v[i], `${path}[${i}]`));
  }
  if ('list' in shape) {
    if (shape.typed !== undefined) {
      if (badNumber(v, shape.typed) !== -1) throw numbersError(v, shape.typed, path);
      return new VALUE_TYPED_ARRAYS[shape.typed](v as never);
    }
    const list = hostList(v);
    if (list === null || (shape.length !== undefined && list.length !== shape.length)) {
      throw shape.length === undefined ? typeError('type/list', path, v) : typeError('type/fixed-list', path, v, shape.length);
    }
    return list.map((x, i) => valueFromHost(shape.list, x, `${path}[${i}]`));
  }
  if ('map' in shape) {
    const entries = mapEntries(v);
    if (entries === null) throw typeError('type/map', path, v);
    const [ks, vs] = shape.map;
    return new Map(entries.map(([k, x], i) => [valueFromHost(ks, k, `${path}[${i}] .key`), valueFromHost(vs, x, `${path}[${i}] .value`)]));
  }
  if ('variant' in shape) return caseFromHost(shape.variant, v, path, 'type/variant');
  if ('result' in shape) return caseFromHost([['ok', shape.result[0]], ['err', shape.result[1]]], v, path, 'type/result');
  if ('enum' in shape) {
    if (typeof v !== 'string' || !shape.enum.includes(v)) throw typeError('type/enum', path, v, shape.enum.map((n) => `'${n}'`).join(', '));
    return v;
  }
  if ('flags' in shape) {
    const bits = flagsBits(v, shape.flags);
    if (bits < 0) throw typeError('type/flags', path, v);
    const out: Record<string, boolean> = {};
    shape.flags.forEach((key, i) => (out[key] = (bits & (1 << i)) !== 0));
    return out;
  }
  // option: T | undefined (null accepted), or tagged when T is an option
  if (!shape.tagged) return v === undefined || v === null ? undefined : valueFromHost(shape.option, v, path);
  if (v === undefined || v === null) return { tag: 'none' };
  return caseFromHost([['none', null], ['some', shape.option]], v, path, 'type/option-tagged');
}

/**
 * The value import at `keys` (JS keys: the import, then instance export
 * names) of the imports object, checked. A missing value is an
 * `import/missing` TypeError, except for an option (none).
 */
export function valueImport(imports: unknown, keys: readonly string[], name: string, shape: ValueShape): unknown {
  // the instance imports on the way must be there
  const holder = keys.length > 1 ? hostValue(imports, keys.slice(0, -1), name) : imports;
  const v = holder === null || holder === undefined ? undefined : (holder as Record<string, unknown>)[keys[keys.length - 1]!];
  if (v === undefined && !(typeof shape === 'object' && 'option' in shape)) hostValue(imports, keys, name);
  return valueFromHost(shape, v, `import ${JSON.stringify(name)}`);
}
