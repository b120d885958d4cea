/**
 * The decoded component: a faithful, typed record of the binary, in binary
 * order. Nothing here is resolved or checked beyond the grammar (that is the
 * validator's job). Every node carries `offset`: the byte offset of its first
 * byte in the OUTERMOST input, so errors anywhere point into the file.
 */
import type { CanonOptName, CoreSort, PrimValType, Sort } from './opcodes.js';

export interface Component {
  kind: 'component';
  /** offset of the preamble */
  offset: number;
  /** offset one past the last byte */
  end: number;
  /** definitions in binary order (sections flattened, as Binary.md's `flatten(s*)`) */
  defs: Definition[];
  customs: CustomSection[];
  /** the `component-name` custom section, when present and well-formed */
  names?: NameSection;
}

export type Definition =
  | CoreModuleDef
  | CoreInstanceDef
  | CoreTypeDef
  | NestedComponentDef
  | InstanceDef
  | AliasDef
  | TypeDef
  | CanonDef
  | StartDef
  | ImportDef
  | ExportDef
  | ValueDef;

export interface CustomSection {
  offset: number;
  name: string;
  /** payload (after the name) as a view into the input */
  data: Uint8Array;
}

export interface NameSection {
  component?: string;
  /** per sort: index → name */
  sorts: { sort: Sort; names: Map<number, string> }[];
}

// ───────────────────────── core modules ─────────────────────────

export interface CoreModuleDef {
  kind: 'core-module';
  offset: number;
  module: CoreModule;
}

/** A core module, kept as bytes, with its interface read. */
export interface CoreModule {
  /** offset of the module's preamble in the outermost input */
  offset: number;
  /** the whole module (a view into the input) */
  bytes: Uint8Array;
  types: CoreSubType[];
  imports: CoreImport[];
  /** type index of each defined function (not imports) */
  funcs: number[];
  tables: CoreTableType[];
  memories: CoreMemoryType[];
  globals: CoreGlobalType[];
  tags: number[];
  exports: CoreExport[];
  start?: number;
  /** the number of data segments, from the datacount section when present */
  dataCount?: number;
  /** names of custom sections, in order (e.g. `name`, `producers`) */
  customs: string[];
  /** the core `name` section's module name, when present */
  name?: string;
}

export interface CoreImport {
  offset: number;
  module: string;
  name: string;
  desc: CoreExternType;
}

export interface CoreExport {
  offset: number;
  name: string;
  sort: CoreSort;
  index: number;
}

export type CoreExternType =
  | { kind: 'func'; type: number }
  | ({ kind: 'table' } & CoreTableType)
  | ({ kind: 'memory' } & CoreMemoryType)
  | ({ kind: 'global' } & CoreGlobalType)
  | { kind: 'tag'; type: number };

export interface Limits {
  /** bigint only where it does not fit a double exactly (memory64) */
  min: number | bigint;
  max?: number | bigint;
}

export interface CoreMemoryType extends Limits {
  shared: boolean;
  memory64: boolean;
  /** log2 of the page size when a custom page size is given (0 = 1-byte pages) */
  pageSizeLog2?: number;
}

export interface CoreTableType extends Limits {
  element: CoreRefType;
  table64: boolean;
  shared: boolean;
}

export interface CoreGlobalType {
  type: CoreValType;
  mutable: boolean;
  shared: boolean;
}

export type CoreNumType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128';
export type CoreValType = CoreNumType | CoreRefType;

export interface CoreRefType {
  kind: 'ref';
  nullable: boolean;
  shared: boolean;
  /** an abstract heap type (`func`, `extern`, `any`, `eq`, `i31`, `struct`, `array`, `exn`, `none`, `nofunc`, `noextern`, `noexn`, `cont`, `nocont`) or a type index */
  heap: string | number;
}

/** A core type: GC-style sub type around a composite type. */
export interface CoreSubType {
  final: boolean;
  supertypes: number[];
  /** position within its rec group (0 for a type outside any rec group) */
  rec?: { group: number; index: number; size: number };
  composite: CoreCompositeType;
  shared: boolean;
}

export type CoreCompositeType =
  | { kind: 'func'; params: CoreValType[]; results: CoreValType[] }
  | { kind: 'struct'; fields: CoreFieldType[] }
  | { kind: 'array'; field: CoreFieldType }
  | { kind: 'cont'; type: number };

export interface CoreFieldType {
  type: CoreValType | 'i8' | 'i16';
  mutable: boolean;
}

// ───────────────────────── core instances and types ─────────────────────────

export interface CoreInstanceDef {
  kind: 'core-instance';
  offset: number;
  expr:
    | { kind: 'instantiate'; module: number; args: { offset: number; name: string; instance: number }[] }
    | { kind: 'exports'; exports: { offset: number; name: string; sort: CoreSort; index: number }[] };
}

export interface CoreTypeDef {
  kind: 'core-type';
  offset: number;
  type: CoreDefType;
}

/** A core type in a component: a rec group of GC/func types, or a module type. */
export type CoreDefType =
  | { kind: 'rec'; offset: number; types: CoreSubType[] }
  | { kind: 'module'; offset: number; decls: CoreModuleDecl[] };

export type CoreModuleDecl =
  | { kind: 'import'; offset: number; module: string; name: string; desc: CoreExternType }
  | { kind: 'type'; offset: number; type: CoreDefType }
  | { kind: 'alias'; offset: number; count: number; index: number } // (alias outer ct idx (type))
  | { kind: 'export'; offset: number; name: string; desc: CoreExternType };

// ───────────────────────── components and instances ─────────────────────────

