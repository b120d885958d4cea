/**
 * The host on either side of a call. `hostCall` is the host calling a
 * lifted function (the spec's `Store.invoke`): a Promise of the result,
 * rejected with the trap if the store traps or deadlocks before the task
 * resolves. `HostFunc` is a host function as the callee of a lowered import:
 * it starts at once (the host has no backpressure); a returned Promise makes
 * it an async callee that resolves when the Promise does.
 */
import type { ComponentInstance } from '../resources/instance.js';
import { tagTrap } from '../traps.js';
import type { AsyncCallee, AsyncCallerSide, AsyncCancelHook } from './call-sides.js';
import type { LiftedFunc } from './lift.js';
import { schedulerAddHostCall, schedulerFail, schedulerOf, schedulerRemoveHostCall, schedulerWake, type AsyncScheduler, type SchedulerHostCall } from './scheduler.js';

/** Is `v` a Promise or another thenable? */
export function asyncIsThenable(v: unknown): v is PromiseLike<unknown> {
  return v instanceof Promise || (v !== null && typeof v === 'object' && typeof (v as { then?: unknown }).then === 'function');
}

/** The host as the caller of one call. */
export class HostCall implements AsyncCallerSide, SchedulerHostCall {
  readonly callerInst: ComponentInstance | null;
  readonly sched: AsyncScheduler;
  readonly args: unknown;
  done: boolean;
  value: unknown;
  /** rejected (a trap, a deadlock, or cancelled): `error` is why */
  failed: boolean;
  error: unknown;
  /** inside the host's synchronous call: the result is held until the call returns (a later trap wins) */
  inCall: boolean;
  /** the Promise's settlers, made only when the call did not finish inside the host's call */
  resolveFn: ((v: unknown) => void) | null;
  rejectFn: ((e: unknown) => void) | null;
  prevCall: SchedulerHostCall | null;
  nextCall: SchedulerHostCall | null;
  linked: boolean;

  constructor(sched: AsyncScheduler, args: unknown) {
    this.callerInst = null;
    this.sched = sched;
    this.args = args;
    this.done = false;
    this.value = undefined;
    this.failed = false;
    this.error = undefined;
    this.inCall = true;
    this.resolveFn = null;
    this.rejectFn = null;
    this.prevCall = null;
    this.nextCall = null;
    this.linked = false;
  }

  onStart(): unknown {
    return this.args;
  }

  onResolve(result: unknown, cancelled: boolean): void {
    this.done = true;
    this.value = result;
    schedulerRemoveHostCall(this.sched, this);
    if (cancelled) this.fail(new Error('canonjs: the call was cancelled'));
    else if (!this.inCall && this.resolveFn !== null) this.resolveFn(result);
  }

  fail(e: unknown): void {
    this.done = true;
    if (!this.failed) {
      this.failed = true;
      this.error = e;
    }
    if (this.rejectFn !== null) this.rejectFn(e);
  }
}

/**
 * The host calls `fn` with `args` (the values the glue's entry lowers); a
 * Promise of the result, passed through `face` (the JS face of the result)
 * if given. A call that finishes inside this call (the usual case) gets an
 * already-settled Promise: no resolver closures, no extra `then` hop.
 */
export function hostCall(fn: LiftedFunc, args: unknown, face: ((v: unknown) => unknown) | null = null): Promise<unknown> {
  const s = schedulerOf(fn.inst);
  const c = new HostCall(s, args);
  schedulerAddHostCall(s, c);
  try {
    fn.call(c);
  } catch (e) {
    schedulerRemoveHostCall(s, c);
    const err = tagTrap(e);
    c.fail(err);
    schedulerFail(s, e);
    return Promise.reject(c.error);
  }
  c.inCall = false;
  // something waits: the scheduler runs (and judges deadlock) once this call is done
  if (s.numWaiting > 0) schedulerWake(s);
  if (c.done) {
    if (c.failed) return Promise.reject(c.error);
    if (face === null) return Promise.resolve(c.value);
    try {
      return Promise.resolve(face(c.value));
    } catch (e) {
      return Promise.reject(e);
    }
  }
  const p = new Promise<unknown>((resolve, reject) => {
    c.resolveFn = resolve;
    c.rejectFn = reject;
  });
  return face === null ? p : p.then(face);
}

/**
 * The host calls `fn` and wants the result now (a function that is not
 * async-typed, through tasks because its component uses the async
 * built-ins): the result, or a Promise when the core code suspended. A trap
 * is thrown.
 */
export function hostCallSync(fn: LiftedFunc, args: unknown): unknown {
  const s = schedulerOf(fn.inst);
  const c = new HostCall(s, args);
  try {
    fn.call(c);
  } catch (e) {
    schedulerFail(s, e);
    throw tagTrap(e);
  }
  c.inCall = false;
  if (c.done) return c.failed ? undefined : c.value;
  schedulerAddHostCall(s, c);
  return new Promise<unknown>((resolve, reject) => {
    c.resolveFn = resolve;
    c.rejectFn = reject;
  });
}

/** A host import's call still in flight: cancellation is only recorded (the host may ignore it, as the spec allows). */
export class HostPendingCall implements AsyncCancelHook {
  cancelRequested: boolean;

  constructor() {
    this.cancelRequested = false;
  }

  cancel(): void {
    this.cancelRequested = true;
  }
}

/** A host function as a callee: `fn` takes the argument values and returns the result, or a Promise of it. */
export class HostFunc implements AsyncCallee {
  readonly isAsyncType: boolean;
  readonly fn: (args: unknown) => unknown;

  constructor(isAsyncType: boolean, fn: (args: unknown) => unknown) {
    this.isAsyncType = isAsyncType;
    this.fn = fn;
  }

  call(caller: AsyncCallerSide): AsyncCancelHook | null {
    const r = this.fn(caller.onStart());
    if (!asyncIsThenable(r)) {
      caller.onResolve(r, false);
      return null;
    }
    const s = schedulerOf(caller.callerInst!);
    s.external++;
    r.then(
      (v) => {
        s.external--;
        try {
          caller.onResolve(v, false);
        } catch (e) {
          schedulerFail(s, e);
          return;
        }
        schedulerWake(s);
      },
      (e) => {
        s.external--;
        schedulerFail(s, e);
      },
    );
    return new HostPendingCall();
  }
}
