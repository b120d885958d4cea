/**
 * `canon lift` for calls that go through tasks (the spec's `Store.lift` and
 * `canon_lift`): a `LiftedFunc` per lifted function, made once by the glue,
 * is the callee every caller (the host, or another component's lower) calls.
 * A call enters the instance, makes the task and its implicit thread, and
 * runs that thread until it waits or ends: backpressure first (async-typed
 * functions only), then the core entry, then the callback loop
 * (callback.ts) or the synchronous epilogue (task.return, post-return).
 * A task that ended and that nothing refers to any more is kept for the
 * function's next call (`taskSpare`), so most calls allocate no task.
 */
import { componentEnterFrom, componentLeaveTo, type ComponentInstance } from '../resources/instance.js';
import type { AsyncCallee, AsyncCallerSide } from './call-sides.js';
import { callbackLoop } from './callback.js';
import { threadRegister } from './coop.js';
import { schedulerOf, type AsyncScheduler } from './scheduler.js';
import { AsyncTask, TASK_STARTED, taskExitThread, taskReuse, taskHasBackpressure, taskNeedsExclusive, taskResolveCancelled, taskReturnValue } from './task.js';
import { CONT_START, WAIT_START, threadAwaitCore, threadClear, threadStartWaiting, type AsyncThread } from './thread.js';

/** No `async` canonopt: the core function returns the results. */
export const LIFT_SYNC = 0;
/** `async` with `callback`: the entry and the callback return callback codes. */
export const LIFT_CALLBACK = 1;
/** `async` without `callback` (🚟): the core function runs to the end, blocking as it goes. */
export const LIFT_STACKFUL = 2;

export interface LiftedFuncOptions {
  kind: number;
  /** the function type has the `async` effect */
  isAsyncType: boolean;
  /**
   * Lowers the arguments into core values and calls the core function.
   * LIFT_SYNC: returns the lifted result (and may keep the flat results in
   * `task.data` for post-return); LIFT_CALLBACK: returns the packed code;
   * LIFT_STACKFUL: returns nothing. Returns a Promise instead when the core
   * code was entered through a `Suspender` and suspended.
   */
  entry: (task: AsyncTask, args: unknown) => unknown;
  /** LIFT_CALLBACK: calls the core callback with an event; returns the packed code (or a Promise of it) */
  callback?: ((code: number, p1: number, p2: number) => unknown) | null;
  /** LIFT_SYNC: calls the core post-return function (flat results from `task.data`) */
  postReturn?: ((task: AsyncTask) => void) | null;
  /** the core entry (and callback) were wrapped by a Suspender: blocking built-ins may return Promises */
  suspendable?: boolean;
  /**
   * With `suspendable`: a blocking built-in's Promise settles with a
   * function the suspending import calls when the core code really resumes
   * (runtime/async/stack.ts), which is when the thread's segment begins; no
   * host call finds the instance entered in between.
   */
  resumeInCore?: boolean;
  /** identifies the result type and lift options: `task.return` must name the same */
  returnSig?: unknown;
}

export class LiftedFunc implements AsyncCallee {
  readonly inst: ComponentInstance;
  readonly kind: number;
  readonly isAsyncType: boolean;
  readonly entry: (task: AsyncTask, args: unknown) => unknown;
  readonly callback: ((code: number, p1: number, p2: number) => unknown) | null;
  readonly postReturn: ((task: AsyncTask) => void) | null;
  readonly suspendable: boolean;
  readonly resumeInCore: boolean;
  readonly returnSig: unknown;
  /**
   * A task (with its thread) that finished inside its call and that nothing
   * refers to any more: the next call uses it instead of allocating one.
   */
  spare: AsyncTask | null;

  constructor(inst: ComponentInstance, o: LiftedFuncOptions) {
    this.inst = inst;
    this.kind = o.kind;
    this.isAsyncType = o.isAsyncType;
    this.entry = o.entry;
    this.callback = o.callback ?? null;
    this.postReturn = o.postReturn ?? null;
    this.suspendable = o.suspendable ?? false;
    this.resumeInCore = o.resumeInCore ?? false;
    this.returnSig = o.returnSig ?? null;
    this.spare = null;
  }

  call(caller: AsyncCallerSide): AsyncTask | null {
    return liftedCall(this, caller);
  }
}

/**
 * One call (`Store.lift`'s `func_inst` + `canon_lift`): traps if the
 * instance cannot be entered from the caller; returns the task (the cancel
 * hook) once its thread waits or ends, or null when it finished already
 * (nothing is left to cancel: the task is kept as the function's spare).
 */
