/**
 * Core value types, reference types and the GC type forms (rec groups, sub
 * types, func/struct/array/cont composite types), as both core modules and
 * a component's core type definitions use them.
 */
import type {
  CoreCompositeType,
  CoreFieldType,
  CoreRefType,
  CoreSubType,
  CoreValType,
  CoreNumType,
} from './ast.js';
import { CORE_HEAP_TYPE, CORE_NUMTYPE, CORE_PACKED_TYPE, CORE_REF, CORE_TYPE_FORM, FIELD_MUT } from './opcodes.js';
import { byteTable, type Reader } from './reader.js';

const NUMTYPE = byteTable<CoreNumType>(CORE_NUMTYPE);
const HEAP = byteTable<string>(CORE_HEAP_TYPE);
const PACKED = byteTable<'i8' | 'i16'>(CORE_PACKED_TYPE);

/** Shared abbreviations: `funcref` etc. are the same object every time (callers must not mutate). */
const ABBREVIATED: (CoreRefType | undefined)[] = HEAP.map((heap) =>
  heap === undefined ? undefined : { kind: 'ref', nullable: true, shared: false, heap },
);

/** core:valtype: a number/vector type or a reference type */
export function readCoreValType(r: Reader): CoreValType {
  const byte = r.peek('core value type');
  const num = NUMTYPE[byte];
  if (num !== undefined) {
    r.pos++;
    return num;
  }
  return readRefType(r, 'core value type');
}

/** core:reftype: `0x63 ht` / `0x64 ht`, or an abstract heap type byte (optionally `0x65`-shared) meaning `(ref null ht)` */
export function readRefType(r: Reader, what = 'reference type'): CoreRefType {
  const byte = r.u8(what);
  if (byte === CORE_REF.nullable || byte === CORE_REF.nonNullable) {
    const { heap, shared } = readHeapType(r);
    return { kind: 'ref', nullable: byte === CORE_REF.nullable, shared, heap };
  }
  if (byte === CORE_REF.shared) {
    const heap = HEAP[r.u8('shared abstract heap type')];
    if (heap === undefined) r.invalidLeadingByte(r.data[r.pos - 1]!, 'shared abstract heap type');
    return { kind: 'ref', nullable: true, shared: true, heap };
  }
  const abbreviated = ABBREVIATED[byte];
  if (abbreviated === undefined) return r.invalidLeadingByte(byte, what);
  return abbreviated;
}

/** core:heaptype: an s33 type index, an abstract heap type byte, or `0x65` + abstract heap type */
export function readHeapType(r: Reader): { heap: string | number; shared: boolean } {
  const at = r.offset;
  const byte = r.peek('heap type');
  if (byte === CORE_REF.shared) {
    r.pos++;
    const heap = HEAP[r.u8('shared abstract heap type')];
    if (heap === undefined) r.invalidLeadingByte(r.data[r.pos - 1]!, 'shared abstract heap type');
    return { heap, shared: true };
  }
  const value = r.signed(33, 'heap type');
  if (value >= 0) return { heap: value, shared: false };
  // a negative s33 is an abstract heap type only in its one-byte form
  const heap = r.pos === at + 1 ? HEAP[byte] : undefined;
  if (heap === undefined) return r.invalidLeadingByte(byte, 'heap type', at);
  return { heap, shared: false };
}

/** fieldtype ::= storagetype mut */
function readFieldType(r: Reader): CoreFieldType {
  const packed = PACKED[r.peek('field type')];
  let type: CoreFieldType['type'];
  if (packed !== undefined) {
    r.pos++;
    type = packed;
  } else {
    type = readCoreValType(r);
  }
  const mut = r.u8('field mutability');
  if (mut !== FIELD_MUT.const && mut !== FIELD_MUT.var) r.invalidLeadingByte(mut, 'field mutability');
  return { type, mutable: mut === FIELD_MUT.var };
}

/** comptype, after its first byte (which may be the `0x65` shared prefix) */
function readCompositeType(r: Reader, first: number): { composite: CoreCompositeType; shared: boolean } {
  let shared = false;
  let byte = first;
  if (byte === CORE_TYPE_FORM.shared) {
    shared = true;
    byte = r.u8('composite type');
  }
  switch (byte) {
    case CORE_TYPE_FORM.func: {
      const params = r.vec('function params', readCoreValType);
      const results = r.vec('function results', readCoreValType);
      return { composite: { kind: 'func', params, results }, shared };
    }
    case CORE_TYPE_FORM.struct:
      return { composite: { kind: 'struct', fields: r.vec('struct fields', readFieldType) }, shared };
    case CORE_TYPE_FORM.array:
      return { composite: { kind: 'array', field: readFieldType(r) }, shared };
    case CORE_TYPE_FORM.cont: {
      const at = r.offset;
      const type = r.signed(33, 'continuation type');
      if (type < 0) r.invalidLeadingByte(r.data[at - r.base]!, 'continuation type', at);
      return { composite: { kind: 'cont', type }, shared };
    }
    default:
      return r.invalidLeadingByte(byte, 'core type');
  }
}

/** subtype ::= 0x50 vec(typeidx) comptype | 0x4f vec(typeidx) comptype | comptype */
export function readSubType(r: Reader, first = r.u8('core sub type')): CoreSubType {
  if (first === CORE_TYPE_FORM.sub || first === CORE_TYPE_FORM.subFinal) {
    const supertypes = r.vec('supertypes', (rr) => rr.u32('supertype index'));
    const { composite, shared } = readCompositeType(r, r.u8('composite type'));
    return { final: first === CORE_TYPE_FORM.subFinal, supertypes, composite, shared };
  }
  const { composite, shared } = readCompositeType(r, first);
  return { final: true, supertypes: [], composite, shared };
}

/**
 * rectype ::= 0x4e vec(subtype) | subtype. Members of an explicit rec group
 * carry `rec` (with `group` = the caller's ordinal for this rec type); a
 * lone sub type carries none.
 */
export function readRecType(r: Reader, group: number): CoreSubType[] {
  const first = r.u8('core rec type');
  if (first !== CORE_TYPE_FORM.rec) return [readSubType(r, first)];
  const types = r.vec('rec group types', (rr) => readSubType(rr));
  const size = types.length;
  types.forEach((t, index) => (t.rec = { group, index, size }));
  return types;
}
