/**
 * Cancellation: subtask.cancel (sync and async) in every state the callee
 * can be in, task.cancel, pending cancellations delivered at the next
 * cancellable wait, host callees that ignore a cancellation. A port of
 * definitions.py's test_cancel_subtask (without the cooperative-thread
 * callee) and test_thread_cancel_callback.
 */
import { describe, expect, it } from 'vitest';
import { ComponentInstance } from '../resources/instance.js';
import {
  ASYNC_BLOCKED,
  CALLBACK_EXIT,
  CALLBACK_WAIT,
  CALLBACK_YIELD,
  EVENT_NONE,
  EVENT_SUBTASK,
  EVENT_TASK_CANCELLED,
  SUBTASK_CANCELLED_BEFORE_RETURNED,
  SUBTASK_CANCELLED_BEFORE_STARTED,
  SUBTASK_RETURNED,
  SUBTASK_STARTED,
  SUBTASK_STARTING,
  callbackCodePack,
} from './codes.js';
import { HostFunc, hostCall } from './host.js';
import { lowerCall } from './lower.js';
import type { Subtask } from './subtask.js';
import { subtaskCancel, subtaskDrop } from './subtask.js';
import { contextGet, contextSet, taskCancel, taskReturn, threadYield } from './task-builtins.js';
import { waitableJoinSet, waitableSetDrop, waitableSetNew, waitableSetPoll, waitableSetWait } from './waitable-set.js';
import { schedulerOf } from './scheduler.js';
import { Mem, call, deferred, liftCallback, liftStackful, lower, mkStore, now, trapCode, unpack } from '../../test/async/kit.js';

