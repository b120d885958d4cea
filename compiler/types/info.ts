/**
 * What validation hands to later phases: the resolved type of the component
 * and of every entry of every index space, in index order.
 */
import type {
  Canon,
  Component,
  CoreGlobalType,
  CoreMemoryType,
  CoreModule,
  CoreSubType,
  CoreTableType,
  CoreValType,
  Definition,
  NestedComponentDef,
} from '../binary/ast.js';
import type {
  ComponentType,
  CoreInstanceType,
  CoreModuleType,
  FuncType,
  InstanceType,
  Resource,
  TypeDefinition,
  ValType,
} from './model.js';

/**
 * A core function type. Reference types with a type-index heap type index
 * into `types` (the type space of the module or component they came from).
 */
export interface CoreFuncSig {
  params: CoreValType[];
  results: CoreValType[];
  shared?: boolean;
  types?: readonly (CoreSubType | null)[];
}

/** An entry of a component's core type index space. */
export type CoreTypeEntry =
  | { kind: 'sub'; sub: CoreSubType; types: readonly (CoreSubType | null)[] }
  | CoreModuleType;

/** Canonical ABI options after validation (Explainer "Canonical ABI"). */
export interface CanonOptions {
  stringEncoding: 'utf8' | 'utf16' | 'latin1+utf16';
  /** core memory index */
  memory?: number;
  /** core func indices */
  realloc?: number;
  postReturn?: number;
  callback?: number;
  async: boolean;
  /** the address type of `memory` (i32 when there is no memory) */
  ptr: 'i32' | 'i64';
}

/** What validation learnt about one canonical definition. */
export interface CanonInfo {
  canon: Canon;
  opts?: CanonOptions;
  /** lift: the lifted type; lower: the callee's type; task.return: `(func (param "v" t)?)` */
  func?: FuncType;
  /** the core function it defines or lifts */
  core: CoreFuncSig;
  /** resource.new / drop / rep */
  resource?: Resource;
  /** stream.* / future.*: the stream or future type */
  payload?: ValType;
}

/** Index-space names, as the fields of `ComponentInfo`. */
export type SpaceName =
  | 'funcs'
  | 'types'
  | 'instances'
  | 'components'
  | 'values'
  | 'coreFuncs'
  | 'coreTables'
  | 'coreMemories'
  | 'coreGlobals'
  | 'coreTags'
  | 'coreTypes'
  | 'coreModules'
  | 'coreInstances';

export interface ComponentInfo {
  /** the AST validated */
  component: Component;
  /** resolved imports and exports */
  type: ComponentType;
  // index spaces in index order
  funcs: FuncType[];
  types: TypeDefinition[];
  instances: InstanceType[];
  components: ComponentType[];
  values: ValType[];
  coreFuncs: CoreFuncSig[];
  coreTables: CoreTableType[];
  coreMemories: CoreMemoryType[];
  coreGlobals: CoreGlobalType[];
  coreTags: CoreFuncSig[];
  coreTypes: CoreTypeEntry[];
  coreModules: CoreModuleType[];
  coreInstances: CoreInstanceType[];
  /** per index space, the definition that introduced each index */
  origins: Record<SpaceName, Definition[]>;
  /** nested component definitions, validated */
  nested: Map<NestedComponentDef, ComponentInfo>;
  /**
   * Per component index, the validated definition behind it: a nested
   * definition, or the one an outer alias names; undefined for imports.
   */
  componentInfos: (ComponentInfo | undefined)[];
  /** every canonical definition of this component (not nested ones) */
  canons: Map<Canon, CanonInfo>;
  /** resources defined by `(type (resource ...))` here, in definition order */
  definedResources: Resource[];
  /**
   * Core modules (of this component) that the running engine could not
   * validate because they use features it lacks (memory64, multi-memory,
   * custom page sizes, GC, exnref...): those features, by module.
   */
  unvalidatedModules: Map<CoreModule, string[]>;
}
