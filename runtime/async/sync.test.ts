/**
 * Blocking without stack switching: what the runtime serves stacklessly
 * (the spec's "run other ready threads of the instance" for synchronous
 * tasks, waits whose event is already there, yields), and the traps where
 * core code would have to block: a synchronous task with nothing to run,
 * and async-typed code that is not suspendable.
 */
import { describe, expect, it } from 'vitest';
import { ComponentInstance } from '../resources/instance.js';
import { ASYNC_BLOCKED, CALLBACK_EXIT, CALLBACK_YIELD, COPY_COMPLETED, EVENT_FUTURE_READ, SUBTASK_RETURNED } from './codes.js';
import { futureNew, futureRead, futureWrite } from './future.js';
import { HostFunc, hostCall, hostCallSync } from './host.js';
import { schedulerOf } from './scheduler.js';
import { contextGet, contextSet, taskReturn, threadYield } from './task-builtins.js';
import { waitableJoinSet, waitableSetNew, waitableSetWait } from './waitable-set.js';
import { Mem, UNIT, call, ends, liftCallback, liftSync, lower, mkStore, now, rejectCode, trapCode, unitOps } from '../../test/async/kit.js';

describe('blocking without stack switching', () => {
  it('runs a synchronous task to the end and calls post-return after the result', () => {
    const { root } = mkStore();
    const log: string[] = [];
    const f = liftSync(
      root,
      (task, args) => {
        contextSet(root, 1, 5);
        task.data = 'flat results';
        return (args as number[])[0] + (contextGet(root, 1) as number);
      },
      {
        postReturn: (task) => {
          expect(root.mayLeave).toBe(false);
          log.push(`post-return ${task.data}`);
        },
      },
    );
    expect(hostCallSync(f, [37])).toBe(42);
    expect(log).toEqual(['post-return flat results']);
    expect(root.mayLeave).toBe(true);
    expect(schedulerOf(root).numTasks).toBe(0);
  });

  it('traps when a synchronous task blocks and nothing else of its instance is ready', () => {
    const { root } = mkStore();
    const mem = new Mem();
    const f = liftSync(root, () => waitableSetWait(root, false, mem.view, waitableSetNew(root), 0));
    expect(trapCode(() => hostCallSync(f, []))).toBe('trap/cannot-block-sync');
    expect(root.poisoned).toBe(true);
  });

  it('runs another ready thread of the instance while a synchronous task blocks', async () => {
    const { root } = mkStore();
    const inst = new ComponentInstance(root);
    const mem = new Mem();
    let writer = 0;
    let reader = 0;
    const order: string[] = [];
    // an async task that writes the future when it next runs
    const a = liftCallback(
      inst,
      () => {
        [reader, writer] = ends(futureNew(inst, UNIT));
        order.push('a entry');
        return CALLBACK_YIELD;
      },
      () => {
        order.push('a writes');
        expect(now(futureWrite(inst, UNIT, unitOps, true, writer, 0))).toBe(COPY_COMPLETED);
        taskReturn(inst, 'r', undefined);
        return CALLBACK_EXIT;
      },
    );
    const s = liftSync(inst, () => {
      order.push('s reads');
      // a synchronous read: blocks; the runtime runs `a` (ready) on this stack
      const r = futureRead(inst, UNIT, unitOps, false, reader, 0);
      order.push('s done');
      return r;
    });
    const pa = hostCall(a, []);
    expect(hostCallSync(s, [])).toBe(COPY_COMPLETED);
    await pa;
    expect(order).toEqual(['a entry', 's reads', 'a writes', 's done']);
    void mem;
  });

  it('does not run threads of another instance for a blocked synchronous task', async () => {
    const { root } = mkStore();
    const inst = new ComponentInstance(root);
    const sibling = new ComponentInstance(root);
    const mem = new Mem();
    let ran = false;
    const other = liftCallback(sibling, () => CALLBACK_YIELD, () => {
      ran = true;
      taskReturn(sibling, 'r', undefined);
      return CALLBACK_EXIT;
    });
    const pending = hostCall(other, []);
    const s = liftSync(inst, () => waitableSetWait(inst, false, mem.view, waitableSetNew(inst), 0));
    expect(trapCode(() => hostCallSync(s, []))).toBe('trap/cannot-block-sync');
    expect(ran).toBe(false);
    expect(await rejectCode(pending)).toBe('trap/cannot-block-sync');
  });

  it('returns at once from a wait whose event is already pending, even in callback code (wait-during-callback.wast)', async () => {
    const { root } = mkStore();
    const mem = new Mem();
    const f = liftCallback(root, () => {
      const [r, w] = ends(futureNew(root, UNIT));
      expect(now(futureRead(root, UNIT, unitOps, true, r, 0xdeadbeef))).toBe(ASYNC_BLOCKED);
      expect(now(futureWrite(root, UNIT, unitOps, true, w, 0xdeadbeef))).toBe(COPY_COMPLETED);
      const ws = waitableSetNew(root);
      waitableJoinSet(root, r, ws);
      expect(now(waitableSetWait(root, false, mem.view, ws, 0))).toBe(EVENT_FUTURE_READ);
      expect(mem.u32(0)).toBe(r);
      expect(now(threadYield(root, true))).toBe(0);
      taskReturn(root, 'r', 42);
      return CALLBACK_EXIT;
    }, () => 0);
    await expect(hostCall(f, [])).resolves.toBe(42);
  });

  it('traps where async-typed code that cannot suspend would have to block', async () => {
    const { root } = mkStore();
    const callee = new ComponentInstance(root);
    const slow = new HostFunc(true, () => new Promise(() => {}));
    const f = liftCallback(root, () => {
      call(lower(root, slow, { isAsync: false }));
      return CALLBACK_EXIT;
    }, () => 0);
    expect(await rejectCode(hostCall(f, []))).toBe('trap/needs-stack-switching');
    void callee;
  });

  it('serves a synchronous lower whose callee finishes at once', async () => {
    const { root } = mkStore();
    const callee = new ComponentInstance(root);
    const g = liftCallback(callee, () => {
      taskReturn(callee, 'r', 7);
      return CALLBACK_EXIT;
    }, () => 0);
    const host = new HostFunc(true, (args) => (args as number[])[0] * 2);
    const f = liftCallback(root, () => {
      expect(call(lower(root, g, { isAsync: false }))).toBe(7);
      expect(call(lower(root, host, { isAsync: false }), [21])).toBe(42);
      expect(call(lower(root, host), [1])).toBe(SUBTASK_RETURNED);
      taskReturn(root, 'r', undefined);
      return CALLBACK_EXIT;
    }, () => 0);
    await hostCall(f, []);
  });
});
