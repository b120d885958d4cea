/**
 * The one table of component-binary opcodes (Binary.md at component-model
 * 6d28164). The decoder, the validator, `inspect`, the feature classifier and
 * the tests all read from here; nothing else spells an opcode.
 */

/** A Component Model feature gate (Explainer "Gated Features"), plus the plain MVP. */
export type Feature =
  | 'mvp' // sync lift/lower, resources: WASI 0.2
  | 'async' // 🔀 tasks, subtasks, waitables, streams, futures
  | 'async-builtins' // 🚝 more canonopts on async built-ins
  | 'stackful' // 🚟 async lift without callback
  | 'error-context' // 📝
  | 'coop-threads' // 🧵
  | 'shared-threads' // 🧵②
  | 'fixed-lists' // 🔧
  | 'map' // 🗺️
  | 'values' // 🪙 value imports/exports and start
  | 'nested-names' // 🪺
  | 'implements' // 🏷️
  | 'canonical-names' // 🔗
  | 'memory64' // 🐘
  // core-wasm proposals a component's core modules (or core types) use; not CM gates,
  // but they decide which engines can run the output
  | 'exceptions' // tags, exception imports
  | 'gc' // struct/array types, rec groups, subtyping, non-func heap types
  | 'multi-memory' // more than one memory in a core module
  | 'custom-page-sizes'
  | 'shared-memory' // shared memories, tables, globals or types
  | 'stack-switching' // continuation types
  | 'simd'; // v128 in signatures or globals

export const MAGIC = [0x00, 0x61, 0x73, 0x6d] as const;
export const COMPONENT_VERSION = 0x0d;
export const COMPONENT_LAYER = 0x01;

export const SECTION = {
  custom: 0,
  coreModule: 1,
  coreInstance: 2,
  coreType: 3,
  component: 4,
  instance: 5,
  alias: 6,
  type: 7,
  canon: 8,
  start: 9,
  import: 10,
  export: 11,
  value: 12,
} as const;
export type SectionName = keyof typeof SECTION;
export const SECTION_NAMES: readonly SectionName[] = Object.keys(SECTION) as SectionName[];

/** core:sort */
export const CORE_SORT = {
  0x00: 'func',
  0x01: 'table',
  0x02: 'memory',
  0x03: 'global',
  0x04: 'tag',
  0x10: 'type',
  0x11: 'module',
  0x12: 'instance',
} as const;
export type CoreSort = (typeof CORE_SORT)[keyof typeof CORE_SORT];

/** sort (0x00 is followed by a core:sort) */
export const SORT = {
  0x01: 'func',
  0x02: 'value',
  0x03: 'type',
  0x04: 'component',
  0x05: 'instance',
} as const;
export type Sort = `core ${CoreSort}` | (typeof SORT)[keyof typeof SORT];

export const PRIMVALTYPE = {
  0x7f: 'bool',
  0x7e: 's8',
  0x7d: 'u8',
  0x7c: 's16',
  0x7b: 'u16',
  0x7a: 's32',
  0x79: 'u32',
  0x78: 's64',
  0x77: 'u64',
  0x76: 'f32',
  0x75: 'f64',
  0x74: 'char',
  0x73: 'string',
  0x64: 'error-context',
} as const;
export type PrimValType = (typeof PRIMVALTYPE)[keyof typeof PRIMVALTYPE];

/** defvaltype constructors (besides primvaltype). */
export const DEFVALTYPE = {
  0x72: 'record',
  0x71: 'variant',
  0x70: 'list',
  0x67: 'fixed-list',
  0x6f: 'tuple',
  0x6e: 'flags',
  0x6d: 'enum',
  0x6b: 'option',
  0x6a: 'result',
  0x69: 'own',
  0x68: 'borrow',
  0x66: 'stream',
  0x65: 'future',
  0x63: 'map',
} as const;

/** Other deftype leading bytes. */
export const DEFTYPE = {
  resource: 0x3f,
  func: 0x40,
  asyncFunc: 0x43,
  component: 0x41,
  instance: 0x42,
} as const;

/** externtype / importdecl / exportdecl descriptor kinds. */
export const EXTERN_KIND = {
  0x00: 'module', // followed by 0x11
  0x01: 'func',
  0x02: 'value',
  0x03: 'type',
  0x04: 'component',
  0x05: 'instance',
} as const;

