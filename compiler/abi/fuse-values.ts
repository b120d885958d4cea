/**
 * One value of a fused call, moved from one component to the other without a
 * host value in between. At the top level a value goes flat to flat (both
 * sides flatten a type to as many values, and both spill or neither does;
 * with a 64-bit memory on one side its pointers are i64 there); everything a
 * pointer leads to goes from one linear memory to the other.
 *
 * What is read is what the spec's lift reads, with its traps (chars,
 * discriminants, pointers, string encodings); what is written is what the
 * spec's lower writes (bools as 0/1, flags without stray bits, strings
 * transcoded and lists allocated through the destination's realloc). Ranges
 * the core types already guarantee are not checked again.
 */
import type { ValType } from '../types/model.js';
import type { AbiOptions, Conv, MemKind, Side, Var } from './instructions.js';
import type { PlanBuilder } from './plan-builder.js';
import {
  alignment, discriminantSize, elemSize, fieldOffsets, fieldTypes, flagsSize, flatten, mapEntryType,
  payloadOffset, variantCases, type CoreFlatType,
} from './layout.js';
import { UNROLL_LIMIT, isHandle } from './host-shape.js';
import { FlatCursor } from './plan-lift.js';
import { sizeKind } from './plan-lower.js';

/** Which way a value goes: from whose memory and options to whose. */
export interface Route {
  from: Side;
  to: Side;
  fromOpts: AbiOptions;
  toOpts: AbiOptions;
}

type CasesType = ValType & { kind: 'variant' | 'enum' | 'option' | 'result' };

