/**
 * The JS face of `stream<T>` (BRIEF §3): a stream lifted out to the host is a
 * ReadableStream; the host passes in a ReadableStream or an (async)
 * iterable. Chunks are typed arrays for number types (Uint8Array for u8)
 * and Arrays otherwise, as the glue's `load` makes them; a yielded value
 * that is neither is one element.
 *
 * Both adapters sit on the runtime's side/buffer interfaces: the host reads
 * a component's stream through `ReadSide.read` with a `CopySink` of its own;
 * a host stream is a `ReadSide` that a component reads from.
 */
import type { ComponentInstance } from '../resources/instance.js';
import type { AsyncElemType, CopySink } from './buffer.js';
import { COPY_CANCELLED, COPY_COMPLETED, COPY_DROPPED } from './codes.js';
import type { CopyListener, CopyReclaim, ReadSide } from './copy-end.js';
import { schedulerExternal, schedulerFail, type AsyncScheduler } from './scheduler.js';
import { typeError, type TypeErrorCode } from '../type-errors.js';

/** One chunk of a host read: the values of at most `room` elements. */
class HostChunkSink implements CopySink {
  progress: number;
  room: number;
  values: ArrayLike<unknown> | null;

  constructor(room: number) {
    this.progress = 0;
    this.room = room;
    this.values = null;
  }

  remain(): number {
    return this.room - this.progress;
  }

  isZeroLength(): boolean {
    return this.room === 0;
  }

  write(values: ArrayLike<unknown> | null, n: number): void {
    this.values = values === null ? new Array<undefined>(n).fill(undefined) : values;
    this.progress += n;
  }
}

/**
 * A component's stream as a JS ReadableStream: each JS read copies at most
 * `chunk` elements out of the writer's buffer; cancelling the JS stream
 * drops the readable end.
 */
export function hostStreamToReadable(side: ReadSide, chunk = 65536): ReadableStream<unknown> {
  return new ReadableStream<unknown>(
    {
      pull(controller) {
        return new Promise<void>((resolve) => {
          const sink = new HostChunkSink(chunk);
          const listener: CopyListener = {
            copyProgress(reclaim: CopyReclaim) {
              reclaim.resetPending();
              if (sink.values !== null) controller.enqueue(sink.values);
              resolve();
            },
            copyDone(result: number) {
              if (sink.values !== null) controller.enqueue(sink.values);
              if (result === COPY_DROPPED) controller.close();
              resolve();
            },
          };
          side.read(null, sink, listener);
        });
      },
      cancel() {
        side.drop();
      },
    },
    { highWaterMark: 0 },
  );
}

type HostIterator = { next(): unknown; return?(): unknown };

/** A host stream a component reads from: pulls chunks from an iterator when a read waits. */
export class HostStreamSource implements ReadSide {
  readonly elemType: AsyncElemType;
  readonly sched: AsyncScheduler;
  readonly iter: HostIterator;
  chunk: ArrayLike<unknown> | null;
  offset: number;
  ended: boolean;
  pulling: boolean;
  dst: CopySink | null;
  listener: CopyListener | null;

  constructor(elemType: AsyncElemType, sched: AsyncScheduler, iter: HostIterator) {
    this.elemType = elemType;
    this.sched = sched;
    this.iter = iter;
    this.chunk = null;
    this.offset = 0;
    this.ended = false;
    this.pulling = false;
    this.dst = null;
    this.listener = null;
  }

  read(_inst: ComponentInstance | null, dst: CopySink, listener: CopyListener): void {
    if (this.chunk !== null) {
      hostSourceCopy(this, dst);
      listener.copyDone(COPY_COMPLETED);
    } else if (this.ended) {
      listener.copyDone(COPY_DROPPED);
    } else {
      this.dst = dst;
      this.listener = listener;
      hostSourcePull(this);
    }
  }

  cancel(): void {
    const l = this.listener;
    this.dst = null;
    this.listener = null;
    if (l !== null) l.copyDone(COPY_CANCELLED);
  }

  drop(): void {
    this.ended = true;
    this.chunk = null;
    if (this.iter.return !== undefined) void Promise.resolve(this.iter.return()).catch(() => {});
  }
}

function hostSourceCopy(src: HostStreamSource, dst: CopySink): void {
  const chunk = src.chunk!;
  const n = Math.min(dst.remain(), chunk.length - src.offset);
  if (n > 0) {
    const off = src.offset;
    const part = ArrayBuffer.isView(chunk)
      ? (chunk as unknown as Uint8Array).subarray(off, off + n)
      : Array.prototype.slice.call(chunk, off, off + n);
    dst.write(part, n);
    src.offset += n;
  }
  if (src.offset === chunk.length) {
    src.chunk = null;
    src.offset = 0;
  }
}

