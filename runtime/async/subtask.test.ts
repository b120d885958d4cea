/**
 * Async lowers and subtasks: packed states, STARTING under backpressure,
 * arguments read when the callee starts, results written when it returns,
 * the exclusive lock, sync-typed callees ignoring backpressure, and
 * subtask.drop. Ports of definitions.py's test_async_to_async,
 * test_async_backpressure, test_async_to_sync and
 * test_sync_ignores_backpressure, with the stackful consumers written as
 * async functions (the JSPI model of a suspendable core function).
 */
import { describe, expect, it } from 'vitest';
import { ComponentInstance } from '../resources/instance.js';
import {
  CALLBACK_EXIT,
  CALLBACK_WAIT,
  CALLBACK_YIELD,
  COPY_COMPLETED,
  EVENT_NONE,
  EVENT_SUBTASK,
  SUBTASK_RETURNED,
  SUBTASK_STARTED,
  SUBTASK_STARTING,
  callbackCodePack,
} from './codes.js';
import { futureLift, futureLower, futureNew, futureRead, futureWrite } from './future.js';
import { hostCall } from './host.js';
import { subtaskDrop } from './subtask.js';
import { backpressureDec, backpressureInc, taskReturn, threadYield } from './task-builtins.js';
import { waitableJoinSet, waitableSetDrop, waitableSetNew, waitableSetPoll, waitableSetWait } from './waitable-set.js';
import { schedulerOf } from './scheduler.js';
import { Mem, UNIT, call, ends, liftCallback, liftStackful, liftSync, lower, mkStore, rejectCode, trapCode, unitOps, unpack } from '../../test/async/kit.js';

/** A callback lift that yields until `ready()`, then runs `then` (which returns the next code). */
function yieldUntil(inst: ComponentInstance, ready: () => boolean, then: () => number, entry: (args: unknown) => void = () => {}) {
  return liftCallback(
    inst,
    (_task, args) => {
      entry(args);
      return CALLBACK_YIELD;
    },
    () => (ready() ? then() : CALLBACK_YIELD),
  );
}

