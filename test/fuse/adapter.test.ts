/**
 * The fused adapter called directly with raw core values: what the callee's
 * core function receives (normalised as the spec's lift-then-lower would),
 * the traps, and the order of hooks, calls and post-return.
 */
import { describe, expect, it } from 'vitest';
import type { ValType } from '../../compiler/types/model.js';
import type { AbiOptions } from '../../compiler/abi/instructions.js';
import { planFused } from '../../compiler/abi/fuse.js';
import * as b from '../../compiler/emit/builders.js';
import * as T from '../abi/types.js';
import { buildFused, makeCore, type Core, type CoreFn, type FusedBuildOptions } from './harness.js';

const mem: Partial<AbiOptions> = { memory: true, realloc: true };

/** An adapter for `ft` whose callee core function records its arguments and returns `ret`. */
function adapter(ft: Parameters<typeof planFused>[0], ret: (...a: unknown[]) => unknown = () => undefined, opts: FusedBuildOptions & {
  caller?: Partial<AbiOptions>; callee?: Partial<AbiOptions>;
} = {}) {
  const caller = makeCore();
  const callee = makeCore();
  const got: unknown[][] = [];
  const log: string[] = [];
  const calleeFn: CoreFn = (...a) => (got.push(a), log.push('callee'), ret(...a));
  const post: CoreFn = () => void log.push('post-return');
  const plan = planFused(ft, { ...mem, ...opts.caller }, { ...mem, postReturn: true, ...opts.callee });
  const built = buildFused(plan, calleeFn, post, caller, callee, opts);
  return { fn: built.fn, code: built.code, got, log, caller, callee };
}

const trapOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
  return undefined;
};

const dv = (core: Core) => new DataView(core.memory.buffer);

describe('fused adapter, flat values', () => {
  it('normalises bools, small integers and flags; passes the rest as they are', () => {
    const ft = T.func([T.bool, T.u8, T.s8, T.u16, T.s16, T.u32, T.s64, T.f32, T.flags('a', 'b', 'c'), T.flags(...T.names('f', 32))]);
    const a = adapter(ft);
    a.fn(7, 0x1ff, 0xff, 0x1ffff, 0x8000, -1, -5n, 1.5, 0xff, -1);
    expect(a.got).toEqual([[1, 0xff, -1, 0xffff, -32768, -1, -5n, 1.5, 0b111, -1]]);
    a.fn(0, 0, 0, 0, 0, 0, 0n, 0, 0, 0);
    expect(a.got[1]![0]).toBe(0);
  });

  it('traps on bad chars, enum and variant discriminants', () => {
    const a = adapter(T.func([T.char, T.enum_('x', 'y', 'z'), T.option(T.u8)]));
    expect(trapOf(() => a.fn(0x10ffff, 2, 1, 7))).toBeUndefined();
    expect(a.got).toEqual([[0x10ffff, 2, 1, 7]]);
    expect(trapOf(() => a.fn(0xd800, 0, 0, 0))).toBe('trap/invalid-char');
    expect(trapOf(() => a.fn(0x110000, 0, 0, 0))).toBe('trap/invalid-char');
    expect(trapOf(() => a.fn(65, 3, 0, 0))).toBe('trap/invalid-discriminant');
    expect(trapOf(() => a.fn(65, -1, 0, 0))).toBe('trap/invalid-discriminant');
    expect(trapOf(() => a.fn(65, 0, 2, 0))).toBe('trap/invalid-discriminant');
    // none: the payload slot is zeroed for the callee
    a.fn(65, 0, 0, 99);
    expect(a.got.at(-1)).toEqual([65, 0, 0, 0]);
  });

  it('re-joins variant slots per case (i64 slot carrying an f32, an i32, a string)', () => {
    // slots: [disc i32, i64 (f32 ⊔ u32 ⊔ ptr ⊔ u64), i32]
    const shape = T.variant({ f: T.f32, i: T.u32, s: T.string, n: null, w: T.u64 });
    const a = adapter(T.func([shape]), undefined, { callee: { ...mem, stringEncoding: 'utf16' } });
    // f32 1.5 in the joined i64 slot
    const bits = new Int32Array(new Float32Array([1.5]).buffer)[0]!;
    a.fn(0, BigInt(bits), 0);
    expect(a.got.at(-1)).toEqual([0, BigInt(bits), 0]);
    // an i32 with junk in the high half of the slot: the callee gets it zero-extended
    a.fn(1, (1n << 40n) | 0xffff_ffffn, 123);
    expect(a.got.at(-1)).toEqual([1, 0xffff_ffffn, 0]);
    // a string: transcoded into the callee's memory
    new Uint8Array(a.caller.memory.buffer).set([0x68, 0xc3, 0xa9], 100);
    a.fn(2, 100n, 3);
    const [, ptr, len] = a.got.at(-1) as [number, bigint, number];
    expect(len).toBe(2);
    expect([...new Uint16Array(a.callee.memory.buffer, Number(ptr), 2)]).toEqual([0x68, 0xe9]);
    a.fn(4, -1n, 5);
    expect(a.got.at(-1)).toEqual([4, -1n, 0]);
    expect(trapOf(() => a.fn(5, 0n, 0))).toBe('trap/invalid-discriminant');
  });

  it('carries a flat result back with the same normalisation', () => {
    const a = adapter(T.func([], T.bool), () => 42);
    expect(a.fn()).toBe(1);
    const c = adapter(T.func([], T.char), () => 0xdfff);
    expect(trapOf(() => c.fn())).toBe('trap/invalid-char');
    const e = adapter(T.func([], T.enum_('p', 'q')), () => 2);
    expect(trapOf(() => e.fn())).toBe('trap/invalid-discriminant');
  });
});

