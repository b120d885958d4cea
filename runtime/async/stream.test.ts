/**
 * Streams: copies between two components and between a component and the
 * host, partial copies, zero-length copies (readiness), dropped ends,
 * cancellation, the same-instance rule, and the traps of each operation.
 * Ports of definitions.py's test_host_partial_reads_writes,
 * test_wasm_to_wasm_stream, test_wasm_to_wasm_stream_empty,
 * test_cancel_copy, test_receive_own_stream and test_self_copy.
 */
import { describe, expect, it } from 'vitest';
import { ComponentInstance } from '../resources/instance.js';
import { ASYNC_BLOCKED, COPY_CANCELLED, COPY_COMPLETED, COPY_DROPPED, EVENT_STREAM_READ, EVENT_STREAM_WRITE, SUBTASK_RETURNED } from './codes.js';
import type { ReadSide } from './copy-end.js';
import { errorContextDrop, errorContextNew } from './error-context.js';
import { HostFunc, hostCall } from './host.js';
import type { AsyncCallee } from './call-sides.js';
import { LoweredFunc } from './lower.js';
import type { Subtask } from './subtask.js';
import {
  streamCancelRead,
  streamCancelWrite,
  streamDropReadable,
  streamDropWritable,
  streamLift,
  streamLower,
  streamNew,
  streamRead,
  streamWrite,
} from './stream.js';
import { taskReturn, threadYield } from './task-builtins.js';
import { waitableJoinSet, waitableSetDrop, waitableSetNew, waitableSetWait } from './waitable-set.js';
import type { AsyncElemType, CopyElemOps } from './buffer.js';
import { F64, Mem, TEXT, U8, UNIT, call, ends, liftStackful, mkStore, now, numOps, textOps, trapCode, unitOps, unpack } from '../../test/async/kit.js';
import { HostSink, HostSource } from '../../test/async/host-fakes.js';
import type { Flat } from '../../test/async/kit.js';

/** A lowered import whose stream arguments (`streams`: arg positions) and stream result cross as sides. */
function streamImport(inst: ComponentInstance, callee: AsyncCallee, mem: Mem, elemType: AsyncElemType = U8): LoweredFunc {
  return new LoweredFunc(inst, callee, {
    isAsync: true,
    liftArgs: (sub: Subtask) => ((sub.flat as Flat).args as number[]).map((i) => streamLift(inst, elemType, i)),
    lowerResult: (sub: Subtask, v: unknown) => {
      const retp = (sub.flat as Flat).retp;
      if (retp !== undefined && v !== undefined) mem.setU32(retp, streamLower(inst, v as ReadSide));
    },
  });
}

/** The event stored at `ptr` by a wait that returned `code`. */
function ev(mem: Mem, ptr: number, code: number): [number, number, number] {
  return [code, mem.u32(ptr), mem.u32(ptr + 4)];
}

async function until(inst: ComponentInstance, ready: () => boolean): Promise<void> {
  while (!ready()) await threadYield(inst, false);
}

