/**
 * The ends of streams and futures a component holds (the spec's `CopyEnd`,
 * `ReadableStreamEnd` … `WritableFutureEnd`): waitables in the instance's
 * table, each over the shared object of its stream or future (or a host's
 * implementation of one side). One read or write at a time; its outcome is
 * the end's pending event, computed when delivered (a stream's progress is
 * read then, and the other side's pending buffer released).
 *
 * The operations here are shared by stream.ts and future.ts: start a copy
 * (`copyEndStart`), cancel it, drop the end, and move a readable end between
 * instances (lift/lower).
 */
import type { ComponentInstance } from '../resources/instance.js';
import { HANDLE_FUTURE_WRITABLE, HANDLE_STREAM_READABLE, HANDLE_STREAM_WRITABLE, handleTableAdd, handleTableGet, handleTableRemove } from '../resources/table.js';
import { trapWith } from '../resources/trap-detail.js';
import { trap } from '../traps.js';
import type { AsyncElemType, CopyElemOps, CopySink, CopySource } from './buffer.js';
import { GuestBuffer, guestBufferInit } from './buffer.js';
import { ASYNC_BLOCKED, COPY_COMPLETED, COPY_DROPPED, copyResultPack } from './codes.js';
import { schedulerOf, type AsyncScheduler } from './scheduler.js';
import { WAIT_EVENT, threadWaitUntil, threadThen } from './thread.js';
import { waitableJoin, waitableSetPending, waitableTakeEvent, type Waitable } from './waitable.js';
import type { WaitableSet } from './waitable-set.js';

export const COPY_IDLE = 1;
export const COPY_COPYING = 2;
export const COPY_CANCELLING = 3;
export const COPY_DONE = 4;

/** Releases the other side's pending buffer (the spec's `ReclaimBuffer`). */
export interface CopyReclaim {
  resetPending(): void;
}

/** What a copy reports to the side that started it (the spec's `OnCopy` / `OnCopyDone`). */
export interface CopyListener {
  /** values moved while this side's buffer stays pending; `reclaim` releases it when the event is delivered */
  copyProgress(reclaim: CopyReclaim): void;
  /** the copy ended: COPY_COMPLETED, COPY_DROPPED or COPY_CANCELLED */
  copyDone(result: number): void;
}

/** One side of a stream or future (the spec's `ReadableStream` … `WritableFuture`); `inst` is null for the host. */
export interface CopySide {
  readonly elemType: AsyncElemType;
  /** cancels this side's pending copy (its listener hears COPY_CANCELLED, maybe later) */
  cancel(): void;
  drop(): void;
}

export interface ReadSide extends CopySide {
  read(inst: ComponentInstance | null, dst: CopySink, listener: CopyListener): void;
}

export interface WriteSide extends CopySide {
  write(inst: ComponentInstance | null, src: CopySource, listener: CopyListener): void;
}

export class CopyEnd implements Waitable, CopyListener {
  readonly sched: AsyncScheduler;
  wset: WaitableSet | null;
  pending: boolean;
  hasSyncWaiter: boolean;
  handle: number;
  /** HANDLE_STREAM_READABLE … HANDLE_FUTURE_WRITABLE */
  readonly tag: number;
  readonly side: ReadSide | WriteSide;
  state: number;
  /** the buffer of the current copy */
  readonly buffer: GuestBuffer;
  /** the result the pending event reports */
  result: number;
  reclaim: CopyReclaim | null;

  constructor(sched: AsyncScheduler, tag: number, side: ReadSide | WriteSide) {
    this.sched = sched;
    this.wset = null;
    this.pending = false;
    this.hasSyncWaiter = false;
    this.handle = 0;
    this.tag = tag;
    this.side = side;
    this.state = COPY_IDLE;
    this.buffer = new GuestBuffer();
    this.result = 0;
    this.reclaim = null;
  }

  copyProgress(reclaim: CopyReclaim): void {
    this.result = COPY_COMPLETED;
    this.reclaim = reclaim;
    waitableSetPending(this);
  }

  copyDone(result: number): void {
    this.result = result;
    this.reclaim = null;
    waitableSetPending(this);
  }

  deliver(s: AsyncScheduler): void {
    const result = this.result;
    const reclaim = this.reclaim;
    if (reclaim !== null) {
      this.reclaim = null;
      reclaim.resetPending();
    }
    s.evCode = this.tag - 2; // STREAM_READ … FUTURE_WRITE
    s.evP1 = this.handle;
    if (this.tag <= HANDLE_STREAM_WRITABLE) {
      this.state = result === COPY_DROPPED ? COPY_DONE : COPY_IDLE;
      s.evP2 = copyResultPack(result, this.buffer.progress);
    } else {
      this.state = result === COPY_DROPPED || result === COPY_COMPLETED ? COPY_DONE : COPY_IDLE;
      s.evP2 = result;
    }
    this.buffer.ops = null;
  }
}

const COPY_DONE_TRAPS = ['trap/stream-read-dropped', 'trap/stream-write-dropped', 'trap/future-read-done', 'trap/future-write-done'] as const;

