/**
 * Lifting core values into host values: from flat values (spec `lift_flat`)
 * or from linear memory (spec `load`). Traps (bad discriminants, chars,
 * pointers, UTF-8...) are raised by the ops themselves.
 */
import type { ValType } from '../types/model.js';
import type { Conv, MemKind, Var } from './instructions.js';
import type { PlanBuilder } from './plan-builder.js';
import {
  discriminantSize, elemSize, alignment, fieldOffsets, fieldTypes, flagsSize, flatten, mapEntryType,
  payloadOffset, ptrSize, tupleOf, variantCases, type CoreFlatType,
} from './layout.js';
import { UNROLL_LIMIT, isHandle, isTypedList, numericKind } from './host-shape.js';
import { sizeKind } from './plan-lower.js';

type CasesType = ValType & { kind: 'variant' | 'enum' | 'option' | 'result' };

/** Flat core values being consumed left to right, each with the core type it has. */
export class FlatCursor {
  private i = 0;
  constructor(
    private readonly b: PlanBuilder,
    private readonly vals: readonly { v: Var; t: CoreFlatType }[],
  ) {}

  /** The next value as `want` (spec `CoerceValueIter`: undoes a variant's slot join). */
  next(want: CoreFlatType): Var {
    const { v, t: have } = this.vals[this.i++]!;
    if (have === want) return v;
    const conv = (src: Var, c: Conv) => this.b.def((dst) => ({ op: 'conv', dst, src, conv: c }));
    if (have === 'i32' && want === 'f32') return conv(v, 'f32-from-i32');
    if (have === 'i64' && want === 'i32') return conv(v, 'wrap-i64');
    if (have === 'i64' && want === 'f32') return conv(conv(v, 'wrap-i64'), 'f32-from-i32');
    if (have === 'i64' && want === 'f64') return conv(v, 'f64-from-i64');
    throw new Error(`flat ${have} read as ${want}`);
  }

  /** The next `n` values as they are (a variant's slots, decoded per case). */
  take(n: number): { v: Var; t: CoreFlatType }[] {
    const out = this.vals.slice(this.i, this.i + n);
    this.i += n;
    return out;
  }
}

const SCALAR_CONV: Partial<Record<ValType['kind'], Conv>> = {
  bool: 'bool', s8: 's8', u8: 'u8', s16: 's16', u16: 'u16', s32: 's32', u32: 'u32', u64: 'u64', f32: 'f32', f64: 'f64',
};

/** Lifts a value from flat core values. */
export function liftFlat(b: PlanBuilder, t: ValType, cur: FlatCursor): Var {
  const conv = (src: Var, c: Conv) => b.def((dst) => ({ op: 'conv', dst, src, conv: c }));
  switch (t.kind) {
    case 'bool': case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32':
    case 'u64': case 'f32': case 'f64':
      return conv(cur.next(flatten(t)[0]!), SCALAR_CONV[t.kind]!);
    case 's64':
      return cur.next('i64');
    case 'char':
      return b.def((dst) => ({ op: 'make-char', dst, src: cur.next('i32') }));
    case 'string': {
      const ptr = b.addr(cur.next(b.opts.ptrType));
      const len = b.stringLen(cur.next(b.opts.ptrType));
      return b.def((dst) => ({ op: 'lift-string', dst, ptr, len }));
    }
    case 'list': case 'map': {
      if (t.kind === 'list' && t.length !== undefined) {
        const items: Var[] = [];
        for (let k = 0; k < t.length; k++) items.push(liftFlat(b, t.element, cur));
        return b.def((dst) => ({ op: 'make-record', dst, type: t, fields: items }));
      }
      const ptr = b.addr(cur.next(b.opts.ptrType));
      const len = b.addr(cur.next(b.opts.ptrType));
      return liftList(b, t, ptr, len);
    }
    case 'record': case 'tuple': {
      const fields = fieldTypes(t)!.map((ft) => liftFlat(b, ft, cur));
      return b.def((dst) => ({ op: 'make-record', dst, type: t, fields }));
    }
    case 'flags': {
      const bits = cur.next('i32');
      return b.def((dst) => ({ op: 'make-flags', dst, src: bits, type: t }));
    }
    case 'enum': {
      const disc = cur.next('i32');
      return b.def((dst) => ({ op: 'enum-name', dst, src: disc, type: t }));
    }
    case 'variant': case 'option': case 'result': {
      const disc = cur.next('i32');
      const slots = cur.take(flatten(t, b.opts.ptrType).length - 1);
      return liftCases(b, t, disc, (c) => liftFlat(b, c, new FlatCursor(b, slots)), hostCase(b, t))[0]!;
    }
    default:
      if (isHandle(t)) {
        const h = cur.next('i32');
        return b.def((dst) => ({ op: 'lift-handle', dst, src: h, type: t }));
      }
      throw new Error(`liftFlat: ${t.kind}`);
  }
}

