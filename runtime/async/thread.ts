/**
 * Threads (the spec's `Thread`): each task runs on one implicit thread. A
 * thread is running, or waiting for a condition (`waitKind` on `waitOn`) with
 * a way to continue (`cont`):
 * - CONT_START: not yet started, held back by backpressure;
 * - CONT_CALLBACK: a callback lift between two callback calls (YIELD/WAIT);
 * - CONT_PROMISE: core code suspended in a blocking built-in (JSPI/asyncify),
 *   continued by settling the built-in's Promise.
 * - CONT_NEW: a cooperative thread not started yet (coop.ts);
 * - CONT_NESTED: the implicit thread of a synchronous task blocked in a
 *   built-in with its frame on the JS stack: the built-in runs other
 *   threads until this one is resumed, then returns (coop.ts).
 * The stackless ones continue synchronously, so they can run anywhere;
 * CONT_PROMISE runs one microtask later. A thread with a continuation is
 * *waiting* when it is in the scheduler's list (with a condition), else
 * *suspended* (only an explicit resume wakes it).
 *
 * `threadWaitUntil` is the spec's `wait_until` for core code that blocks in
 * a built-in, without stack switching where that is possible: it returns at
 * once when cancellation is pending or the condition already holds (one of
 * the spec's allowed choices); in a synchronous task it runs the instance's
 * other ready threads until the condition holds (the end of `canon_lift`),
 * trapping when there are none; otherwise it suspends, if the core code can.
 */
import type { AsyncTask } from './task.js';
import { taskDeliverPendingCancel, taskHasBackpressure } from './task.js';
import type { Waitable } from './waitable.js';
import type { WaitableSet } from './waitable-set.js';
import type { Subtask } from './subtask.js';
import type { AsyncScheduler } from './scheduler.js';
import { schedulerFail, schedulerFirstReady, schedulerOf, schedulerPush, schedulerRemove, schedulerUnpin, schedulerWake } from './scheduler.js';
import { taskSpare, taskStartResume } from './lift.js';
import { callbackResume } from './callback.js';
import { coopStart } from './coop.js';
import { SUBTASK_RETURNED } from './codes.js';
import { componentEnterFrom, componentLeaveTo, type ComponentInstance } from '../resources/instance.js';
import { trap } from '../traps.js';

export const CONT_START = 1;
export const CONT_CALLBACK = 2;
export const CONT_PROMISE = 3;
export const CONT_NEW = 4;
export const CONT_NESTED = 5;

/** no backpressure on the task's instance */
export const WAIT_START = 1;
/** the instance's exclusive lock is free (callback YIELD) */
export const WAIT_EXCLUSIVE = 2;
/** the lock is free and the set has an event (callback WAIT) */
export const WAIT_EXCLUSIVE_SET = 3;
/** nothing (thread.yield) */
export const WAIT_ANY = 4;
/** the set has an event (waitable-set.wait) */
export const WAIT_SET = 5;
/** the waitable has an event (a synchronous copy or cancel) */
export const WAIT_EVENT = 6;
/** the subtask resolved (a synchronous lower) */
export const WAIT_RESOLVED = 7;

export class AsyncThread {
  readonly task: AsyncTask;
  /** CONT_* while blocked (waiting or suspended), 0 while running */
  cont!: number;
  waitKind!: number;
  waitOn!: WaitableSet | Waitable | null;
  /** the last wait was cancellable (spec `Thread.cancellable`) */
  cancellable!: boolean;
  waiting!: boolean;
  /** links of the scheduler's waiting list */
  prev!: AsyncThread | null;
  next!: AsyncThread | null;
  /** settles the Promise a suspended built-in returned (CONT_PROMISE) */
  wake!: ((cancelled: number) => void) | null;
  /** running a segment started from a microtask: it entered its instance itself */
  inSegment!: boolean;
  /** counted in the scheduler's `busy` */
  held!: boolean;
  /** a core call returned a Promise that has not settled */
  corePending!: boolean;
  /** thread-local storage (`context.get/set`) */
  context0!: number | bigint;
  context1!: number | bigint;
  /** the index in its instance's thread table (`thread.index`); 0 when the instance keeps none */
  index!: number;
  /** CONT_NEW: the core function to run with `startArg` (coop.ts) */
  startFn!: ((c: unknown) => unknown) | null;
  startArg!: unknown;
  /** CONT_NESTED: set with the cancellation flag when resumed */
  nestedResumed!: number;
  /** PIN_CALL / PIN_BLOCKED while in the scheduler's `pinned` list, else 0 */
  pin!: number;

  constructor(task: AsyncTask) {
    this.task = task;
    threadClear(this);
  }
}

