/**
 * Futures: one value, from a component or the host, cancel-read after the
 * value arrived, the writable end's drop rule, and future traps. A port of
 * definitions.py's test_futures and the future half of test_self_copy.
 */
import { describe, expect, it } from 'vitest';
import { ComponentInstance } from '../resources/instance.js';
import { ASYNC_BLOCKED, COPY_CANCELLED, COPY_COMPLETED, COPY_DROPPED, EVENT_FUTURE_READ, EVENT_FUTURE_WRITE, SUBTASK_RETURNED } from './codes.js';
import type { ReadSide } from './copy-end.js';
import type { CopyEnd } from './copy-end.js';
import { futureCancelRead, futureDropReadable, futureDropWritable, futureLift, futureLower, futureNew, futureRead, futureWrite } from './future.js';
import { HostFunc, hostCall } from './host.js';
import { LoweredFunc, lowerCall } from './lower.js';
import type { Subtask } from './subtask.js';
import { taskReturn, threadYield } from './task-builtins.js';
import { waitableJoinSet, waitableSetDrop, waitableSetNew, waitableSetWait } from './waitable-set.js';
import { Mem, TEXT, U8, UNIT, ends, liftStackful, mkStore, now, numOps, textOps, trapCode, unitOps, type Flat } from '../../test/async/kit.js';
import { HostFutureSink, HostFutureSource } from '../../test/async/host-fakes.js';

