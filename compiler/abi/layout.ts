/**
 * Canonical ABI layout: alignment, element size and flattening of value
 * types (CanonicalABI.md "Alignment", "Element Size", "Flattening").
 *
 * Specialised types are handled as the spec despecialises them: a tuple is a
 * record, an enum a variant without payloads, `option<T>` the variant
 * `none | some(T)`, `result<T,E>` the variant `ok(T) | error(E)`, and
 * `map<K,V>` the list `list<tuple<K,V>>`.
 *
 * Results are memoized per type object (types are shared objects in the
 * resolved model) and per pointer type (`i64` for memory64, and for the
 * validator's `elem_size(t, 'i64') < 2^28` rule).
 */
import type { FuncType, ValType } from '../types/model.js';
import { LIMITS } from '../binary/opcodes.js';

export type CoreFlatType = 'i32' | 'i64' | 'f32' | 'f64';
export type PtrType = 'i32' | 'i64';

/** A case of a (despecialised) variant. */
export interface Case {
  readonly name: string;
  readonly type: ValType | null;
}

export const ptrSize = (ptrType: PtrType): 4 | 8 => (ptrType === 'i32' ? 4 : 8);
export const alignTo = (n: number, align: number): number => Math.ceil(n / align) * align;

/** The field types of a record or tuple, or null for other types. */
export function fieldTypes(t: ValType): readonly ValType[] | null {
  if (t.kind === 'record') return t.fields.map((f) => f.type);
  if (t.kind === 'tuple') return t.types;
  return null;
}

const caseMemo = new WeakMap<ValType, readonly Case[]>();

/** The cases of a variant, enum, option or result (as despecialised), or null. */
export function variantCases(t: ValType): readonly Case[] | null {
  const hit = caseMemo.get(t);
  if (hit) return hit;
  let cases: Case[];
  switch (t.kind) {
    case 'variant':
      cases = t.cases;
      break;
    case 'enum':
      cases = t.names.map((name) => ({ name, type: null }));
      break;
    case 'option':
      cases = [
        { name: 'none', type: null },
        { name: 'some', type: t.type },
      ];
      break;
    case 'result':
      cases = [
        { name: 'ok', type: t.ok },
        { name: 'error', type: t.err },
      ];
      break;
    default:
      return null;
  }
  caseMemo.set(t, cases);
  return cases;
}

/** Byte size of the discriminant of a variant with `n` cases (spec `discriminant_type`). */
export function discriminantSize(n: number): 1 | 2 | 4 {
  if (n <= 0x100) return 1;
  if (n <= 0x10000) return 2;
  return 4;
}

/** Byte size of a flags value with `n` labels (1, 2 or 4). */
export function flagsSize(n: number): 1 | 2 | 4 {
  if (n <= 8) return 1;
  if (n <= 16) return 2;
  return 4;
}

/** For a `map<K,V>`: the element type `tuple<K,V>` of its list form (memoized). */
const mapEntryMemo = new WeakMap<ValType, ValType>();
export function mapEntryType(t: ValType & { kind: 'map' }): ValType {
  let e = mapEntryMemo.get(t);
  if (!e) mapEntryMemo.set(t, (e = { kind: 'tuple', types: [t.key, t.value] }));
  return e;
}

type Memo = { align: WeakMap<ValType, number>; size: WeakMap<ValType, number>; flat: WeakMap<ValType, number> };
const memos: Record<PtrType, Memo> = {
  i32: { align: new WeakMap(), size: new WeakMap(), flat: new WeakMap() },
  i64: { align: new WeakMap(), size: new WeakMap(), flat: new WeakMap() },
};

/** Spec `alignment(t, ptr_type)`. */
export function alignment(t: ValType, ptrType: PtrType = 'i32'): number {
  const memo = memos[ptrType].align;
  let a = memo.get(t);
  if (a === undefined) memo.set(t, (a = computeAlignment(t, ptrType)));
  return a;
}

