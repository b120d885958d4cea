/**
 * Core WebAssembly opcodes the component decoder needs to read a core
 * module's interface and the core types a component declares (core binary
 * format of Wasm 3.0, plus threads, custom-page-sizes, memory64,
 * shared-everything and stack-switching encodings). Re-exported by
 * opcodes.ts: import from there.
 */

export const CORE_VERSION = 0x01;
export const CORE_LAYER = 0x00;

export const CORE_SECTION = {
  custom: 0,
  type: 1,
  import: 2,
  function: 3,
  table: 4,
  memory: 5,
  global: 6,
  export: 7,
  start: 8,
  element: 9,
  code: 10,
  data: 11,
  dataCount: 12,
  tag: 13,
} as const;
export type CoreSectionName = keyof typeof CORE_SECTION;

/** The order non-custom core sections must follow (the tag section sits between memory and global). */
export const CORE_SECTION_ORDER: readonly number[] = [
  CORE_SECTION.type,
  CORE_SECTION.import,
  CORE_SECTION.function,
  CORE_SECTION.table,
  CORE_SECTION.memory,
  CORE_SECTION.tag,
  CORE_SECTION.global,
  CORE_SECTION.export,
  CORE_SECTION.start,
  CORE_SECTION.element,
  CORE_SECTION.dataCount,
  CORE_SECTION.code,
  CORE_SECTION.data,
];

export const CORE_NUMTYPE = {
  0x7f: 'i32',
  0x7e: 'i64',
  0x7d: 'f32',
  0x7c: 'f64',
  0x7b: 'v128',
} as const;

/** packed storage types (struct/array fields only) */
export const CORE_PACKED_TYPE = { 0x78: 'i8', 0x77: 'i16' } as const;

/** abstract heap types; as a value type each byte alone means `(ref null <ht>)` */
export const CORE_HEAP_TYPE = {
  0x75: 'nocont',
  0x74: 'noexn',
  0x73: 'nofunc',
  0x72: 'noextern',
  0x71: 'none',
  0x70: 'func',
  0x6f: 'extern',
  0x6e: 'any',
  0x6d: 'eq',
  0x6c: 'i31',
  0x6b: 'struct',
  0x6a: 'array',
  0x69: 'exn',
  0x68: 'cont',
} as const;

/** prefixes of a reference type / heap type */
export const CORE_REF = { nullable: 0x63, nonNullable: 0x64, shared: 0x65 } as const;

/** rec groups, sub types and composite types */
export const CORE_TYPE_FORM = {
  rec: 0x4e,
  sub: 0x50,
  subFinal: 0x4f,
  /** `shared` prefix of a composite type (shared-everything-threads) */
  shared: 0x65,
  func: 0x60,
  struct: 0x5f,
  array: 0x5e,
  cont: 0x5d,
} as const;

/**
 * In a component's `core:type`, `0x50` is a module type; a non-final sub
 * type is written `0x00 0x50` instead (Binary.md, core:deftype).
 */
export const CORE_MODULE_TYPE = 0x50;
export const CORE_NONFINAL_SUB_PREFIX = 0x00;

/** core:moduledecl leading bytes */
export const CORE_MODULE_DECL = { import: 0x00, type: 0x01, alias: 0x02, export: 0x03 } as const;
/** core:alias in a module type: `0x10 0x01 ct idx` = (alias outer ct idx (type)) */
export const CORE_ALIAS = { typeSort: 0x10, outer: 0x01 } as const;

/** core:externtype / export descriptor kinds */
export const CORE_EXTERN_KIND = { 0x00: 'func', 0x01: 'table', 0x02: 'memory', 0x03: 'global', 0x04: 'tag' } as const;
export type CoreExternKind = (typeof CORE_EXTERN_KIND)[keyof typeof CORE_EXTERN_KIND];

