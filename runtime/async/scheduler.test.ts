/**
 * Scheduling order: ready threads run oldest-waiting first, events of a set
 * come round-robin, tasks held back by backpressure start in arrival order
 * (and newcomers queue behind them), stepping by hand.
 */
import { describe, expect, it } from 'vitest';
import { ComponentInstance } from '../resources/instance.js';
import { CALLBACK_EXIT, CALLBACK_WAIT, CALLBACK_YIELD, EVENT_SUBTASK, SUBTASK_STARTING, callbackCodePack } from './codes.js';
import { hostCall } from './host.js';
import { schedulerIdle, schedulerOf, schedulerRun, schedulerStep } from './scheduler.js';
import { subtaskDrop } from './subtask.js';
import { backpressureDec, backpressureInc, taskReturn } from './task-builtins.js';
import { waitableJoinSet, waitableSetNew } from './waitable-set.js';
import { call, liftCallback, lower, mkStore, unpack } from '../../test/async/kit.js';

describe('the scheduler', () => {
  it('resumes the longest-waiting ready thread first', async () => {
    const { root, s } = mkStore();
    const log: string[] = [];
    const yielder = (name: string, rounds: number) => {
      const inst = new ComponentInstance(root);
      let left = rounds;
      return liftCallback(inst, () => CALLBACK_YIELD, () => {
        log.push(name);
        if (--left > 0) return CALLBACK_YIELD;
        taskReturn(inst, 'r', undefined);
        return CALLBACK_EXIT;
      });
    };
    s.autoRun = false;
    const done = [hostCall(yielder('a', 3), []), hostCall(yielder('b', 2), []), hostCall(yielder('c', 3), [])];
    expect(schedulerStep(s)).toBe(true);
    expect(log).toEqual(['a']);
    schedulerRun(s);
    expect(log).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a', 'c']);
    expect(schedulerStep(s)).toBe(false);
    s.autoRun = true;
    await Promise.all(done);
  });

  it('delivers the events of a set round-robin', async () => {
    const { root } = mkStore();
    const callee = new ComponentInstance(root);
    const caller = new ComponentInstance(root);
    let go = false;
    const f = liftCallback(callee, () => CALLBACK_YIELD, () => {
      if (!go) return CALLBACK_YIELD;
      taskReturn(callee, 'r', undefined);
      return CALLBACK_EXIT;
    });
    const imp = lower(caller, f);
    const seen: number[] = [];
    let seti = 0;
    const subs: number[] = [];
    const g = liftCallback(
      caller,
      () => {
        seti = waitableSetNew(caller);
        for (let k = 0; k < 3; k++) {
          const [, i] = unpack(call(imp));
          subs.push(i);
          waitableJoinSet(caller, i, seti);
        }
        go = true;
        return callbackCodePack(CALLBACK_WAIT, seti);
      },
      (code, i) => {
        expect(code).toBe(EVENT_SUBTASK);
        seen.push(i);
        subtaskDrop(caller, i);
        if (seen.length < 3) return callbackCodePack(CALLBACK_WAIT, seti);
        taskReturn(caller, 'r', undefined);
        return CALLBACK_EXIT;
      },
    );
    await hostCall(g, []);
    expect(seen).toEqual(subs);
  });

  it('starts tasks held back by backpressure in arrival order, newcomers behind them', async () => {
    const { root } = mkStore();
    const callee = new ComponentInstance(root);
    const caller = new ComponentInstance(root);
    const started: number[] = [];
    const f = liftCallback(callee, (_task, args) => {
      started.push((args as number[])[0]);
      taskReturn(callee, 'r', undefined);
      return CALLBACK_EXIT;
    }, () => 0);
    const imp = lower(caller, f);
    const g = liftCallback(
      caller,
      () => {
        backpressureInc(callee);
        for (const k of [1, 2, 3]) expect(unpack(call(imp, [k]))[0]).toBe(SUBTASK_STARTING);
        backpressureDec(callee);
        // backpressure is gone, but three calls wait to enter: this one queues behind them
        expect(unpack(call(imp, [4]))[0]).toBe(SUBTASK_STARTING);
        expect(callee.numWaitingToEnter).toBe(4);
        taskReturn(caller, 'r', undefined);
        return CALLBACK_EXIT;
      },
      () => 0,
    );
    await hostCall(g, []);
    await schedulerIdle(schedulerOf(root));
    expect(started).toEqual([1, 2, 3, 4]);
    expect(callee.numWaitingToEnter).toBe(0);
  });

  it('traps on backpressure overflow and underflow', () => {
    const { root } = mkStore();
    expect(() => backpressureDec(root)).toThrow(expect.objectContaining({ code: 'trap/backpressure-underflow' }));
    root.backpressure = 0xffff;
    expect(() => backpressureInc(root)).toThrow(expect.objectContaining({ code: 'trap/backpressure-overflow' }));
  });

  it('lets the host event loop run while a thread yields forever', async () => {
    const { root, s } = mkStore();
    const inst = new ComponentInstance(root);
    let timerRan = false;
    let rounds = 0;
    const f = liftCallback(inst, () => CALLBACK_YIELD, () => {
      rounds++;
      if (!timerRan) return CALLBACK_YIELD;
      taskReturn(inst, 'r', rounds);
      return CALLBACK_EXIT;
    });
    setTimeout(() => (timerRan = true), 0);
    expect(await hostCall(f, [])).toBe(rounds);
    expect(rounds).toBeGreaterThan(256);
    expect(s.numTasks).toBe(0);
  });

  it('starts the yield budget over whenever no thread is ready', async () => {
    const { root, s } = mkStore();
    const inst = new ComponentInstance(root);
    const f = liftCallback(inst, () => CALLBACK_YIELD, () => {
      taskReturn(inst, 'r', 1);
      return CALLBACK_EXIT;
    });
    let sum = 0;
    // more calls that yield once than the budget holds: none needs the event loop
    for (let k = 0; k < 300; k++) {
      sum += (await hostCall(f, [])) as number;
      expect(s.yields).toBe(0);
    }
    expect(sum).toBe(300);
  });
});