function computeAlignment(t: ValType, ptrType: PtrType): number {
  switch (t.kind) {
    case 'bool': case 's8': case 'u8':
      return 1;
    case 's16': case 'u16':
      return 2;
    case 's32': case 'u32': case 'f32': case 'char': case 'error-context':
    case 'own': case 'borrow': case 'stream': case 'future':
      return 4;
    case 's64': case 'u64': case 'f64':
      return 8;
    case 'string':
      return ptrSize(ptrType);
    case 'list':
      return t.length !== undefined ? alignment(t.element, ptrType) : ptrSize(ptrType);
    case 'map':
      return ptrSize(ptrType);
    case 'flags':
      return flagsSize(t.names.length);
    case 'record': case 'tuple':
      return fieldTypes(t)!.reduce((a, f) => Math.max(a, alignment(f, ptrType)), 1);
    case 'variant': case 'enum': case 'option': case 'result': {
      const cases = variantCases(t)!;
      return Math.max(discriminantSize(cases.length), maxCaseAlignment(cases, ptrType));
    }
  }
}

/** Spec `max_case_alignment`: alignment of the payload area of a variant. */
export function maxCaseAlignment(cases: readonly Case[], ptrType: PtrType = 'i32'): number {
  let a = 1;
  for (const c of cases) if (c.type) a = Math.max(a, alignment(c.type, ptrType));
  return a;
}

/** Spec `elem_size(t, ptr_type)`. */
export function elemSize(t: ValType, ptrType: PtrType = 'i32'): number {
  const memo = memos[ptrType].size;
  let s = memo.get(t);
  if (s === undefined) memo.set(t, (s = computeElemSize(t, ptrType)));
  return s;
}

function computeElemSize(t: ValType, ptrType: PtrType): number {
  switch (t.kind) {
    case 'list':
      return t.length !== undefined ? t.length * elemSize(t.element, ptrType) : 2 * ptrSize(ptrType);
    case 'string': case 'map':
      return 2 * ptrSize(ptrType);
    case 'flags':
      return flagsSize(t.names.length);
    case 'record': case 'tuple': {
      let s = 0;
      for (const f of fieldTypes(t)!) s = alignTo(s, alignment(f, ptrType)) + elemSize(f, ptrType);
      return alignTo(s, alignment(t, ptrType));
    }
    case 'variant': case 'enum': case 'option': case 'result': {
      const cases = variantCases(t)!;
      let payload = 0;
      for (const c of cases) if (c.type) payload = Math.max(payload, elemSize(c.type, ptrType));
      const s = payloadOffset(cases, ptrType) + payload;
      return alignTo(s, alignment(t, ptrType));
    }
    default:
      // scalars and handles: size equals alignment
      return alignment(t, ptrType);
  }
}

/** Byte offsets of the fields of a record/tuple (spec `store_record`). */
export function fieldOffsets(fields: readonly ValType[], ptrType: PtrType = 'i32'): number[] {
  const out: number[] = [];
  let s = 0;
  for (const f of fields) {
    s = alignTo(s, alignment(f, ptrType));
    out.push(s);
    s += elemSize(f, ptrType);
  }
  return out;
}

/** Byte offset of a variant's payload (after the discriminant, aligned). */
export function payloadOffset(cases: readonly Case[], ptrType: PtrType = 'i32'): number {
  return alignTo(discriminantSize(cases.length), maxCaseAlignment(cases, ptrType));
}

/** Number of flat core values of `t` (without building them; fixed lists may be huge). */
export function flatCount(t: ValType, ptrType: PtrType = 'i32'): number {
  const memo = memos[ptrType].flat;
  let n = memo.get(t);
  if (n === undefined) memo.set(t, (n = computeFlatCount(t, ptrType)));
  return n;
}

function computeFlatCount(t: ValType, ptrType: PtrType): number {
  switch (t.kind) {
    case 'string': case 'map':
      return 2;
    case 'list':
      return t.length !== undefined ? t.length * flatCount(t.element, ptrType) : 2;
    case 'record': case 'tuple':
      return fieldTypes(t)!.reduce((n, f) => n + flatCount(f, ptrType), 0);
    case 'variant': case 'enum': case 'option': case 'result':
      return 1 + variantCases(t)!.reduce((n, c) => Math.max(n, c.type ? flatCount(c.type, ptrType) : 0), 0);
    default:
      return 1;
  }
}

/** Above this many flat values `flatten` refuses to build the list (callers compare `flatCount` first). */
const MATERIALIZE_LIMIT = 1 << 16;
const flatMemo: Record<PtrType, WeakMap<ValType, readonly CoreFlatType[]>> = { i32: new WeakMap(), i64: new WeakMap() };