/** The end at handle `i`, which must be of kind `tag` and element type `elemType`. */
function copyEndGet(inst: ComponentInstance, tag: number, elemType: AsyncElemType, i: number): CopyEnd {
  const e = handleTableGet(inst.handles, tag, i) as CopyEnd;
  if (e.side.elemType !== elemType) copyEndTypeFault(e, elemType, i);
  return e;
}

function copyEndTypeFault(e: CopyEnd, elemType: AsyncElemType, i: number): never {
  return trapWith('trap/handle-type-mismatch', `handle ${i} has element type ${e.side.elemType.name ?? '?'}, expected ${elemType.name ?? 'another type'}`);
}

/**
 * `stream.read/write`, `future.read/write` (the spec's `stream_copy` /
 * `future_copy`): starts a copy of `n` elements at `ptr`; returns the packed
 * outcome, BLOCKED (async), or a Promise (a synchronous copy that suspended).
 */
export function copyEndStart(inst: ComponentInstance, tag: number, elemType: AsyncElemType, ops: CopyElemOps, isAsync: boolean, i: number, ptr: number, n: number): number | Promise<number> {
  if (!inst.mayLeave) trap('trap/cannot-leave');
  const e = copyEndGet(inst, tag, elemType, i);
  if (e.state !== COPY_IDLE) trap(e.state === COPY_DONE ? COPY_DONE_TRAPS[tag - HANDLE_STREAM_READABLE] : 'trap/copy-busy');
  if (e.wset !== null && !isAsync) trap('trap/waitable-in-set');
  guestBufferInit(e.buffer, ops, ptr, n);
  e.state = COPY_COPYING;
  if ((tag & 1) === 0) (e.side as ReadSide).read(inst, e.buffer, e);
  else (e.side as WriteSide).write(inst, e.buffer, e);
  return copyEndOutcome(inst, e, isAsync);
}

/** `{stream,future}.cancel-{read,write}` */
export function copyEndCancel(inst: ComponentInstance, tag: number, elemType: AsyncElemType, isAsync: boolean, i: number): number | Promise<number> {
  if (!inst.mayLeave) trap('trap/cannot-leave');
  const e = copyEndGet(inst, tag, elemType, i);
  if (e.state !== COPY_COPYING || e.hasSyncWaiter) trap('trap/cancel-not-copying');
  if (e.wset !== null && !isAsync) trap('trap/waitable-in-set');
  e.state = COPY_CANCELLING;
  if (!e.pending) e.side.cancel();
  return copyEndOutcome(inst, e, isAsync);
}

/** The event of `e`'s copy if it is there; else BLOCKED, or wait for it. */
function copyEndOutcome(inst: ComponentInstance, e: CopyEnd, isAsync: boolean): number | Promise<number> {
  const s = schedulerOf(inst);
  if (!e.pending) {
    if (isAsync) return ASYNC_BLOCKED;
    const t = s.current;
    e.hasSyncWaiter = true;
    const c = threadWaitUntil(s, t !== null && t.task.inst === inst ? t : null, WAIT_EVENT, e, false, false);
    if (typeof c !== 'number') return threadThen(c, () => copyEndTake(s, e));
  }
  return copyEndTake(s, e);
}

function copyEndTake(s: AsyncScheduler, e: CopyEnd): number {
  e.hasSyncWaiter = false;
  waitableTakeEvent(s, e);
  return s.evP2;
}

/** `{stream,future}.drop-{readable,writable}` */
export function copyEndDrop(inst: ComponentInstance, tag: number, elemType: AsyncElemType, i: number): void {
  if (!inst.mayLeave) trap('trap/cannot-leave');
  // checked before removal (the spec removes first; a trap poisons the instance either way)
  const e = copyEndGet(inst, tag, elemType, i);
  if (tag === HANDLE_FUTURE_WRITABLE && e.state !== COPY_DONE) trap('trap/future-drop-unwritten');
  if (e.state === COPY_COPYING || e.state === COPY_CANCELLING) trap('trap/drop-busy-end');
  handleTableRemove(inst.handles, tag, i);
  e.side.drop();
  waitableJoin(e, null);
}

/** A new end of kind `tag` over `side` in `inst`'s table; returns its handle. */
export function copyEndAdd(inst: ComponentInstance, tag: number, side: ReadSide | WriteSide): number {
  const e = new CopyEnd(schedulerOf(inst), tag, side);
  const i = handleTableAdd(inst.handles, tag, e, 0, null);
  e.handle = i;
  return i;
}

/**
 * Lifting a readable end (passing a stream or future on): removes it from
 * `inst`'s table and returns its side, which the receiver lowers with
 * `copyEndAdd` (or the host adapts).
 */
export function copyEndLift(inst: ComponentInstance, tag: number, elemType: AsyncElemType, i: number): ReadSide {
  const e = copyEndGet(inst, tag, elemType, i);
  if (e.state !== COPY_IDLE) trap(e.state === COPY_DONE ? 'trap/lift-done-end' : 'trap/lift-busy-end');
  if (e.wset !== null) trap('trap/lift-in-set');
  handleTableRemove(inst.handles, tag, i);
  return e.side as ReadSide;
}
