/**
 * Lists across the boundary: lists of numbers as typed arrays (copied out of
 * and into linear memory in bulk), other lists as Arrays.
 */
import { memAlloc, checkList, memDataView, type MemView, type Realloc } from './memory.js';
import { typeError, type CodedTypeError } from './type-errors.js';

export type NumKind = 'u8' | 's8' | 'u16' | 's16' | 'u32' | 's32' | 'u64' | 's64' | 'f32' | 'f64';
type Typed = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array
  | BigUint64Array | BigInt64Array | Float32Array | Float64Array;
type TypedCtor = { new (n: number): Typed; new (b: ArrayBufferLike, o: number, n: number): Typed; BYTES_PER_ELEMENT: number };

const TYPED_ARRAY_CTORS: Record<NumKind, TypedCtor> = {
  u8: Uint8Array, s8: Int8Array, u16: Uint16Array, s16: Int16Array, u32: Uint32Array, s32: Int32Array,
  u64: BigUint64Array, s64: BigInt64Array, f32: Float32Array, f64: Float64Array,
};

/** Lifts `len` numbers at `ptr` into a fresh typed array (NaNs canonicalised). */
export function liftNumbers(m: MemView, ptr: number, len: number, kind: NumKind): Typed {
  const Ctor = TYPED_ARRAY_CTORS[kind];
  const size = Ctor.BYTES_PER_ELEMENT;
  checkList(memDataView(m), ptr, len, size, size);
  const out = new Ctor(len);
  new Uint8Array(out.buffer).set(m.u8.subarray(ptr, ptr + len * size));
  if (kind === 'f32' || kind === 'f64') {
    const f = out as Float32Array | Float64Array;
    for (let i = 0; i < len; i++) if (f[i] !== f[i]) f[i] = NaN;
  }
  return out;
}

/** Lowers a checked typed array or array of numbers: allocates and copies; returns the pointer. */
export function lowerNumbers(v: ArrayLike<number | bigint>, m: MemView, realloc: Realloc, kind: NumKind): number {
  const Ctor = TYPED_ARRAY_CTORS[kind];
  const size = Ctor.BYTES_PER_ELEMENT;
  const n = v.length;
  const ptr = memAlloc(m, realloc, size, n * size);
  if (v instanceof Ctor) {
    m.u8.set(new Uint8Array(v.buffer, v.byteOffset, n * size), ptr);
  } else {
    (new Ctor(m.u8.buffer, ptr, n) as { set(a: ArrayLike<number | bigint>): void }).set(v);
  }
  return ptr;
}

const INT_IN_RANGE: Partial<Record<NumKind, (x: number) => boolean>> = {
  u8: (x) => (x & 0xff) === x,
  s8: (x) => (x << 24) >> 24 === x,
  u16: (x) => (x & 0xffff) === x,
  s16: (x) => (x << 16) >> 16 === x,
  u32: (x) => x >>> 0 === x,
  s32: (x) => (x | 0) === x,
};

/** Index of the first element of `v` that is not a `kind` number: -1 if none, -2 if `v` is not a list of numbers. */
export function badNumber(v: unknown, kind: NumKind): number {
  if (v instanceof TYPED_ARRAY_CTORS[kind]) return -1;
  if (!Array.isArray(v)) return -2;
  const inRange = INT_IN_RANGE[kind];
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    const ok = inRange
      ? inRange(x)
      : kind === 'u64' ? typeof x === 'bigint' && BigInt.asUintN(64, x) === x
      : kind === 's64' ? typeof x === 'bigint' && BigInt.asIntN(64, x) === x
      : typeof x === 'number';
    if (!ok) return i;
  }
  return -1;
}

/** The TypeError for a value `badNumber` rejected: names the bad element. */
export function numbersError(v: unknown, kind: NumKind, path: string): CodedTypeError {
  const i = badNumber(v, kind);
  return i < 0 ? typeError('type/numbers', path, v, ` (${kind})`) : typeError('type/numbers', `${path}[${i}]`, (v as unknown[])[i], ` (${kind})`);
}

/**
 * A host list as an Array: Arrays as they are, other iterables copied.
 * Null when `v` is not a list, or is a one-shot iterator (the glue reads a
 * list twice: once to check it, once to store it).
 */
export function hostList(v: unknown): readonly unknown[] | null {
  if (Array.isArray(v)) return v;
  if (typeof v !== 'object' || v === null || typeof v === 'string') return null;
  const iter = (v as { [Symbol.iterator]?: () => unknown })[Symbol.iterator];
  if (typeof iter !== 'function' || iter.call(v) === v) return null;
  return Array.from(v as Iterable<unknown>);
}

/** A host map (Map, or plain object) as an Array of [key, value] entries; null otherwise. */
export function mapEntries(v: unknown): readonly (readonly [unknown, unknown])[] | null {
  if (v instanceof Map) return Array.from(v);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  return Object.entries(v);
}

