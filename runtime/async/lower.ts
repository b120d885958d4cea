/**
 * `canon lower` through subtasks (the spec's `canon_lower`): a
 * `LoweredFunc` per lowered import, made once by the glue, and `lowerCall`,
 * what the lowered core function does. With the `async` canonopt the call
 * returns at once: `RETURNED` (2) if the callee finished, else the packed
 * `state | subtask << 4` with the subtask in the caller's table. Without it,
 * the call waits for the callee (see thread.ts for how) and returns the
 * core result the glue's `lowerResult` left in `sub.result`. A subtask
 * whose callee finished inside the call is kept for the next call.
 */
import type { ComponentInstance } from '../resources/instance.js';
import { HANDLE_SUBTASK, handleTableAdd } from '../resources/table.js';
import { trap } from '../traps.js';
import type { AsyncCallee } from './call-sides.js';
import { SUBTASK_RETURNED, subtaskStatePack } from './codes.js';
import { PIN_CALL, schedulerOf, schedulerPin } from './scheduler.js';
import { Subtask, subtaskDeliverResolve, subtaskReuse } from './subtask.js';
import { WAIT_RESOLVED, threadWaitUntil, threadThen } from './thread.js';

export interface LoweredFuncOptions {
  /** the `async` canonopt */
  isAsync: boolean;
  /** `on_start`: lifts the caller's flat arguments (`sub.flat`) into the values the callee takes; may set `sub.scope` to lend handles */
  liftArgs: (sub: Subtask) => unknown;
  /** `on_resolve`: lowers the result into the caller (async: through the result pointer in `sub.flat`; sync: into `sub.result`) */
  lowerResult: (sub: Subtask, result: unknown) => void;
}

export class LoweredFunc {
  /** the calling instance */
  readonly inst: ComponentInstance;
  readonly callee: AsyncCallee;
  readonly isAsync: boolean;
  readonly liftArgs: (sub: Subtask) => unknown;
  readonly lowerResult: (sub: Subtask, result: unknown) => void;
  /**
   * A subtask whose callee finished inside the call and that was never put
   * in the caller's table: nothing refers to it, the next call uses it.
   */
  spare: Subtask | null;

  constructor(inst: ComponentInstance, callee: AsyncCallee, o: LoweredFuncOptions) {
    this.inst = inst;
    this.callee = callee;
    this.isAsync = o.isAsync;
    this.liftArgs = o.liftArgs;
    this.lowerResult = o.lowerResult;
    this.spare = null;
  }
}

/** The lowered core function: calls `imp.callee` with the caller's flat arguments `flat`. */
export function lowerCall(imp: LoweredFunc, flat: unknown): unknown {
  const inst = imp.inst;
  if (!inst.mayLeave) trap('trap/cannot-leave');
  const s = schedulerOf(inst);
  const thread = s.current;
  let sub = imp.spare;
  if (sub !== null) {
    imp.spare = null;
    subtaskReuse(sub, flat);
  } else {
    sub = new Subtask(imp, flat, s);
  }
  const depth = s.pinned.length;
  const hook = imp.callee.call(sub);
  // a callee that resolved already needs no cancel hook (its task may serve another call once it ends)
  sub.callee = sub.state >= SUBTASK_RETURNED ? null : hook;
  if (!imp.isAsync) {
    if (sub.state < SUBTASK_RETURNED) {
      // a callee that is not async-typed only "blocks" inside the host
      const t = thread !== null && thread.task.inst === inst ? thread : null;
      const c = threadWaitUntil(s, t, WAIT_RESOLVED, sub, false, !imp.callee.isAsyncType);
      if (typeof c !== 'number') {
        // a synchronous task waiting for its callee's stack: pinned outside what the callee pinned
        if (!t!.task.fn.isAsyncType && t === t!.task.thread) schedulerPin(s, t!, PIN_CALL, depth);
        const waited = sub;
        return threadThen(c, () => lowerSyncDone(waited));
      }
    }
    const result = lowerSyncDone(sub);
    // the callee finished inside its call (it gave no cancel hook): nothing refers to the subtask any more
    if (hook === null) lowerSpare(imp, sub);
    return result;
  }
  if (sub.state >= SUBTASK_RETURNED) {
    subtaskDeliverResolve(sub);
    if (hook === null) lowerSpare(imp, sub);
    return SUBTASK_RETURNED;
  }
  const i = handleTableAdd(inst.handles, HANDLE_SUBTASK, sub, 0, null);
  sub.handle = i;
  sub.notify = true;
  return subtaskStatePack(sub.state, i);
}

/** Keeps `sub` for the next call of `imp` (its lent handles came back; it is in no table or set). */
function lowerSpare(imp: LoweredFunc, sub: Subtask): void {
  sub.flat = null;
  sub.result = undefined;
  imp.spare = sub;
}

function lowerSyncDone(sub: Subtask): unknown {
  subtaskDeliverResolve(sub);
  return sub.result;
}
