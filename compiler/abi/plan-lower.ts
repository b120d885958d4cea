/**
 * Phase 2 of lowering a (checked) host value: into flat core values
 * (spec `lower_flat`) or into linear memory (spec `store`), allocating
 * strings and lists through realloc.
 */
import type { ValType } from '../types/model.js';
import type { CaseBlock, Conv, MemKind, Path, Var } from './instructions.js';
import type { PlanBuilder } from './plan-builder.js';
import {
  alignment, discriminantSize, elemSize, fieldOffsets, fieldTypes, flagsSize, flatten, mapEntryType,
  payloadOffset, ptrSize, variantCases, type CoreFlatType,
} from './layout.js';
import { UNROLL_LIMIT, isHandle, isTypedList, numericKind } from './host-shape.js';
import { hostList, listLength, readField } from './plan-check.js';

type CasesType = ValType & { kind: 'variant' | 'enum' | 'option' | 'result' };

/** Where a variant's case comes from: a host value to match, or a case index and payload the plan already has. */
export type CaseSource = { host: Var } | { disc: Var; payload: Var | null };

/** Lowers a checked host value to its flat core values (typed as `flatten(t)`). */
export function lowerFlat(b: PlanBuilder, t: ValType, v: Var): Var[] {
  switch (t.kind) {
    case 'bool':
      return [b.def((dst) => ({ op: 'conv', dst, src: v, conv: 'from-bool' }))];
    case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32':
    case 's64': case 'u64': case 'f32': case 'f64':
      return [v];
    case 'char':
      return [charCode(b, v)];
    case 'string':
      return lowerString(b, v);
    case 'list': case 'map':
      if (t.kind === 'list' && t.length !== undefined) {
        const arr = hostList(b, t, v, null);
        const out: Var[] = [];
        for (let k = 0; k < t.length; k++) {
          const at = b.constant(k);
          out.push(...lowerFlat(b, t.element, b.def((dst) => ({ op: 'item', dst, src: arr, index: at }))));
        }
        return out;
      }
      return lowerList(b, t, v);
    case 'record': case 'tuple':
      return fieldTypes(t)!.flatMap((ft, i) => lowerFlat(b, ft, readField(b, t, v, i)));
    case 'flags':
      return [b.read(`${v}`, 'flags-bits', (dst) => ({ op: 'flags-bits', dst, src: v, type: t, path: null }))];
    case 'enum':
      return [enumIndex(b, t, v)];
    case 'variant': case 'option': case 'result':
      return lowerCasesFlat(b, t, { host: v });
    default:
      if (isHandle(t)) return [b.def((dst) => ({ op: 'lower-handle', dst, src: v, type: t }))];
      throw new Error(`lowerFlat: ${t.kind}`);
  }
}

/** Lowers a variant-like value to flat slots: [discriminant, ...joined payload slots]. */
export function lowerCasesFlat(
  b: PlanBuilder,
  t: CasesType,
  src: CaseSource,
  lowerPayload: (type: ValType, payload: Var) => Var[] = (c, p) => lowerFlat(b, c, p),
  path: Path | null = null,
): Var[] {
  const flat = flatten(t, b.opts.ptrType);
  const dsts = flat.map(() => b.newVar());
  const cases = caseBlocks(b, t, src, (c, payload, i) => {
    const out = [b.constant(i)];
    const vals = c && payload !== null ? lowerPayload(c, payload) : [];
    const have = c ? flatten(c, b.opts.ptrType) : [];
    for (let k = 1; k < flat.length; k++) {
      const want = flat[k]!;
      out.push(k - 1 < vals.length ? coerce(b, vals[k - 1]!, have[k - 1]!, want) : zero(b, want));
    }
    return out;
  });
  emitCases(b, t, src, cases, dsts, path);
  return dsts;
}

