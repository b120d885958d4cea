/**
 * `canon lower` through subtasks (the spec's `canon_lower`): a
 * `LoweredFunc` per lowered import, made once by the glue, and `lowerCall`,
 * what the lowered core function does. With the `async` canonopt the call
 * returns at once: `RETURNED` (2) if the callee finished, else the packed
 * `state | subtask << 4` with the subtask in the caller's table. Without it,
 * the call waits for the callee (see thread.ts for how) and returns the
 * core result the glue's `lowerResult` left in `sub.result`.
 */
import type { ComponentInstance } from '../resources/instance.js';
import { HANDLE_SUBTASK, handleTableAdd } from '../resources/table.js';
import { trap } from '../traps.js';
import type { AsyncCallee } from './call-sides.js';
import { SUBTASK_RETURNED, subtaskStatePack } from './codes.js';
import { PIN_CALL, schedulerOf, schedulerPin } from './scheduler.js';
import { Subtask, subtaskDeliverResolve } from './subtask.js';
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

  constructor(inst: ComponentInstance, callee: AsyncCallee, o: LoweredFuncOptions) {
    this.inst = inst;
    this.callee = callee;
    this.isAsync = o.isAsync;
    this.liftArgs = o.liftArgs;
    this.lowerResult = o.lowerResult;
  }
}

/** The lowered core function: calls `imp.callee` with the caller's flat arguments `flat`. */
export function lowerCall(imp: LoweredFunc, flat: unknown): unknown {
  const inst = imp.inst;
  if (!inst.mayLeave) trap('trap/cannot-leave');
  const s = schedulerOf(inst);
  const thread = s.current;
  const sub = new Subtask(imp, flat, s);
  const depth = s.pinned.length;
  sub.callee = imp.callee.call(sub);
  if (!imp.isAsync) {
    if (sub.state < SUBTASK_RETURNED) {
      // a callee that is not async-typed only "blocks" inside the host
      const t = thread !== null && thread.task.inst === inst ? thread : null;
      const c = threadWaitUntil(s, t, WAIT_RESOLVED, sub, false, !imp.callee.isAsyncType);
      if (typeof c !== 'number') {
        // a synchronous task waiting for its callee's stack: pinned outside what the callee pinned
        if (!t!.task.fn.isAsyncType && t === t!.task.thread) schedulerPin(s, t!, PIN_CALL, depth);
        return threadThen(c, () => lowerSyncDone(sub));
      }
    }
    return lowerSyncDone(sub);
  }
  if (sub.state >= SUBTASK_RETURNED) {
    subtaskDeliverResolve(sub);
    return SUBTASK_RETURNED;
  }
  const i = handleTableAdd(inst.handles, HANDLE_SUBTASK, sub, 0, null);
  sub.handle = i;
  sub.notify = true;
  return subtaskStatePack(sub.state, i);
}

function lowerSyncDone(sub: Subtask): unknown {
  subtaskDeliverResolve(sub);
  return sub.result;
}
