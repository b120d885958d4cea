/**
 * Cooperative threads (🧵, the spec's `Thread` beyond the implicit one, and
 * the `thread.*` built-ins): a component instance that uses them keeps a
 * thread table (`inst.threads`, `thread.index`); `thread.new-indirect`
 * makes a suspended thread of the current task that runs a core function
 * from a table on a stack of its own (through the instance's `Suspender`
 * when its code can block); `resume-later` makes a suspended thread ready;
 * `suspend` and the `*-then-resume` / `*-then-promote` switches block the
 * current thread and run another one next.
 *
 * "Run next" puts the other thread at the head of the scheduler's list, so
 * it is the first to run once the current one has blocked (the spec's
 * direct switch, with nothing of the store running in between). A blocked
 * thread suspends its stack (a Promise from the built-in), except the
 * implicit thread of a synchronous task, which cannot: its built-in runs the
 * instance's other ready threads on the JS stack until something resumes
 * it (CONT_NESTED, the end of the spec's synchronous `canon_lift`), and
 * traps `trap/cannot-block-sync` when none is ready.
 */
import { handleTableAdd, handleTableFree, handleTableGet, HandleTable, HANDLE_THREAD } from '../resources/table.js';
import type { ComponentInstance } from '../resources/instance.js';
import { trap } from '../traps.js';
import { PIN_BLOCKED, schedulerFirstPinned, schedulerOf, schedulerPin, schedulerPush, schedulerPushFront, schedulerRemove, schedulerWake, type AsyncScheduler } from './scheduler.js';
import { taskDeliverPendingCancel, taskExitThread } from './task.js';
import {
  AsyncThread,
  CONT_NESTED,
  CONT_NEW,
  CONT_PROMISE,
  WAIT_ANY,
  asyncCurrent,
  threadAwaitCore,
  threadReady,
  threadResume,
  threadStopWaiting,
  threadSuspend,
  threadSuspendStack,
} from './thread.js';
import { jspiTypeCheck } from './jspi-wasm.js';

/** The instance keeps a thread table (the glue calls this once for instances that use `thread.*` built-ins). */
export function coopEnable(inst: ComponentInstance): void {
  inst.threads ??= new HandleTable();
}

/** Gives `t` its index in its instance's thread table (`register_thread`). */
export function threadRegister(t: AsyncThread): void {
  const table = t.task.inst.threads;
  if (table !== null) t.index = handleTableAdd(table, HANDLE_THREAD, t, 0, null);
}

/** Frees `t`'s index (`unregister_thread`). */
export function threadUnregister(t: AsyncThread): void {
  handleTableFree(t.task.inst.threads!, t.index);
  t.index = 0;
  const others = t.task.others;
  if (others !== null) {
    const k = others.indexOf(t);
    if (k >= 0) others.splice(k, 1);
  }
}

/** `canon thread.index` */
export function coopIndex(inst: ComponentInstance): number {
  const t = asyncCurrent(inst);
  if (!inst.mayLeave) trap('trap/cannot-leave');
  return t.index;
}

/** How a new thread's function is entered: through the instance's suspender when its code can block, else null. */
export type CoopEnter = ((f: (c: unknown) => unknown) => (c: unknown) => unknown) | null;

/**
 * `canon thread.new-indirect`: a suspended thread of the current task that
 * will call `table[fi](c)`. `sig` is the thread function's core type
 * (`"i:"` or `"j:"`), checked here; `enter` wraps the function for the
 * instance's suspender (its `promising`), or is null when it cannot block.
 */
export function coopNew(inst: ComponentInstance, table: WebAssembly.Table, sig: string, enter: CoopEnter, fi: number, c: unknown): number {
  asyncCurrent(inst);
  if (!inst.mayLeave) trap('trap/cannot-leave');
  const f = fi >>> 0 < table.length ? (table.get(fi) as ((c: unknown) => unknown) | null) : null;
  return coopNewThread(inst, f, sig, enter, c).index;
}

/** `canon thread.spawn-indirect` without `shared`: `thread.new-indirect`, then `resume-later`. */
export function coopSpawnIndirect(inst: ComponentInstance, table: WebAssembly.Table, sig: string, enter: CoopEnter, fi: number, c: unknown): number {
  const i = coopNew(inst, table, sig, enter, fi, c);
  coopMakeReady(schedulerOf(inst), coopThread(inst, i), false);
  return i;
}

/** `canon thread.spawn-ref` without `shared`: a ready thread calling the function reference `f` with `c`. */
export function coopSpawnRef(inst: ComponentInstance, sig: string, enter: CoopEnter, f: ((c: unknown) => unknown) | null, c: unknown): number {
  asyncCurrent(inst);
  if (!inst.mayLeave) trap('trap/cannot-leave');
  const t = coopNewThread(inst, f, sig, enter, c);
  coopMakeReady(schedulerOf(inst), t, false);
  return t.index;
}

function coopNewThread(inst: ComponentInstance, f: ((c: unknown) => unknown) | null, sig: string, enter: CoopEnter, c: unknown): AsyncThread {
  const task = asyncCurrent(inst).task;
  if (f === null) trap('trap/thread-func-null');
  if (!jspiTypeCheck(f, sig)) trap('trap/thread-func-type');
  const t = new AsyncThread(task);
  t.cont = CONT_NEW;
  t.startFn = enter === null ? f : enter(f);
  t.startArg = c;
  task.numThreads++;
  (task.others ??= []).push(t);
  threadRegister(t);
  return t;
}

