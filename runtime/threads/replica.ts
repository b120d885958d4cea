/**
 * Inside a worker: the store's core instances again ("replicas"), made from
 * the same core modules in the same order, wired to each other as in the
 * main thread, with the main thread's shared memories. What a shared thread
 * may call besides core code is what the spec lets a `shared` function
 * call: the 🧵② built-ins with `shared`. Every other import (lowered
 * component functions, the other canonical built-ins) traps when called.
 * Non-shared state (non-shared memories, globals, tables) is the replica's
 * own, as thread-local state would be.
 */
import { trap, type TrapCode } from '../traps.js';
import { THREAD_MEMORY_MODULE, type ReplicaItem, type ThreadShared, type ThreadTarget } from './plan.js';
import { threadSpawnIndirect, threadSpawnRef, type ThreadContext } from './spawn.js';

/** A trap whose message names what was called. */
function threadTrapAt(code: TrapCode, what: string): never {
  try {
    return trap(code);
  } catch (e) {
    (e as Error).message += `: ${what}`;
    throw e;
  }
}

function threadItem(ctx: ThreadContext, shared: ThreadShared, replicas: WebAssembly.Instance[], item: ReplicaItem): unknown {
  switch (item.kind) {
    case 'export':
      return replicas[item.instance]!.exports[item.name];
    case 'spawn-ref':
      return (f: unknown, c: number | bigint) => threadSpawnRef(ctx, item.component, item.param, f, c);
    case 'spawn-indirect':
      return (i: number | bigint, c: number | bigint) => threadSpawnIndirect(ctx, item.component, item.instance, item.name, item.param, i, c);
    case 'parallelism':
      return () => shared.parallelism;
    case 'unshared':
      return () => threadTrapAt('trap/thread-unshared', item.what);
  }
}

/** Instantiates every core instance of the plan into `replicas`, in order. */
export async function threadReplicate(ctx: ThreadContext, shared: ThreadShared, replicas: WebAssembly.Instance[]): Promise<void> {
  for (const r of shared.plan) {
    const imports: Record<string, Record<string, unknown>> = {};
    for (const arg of r.args) {
      if (arg.instance !== undefined) imports[arg.name] = replicas[arg.instance]!.exports as Record<string, unknown>;
      else imports[arg.name] = Object.fromEntries(arg.items!.map(([name, item]) => [name, threadItem(ctx, shared, replicas, item)]));
    }
    if (r.memories.length) imports[THREAD_MEMORY_MODULE] = Object.fromEntries(r.memories.map((m) => [m.name, shared.memories[m.slot]]));
    replicas.push(await WebAssembly.instantiate(shared.modules[r.module]!, imports as WebAssembly.Imports));
  }
}

/**
 * A module whose `call(i, c)` is `call_indirect (type (func (param T)))` on
 * the imported table: the spec's checks of a table entry (out of bounds,
 * null, function type) done by the engine itself.
 */
export function threadCallIndirectModule(param: 'i32' | 'i64'): Uint8Array<ArrayBuffer> {
  const t = param === 'i32' ? 0x7f : 0x7e;
  // prettier-ignore
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x0a, 0x02, 0x60, 0x01, t, 0x00, 0x60, 0x02, 0x7f, t, 0x00, // types: (func (param T)), (func (param i32 T))
    0x02, 0x09, 0x01, 0x01, 0x74, 0x01, 0x74, 0x01, 0x70, 0x00, 0x00, // import "t" "t" (table 0 funcref)
    0x03, 0x02, 0x01, 0x01, // func 0: type 1
    0x07, 0x08, 0x01, 0x04, 0x63, 0x61, 0x6c, 0x6c, 0x00, 0x00, // export "call"
    0x0a, 0x0b, 0x01, 0x09, 0x00, 0x20, 0x01, 0x20, 0x00, 0x11, 0x00, 0x00, 0x0b, // local.get 1 local.get 0 call_indirect 0 0
  ]);
}

/** The function that runs `target(arg)` in the replicas. */
export function threadTargetCall(replicas: WebAssembly.Instance[], target: ThreadTarget): (arg: number | bigint) => unknown {
  const exported = replicas[target.instance]?.exports[target.name];
  if (target.kind === 'export') {
    if (typeof exported !== 'function') return trap('trap/thread-unreachable');
    return exported as (arg: number | bigint) => unknown;
  }
  if (!(exported instanceof WebAssembly.Table)) return trap('trap/thread-unreachable');
  // the replica's table holds what the module's element segments put there: an entry
  // changed in the spawning agent since instantiation is not seen here
  const entry = target.index < exported.length ? (exported.get(target.index) as { name?: string } | null) : null;
  if (entry?.name !== target.func) return trap('trap/thread-unreachable');
  const helper = new WebAssembly.Instance(new WebAssembly.Module(threadCallIndirectModule(target.param)), { t: { t: exported } });
  const call = helper.exports.call as (i: number, arg: number | bigint) => unknown;
  return (arg) => call(target.index, arg);
}