/** Stores a checked host value at `ptr + offset` (spec `store`). */
export function lowerStore(b: PlanBuilder, t: ValType, v: Var, ptr: Var, offset: number): void {
  const store = (kind: MemKind, src: Var, off = offset) =>
    b.emit({ op: 'store', view: b.currentView(), ptr, offset: off, kind, src });
  switch (t.kind) {
    case 'bool':
      return store('u8', b.def((dst) => ({ op: 'conv', dst, src: v, conv: 'from-bool' })));
    case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32':
    case 's64': case 'u64': case 'f32': case 'f64':
      return store(t.kind, v);
    case 'char':
      return store('u32', charCode(b, v));
    case 'string': {
      const [p, n] = lowerString(b, v);
      store(b.ptrKind, p!);
      return store(b.ptrKind, n!, offset + ptrSize(b.opts.ptrType));
    }
    case 'list': case 'map': {
      if (t.kind === 'list' && t.length !== undefined) return storeFixedList(b, t, v, ptr, offset);
      const [p, n] = lowerList(b, t, v);
      store(b.ptrKind, p!);
      return store(b.ptrKind, n!, offset + ptrSize(b.opts.ptrType));
    }
    case 'record': case 'tuple': {
      const types = fieldTypes(t)!;
      const offsets = fieldOffsets(types, b.opts.ptrType);
      types.forEach((ft, i) => lowerStore(b, ft, readField(b, t, v, i), ptr, offset + offsets[i]!));
      return;
    }
    case 'flags': {
      const bits = b.read(`${v}`, 'flags-bits', (dst) => ({ op: 'flags-bits', dst, src: v, type: t, path: null }));
      return store(sizeKind(flagsSize(t.names.length)), bits);
    }
    case 'enum':
      return store(sizeKind(discriminantSize(t.names.length)), enumIndex(b, t, v));
    case 'variant': case 'option': case 'result':
      return lowerCasesStore(b, t, { host: v }, ptr, offset);
    default:
      if (isHandle(t)) return store('u32', b.def((dst) => ({ op: 'lower-handle', dst, src: v, type: t })));
      throw new Error(`lowerStore: ${t.kind}`);
  }
}

/** Stores a variant-like value: discriminant, then the payload at its aligned offset. */
export function lowerCasesStore(b: PlanBuilder, t: CasesType, src: CaseSource, ptr: Var, offset: number): void {
  const all = variantCases(t)!;
  const discKind = sizeKind(discriminantSize(all.length));
  const payloadAt = offset + payloadOffset(all, b.opts.ptrType);
  const cases = caseBlocks(b, t, src, (c, payload, i) => {
    b.emit({ op: 'store', view: b.currentView(), ptr, offset, kind: discKind, src: b.constant(i) });
    if (c && payload !== null) lowerStore(b, c, payload, ptr, payloadAt);
    return [];
  });
  emitCases(b, t, src, cases, []);
}

function caseBlocks(
  b: PlanBuilder,
  t: CasesType,
  src: CaseSource,
  fill: (type: ValType | null, payload: Var | null, index: number) => Var[],
): CaseBlock[] {
  return variantCases(t)!.map((c, i) => {
    // a host match binds a fresh payload per case; a known case reuses the plan's payload Var
    const payload = 'host' in src ? (c.type ? b.newVar() : null) : src.payload;
    return b.caseBlock(i, 'host' in src ? payload : null, () => fill(c.type, payload, i));
  });
}

function emitCases(b: PlanBuilder, t: CasesType, src: CaseSource, cases: CaseBlock[], dsts: Var[], path: Path | null = null): void {
  if ('host' in src) b.emit({ op: 'match', src: src.host, type: t, path, cases, dsts });
  else b.emit({ op: 'switch', on: src.disc, cases, dsts, exhaustive: true });
}

/**
 * Strings: `lower-string` gives pointer and length (in code units, tagged for
 * latin1+utf16), as the core side holds them (i64 for memory64, like lists).
 */
function lowerString(b: PlanBuilder, v: Var): Var[] {
  const ptr = b.newVar();
  const len = b.newVar();
  b.emit({ op: 'lower-string', src: v, ptr, len });
  return [b.coreAddr(ptr), b.coreStringLen(len)];
}

