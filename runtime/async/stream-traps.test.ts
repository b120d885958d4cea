/**
 * The traps of stream operations: kinds and element types of handles, an
 * end's state (busy, done, in a set), buffer checks, and the temporary rule
 * against copying non-number values within one instance.
 */
import { describe, expect, it } from 'vitest';
import { ASYNC_BLOCKED, COPY_CANCELLED, COPY_DROPPED } from './codes.js';
import { hostCall } from './host.js';
import { streamCancelRead, streamDropReadable, streamDropWritable, streamLift, streamNew, streamRead, streamWrite } from './stream.js';
import { taskReturn } from './task-builtins.js';
import { waitableJoinSet, waitableSetNew } from './waitable-set.js';
import { Mem, TEXT, U8, UNIT, ends, liftStackful, mkStore, now, numOps, textOps, trapCode, unitOps, unpack } from '../../test/async/kit.js';

describe('stream traps', () => {
  it('traps copying non-number values within one instance', async () => {
    const { root: inst } = mkStore();
    const mem = new Mem();
    const ops = textOps(mem, ['a', 'b']);
    const codes: (string | undefined)[] = [];
    const main = liftStackful(inst, async () => {
      const [rsi, wsi] = ends(streamNew(inst, TEXT));
      expect(now(streamWrite(inst, TEXT, ops, true, wsi, 0, 1))).toBe(ASYNC_BLOCKED);
      codes.push(trapCode(() => streamRead(inst, TEXT, ops, true, rsi, 8, 1)));
      taskReturn(inst, 'r', undefined);
    });
    await hostCall(main, []);
    expect(codes).toEqual(['trap/copy-same-instance']);
  });

  it('enforces the end states', async () => {
    const { root: inst } = mkStore();
    const mem = new Mem();
    const ops = numOps(mem);
    const codes: (string | undefined)[] = [];
    const main = liftStackful(inst, async () => {
      const [rsi, wsi] = ends(streamNew(inst, U8));
      codes.push(trapCode(() => streamRead(inst, U8, ops, true, wsi, 0, 1))); // a writable end
      codes.push(trapCode(() => streamRead(inst, UNIT, unitOps, true, rsi, 0, 1))); // another element type
      expect(now(streamRead(inst, U8, ops, true, rsi, 0, 4))).toBe(ASYNC_BLOCKED);
      codes.push(trapCode(() => streamRead(inst, U8, ops, true, rsi, 0, 4))); // busy
      codes.push(trapCode(() => streamDropReadable(inst, U8, rsi))); // busy
      expect(unpack(now(streamCancelRead(inst, U8, true, rsi)))).toEqual([COPY_CANCELLED, 0]);
      codes.push(trapCode(() => streamCancelRead(inst, U8, true, rsi))); // nothing to cancel
      const seti = waitableSetNew(inst);
      waitableJoinSet(inst, rsi, seti);
      codes.push(trapCode(() => streamRead(inst, U8, ops, false, rsi, 0, 4))); // sync while in a set
      codes.push(trapCode(() => streamLift(inst, U8, rsi))); // in a set
      waitableJoinSet(inst, rsi, 0);
      streamDropWritable(inst, U8, wsi);
      expect(unpack(now(streamRead(inst, U8, ops, true, rsi, 0, 4)))).toEqual([COPY_DROPPED, 0]);
      codes.push(trapCode(() => streamRead(inst, U8, ops, true, rsi, 0, 4))); // after DROPPED
      codes.push(trapCode(() => streamRead(inst, U8, ops, true, 99, 0, 4)));
      codes.push(trapCode(() => streamRead(inst, U8, ops, true, seti, 0, 4)));
      codes.push(trapCode(() => streamLift(inst, U8, rsi)));
      const [r2, w2] = ends(streamNew(inst, U8));
      streamDropReadable(inst, U8, r2);
      expect(unpack(now(streamWrite(inst, U8, ops, true, w2, 0, 4)))).toEqual([COPY_DROPPED, 0]);
      codes.push(trapCode(() => streamWrite(inst, U8, ops, true, w2, 0, 4)));
      const [r3, w3] = ends(streamNew(inst, U8));
      codes.push(trapCode(() => streamRead(inst, U8, numOps(mem, 8), true, r3, 3, 1))); // misaligned
      codes.push(trapCode(() => streamWrite(inst, U8, ops, true, w3, 65535, 2))); // out of bounds
      codes.push(trapCode(() => streamRead(inst, U8, ops, true, r3, 0, 1 << 28))); // too long
      taskReturn(inst, 'r', undefined);
    });
    await hostCall(main, []);
    expect(codes).toEqual([
      'trap/handle-type-mismatch',
      'trap/handle-type-mismatch',
      'trap/copy-busy',
      'trap/drop-busy-end',
      'trap/cancel-not-copying',
      'trap/waitable-in-set',
      'trap/lift-in-set',
      'trap/stream-read-dropped',
      'trap/unknown-handle',
      'trap/handle-type-mismatch',
      'trap/lift-done-end',
      'trap/stream-write-dropped',
      'trap/misaligned-pointer',
      'trap/out-of-bounds',
      'trap/buffer-too-long',
    ]);
  });
});
