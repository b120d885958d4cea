/**
 * One validation scope: a component, a component type or an instance type,
 * with its index spaces built up definition by definition. Scopes form a
 * stack (`parent`) that outer aliases count through.
 */
import type { CoreGlobalType, CoreMemoryType, CoreSubType, CoreTableType, CoreValType, Definition } from '../binary/ast.js';
import { fail } from '../errors/index.js';
import type { ComponentInfo, CoreFuncSig, CoreTypeEntry, SpaceName } from './info.js';
import type {
  ComponentType,
  CoreInstanceType,
  CoreModuleType,
  ExternType,
  FuncType,
  InstanceType,
  Resource,
  TypeDefinition,
  ValType,
} from './model.js';
import type { Feature } from '../binary/opcodes.js';
import { NameScope } from './names.js';

export type ScopeKind = 'component' | 'component-type' | 'instance-type';

/** A value of the value index space (🪙), consumed exactly once in a component. */
export interface ValueEntry {
  type: ValType;
  consumed: boolean;
  offset: number;
}

/** Settings shared by every scope of one validation. */
export interface ValidationOptions {
  /** feature gates that widen what names may be (🪺 nested names, 🔗 canonical names) */
  features?: ReadonlySet<Feature>;
}

export class Scope {
  readonly kind: ScopeKind;
  readonly parent: Scope | undefined;
  readonly options: ValidationOptions;

  // component-level index spaces
  readonly funcs: FuncType[] = [];
  readonly types: TypeDefinition[] = [];
  /**
   * Per type index holding a resource: the identity of that index for
   * external visibility (the import/export that introduced it, or the
   * definition). Aliases copy it; `own`/`borrow` remember it.
   */
  readonly typeTokens: (object | undefined)[] = [];
  readonly instances: InstanceType[] = [];
  readonly components: ComponentType[] = [];
  /** per component index, the validated definition behind it (undefined for imports) */
  readonly componentInfos: (ComponentInfo | undefined)[] = [];
  readonly values: ValueEntry[] = [];

  // core index spaces
  readonly coreFuncs: CoreFuncSig[] = [];
  readonly coreTables: CoreTableType[] = [];
  readonly coreMemories: CoreMemoryType[] = [];
  readonly coreGlobals: CoreGlobalType[] = [];
  readonly coreTags: CoreFuncSig[] = [];
  readonly coreTypes: CoreTypeEntry[] = [];
  /** `coreTypes` as the type space core reference types index into (null for module types) */
  readonly coreSubTypes: (CoreSubType | null)[] = [];
  readonly coreModules: CoreModuleType[] = [];
  readonly coreInstances: CoreInstanceType[] = [];

  /** the definition (or declarator, in a type scope) that introduced each index */
  readonly origins: Record<SpaceName, unknown[]> = {
    funcs: [],
    types: [],
    instances: [],
    components: [],
    values: [],
    coreFuncs: [],
    coreTables: [],
    coreMemories: [],
    coreGlobals: [],
    coreTags: [],
    coreTypes: [],
    coreModules: [],
    coreInstances: [],
  };

  /** imports and exports, by name, in order */
  readonly imports = new Map<string, ExternType>();
  readonly exports = new Map<string, ExternType>();
  readonly importNames: NameScope;
  readonly exportNames: NameScope;
  /** resources imported / exported under a plain name, for annotated names */
  readonly importedResourceNames = new Map<string, Resource>();
  readonly exportedResourceNames = new Map<string, Resource>();
  /** external visibility: named types and resource tokens introduced by imports / by imports and exports */
  readonly importVisible = new Set<object>();
  readonly exportVisible = new Set<object>();
  /** abstract resources introduced by imports / exports (bound by this scope's type) */
  readonly importedResources: Resource[] = [];
  readonly exportedResources: Resource[] = [];
  /** resources defined here by `(type (resource ...))` */
  readonly definedResources: Resource[] = [];
  readonly definedSet = new Set<Resource>();
  /** the core type of the first context.get/set (all must agree) */
  contextType: CoreValType | undefined;

  constructor(kind: ScopeKind, parent: Scope | undefined, options: ValidationOptions = parent?.options ?? {}) {
    this.kind = kind;
    this.parent = parent;
    this.options = options;
    this.importNames = new NameScope('import', { features: options.features });
    this.exportNames = new NameScope('export', { features: options.features });
  }

  /** How many scopes enclose this one. */
  get depth(): number {
    let n = 0;
    for (let s = this.parent; s; s = s.parent) n++;
    return n;
  }
}

/** Human name of an index space, for messages. */
export const SPACE_WHAT: Record<SpaceName, string> = {
  funcs: 'func',
  types: 'type',
  instances: 'instance',
  components: 'component',
  values: 'value',
  coreFuncs: 'core func',
  coreTables: 'core table',
  coreMemories: 'core memory',
  coreGlobals: 'core global',
  coreTags: 'core tag',
  coreTypes: 'core type',
  coreModules: 'core module',
  coreInstances: 'core instance',
};

/** The entry `index` of an index space, or `validate/index-out-of-bounds`. */
export function at<T>(space: readonly T[], index: number, what: SpaceName, offset: number): T {
  if (index < space.length) return space[index]!;
  return fail('validate/index-out-of-bounds', offset, SPACE_WHAT[what], index, space.length);
}

/** Appends to an index space and records the definition that introduced the entry. */
export function push<K extends SpaceName>(scope: Scope, space: K, entry: Scope[K][number], origin: Definition | object): number {
  (scope[space] as unknown[]).push(entry);
  scope.origins[space].push(origin);
  if (space === 'components') scope.componentInfos.push(undefined);
  return scope[space].length - 1;
}
