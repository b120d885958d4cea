/**
 * Streams (the spec's `SharedStreamImpl` and the `stream.*` built-ins). The
 * shared object holds at most one pending copy (a reader's or a writer's
 * buffer waiting for the other side); the other side's copy then moves
 * `min(remain)` values at once, memory to memory. A zero-length copy waits
 * for the other side (readiness) without moving anything; dropping one end
 * ends the other side's pending copy with DROPPED.
 */
import type { ComponentInstance } from '../resources/instance.js';
import { HANDLE_STREAM_READABLE, HANDLE_STREAM_WRITABLE } from '../resources/table.js';
import { trap } from '../traps.js';
import type { AsyncElemType, CopyBuffer, CopyElemOps, CopySink, CopySource } from './buffer.js';
import { copyElems } from './buffer.js';
import { COPY_CANCELLED, COPY_COMPLETED, COPY_DROPPED } from './codes.js';
import type { CopyListener, CopyReclaim, ReadSide, WriteSide } from './copy-end.js';
import { copyEndAdd, copyEndCancel, copyEndDrop, copyEndLift, copyEndStart } from './copy-end.js';

export class SharedStream implements ReadSide, WriteSide, CopyReclaim {
  readonly elemType: AsyncElemType;
  dropped: boolean;
  pendingInst: ComponentInstance | null;
  pendingBuffer: CopyBuffer | null;
  pendingListener: CopyListener | null;

  constructor(elemType: AsyncElemType) {
    this.elemType = elemType;
    this.dropped = false;
    this.pendingInst = null;
    this.pendingBuffer = null;
    this.pendingListener = null;
  }

  resetPending(): void {
    this.pendingInst = null;
    this.pendingBuffer = null;
    this.pendingListener = null;
  }

  cancel(): void {
    sharedStreamNotify(this, COPY_CANCELLED);
  }

  drop(): void {
    if (!this.dropped) {
      this.dropped = true;
      if (this.pendingBuffer !== null) sharedStreamNotify(this, COPY_DROPPED);
    }
  }

  read(inst: ComponentInstance | null, dst: CopySink, listener: CopyListener): void {
    if (this.dropped) {
      listener.copyDone(COPY_DROPPED);
    } else if (this.pendingBuffer === null) {
      sharedStreamSetPending(this, inst, dst, listener);
    } else {
      sharedStreamCheckSelfCopy(this, inst);
      const src = this.pendingBuffer as CopySource;
      if (src.remain() > 0) {
        if (dst.remain() > 0) {
          copyElems(dst, src, Math.min(dst.remain(), src.remain()));
          this.pendingListener!.copyProgress(this);
        }
        listener.copyDone(COPY_COMPLETED);
      } else {
        // a zero-length write was waiting for a reader: it completes, this read waits
        sharedStreamNotify(this, COPY_COMPLETED);
        sharedStreamSetPending(this, inst, dst, listener);
      }
    }
  }

  write(inst: ComponentInstance | null, src: CopySource, listener: CopyListener): void {
    if (this.dropped) {
      listener.copyDone(COPY_DROPPED);
    } else if (this.pendingBuffer === null) {
      sharedStreamSetPending(this, inst, src, listener);
    } else {
      sharedStreamCheckSelfCopy(this, inst);
      const dst = this.pendingBuffer as CopySink;
      if (dst.remain() > 0) {
        if (src.remain() > 0) {
          copyElems(dst, src, Math.min(dst.remain(), src.remain()));
          this.pendingListener!.copyProgress(this);
        }
        listener.copyDone(COPY_COMPLETED);
      } else if (src.isZeroLength() && dst.isZeroLength()) {
        listener.copyDone(COPY_COMPLETED);
      } else {
        sharedStreamNotify(this, COPY_COMPLETED);
        sharedStreamSetPending(this, inst, src, listener);
      }
    }
  }
}

function sharedStreamSetPending(s: SharedStream, inst: ComponentInstance | null, buffer: CopyBuffer, listener: CopyListener): void {
  s.pendingInst = inst;
  s.pendingBuffer = buffer;
  s.pendingListener = listener;
}

/** Ends the pending copy with `result` (spec `reset_and_notify_pending`). */
function sharedStreamNotify(s: SharedStream, result: number): void {
  const listener = s.pendingListener!;
  s.resetPending();
  listener.copyDone(result);
}

/** The spec's temporary rule: one instance may not copy non-number values to itself. */
function sharedStreamCheckSelfCopy(s: SharedStream, inst: ComponentInstance | null): void {
  if (inst !== null && inst === s.pendingInst && !s.elemType.plain) trap('trap/copy-same-instance');
}

/** `canon stream.new`: a fresh stream; its readable end's handle in the low 32 bits, the writable end's in the high. */
export function streamNew(inst: ComponentInstance, elemType: AsyncElemType): bigint {
  if (!inst.mayLeave) trap('trap/cannot-leave');
  const shared = new SharedStream(elemType);
  const ri = copyEndAdd(inst, HANDLE_STREAM_READABLE, shared);
  const wi = copyEndAdd(inst, HANDLE_STREAM_WRITABLE, shared);
  return BigInt(ri) | (BigInt(wi) << 32n);
}

/** `canon stream.read`: reads up to `n` elements into `ptr`. */
export function streamRead(inst: ComponentInstance, elemType: AsyncElemType, ops: CopyElemOps, isAsync: boolean, i: number, ptr: number, n: number): number | Promise<number> {
  return copyEndStart(inst, HANDLE_STREAM_READABLE, elemType, ops, isAsync, i, ptr, n);
}

/** `canon stream.write`: writes up to `n` elements from `ptr`. */
export function streamWrite(inst: ComponentInstance, elemType: AsyncElemType, ops: CopyElemOps, isAsync: boolean, i: number, ptr: number, n: number): number | Promise<number> {
  return copyEndStart(inst, HANDLE_STREAM_WRITABLE, elemType, ops, isAsync, i, ptr, n);
}

export function streamCancelRead(inst: ComponentInstance, elemType: AsyncElemType, isAsync: boolean, i: number): number | Promise<number> {
  return copyEndCancel(inst, HANDLE_STREAM_READABLE, elemType, isAsync, i);
}

export function streamCancelWrite(inst: ComponentInstance, elemType: AsyncElemType, isAsync: boolean, i: number): number | Promise<number> {
  return copyEndCancel(inst, HANDLE_STREAM_WRITABLE, elemType, isAsync, i);
}

export function streamDropReadable(inst: ComponentInstance, elemType: AsyncElemType, i: number): void {
  copyEndDrop(inst, HANDLE_STREAM_READABLE, elemType, i);
}

export function streamDropWritable(inst: ComponentInstance, elemType: AsyncElemType, i: number): void {
  copyEndDrop(inst, HANDLE_STREAM_WRITABLE, elemType, i);
}

/** Lifts the `stream<T>` at handle `i` out of `inst` (a parameter or result passed on): the readable side. */
export function streamLift(inst: ComponentInstance, elemType: AsyncElemType, i: number): ReadSide {
  return copyEndLift(inst, HANDLE_STREAM_READABLE, elemType, i);
}

/** Lowers a `stream<T>` value (a readable side) into `inst`: a new readable end's handle. */
export function streamLower(inst: ComponentInstance, side: ReadSide): number {
  return copyEndAdd(inst, HANDLE_STREAM_READABLE, side);
}
