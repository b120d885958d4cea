/**
 * Callback lifts: the callback loop (EXIT/YIELD/WAIT and their packing),
 * event delivery to callbacks, context.get/set, and the traps of the loop.
 */
import { describe, expect, it } from 'vitest';
import { ComponentInstance } from '../resources/instance.js';
import { HANDLE_SUBTASK, handleTableEntries } from '../resources/table.js';
import {
  CALLBACK_EXIT,
  CALLBACK_WAIT,
  CALLBACK_YIELD,
  EVENT_NONE,
  EVENT_SUBTASK,
  SUBTASK_RETURNED,
  SUBTASK_STARTED,
  callbackCodePack,
  copyResultPack,
  subtaskStatePack,
} from './codes.js';
import { hostCall } from './host.js';
import { schedulerIdle, schedulerOf } from './scheduler.js';
import { subtaskDrop } from './subtask.js';
import { contextGet, contextSet, taskReturn } from './task-builtins.js';
import { waitableJoinSet, waitableSetNew } from './waitable-set.js';
import { call, liftCallback, lower, mkStore, rejectCode, unpack } from '../../test/async/kit.js';

describe('callback codes', () => {
  it('packs the code in the low 4 bits and the index above', () => {
    expect(callbackCodePack(CALLBACK_WAIT, 3)).toBe(0x32);
    expect(subtaskStatePack(SUBTASK_STARTED, 2)).toBe(0x21);
    expect(copyResultPack(1, 4)).toBe(0x41);
    expect(unpack(callbackCodePack(CALLBACK_WAIT, 2 ** 28 - 1))).toEqual([2, 2 ** 28 - 1]);
  });
});