describe('async lower', () => {
  it('returns RETURNED, STARTED or STARTING and reports progress (test_async_to_async)', async () => {
    const { root } = mkStore();
    const producer = new ComponentInstance(root);
    const consumer = new ComponentInstance(root);
    const mem = new Mem();
    const flags = { f11: false, f12: false, f2: false, f3: false, f4: false };

    const eager = liftCallback(producer, () => {
      taskReturn(producer, 'r', 43);
      return CALLBACK_EXIT;
    }, () => 0);

    let togglePhase = 0;
    const toggle = liftCallback(
      producer,
      () => {
        backpressureInc(producer);
        return CALLBACK_YIELD;
      },
      () => {
        if (togglePhase === 0) {
          if (!flags.f11) return CALLBACK_YIELD;
          taskReturn(producer, 'r', undefined);
          togglePhase = 1;
          return CALLBACK_YIELD;
        }
        if (!flags.f12) return CALLBACK_YIELD;
        backpressureDec(producer);
        return CALLBACK_EXIT;
      },
    );

    let blockingPhase = 0;
    let blockingArg: unknown;
    const blocking = liftCallback(
      producer,
      (_task, args) => {
        blockingArg = args;
        return CALLBACK_YIELD;
      },
      () => {
        if (blockingPhase === 0) {
          if (!flags.f2) return CALLBACK_YIELD;
          taskReturn(producer, 'r', 44);
          blockingPhase = 1;
          return CALLBACK_YIELD;
        }
        if (!flags.f3) return CALLBACK_YIELD;
        flags.f4 = true;
        return CALLBACK_EXIT;
      },
    );

    const eagerImp = lower(consumer, eager, { mem });
    const toggleImp = lower(consumer, toggle, { mem });
    const blockingImp = lower(consumer, blocking, { mem });

    const main = liftStackful(consumer, async () => {
      const seti = waitableSetNew(consumer);
      expect(call(eagerImp, [], 0)).toBe(SUBTASK_RETURNED);
      expect(mem.u8(0)).toBe(43);

      const [state1, subi1] = unpack(call(toggleImp));
      expect([state1, subi1]).toEqual([SUBTASK_STARTED, 2]);
      waitableJoinSet(consumer, subi1, seti);

      const retp = 4;
      mem.setU8(retp, 13);
      const [state2, subi2] = unpack(call(blockingImp, [83], retp));
      expect([state2, subi2]).toEqual([SUBTASK_STARTING, 3]);
      expect(blockingArg).toBeUndefined(); // not started: arguments not read yet
      expect(mem.u8(retp)).toBe(13);
      waitableJoinSet(consumer, subi2, seti);
      flags.f11 = true;

      const waitp = 8;
      expect(await waitableSetWait(consumer, true, mem.view, seti, waitp)).toBe(EVENT_SUBTASK);
      expect([mem.u32(waitp), mem.u32(waitp + 4)]).toEqual([subi1, SUBTASK_RETURNED]);
      subtaskDrop(consumer, subi1);
      flags.f12 = true;

      expect(await waitableSetWait(consumer, true, mem.view, seti, waitp)).toBe(EVENT_SUBTASK);
      expect([mem.u32(waitp), mem.u32(waitp + 4)]).toEqual([subi2, SUBTASK_STARTED]);
      expect(blockingArg).toEqual([83]);
      expect(mem.u8(retp)).toBe(13);
      flags.f2 = true;

      expect(await waitableSetWait(consumer, true, mem.view, seti, waitp)).toBe(EVENT_SUBTASK);
      expect([mem.u32(waitp), mem.u32(waitp + 4)]).toEqual([subi2, SUBTASK_RETURNED]);
      expect(mem.u8(retp)).toBe(44);
      subtaskDrop(consumer, subi2);
      flags.f3 = true;
      while (!flags.f4) await threadYield(consumer, false);
      waitableSetDrop(consumer, seti);
      taskReturn(consumer, 'r', 42);
    });
    await expect(hostCall(main, [true])).resolves.toBe(42);
    expect(schedulerOf(root).numTasks).toBe(0);
    expect(schedulerOf(root).numWaiting).toBe(0);
  });

  it('holds a task back while backpressure is set (test_async_backpressure)', async () => {
    const { root } = mkStore();
    const producer = new ComponentInstance(root);
    const consumer = new ComponentInstance(root);
    const mem = new Mem();
    let go = false;
    let done1 = false;
    let done2 = false;
    const p1 = liftCallback(
      producer,
      () => {
        backpressureInc(producer);
        return CALLBACK_YIELD;
      },
      () => {
        if (!go) return CALLBACK_YIELD;
        backpressureDec(producer);
        taskReturn(producer, 'r', undefined);
        done1 = true;
        return CALLBACK_EXIT;
      },
    );
    const p2 = liftCallback(producer, () => {
      expect(done1).toBe(true);
      taskReturn(producer, 'r', undefined);
      done2 = true;
      return CALLBACK_EXIT;
    }, () => 0);
    const imp1 = lower(consumer, p1);
    const imp2 = lower(consumer, p2);
    const remain = new Set<number>();
    let seti = 0;
    const main = liftCallback(
      consumer,
      () => {
        const [s1, subi1] = unpack(call(imp1));
        expect([s1, subi1]).toEqual([SUBTASK_STARTED, 1]);
        const [s2, subi2] = unpack(call(imp2));
        expect([s2, subi2]).toEqual([SUBTASK_STARTING, 2]);
        seti = waitableSetNew(consumer);
        waitableJoinSet(consumer, subi1, seti);
        waitableJoinSet(consumer, subi2, seti);
        remain.add(subi1).add(subi2);
        go = true;
        expect(done1 || done2).toBe(false);
        return callbackCodePack(CALLBACK_WAIT, seti);
      },
      (code, p1i, p2s) => {
        expect(code).toBe(EVENT_SUBTASK);
        if (p2s !== SUBTASK_RETURNED) return callbackCodePack(CALLBACK_WAIT, seti);
        remain.delete(p1i);
        subtaskDrop(consumer, p1i);
        if (remain.size > 0) return callbackCodePack(CALLBACK_WAIT, seti);
        expect(done1 && done2).toBe(true);
        waitableSetDrop(consumer, seti);
        taskReturn(consumer, 'r', 84);
        return CALLBACK_EXIT;
      },
    );
    void mem;
    await expect(hostCall(main, [])).resolves.toBe(84);
  });

  it('serialises sync-lifted async functions on the exclusive lock (test_async_to_sync)', async () => {
    const { root } = mkStore();
    const producer = new ComponentInstance(root);
    const consumer = new ComponentInstance(root);
    const mem = new Mem();
    let go = false;
    let done1 = false;
    let done2 = false;
    // a sync-lifted async-typed function that blocks (suspends) until `go`, holding the lock
    const p1 = liftSync(
      producer,
      async () => {
        while (!go) await threadYield(producer, false);
        done1 = true;
      },
      { isAsyncType: true, suspendable: true },
    );
    const p2 = liftSync(
      producer,
      () => {
        expect(done1).toBe(true);
        done2 = true;
      },
      { isAsyncType: true },
    );
    const imp1 = lower(consumer, p1);
    const imp2 = lower(consumer, p2);
    const main = liftStackful(consumer, async () => {
      const [s1, subi1] = unpack(call(imp1));
      expect([s1, subi1]).toEqual([SUBTASK_STARTED, 1]);
      const [s2, subi2] = unpack(call(imp2));
      expect([s2, subi2]).toEqual([SUBTASK_STARTING, 2]);
      const seti = waitableSetNew(consumer);
      waitableJoinSet(consumer, subi1, seti);
      waitableJoinSet(consumer, subi2, seti);
      go = true;
      expect(done1 || done2).toBe(false);
      const remain = new Set([subi1, subi2]);
      while (remain.size > 0) {
        expect(await threadYield(consumer, true)).toBe(0);
        const event = waitableSetPoll(consumer, true, mem.view, seti, 8);
        if (event === EVENT_NONE) continue;
        expect(event).toBe(EVENT_SUBTASK);
        expect(mem.u32(12)).toBe(SUBTASK_RETURNED);
        remain.delete(mem.u32(8));
        subtaskDrop(consumer, mem.u32(8));
      }
      expect(done1 && done2).toBe(true);
      waitableSetDrop(consumer, seti);
      taskReturn(consumer, 'r', 83);
    });
    await expect(hostCall(main, [])).resolves.toBe(83);
  });

  it('lets sync-typed calls in while an async task holds the lock (test_sync_ignores_backpressure)', async () => {
    const { root } = mkStore();
    const callee = new ComponentInstance(root);
    const caller = new ComponentInstance(root);
    const mem = new Mem();
    // async-typed, sync-lifted: reads a future synchronously (suspends), holding the lock
    const asyncCallee = liftSync(
      callee,
      async (_task, args) => {
        const [i, fut] = args as [number, number];
        expect(await futureRead(callee, UNIT, unitOps, false, fut, 0)).toBe(COPY_COMPLETED);
        return 42 + i;
      },
      { isAsyncType: true, suspendable: true },
    );
    const syncCallee = liftSync(callee, (_task, args) => 84 + (args as number[])[0]);
    const asyncImp = lower(caller, asyncCallee, { mem });
    const syncImp = lower(caller, syncCallee, { mem });
    const main = liftStackful(caller, async () => {
      const [rfut, wfut] = ends(futureNew(caller, UNIT));
      // the readable end moves to the callee (what lifting a future<> argument does)
      const calleeFut = futureLower(callee, futureLift(caller, UNIT, rfut));
      const [state, subi] = unpack(call(asyncImp, [1, calleeFut], 4));
      expect(state).toBe(SUBTASK_STARTED);
      expect(callee.exclusiveThread).not.toBeNull();
      expect(call(syncImp, [2], 8)).toBe(SUBTASK_RETURNED);
      expect(mem.u8(8)).toBe(86);
      // the reader waits already: the write completes without blocking (no await: core code would not suspend)
      expect(futureWrite(caller, UNIT, unitOps, false, wfut, 0)).toBe(COPY_COMPLETED);
      const seti = waitableSetNew(caller);
      waitableJoinSet(caller, subi, seti);
      expect(await waitableSetWait(caller, true, mem.view, seti, 12)).toBe(EVENT_SUBTASK);
      expect([mem.u32(12), mem.u32(16)]).toEqual([subi, SUBTASK_RETURNED]);
      expect(mem.u8(4)).toBe(43);
      subtaskDrop(caller, subi);
      taskReturn(caller, 'r', undefined);
    });
    await hostCall(main, []);
  });

  it('keeps a subtask until its resolution is delivered', async () => {
    const { root } = mkStore();
    const callee = new ComponentInstance(root);
    const caller = new ComponentInstance(root);
    let go = false;
    const f = yieldUntil(callee, () => go, () => {
      taskReturn(callee, 'r', undefined);
      return CALLBACK_EXIT;
    });
    const imp = lower(caller, f);
    const codes: (string | undefined)[] = [];
    const main = liftStackful(caller, async () => {
      const [, subi] = unpack(call(imp));
      codes.push(trapCode(() => subtaskDrop(caller, subi)));
      taskReturn(caller, 'r', undefined);
    });
    await hostCall(main, []);
    go = true;
    expect(codes).toEqual(['trap/subtask-not-resolved']);
  });

  it('traps when the instance may not leave (realloc, post-return)', async () => {
    const { root } = mkStore();
    const callee = new ComponentInstance(root);
    const f = liftCallback(callee, () => CALLBACK_EXIT, () => 0);
    const imp = lower(root, f);
    root.mayLeave = false;
    expect(trapCode(() => call(imp))).toBe('trap/cannot-leave');
  });

  it('traps when the host reenters an instance that is on the stack', async () => {
    const { root } = mkStore();
    const a = new ComponentInstance(root);
    const g = liftCallback(a, () => {
      taskReturn(a, 'r', 1);
      return CALLBACK_EXIT;
    }, () => 0);
    let inner: Promise<unknown> | null = null;
    // f's core code calls a host import that calls back into `a`
    const f = liftCallback(a, () => {
      inner = hostCall(g, []);
      taskReturn(a, 'r', 2);
      return CALLBACK_EXIT;
    }, () => 0);
    // a trap is fatal to the store: the outer call fails with it too
    expect(await rejectCode(hostCall(f, []))).toBe('trap/cannot-enter');
    expect(await rejectCode(inner!)).toBe('trap/cannot-enter');
    expect(root.poisoned).toBe(true);
  });
});
