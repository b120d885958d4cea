/**
 * Nothing is kept after work is done: 100,000 host → component async calls,
 * 100,000 component → component calls through subtasks, and 100,000 stream
 * chunks leave the scheduler's lists, the host-call set and the handle
 * tables as they were (tables reuse their free slots, so they stay small).
 */
import { describe, expect, it } from 'vitest';
import { ComponentInstance } from '../resources/instance.js';
import { handleTableEntries, type HandleTable } from '../resources/table.js';
import { ASYNC_BLOCKED, CALLBACK_EXIT, CALLBACK_WAIT, CALLBACK_YIELD, COPY_COMPLETED, EVENT_STREAM_READ, EVENT_SUBTASK, SUBTASK_RETURNED, callbackCodePack, copyResultPack } from './codes.js';
import { hostCall } from './host.js';
import type { AsyncScheduler } from './scheduler.js';
import { streamDropReadable, streamDropWritable, streamNew, streamRead, streamWrite } from './stream.js';
import { subtaskDrop } from './subtask.js';
import { taskReturn } from './task-builtins.js';
import { waitableJoinSet, waitableSetDrop, waitableSetNew, waitableSetPoll } from './waitable-set.js';
import { Mem, U8, call, ends, liftCallback, lower, mkStore, now, numOps, unpack } from '../../test/async/kit.js';

const N = 100_000;

function expectEmpty(s: AsyncScheduler, ...tables: HandleTable[]): void {
  expect(s.numTasks).toBe(0);
  expect(s.numWaiting).toBe(0);
  expect(s.head).toBeNull();
  expect(s.busy).toBe(0);
  expect(s.external).toBe(0);
  expect(s.numHostCalls).toBe(0);
  expect(s.hostCalls).toBeNull();
  expect(s.current).toBeNull();
  for (const t of tables) {
    expect(handleTableEntries(t)).toEqual([]);
    expect(t.size).toBeLessThan(8);
  }
}

describe('no leaks', () => {
  it(`releases everything after ${N} host calls of an async export`, async () => {
    const { root, s } = mkStore();
    const inst = new ComponentInstance(root);
    let k = 0;
    const f = liftCallback(
      inst,
      (_task, args) => {
        k = args as number;
        return CALLBACK_YIELD;
      },
      () => {
        taskReturn(inst, 'r', k + 1);
        return CALLBACK_EXIT;
      },
    );
    let sum = 0;
    for (let i = 0; i < N; i++) sum += (await hostCall(f, i)) as number;
    expect(sum).toBe((N * (N + 1)) / 2);
    expectEmpty(s, inst.handles);
    expect(inst.exclusiveThread).toBeNull();
    expect(inst.numWaitingToEnter).toBe(0);
  });

  it(`releases everything after ${N} calls through subtasks`, async () => {
    const { root, s } = mkStore();
    const callee = new ComponentInstance(root);
    const caller = new ComponentInstance(root);
    const mem = new Mem();
    const f = liftCallback(callee, () => CALLBACK_YIELD, () => {
      taskReturn(callee, 'r', 1);
      return CALLBACK_EXIT;
    });
    const imp = lower(caller, f, { mem });
    let left = N;
    let seti = 0;
    const next = () => {
      const [state, subi] = unpack(call(imp, [], 0));
      expect(state).toBe(1);
      waitableJoinSet(caller, subi, seti);
      return callbackCodePack(CALLBACK_WAIT, seti);
    };
    const g = liftCallback(
      caller,
      () => {
        seti = waitableSetNew(caller);
        return next();
      },
      (code, subi, state) => {
        expect(code).toBe(EVENT_SUBTASK);
        if (state !== SUBTASK_RETURNED) return callbackCodePack(CALLBACK_WAIT, seti);
        subtaskDrop(caller, subi);
        if (--left > 0) return next();
        waitableSetDrop(caller, seti);
        taskReturn(caller, 'r', 'done');
        return CALLBACK_EXIT;
      },
    );
    await expect(hostCall(g, [])).resolves.toBe('done');
    expectEmpty(s, caller.handles, callee.handles);
  });

  it(`releases everything after ${N} stream chunks`, async () => {
    const { root, s } = mkStore();
    const a = new ComponentInstance(root);
    const mem = new Mem();
    const ops = numOps(mem);
    const f = liftCallback(
      a,
      () => {
        const [r, w] = ends(streamNew(a, U8));
        const seti = waitableSetNew(a);
        waitableJoinSet(a, r, seti);
        let ok = 0;
        for (let i = 0; i < N; i++) {
          mem.setU8(0, i & 0xff);
          // the reader waits first; the write completes both copies
          expect(now(streamRead(a, U8, ops, true, r, 16, 4))).toBe(ASYNC_BLOCKED);
          expect(now(streamWrite(a, U8, ops, true, w, 0, 1))).toBe(copyResultPack(COPY_COMPLETED, 1));
          expect(waitableSetPoll(a, false, mem.view, seti, 32)).toBe(EVENT_STREAM_READ);
          if (mem.u32(36) === copyResultPack(COPY_COMPLETED, 1) && mem.u8(16) === (i & 0xff)) ok++;
        }
        waitableJoinSet(a, r, 0);
        waitableSetDrop(a, seti);
        streamDropReadable(a, U8, r);
        streamDropWritable(a, U8, w);
        taskReturn(a, 'r', ok);
        return CALLBACK_EXIT;
      },
      () => 0,
    );
    await expect(hostCall(f, [])).resolves.toBe(N);
    expectEmpty(s, a.handles);
  });
});
