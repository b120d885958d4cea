/**
 * The link plan: a component (with all its nested components and
 * instantiations) flattened into one linear list of steps, the way
 * wasmtime-environ's `GlobalInitializer` list does it. The emitter turns each
 * step into a few statements; nothing after linking sees nesting.
 */
import type { Canon, CoreModule } from '../binary/ast.js';
import type { FuncType, InstanceType, ValType } from '../types/model.js';
import type { ResourceMap } from './resources.js';
import type { DecodedValue } from '../types/value-decode.js';

/** A core item (func, memory, table, global, tag) at run time. */
export type CoreItem =
  | { kind: 'export'; instance: number; name: string } // an export of core instance #instance
  | { kind: 'canon'; id: number }; // a core function made by a canon step

/** What a core module import is satisfied with. */
export type CoreInstanceArg =
  | { kind: 'instance'; instance: number }
  | { kind: 'bag'; exports: [name: string, item: CoreItem][] };

export type FuncItem =
  | { kind: 'lifted'; id: number; type: FuncType }
  | { kind: 'host'; path: string[]; type: FuncType };

export type TypeItem =
  | { kind: 'resource'; id: number } // a resource type created by a step (generative)
  | { kind: 'host-resource'; path: string[] } // a resource type imported from the host
  | { kind: 'other' };

export type InstanceItem =
  | { kind: 'bag'; exports: Map<string, Item> }
  | { kind: 'host'; path: string[]; type: InstanceType };

export type Item =
  | { sort: 'func'; func: FuncItem }
  | { sort: 'instance'; instance: InstanceItem }
  | { sort: 'type'; type: TypeItem }
  | { sort: 'core module'; module: number }
  | { sort: 'component'; component: unknown }
  | { sort: 'value'; value: ValueItem };

/** 🪙 A value of the value index space: made once by a step (`value-import`, `value-def`, `start`), used once. */
export interface ValueItem {
  id: number;
  type: ValType;
}

export interface ResolvedOpts {
  stringEncoding: 'utf8' | 'utf16' | 'latin1+utf16';
  memory?: CoreItem;
  /** the address type of `memory` (i64 for a memory64 memory; absent: i32) */
  ptrType?: 'i32' | 'i64';
  realloc?: CoreItem;
  postReturn?: CoreItem;
  async: boolean;
  callback?: CoreItem;
}

/** Every step carries the byte offset of the definition it comes from (for source maps and messages). */
export type Step = StepBody & { offset: number };

type StepBody =
  | { kind: 'core-instantiate'; instance: number; module: number; args: { name: string; arg: CoreInstanceArg }[] }
  | { kind: 'lift'; id: number; core: CoreItem; type: FuncType; opts: ResolvedOpts; component: number; resources: ResourceMap }
  | {
      kind: 'lower';
      id: number;
      callee: FuncItem;
      /** the function type as the lowering component sees it (its resources resolve through `resources`) */
      type: FuncType;
      opts: ResolvedOpts;
      component: number;
      resources: ResourceMap;
    }
  /** a resource type definition: a fresh run-time type per instance; `name` is the first name it is exported under */
  | { kind: 'resource'; id: number; name: string | undefined; dtor: CoreItem | null; component: number }
  | {
      kind: 'builtin';
      id: number;
      canon: Canon;
      opts: ResolvedOpts;
      component: number;
      /** the core table a built-in names by an immediate (`thread.new-indirect`, `thread.spawn-indirect`) */
      table?: CoreItem;
      /** the resource or stream/future/value type the built-in is about, when it has one */
      resource?: TypeItem;
      type?: ValType;
    }
  /** 🪙 a value import: the host's JS value at `path` (import name, then instance export names), checked against `type` */
  | { kind: 'value-import'; value: ValueItem; path: string[] }
  /** 🪙 a value definition of the value section, decoded */
  | { kind: 'value-def'; value: ValueItem; decoded: DecodedValue }
  /** 🪙 a component-level start function: `func` called with `args` during instantiation; its result (if any) is a new value */
  | { kind: 'start'; func: FuncItem; args: ValueItem[]; result: ValueItem | null; component: number };

export interface LinkPlan {
  /** distinct core modules, in first-use order; a step's `module` indexes this */
  modules: CoreModule[];
  steps: Step[];
  /** number of component instances (the root is 0) */
  componentInstances: number;
  /** the instance that created each component instance (undefined for the root) */
  parents: (number | undefined)[];
  /** the root's imports, in order */
  imports: { name: string; item: Item }[];
  /** the root's exports, in order */
  exports: Map<string, Item>;
}