/** instancedecl / componentdecl leading bytes. */
export const DECL = { coreType: 0x00, type: 0x01, alias: 0x02, import: 0x03, export: 0x04 } as const;

/** nameattributes and attribute leading bytes. */
export const NAME_FORM = { plain: 0x00, legacy: 0x01, attributed: 0x02 } as const;
export const NAME_ATTRIBUTE = { 0x00: 'implements', 0x01: 'versionsuffix', 0x02: 'external-id' } as const;

/** alias targets */
export const ALIAS_TARGET = { 0x00: 'export', 0x01: 'core-export', 0x02: 'outer' } as const;

/** canonopt */
export const CANONOPT = {
  0x00: 'utf8',
  0x01: 'utf16',
  0x02: 'latin1+utf16',
  0x03: 'memory',
  0x04: 'realloc',
  0x05: 'post-return',
  0x06: 'async',
  0x07: 'callback',
} as const;
export type CanonOptName = (typeof CANONOPT)[keyof typeof CANONOPT];

/**
 * Immediates of a canonical built-in, in binary order:
 * - `core-func`: `0x00 funcidx` (a core:sortidx of sort func), as in lift
 * - `func`: `0x00 funcidx` (a component func sortidx), as in lower
 * - `type`: a component typeidx
 * - `core-type`: a core typeidx
 * - `opts`: vec(canonopt)
 * - `resultlist`: `0x00 valtype | 0x01 0x00`
 * - `core-valtype`: a core valtype (context.*: i32, or i64 with 🐘)
 * - `u32`: an index (context slot)
 * - `async?`, `cancel?`, `shared?`: one byte, 0x00 absent / 0x01 present
 * - `memory`, `table`: a core memory / table index
 */
export type CanonImmediate =
  | 'core-func'
  | 'func'
  | 'type'
  | 'core-type'
  | 'opts'
  | 'resultlist'
  | 'core-valtype'
  | 'u32'
  | 'async?'
  | 'cancel?'
  | 'shared?'
  | 'memory'
  | 'table';

export interface CanonSpec {
  /** the built-in's name as the text format spells it */
  readonly name: string;
  readonly opcode: number;
  readonly immediates: readonly CanonImmediate[];
  readonly feature: Feature;
  /** `lift` defines a component func; all others define a core func. */
  readonly defines: 'func' | 'core func';
}

const c = (name: string, opcode: number, feature: Feature, ...immediates: CanonImmediate[]): CanonSpec => ({
  name,
  opcode,
  immediates,
  feature,
  defines: name === 'lift' ? 'func' : 'core func',
});

export const CANON: readonly CanonSpec[] = [
  c('lift', 0x00, 'mvp', 'core-func', 'opts', 'type'),
  c('lower', 0x01, 'mvp', 'func', 'opts'),
  c('resource.new', 0x02, 'mvp', 'type'),
  c('resource.drop', 0x03, 'mvp', 'type'),
  c('resource.rep', 0x04, 'mvp', 'type'),
  c('task.cancel', 0x05, 'async'),
  c('subtask.cancel', 0x06, 'async', 'async?'),
  c('task.return', 0x09, 'async', 'resultlist', 'opts'),
  c('context.get', 0x0a, 'async', 'core-valtype', 'u32'),
  c('context.set', 0x0b, 'async', 'core-valtype', 'u32'),
  c('thread.yield', 0x0c, 'async', 'cancel?'),
  c('subtask.drop', 0x0d, 'async'),
  c('stream.new', 0x0e, 'async', 'type'),
  c('stream.read', 0x0f, 'async', 'type', 'opts'),
  c('stream.write', 0x10, 'async', 'type', 'opts'),
  c('stream.cancel-read', 0x11, 'async', 'type', 'async?'),
  c('stream.cancel-write', 0x12, 'async', 'type', 'async?'),
  c('stream.drop-readable', 0x13, 'async', 'type'),
  c('stream.drop-writable', 0x14, 'async', 'type'),
  c('future.new', 0x15, 'async', 'type'),
  c('future.read', 0x16, 'async', 'type', 'opts'),
  c('future.write', 0x17, 'async', 'type', 'opts'),
  c('future.cancel-read', 0x18, 'async', 'type', 'async?'),
  c('future.cancel-write', 0x19, 'async', 'type', 'async?'),
  c('future.drop-readable', 0x1a, 'async', 'type'),
  c('future.drop-writable', 0x1b, 'async', 'type'),
  c('error-context.new', 0x1c, 'error-context', 'opts'),
  c('error-context.debug-message', 0x1d, 'error-context', 'opts'),
  c('error-context.drop', 0x1e, 'error-context'),
  c('waitable-set.new', 0x1f, 'async'),
  c('waitable-set.wait', 0x20, 'async', 'cancel?', 'memory'),
  c('waitable-set.poll', 0x21, 'async', 'cancel?', 'memory'),
  c('waitable-set.drop', 0x22, 'async'),
  c('waitable.join', 0x23, 'async'),
  c('backpressure.inc', 0x24, 'async'),
  c('backpressure.dec', 0x25, 'async'),
  c('thread.index', 0x26, 'coop-threads'),
  c('thread.new-indirect', 0x27, 'coop-threads', 'core-type', 'table'),
  c('thread.resume-later', 0x28, 'coop-threads'),
  c('thread.suspend', 0x29, 'coop-threads', 'cancel?'),
  c('thread.suspend-then-resume', 0x2a, 'coop-threads', 'cancel?'),
  c('thread.yield-then-resume', 0x2b, 'coop-threads', 'cancel?'),
  c('thread.suspend-then-promote', 0x2c, 'coop-threads', 'cancel?'),
  c('thread.yield-then-promote', 0x2d, 'coop-threads', 'cancel?'),
  c('thread.spawn-ref', 0x40, 'shared-threads', 'shared?', 'core-type'),
  c('thread.spawn-indirect', 0x41, 'shared-threads', 'shared?', 'core-type', 'table'),
  c('thread.available-parallelism', 0x42, 'shared-threads', 'shared?'),
];

