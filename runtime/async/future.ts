/**
 * Futures (the spec's `SharedFutureImpl` and the `future.*` built-ins): a
 * stream of exactly one value. The first of reader and writer waits; the
 * second moves the value and both complete. A writer whose reader is gone
 * completes with DROPPED; the writable end may only be dropped once its
 * write is done.
 */
import type { ComponentInstance } from '../resources/instance.js';
import { HANDLE_FUTURE_READABLE, HANDLE_FUTURE_WRITABLE } from '../resources/table.js';
import { trap } from '../traps.js';
import type { AsyncElemType, CopyBuffer, CopyElemOps, CopySink, CopySource } from './buffer.js';
import { copyElems } from './buffer.js';
import { COPY_CANCELLED, COPY_COMPLETED, COPY_DROPPED } from './codes.js';
import type { CopyListener, ReadSide, WriteSide } from './copy-end.js';
import { copyEndAdd, copyEndCancel, copyEndDrop, copyEndLift, copyEndStart } from './copy-end.js';

export class SharedFuture implements ReadSide, WriteSide {
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

  cancel(): void {
    sharedFutureNotify(this, COPY_CANCELLED);
  }

  drop(): void {
    if (!this.dropped) {
      this.dropped = true;
      if (this.pendingBuffer !== null) sharedFutureNotify(this, COPY_DROPPED);
    }
  }

  read(inst: ComponentInstance | null, dst: CopySink, listener: CopyListener): void {
    if (this.pendingBuffer === null) {
      sharedFutureSetPending(this, inst, dst, listener);
    } else {
      sharedFutureCheckSelfCopy(this, inst);
      copyElems(dst, this.pendingBuffer as CopySource, 1);
      sharedFutureNotify(this, COPY_COMPLETED);
      listener.copyDone(COPY_COMPLETED);
    }
  }

  write(inst: ComponentInstance | null, src: CopySource, listener: CopyListener): void {
    if (this.dropped) {
      listener.copyDone(COPY_DROPPED);
    } else if (this.pendingBuffer === null) {
      sharedFutureSetPending(this, inst, src, listener);
    } else {
      sharedFutureCheckSelfCopy(this, inst);
      copyElems(this.pendingBuffer as CopySink, src, 1);
      sharedFutureNotify(this, COPY_COMPLETED);
      listener.copyDone(COPY_COMPLETED);
    }
  }
}

function sharedFutureSetPending(f: SharedFuture, inst: ComponentInstance | null, buffer: CopyBuffer, listener: CopyListener): void {
  f.pendingInst = inst;
  f.pendingBuffer = buffer;
  f.pendingListener = listener;
}

function sharedFutureNotify(f: SharedFuture, result: number): void {
  const listener = f.pendingListener!;
  f.pendingInst = null;
  f.pendingBuffer = null;
  f.pendingListener = null;
  listener.copyDone(result);
}

function sharedFutureCheckSelfCopy(f: SharedFuture, inst: ComponentInstance | null): void {
  if (inst !== null && inst === f.pendingInst && !f.elemType.plain) trap('trap/copy-same-instance');
}

/** `canon future.new`: readable end's handle in the low 32 bits, writable end's in the high. */
export function futureNew(inst: ComponentInstance, elemType: AsyncElemType): bigint {
  if (!inst.mayLeave) trap('trap/cannot-leave');
  const shared = new SharedFuture(elemType);
  const ri = copyEndAdd(inst, HANDLE_FUTURE_READABLE, shared);
  const wi = copyEndAdd(inst, HANDLE_FUTURE_WRITABLE, shared);
  return BigInt(ri) | (BigInt(wi) << 32n);
}

/** `canon future.read`: reads the value into `ptr`. */
export function futureRead(inst: ComponentInstance, elemType: AsyncElemType, ops: CopyElemOps, isAsync: boolean, i: number, ptr: number): number | Promise<number> {
  return copyEndStart(inst, HANDLE_FUTURE_READABLE, elemType, ops, isAsync, i, ptr, 1);
}

/** `canon future.write`: writes the value at `ptr`. */
export function futureWrite(inst: ComponentInstance, elemType: AsyncElemType, ops: CopyElemOps, isAsync: boolean, i: number, ptr: number): number | Promise<number> {
  return copyEndStart(inst, HANDLE_FUTURE_WRITABLE, elemType, ops, isAsync, i, ptr, 1);
}

export function futureCancelRead(inst: ComponentInstance, elemType: AsyncElemType, isAsync: boolean, i: number): number | Promise<number> {
  return copyEndCancel(inst, HANDLE_FUTURE_READABLE, elemType, isAsync, i);
}

export function futureCancelWrite(inst: ComponentInstance, elemType: AsyncElemType, isAsync: boolean, i: number): number | Promise<number> {
  return copyEndCancel(inst, HANDLE_FUTURE_WRITABLE, elemType, isAsync, i);
}

export function futureDropReadable(inst: ComponentInstance, elemType: AsyncElemType, i: number): void {
  copyEndDrop(inst, HANDLE_FUTURE_READABLE, elemType, i);
}

export function futureDropWritable(inst: ComponentInstance, elemType: AsyncElemType, i: number): void {
  copyEndDrop(inst, HANDLE_FUTURE_WRITABLE, elemType, i);
}

/** Lifts the `future<T>` at handle `i` out of `inst`: the readable side. */
export function futureLift(inst: ComponentInstance, elemType: AsyncElemType, i: number): ReadSide {
  return copyEndLift(inst, HANDLE_FUTURE_READABLE, elemType, i);
}

/** Lowers a `future<T>` value (a readable side) into `inst`: a new readable end's handle. */
export function futureLower(inst: ComponentInstance, side: ReadSide): number {
  return copyEndAdd(inst, HANDLE_FUTURE_READABLE, side);
}