/** A variable-length list (or map): allocate, store the elements; gives [ptr, length]. */
function lowerList(b: PlanBuilder, t: ValType & { kind: 'list' | 'map' }, v: Var): Var[] {
  if (t.kind === 'list' && isTypedList(t)) {
    const ptr = b.newVar();
    b.emit({ op: 'lower-numbers', src: v, ptr, elem: numericKind(t.element)! });
    return [b.coreAddr(ptr), b.coreAddr(listLength(b, t, v))];
  }
  const elem = t.kind === 'map' ? mapEntryType(t) : t.element;
  const size = elemSize(elem, b.opts.ptrType);
  const arr = hostList(b, t, v, null);
  const len = listLength(b, t, arr);
  const bytes = b.def((dst) => ({ op: 'addr', dst, base: null, index: len, scale: size }));
  const ptr = b.def((dst) => ({ op: 'alloc', dst, align: alignment(elem, b.opts.ptrType), size: bytes }));
  storeElements(b, elem, arr, len, ptr, 0);
  return [b.coreAddr(ptr), b.coreAddr(len)];
}

function storeFixedList(b: PlanBuilder, t: ValType & { kind: 'list' }, v: Var, ptr: Var, offset: number): void {
  const size = elemSize(t.element, b.opts.ptrType);
  const arr = hostList(b, t, v, null);
  if (t.length! <= UNROLL_LIMIT) {
    for (let k = 0; k < t.length!; k++) {
      const at = b.constant(k);
      const e = b.def((dst) => ({ op: 'item', dst, src: arr, index: at }));
      lowerStore(b, t.element, e, ptr, offset + k * size);
    }
    return;
  }
  storeElements(b, t.element, arr, b.constant(t.length!), ptr, offset);
}

function storeElements(b: PlanBuilder, elem: ValType, arr: Var, len: Var, ptr: Var, offset: number): void {
  const size = elemSize(elem, b.opts.ptrType);
  const index = b.newVar();
  const { body } = b.nested(() => {
    const e = b.def((dst) => ({ op: 'item', dst, src: arr, index }));
    const at = b.def((dst) => ({ op: 'addr', dst, base: ptr, index, scale: size }));
    lowerStore(b, elem, e, at, offset);
    return [];
  }, true);
  b.emit({ op: 'loop', count: len, index, body });
}

function charCode(b: PlanBuilder, v: Var): Var {
  return b.read(`${v}`, 'char-code', (dst) => ({ op: 'char-code', dst, src: v, path: null }));
}

function enumIndex(b: PlanBuilder, t: ValType & { kind: 'enum' }, v: Var): Var {
  return b.read(`${v}`, 'enum-index', (dst) => ({ op: 'enum-index', dst, src: v, type: t, path: null }));
}

/** Spec `lower_flat_variant` coercion of a payload value into its joined slot type. */
function coerce(b: PlanBuilder, v: Var, have: CoreFlatType, want: CoreFlatType): Var {
  if (have === want) return v;
  const conv = (src: Var, c: Conv) => b.def((dst) => ({ op: 'conv', dst, src, conv: c }));
  if (have === 'f32' && want === 'i32') return conv(v, 'f32-to-i32');
  if (have === 'i32' && want === 'i64') return conv(v, 'extend-i32');
  if (have === 'f32' && want === 'i64') return conv(conv(v, 'f32-to-i32'), 'extend-i32');
  if (have === 'f64' && want === 'i64') return conv(v, 'f64-to-i64');
  throw new Error(`coerce ${have} → ${want}`);
}

function zero(b: PlanBuilder, t: CoreFlatType): Var {
  return b.constant(t === 'i64' ? 0n : 0);
}

export function sizeKind(size: 1 | 2 | 4): MemKind {
  return size === 1 ? 'u8' : size === 2 ? 'u16' : 'u32';
}