describe('fused adapter, memory', () => {
  it('checks the caller\'s spilled parameters and allocates the callee\'s', () => {
    const ft = T.func(Array(17).fill(T.u16));
    const a = adapter(ft);
    const area = 256;
    for (let i = 0; i < 17; i++) dv(a.caller).setUint16(area + 2 * i, 1000 + i, true);
    a.fn(area);
    expect(a.callee.reallocCalls).toEqual([[0, 0, 2, 34]]);
    const [ptr] = a.got[0] as [number];
    expect(Array.from({ length: 17 }, (_, i) => dv(a.callee).getUint16(ptr + 2 * i, true))).toEqual(
      Array.from({ length: 17 }, (_, i) => 1000 + i));
    expect(trapOf(() => a.fn(257))).toBe('trap/misaligned-pointer');
    expect(trapOf(() => a.fn(65536 - 32))).toBe('trap/out-of-bounds');
  });

  it('checks the callee\'s return area and the caller\'s out-pointer', () => {
    const ft = T.func([], T.tuple(T.u32, T.bool, T.char));
    let ret = 64;
    const a = adapter(ft, () => ret);
    dv(a.callee).setUint32(64, 7, true);
    dv(a.callee).setUint8(68, 9);
    dv(a.callee).setUint32(72, 0x1f600, true);
    a.fn(512);
    expect([dv(a.caller).getUint32(512, true), dv(a.caller).getUint8(516), dv(a.caller).getUint32(520, true)]).toEqual([7, 1, 0x1f600]);
    expect(trapOf(() => a.fn(514))).toBe('trap/misaligned-pointer');
    expect(trapOf(() => a.fn(65536 - 8))).toBe('trap/out-of-bounds');
    ret = 66;
    expect(trapOf(() => a.fn(512))).toBe('trap/misaligned-pointer');
    ret = 64;
    dv(a.callee).setUint32(72, 0xd800, true);
    expect(trapOf(() => a.fn(512))).toBe('trap/invalid-char');
  });

  it('checks lists in the caller\'s memory before the callee allocates', () => {
    const a = adapter(T.func([T.list(T.u32), T.list(T.string)]));
    expect(trapOf(() => a.fn(65536 - 4, 2, 0, 0))).toBe('trap/out-of-bounds');
    expect(trapOf(() => a.fn(2, 1, 0, 0))).toBe('trap/misaligned-pointer');
    expect(trapOf(() => a.fn(0, 2 ** 27, 0, 0))).toBe('trap/list-too-long');
    expect(trapOf(() => a.fn(0, 0, 65536 - 8, 2))).toBe('trap/out-of-bounds');
    expect(a.callee.reallocCalls).toEqual([[0, 0, 4, 0]]);
    // a string element pointing out of bounds
    dv(a.caller).setUint32(200, 65530, true);
    dv(a.caller).setUint32(204, 10, true);
    expect(trapOf(() => a.fn(0, 0, 200, 1))).toBe('trap/out-of-bounds');
  });

  it('traps on bad discriminants and normalises bools in memory', () => {
    const t = T.list(T.tuple(T.bool, T.result(T.u8, null)));
    const a = adapter(T.func([t]));
    const d = dv(a.caller);
    d.setUint8(300, 5);
    d.setUint8(301, 0);
    d.setUint8(302, 9);
    a.fn(300, 1);
    const [ptr] = a.got[0] as [number];
    expect([dv(a.callee).getUint8(ptr), dv(a.callee).getUint8(ptr + 1), dv(a.callee).getUint8(ptr + 2)]).toEqual([1, 0, 9]);
    d.setUint8(301, 2);
    expect(trapOf(() => a.fn(300, 1))).toBe('trap/invalid-discriminant');
  });

  it('masks flags and checks enums in memory', () => {
    const ft = T.func([T.list(T.tuple(T.flags('a', 'b', 'c'), T.enum_('x', 'y')))]);
    const a = adapter(ft);
    dv(a.caller).setUint8(300, 0xff);
    dv(a.caller).setUint8(301, 1);
    a.fn(300, 1);
    const [ptr] = a.got[0] as [number];
    expect([dv(a.callee).getUint8(ptr), dv(a.callee).getUint8(ptr + 1)]).toEqual([0b111, 1]);
    dv(a.caller).setUint8(301, 2);
    expect(trapOf(() => a.fn(300, 1))).toBe('trap/invalid-discriminant');
  });
});

