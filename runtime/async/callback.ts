/**
 * The callback loop of `canon_lift` (async with `callback`), stackless: the
 * entry or the callback returns a packed code; EXIT ends the thread, YIELD
 * and WAIT release the instance's exclusive lock and put the thread in the
 * scheduler's waiting list, and `callbackResume` continues it with an event
 * (NONE after a YIELD, the set's next event after a WAIT, TASK_CANCELLED
 * when cancelled), re-taking the lock. Waits are always cancellable and
 * always go back to the scheduler (the spec's deterministic choice), so the
 * caller gets control back first.
 */
import { HANDLE_WAITABLE_SET, handleTableGet } from '../resources/table.js';
import { trap } from '../traps.js';
import { CALLBACK_EXIT, CALLBACK_WAIT, EVENT_NONE, EVENT_TASK_CANCELLED } from './codes.js';
import type { AsyncScheduler } from './scheduler.js';
import { taskDeliverPendingCancel, taskExitThread } from './task.js';
import { CONT_CALLBACK, WAIT_EXCLUSIVE, WAIT_EXCLUSIVE_SET, threadAwaitCore, threadStartWaiting, type AsyncThread } from './thread.js';
import type { Waitable } from './waitable.js';
import { waitableSetTakeEvent, type WaitableSet } from './waitable-set.js';

/** Handles the code `packed` a callback lift's core code returned, calling the callback again as long as events are at hand. */
export function callbackLoop(s: AsyncScheduler, t: AsyncThread, packed: number): void {
  const task = t.task;
  const inst = task.inst;
  const fn = task.fn;
  for (;;) {
    const code = packed & 0xf;
    if (code > CALLBACK_WAIT) trap('trap/unsupported-callback-code');
    if (code === CALLBACK_EXIT) {
      taskExitThread(s, task);
      return;
    }
    inst.exclusiveThread = null;
    const wset = code === CALLBACK_WAIT ? (handleTableGet(inst.handles, HANDLE_WAITABLE_SET, packed >>> 4) as WaitableSet) : null;
    if (!taskDeliverPendingCancel(task)) {
      if (wset !== null) {
        wset.numWaiting++;
        threadStartWaiting(s, t, CONT_CALLBACK, WAIT_EXCLUSIVE_SET, wset, true);
      } else {
        threadStartWaiting(s, t, CONT_CALLBACK, WAIT_EXCLUSIVE, null, true);
      }
      return;
    }
    // a cancellation was pending: delivered at once, without waiting
    inst.exclusiveThread = t;
    const r = fn.callback!(EVENT_TASK_CANCELLED, 0, 0);
    if (fn.suspendable && r instanceof Promise) {
      threadAwaitCore(s, t, r, callbackAfter);
      return;
    }
    packed = r as number;
  }
}

/** Continues a waiting callback thread with its event (`on`: the set it waited on, if any). */
export function callbackResume(s: AsyncScheduler, t: AsyncThread, on: WaitableSet | Waitable | null, cancelled: number): void {
  const fn = t.task.fn;
  let code = cancelled !== 0 ? EVENT_TASK_CANCELLED : EVENT_NONE;
  let p1 = 0;
  let p2 = 0;
  if (on !== null) {
    const wset = on as WaitableSet;
    wset.numWaiting--;
    if (cancelled === 0) {
      waitableSetTakeEvent(s, wset);
      code = s.evCode;
      p1 = s.evP1;
      p2 = s.evP2;
    }
  }
  t.task.inst.exclusiveThread = t;
  const r = fn.callback!(code, p1, p2);
  if (fn.suspendable && r instanceof Promise) threadAwaitCore(s, t, r, callbackAfter);
  else callbackLoop(s, t, r as number);
}

function callbackAfter(s: AsyncScheduler, t: AsyncThread, r: unknown): void {
  callbackLoop(s, t, r as number);
}