describe('streams', () => {
  it('reads and writes partially against host ends (test_host_partial_reads_writes)', async () => {
    const { root: inst } = mkStore();
    const mem = new Mem();
    const src = new HostSource(U8, [1, 2, 3, 4], 2, false);
    const sourceImp = streamImport(inst, new HostFunc(false, () => src), mem);
    let dst: HostSink | null = null;
    const sinkImp = streamImport(inst, new HostFunc(false, (args) => {
      dst = new HostSink((args as ReadSide[])[0], 2);
    }), mem);
    const ops = numOps(mem);
    const main = liftStackful(inst, async () => {
      expect(call(sourceImp, [], 4)).toBe(SUBTASK_RETURNED);
      let rsi = mem.u32(4);
      expect(rsi).toBe(1);
      expect(unpack(now(streamRead(inst, U8, ops, true, rsi, 0, 4)))).toEqual([COPY_COMPLETED, 2]);
      expect([mem.u8(0), mem.u8(1)]).toEqual([1, 2]);
      expect(unpack(now(streamRead(inst, U8, ops, true, rsi, 0, 4)))).toEqual([COPY_COMPLETED, 2]);
      expect([mem.u8(0), mem.u8(1)]).toEqual([3, 4]);
      expect(now(streamRead(inst, U8, ops, true, rsi, 0, 4))).toBe(ASYNC_BLOCKED);
      src.write([5, 6]);
      const seti = waitableSetNew(inst);
      waitableJoinSet(inst, rsi, seti);
      const wait1 = waitableSetWait(inst, true, mem.view, seti, 4);
      const [code, i, p2] = ev(mem, 4, wait1 instanceof Promise ? await wait1 : wait1);
      expect([code, i, ...unpack(p2)]).toEqual([EVENT_STREAM_READ, rsi, COPY_COMPLETED, 2]);
      expect([mem.u8(0), mem.u8(1)]).toEqual([5, 6]);
      streamDropReadable(inst, U8, rsi);

      const [r2, wsi] = ends(streamNew(inst, U8));
      rsi = r2;
      expect([rsi, wsi]).toEqual([1, 3]);
      expect(call(sinkImp, [rsi])).toBe(SUBTASK_RETURNED);
      mem.bytes.set([1, 2, 3, 4, 5, 6], 0);
      expect(unpack(now(streamWrite(inst, U8, ops, true, wsi, 0, 6)))).toEqual([COPY_COMPLETED, 2]);
      expect(now(streamWrite(inst, U8, ops, true, wsi, 2, 4))).toBe(ASYNC_BLOCKED);
      dst!.setRemain(4);
      waitableJoinSet(inst, wsi, seti);
      const wait2 = waitableSetWait(inst, true, mem.view, seti, 8);
      const [c2, i2, q2] = ev(mem, 8, wait2 instanceof Promise ? await wait2 : wait2);
      expect([c2, i2, ...unpack(q2)]).toEqual([EVENT_STREAM_WRITE, wsi, COPY_COMPLETED, 4]);
      expect(dst!.received).toEqual([1, 2, 3, 4, 5, 6]);
      streamDropWritable(inst, U8, wsi);
      waitableSetDrop(inst, seti);
      dst!.setRemain(100);
      expect(dst!.closed).toBe(true);
      taskReturn(inst, 'r', undefined);
    });
    await hostCall(main, []);
  });

  it('copies memory to memory between two components (test_wasm_to_wasm_stream)', async () => {
    const { root } = mkStore();
    const inst1 = new ComponentInstance(root);
    const inst2 = new ComponentInstance(root);
    const mem1 = new Mem();
    const mem2 = new Mem();
    const ops1 = numOps(mem1);
    const ops2 = numOps(mem2);
    const go = [false, false, false, false];
    const producer = liftStackful(inst1, async () => {
      const [rsi, wsi] = ends(streamNew(inst1, U8));
      taskReturn(inst1, 'r', streamLift(inst1, U8, rsi));
      await until(inst1, () => go[0]);
      mem1.bytes.set([1, 2, 3, 4], 0);
      expect(unpack(now(streamWrite(inst1, U8, ops1, true, wsi, 0, 4)))).toEqual([COPY_COMPLETED, 4]);
      expect(unpack(now(streamWrite(inst1, U8, ops1, true, wsi, 0, 4)))).toEqual([COPY_COMPLETED, 4]);
      // the reader's buffer is full: a zero-length write waits for readiness
      expect(now(streamWrite(inst1, U8, ops1, true, wsi, 0, 0))).toBe(ASYNC_BLOCKED);
      expect(unpack(now(streamCancelWrite(inst1, U8, true, wsi)))).toEqual([COPY_CANCELLED, 0]);
      await until(inst1, () => go[1]);
      mem1.bytes.set([5, 6, 7, 8, 9, 10, 11, 12], 0);
      expect(now(streamWrite(inst1, U8, ops1, true, wsi, 0, 8))).toBe(ASYNC_BLOCKED);
      go[2] = true;
      const seti = waitableSetNew(inst1);
      waitableJoinSet(inst1, wsi, seti);
      const wait3 = waitableSetWait(inst1, true, mem1.view, seti, 16);
      const [c, i, p2] = ev(mem1, 16, wait3 instanceof Promise ? await wait3 : wait3);
      expect([c, i, ...unpack(p2)]).toEqual([EVENT_STREAM_WRITE, wsi, COPY_COMPLETED, 4]);
      expect(now(streamWrite(inst1, U8, ops1, true, wsi, 12345, 0))).toBe(ASYNC_BLOCKED);
      go[3] = true;
      const wait4 = waitableSetWait(inst1, true, mem1.view, seti, 16);
      const [c2, i2, q2] = ev(mem1, 16, wait4 instanceof Promise ? await wait4 : wait4);
      expect([c2, i2, q2]).toEqual([EVENT_STREAM_WRITE, wsi, 0]);
      // both sides zero-length: completes at once
      expect(now(streamWrite(inst1, U8, ops1, true, wsi, 12345, 0))).toBe(0);
      const err = errorContextNew(inst1, '');
      streamDropWritable(inst1, U8, wsi);
      waitableSetDrop(inst1, seti);
      errorContextDrop(inst1, err);
    });
    const consumer = liftStackful(inst2, async () => {
      taskReturn(inst2, 'r', undefined);
      expect(call(streamImport(inst2, producer, mem2), [], 16)).toBe(SUBTASK_RETURNED);
      const rsi = mem2.u32(16);
      expect(rsi).toBe(1);
      expect(now(streamRead(inst2, U8, ops2, true, rsi, 0, 8))).toBe(ASYNC_BLOCKED);
      go[0] = true;
      const seti = waitableSetNew(inst2);
      waitableJoinSet(inst2, rsi, seti);
      const wait5 = waitableSetWait(inst2, true, mem2.view, seti, 16);
      const [c, i, p2] = ev(mem2, 16, wait5 instanceof Promise ? await wait5 : wait5);
      expect([c, i, ...unpack(p2)]).toEqual([EVENT_STREAM_READ, rsi, COPY_COMPLETED, 8]);
      expect([...mem2.bytes.subarray(0, 8)]).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
      go[1] = true;
      await until(inst2, () => go[2]);
      expect(now(streamRead(inst2, U8, ops2, true, rsi, 12345, 0))).toBe(0);
      mem2.bytes.fill(0, 0, 8);
      expect(unpack(now(streamRead(inst2, U8, ops2, true, rsi, 0, 2)))).toEqual([COPY_COMPLETED, 2]);
      expect([...mem2.bytes.subarray(0, 6)]).toEqual([5, 6, 0, 0, 0, 0]);
      expect(unpack(now(streamRead(inst2, U8, ops2, true, rsi, 2, 2)))).toEqual([COPY_COMPLETED, 2]);
      expect([...mem2.bytes.subarray(0, 6)]).toEqual([5, 6, 7, 8, 0, 0]);
      await until(inst2, () => go[3]);
      expect(now(streamRead(inst2, U8, ops2, true, rsi, 12345, 0))).toBe(ASYNC_BLOCKED);
      const wait6 = waitableSetWait(inst2, true, mem2.view, seti, 16);
      const [c2, i2, q2] = ev(mem2, 16, wait6 instanceof Promise ? await wait6 : wait6);
      expect([c2, i2, q2]).toEqual([EVENT_STREAM_READ, rsi, COPY_DROPPED]);
      streamDropReadable(inst2, U8, rsi);
      waitableSetDrop(inst2, seti);
    });
    await hostCall(consumer, []);
    await new Promise((r) => setTimeout(r, 0));
    expect(go).toEqual([true, true, true, true]);
  });

  it('counts unit elements without memory (test_wasm_to_wasm_stream_empty)', async () => {
    const { root } = mkStore();
    const inst1 = new ComponentInstance(root);
    const inst2 = new ComponentInstance(root);
    const mem1 = new Mem();
    const mem2 = new Mem();
    const go = [false, false, false, false];
    const producer = liftStackful(inst1, async () => {
      const [rsi, wsi] = ends(streamNew(inst1, UNIT));
      taskReturn(inst1, 'r', streamLift(inst1, UNIT, rsi));
      await until(inst1, () => go[0]);
      expect(unpack(now(streamWrite(inst1, UNIT, unitOps, true, wsi, 10000, 2)))).toEqual([COPY_COMPLETED, 2]);
      expect(unpack(now(streamWrite(inst1, UNIT, unitOps, true, wsi, 10000, 2)))).toEqual([COPY_COMPLETED, 2]);
      await until(inst1, () => go[1]);
      expect(now(streamWrite(inst1, UNIT, unitOps, true, wsi, 0, 8))).toBe(ASYNC_BLOCKED);
      go[2] = true;
      const seti = waitableSetNew(inst1);
      waitableJoinSet(inst1, wsi, seti);
      const wait7 = waitableSetWait(inst1, true, mem1.view, seti, 16);
      const [c, , p2] = ev(mem1, 16, wait7 instanceof Promise ? await wait7 : wait7);
      expect([c, ...unpack(p2)]).toEqual([EVENT_STREAM_WRITE, COPY_COMPLETED, 4]);
      go[3] = true;
      streamDropWritable(inst1, UNIT, wsi);
      waitableJoinSet(inst1, wsi, 0);
    });
    const consumer = liftStackful(inst2, async () => {
      taskReturn(inst2, 'r', undefined);
      expect(call(streamImport(inst2, producer, mem2, UNIT), [], 0)).toBe(SUBTASK_RETURNED);
      const rsi = mem2.u32(0);
      expect(now(streamRead(inst2, UNIT, unitOps, true, rsi, 0, 8))).toBe(ASYNC_BLOCKED);
      go[0] = true;
      const seti = waitableSetNew(inst2);
      waitableJoinSet(inst2, rsi, seti);
      const wait8 = waitableSetWait(inst2, true, mem2.view, seti, 0);
      const [c, , p2] = ev(mem2, 0, wait8 instanceof Promise ? await wait8 : wait8);
      expect([c, ...unpack(p2)]).toEqual([EVENT_STREAM_READ, COPY_COMPLETED, 4]);
      go[1] = true;
      await until(inst2, () => go[2]);
      expect(unpack(now(streamRead(inst2, UNIT, unitOps, true, rsi, 1000000, 2)))).toEqual([COPY_COMPLETED, 2]);
      expect(unpack(now(streamRead(inst2, UNIT, unitOps, true, rsi, 1000000, 2)))).toEqual([COPY_COMPLETED, 2]);
      await until(inst2, () => go[3]);
      expect(unpack(now(streamRead(inst2, UNIT, unitOps, true, rsi, 1000000, 2)))).toEqual([COPY_DROPPED, 0]);
      streamDropReadable(inst2, UNIT, rsi);
    });
    await hostCall(consumer, []);
  });

  it('cancels copies, keeping what was copied (test_cancel_copy)', async () => {
    const { root: inst } = mkStore();
    const mem = new Mem();
    const ops = numOps(mem);
    let sink: HostSink | null = null;
    const sinkImp = streamImport(inst, new HostFunc(false, (args) => {
      sink = new HostSink((args as ReadSide[])[0], 0);
    }), mem);
    let source: HostSource | null = null;
    const sourceImp = streamImport(inst, new HostFunc(false, () => (source = new HostSource(U8, [], 2, false))), mem);
    const main = liftStackful(inst, async () => {
      for (const isAsync of [false, true]) {
        const [rsi, wsi] = ends(streamNew(inst, U8));
        expect(call(sinkImp, [rsi])).toBe(SUBTASK_RETURNED);
        mem.bytes.set([10, 11, 12, 13], 0);
        expect(now(streamWrite(inst, U8, ops, true, wsi, 0, 4))).toBe(ASYNC_BLOCKED);
        sink!.setRemain(2);
        expect(sink!.consume(2)).toEqual([10, 11]);
        // two values went already: the cancel reports them as completed
        expect(unpack(now(streamCancelWrite(inst, U8, isAsync, wsi)))).toEqual([COPY_COMPLETED, 2]);
        streamDropWritable(inst, U8, wsi);
        sink!.setRemain(100);
        expect(sink!.closed).toBe(true);
      }

      expect(call(sourceImp, [], 16)).toBe(SUBTASK_RETURNED);
      let rsi = mem.u32(16);
      expect(now(streamRead(inst, U8, ops, true, rsi, 0, 4))).toBe(ASYNC_BLOCKED);
      expect(unpack(now(streamCancelRead(inst, U8, false, rsi)))).toEqual([COPY_CANCELLED, 0]);
      streamDropReadable(inst, U8, rsi);

      expect(call(sourceImp, [], 16)).toBe(SUBTASK_RETURNED);
      rsi = mem.u32(16);
      expect(now(streamRead(inst, U8, ops, true, rsi, 0, 4))).toBe(ASYNC_BLOCKED);
      source!.slowCancel = true;
      expect(now(streamCancelRead(inst, U8, true, rsi))).toBe(ASYNC_BLOCKED);
      expect(trapCode(() => streamCancelRead(inst, U8, true, rsi))).toBe('trap/cancel-not-copying');
      source!.write([7, 8]);
      source!.unblockCancel();
      const seti = waitableSetNew(inst);
      waitableJoinSet(inst, rsi, seti);
      const wait9 = waitableSetWait(inst, true, mem.view, seti, 16);
      const [c, i, p2] = ev(mem, 16, wait9 instanceof Promise ? await wait9 : wait9);
      expect([c, i, ...unpack(p2)]).toEqual([EVENT_STREAM_READ, rsi, COPY_CANCELLED, 2]);
      expect([mem.u8(0), mem.u8(1)]).toEqual([7, 8]);
      streamDropReadable(inst, U8, rsi);
      waitableSetDrop(inst, seti);
      taskReturn(inst, 'r', undefined);
    });
    await hostCall(main, []);
  });

  it('gets its own readable end back (test_receive_own_stream)', async () => {
    const { root: inst } = mkStore();
    const mem = new Mem();
    const echo = streamImport(inst, new HostFunc(false, (args) => (args as ReadSide[])[0]), mem);
    const main = liftStackful(inst, async () => {
      const [rsi, wsi] = ends(streamNew(inst, U8));
      expect([rsi, wsi]).toEqual([1, 2]);
      expect(now(streamWrite(inst, U8, numOps(mem), true, wsi, 0, 4))).toBe(ASYNC_BLOCKED);
      expect(call(echo, [rsi], 8)).toBe(SUBTASK_RETURNED);
      expect(mem.u32(8)).toBe(1);
      expect(unpack(now(streamCancelWrite(inst, U8, false, wsi)))).toEqual([COPY_CANCELLED, 0]);
      streamDropWritable(inst, U8, wsi);
      taskReturn(inst, 'r', undefined);
    });
    await hostCall(main, []);
  });

  for (const [name, elemType, size] of [['none', UNIT, 0], ['u8', U8, 1], ['f64', F64, 8]] as const) {
    it(`copies within one instance for ${name} elements (test_self_copy)`, async () => {
      const { root: inst } = mkStore();
      const mem = new Mem();
      const ops: CopyElemOps = size === 0 ? unitOps : numOps(mem, size as 1 | 8);
      const main = liftStackful(inst, async () => {
        const seti = waitableSetNew(inst);
        mem.bytes.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24], 0);
        const [rsi, wsi] = ends(streamNew(inst, elemType));
        expect(now(streamWrite(inst, elemType, ops, true, wsi, 0, 3))).toBe(ASYNC_BLOCKED);
        expect(unpack(now(streamRead(inst, elemType, ops, true, rsi, 32, 1)))).toEqual([COPY_COMPLETED, 1]);
        expect(unpack(now(streamRead(inst, elemType, ops, true, rsi, 32 + size, 4)))).toEqual([COPY_COMPLETED, 2]);
        if (size > 0) expect([...mem.bytes.subarray(32, 32 + 3 * size)]).toEqual([...mem.bytes.subarray(0, 3 * size)]);
        streamDropReadable(inst, elemType, rsi);
        waitableJoinSet(inst, wsi, seti);
        const wait10 = waitableSetWait(inst, true, mem.view, seti, 64);
        const [c, i, p2] = ev(mem, 64, wait10 instanceof Promise ? await wait10 : wait10);
        expect([c, i, ...unpack(p2)]).toEqual([EVENT_STREAM_WRITE, wsi, COPY_DROPPED, 3]);
        streamDropWritable(inst, elemType, wsi);
        waitableSetDrop(inst, seti);
        taskReturn(inst, 'r', undefined);
      });
      await hostCall(main, []);
    });
  }

  it('lifts and lowers non-number values between instances through the glue', async () => {
    const { root } = mkStore();
    const a = new ComponentInstance(root);
    const b = new ComponentInstance(root);
    const memA = new Mem();
    const memB = new Mem();
    const tableA = ['x', 'hello', 'world'];
    const tableB: string[] = [];
    const main = liftStackful(a, async () => {
      const [rsi, wsi] = ends(streamNew(a, TEXT));
      const rb = streamLower(b, streamLift(a, TEXT, rsi));
      memA.setU32(0, 1);
      memA.setU32(4, 2);
      expect(now(streamWrite(a, TEXT, textOps(memA, tableA), true, wsi, 0, 2))).toBe(ASYNC_BLOCKED);
      // b reads (an async read needs only b's table, not a task of b's)
      expect(unpack(now(streamRead(b, TEXT, textOps(memB, tableB), true, rb, 16, 4)))).toEqual([COPY_COMPLETED, 2]);
      expect(tableB).toEqual(['hello', 'world']);
      expect([memB.u32(16), memB.u32(20)]).toEqual([0, 1]);
      taskReturn(a, 'r', undefined);
    });
    await hostCall(main, []);
  });

});
