/**
 * Starting shared threads (🧵② `thread.spawn-ref shared`,
 * `thread.spawn-indirect shared`), the same way from the main thread and from
 * inside a worker (a shared thread may spawn too): take an index from the
 * component instance's thread table, start a worker with the store's
 * `ThreadShared` and the target, return the index. The spec's
 * `canon_thread_spawn_*` = `thread.new-*` + `thread.resume-later`: the
 * checks of `thread.new-*` (null or out-of-bounds entry, wrong function type)
 * happen here, synchronously, so they trap in the spawning thread.
 */
import { trap } from '../traps.js';
import type { ThreadPlatform } from './platform.js';
import { THREAD_BUSY, THREAD_RETIRED, threadPoolCell, threadPoolTake, type ThreadPooled } from './pool.js';
import type { ThreadReport, ThreadShared, ThreadTarget } from './plan.js';
import { threadSlotAlloc, threadSlotFree } from './slots.js';

/** One agent's view of the store's threads: the main thread's, or a worker's. */
export interface ThreadContext {
  platform: ThreadPlatform;
  /** the cloneable part, made on the first spawn (the main thread needs its core instances for it) */
  shared(): ThreadShared;
  /** core instance `k` of this agent (undefined while it is still being instantiated) */
  instance(k: number): WebAssembly.Instance | undefined;
  /** how many core instances the store has */
  count: number;
  /** a thread this agent started trapped (or its worker failed) */
  trapped(report: ThreadReport & { kind: 'trap' }): void;
  /** this agent started a thread (its worker now runs) */
  started(): void;
  /** a thread this agent started ended (its worker is gone) */
  exited(): void;
  /** the main thread's workers do not keep the process alive; a worker's children keep it alive */
  detached: boolean;
  /** functions found by `threadFindFunc`, by identity */
  found: WeakMap<object, ThreadTarget>;
  /** the main thread's workers, reused once idle (threads/pool.ts); a worker's children are not pooled */
  pool?: ThreadPooled[];
}

/** Starts a worker that runs `target(arg)` (an idle one of the pool where there is one); returns the new thread's index. */
export function threadStart(ctx: ThreadContext, component: number, target: ThreadTarget, arg: number | bigint): number {
  if (!ctx.platform.available) trap('trap/thread-unavailable');
  const shared = ctx.shared();
  const slots = shared.slots[component]!;
  const index = threadSlotAlloc(slots);
  if (ctx.pool) {
    const p = threadPoolTake(ctx.pool) ?? threadPoolSpawn(ctx, shared.worker);
    p.slots = slots;
    p.index = index;
    p.worker.post({ shared, target, arg, index, component, state: p.state });
    ctx.started();
    return index;
  }
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    ctx.exited();
  };
  const worker = ctx.platform.spawn(
    shared.worker,
    (report) => {
      if (report.kind === 'trap') ctx.trapped(report);
      else end();
    },
    (error) => {
      // the worker could not load or died: its thread never freed its index
      threadSlotFree(slots, index);
      ctx.trapped({ kind: 'trap', message: `shared thread ${index} failed: ${error instanceof Error ? error.message : String(error)}` });
      end();
    },
    ctx.detached,
  );
  worker.post({ shared, target, arg, index, component });
  ctx.started();
  return index;
}

/**
 * A new worker for the pool (busy: a thread is posted to it at once). Its
 * reports are the same for every thread it runs (a trap poisons the store);
 * a crash frees the index of the thread it ran and retires it.
 */
function threadPoolSpawn(ctx: ThreadContext, url: string): ThreadPooled {
  const p: ThreadPooled = { worker: undefined!, state: threadPoolCell(), slots: undefined!, index: 0 };
  p.worker = ctx.platform.spawn(
    url,
    (report) => (report.kind === 'trap' ? ctx.trapped(report) : ctx.exited()),
    (error) => {
      // an idle worker's last thread freed its index already
      if (Atomics.exchange(p.state, 0, THREAD_RETIRED) === THREAD_BUSY) threadSlotFree(p.slots, p.index);
      ctx.trapped({ kind: 'trap', message: `shared thread ${p.index} failed: ${error instanceof Error ? error.message : String(error)}` });
      ctx.exited();
    },
    ctx.detached,
  );
  ctx.pool!.push(p);
  return p;
}

/**
 * Where the function `f` (a funcref passed to `thread.spawn-ref`) lives, as a
 * path every replica understands: an export of a core instance, or an entry
 * of a table a core instance exports. A function reachable neither way
 * cannot be named in another agent: that traps.
 */
export function threadFindFunc(ctx: ThreadContext, f: unknown, param: 'i32' | 'i64'): ThreadTarget {
  if (f === null || f === undefined) return trap('trap/thread-spawn-null-ref');
  const known = ctx.found.get(f as object);
  if (known) return known;
  let found: ThreadTarget | undefined;
  const instances: [number, WebAssembly.Exports][] = [];
  for (let k = 0; k < ctx.count; k++) {
    const inst = ctx.instance(k);
    if (inst) instances.push([k, inst.exports]);
  }
  for (const [k, exports] of instances) {
    for (const name of Object.keys(exports)) if (exports[name] === f) found ??= { kind: 'export', instance: k, name };
  }
  if (!found) {
    search: for (const [k, exports] of instances) {
      for (const name of Object.keys(exports)) {
        const table = exports[name];
        if (!(table instanceof WebAssembly.Table)) continue;
        for (let i = 0; i < table.length; i++) {
          if (table.get(i) === f) {
            found = { kind: 'table', instance: k, name, index: i, func: (f as { name: string }).name, param };
            break search;
          }
        }
      }
    }
  }
  if (!found) return trap('trap/thread-unreachable');
  ctx.found.set(f as object, found);
  return found;
}

/** `thread.spawn-ref shared`: `f` a funcref of type `(func (param T))`, `arg` the context value. */
export function threadSpawnRef(ctx: ThreadContext, component: number, param: 'i32' | 'i64', f: unknown, arg: number | bigint): number {
  return threadStart(ctx, component, threadFindFunc(ctx, f, param), arg);
}

/**
 * `thread.spawn-indirect shared`: entry `i` of the table `name` exported by
 * core instance `instance`. Traps, as `thread.new-indirect` does, on an
 * out-of-bounds or null entry and on a function of another arity; the full
 * type check (`call_indirect` against `(func (param T))`) runs when the thread
 * starts (engines without type reflection cannot tell i32 from i64 here).
 */
export function threadSpawnIndirect(
  ctx: ThreadContext,
  component: number,
  instance: number,
  name: string,
  param: 'i32' | 'i64',
  i: number | bigint,
  arg: number | bigint,
): number {
  const table = ctx.instance(instance)?.exports[name] as WebAssembly.Table | undefined;
  if (!table) return trap('trap/thread-unreachable');
  // the index is unsigned (wasm passes i32 as a signed JS number)
  const index = typeof i === 'bigint' ? Number(BigInt.asUintN(64, i)) : i >>> 0;
  if (index >= table.length) return trap('trap/thread-func-null');
  const f = table.get(index) as ((...args: unknown[]) => unknown) | null;
  if (f === null) return trap('trap/thread-func-null');
  if (f.length !== 1) return trap('trap/thread-func-type');
  return threadStart(ctx, component, { kind: 'table', instance, name, index, func: f.name, param }, arg);
}
