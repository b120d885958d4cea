/**
 * Waitable sets (the spec's `WaitableSet`) and their built-ins:
 * `waitable-set.new/wait/poll/drop` and `waitable.join`. A set knows how
 * many of its members have a pending event, so readiness is O(1); events are
 * taken round-robin from a cursor (the spec shuffles), so no member starves.
 */
import type { ComponentInstance } from '../resources/instance.js';
import {
  HANDLE_FUTURE_WRITABLE,
  HANDLE_SUBTASK,
  HANDLE_WAITABLE_SET,
  handleKindName,
  handleTableAdd,
  handleTableGet,
  handleTableRemove,
  handleUnknownFault,
} from '../resources/table.js';
import { trapWith } from '../resources/trap-detail.js';
import { checkPtr, memDataView, type MemView } from '../memory.js';
import { trap } from '../traps.js';
import { EVENT_NONE, EVENT_TASK_CANCELLED } from './codes.js';
import { schedulerOf, type AsyncScheduler } from './scheduler.js';
import { taskDeliverPendingCancel } from './task.js';
import { WAIT_SET, asyncCurrent, threadWaitUntil, threadThen } from './thread.js';
import { waitableJoin, waitableTakeEvent, type Waitable } from './waitable.js';

export class WaitableSet {
  readonly elems: Waitable[];
  /** members with a pending event */
  numPending: number;
  /** threads waiting on the set (it cannot be dropped meanwhile) */
  numWaiting: number;
  /** where the next search for an event starts */
  cursor: number;

  constructor() {
    this.elems = [];
    this.numPending = 0;
    this.numWaiting = 0;
    this.cursor = 0;
  }
}

/** Takes the next pending event of `wset` (which has one) into `s`'s registers. */
export function waitableSetTakeEvent(s: AsyncScheduler, wset: WaitableSet): void {
  s.evCode = EVENT_NONE;
  s.evP1 = 0;
  s.evP2 = 0;
  const elems = wset.elems;
  const n = elems.length;
  for (let k = 0; k < n; k++) {
    const i = (wset.cursor + k) % n;
    const w = elems[i];
    if (w.pending) {
      wset.cursor = i + 1;
      waitableTakeEvent(s, w);
      return;
    }
  }
}

/** Stores an event's payloads (two u32) at `ptr` and returns its code. */
export function asyncStoreEvent(mem: MemView, ptr: number, code: number, p1: number, p2: number): number {
  const dv = memDataView(mem);
  // an i32 from core (negative past 2^31), or a 64-bit memory's address made a number by addr64
  if (ptr < 0) ptr += 4294967296;
  checkPtr(dv, ptr, 4, 8);
  dv.setUint32(ptr, p1, true);
  dv.setUint32(ptr + 4, p2, true);
  return code;
}

/** `canon waitable-set.new` */
export function waitableSetNew(inst: ComponentInstance): number {
  if (!inst.mayLeave) trap('trap/cannot-leave');
  return handleTableAdd(inst.handles, HANDLE_WAITABLE_SET, new WaitableSet(), 0, null);
}

/**
 * `canon waitable-set.wait`: the next event of set `si`, its payloads stored
 * at `ptr`. A Promise when the thread had to suspend for it.
 */
export function waitableSetWait(inst: ComponentInstance, cancellable: boolean, mem: MemView, si: number, ptr: number): number | Promise<number> {
  const t = asyncCurrent(inst);
  if (!inst.mayLeave) trap('trap/cannot-leave');
  const wset = handleTableGet(inst.handles, HANDLE_WAITABLE_SET, si) as WaitableSet;
  const s = schedulerOf(inst);
  wset.numWaiting++;
  const c = threadWaitUntil(s, t, WAIT_SET, wset, cancellable, false);
  if (typeof c === 'number') return waitableSetWaitDone(s, wset, c, mem, ptr);
  return threadThen(c, (cancelled) => waitableSetWaitDone(s, wset, cancelled, mem, ptr));
}

function waitableSetWaitDone(s: AsyncScheduler, wset: WaitableSet, cancelled: number, mem: MemView, ptr: number): number {
  wset.numWaiting--;
  if (cancelled !== 0) return asyncStoreEvent(mem, ptr, EVENT_TASK_CANCELLED, 0, 0);
  waitableSetTakeEvent(s, wset);
  return asyncStoreEvent(mem, ptr, s.evCode, s.evP1, s.evP2);
}

/** `canon waitable-set.poll`: like wait, but NONE when no event is pending. */
export function waitableSetPoll(inst: ComponentInstance, cancellable: boolean, mem: MemView, si: number, ptr: number): number {
  const t = asyncCurrent(inst);
  if (!inst.mayLeave) trap('trap/cannot-leave');
  const wset = handleTableGet(inst.handles, HANDLE_WAITABLE_SET, si) as WaitableSet;
  if (taskDeliverPendingCancel(t.task, cancellable)) return asyncStoreEvent(mem, ptr, EVENT_TASK_CANCELLED, 0, 0);
  if (wset.numPending === 0) return asyncStoreEvent(mem, ptr, EVENT_NONE, 0, 0);
  const s = schedulerOf(inst);
  waitableSetTakeEvent(s, wset);
  return asyncStoreEvent(mem, ptr, s.evCode, s.evP1, s.evP2);
}

/** `canon waitable-set.drop`: only an empty set nobody waits on. */
export function waitableSetDrop(inst: ComponentInstance, si: number): void {
  if (!inst.mayLeave) trap('trap/cannot-leave');
  const wset = handleTableGet(inst.handles, HANDLE_WAITABLE_SET, si) as WaitableSet;
  if (wset.elems.length > 0) trap('trap/waitable-set-not-empty');
  if (wset.numWaiting > 0) trap('trap/waitable-set-waiters');
  handleTableRemove(inst.handles, HANDLE_WAITABLE_SET, si);
}

/** `canon waitable.join`: moves waitable `wi` into set `si`, or out of its set (`si` 0). */
export function waitableJoinSet(inst: ComponentInstance, wi: number, si: number): void {
  if (!inst.mayLeave) trap('trap/cannot-leave');
  const w = waitableGet(inst, wi);
  if (w.hasSyncWaiter) trap('trap/waitable-sync-waiter');
  waitableJoin(w, si === 0 ? null : (handleTableGet(inst.handles, HANDLE_WAITABLE_SET, si) as WaitableSet));
}

/** The waitable (subtask, stream or future end) at handle `i`. */
export function waitableGet(inst: ComponentInstance, i: number): Waitable {
  const t = inst.handles;
  if (i >>> 0 >= t.size || t.tags[i] < HANDLE_SUBTASK || t.tags[i] > HANDLE_FUTURE_WRITABLE) {
    handleUnknownFault(t, i);
    trapWith('trap/handle-type-mismatch', `handle ${i} is a ${handleKindName(t.tags[i])}, expected a waitable`);
  }
  return t.refs[i] as Waitable;
}
