/**
 * Tasks (the spec's `Task`): the callee's bookkeeping for one call of a
 * lifted function: its state (started, cancellation requested or delivered,
 * resolved), the borrows it was lent, and its implicit thread. The task is
 * also the callee's cancel hook: `cancel()` is the spec's
 * `request_cancellation`.
 */
import type { CallScope } from '../resources/call-scope.js';
import { callScopeEnd } from '../resources/call-scope.js';
import { componentEnterFrom, componentLeaveTo, componentMayEnterFrom, type ComponentInstance } from '../resources/instance.js';
import { trap } from '../traps.js';
import type { AsyncCallerSide, AsyncCancelHook } from './call-sides.js';
import type { LiftedFunc } from './lift.js';
import { LIFT_STACKFUL } from './lift.js';
import { schedulerOf, schedulerWake, type AsyncScheduler } from './scheduler.js';
import { AsyncThread, CONT_NEW, CONT_START, threadResume } from './thread.js';
import { threadUnregister } from './coop.js';

export const TASK_INITIAL = 1;
export const TASK_STARTED = 2;
export const TASK_PENDING_CANCEL = 3;
export const TASK_CANCEL_DELIVERED = 4;
export const TASK_RESOLVED = 5;

export class AsyncTask implements AsyncCancelHook {
  readonly fn: LiftedFunc;
  readonly inst: ComponentInstance;
  /** where the result goes; null once the task is done */
  caller!: AsyncCallerSide | null;
  state!: number;
  /** borrow handles lowered into the callee for this call (spec `num_borrows`); set by the glue */
  scope!: CallScope | null;
  /** the implicit thread */
  readonly thread: AsyncThread;
  /** threads still running (the implicit one and cooperative threads) */
  numThreads!: number;
  /** its cooperative threads (coop.ts), once it made one */
  others!: AsyncThread[] | null;
  /** free for the glue (e.g. the flat results post-return needs) */
  data!: unknown;

  constructor(fn: LiftedFunc, caller: AsyncCallerSide) {
    this.fn = fn;
    this.inst = fn.inst;
    taskReuse(this, caller);
    this.thread = new AsyncThread(this);
  }

  cancel(callerInst: ComponentInstance | null): void {
    taskRequestCancel(this, callerInst);
  }
}

/** Sets the per-call fields as a new task has them, for a call from `caller` (the constructor; lift.ts's spare, when a finished task serves the next call). */
export function taskReuse(task: AsyncTask, caller: AsyncCallerSide): void {
  task.caller = caller;
  task.state = TASK_INITIAL;
  task.scope = null;
  task.numThreads = 0;
  task.others = null;
  task.data = undefined;
}

/** Callback lifts and synchronous lifts of async-typed functions hold the instance's exclusive lock while core code runs. */
export function taskNeedsExclusive(task: AsyncTask): boolean {
  return task.fn.kind !== LIFT_STACKFUL;
}

export function taskHasBackpressure(task: AsyncTask): boolean {
  const inst = task.inst;
  return inst.backpressure > 0 || (taskNeedsExclusive(task) && inst.exclusiveThread !== null);
}

/** Delivers a pending cancellation to a cancellable wait (spec `deliver_pending_cancel`). */
export function taskDeliverPendingCancel(task: AsyncTask, cancellable = true): boolean {
  if (cancellable && task.state === TASK_PENDING_CANCEL) {
    task.state = TASK_CANCEL_DELIVERED;
    return true;
  }
  return false;
}

/** `Task.return_`: passes the result to the caller. */
export function taskReturnValue(task: AsyncTask, value: unknown): void {
  if (task.state === TASK_RESOLVED) trap('trap/task-already-resolved');
  if (task.scope !== null && task.scope.numBorrows > 0) trap('trap/borrows-remain');
  task.state = TASK_RESOLVED;
  taskEndScope(task);
  task.caller!.onResolve(value, false);
}

/** `Task.cancel`: confirms a delivered cancellation to the caller. */
export function taskResolveCancelled(task: AsyncTask): void {
  if (task.state !== TASK_CANCEL_DELIVERED) {
    trap(task.state === TASK_RESOLVED ? 'trap/task-already-resolved' : 'trap/task-cancel-not-delivered');
  }
  if (task.scope !== null && task.scope.numBorrows > 0) trap('trap/borrows-remain');
  task.state = TASK_RESOLVED;
  taskEndScope(task);
  task.caller!.onResolve(undefined, true);
}

function taskEndScope(task: AsyncTask): void {
  const scope = task.scope;
  if (scope !== null) {
    task.scope = null;
    callScopeEnd(scope);
  }
}

/**
 * `request_cancellation`: a task still waiting to start is cancelled at
 * once; a started one gets the cancellation at its wait if that wait is
 * cancellable (and the lock and reentrance rules allow running it now),
 * else at its next cancellable wait.
 */
export function taskRequestCancel(task: AsyncTask, callerInst: ComponentInstance | null): void {
  const s = schedulerOf(task.inst);
  const t = task.thread;
  if (task.state === TASK_INITIAL) {
    task.state = TASK_CANCEL_DELIVERED;
    if (t.cont === CONT_START) threadResume(s, t, 1);
    return;
  }
  const inst = task.inst;
  const candidate = taskCancelCandidate(task);
  if (candidate !== null && componentMayEnterFrom(inst, callerInst)) {
    task.state = TASK_CANCEL_DELIVERED;
    componentEnterFrom(inst, callerInst);
    threadResume(s, candidate, 1);
    componentLeaveTo(inst, callerInst);
  } else {
    task.state = TASK_PENDING_CANCEL;
  }
}

/**
 * A thread of the task blocked in a cancellable wait or suspension (the
 * implicit thread first, unless another thread holds the instance's
 * exclusive lock it needs), or null.
 */
function taskCancelCandidate(task: AsyncTask): AsyncThread | null {
  const t = task.thread;
  const lock = task.inst.exclusiveThread;
  if (t.cont !== 0 && t.cancellable && !(taskNeedsExclusive(task) && lock !== null && lock !== t)) return t;
  if (task.others !== null) for (const o of task.others) if (o.cont !== 0 && o.cont !== CONT_NEW && o.cancellable) return o;
  return null;
}

/**
 * The implicit thread ends (`exit_implicit_thread`): the last thread of a
 * task that has not resolved traps; the exclusive lock is released.
 */
export function taskExitThread(s: AsyncScheduler, task: AsyncTask, t: AsyncThread = task.thread): void {
  if (t.index !== 0) threadUnregister(t);
  if (--task.numThreads === 0 && task.state !== TASK_RESOLVED) trap('trap/task-not-resolved');
  if (task.fn.isAsyncType && taskNeedsExclusive(task) && task.inst.exclusiveThread === t) {
    task.inst.exclusiveThread = null;
    if (s.numWaiting > 0) schedulerWake(s);
  }
  if (task.numThreads === 0) {
    task.caller = null;
    s.numTasks--;
  }
}