/** Spec `flatten_type(t)`: the core value types `t` is passed as (when not spilled). */
export function flatten(t: ValType, ptrType: PtrType = 'i32'): readonly CoreFlatType[] {
  const memo = flatMemo[ptrType];
  let f = memo.get(t);
  if (f) return f;
  if (flatCount(t, ptrType) > MATERIALIZE_LIMIT) {
    throw new RangeError(`flatten: ${flatCount(t, ptrType)} flat values (check flatCount first)`);
  }
  memo.set(t, (f = computeFlatten(t, ptrType)));
  return f;
}

function computeFlatten(t: ValType, ptrType: PtrType): CoreFlatType[] {
  switch (t.kind) {
    case 's64': case 'u64':
      return ['i64'];
    case 'f32':
      return ['f32'];
    case 'f64':
      return ['f64'];
    case 'string': case 'map':
      return [ptrType, ptrType];
    case 'list': {
      if (t.length === undefined) return [ptrType, ptrType];
      const e = flatten(t.element, ptrType);
      const out: CoreFlatType[] = [];
      for (let i = 0; i < t.length; i++) out.push(...e);
      return out;
    }
    case 'record': case 'tuple':
      return fieldTypes(t)!.flatMap((f) => flatten(f, ptrType));
    case 'variant': case 'enum': case 'option': case 'result': {
      const joined: CoreFlatType[] = [];
      for (const c of variantCases(t)!) {
        if (!c.type) continue;
        flatten(c.type, ptrType).forEach((ft, i) => {
          joined[i] = i < joined.length ? join(joined[i]!, ft) : ft;
        });
      }
      return ['i32', ...joined];
    }
    default:
      return ['i32'];
  }
}

/** Spec `join`: the slot type two variant payload types share. */
export function join(a: CoreFlatType, b: CoreFlatType): CoreFlatType {
  if (a === b) return a;
  if ((a === 'i32' && b === 'f32') || (a === 'f32' && b === 'i32')) return 'i32';
  return 'i64';
}

export interface FlatFuncType {
  params: CoreFlatType[];
  results: CoreFlatType[];
  /** the parameters are passed in memory, through one pointer */
  spillParams: boolean;
  /** the results are passed in memory: a returned pointer (lift) or an extra pointer parameter (lower) */
  spillResults: boolean;
}

export interface FlattenOptions {
  ptrType?: PtrType;
  /** `async` canonopt */
  async?: boolean;
  /** `callback` canonopt (async lift only) */
  callback?: boolean;
}

/** Spec `flatten_functype(opts, ft, context)`, with which spill rules applied. */
export function flattenFuncType(ft: FuncType, context: 'lift' | 'lower', opts: FlattenOptions = {}): FlatFuncType {
  const ptr = opts.ptrType ?? 'i32';
  const paramCount = ft.params.reduce((n, p) => n + flatCount(p.type, ptr), 0);
  const resultCount = ft.result ? flatCount(ft.result, ptr) : 0;
  const flatParams = (): CoreFlatType[] => ft.params.flatMap((p) => flatten(p.type, ptr));
  const flatResults = (): CoreFlatType[] => (ft.result ? [...flatten(ft.result, ptr)] : []);

  if (!opts.async) {
    const spillParams = paramCount > LIMITS.MAX_FLAT_PARAMS;
    const spillResults = resultCount > LIMITS.MAX_FLAT_RESULTS;
    const params = spillParams ? [ptr] : flatParams();
    let results = spillResults ? [ptr] : flatResults();
    if (spillResults && context === 'lower') {
      params.push(ptr);
      results = [];
    }
    return { params, results, spillParams, spillResults };
  }
  if (context === 'lift') {
    const spillParams = paramCount > LIMITS.MAX_FLAT_PARAMS;
    return {
      params: spillParams ? [ptr] : flatParams(),
      results: opts.callback ? ['i32'] : [],
      spillParams,
      spillResults: false, // results go through task.return
    };
  }
  const spillParams = paramCount > LIMITS.MAX_FLAT_ASYNC_PARAMS;
  const params = spillParams ? [ptr] : flatParams();
  if (resultCount > 0) params.push(ptr);
  return { params, results: ['i32'], spillParams, spillResults: resultCount > 0 };
}

/** `tuple<params...>`: the spilled parameter (or result) area, as the spec types it. */
export function tupleOf(types: readonly ValType[]): ValType {
  return { kind: 'tuple', types: [...types] };
}
