/**
 * Small pieces the compiled async glue uses (compiler/emit/async): element
 * ops of stream/future built-ins, the JS faces of stream/future values, and
 * an async export's result<T,E> as a resolved or rejected Promise.
 */
import type { MemView } from '../memory.js';
import type { ComponentInstance } from '../resources/instance.js';
import { ComponentError, hostErrorPayload, isComponentError } from '../component-error.js';
import type { AsyncElemType, CopyElemOps } from './buffer.js';
import type { ReadSide } from './copy-end.js';
import { HostFutureSource, hostFutureToPromise } from './host-future.js';
import { hostStreamSource, hostStreamToReadable } from './host-stream.js';
import { asyncIsThenable } from './host.js';
import { schedulerOf } from './scheduler.js';
import { futureLift, futureLower } from './future.js';
import { streamLift, streamLower } from './stream.js';

type TypedCtor = { new (buffer: ArrayBufferLike, offset: number, length: number): ArrayLike<unknown> & { set(a: ArrayLike<unknown>): void; slice(): ArrayLike<unknown> } };

/** Typed-array constructors of the number element kinds, by name. */
const ASYNC_TYPED: Record<string, TypedCtor> = {
  u8: Uint8Array, s8: Int8Array, u16: Uint16Array, s16: Int16Array, u32: Uint32Array, s32: Int32Array,
  u64: BigUint64Array, s64: BigInt64Array, f32: Float32Array, f64: Float64Array,
} as unknown as Record<string, TypedCtor>;

/** Element ops of a number type: typed arrays copied out of and into memory (pointers already checked and aligned). */
export function asyncPlainOps(mem: MemView, kind: string, size: number): CopyElemOps {
  const Ctor = ASYNC_TYPED[kind]!;
  return {
    size, align: size, plain: true, mem,
    load: (ptr, n) => new Ctor(mem.memory.buffer, ptr, n).slice(),
    store: (values, n, ptr) => {
      const dst = new Ctor(mem.memory.buffer, ptr, n);
      dst.set(values.length === n ? values : Array.prototype.slice.call(values, 0, n));
    },
  };
}

/** Element ops of another type: one element at a time through the glue's load/store functions. */
export function asyncValueOps(
  mem: MemView | null, size: number, align: number,
  loadOne: (ptr: number) => unknown, storeOne: (v: unknown, ptr: number) => void,
): CopyElemOps {
  return {
    size, align, plain: false, mem,
    load: (ptr, n) => {
      const out = new Array<unknown>(n);
      for (let k = 0; k < n; k++) out[k] = loadOne(ptr + k * size);
      return out;
    },
    store: (values, n, ptr) => {
      for (let k = 0; k < n; k++) storeOne(values[k], ptr + k * size);
    },
  };
}

/** Ops of a stream/future without an element type (or of a built-in that moves none). */
export const ASYNC_UNIT_OPS: CopyElemOps = { size: 0, align: 1, plain: true, mem: null, load: null, store: null };

/** A readable end handed in by the glue of another component, or a host value made into one. */
function isReadSide(v: unknown): v is ReadSide {
  return v !== null && typeof v === 'object' && typeof (v as ReadSide).read === 'function' && typeof (v as ReadSide).drop === 'function' && !(typeof ReadableStream !== 'undefined' && v instanceof ReadableStream);
}

/** `stream<T>` out to the host: a ReadableStream. */
export function asyncStreamToHost(inst: ComponentInstance, t: AsyncElemType, i: number): ReadableStream<unknown> {
  return hostStreamToReadable(streamLift(inst, t, i));
}

/** `stream<T>` from the host: a ReadableStream or (async) iterable becomes a readable end in `inst`'s table. */
export function asyncStreamFromHost(inst: ComponentInstance, t: AsyncElemType, v: unknown): number {
  return streamLower(inst, isReadSide(v) ? v : hostStreamSource(t, schedulerOf(inst), v));
}

/** `future<T>` out to the host: a Promise of its value. */
export function asyncFutureToHost(inst: ComponentInstance, t: AsyncElemType, i: number): Promise<unknown> {
  return hostFutureToPromise(futureLift(inst, t, i));
}

/** `future<T>` from the host: a Promise, thenable or plain value. */
export function asyncFutureFromHost(inst: ComponentInstance, t: AsyncElemType, v: unknown): number {
  if (isReadSide(v)) return futureLower(inst, v);
  const p = asyncIsThenable(v) ? Promise.resolve(v) : Promise.resolve(v);
  return futureLower(inst, new HostFutureSource(t, schedulerOf(inst), p));
}

/** An async export's `result<T,E>` value (`{ tag, value }`, or jco's `{ tag, val }`) as T, or a rejection with ComponentError(E). */
export function asyncUnwrapResult(v: unknown): unknown {
  if (asyncIsThenable(v)) return Promise.resolve(v).then(asyncUnwrapResult);
  const r = v as { tag: string; val?: unknown; value?: unknown };
  const payload = 'value' in r ? r.value : r.val;
  if (r.tag === 'err') throw new ComponentError(payload);
  return payload;
}

/**
 * A host import whose result is `result<T,E>`: a return (or resolution) is
 * ok(T); a thrown or rejected ComponentError (or non-Error value, jco's
 * convention) is err(payload); a thrown Error is a trap.
 */
export function asyncHostResult(fn: Function, args: unknown[]): unknown {
  const err = (e: unknown) => ({ tag: 'err', value: hostErrorPayload(e) });
  let r: unknown;
  try {
    r = fn(...args);
  } catch (e) {
    return err(e);
  }
  if (asyncIsThenable(r)) return Promise.resolve(r).then((v) => ({ tag: 'ok', value: v }), err);
  return { tag: 'ok', value: r };
}

/** Interned `task.return` signatures: the result type's key and string encoding, and the memory instance (spec `LiftOptions.equal`). */
const ASYNC_RETURN_SIGS = new Map<string, { none: object | null; mems: WeakMap<object, object> }>();

/** The signature object a lift's task and its `task.return` built-ins compare by identity. */
export function asyncReturnSig(key: string, memory: object | null): object {
  let e = ASYNC_RETURN_SIGS.get(key);
  if (e === undefined) ASYNC_RETURN_SIGS.set(key, (e = { none: null, mems: new WeakMap() }));
  if (memory === null) return e.none ?? (e.none = { key });
  let sig = e.mems.get(memory);
  if (sig === undefined) e.mems.set(memory, (sig = { key }));
  return sig;
}

/**
 * A sync-lifted function returning `result<T,E>`, run as a task: the plan
 * returns T or throws ComponentError(E); the task's result is the variant
 * `{ tag, value }` (what another component's glue lowers, and what
 * `asyncUnwrapResult` turns back into a return or a throw for the host).
 */
export function asyncCatchResult(fn: Function, self: unknown, args: unknown[]): unknown {
  try {
    return { tag: 'ok', value: fn.apply(self, args) };
  } catch (e) {
    if (isComponentError(e)) return { tag: 'err', value: e.payload };
    throw e;
  }
}
