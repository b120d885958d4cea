/**
 * Subtasks (the spec's `Subtask`): the caller's side of one lowered call.
 * A subtask is the caller side the callee sees (`onStart` lifts the
 * caller's arguments, `onResolve` lowers the result into the caller), and,
 * once an async lower has put it in the caller's table, a waitable whose
 * event reports its state. Handles the caller lent (borrow arguments) stay
 * lent until the caller has been told the subtask resolved.
 */
import type { CallScope } from '../resources/call-scope.js';
import { callScopeEnd } from '../resources/call-scope.js';
import type { ComponentInstance } from '../resources/instance.js';
import { HANDLE_SUBTASK, handleTableGet, handleTableRemove } from '../resources/table.js';
import { trap } from '../traps.js';
import type { AsyncCallerSide, AsyncCancelHook } from './call-sides.js';
import {
  ASYNC_BLOCKED,
  EVENT_SUBTASK,
  SUBTASK_CANCELLED_BEFORE_RETURNED,
  SUBTASK_CANCELLED_BEFORE_STARTED,
  SUBTASK_RETURNED,
  SUBTASK_STARTED,
  SUBTASK_STARTING,
} from './codes.js';
import type { LoweredFunc } from './lower.js';
import { schedulerOf, type AsyncScheduler } from './scheduler.js';
import { WAIT_EVENT, asyncCurrent, threadWaitUntil, threadThen } from './thread.js';
import { waitableJoin, waitableSetPending, waitableTakeEvent, type Waitable } from './waitable.js';
import type { WaitableSet } from './waitable-set.js';

export class Subtask implements Waitable, AsyncCallerSide {
  readonly sched: AsyncScheduler;
  wset!: WaitableSet | null;
  pending!: boolean;
  hasSyncWaiter!: boolean;
  handle!: number;
  readonly imp: LoweredFunc;
  readonly callerInst: ComponentInstance;
  /** the caller's flat arguments, as the glue passed them */
  flat!: unknown;
  state!: number;
  /** the callee's cancel hook */
  callee!: AsyncCancelHook | null;
  /** handles the caller lent for this call (spec `lenders`); set by the glue's `liftArgs` */
  scope!: CallScope | null;
  cancellationRequested!: boolean;
  /** the caller has been told the subtask resolved (spec `lenders is None`) */
  resolveDelivered!: boolean;
  /** in the caller's table: progress sets events */
  notify!: boolean;
  /** a synchronous lower's core result, set by the glue's `lowerResult` */
  result!: unknown;

  constructor(imp: LoweredFunc, flat: unknown, sched: AsyncScheduler) {
    this.sched = sched;
    this.imp = imp;
    this.callerInst = imp.inst;
    subtaskReuse(this, flat);
  }

  onStart(): unknown {
    if (this.notify) waitableSetPending(this);
    this.state = SUBTASK_STARTED;
    return this.imp.liftArgs(this);
  }

  onResolve(result: unknown, cancelled: boolean): void {
    // resolved: nothing is left to cancel (the callee's task may serve another call once it ends)
    this.callee = null;
    if (this.notify) waitableSetPending(this);
    if (cancelled) {
      this.state = this.state === SUBTASK_STARTING ? SUBTASK_CANCELLED_BEFORE_STARTED : SUBTASK_CANCELLED_BEFORE_RETURNED;
    } else {
      this.imp.lowerResult(this, result);
      this.state = SUBTASK_RETURNED;
    }
  }

  deliver(s: AsyncScheduler): void {
    if (this.state >= SUBTASK_RETURNED && !this.resolveDelivered) subtaskDeliverResolve(this);
    s.evCode = EVENT_SUBTASK;
    s.evP1 = this.handle;
    s.evP2 = this.state;
  }
}

/** Sets the per-call fields as a new subtask has them, with `flat` (the constructor; lower.ts's spare, when a subtask whose callee finished inside its call serves the next call). */
export function subtaskReuse(sub: Subtask, flat: unknown): void {
  sub.wset = null;
  sub.pending = false;
  sub.hasSyncWaiter = false;
  sub.handle = 0;
  sub.flat = flat;
  sub.state = SUBTASK_STARTING;
  sub.callee = null;
  sub.scope = null;
  sub.cancellationRequested = false;
  sub.resolveDelivered = false;
  sub.notify = false;
  sub.result = undefined;
}

/** The caller learns the subtask resolved: its lent handles come back. */
export function subtaskDeliverResolve(sub: Subtask): void {
  sub.resolveDelivered = true;
  const scope = sub.scope;
  if (scope !== null) {
    sub.scope = null;
    callScopeEnd(scope);
  }
}

/**
 * `canon subtask.cancel`: requests cancellation and reports the state the
 * subtask reached, or BLOCKED (async) when it did not resolve yet.
 */
export function subtaskCancel(inst: ComponentInstance, isAsync: boolean, i: number): number | Promise<number> {
  const t = asyncCurrent(inst);
  if (!inst.mayLeave) trap('trap/cannot-leave');
  const sub = handleTableGet(inst.handles, HANDLE_SUBTASK, i) as Subtask;
  if (sub.resolveDelivered) trap('trap/subtask-resolve-delivered');
  if (sub.cancellationRequested) trap('trap/subtask-cancel-twice');
  if (sub.wset !== null && !isAsync) trap('trap/waitable-in-set');
  const s = schedulerOf(inst);
  if (sub.state < SUBTASK_RETURNED) {
    sub.cancellationRequested = true;
    if (sub.callee !== null) sub.callee.cancel(inst);
    if (sub.state < SUBTASK_RETURNED) {
      if (isAsync) return ASYNC_BLOCKED;
      sub.hasSyncWaiter = true;
      const c = threadWaitUntil(s, t, WAIT_EVENT, sub, false, false);
      if (typeof c !== 'number') return threadThen(c, () => subtaskCancelDone(s, sub));
    }
  }
  return subtaskCancelDone(s, sub);
}

function subtaskCancelDone(s: AsyncScheduler, sub: Subtask): number {
  sub.hasSyncWaiter = false;
  waitableTakeEvent(s, sub);
  return sub.state;
}

/** `canon subtask.drop`: only once the caller has been told it resolved. */
export function subtaskDrop(inst: ComponentInstance, i: number): void {
  if (!inst.mayLeave) trap('trap/cannot-leave');
  const sub = handleTableGet(inst.handles, HANDLE_SUBTASK, i) as Subtask;
  if (!sub.resolveDelivered) trap('trap/subtask-not-resolved');
  handleTableRemove(inst.handles, HANDLE_SUBTASK, i);
  waitableJoin(sub, null);
}