describe('the callback loop', () => {
  it('delivers subtask events and keeps context per task (test_async_callback)', async () => {
    const { root } = mkStore();
    const producerInst = new ComponentInstance(root);
    const consumerInst = new ComponentInstance(root);
    const go = [false, false];
    // each producer "waits until its flag is set" by yielding
    const producer = (k: number) =>
      liftCallback(
        producerInst,
        () => CALLBACK_YIELD,
        (code) => {
          expect(code).toBe(EVENT_NONE);
          if (!go[k]) return CALLBACK_YIELD;
          taskReturn(producerInst, 'r', undefined);
          return CALLBACK_EXIT;
        },
      );
    const imp1 = lower(consumerInst, producer(0));
    const imp2 = lower(consumerInst, producer(1));
    let seti = 0;
    const seen: number[][] = [];
    const consumer = liftCallback(
      consumerInst,
      () => {
        const [state1, subi1] = unpack(call(imp1));
        expect([state1, subi1]).toEqual([SUBTASK_STARTED, 1]);
        const [state2, subi2] = unpack(call(imp2));
        expect([state2, subi2]).toEqual([SUBTASK_STARTED, 2]);
        seti = waitableSetNew(consumerInst);
        expect(seti).toBe(3);
        waitableJoinSet(consumerInst, subi1, seti);
        waitableJoinSet(consumerInst, subi2, seti);
        go[0] = true;
        contextSet(consumerInst, 0, 42);
        return callbackCodePack(CALLBACK_WAIT, seti);
      },
      (code, p1, p2) => {
        seen.push([code, p1, p2]);
        switch (contextGet(consumerInst, 0)) {
          case 42:
            expect([code, p1, p2]).toEqual([EVENT_SUBTASK, 1, SUBTASK_RETURNED]);
            subtaskDrop(consumerInst, p1);
            contextSet(consumerInst, 0, 52);
            return CALLBACK_YIELD;
          case 52:
            expect([code, p1, p2]).toEqual([EVENT_NONE, 0, 0]);
            go[1] = true;
            contextSet(consumerInst, 0, 62);
            return callbackCodePack(CALLBACK_WAIT, seti);
          case 62:
            expect([code, p1, p2]).toEqual([EVENT_SUBTASK, 2, SUBTASK_RETURNED]);
            subtaskDrop(consumerInst, p1);
            taskReturn(consumerInst, 'r', 83);
            return CALLBACK_EXIT;
          default:
            throw new Error('unexpected context');
        }
      },
    );
    await expect(hostCall(consumer, [])).resolves.toBe(83);
    expect(seen.length).toBe(3);
    // only the waitable set is left in the consumer's table
    expect(handleTableEntries(consumerInst.handles).map((e) => e.tag)).not.toContain(HANDLE_SUBTASK);
    expect(schedulerOf(root).numTasks).toBe(0);
  });

  it('calls the callback with NONE after a YIELD, ignoring the index bits', async () => {
    const { root } = mkStore();
    const events: number[] = [];
    const f = liftCallback(
      root,
      () => callbackCodePack(CALLBACK_YIELD, 0xdead),
      (code, p1, p2) => {
        events.push(code, p1, p2);
        taskReturn(root, 'r', 42);
        return CALLBACK_EXIT;
      },
    );
    await expect(hostCall(f, [])).resolves.toBe(42);
    expect(events).toEqual([EVENT_NONE, 0, 0]);
  });

  it('gives the caller control back before a callee that waits gets its event', async () => {
    const { root } = mkStore();
    const callee = new ComponentInstance(root);
    const caller = new ComponentInstance(root);
    const order: string[] = [];
    const f = liftCallback(
      callee,
      () => {
        order.push('callee entry');
        return CALLBACK_YIELD;
      },
      () => {
        order.push('callee callback');
        taskReturn(callee, 'r', undefined);
        return CALLBACK_EXIT;
      },
    );
    const imp = lower(caller, f);
    const g = liftCallback(
      caller,
      () => {
        const [state] = unpack(call(imp));
        order.push(`caller got ${state}`);
        taskReturn(caller, 'r', undefined);
        return CALLBACK_EXIT;
      },
      () => 0,
    );
    await hostCall(g, []);
    await schedulerIdleOf(root);
    expect(order).toEqual(['callee entry', `caller got ${SUBTASK_STARTED}`, 'callee callback']);
  });

  it('traps on a callback code above WAIT', async () => {
    const { root } = mkStore();
    const f = liftCallback(root, () => callbackCodePack(3, waitableSetNew(root)), () => 0);
    expect(await rejectCode(hostCall(f, []))).toBe('trap/unsupported-callback-code');
    expect(root.poisoned).toBe(true);
  });

  it('traps when WAIT names something that is not a waitable set', async () => {
    const { root } = mkStore();
    const f = liftCallback(root, () => callbackCodePack(CALLBACK_WAIT, 7), () => 0);
    expect(await rejectCode(hostCall(f, []))).toBe('trap/unknown-handle');
  });

  it('traps when the task exits without task.return', async () => {
    const { root } = mkStore();
    const f = liftCallback(root, () => CALLBACK_EXIT, () => 0);
    expect(await rejectCode(hostCall(f, []))).toBe('trap/task-not-resolved');
  });

  it('traps on a second task.return', async () => {
    const { root } = mkStore();
    const f = liftCallback(
      root,
      () => {
        taskReturn(root, 'r', 1);
        taskReturn(root, 'r', 2);
        return CALLBACK_EXIT;
      },
      () => 0,
    );
    expect(await rejectCode(hostCall(f, []))).toBe('trap/task-already-resolved');
  });

  it('traps on task.return of another signature', async () => {
    const { root } = mkStore();
    const f = liftCallback(
      root,
      () => {
        taskReturn(root, 'other', 1);
        return CALLBACK_EXIT;
      },
      () => 0,
    );
    expect(await rejectCode(hostCall(f, []))).toBe('trap/task-return-mismatch');
  });

  it('reports a deadlock when the export waits on a set that can never fire (deadlock.wast)', async () => {
    const { root } = mkStore();
    const f = liftCallback(root, () => callbackCodePack(CALLBACK_WAIT, waitableSetNew(root)), () => {
      throw new Error('never called');
    });
    expect(await rejectCode(hostCall(f, []))).toBe('trap/deadlock');
    expect(root.poisoned).toBe(true);
    expect(await rejectCode(hostCall(f, []))).toBe('trap/poisoned');
  });

  it('continues after task.return and the caller keeps its result', async () => {
    const { root } = mkStore();
    let ran = 0;
    const f = liftCallback(
      root,
      () => {
        taskReturn(root, 'r', 'early');
        return CALLBACK_YIELD;
      },
      () => {
        ran++;
        return CALLBACK_EXIT;
      },
    );
    await expect(hostCall(f, [])).resolves.toBe('early');
    await schedulerIdleOf(root);
    expect(ran).toBe(1);
  });
});

function schedulerIdleOf(inst: ComponentInstance): Promise<void> {
  return schedulerIdle(schedulerOf(inst));
}