/** limits flag bits (memory: all four; table: the first three) */
export const LIMITS_FLAG = { hasMax: 0x01, shared: 0x02, is64: 0x04, pageSize: 0x08 } as const;
export const TABLE_LIMITS_FLAGS = 0x07;
export const MEMORY_LIMITS_FLAGS = 0x0f;
/** a custom page size is a log2 below this */
export const MAX_PAGE_SIZE_LOG2 = 64;

export const GLOBAL_FLAG = { mutable: 0x01, shared: 0x02 } as const;
export const GLOBAL_FLAGS = 0x03;
/** field mutability */
export const FIELD_MUT = { const: 0x00, var: 0x01 } as const;
/** the only tag attribute: exception */
export const TAG_ATTRIBUTE_EXCEPTION = 0x00;
/** a table entry with an initializer: `0x40 0x00 tabletype expr` */
export const TABLE_WITH_INIT = [0x40, 0x00] as const;

/** core `name` custom section subsection ids */
export const CORE_NAME_SUBSECTION = { module: 0x00 } as const;
/** `component-name` custom section subsection ids (Binary.md, Name Section) */
export const COMPONENT_NAME_SUBSECTION = { component: 0x00, sort: 0x01 } as const;
export const COMPONENT_NAME_SECTION = 'component-name';
export const CORE_NAME_SECTION = 'name';

/**
 * Immediates of the instructions allowed in constant expressions (global
 * and table initializers): Wasm 3.0 with extended-const, GC and SIMD.
 * `s32`/`s64` signed LEB, `u32` index, `f32`/`f64`/`v128` fixed bytes,
 * `heaptype` an s33 heap type.
 */
export type ConstImmediate = 's32' | 's64' | 'u32' | 'f32' | 'f64' | 'v128' | 'heaptype';

export const CONST_END = 0x0b;
export const CONST_PREFIX = { gc: 0xfb, simd: 0xfd } as const;

export const CONST_OPS: ReadonlyMap<number, { name: string; immediates: readonly ConstImmediate[] }> = new Map([
  [0x41, { name: 'i32.const', immediates: ['s32'] }],
  [0x42, { name: 'i64.const', immediates: ['s64'] }],
  [0x43, { name: 'f32.const', immediates: ['f32'] }],
  [0x44, { name: 'f64.const', immediates: ['f64'] }],
  [0x23, { name: 'global.get', immediates: ['u32'] }],
  [0xd0, { name: 'ref.null', immediates: ['heaptype'] }],
  [0xd2, { name: 'ref.func', immediates: ['u32'] }],
  [0x6a, { name: 'i32.add', immediates: [] }],
  [0x6b, { name: 'i32.sub', immediates: [] }],
  [0x6c, { name: 'i32.mul', immediates: [] }],
  [0x7c, { name: 'i64.add', immediates: [] }],
  [0x7d, { name: 'i64.sub', immediates: [] }],
  [0x7e, { name: 'i64.mul', immediates: [] }],
]);

/** `0xfb` (GC) sub-opcodes allowed in constant expressions */
export const CONST_GC_OPS: ReadonlyMap<number, { name: string; immediates: readonly ConstImmediate[] }> = new Map([
  [0, { name: 'struct.new', immediates: ['u32'] }],
  [1, { name: 'struct.new_default', immediates: ['u32'] }],
  [6, { name: 'array.new', immediates: ['u32'] }],
  [7, { name: 'array.new_default', immediates: ['u32'] }],
  [8, { name: 'array.new_fixed', immediates: ['u32', 'u32'] }],
  [26, { name: 'any.convert_extern', immediates: [] }],
  [27, { name: 'extern.convert_any', immediates: [] }],
  [28, { name: 'ref.i31', immediates: [] }],
]);

/** `0xfd` (SIMD) sub-opcodes allowed in constant expressions */
export const CONST_SIMD_OPS: ReadonlyMap<number, { name: string; immediates: readonly ConstImmediate[] }> = new Map([
  [12, { name: 'v128.const', immediates: ['v128'] }],
]);