/** Sets every field but `task` as a new thread has them (the constructor; lift.ts's spare task, for its next call). */
export function threadClear(t: AsyncThread): void {
  t.cont = 0;
  t.waitKind = 0;
  t.waitOn = null;
  t.cancellable = false;
  t.waiting = false;
  t.prev = null;
  t.next = null;
  t.wake = null;
  t.inSegment = false;
  t.held = false;
  t.corePending = false;
  t.context0 = 0;
  t.context1 = 0;
  t.index = 0;
  t.startFn = null;
  t.startArg = 0;
  t.nestedResumed = -1;
  t.pin = 0;
}

/** The current thread, which must belong to `inst` (the built-in's instance). */
export function asyncCurrent(inst: ComponentInstance): AsyncThread {
  const t = schedulerOf(inst).current;
  if (t === null || t.task.inst !== inst) trap('trap/no-task');
  return t;
}

/** Would a thread of `task` waiting for `kind` on `on` be ready now? */
export function waitReady(task: AsyncTask, kind: number, on: WaitableSet | Waitable | null): boolean {
  switch (kind) {
    case WAIT_START:
      return !taskHasBackpressure(task);
    case WAIT_EXCLUSIVE:
      return task.inst.exclusiveThread === null;
    case WAIT_EXCLUSIVE_SET:
      return task.inst.exclusiveThread === null && (on as WaitableSet).numPending > 0;
    case WAIT_ANY:
      return true;
    case WAIT_SET:
      return (on as WaitableSet).numPending > 0;
    case WAIT_EVENT:
      return (on as Waitable).pending;
    default:
      return (on as Subtask).state >= SUBTASK_RETURNED;
  }
}

/** The spec's `Thread.ready()`. */
export function threadReady(t: AsyncThread): boolean {
  return waitReady(t.task, t.waitKind, t.waitOn);
}

export function threadStartWaiting(s: AsyncScheduler, t: AsyncThread, cont: number, kind: number, on: WaitableSet | Waitable | null, cancellable: boolean): void {
  t.cont = cont;
  t.waitKind = kind;
  t.waitOn = on;
  t.cancellable = cancellable;
  t.waiting = true;
  schedulerPush(s, t);
  schedulerWake(s);
}

export function threadStopWaiting(s: AsyncScheduler, t: AsyncThread): void {
  schedulerRemove(s, t);
  t.cont = 0;
  t.waitOn = null;
  t.waiting = false;
}

/**
 * Resumes the waiting thread `t` (cancelled: 1 delivers a cancellation).
 * Stackless continuations run to their next wait or their end before this
 * returns; a suspended stack is only woken.
 */
export function threadResume(s: AsyncScheduler, t: AsyncThread, cancelled: number): void {
  const cont = t.cont;
  const on = t.waitOn;
  if (t.waiting) threadStopWaiting(s, t);
  else {
    t.cont = 0;
    t.waitOn = null;
  }
  if (cont === CONT_PROMISE) {
    if (t.pin !== 0) schedulerUnpin(s, t);
    threadHold(s, t);
    const wake = t.wake!;
    t.wake = null;
    wake(cancelled);
    return;
  }
  if (cont === CONT_NESTED) {
    t.nestedResumed = cancelled;
    return;
  }
  const prev = s.current;
  s.current = t;
  try {
    if (cont === CONT_START) taskStartResume(s, t, cancelled);
    else if (cont === CONT_NEW) coopStart(s, t);
    else callbackResume(s, t, on, cancelled);
  } finally {
    s.current = prev;
  }
  // the implicit thread of a task that ended here: the task may serve the next call
  if (cont !== CONT_NEW) taskSpare(t.task);
}

/**
 * Blocks the running thread `t` until `kind` holds on `on` (see the file
 * comment); 1 when a cancellation was delivered instead. `hostLevel`: the
 * wait is on a host import that is not async-typed (the host blocks, not the
 * component), so only stack switching can serve it.
 */
export function threadWaitUntil(
  s: AsyncScheduler,
  t: AsyncThread | null,
  kind: number,
  on: WaitableSet | Waitable | null,
  cancellable: boolean,
  hostLevel: boolean,
): number | Promise<number> {
  if (t === null) trap('trap/cannot-block-sync');
  const task = t.task;
  const suspendable = task.fn.suspendable;
  if (cancellable && taskDeliverPendingCancel(task)) return 1;
  // a yield on a stack that can switch lets the others run first
  if ((kind !== WAIT_ANY || !suspendable) && waitReady(task, kind, on)) return 0;
  if (!hostLevel && !task.fn.isAsyncType) return threadNestedWait(s, t, kind, on);
  if (suspendable) return threadSuspend(s, t, kind, on, cancellable);
  return trap('trap/needs-stack-switching');
}