/** Fetches the next chunk for a waiting read; host work the deadlock check waits for. */
function hostSourcePull(src: HostStreamSource): void {
  if (src.pulling) return;
  src.pulling = true;
  schedulerExternal(src.sched, 1);
  Promise.resolve(src.iter.next()).then(
    (r) => {
      src.pulling = false;
      const res = r as IteratorResult<unknown>;
      if (res.done) src.ended = true;
      else {
        try {
          src.chunk = hostChunk(src.elemType, res.value);
        } catch (e) {
          // a chunk of the wrong values: the store fails with the TypeError, as when the iterator throws
          schedulerExternal(src.sched, -1);
          schedulerFail(src.sched, e);
          return;
        }
      }
      if (src.chunk !== null && src.chunk.length === 0) src.chunk = null;
      const dst = src.dst;
      if (dst !== null) {
        if (src.chunk === null && !src.ended) {
          schedulerExternal(src.sched, -1);
          hostSourcePull(src);
          return;
        }
        const l = src.listener!;
        src.dst = null;
        src.listener = null;
        if (src.chunk !== null) {
          hostSourceCopy(src, dst);
          l.copyDone(COPY_COMPLETED);
        } else {
          l.copyDone(COPY_DROPPED);
        }
      }
      schedulerExternal(src.sched, -1);
    },
    (e) => {
      src.pulling = false;
      schedulerExternal(src.sched, -1);
      schedulerFail(src.sched, e);
    },
  );
}

/** Typed arrays that hold a number element type as it is (no check needed), by type name. */
const HOST_TYPED: Record<string, unknown> = {
  u8: Uint8Array, s8: Int8Array, u16: Uint16Array, s16: Int16Array, u32: Uint32Array, s32: Int32Array,
  u64: BigUint64Array, s64: BigInt64Array, f32: Float32Array, f64: Float64Array,
};

/** Integer ranges of the number element types ([lo, hi]; bigint types as bigints). */
const HOST_RANGE: Record<string, [number, number] | [bigint, bigint]> = {
  u8: [0, 255], s8: [-128, 127], u16: [0, 65535], s16: [-32768, 32767],
  u32: [0, 2 ** 32 - 1], s32: [-(2 ** 31), 2 ** 31 - 1], u64: [0n, 2n ** 64n - 1n], s64: [-(2n ** 63n), 2n ** 63n - 1n],
};

/**
 * A yielded value as a chunk: arrays and typed arrays as they are, anything
 * else as one element. Elements of a number type are checked here (they are
 * copied into memory as bytes later): a typed array of the element type as
 * it is, anything else value by value, a wrong one a TypeError.
 */
function hostChunk(t: AsyncElemType, v: unknown): ArrayLike<unknown> {
  const chunk = Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView)) ? (v as ArrayLike<unknown>) : [v];
  const name = t.name ?? '';
  if (!t.plain || !(name in HOST_TYPED) || chunk.constructor === HOST_TYPED[name]) return chunk;
  const range = HOST_RANGE[name];
  for (let i = 0; i < chunk.length; i++) {
    const x = chunk[i];
    const ok =
      range === undefined
        ? typeof x === 'number'
        : typeof range[0] === 'bigint'
          ? typeof x === 'bigint' && x >= range[0] && x <= range[1]
          : typeof x === 'number' && Number.isInteger(x) && x >= range[0] && x <= (range[1] as number);
    if (!ok) throw typeError(`type/${name}` as TypeErrorCode, `stream chunk [${i}]`, x);
  }
  return chunk;
}

/** A host value passed in for a `stream<T>`: a ReadableStream or an (async) iterable of chunks. */
export function hostStreamSource(elemType: AsyncElemType, sched: AsyncScheduler, v: unknown): HostStreamSource {
  if (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))) {
    // one chunk, checked now (a wrong value is the caller's TypeError, before anything runs)
    hostChunk(elemType, v);
    let given = false;
    return new HostStreamSource(elemType, sched, {
      next: () => (given ? { done: true, value: undefined } : ((given = true), { done: false, value: v })),
    });
  }
  if (typeof ReadableStream !== 'undefined' && v instanceof ReadableStream) {
    const reader = v.getReader();
    return new HostStreamSource(elemType, sched, { next: () => reader.read(), return: () => reader.cancel() });
  }
  const o = v as { [Symbol.asyncIterator]?: () => HostIterator; [Symbol.iterator]?: () => HostIterator };
  if (o !== null && typeof o === 'object' && typeof o[Symbol.asyncIterator] === 'function') {
    return new HostStreamSource(elemType, sched, o[Symbol.asyncIterator]!());
  }
  if (o !== null && typeof o === 'object' && typeof o[Symbol.iterator] === 'function') {
    return new HostStreamSource(elemType, sched, o[Symbol.iterator]!());
  }
  throw new TypeError('canonjs: a stream must be a ReadableStream or an (async) iterable');
}