describe('subtask.cancel', () => {
  it('cancels in every state (test_cancel_subtask)', async () => {
    const { root } = mkStore();
    const callee = new ComponentInstance(root);
    const caller = new ComponentInstance(root);
    const callerMem = new Mem();
    const calleeMem = new Mem();

    const callee1 = liftCallback(callee, () => {
      throw new Error('callee1 must never start');
    }, () => 0);

    // waits on an empty set until cancelled; then, by its argument: 1 return, 2 cancel, 3 yield+return, 4 yield+cancel
    const callee2 = liftCallback(
      callee,
      (_task, args) => {
        contextSet(callee, 0, (args as number[])[0]);
        return callbackCodePack(CALLBACK_WAIT, waitableSetNew(callee));
      },
      (code) => {
        const x = contextGet(callee, 0) as number;
        if (contextGet(callee, 1) === 0) {
          expect(code).toBe(EVENT_TASK_CANCELLED);
          if (x === 1) taskReturn(callee, 'r', 42);
          else if (x === 2) taskCancel(callee);
          else {
            contextSet(callee, 1, 1);
            return CALLBACK_YIELD;
          }
          return CALLBACK_EXIT;
        }
        expect(code).toBe(EVENT_NONE);
        if (x === 3) taskReturn(callee, 'r', 43);
        else taskCancel(callee);
        return CALLBACK_EXIT;
      },
    );

    // yields once: cancelled → task.cancel, else returns 83
    const callee3 = liftCallback(callee, () => CALLBACK_YIELD, (code) => {
      if (code === EVENT_TASK_CANCELLED) taskCancel(callee);
      else taskReturn(callee, 'r', 83);
      return CALLBACK_EXIT;
    });

    // a sync call of an async host function (not cancellable while blocked in it)
    const host4 = deferred<number>();
    const host4Imp = lower(callee, new HostFunc(true, (args) => {
      expect(args).toEqual([42]);
      return host4.promise;
    }), { isAsync: false });
    const callee4Traps: (string | undefined)[] = [];
    const callee4 = liftStackful(callee, async () => {
      expect(await (lowerCall(host4Imp, { args: [42] }) as Promise<unknown>)).toBe(43);
      callee4Traps.push(trapCode(() => taskCancel(callee)));
      const seti = waitableSetNew(callee);
      expect(now(waitableSetWait(callee, true, calleeMem.view, seti, 0))).toBe(EVENT_TASK_CANCELLED);
      expect(waitableSetPoll(callee, true, calleeMem.view, seti, 0)).toBe(EVENT_NONE);
      taskCancel(callee);
    });

    // a host callee that ignores cancellation; the sync subtask.cancel waits for its result
    const host5 = deferred<number>();
    const host5Imp = lower(callee, new HostFunc(true, () => host5.promise), { mem: calleeMem });
    const callee5 = liftStackful(callee, async (_task, args) => {
      expect(args).toEqual([13]);
      const [state, subi] = unpack(call(host5Imp, [42], 0));
      expect(state).toBe(SUBTASK_STARTED);
      expect(await (subtaskCancel(callee, false, subi) as Promise<number>)).toBe(SUBTASK_RETURNED);
      taskReturn(callee, 'r', 44);
    });

    const imp = (f: Parameters<typeof lower>[1]) => lower(caller, f, { mem: callerMem });
    const sub = (i: number) => caller.handles.refs[i] as Subtask;

    const main = liftStackful(caller, async (_task, args) => {
      expect(args).toEqual([1]);
      const seti = waitableSetNew(caller);
      const wait = async () => {
        expect(await waitableSetWait(caller, true, callerMem.view, seti, 8)).toBe(EVENT_SUBTASK);
        return [callerMem.u32(8), callerMem.u32(12)];
      };

      // held back by backpressure: cancelled before starting, at once
      callee.backpressure = 1;
      const [sa, subA] = unpack(call(imp(callee1), [13], 0));
      const [sb, subB] = unpack(call(imp(callee1), [13], 0));
      expect([sa, sb]).toEqual([SUBTASK_STARTING, SUBTASK_STARTING]);
      expect(now(subtaskCancel(caller, false, subB))).toBe(SUBTASK_CANCELLED_BEFORE_STARTED);
      expect(now(subtaskCancel(caller, true, subA))).toBe(SUBTASK_CANCELLED_BEFORE_STARTED);
      callee.backpressure = 0;

      const started = (x: number) => {
        const [state, i] = unpack(call(imp(callee2), [x], 0));
        expect(state).toBe(SUBTASK_STARTED);
        return i;
      };
      const s1 = started(1);
      const s2 = started(2);
      const s3 = started(3);
      const s3b = started(3);
      const s4 = started(4);
      const s4b = started(4);

      callerMem.setU8(0, 13);
      expect(now(subtaskCancel(caller, false, s1))).toBe(SUBTASK_RETURNED);
      expect(callerMem.u8(0)).toBe(42);
      subtaskDrop(caller, s1);

      callerMem.setU8(0, 13);
      expect(now(subtaskCancel(caller, true, s2))).toBe(SUBTASK_CANCELLED_BEFORE_RETURNED);
      expect(callerMem.u8(0)).toBe(13);
      subtaskDrop(caller, s2);

      expect(now(subtaskCancel(caller, true, s3))).toBe(ASYNC_BLOCKED);
      expect(callerMem.u8(0)).toBe(13);
      expect(trapCode(() => subtaskCancel(caller, true, s3))).toBe('trap/subtask-cancel-twice');
      waitableJoinSet(caller, s3, seti);
      expect(await wait()).toEqual([s3, SUBTASK_RETURNED]);
      expect(callerMem.u8(0)).toBe(43);
      subtaskDrop(caller, s3);

      callerMem.setU8(0, 13);
      expect(await (subtaskCancel(caller, false, s3b) as Promise<number>)).toBe(SUBTASK_RETURNED);
      expect(callerMem.u8(0)).toBe(43);
      subtaskDrop(caller, s3b);

      callerMem.setU8(0, 13);
      expect(now(subtaskCancel(caller, true, s4))).toBe(ASYNC_BLOCKED);
      waitableJoinSet(caller, s4, seti);
      expect(await wait()).toEqual([s4, SUBTASK_CANCELLED_BEFORE_RETURNED]);
      expect(callerMem.u8(0)).toBe(13);
      subtaskDrop(caller, s4);
      expect(await (subtaskCancel(caller, false, s4b) as Promise<number>)).toBe(SUBTASK_CANCELLED_BEFORE_RETURNED);
      subtaskDrop(caller, s4b);
      expect(trapCode(() => subtaskCancel(caller, true, s4b))).toBe('trap/unknown-handle');

      // callee3 returns before the cancellation: RETURNED
      callerMem.setU8(0, 13);
      let [state, subi] = unpack(call(imp(callee3), [0], 0));
      expect(state).toBe(SUBTASK_STARTED);
      while (sub(subi).state === SUBTASK_STARTED) await threadYield(caller, true);
      expect(now(subtaskCancel(caller, true, subi))).toBe(SUBTASK_RETURNED);
      expect(callerMem.u8(0)).toBe(83);
      subtaskDrop(caller, subi);

      // callee3 cancelled while it yields
      callerMem.setU8(0, 13);
      [state, subi] = unpack(call(imp(callee3), [0], 0));
      expect(now(subtaskCancel(caller, true, subi))).toBe(SUBTASK_CANCELLED_BEFORE_RETURNED);
      expect(callerMem.u8(0)).toBe(13);
      subtaskDrop(caller, subi);

      // callee4 is blocked in a non-cancellable wait: the cancellation stays pending
      [state, subi] = unpack(call(imp(callee4), [0], 0));
      expect(state).toBe(SUBTASK_STARTED);
      expect(now(subtaskCancel(caller, true, subi))).toBe(ASYNC_BLOCKED);
      host4.resolve(43);
      waitableJoinSet(caller, subi, seti);
      expect(await wait()).toEqual([subi, SUBTASK_CANCELLED_BEFORE_RETURNED]);
      expect(callee4Traps).toEqual(['trap/task-cancel-not-delivered']);
      subtaskDrop(caller, subi);

      // callee5 waits (synchronously) for a host call that ignores its cancellation
      [state, subi] = unpack(call(imp(callee5), [13], 0));
      expect(state).toBe(SUBTASK_STARTED);
      expect(now(subtaskCancel(caller, true, subi))).toBe(ASYNC_BLOCKED);
      host5.resolve(43);
      waitableJoinSet(caller, subi, seti);
      expect(await wait()).toEqual([subi, SUBTASK_RETURNED]);
      expect(callerMem.u8(0)).toBe(44);
      subtaskDrop(caller, subi);

      waitableSetDrop(caller, seti);
      taskReturn(caller, 'r', 42);
    });
    await expect(hostCall(main, [1])).resolves.toBe(42);
    expect(schedulerOf(root).numTasks).toBe(0);
    expect(schedulerOf(root).external).toBe(0);
  });

  it('leaves a cancellation pending while another task holds the lock (test_thread_cancel_callback)', async () => {
    const { root } = mkStore();
    const producer = new ComponentInstance(root);
    const consumer = new ComponentInstance(root);
    const mem = new Mem();
    const p1 = liftCallback(producer, () => CALLBACK_YIELD, (code, a, b) => {
      expect([code, a, b]).toEqual([EVENT_NONE, 0, 0]);
      taskReturn(producer, 'r', 42);
      return CALLBACK_EXIT;
    });
    // yields (non-cancellably) inside its entry, holding the lock: a suspendable core function
    const p2 = liftCallback(
      producer,
      async () => {
        expect(await threadYield(producer, false)).toBe(0);
        taskReturn(producer, 'r', 43);
        return CALLBACK_EXIT;
      },
      () => {
        throw new Error('no callback expected');
      },
      { suspendable: true },
    );
    const main = liftStackful(consumer, async () => {
      const [s1, sub1] = unpack(call(lower(consumer, p1, { mem, width: 4 }), [], 8));
      expect(s1).toBe(SUBTASK_STARTED);
      const [s2, sub2] = unpack(call(lower(consumer, p2, { mem, width: 4 }), [], 12));
      expect(s2).toBe(SUBTASK_STARTED);
      expect(producer.exclusiveThread).not.toBeNull();
      // p1 waits cancellably, but p2 holds the lock: pending
      expect(now(subtaskCancel(consumer, true, sub1))).toBe(ASYNC_BLOCKED);
      const seti = waitableSetNew(consumer);
      waitableJoinSet(consumer, sub1, seti);
      expect(await waitableSetWait(consumer, true, mem.view, seti, 16)).toBe(EVENT_SUBTASK);
      expect([mem.u32(16), mem.u32(20), mem.u32(8)]).toEqual([sub1, SUBTASK_RETURNED, 42]);
      waitableJoinSet(consumer, sub2, seti);
      const e = waitableSetWait(consumer, true, mem.view, seti, 16);
      expect(e instanceof Promise ? await e : e).toBe(EVENT_SUBTASK);
      expect([mem.u32(16), mem.u32(20), mem.u32(12)]).toEqual([sub2, SUBTASK_RETURNED, 43]);
      taskReturn(consumer, 'r', undefined);
    });
    await hostCall(main, []);
  });

  it('traps on a synchronous cancel of a subtask in a waitable set', async () => {
    const { root } = mkStore();
    const callee = new ComponentInstance(root);
    const f = liftCallback(callee, () => CALLBACK_YIELD, () => {
      taskReturn(callee, 'r', 1);
      return CALLBACK_EXIT;
    });
    const codes: (string | undefined)[] = [];
    const main = liftCallback(root, () => {
      const [, i] = unpack(call(lower(root, f)));
      waitableJoinSet(root, i, waitableSetNew(root));
      codes.push(trapCode(() => subtaskCancel(root, false, i)));
      taskReturn(root, 'r', undefined);
      return CALLBACK_EXIT;
    }, () => 0);
    await hostCall(main, []);
    expect(codes).toEqual(['trap/waitable-in-set']);
  });
});
