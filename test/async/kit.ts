/**
 * Test kit for runtime/async: what generated glue would do, written by hand.
 * Core functions are JS closures that call the built-ins with their
 * instance; a stackful core function is an async function (the JSPI model:
 * a blocking built-in returns a Promise, the core code awaits it). Values
 * cross calls as plain JS values; results go to a pointer in the caller's
 * memory as a u8 or u32, as the test asks.
 */
import { ComponentInstance } from '../../runtime/resources/instance.js';
import { memView, memDataView, type MemView } from '../../runtime/memory.js';
import type { AsyncCallee } from '../../runtime/async/call-sides.js';
import type { AsyncElemType, CopyElemOps } from '../../runtime/async/buffer.js';
import { LiftedFunc, LIFT_CALLBACK, LIFT_STACKFUL, LIFT_SYNC } from '../../runtime/async/lift.js';
import type { AsyncTask } from '../../runtime/async/task.js';
import { LoweredFunc, lowerCall } from '../../runtime/async/lower.js';
import type { Subtask } from '../../runtime/async/subtask.js';
import { schedulerOf, type AsyncScheduler } from '../../runtime/async/scheduler.js';

export function mkStore(): { root: ComponentInstance; s: AsyncScheduler } {
  const root = new ComponentInstance();
  return { root, s: schedulerOf(root) };
}

export class Mem {
  readonly view: MemView;
  constructor(pages = 1) {
    this.view = memView(new WebAssembly.Memory({ initial: pages }));
  }
  get bytes(): Uint8Array {
    return new Uint8Array(this.view.memory.buffer);
  }
  u8(p: number): number {
    return this.bytes[p];
  }
  setU8(p: number, v: number): void {
    this.bytes[p] = v;
  }
  u32(p: number): number {
    return memDataView(this.view).getUint32(p, true);
  }
  setU32(p: number, v: number): void {
    memDataView(this.view).setUint32(p, v, true);
  }
}

export const U8: AsyncElemType = { plain: true, name: 'u8' };
export const F64: AsyncElemType = { plain: true, name: 'f64' };
export const UNIT: AsyncElemType = { plain: true, name: 'none' };
/** a non-number element type (a string, say) whose values are JS values: the glue's load/store convert */
export const TEXT: AsyncElemType = { plain: false, name: 'string' };

/** Element ops of a number type of `size` bytes in `mem`. */
export function numOps(mem: Mem, size: 1 | 4 | 8 = 1): CopyElemOps {
  return {
    size,
    align: size,
    plain: true,
    mem: mem.view,
    load: (ptr, n) => mem.bytes.slice(ptr, ptr + n * size),
    store: (vs, n, ptr) => mem.bytes.set(Array.from(vs as ArrayLike<number>).slice(0, n * size), ptr),
  };
}

export const unitOps: CopyElemOps = { size: 0, align: 1, plain: true, mem: null, load: null, store: null };

/** Ops of a non-number type stored as u32 "ids" in memory (stands for lifting/lowering strings). */
export function textOps(mem: Mem, table: string[]): CopyElemOps {
  return {
    size: 4,
    align: 4,
    plain: false,
    mem: mem.view,
    load: (ptr, n) => Array.from({ length: n }, (_, k) => table[mem.u32(ptr + 4 * k)]),
    store: (vs, n, ptr) => {
      for (let k = 0; k < n; k++) {
        table.push(vs[k] as string);
        mem.setU32(ptr + 4 * k, table.length - 1);
      }
    },
  };
}

export function liftCallback(
  inst: ComponentInstance,
  entry: (task: AsyncTask, args: unknown) => unknown,
  callback: (code: number, p1: number, p2: number) => unknown,
  o: { sig?: unknown; suspendable?: boolean } = {},
): LiftedFunc {
  return new LiftedFunc(inst, { kind: LIFT_CALLBACK, isAsyncType: true, entry, callback, returnSig: o.sig ?? 'r', suspendable: o.suspendable ?? false });
}

export function liftStackful(inst: ComponentInstance, entry: (task: AsyncTask, args: unknown) => unknown, sig: unknown = 'r'): LiftedFunc {
  return new LiftedFunc(inst, { kind: LIFT_STACKFUL, isAsyncType: true, entry, returnSig: sig, suspendable: true });
}

export function liftSync(
  inst: ComponentInstance,
  entry: (task: AsyncTask, args: unknown) => unknown,
  o: { isAsyncType?: boolean; suspendable?: boolean; postReturn?: (task: AsyncTask) => void } = {},
): LiftedFunc {
  return new LiftedFunc(inst, {
    kind: LIFT_SYNC,
    isAsyncType: o.isAsyncType ?? false,
    entry,
    postReturn: o.postReturn ?? null,
    suspendable: o.suspendable ?? false,
  });
}

export interface Flat {
  args: unknown;
  retp?: number;
}

/** A lowered import: args pass as they are; a result goes to `retp` (u8 or u32) in `mem`, or (sync) to `sub.result`. */
export function lower(inst: ComponentInstance, callee: AsyncCallee, o: { isAsync?: boolean; mem?: Mem; width?: 1 | 4 } = {}): LoweredFunc {
  const isAsync = o.isAsync ?? true;
  return new LoweredFunc(inst, callee, {
    isAsync,
    liftArgs: (sub: Subtask) => (sub.flat as Flat).args,
    lowerResult: (sub: Subtask, v: unknown) => {
      const retp = (sub.flat as Flat).retp;
      if (retp !== undefined && v !== undefined) {
        if (o.width === 4) o.mem!.setU32(retp, v as number);
        else o.mem!.setU8(retp, v as number);
      } else {
        sub.result = v;
      }
    },
  });
}

export function call(imp: LoweredFunc, args: unknown = [], retp?: number): unknown {
  return lowerCall(imp, { args, retp } satisfies Flat);
}

/** [state or result, index or progress] of a packed value */
export function unpack(v: unknown): [number, number] {
  const n = (v as number) >>> 0;
  return [n & 0xf, n >>> 4];
}

/** [readable, writable] handles of a packed `stream.new` / `future.new` */
export function ends(v: bigint): [number, number] {
  return [Number(v & 0xffffffffn), Number(v >> 32n)];
}

/** Lets queued microtasks (and the scheduler runs they queue) go. */
export async function flush(rounds = 20): Promise<void> {
  for (let k = 0; k < rounds; k++) await Promise.resolve();
}

export function trapCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
  return undefined;
}

export async function rejectCode(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
  return undefined;
}

/**
 * The value of a built-in that must not have suspended. (A fake stackful
 * core function may only `await` real Promises: awaiting a plain number
 * would continue in a microtask, which real core code never does.)
 */
export function now<T>(v: T | Promise<T>): T {
  if (v instanceof Promise) throw new Error('the built-in suspended');
  return v;
}

/** A Promise with its resolve function, for host functions the test completes. */
export function deferred<T = unknown>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
