/**
 * Buffers of stream and future copies (the spec's `Buffer`s). A component's
 * buffer is a range of its linear memory (`GuestBuffer`, with the element
 * size and alignment the glue knows); the host's buffers are whatever the
 * host adapter implements (`CopySource` / `CopySink`: read or write `n`
 * values). Between two components, number-typed elements move as bytes,
 * memory to memory; everything else goes through the glue's `load`/`store`
 * (lifting from one side, lowering into the other).
 */
import { checkPtr, memBytes, memDataView, type MemView } from '../memory.js';
import { trap } from '../traps.js';

/** The spec's `Buffer.MAX_LENGTH`. */
export const COPY_MAX_LENGTH = 2 ** 28 - 1;

/** A stream's or future's element type at run time: one object per distinct type (identity is type equality). */
export interface AsyncElemType {
  /** a number type, or no type: values move as plain bytes, and one instance may hold both ends */
  readonly plain: boolean;
  readonly name?: string;
}

/** How one stream/future built-in moves elements in and out of its component's memory (made once per built-in by the glue). */
export interface CopyElemOps {
  /** `elem_size`; 0 when the stream or future has no element type */
  readonly size: number;
  readonly align: number;
  /** number elements: between components they move as bytes */
  readonly plain: boolean;
  /** the memory (null only when `size` is 0) */
  readonly mem: MemView | null;
  /** lifts `n` elements at `ptr` (already checked) into values; numbers as a typed array */
  readonly load: ((ptr: number, n: number) => ArrayLike<unknown>) | null;
  /** lowers `n` values into memory at `ptr` (already checked) */
  readonly store: ((values: ArrayLike<unknown>, n: number, ptr: number) => void) | null;
}

export interface CopyBuffer {
  /** values moved so far */
  progress: number;
  remain(): number;
  isZeroLength(): boolean;
}

/** A buffer values are read from (a writer's). Unit elements read as null. */
export interface CopySource extends CopyBuffer {
  read(n: number): ArrayLike<unknown> | null;
}

/** A buffer values are written into (a reader's). */
export interface CopySink extends CopyBuffer {
  write(values: ArrayLike<unknown> | null, n: number): void;
}

/** A range of a component's memory; one per stream/future end, reused by each copy. */
export class GuestBuffer implements CopySource, CopySink {
  ops: CopyElemOps | null;
  ptr: number;
  length: number;
  progress: number;

  constructor() {
    this.ops = null;
    this.ptr = 0;
    this.length = 0;
    this.progress = 0;
  }

  remain(): number {
    return this.length - this.progress;
  }

  isZeroLength(): boolean {
    return this.length === 0;
  }

  read(n: number): ArrayLike<unknown> | null {
    const ops = this.ops!;
    this.progress += n;
    if (ops.size === 0) return null;
    const vs = ops.load!(this.ptr, n);
    this.ptr += n * ops.size;
    return vs;
  }

  write(values: ArrayLike<unknown> | null, n: number): void {
    const ops = this.ops!;
    this.progress += n;
    if (ops.size === 0) return;
    ops.store!(values!, n, this.ptr);
    this.ptr += n * ops.size;
  }
}

/** Starts a copy over `length` elements at `ptr` (spec `BufferGuestImpl.__init__` checks). */
export function guestBufferInit(b: GuestBuffer, ops: CopyElemOps, ptr: number, length: number): void {
  // an i32 from core (negative past 2^31), or a 64-bit memory's address made a number by addr64
  if (ptr < 0) ptr += 4294967296;
  if (length < 0) length += 4294967296;
  if (length > COPY_MAX_LENGTH) trap('trap/buffer-too-long');
  if (ops.size > 0 && length > 0) checkPtr(memDataView(ops.mem!), ptr, ops.align, length * ops.size);
  b.ops = ops;
  b.ptr = ptr;
  b.length = length;
  b.progress = 0;
}

/** Moves `n` values from `src` to `dst` (both have room). */
export function copyElems(dst: CopySink, src: CopySource, n: number): void {
  if (dst instanceof GuestBuffer && src instanceof GuestBuffer && dst.ops!.plain && src.ops!.plain) {
    const size = src.ops!.size;
    if (size > 0) {
      const bytes = n * size;
      const from = src.ops!.mem!;
      const to = dst.ops!.mem!;
      if (from.memory === to.memory) {
        const u8 = memBytes(to);
        u8.copyWithin(dst.ptr, src.ptr, src.ptr + bytes);
      } else {
        memBytes(to).set(memBytes(from).subarray(src.ptr, src.ptr + bytes), dst.ptr);
      }
      src.ptr += bytes;
      dst.ptr += bytes;
    }
    src.progress += n;
    dst.progress += n;
    return;
  }
  dst.write(src.read(n), n);
}

/**
 * A stream copy's packed outcome (u32, BLOCKED included) as a 64-bit
 * memory's address type (🐘): an i64, a bigint in JS; or a Promise of it
 * when a synchronous copy suspended (resolving, like the runtime's, to the
 * value or to a thunk run when the thread resumes).
 */
export function copyResult64(r: number | Promise<unknown>): bigint | Promise<unknown> {
  if (typeof r === 'number') return BigInt(r);
  return r.then((v) => (typeof v === 'function' ? () => BigInt((v as () => number)()) : BigInt(v as number)));
}