/** Lifts a value stored at `ptr + offset` (the range was checked by the caller). */
export function liftLoad(b: PlanBuilder, t: ValType, ptr: Var, offset: number): Var {
  const load = (kind: MemKind, off = offset) =>
    b.def((dst) => ({ op: 'load', dst, view: b.currentView(), ptr, offset: off, kind }));
  const conv = (src: Var, c: Conv) => b.def((dst) => ({ op: 'conv', dst, src, conv: c }));
  switch (t.kind) {
    case 'bool':
      return conv(load('u8'), 'bool');
    case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32': case 's64': case 'u64':
      return load(t.kind);
    case 'f32': case 'f64':
      return conv(load(t.kind), t.kind);
    case 'char': {
      const code = load('u32');
      return b.def((dst) => ({ op: 'make-char', dst, src: code }));
    }
    case 'string': {
      const p = b.loadedAddr(load(b.ptrKind));
      const n = b.stringLen(load(b.ptrKind, offset + ptrSize(b.opts.ptrType)), true);
      return b.def((dst) => ({ op: 'lift-string', dst, ptr: p, len: n }));
    }
    case 'list': case 'map': {
      if (t.kind === 'list' && t.length !== undefined) return loadFixedList(b, t, ptr, offset);
      const p = b.loadedAddr(load(b.ptrKind));
      const n = b.loadedAddr(load(b.ptrKind, offset + ptrSize(b.opts.ptrType)));
      return liftList(b, t, p, n);
    }
    case 'record': case 'tuple': {
      const types = fieldTypes(t)!;
      const offsets = fieldOffsets(types, b.opts.ptrType);
      const fields = types.map((ft, i) => liftLoad(b, ft, ptr, offset + offsets[i]!));
      return b.def((dst) => ({ op: 'make-record', dst, type: t, fields }));
    }
    case 'flags': {
      const bits = load(sizeKind(flagsSize(t.names.length)));
      return b.def((dst) => ({ op: 'make-flags', dst, src: bits, type: t }));
    }
    case 'enum': {
      const disc = load(sizeKind(discriminantSize(t.names.length)));
      return b.def((dst) => ({ op: 'enum-name', dst, src: disc, type: t }));
    }
    case 'variant': case 'option': case 'result':
      return liftCasesLoad(b, t, ptr, offset, hostCase(b, t))[0]!;
    default:
      if (isHandle(t)) {
        const h = load('u32');
        return b.def((dst) => ({ op: 'lift-handle', dst, src: h, type: t }));
      }
      throw new Error(`liftLoad: ${t.kind}`);
  }
}

/** What each case of a lifted variant yields. */
export type CaseBuild = (index: number, payload: Var | null) => Var[];

/** A host variant/option/result value per case. */
export function hostCase(b: PlanBuilder, t: CasesType): CaseBuild {
  return (index, payload) => [b.def((dst) => ({ op: 'make-case', dst, type: t, index, payload }))];
}

/** `switch` on a lifted discriminant; `build` decides what each case yields. */
export function liftCases(
  b: PlanBuilder,
  t: CasesType,
  disc: Var,
  payload: (type: ValType) => Var,
  build: CaseBuild,
): Var[] {
  const all = variantCases(t)!;
  let arity = 0;
  const cases = all.map((c, i) =>
    b.caseBlock(i, null, () => {
      const out = build(i, c.type ? payload(c.type) : null);
      arity = out.length;
      return out;
    }),
  );
  const dsts = Array.from({ length: arity }, () => b.newVar());
  b.emit({ op: 'switch', on: disc, cases, dsts });
  return dsts;
}