export function liftedCall(fn: LiftedFunc, caller: AsyncCallerSide): AsyncTask | null {
  const inst = fn.inst;
  const callerInst = caller.callerInst;
  componentEnterFrom(inst, callerInst);
  const s = schedulerOf(inst);
  let task = fn.spare;
  if (task !== null) {
    fn.spare = null;
    taskReuse(task, caller);
  } else {
    task = new AsyncTask(fn, caller);
  }
  s.numTasks++;
  const prev = s.current;
  s.current = task.thread;
  try {
    if (fn.isAsyncType && (taskHasBackpressure(task) || inst.numWaitingToEnter > 0)) {
      // `enter_implicit_thread`: wait until backpressure is gone (cancellable)
      inst.numWaitingToEnter++;
      threadStartWaiting(s, task.thread, CONT_START, WAIT_START, null, true);
    } else {
      taskEnter(s, task);
    }
  } finally {
    s.current = prev;
  }
  componentLeaveTo(inst, callerInst);
  return taskSpare(task) ? null : task;
}

/**
 * A task that finished (all its threads ended, the caller has its result)
 * becomes its function's spare, if nothing can refer to it any more: no
 * stack switching (Promises may hold the thread), no cooperative threads
 * (their table and threads refer to the task), nothing waiting, pinned or
 * holding the lock. Its caller no longer keeps it as the cancel hook
 * (a resolved subtask forgets it). True when it did.
 */
export function taskSpare(task: AsyncTask): boolean {
  if (task.caller !== null || task.numThreads !== 0) return false;
  const t = task.thread;
  const ok =
    !task.fn.suspendable &&
    task.others === null &&
    task.inst.threads === null &&
    task.inst.exclusiveThread !== t &&
    t.cont === 0 &&
    t.pin === 0 &&
    !t.held &&
    !t.inSegment &&
    !t.corePending;
  if (!ok) return false;
  threadClear(t);
  task.data = undefined;
  task.fn.spare = task;
  return true;
}

/** A task held back by backpressure resumes: it starts, or (cancelled) resolves as cancelled before starting. */
export function taskStartResume(s: AsyncScheduler, t: AsyncThread, cancelled: number): void {
  const task = t.task;
  task.inst.numWaitingToEnter--;
  if (cancelled !== 0) {
    taskResolveCancelled(task);
    task.caller = null;
    s.numTasks--;
    return;
  }
  taskEnter(s, task);
}

/** Takes the lock if needed, gets the arguments (`on_start`) and calls the core entry. */
function taskEnter(s: AsyncScheduler, task: AsyncTask): void {
  const fn = task.fn;
  const t = task.thread;
  if (fn.isAsyncType && taskNeedsExclusive(task)) task.inst.exclusiveThread = t;
  if (task.inst.threads !== null) threadRegister(t);
  task.numThreads++;
  task.state = TASK_STARTED;
  const args = task.caller!.onStart();
  const r = fn.entry(task, args);
  if (fn.suspendable && r instanceof Promise) threadAwaitCore(s, t, r, liftAfterEntry);
  else liftAfterEntry(s, t, r);
}

function liftAfterEntry(s: AsyncScheduler, t: AsyncThread, r: unknown): void {
  const task = t.task;
  const fn = task.fn;
  switch (fn.kind) {
    case LIFT_CALLBACK:
      callbackLoop(s, t, r as number);
      return;
    case LIFT_SYNC: {
      taskReturnValue(task, r);
      const post = fn.postReturn;
      if (post !== null) {
        const inst = task.inst;
        inst.mayLeave = false;
        post(task);
        inst.mayLeave = true;
      }
      taskExitThread(s, task);
      return;
    }
    default:
      taskExitThread(s, task);
  }
}

/** The caller of a start task: the instantiation, which passes nothing and ignores the result. */
const START_CALLER: AsyncCallerSide = { callerInst: null, onStart: () => [], onResolve: () => {} };

/**
 * A core start function runs during instantiation as the spec's implicit
 * synchronous task of type `func()` (Concurrency.md, "Interaction with the
 * start function"): its built-ins and lowered imports find a current task,
 * and blocking in it traps (`trap/cannot-block-sync`: a synchronous task
 * with no other thread to run). `instantiate` makes the core instance; the
 * store is not reachable by anything else until it is done.
 */
export async function startTask<T>(inst: ComponentInstance, instantiate: () => Promise<T>): Promise<T> {
  const s = schedulerOf(inst);
  const fn = new LiftedFunc(inst, { kind: LIFT_SYNC, isAsyncType: false, entry: () => undefined });
  const task = new AsyncTask(fn, START_CALLER);
  componentEnterFrom(inst, null);
  s.numTasks++;
  if (inst.threads !== null) threadRegister(task.thread);
  task.numThreads++;
  task.state = TASK_STARTED;
  const prev = s.current;
  s.current = task.thread;
  try {
    const r = await instantiate();
    taskReturnValue(task, undefined);
    taskExitThread(s, task);
    return r;
  } finally {
    s.current = prev;
    componentLeaveTo(inst, null);
  }
}
