/**
 * Resolved component types: what the validator computes and every later
 * phase (link, ABI planning, emit, d.ts, inspect) reads. Type indices are
 * gone; resources are objects with identity (generative: a fresh
 * `ResourceType` per definition and per instantiation).
 */
import type { CoreValType, CoreExternType, CoreSubType } from '../binary/ast.js';
import type { PrimValType } from '../binary/opcodes.js';

export type ValType =
  | { kind: PrimValType; name?: string }
  | { kind: 'record'; fields: { name: string; type: ValType }[]; name?: string }
  | { kind: 'variant'; cases: { name: string; type: ValType | null }[]; name?: string }
  | { kind: 'list'; element: ValType; length?: number; name?: string }
  | { kind: 'tuple'; types: ValType[]; name?: string }
  | { kind: 'flags'; names: string[]; name?: string }
  | { kind: 'enum'; names: string[]; name?: string }
  | { kind: 'option'; type: ValType; name?: string }
  | { kind: 'result'; ok: ValType | null; err: ValType | null; name?: string }
  | { kind: 'own'; resource: Resource; name?: string }
  | { kind: 'borrow'; resource: Resource; name?: string }
  | { kind: 'stream'; element: ValType | null; name?: string }
  | { kind: 'future'; element: ValType | null; name?: string }
  | { kind: 'map'; key: ValType; value: ValType; name?: string };
// `name`: the name the type was exported/imported under (for WIT and d.ts), when known.

export type ValKind = ValType['kind'];

/**
 * A resource type. Identity is the object: two `Resource`s are the same type
 * only if they are the same object (after substitution by instantiation).
 */
export interface Resource {
  kind: 'resource';
  /** unique per store-independent definition, for printing and debugging */
  id: number;
  /** the name it was imported/exported under, when known */
  name?: string;
  /** 'defined' by a (type (resource ...)) in a component; 'abstract' for an import / (sub resource) */
  origin: 'defined' | 'abstract';
  rep?: CoreValType;
  /** core func index (in the defining component's core func index space) */
  dtor?: number | null;
  /**
   * For an abstract resource that a concrete component exports under an
   * ascribed `(type (sub resource))`: the resource that implements it there.
   */
  implementedBy?: Resource;
}

export interface FuncType {
  kind: 'func';
  async: boolean;
  params: { name: string; type: ValType }[];
  result: ValType | null;
}

/** What an import or export of a component / instance is. */
export type ExternType =
  | { kind: 'module'; type: CoreModuleType }
  | { kind: 'func'; type: FuncType }
  | { kind: 'value'; type: ValType }
  | { kind: 'type'; type: TypeDefinition }
  | { kind: 'component'; type: ComponentType }
  | { kind: 'instance'; type: InstanceType };

/** What the type index space holds. */
export type TypeDefinition = ValType | FuncType | ComponentType | InstanceType | Resource;

export interface InstanceType {
  kind: 'instance';
  /** exports by name, in declaration order */
  exports: Map<string, ExternType>;
  /**
   * Resources the instance type exports abstractly (`(export "r" (type (sub
   * resource)))` in an instance type definition): each import or export of
   * an instance of this type gets fresh ones. Empty for the type of a
   * concrete instance.
   */
  exportedResources: Resource[];
}

export interface ComponentType {
  kind: 'component';
  imports: Map<string, ExternType>;
  exports: Map<string, ExternType>;
  /** resources the component type imports abstractly (substituted on instantiation) */
  importedResources: Resource[];
  /** resources freshly created by each instantiation (from `(sub resource)` exports) */
  exportedResources: Resource[];
}

export interface CoreModuleType {
  kind: 'module';
  imports: { module: string; name: string; desc: CoreExternType }[];
  exports: Map<string, CoreExternType>;
  /** the module's types, to resolve `desc.type` indices */
  types: CoreSubType[];
}

export interface CoreInstanceType {
  kind: 'core-instance';
  exports: Map<string, CoreExternType>;
  types: CoreSubType[];
}