describe('fused adapter, lifecycle', () => {
  it('runs leave, enter, the callee, post-return after the result is carried back, exit', () => {
    const log: string[] = [];
    const hook = (name: string) => () => [b.expr(b.call(b.member(b.id('env'), 'log'), b.lit(name)))];
    const env = { log: (s: string) => log.push(s) };
    const ft = T.func([T.string], T.string);
    const caller = makeCore();
    const callee = makeCore();
    const realloc = (side: Core, name: string) => (o: number, os: number, al: number, sz: number) => (log.push(`${name} realloc`), side.realloc(o, os, al, sz));
    const plan = planFused(ft, mem, { ...mem, postReturn: true });
    const area = 128;
    dv(callee).setUint32(area, 0, true);
    dv(callee).setUint32(area + 4, 0, true);
    const built = buildFused(
      plan, () => (log.push('callee'), area), () => void log.push('post-return'),
      { mv: caller.mv, realloc: realloc(caller, 'caller') }, { mv: callee.mv, realloc: realloc(callee, 'callee') },
      { leave: hook('may_leave(caller)'), enter: hook('enter(callee)'), exit: hook('exit(callee)'), env },
    );
    built.fn(0, 0, 256);
    expect(log).toEqual([
      'may_leave(caller)', 'enter(callee)', 'callee realloc', 'callee', 'caller realloc', 'post-return', 'exit(callee)',
    ]);
  });

  it('moves handles through the hooks when given them', () => {
    const own = { kind: 'own', resource: {} } as unknown as ValType;
    const moved: [number, string][] = [];
    const env = { move: (h: number, to: string) => (moved.push([h, to]), h + 100) };
    const opts: FusedBuildOptions = {
      env,
      fusedHandles: {
        transfer: (_t, h, to) => b.call(b.member(b.id('env'), 'move'), h, b.lit(to)),
        returned: () => [b.expr(b.call(b.member(b.id('env'), 'move'), b.lit(-1), b.lit('returned')))],
      },
    };
    const a = adapter(T.func([own, T.list(own)], own), () => 5, opts);
    dv(a.caller).setUint32(400, 3, true);
    dv(a.caller).setUint32(404, 4, true);
    expect(a.fn(1, 400, 2)).toBe(105);
    const [h, ptr, n] = a.got[0] as [number, number, number];
    expect(h).toBe(101);
    expect(n).toBe(2);
    expect([dv(a.callee).getUint32(ptr, true), dv(a.callee).getUint32(ptr + 4, true)]).toEqual([103, 104]);
    expect(moved).toEqual([[1, 'callee'], [3, 'callee'], [4, 'callee'], [-1, 'returned'], [5, 'caller']]);
  });
});