export const CANON_BY_OPCODE: ReadonlyMap<number, CanonSpec> = new Map(CANON.map((s) => [s.opcode, s]));
export const CANON_BY_NAME: ReadonlyMap<string, CanonSpec> = new Map(CANON.map((s) => [s.name, s]));

/** Spec limits (CanonicalABI.md, definitions.py) */
export const LIMITS = {
  MAX_FLAT_PARAMS: 16,
  MAX_FLAT_ASYNC_PARAMS: 4,
  MAX_FLAT_RESULTS: 1,
  /** elem_size(t) of every defvaltype must be below this */
  MAX_ELEM_SIZE: 2 ** 28,
  MAX_FLAGS: 32,
  /** handle-table capacity */
  MAX_TABLE_LENGTH: 2 ** 28 - 1,
  /** decoder guard against absurd vector counts: an item takes at least one byte */
  CONTEXT_SLOTS: 2,
} as const;

// ───────── structural bytes the decoder reads (added with the decoder) ─────────

/** core opcodes (core modules, core types): a separate file, one import point */
export * from './core-opcodes.js';

/** `<T>?` options and the one-byte flags (`async?`, `cancel?`, `shared?`, export's `externtype?`) */
export const OPTION = { absent: 0x00, present: 0x01 } as const;
/** resultlist: `0x00 valtype` (one result) | `0x01 0x00` (none) */
export const RESULTLIST = { one: 0x00, none: 0x01, noneEnd: 0x00 } as const;
/** the byte that ends a variant `case` */
export const CASE_END = 0x00;
/** `sort ::= 0x00 core:sort | …` */
export const SORT_CORE = 0x00;
/** core:sort bytes that the grammar spells out */
export const CORE_SORT_BYTE = { func: 0x00, type: 0x10, module: 0x11, instance: 0x12 } as const;
/** core:instanceexpr and instanceexpr */
export const INSTANCE_EXPR = { instantiate: 0x00, exports: 0x01 } as const;
/** valuebound and typebound */
export const VALUE_BOUND = { eq: 0x00, type: 0x01 } as const;
export const TYPE_BOUND = { eq: 0x00, subResource: 0x01 } as const;
/** `outer` aliases only name these sorts (Binary.md `outeraliassort`) */
export const OUTER_ALIAS_SORTS: ReadonlySet<Sort> = new Set<Sort>(['core module', 'core type', 'type', 'component']);
/** canonopts followed by a core index */
export const CANONOPT_WITH_INDEX: ReadonlySet<CanonOptName> = new Set<CanonOptName>([
  'memory',
  'realloc',
  'post-return',
  'callback',
]);
