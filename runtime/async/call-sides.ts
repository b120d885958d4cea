/**
 * The two sides of one call, as the runtime sees them (the spec's `FuncInst`
 * contract: `callee(on_start, on_resolve, caller) -> on_cancel`), without a
 * closure per call: the caller side is an object with two methods (a
 * `Subtask` for a component caller, a host call for JS), the callee answers
 * with an object that can be asked to cancel (an `AsyncTask`, or a host
 * import's pending call).
 *
 * The values in between are whatever the glue of the two sides agrees on
 * (the JS-face values): the runtime only passes them along.
 */
import type { ComponentInstance } from '../resources/instance.js';

/** The caller of one call: where arguments come from and results go. */
export interface AsyncCallerSide {
  /** the calling component instance; null when the host calls */
  readonly callerInst: ComponentInstance | null;
  /** `on_start`: the arguments, read when the callee starts (after any backpressure) */
  onStart(): unknown;
  /** `on_resolve`: the result (`cancelled` false), or confirmation of a cancellation */
  onResolve(result: unknown, cancelled: boolean): void;
}

/** `on_cancel`: asks the callee to cancel (cooperatively) on behalf of `callerInst`. */
export interface AsyncCancelHook {
  cancel(callerInst: ComponentInstance | null): void;
}

/** Something a lowered import calls: a lifted export of a component, or a host function. */
export interface AsyncCallee {
  /** the function type has the `async` effect */
  readonly isAsyncType: boolean;
  /** starts the call; returns the cancel hook, or null when there is nothing to cancel */
  call(caller: AsyncCallerSide): AsyncCancelHook | null;
}
