/**
 * Spare tasks and subtasks: a task that ended (lift.ts) and a subtask whose
 * callee finished inside the call (lower.ts) serve the next call, which
 * starts from a clean state (fresh context, no scope, no result); one that
 * anything can still refer to (a subtask in the caller's table, a task
 * still running after task.return, a thread on a stack that can switch, a
 * cancellation that can still reach it) is never reused.
 */
import { describe, expect, it } from 'vitest';
import { ComponentInstance } from '../resources/instance.js';
import { CALLBACK_EXIT, CALLBACK_YIELD, EVENT_TASK_CANCELLED, SUBTASK_CANCELLED_BEFORE_RETURNED, SUBTASK_RETURNED, SUBTASK_STARTED } from './codes.js';
import { hostCall } from './host.js';
import { subtaskCancel, subtaskDrop, type Subtask } from './subtask.js';
import type { AsyncTask } from './task.js';
import { contextGet, contextSet, taskCancel, taskReturn } from './task-builtins.js';
import { Mem, call, flush, liftCallback, liftSync, lower, mkStore, unpack } from '../../test/async/kit.js';

describe('spare tasks', () => {
  it('reuses the task of a call that finished inside it, with a fresh context', async () => {
    const { root, s } = mkStore();
    const inst = new ComponentInstance(root);
    const tasks: AsyncTask[] = [];
    const seen: (number | bigint)[] = [];
    const f = liftCallback(
      inst,
      (task, args) => {
        tasks.push(task);
        seen.push(contextGet(inst, 0));
        contextSet(inst, 0, 7);
        taskReturn(inst, 'r', (args as number) + 1);
        return CALLBACK_EXIT;
      },
      () => 0,
    );
    expect(await hostCall(f, 1)).toBe(2);
    expect(await hostCall(f, 2)).toBe(3);
    expect(tasks[1]).toBe(tasks[0]);
    expect(seen).toEqual([0, 0]);
    expect(tasks[0]!.caller).toBeNull();
    expect(s.numTasks).toBe(0);
  });

  it('reuses a task that waited once it ended, never one on a stack that can switch', async () => {
    const { root } = mkStore();
    const inst = new ComponentInstance(root);
    const make = (suspendable: boolean, tasks: AsyncTask[]) =>
      liftCallback(
        inst,
        (task) => {
          tasks.push(task);
          return CALLBACK_YIELD;
        },
        () => {
          taskReturn(inst, 'r', 5);
          return CALLBACK_EXIT;
        },
        { suspendable },
      );
    const plain: AsyncTask[] = [];
    const f = make(false, plain);
    expect(await hostCall(f, [])).toBe(5);
    expect(f.spare).toBe(plain[0]);
    expect(await hostCall(f, [])).toBe(5);
    expect(plain[1]).toBe(plain[0]);
    const switching: AsyncTask[] = [];
    const g = make(true, switching);
    expect(await hostCall(g, [])).toBe(5);
    expect(await hostCall(g, [])).toBe(5);
    expect(switching[1]).not.toBe(switching[0]);
    expect(g.spare).toBeNull();
  });

  it('reuses the task of a sync lift and clears what post-return kept', async () => {
    const { root } = mkStore();
    const inst = new ComponentInstance(root);
    const data: unknown[] = [];
    const f = liftSync(
      inst,
      (task, args) => {
        data.push(task.data);
        task.data = args;
        return (args as number) * 2;
      },
      { isAsyncType: true, postReturn: (task) => data.push(task.data) },
    );
    expect(await hostCall(f, 3)).toBe(6);
    expect(await hostCall(f, 4)).toBe(8);
    expect(data).toEqual([undefined, 3, undefined, 4]);
  });
});

describe('spare subtasks', () => {
  /** A caller whose entry runs `body` (then returns 0 through task.return). */
  function caller(inst: ComponentInstance, body: () => void) {
    return liftCallback(
      inst,
      () => {
        body();
        taskReturn(inst, 'r', 0);
        return CALLBACK_EXIT;
      },
      () => 0,
    );
  }

  it('reuses the subtask of a call that returned at once, and never one in the table', async () => {
    const { root } = mkStore();
    const callee = new ComponentInstance(root);
    const inst = new ComponentInstance(root);
    const mem = new Mem();
    let pause = false;
    const tasks: AsyncTask[] = [];
    const f = liftCallback(
      callee,
      (task) => {
        tasks.push(task);
        if (pause) return CALLBACK_YIELD;
        taskReturn(callee, 'r', 9);
        return CALLBACK_EXIT;
      },
      (code) => {
        if (code === EVENT_TASK_CANCELLED) {
          taskCancel(callee);
          return CALLBACK_EXIT;
        }
        return CALLBACK_YIELD;
      },
    );
    const imp = lower(inst, f, { mem });
    const states: number[] = [];
    let first: Subtask | null = null;
    let started: Subtask | null = null;
    const g = caller(inst, () => {
      states.push(unpack(call(imp, [], 8))[0]);
      first = imp.spare;
      states.push(unpack(call(imp, [], 8))[0]);
      expect(imp.spare).toBe(first);
      // this call waits: its subtask goes to the table and its task is the spare one
      pause = true;
      const [state, i] = unpack(call(imp, [], 8));
      states.push(state);
      started = inst.handles.refs[i] as Subtask;
      expect(started).toBe(first);
      expect(started.callee).toBe(tasks[0]);
      expect(imp.spare).toBeNull();
      // cancelling it reaches the call in progress (the reused task), not a finished one
      states.push(subtaskCancel(inst, false, i) as number);
      subtaskDrop(inst, i);
    });
    expect(await hostCall(g, [])).toBe(0);
    await flush();
    expect(states).toEqual([SUBTASK_RETURNED, SUBTASK_RETURNED, SUBTASK_STARTED, SUBTASK_CANCELLED_BEFORE_RETURNED]);
    expect(mem.u8(8)).toBe(9);
    expect(tasks[1]).toBe(tasks[0]);
    expect(tasks[2]).toBe(tasks[0]);
    // resolved (cancelled): the subtask forgot the task, which is spare again
    expect(started!.callee).toBeNull();
    expect(f.spare).toBe(tasks[0]);
  });

  it('keeps a subtask whose callee goes on after task.return, and forgets its task', async () => {
    const { root } = mkStore();
    const callee = new ComponentInstance(root);
    const inst = new ComponentInstance(root);
    const mem = new Mem();
    const tasks: AsyncTask[] = [];
    const f = liftCallback(
      callee,
      (task) => {
        tasks.push(task);
        taskReturn(callee, 'r', 4);
        return CALLBACK_YIELD;
      },
      () => CALLBACK_EXIT,
    );
    const imp = lower(inst, f, { mem });
    const subs: (Subtask | null)[] = [];
    const g = caller(inst, () => {
      for (let k = 0; k < 2; k++) {
        expect(unpack(call(imp, [], 8))[0]).toBe(SUBTASK_RETURNED);
        subs.push(imp.spare);
      }
    });
    expect(await hostCall(g, [])).toBe(0);
    await flush();
    // the callee's task still ran after returning: its subtask was not reused, the task was once it ended
    expect(subs).toEqual([null, null]);
    expect(tasks[1]).not.toBe(tasks[0]);
    expect(f.spare).not.toBeNull();
    expect(mem.u8(8)).toBe(4);
  });
});