/**
 * The end of the spec's synchronous `canon_lift`: while a synchronous task
 * is blocked, other ready threads of its instance run (on this stack) until
 * the condition holds; none ready is a trap. A yield runs one of them.
 */
function threadNestedWait(s: AsyncScheduler, t: AsyncThread, kind: number, on: WaitableSet | Waitable | null): number {
  const inst = t.task.inst;
  if (kind === WAIT_ANY) {
    const other = schedulerFirstReady(s, inst, t);
    if (other !== null) threadResume(s, other, 0);
    return 0;
  }
  while (!waitReady(t.task, kind, on)) {
    const other = schedulerFirstReady(s, inst, t);
    if (other === null) trap('trap/cannot-block-sync');
    threadResume(s, other, 0);
  }
  return 0;
}

/**
 * Suspends the core code of `t` in a built-in: the Promise settles with
 * `cancelled` when resumed. `kind` 0: suspended, not waiting (only an
 * explicit resume wakes it: coop.ts).
 */
export function threadSuspend(s: AsyncScheduler, t: AsyncThread, kind: number, on: WaitableSet | Waitable | null, cancellable: boolean): Promise<number> {
  if (kind !== 0) threadStartWaiting(s, t, CONT_PROMISE, kind, on, cancellable);
  else {
    t.cont = CONT_PROMISE;
    t.cancellable = cancellable;
  }
  return threadSuspendStack(s, t);
}

/** The core code of `t` (blocked already: CONT_PROMISE) suspends: its segment ends; the Promise settles with `cancelled` when resumed. */
export function threadSuspendStack(s: AsyncScheduler, t: AsyncThread): Promise<number> {
  if (t.inSegment) threadSegmentEnd(s, t);
  else threadRelease(s, t);
  const woken = new Promise<number>((resolve) => {
    t.wake = resolve;
  });
  const resume = (cancelled: number): number => {
    threadSegmentBegin(s, t);
    return cancelled;
  };
  // resumeInCore: the suspending import calls `resume` as the core code resumes (stack.ts)
  if (t.task.fn.resumeInCore) return woken.then((cancelled) => () => resume(cancelled)) as unknown as Promise<number>;
  return woken.then(resume);
}

/**
 * Continues a blocking built-in's Promise (from `threadWaitUntil`) with `k`:
 * when it settles with a resume function (`LiftedFunc.resumeInCore`), `k`
 * runs inside it, as the core code resumes.
 */
export function threadThen<T>(c: Promise<number>, k: (cancelled: number) => T): Promise<T> {
  return c.then((v: unknown) => (typeof v === 'function' ? ((() => k((v as () => number)())) as unknown as T) : k(v as number)));
}

/** `t` runs asynchronously: the scheduler resumes nothing else meanwhile. */
export function threadHold(s: AsyncScheduler, t: AsyncThread): void {
  if (!t.held) {
    t.held = true;
    s.busy++;
  }
}

export function threadRelease(s: AsyncScheduler, t: AsyncThread): void {
  if (t.held) {
    t.held = false;
    if (--s.busy === 0) schedulerWake(s);
  }
}

/** A segment of `t` starts from a microtask: it enters its instance from the host and is current. */
export function threadSegmentBegin(s: AsyncScheduler, t: AsyncThread): void {
  threadHold(s, t);
  if (!t.inSegment) {
    componentEnterFrom(t.task.inst, null);
    t.inSegment = true;
  }
  s.current = t;
}

/** The segment ends (the thread waits again, or finished). */
export function threadSegmentEnd(s: AsyncScheduler, t: AsyncThread): void {
  if (t.inSegment) {
    t.inSegment = false;
    componentLeaveTo(t.task.inst, null);
    if (s.current === t) s.current = null;
  }
  threadRelease(s, t);
}

/**
 * A core call of `t` returned the Promise `p` (its code suspended, or JSPI
 * returned a Promise anyway): `step` continues with the result in a segment
 * of its own. Until then the thread counts as running, unless it waits.
 */
export function threadAwaitCore(s: AsyncScheduler, t: AsyncThread, p: Promise<unknown>, step: (s: AsyncScheduler, t: AsyncThread, v: unknown) => void): void {
  t.corePending = true;
  if (t.cont === 0) threadHold(s, t);
  p.then(
    (v) => {
      t.corePending = false;
      try {
        threadSegmentBegin(s, t);
        step(s, t, v);
      } catch (e) {
        schedulerFail(s, e);
        return;
      }
      if (!t.corePending) threadSegmentEnd(s, t);
    },
    (e) => schedulerFail(s, e),
  );
}
