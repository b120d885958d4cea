/**
 * The JS face of streams and futures: a component's stream<u8> read by JS
 * as a ReadableStream, a JS async iterable and a JS ReadableStream read by a
 * component, futures to and from Promises.
 */
import { describe, expect, it } from 'vitest';
import { ComponentInstance } from '../resources/instance.js';
import { ASYNC_BLOCKED, CALLBACK_EXIT, CALLBACK_WAIT, COPY_COMPLETED, COPY_DROPPED, EVENT_FUTURE_READ, EVENT_STREAM_READ, EVENT_STREAM_WRITE, callbackCodePack } from './codes.js';
import { futureLift, futureLower, futureNew, futureRead, futureWrite } from './future.js';
import { hostCall } from './host.js';
import { HostFutureSource, hostFutureToPromise } from './host-future.js';
import { hostStreamSource, hostStreamToReadable } from './host-stream.js';
import { schedulerIdle, schedulerOf } from './scheduler.js';
import { streamDropReadable, streamDropWritable, streamLift, streamLower, streamNew, streamRead, streamWrite } from './stream.js';
import { taskReturn } from './task-builtins.js';
import { waitableJoinSet, waitableSetDrop, waitableSetNew, waitableSetWait } from './waitable-set.js';
import type { ReadSide } from './copy-end.js';
import { Mem, U8, deferred, ends, liftCallback, liftStackful, mkStore, now, numOps, unpack } from '../../test/async/kit.js';

async function readAll(rs: ReadableStream<unknown>): Promise<number[]> {
  const out: number[] = [];
  const reader = rs.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    expect(value).toBeInstanceOf(Uint8Array);
    out.push(...(value as Uint8Array));
  }
}