export interface NestedComponentDef {
  kind: 'component';
  offset: number;
  component: Component;
}

export interface InstanceDef {
  kind: 'instance';
  offset: number;
  expr:
    | { kind: 'instantiate'; component: number; args: { offset: number; name: string; sort: Sort; index: number }[] }
    | { kind: 'exports'; exports: { offset: number; name: ExternName; sort: Sort; index: number }[] };
}

export interface AliasDef {
  kind: 'alias';
  offset: number;
  alias: Alias;
}

export interface Alias {
  offset: number;
  sort: Sort;
  target:
    | { kind: 'export'; instance: number; name: string }
    | { kind: 'core-export'; instance: number; name: string }
    | { kind: 'outer'; count: number; index: number };
}

// ───────────────────────── types ─────────────────────────

export interface TypeDef {
  kind: 'type';
  offset: number;
  type: DefType;
}

/** A value type reference: a primitive, or an index into the type index space. */
export type ValTypeRef = PrimValType | number;

export type DefType = DefValType | FuncType | ComponentType | InstanceType | ResourceType;

export type DefValType = { offset: number } & (
  | { kind: 'prim'; prim: PrimValType }
  | { kind: 'record'; fields: { name: string; type: ValTypeRef }[] }
  | { kind: 'variant'; cases: { name: string; type: ValTypeRef | null }[] }
  | { kind: 'list'; element: ValTypeRef; length?: number }
  | { kind: 'tuple'; types: ValTypeRef[] }
  | { kind: 'flags'; names: string[] }
  | { kind: 'enum'; names: string[] }
  | { kind: 'option'; type: ValTypeRef }
  | { kind: 'result'; ok: ValTypeRef | null; err: ValTypeRef | null }
  | { kind: 'own'; resource: number }
  | { kind: 'borrow'; resource: number }
  | { kind: 'stream'; element: ValTypeRef | null }
  | { kind: 'future'; element: ValTypeRef | null }
  | { kind: 'map'; key: ValTypeRef; value: ValTypeRef }
);

export interface FuncType {
  kind: 'func';
  offset: number;
  async: boolean;
  params: { name: string; type: ValTypeRef }[];
  result: ValTypeRef | null;
}

export interface ComponentType {
  kind: 'component-type';
  offset: number;
  decls: Decl[];
}

export interface InstanceType {
  kind: 'instance-type';
  offset: number;
  /** never contains `import` */
  decls: Decl[];
}

export interface ResourceType {
  kind: 'resource';
  offset: number;
  rep: CoreValType;
  /** core func index of the destructor */
  dtor: number | null;
}

/** A componentdecl / instancedecl. */
export type Decl =
  | { kind: 'core-type'; offset: number; type: CoreDefType }
  | { kind: 'type'; offset: number; type: DefType }
  | { kind: 'alias'; offset: number; alias: Alias }
  | { kind: 'import'; offset: number; name: ExternName; type: ExternType }
  | { kind: 'export'; offset: number; name: ExternName; type: ExternType };

export type ExternType =
  | { kind: 'module'; type: number }
  | { kind: 'func'; type: number }
  | { kind: 'value'; bound: { kind: 'eq'; value: number } | { kind: 'type'; type: ValTypeRef } }
  | { kind: 'type'; bound: { kind: 'eq'; type: number } | { kind: 'sub-resource' } }
  | { kind: 'component'; type: number }
  | { kind: 'instance'; type: number };

/** nameattributes: an extern name with its optional attributes. */
export interface ExternName {
  offset: number;
  name: string;
  /** which nameattributes form encoded it (0x00, 0x01 or 0x02) */
  form: 0 | 1 | 2;
  implements?: string;
  versionSuffix?: string;
  externalId?: string;
  /** offset of each attribute, by kind, for duplicate-attribute errors */
  attributes: { kind: 'implements' | 'versionsuffix' | 'external-id'; offset: number }[];
}

// ───────────────────────── canonical definitions ─────────────────────────

export interface CanonDef {
  kind: 'canon';
  offset: number;
  canon: Canon;
}

/**
 * A canonical built-in. `name` and `opcode` come from the CANON table; the
 * fields present are exactly those its immediates list says.
 */
export interface Canon {
  offset: number;
  name: string;
  opcode: number;
  /** `core-func` (lift) or `func` (lower) immediate */
  func?: number;
  /** `type` immediate: a component typeidx */
  type?: number;
  /** `core-type` immediate */
  coreType?: number;
  opts?: CanonOpt[];
  /** `resultlist` immediate (task.return): the result type or null */
  result?: ValTypeRef | null;
  /** `core-valtype` immediate (context.get/set) */
  valtype?: CoreValType;
  /** `u32` immediate (context slot) */
  index?: number;
  async?: boolean;
  cancellable?: boolean;
  shared?: boolean;
  memory?: number;
  table?: number;
}

export interface CanonOpt {
  offset: number;
  name: CanonOptName;
  /** memory / realloc / post-return / callback index */
  index?: number;
}

// ───────────────────────── start, imports, exports, values ─────────────────────────

export interface StartDef {
  kind: 'start';
  offset: number;
  func: number;
  args: number[];
  results: number;
}

export interface ImportDef {
  kind: 'import';
  offset: number;
  name: ExternName;
  type: ExternType;
}

export interface ExportDef {
  kind: 'export';
  offset: number;
  name: ExternName;
  sort: Sort;
  index: number;
  type: ExternType | null;
}

export interface ValueDef {
  kind: 'value';
  offset: number;
  type: ValTypeRef;
  /** the encoded value (a view into the input); checked by the validator against `type` */
  bytes: Uint8Array;
}