/** Loads a variant-like value at `ptr + offset`. */
export function liftCasesLoad(b: PlanBuilder, t: CasesType, ptr: Var, offset: number, build: CaseBuild): Var[] {
  const all = variantCases(t)!;
  const kind = sizeKind(discriminantSize(all.length));
  const disc = b.def((dst) => ({ op: 'load', dst, view: b.currentView(), ptr, offset, kind }));
  const at = offset + payloadOffset(all, b.opts.ptrType);
  return liftCases(b, t, disc, (c) => liftLoad(b, c, ptr, at), build);
}

/** A variable-length list (or map) at [ptr, ptr + len * elemSize). */
function liftList(b: PlanBuilder, t: ValType & { kind: 'list' | 'map' }, ptr: Var, len: Var): Var {
  if (t.kind === 'list' && isTypedList(t)) {
    return b.def((dst) => ({ op: 'lift-numbers', dst, ptr, len, elem: numericKind(t.element)! }));
  }
  const elem = t.kind === 'map' ? mapEntryType(t) : t.element;
  const size = elemSize(elem, b.opts.ptrType);
  b.emit({ op: 'check-list', view: b.currentView(), ptr, len, elemSize: size, align: alignment(elem, b.opts.ptrType) });
  const list = b.def((dst) => ({ op: 'new-list', dst, type: t, len }));
  loadElements(b, t, elem, list, ptr, 0, len);
  return list;
}

function loadFixedList(b: PlanBuilder, t: ValType & { kind: 'list' }, ptr: Var, offset: number): Var {
  const size = elemSize(t.element, b.opts.ptrType);
  if (t.length! <= UNROLL_LIMIT) {
    const items: Var[] = [];
    for (let k = 0; k < t.length!; k++) items.push(liftLoad(b, t.element, ptr, offset + k * size));
    return b.def((dst) => ({ op: 'make-record', dst, type: t, fields: items }));
  }
  const len = b.constant(t.length!);
  const list = b.def((dst) => ({ op: 'new-list', dst, type: t, len }));
  loadElements(b, t, t.element, list, ptr, offset, len);
  return list;
}

function loadElements(
  b: PlanBuilder, t: ValType, elem: ValType, list: Var, ptr: Var, offset: number, len: Var,
): void {
  const size = elemSize(elem, b.opts.ptrType);
  const index = b.newVar();
  const { body } = b.nested(() => {
    const at = b.def((dst) => ({ op: 'addr', dst, base: ptr, index, scale: size }));
    if (t.kind === 'map') {
      const offsets = fieldOffsets([t.key, t.value], b.opts.ptrType);
      const key = liftLoad(b, t.key, at, offset + offsets[0]!);
      const value = liftLoad(b, t.value, at, offset + offsets[1]!);
      b.emit({ op: 'map-set', map: list, key, value });
    } else {
      b.emit({ op: 'list-set', list, index, src: liftLoad(b, elem, at, offset) });
    }
    return [];
  }, true);
  b.emit({ op: 'loop', count: len, index, body });
}

/**
 * The arguments a lowered call receives as the caller's flat core params,
 * lifted: from the params themselves, or (spilled past the flat limit) from
 * the tuple the first param points to. A trailing out-pointer is not an argument.
 */
export function liftParams(
  b: PlanBuilder,
  types: ValType[],
  flat: { params: CoreFlatType[]; spillParams: boolean; spillResults: boolean },
  params: Var[],
): Var[] {
  const ptrType = b.opts.ptrType;
  if (flat.spillParams) {
    const tuple = tupleOf(types);
    const ptr = b.addr(params[0]!);
    b.emit({ op: 'check-ptr', view: b.currentView(), ptr, align: alignment(tuple, ptrType), size: elemSize(tuple, ptrType) });
    const offsets = fieldOffsets(types, ptrType);
    return types.map((t, i) => liftLoad(b, t, ptr, offsets[i]!));
  }
  const count = flat.params.length - (flat.spillResults ? 1 : 0);
  const cur = new FlatCursor(b, params.slice(0, count).map((v, i) => ({ v, t: flat.params[i]! })));
  return types.map((t) => liftFlat(b, t, cur));
}
