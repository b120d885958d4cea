/**
 * The data a shared thread is started with (structured-cloneable: it crosses
 * `postMessage` to a worker). A worker rebuilds the store's core instances
 * from `ThreadShared` ("replicas": the same core modules, instantiated in
 * plan order against the same shared memories) and runs `ThreadTarget` in
 * them. Nothing here is a function: every item is a path that means the
 * same in the main thread's instances and in every replica.
 */

/** The core function a thread runs: an export of a core instance, or an entry of a table one exports. */
export type ThreadTarget =
  | { kind: 'export'; instance: number; name: string }
  | {
      kind: 'table';
      instance: number;
      name: string;
      index: number;
      /** the function's `name` (its index in its module) when spawned, to notice a table that changed since instantiation */
      func: string;
      /** the context parameter's core type (`call_indirect` checks the function against `(func (param T))`) */
      param: 'i32' | 'i64';
    };

/** What a replica's import is satisfied with. */
export type ReplicaItem =
  | { kind: 'export'; instance: number; name: string }
  /** `thread.spawn-ref shared` of component instance `component` */
  | { kind: 'spawn-ref'; component: number; param: 'i32' | 'i64' }
  /** `thread.spawn-indirect shared` of `component`, through the table `name` exported by core instance `instance` */
  | { kind: 'spawn-indirect'; component: number; instance: number; name: string; param: 'i32' | 'i64' }
  /** `thread.available-parallelism shared` */
  | { kind: 'parallelism' }
  /** anything that is not shared (lowered imports, other built-ins): traps when a shared thread calls it */
  | { kind: 'unshared'; what: string };

/** One core instantiation of the store, as a worker repeats it. */
export interface ReplicaInstance {
  /** index into `ThreadShared.modules` */
  module: number;
  /** instantiation arguments: a whole core instance's exports, or a bag of items */
  args: { name: string; instance?: number; items?: [string, ReplicaItem][] }[];
  /**
   * The module's own shared memories, turned into imports (of module
   * `THREAD_MEMORY_MODULE`, named by memory index) in the module a worker
   * gets, and satisfied with `ThreadShared.memories[slot]`: the main thread's.
   */
  memories: { name: string; slot: number }[];
}

/** What every thread of one store shares. */
export interface ThreadShared {
  /** the worker script's URL */
  worker: string;
  modules: WebAssembly.Module[];
  plan: ReplicaInstance[];
  memories: WebAssembly.Memory[];
  /** per component instance that spawns: its thread index table (threads/slots.ts) */
  slots: Record<number, Int32Array>;
  parallelism: number;
}

/** The message that starts a thread in a new worker. */
export interface ThreadStart {
  shared: ThreadShared;
  target: ThreadTarget;
  arg: number | bigint;
  /** the thread's index in its component instance's table, freed when it ends */
  index: number;
  component: number;
  /** a pooled worker's state cell (threads/pool.ts): set idle when done, for the next thread */
  state?: Int32Array;
}

/** Messages from a thread's worker to the agent that started it. */
export type ThreadReport = { kind: 'exit' } | { kind: 'trap'; message: string; code?: string };

/** The import module name of a core module's shared memories once they are imports (compiler/emit/threads/memory-import.ts). */
export const THREAD_MEMORY_MODULE = 'canonjs:shared-memory';