/** Runs a new thread's function (from `threadResume`): it ends, or goes on when its suspended code resumes. */
export function coopStart(s: AsyncScheduler, t: AsyncThread): void {
  const f = t.startFn!;
  t.startFn = null;
  const r = f(t.startArg);
  if (r instanceof Promise) threadAwaitCore(s, t, r, coopEnd);
  else coopEnd(s, t);
}

function coopEnd(s: AsyncScheduler, t: AsyncThread): void {
  taskExitThread(s, t.task, t);
}

/** The thread at index `i` of `inst`'s table, which must be suspended. */
function coopSuspended(inst: ComponentInstance, i: number): AsyncThread {
  const t = coopThread(inst, i);
  if (t.cont === 0 || t.waiting) trap('trap/thread-not-suspended');
  return t;
}

function coopThread(inst: ComponentInstance, i: number): AsyncThread {
  if (inst.threads === null) trap('trap/unknown-handle');
  return handleTableGet(inst.threads, HANDLE_THREAD, i) as AsyncThread;
}

/** Makes the suspended thread `t` ready; at the head of the list (`first`) it runs next. */
function coopMakeReady(s: AsyncScheduler, t: AsyncThread, first: boolean): void {
  t.waitKind = WAIT_ANY;
  t.waitOn = null;
  t.waiting = true;
  if (first) schedulerPushFront(s, t);
  else schedulerPush(s, t);
  schedulerWake(s);
}

/** `canon thread.resume-later` */
export function coopResumeLater(inst: ComponentInstance, i: number): void {
  asyncCurrent(inst);
  if (!inst.mayLeave) trap('trap/cannot-leave');
  coopMakeReady(schedulerOf(inst), coopSuspended(inst, i), false);
}

/** `canon thread.suspend`: 1 when a cancellation was delivered. */
export function coopSuspend(inst: ComponentInstance, cancellable: boolean): number | Promise<number> {
  const t = asyncCurrent(inst);
  if (!inst.mayLeave) trap('trap/cannot-leave');
  if (taskDeliverPendingCancel(t.task, cancellable)) return 1;
  return coopBlock(schedulerOf(inst), t, false, cancellable);
}

export const COOP_SUSPEND_THEN_RESUME = 0;
export const COOP_YIELD_THEN_RESUME = 1;
export const COOP_SUSPEND_THEN_PROMOTE = 2;
export const COOP_YIELD_THEN_PROMOTE = 3;

/**
 * `canon thread.{suspend,yield}-then-{resume,promote}`: the current thread
 * blocks (suspended, or ready again for a yield) and thread `i` runs next
 * (resume: it must be suspended; promote: only if it is ready, else this is
 * a plain suspend or yield).
 */
export function coopSwitch(inst: ComponentInstance, mode: number, cancellable: boolean, i: number): number | Promise<number> {
  const t = asyncCurrent(inst);
  if (!inst.mayLeave) trap('trap/cannot-leave');
  const s = schedulerOf(inst);
  const promote = mode === COOP_SUSPEND_THEN_PROMOTE || mode === COOP_YIELD_THEN_PROMOTE;
  const yielding = mode === COOP_YIELD_THEN_RESUME || mode === COOP_YIELD_THEN_PROMOTE;
  const other = promote ? coopThread(inst, i) : coopSuspended(inst, i);
  if (taskDeliverPendingCancel(t.task, cancellable)) return 1;
  if (promote) {
    if (!(other.waiting && threadReady(other))) return coopBlock(s, t, yielding, cancellable);
    schedulerRemove(s, other);
    other.waiting = false;
  }
  coopMakeReady(s, other, true);
  return coopBlock(s, t, yielding, cancellable);
}

/**
 * Blocks the running thread `t`: suspended, or (`ready`) waiting with
 * nothing to wait for; 1 when resumed by a cancellation.
 */
function coopBlock(s: AsyncScheduler, t: AsyncThread, ready: boolean, cancellable: boolean): number | Promise<number> {
  const task = t.task;
  if (t === task.thread && !task.fn.isAsyncType) return coopNested(s, t, ready, cancellable);
  if (!task.fn.suspendable) trap('trap/needs-stack-switching');
  if (ready) return threadSuspend(s, t, WAIT_ANY, null, cancellable);
  return threadSuspend(s, t, 0, null, cancellable);
}

/**
 * The implicit thread of a synchronous task blocks with its frame on the
 * stack: runs the instance's other ready threads here until one of them
 * (or a cancellation) resumes it.
 */
function coopNested(s: AsyncScheduler, t: AsyncThread, ready: boolean, cancellable: boolean): number | Promise<number> {
  const inst = t.task.inst;
  t.cont = CONT_NESTED;
  t.cancellable = cancellable;
  t.nestedResumed = -1;
  if (ready) coopMakeReady(s, t, false);
  for (;;) {
    if (t.nestedResumed >= 0) return t.nestedResumed;
    const next = schedulerFirstPinned(s, inst, t);
    if (next === null) trap('trap/cannot-block-sync');
    if (next === t) {
      threadStopWaiting(s, t);
      return 0;
    }
    if (next.cont === CONT_PROMISE) {
      // the next thread is a suspended stack, which resumes asynchronously: so must this one (its
      // synchronous caller gets a Promise); meanwhile the scheduler runs only this instance's threads
      if (!t.task.fn.suspendable) trap('trap/cannot-block-sync');
      t.cont = CONT_PROMISE;
      const p = threadSuspendStack(s, t);
      schedulerPin(s, t, PIN_BLOCKED);
      return p;
    }
    threadResume(s, next, 0);
  }
}