describe('futures', () => {
  it('moves one value from a component to the host and back (test_futures)', async () => {
    const { root: inst } = mkStore();
    const mem = new Mem();
    const ops = numOps(mem);
    // the host reads the future it is given, then resolves the one it returns with value + 1
    const host = new HostFunc(true, async (args) => {
      const incoming = new HostFutureSink((args as ReadSide[])[0]);
      const outgoing = new HostFutureSource(U8);
      void (async () => {
        while (incoming.value === undefined) await Promise.resolve();
        outgoing.resolve(incoming.value + 1);
      })();
      return outgoing;
    });
    const imp = new LoweredFunc(inst, host, {
      isAsync: true,
      liftArgs: (sub: Subtask) => ((sub.flat as Flat).args as number[]).map((i) => futureLift(inst, U8, i)),
      lowerResult: (sub: Subtask, v: unknown) => mem.setU32((sub.flat as Flat).retp!, futureLower(inst, v as ReadSide)),
    });
    const main = liftStackful(inst, async () => {
      for (const round of [0, 1]) {
        const [rfi0, wfi] = ends(futureNew(inst, U8));
        const r = lowerCall(imp, { args: [rfi0], retp: 16 });
        if (r !== SUBTASK_RETURNED) {
          // the host function is async: wait for it
          const seti = waitableSetNew(inst);
          waitableJoinSet(inst, (r as number) >>> 4, seti);
          await waitableSetWait(inst, true, mem.view, seti, 24);
          waitableJoinSet(inst, (r as number) >>> 4, 0);
          waitableSetDrop(inst, seti);
        }
        const rfi = mem.u32(16);
        expect(now(futureRead(inst, U8, ops, true, rfi, 0))).toBe(ASYNC_BLOCKED);
        mem.setU8(8, 42);
        expect(now(futureWrite(inst, U8, ops, true, wfi, 8))).toBe(COPY_COMPLETED);
        if (round === 0) {
          const seti = waitableSetNew(inst);
          waitableJoinSet(inst, rfi, seti);
          expect(await waitableSetWait(inst, true, mem.view, seti, 16)).toBe(EVENT_FUTURE_READ);
          expect([mem.u32(16), mem.u32(20)]).toEqual([rfi, COPY_COMPLETED]);
          waitableJoinSet(inst, rfi, 0);
          waitableSetDrop(inst, seti);
        } else {
          while (!(inst.handles.refs[rfi] as CopyEnd).pending) await threadYield(inst, true);
          // the value is there already: cancelling reports the completed read
          expect(now(futureCancelRead(inst, U8, false, rfi))).toBe(COPY_COMPLETED);
        }
        expect(mem.u8(0)).toBe(43);
        futureDropWritable(inst, U8, wfi);
        futureDropReadable(inst, U8, rfi);
      }
      const [, wfi] = ends(futureNew(inst, U8));
      expect(trapCode(() => futureDropWritable(inst, U8, wfi))).toBe('trap/future-drop-unwritten');
      taskReturn(inst, 'r', undefined);
    });
    await hostCall(main, []);
  });

  for (const [name, elemType, mkOps] of [
    ['none', UNIT, () => unitOps],
    ['u8', U8, (m: Mem) => numOps(m)],
  ] as const) {
    it(`completes a write and read within one instance for ${name} (test_self_copy)`, async () => {
      const { root: inst } = mkStore();
      const mem = new Mem();
      const ops = mkOps(mem);
      const main = liftStackful(inst, async () => {
        mem.setU8(0, 7);
        const seti = waitableSetNew(inst);
        const [rfi, wfi] = ends(futureNew(inst, elemType));
        expect(now(futureWrite(inst, elemType, ops, true, wfi, 0))).toBe(ASYNC_BLOCKED);
        expect(now(futureRead(inst, elemType, ops, true, rfi, 4))).toBe(COPY_COMPLETED);
        if (name === 'u8') expect(mem.u8(4)).toBe(7);
        futureDropReadable(inst, elemType, rfi);
        waitableJoinSet(inst, wfi, seti);
        const w = waitableSetWait(inst, true, mem.view, seti, 8);
        expect(w instanceof Promise ? await w : w).toBe(EVENT_FUTURE_WRITE);
        expect([mem.u32(8), mem.u32(12)]).toEqual([wfi, COPY_COMPLETED]);
        futureDropWritable(inst, elemType, wfi);
        waitableSetDrop(inst, seti);
        taskReturn(inst, 'r', undefined);
      });
      await hostCall(main, []);
    });
  }

  it('reports DROPPED to a writer whose reader is gone, and enforces the end states', async () => {
    const { root } = mkStore();
    const inst = new ComponentInstance(root);
    const mem = new Mem();
    const ops = numOps(mem);
    const codes: (string | undefined)[] = [];
    const main = liftStackful(inst, async () => {
      const [rfi, wfi] = ends(futureNew(inst, U8));
      futureDropReadable(inst, U8, rfi);
      expect(now(futureWrite(inst, U8, ops, true, wfi, 0))).toBe(COPY_DROPPED);
      codes.push(trapCode(() => futureWrite(inst, U8, ops, true, wfi, 0)));
      futureDropWritable(inst, U8, wfi); // done: may drop

      const [r2, w2] = ends(futureNew(inst, U8));
      expect(now(futureRead(inst, U8, ops, true, r2, 0))).toBe(ASYNC_BLOCKED);
      expect(now(futureCancelRead(inst, U8, true, r2))).toBe(COPY_CANCELLED);
      expect(now(futureWrite(inst, U8, ops, true, w2, 0))).toBe(ASYNC_BLOCKED);
      expect(now(futureRead(inst, U8, ops, true, r2, 4))).toBe(COPY_COMPLETED);
      codes.push(trapCode(() => futureRead(inst, U8, ops, true, r2, 4)));
      codes.push(trapCode(() => futureLift(inst, U8, r2)));
      codes.push(trapCode(() => futureWrite(inst, U8, ops, true, w2, 0))); // write pending until its event
      codes.push(trapCode(() => futureDropWritable(inst, U8, w2))); // not done yet

      const [r3, w3] = ends(futureNew(inst, TEXT));
      expect(now(futureWrite(inst, TEXT, textOps(mem, ['s']), true, w3, 0))).toBe(ASYNC_BLOCKED);
      codes.push(trapCode(() => futureRead(inst, TEXT, textOps(mem, []), true, r3, 4)));
      taskReturn(inst, 'r', undefined);
    });
    await hostCall(main, []);
    expect(codes).toEqual([
      'trap/future-write-done',
      'trap/future-read-done',
      'trap/lift-done-end',
      'trap/copy-busy',
      'trap/future-drop-unwritten',
      'trap/copy-same-instance',
    ]);
  });
});