describe('streams and futures at the host boundary', () => {
  it('gives JS a component stream<u8> as a ReadableStream of Uint8Array chunks', async () => {
    const { root } = mkStore();
    const inst = new ComponentInstance(root);
    const mem = new Mem();
    const ops = numOps(mem);
    const f = liftStackful(inst, async () => {
      const [r, w] = ends(streamNew(inst, U8));
      taskReturn(inst, 'r', streamLift(inst, U8, r));
      const seti = waitableSetNew(inst);
      waitableJoinSet(inst, w, seti);
      for (let k = 0; k < 3; k++) {
        mem.bytes.set([k * 10 + 1, k * 10 + 2, k * 10 + 3], 0);
        let written = 0;
        while (written < 3) {
          const ret = now(streamWrite(inst, U8, ops, true, w, written, 3 - written));
          if (ret !== ASYNC_BLOCKED) {
            written += unpack(ret)[1];
            continue;
          }
          expect(await waitableSetWait(inst, true, mem.view, seti, 16)).toBe(EVENT_STREAM_WRITE);
          written += unpack(mem.u32(20))[1];
        }
      }
      waitableJoinSet(inst, w, 0);
      waitableSetDrop(inst, seti);
      streamDropWritable(inst, U8, w);
    });
    const side = (await hostCall(f, [])) as ReadSide;
    expect(await readAll(hostStreamToReadable(side, 2))).toEqual([1, 2, 3, 11, 12, 13, 21, 22, 23]);
    expect(schedulerOf(root).numTasks).toBe(0);
  });

  for (const [what, make] of [
    ['an async iterable', () => (async function* () {
      yield new Uint8Array([1, 2, 3]);
      await Promise.resolve();
      yield new Uint8Array([4, 5, 6, 7, 8]);
      yield [9];
    })()],
    ['a ReadableStream', () => new ReadableStream({
      start(c) {
        c.enqueue(new Uint8Array([1, 2, 3, 4, 5]));
        c.enqueue(new Uint8Array([6, 7, 8, 9]));
        c.close();
      },
    })],
    ['an array', () => new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9])],
  ] as const) {
    it(`lets a component read ${what} as a stream<u8>`, async () => {
      const { root } = mkStore();
      const inst = new ComponentInstance(root);
      const mem = new Mem();
      const ops = numOps(mem);
      let r = 0;
      let seti = 0;
      const got: number[] = [];
      const take = (ret: number): number => {
        const [result, n] = unpack(ret);
        got.push(...mem.bytes.subarray(0, n));
        if (result === COPY_DROPPED) {
          waitableJoinSet(inst, r, 0);
          waitableSetDrop(inst, seti);
          streamDropReadable(inst, U8, r);
          taskReturn(inst, 'r', got.reduce((a, b) => a + b, 0));
          return CALLBACK_EXIT;
        }
        return next();
      };
      const next = (): number => {
        const ret = now(streamRead(inst, U8, ops, true, r, 0, 4));
        return ret === ASYNC_BLOCKED ? callbackCodePack(CALLBACK_WAIT, seti) : take(ret);
      };
      // the glue lowers the argument: a host stream becomes a readable end
      const g = liftCallback(
        inst,
        (_task, args) => {
          r = streamLower(inst, hostStreamSource(U8, schedulerOf(inst), (args as unknown[])[0]));
          seti = waitableSetNew(inst);
          waitableJoinSet(inst, r, seti);
          return next();
        },
        (code, _i, p2) => {
          expect(code).toBe(EVENT_STREAM_READ);
          return take(p2);
        },
      );
      await expect(hostCall(g, [make()])).resolves.toBe(45);
      expect(got).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(schedulerOf(root).external).toBe(0);
    });
  }

  it('checks the values of number chunks from JS: a wrong one is a TypeError with its path', async () => {
    const { root } = mkStore();
    const sched = schedulerOf(new ComponentInstance(root));
    // an array of Uint8Arrays is one chunk of two (wrong) values, not two chunks
    expect(() => hostStreamSource(U8, sched, [new Uint8Array([1]), new Uint8Array([2])])).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'type/u8', path: 'stream chunk [0]' }),
    );
    expect(() => hostStreamSource(U8, sched, [1, 2, 256])).toThrow(expect.objectContaining({ code: 'type/u8', path: 'stream chunk [2]' }));
    expect(() => hostStreamSource(U8, sched, [1, 2, 3])).not.toThrow();
    expect(() => hostStreamSource(U8, sched, new Uint8Array([1, 2, 3]))).not.toThrow();
  });

  it('reads a future from a JS Promise, waiting without a deadlock', async () => {
    const { root } = mkStore();
    const inst = new ComponentInstance(root);
    const mem = new Mem();
    const ops = numOps(mem, 4);
    let seti = 0;
    const h = liftCallback(
      inst,
      (_task, args) => {
        const fut = futureLower(inst, new HostFutureSource(U8, schedulerOf(inst), (args as unknown[])[0] as Promise<number>));
        expect(now(futureRead(inst, U8, ops, true, fut, 8))).toBe(ASYNC_BLOCKED);
        seti = waitableSetNew(inst);
        waitableJoinSet(inst, fut, seti);
        return callbackCodePack(CALLBACK_WAIT, seti);
      },
      (code, fut, result) => {
        expect([code, result]).toEqual([EVENT_FUTURE_READ, COPY_COMPLETED]);
        taskReturn(inst, 'r', mem.u32(8) + 1);
        return CALLBACK_EXIT;
      },
    );
    const d = deferred<number>();
    const p = hostCall(h, [d.promise]);
    for (let k = 0; k < 10; k++) await Promise.resolve();
    d.resolve(41);
    await expect(p).resolves.toBe(42);
  });

  it('gives JS a component future as a Promise', async () => {
    const { root } = mkStore();
    const inst = new ComponentInstance(root);
    const mem = new Mem();
    const ops = numOps(mem, 4);
    const f = liftStackful(inst, async () => {
      const [r, w] = ends(futureNew(inst, U8));
      taskReturn(inst, 'r', futureLift(inst, U8, r));
      mem.setU32(0, 7);
      const ret = futureWrite(inst, U8, ops, false, w, 0);
      expect(ret instanceof Promise ? await ret : ret).toBe(COPY_COMPLETED);
    });
    const side = (await hostCall(f, [])) as ReadSide;
    // the test kit's load gives bytes: the first one is the value's low byte
    expect(await hostFutureToPromise(side)).toBe(7);
    await schedulerIdle(schedulerOf(root));
    expect(schedulerOf(root).numTasks).toBe(0);
  });
});
