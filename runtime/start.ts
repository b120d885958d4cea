/**
 * 🪙 Component-level start functions (Explainer "Start Definitions"): called
 * during instantiation with values, their result becomes a value. A start
 * function is synchronous (Concurrency.md, "Interaction with the start
 * function"): it may not block before returning, so a call that has not
 * returned when it gives control back traps `trap/cannot-block-sync`. An
 * async-lifted start function may go on after `task.return`: a background
 * task of the store.
 */
import { hostErrorPayload } from './component-error.js';
import { trap } from './traps.js';
import { asyncIsThenable, hostCallSync } from './async/host.js';
import type { LiftedFunc } from './async/lift.js';
import { schedulerFail, schedulerOf, schedulerWake } from './async/scheduler.js';
import type { ComponentInstance } from './resources/instance.js';

/**
 * A start call whose result type is `result<T, E>`: a return is ok, a thrown
 * ComponentError (or a thrown non-Error value) is err, as `{ tag, value }`
 * (`{ tag }` where the case has no payload). Other throws pass through.
 */
export function startResultValue(call: () => unknown, okPayload: boolean, errPayload: boolean): unknown {
  let value: unknown;
  try {
    value = call();
  } catch (e) {
    const payload = hostErrorPayload(e);
    return errPayload ? { tag: 'err', value: payload } : { tag: 'err' };
  }
  return okPayload ? { tag: 'ok', value } : { tag: 'ok' };
}

/**
 * A sync-lifted `result<T, E>` start function run as a task gives the
 * variant with `value` always set (`asyncCatchResult`): a case without a
 * payload loses it, so the value is `{ tag: 'ok' }` as on the plain path.
 */
export function startResultCases(r: { tag: string; value?: unknown }, okPayload: boolean, errPayload: boolean): unknown {
  return (r.tag === 'ok' ? okPayload : errPayload) ? r : { tag: r.tag };
}

/** A host function as a start function: its result must be there at once (a Promise is blocking). */
export function startHostCall(fn: Function, args: unknown[]): unknown {
  const r = fn(...args);
  if (asyncIsThenable(r)) {
    Promise.resolve(r).catch(() => {});
    trap('trap/cannot-block-sync');
  }
  return r;
}

/**
 * A lifted function that runs as a task, as a start function: the host
 * calls it synchronously (its task's caller is the instantiation). When the
 * task has not returned by the time the call gives control back (it waited,
 * met backpressure or suspended), the store fails with the trap. A task
 * that goes on after returning waits for `startBackgroundRun`.
 */
export function startLiftedCall(fn: LiftedFunc, args: unknown[]): unknown {
  const r = hostCallSync(fn, args);
  if (!(r instanceof Promise)) return r;
  r.catch(() => {});
  try {
    trap('trap/cannot-block-sync');
  } catch (e) {
    schedulerFail(schedulerOf(fn.inst), e);
    throw e;
  }
}

/**
 * At the end of instantiation: the tasks start functions left running after
 * `task.return` may go on (not before: instantiation itself never blocks,
 * so nothing interleaves with it).
 */
export function startBackgroundRun(inst: ComponentInstance): void {
  schedulerWake(schedulerOf(inst));
}