const SMALL_INT = new Set(['s8', 'u8', 's16', 'u16']);
const PASS_FLAT = new Set(['s32', 'u32', 's64', 'u64', 'f32', 'f64']);
const NUMBER_KINDS = new Set(['s8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'f32', 'f64']);

const conv = (b: PlanBuilder, src: Var, c: Conv): Var => b.def((dst) => ({ op: 'conv', dst, src, conv: c }));

/*
 * Addresses (🐘): each side has its memory's pointer type, so a pointer or
 * length is read as the `from` side holds it (an i32, or an i64 bigint) into
 * a JS number, and written as the `to` side holds it; pointer-sized fields
 * in memory are 4 or 8 bytes per side, and layouts (sizes, offsets) are each
 * side's own.
 */
const wide = (o: AbiOptions): boolean => o.ptrType === 'i64';
const ptrBytes = (o: AbiOptions): number => (wide(o) ? 8 : 4);
const ptrKind = (o: AbiOptions): MemKind => (wide(o) ? 'u64' : 'u32');
/** A pointer or length of the `from` side → a JS number. */
const fromAddr = (b: PlanBuilder, r: Route, v: Var): Var => conv(b, v, wide(r.fromOpts) ? 'addr64' : 'u32');
/** A string's tagged length of the `from` side → the runtime's form (tag bit 31). */
const fromLen = (b: PlanBuilder, r: Route, v: Var): Var =>
  wide(r.fromOpts) && r.fromOpts.stringEncoding === 'latin1+utf16' ? conv(b, v, 'tagged64') : fromAddr(b, r, v);
/** A JS number address or length → the `to` side's form. */
const toAddr = (b: PlanBuilder, r: Route, v: Var): Var => (wide(r.toOpts) ? conv(b, v, 'to-addr64') : v);
/** The runtime's tagged string length → the `to` side's form (memory64: the tag in bit 63). */
const toLen = (b: PlanBuilder, r: Route, v: Var): Var =>
  wide(r.toOpts) && r.toOpts.stringEncoding === 'latin1+utf16' ? conv(b, v, 'to-tagged64') : toAddr(b, r, v);

/** A case index checked against the number of cases (spec: `trap_if(case_index >= len(cases))`). */
const checkDisc = (b: PlanBuilder, src: Var, count: number): Var =>
  b.def((dst) => ({ op: 'check-disc', dst, src, count }));

/** Flags keep only their labels' bits (spec: unpack, then pack). */
function maskFlags(b: PlanBuilder, src: Var, labels: number, width: number): Var {
  return labels >= width ? src : b.def((dst) => ({ op: 'mask', dst, src, bits: labels }));
}

const noPayloads = (t: CasesType): boolean => variantCases(t)!.every((c) => c.type === null);

/**
 * Types whose bytes are the same on both sides and need no check: numbers,
 * and records/tuples/fixed lists of them without padding. A list of these is
 * one bulk copy.
 */
export function isPlainBytes(t: ValType): boolean {
  if (NUMBER_KINDS.has(t.kind)) return true;
  if (t.kind === 'list') return t.length !== undefined && isPlainBytes(t.element);
  const fields = fieldTypes(t);
  if (!fields || !fields.every(isPlainBytes)) return false;
  return fields.reduce((n, f) => n + elemSize(f), 0) === elemSize(t);
}

/** Moves a value from flat core values (`cur`, typed as the `from` side flattens) to the flat values of the other side, typed `flatten(t, to's pointer type)`. */
export function fuseFlat(b: PlanBuilder, t: ValType, cur: FlatCursor, r: Route): Var[] {
  if (SMALL_INT.has(t.kind)) return [conv(b, cur.next('i32'), t.kind as Conv)];
  if (PASS_FLAT.has(t.kind)) return [cur.next(flatten(t)[0]!)];
  switch (t.kind) {
    case 'bool':
      return [conv(b, conv(b, cur.next('i32'), 'bool'), 'from-bool')];
    case 'char':
      return [conv(b, cur.next('i32'), 'char')];
    case 'string': {
      const ptr = fromAddr(b, r, cur.next(r.fromOpts.ptrType));
      const len = fromLen(b, r, cur.next(r.fromOpts.ptrType));
      const [p, n] = copyString(b, r, ptr, len);
      return [toAddr(b, r, p!), toLen(b, r, n!)];
    }
    case 'list': case 'map': {
      if (t.kind === 'list' && t.length !== undefined) {
        const out: Var[] = [];
        for (let k = 0; k < t.length; k++) out.push(...fuseFlat(b, t.element, cur, r));
        return out;
      }
      const ptr = fromAddr(b, r, cur.next(r.fromOpts.ptrType));
      const len = fromAddr(b, r, cur.next(r.fromOpts.ptrType));
      return [toAddr(b, r, fuseList(b, t, r, ptr, len)), toAddr(b, r, len)];
    }
    case 'record': case 'tuple':
      return fieldTypes(t)!.flatMap((f) => fuseFlat(b, f, cur, r));
    case 'flags':
      return [maskFlags(b, cur.next('i32'), t.names.length, 32)];
    case 'enum':
      return [checkDisc(b, cur.next('i32'), t.names.length)];
    case 'variant': case 'option': case 'result':
      return fuseCasesFlat(b, t, cur, r);
    default:
      if (isHandle(t)) return [moveHandle(b, t, cur.next('i32'), r)];
      throw new Error(`fuseFlat: ${t.kind}`);
  }
}

/**
 * A variant's flat slots: switch on the discriminant (trapping on an unknown
 * one), move the payload of the case as its own type (undoing and redoing the
 * slot join), zero the slots the case does not use.
 */
function fuseCasesFlat(b: PlanBuilder, t: CasesType, cur: FlatCursor, r: Route): Var[] {
  const flat = flatten(t, r.fromOpts.ptrType);
  const disc = cur.next('i32');
  const slots = cur.take(flat.length - 1);
  if (noPayloads(t)) return [checkDisc(b, disc, variantCases(t)!.length)];
  // the slots as the `to` side joins them (a pointer's slot may be i64 there)
  const toSlots = flatten(t, r.toOpts.ptrType).slice(1);
  const dsts = slots.map(() => b.newVar());
  const cases = variantCases(t)!.map((c, i) =>
    b.caseBlock(i, null, () => {
      const vals = c.type ? fuseFlat(b, c.type, new FlatCursor(b, slots), r) : [];
      const have = c.type ? flatten(c.type, r.toOpts.ptrType) : [];
      return toSlots.map((want, k) => (k < vals.length ? coerce(b, vals[k]!, have[k]!, want) : zero(b, want)));
    }),
  );
  b.emit({ op: 'switch', on: disc, cases, dsts });
  // the discriminant passes as it is: the switch has checked it
  return [disc, ...dsts];
}

/** Moves a value stored at `src + so` (the `from` memory) to `dst + doff` (the `to` memory). */
export function fuseMem(b: PlanBuilder, t: ValType, r: Route, src: Var, so: number, dst: Var, doff: number): void {
  const load = (kind: MemKind, off = so) =>
    b.def((d) => ({ op: 'load', dst: d, view: b.currentView(r.from), ptr: src, offset: off, kind }));
  const store = (kind: MemKind, v: Var, off = doff) =>
    b.emit({ op: 'store', view: b.currentView(r.to), ptr: dst, offset: off, kind, src: v });
  if (NUMBER_KINDS.has(t.kind)) return store(t.kind as MemKind, load(t.kind as MemKind));
  switch (t.kind) {
    case 'bool':
      return store('u8', conv(b, conv(b, load('u8'), 'bool'), 'from-bool'));
    case 'char':
      return store('u32', conv(b, load('u32'), 'char'));
    case 'string': {
      const ptr = fromAddr(b, r, load(ptrKind(r.fromOpts)));
      const len = fromLen(b, r, load(ptrKind(r.fromOpts), so + ptrBytes(r.fromOpts)));
      const [p, n] = copyString(b, r, ptr, len);
      store(ptrKind(r.toOpts), toAddr(b, r, p!));
      return store(ptrKind(r.toOpts), toLen(b, r, n!), doff + ptrBytes(r.toOpts));
    }
    case 'list': case 'map': {
      if (t.kind === 'list' && t.length !== undefined) return fuseFixedList(b, t, r, src, so, dst, doff);
      const ptr = fromAddr(b, r, load(ptrKind(r.fromOpts)));
      const len = fromAddr(b, r, load(ptrKind(r.fromOpts), so + ptrBytes(r.fromOpts)));
      const p = fuseList(b, t, r, ptr, len);
      store(ptrKind(r.toOpts), toAddr(b, r, p));
      return store(ptrKind(r.toOpts), toAddr(b, r, len), doff + ptrBytes(r.toOpts));
    }
    case 'record': case 'tuple': {
      const types = fieldTypes(t)!;
      const from = fieldOffsets(types, r.fromOpts.ptrType);
      const to = fieldOffsets(types, r.toOpts.ptrType);
      types.forEach((f, i) => fuseMem(b, f, r, src, so + from[i]!, dst, doff + to[i]!));
      return;
    }
    case 'flags': {
      const size = flagsSize(t.names.length);
      return store(sizeKind(size), maskFlags(b, load(sizeKind(size)), t.names.length, 8 * size));
    }
    case 'enum': case 'variant': case 'option': case 'result':
      return fuseCasesMem(b, t, r, src, so, dst, doff);
    default:
      if (isHandle(t)) return store('u32', moveHandle(b, t, load('u32'), r));
      throw new Error(`fuseMem: ${t.kind}`);
  }
}

function fuseCasesMem(b: PlanBuilder, t: CasesType, r: Route, src: Var, so: number, dst: Var, doff: number): void {
  const all = variantCases(t)!;
  const kind = sizeKind(discriminantSize(all.length));
  const disc = b.def((d) => ({ op: 'load', dst: d, view: b.currentView(r.from), ptr: src, offset: so, kind }));
  const storeDisc = (v: Var) => b.emit({ op: 'store', view: b.currentView(r.to), ptr: dst, offset: doff, kind, src: v });
  if (noPayloads(t)) return storeDisc(checkDisc(b, disc, all.length));
  const from = payloadOffset(all, r.fromOpts.ptrType);
  const to = payloadOffset(all, r.toOpts.ptrType);
  const cases = all.map((c, i) =>
    b.caseBlock(i, null, () => {
      storeDisc(b.constant(i));
      if (c.type) fuseMem(b, c.type, r, src, so + from, dst, doff + to);
      return [];
    }),
  );
  b.emit({ op: 'switch', on: disc, cases, dsts: [] });
}

/** A fixed-length list in place: unrolled when short, else a loop. */
function fuseFixedList(
  b: PlanBuilder, t: ValType & { kind: 'list' }, r: Route, src: Var, so: number, dst: Var, doff: number,
): void {
  const from = elemSize(t.element, r.fromOpts.ptrType);
  const to = elemSize(t.element, r.toOpts.ptrType);
  const n = t.length!;
  if (n <= UNROLL_LIMIT) {
    for (let k = 0; k < n; k++) fuseMem(b, t.element, r, src, so + k * from, dst, doff + k * to);
    return;
  }
  const count = b.constant(n);
  const index = b.newVar();
  const { body } = b.nested(() => {
    const s = b.def((d) => ({ op: 'addr', dst: d, base: src, index, scale: from }));
    const d2 = b.def((d) => ({ op: 'addr', dst: d, base: dst, index, scale: to }));
    fuseMem(b, t.element, r, s, so, d2, doff);
    return [];
  }, true);
  b.emit({ op: 'loop', count, index, body });
}

/**
 * A variable-length list (or map) at [ptr, ptr + len·size) of the `from`
 * memory: checked, allocated in the `to` memory, then copied in bulk (plain
 * bytes) or element by element. Gives the new pointer; the length is the same.
 */
export function fuseList(b: PlanBuilder, t: ValType & { kind: 'list' | 'map' }, r: Route, ptr: Var, len: Var): Var {
  const elem = t.kind === 'map' ? mapEntryType(t) : t.element;
  const size = elemSize(elem, r.fromOpts.ptrType);
  const align = alignment(elem, r.fromOpts.ptrType);
  if (isPlainBytes(elem)) {
    return b.def((dst) => ({ op: 'copy-list', dst, from: r.from, to: r.to, ptr, len, elemSize: size, align }));
  }
  b.emit({ op: 'check-list', view: b.currentView(r.from), ptr, len, elemSize: size, align });
  const toSize = elemSize(elem, r.toOpts.ptrType);
  const bytes = b.def((dst) => ({ op: 'addr', dst, base: null, index: len, scale: toSize }));
  const out = b.def((dst) => ({ op: 'alloc', dst, align: alignment(elem, r.toOpts.ptrType), size: bytes, mem: r.to }));
  const index = b.newVar();
  const { body } = b.nested(() => {
    const s = b.def((d) => ({ op: 'addr', dst: d, base: ptr, index, scale: size }));
    const d2 = b.def((d) => ({ op: 'addr', dst: d, base: out, index, scale: toSize }));
    fuseMem(b, elem, r, s, 0, d2, 0);
    return [];
  }, true);
  b.emit({ op: 'loop', count: len, index, body });
  return out;
}

/** A string from one memory to the other: [pointer, tagged length] on the destination side. */
function copyString(b: PlanBuilder, r: Route, ptr: Var, len: Var): Var[] {
  const outPtr = b.newVar();
  const outLen = b.newVar();
  b.emit({
    op: 'copy-string', from: r.from, to: r.to,
    fromEnc: r.fromOpts.stringEncoding, toEnc: r.toOpts.stringEncoding,
    ptr, len, outPtr, outLen,
  });
  return [outPtr, outLen];
}

function moveHandle(b: PlanBuilder, t: ValType, src: Var, r: Route): Var {
  return b.def((dst) => ({ op: 'move-handle', dst, src, type: t, to: r.to }));
}

/** Spec `lower_flat_variant`: a payload value into its joined slot type. */
function coerce(b: PlanBuilder, v: Var, have: CoreFlatType, want: CoreFlatType): Var {
  if (have === want) return v;
  if (have === 'f32' && want === 'i32') return conv(b, v, 'f32-to-i32');
  if (have === 'i32' && want === 'i64') return conv(b, v, 'extend-i32');
  if (have === 'f32' && want === 'i64') return conv(b, conv(b, v, 'f32-to-i32'), 'extend-i32');
  if (have === 'f64' && want === 'i64') return conv(b, v, 'f64-to-i64');
  throw new Error(`coerce ${have} → ${want}`);
}

function zero(b: PlanBuilder, t: CoreFlatType): Var {
  return b.constant(t === 'i64' ? 0n : 0);
}
