/**
 * Wrong host values throw coded TypeErrors naming the value's path, before
 * anything is allocated or written; bad core values trap with a coded
 * WebAssembly.RuntimeError.
 */
import { describe, expect, it } from 'vitest';
import type { ValType } from '../../compiler/types/model.js';
import { ComponentError } from '../../runtime/component-error.js';
import * as T from './types.js';
import { liftWith, lowerWith, makeCore, roundTrip } from './harness.js';

function thrown(f: () => unknown): { name: string; code: string; path?: string; message: string } {
  try {
    f();
  } catch (e) {
    return e as { name: string; code: string; path?: string; message: string };
  }
  throw new Error('did not throw');
}

describe('TypeErrors for wrong host values (export arguments)', () => {
  const item = T.record({ name: T.string, qty: T.u16 });
  const cases: [string, ValType[], unknown[], string, string][] = [
    ['fraction for u32', [T.u32], [1.5], 'type/u32', 'arg 0'],
    ['string for u8', [T.u8], ['1'], 'type/u8', 'arg 0'],
    ['256 for u8', [T.u8], [256], 'type/u8', 'arg 0'],
    ['-1 for u8', [T.u8], [-1], 'type/u8', 'arg 0'],
    ['128 for s8', [T.s8], [128], 'type/s8', 'arg 0'],
    ['2^31 for s32', [T.s32], [2 ** 31], 'type/s32', 'arg 0'],
    ['number for u64', [T.u64], [1], 'type/u64', 'arg 0'],
    ['-1n for u64', [T.u64], [-1n], 'type/u64', 'arg 0'],
    ['2^63 for s64', [T.s64], [2n ** 63n], 'type/s64', 'arg 0'],
    ['bigint for f64', [T.f64], [1n], 'type/f64', 'arg 0'],
    ['1 for bool', [T.bool], [1], 'type/bool', 'arg 0'],
    ['two chars', [T.char], ['ab'], 'type/char', 'arg 0'],
    ['empty char', [T.char], [''], 'type/char', 'arg 0'],
    ['lone surrogate char', [T.char], ['\ud800'], 'type/char', 'arg 0'],
    ['number for string', [T.string], [5], 'type/string', 'arg 0'],
    ['second argument', [T.string, T.u8], ['fine', 300], 'type/u8', 'arg 1'],
    ['null record', [item], [null], 'type/record', 'arg 0'],
    ['missing field', [item], [{ name: 'x' }], 'type/u16', 'arg 0 .qty'],
    ['camelCase field', [T.record({ 'first-name': T.string })], [{ 'first-name': 'x' }], 'type/string', 'arg 0 .firstName'],
    ['nested list element', [T.record({ items: T.list(item) })],
      [{ items: [{ name: 'a', qty: 1 }, { name: 'b', qty: 2 }, { name: 'c', qty: 3 }, { name: 4, qty: 4 }] }],
      'type/string', 'arg 0 .items[3] .name'],
    ['number list element', [T.list(T.u32)], [[1, 2, 'x']], 'type/numbers', 'arg 0[2]'],
    ['wrong typed array', [T.list(T.u32)], [new Int32Array(2)], 'type/numbers', 'arg 0'],
    ['not a list', [T.list(T.string)], [5], 'type/list', 'arg 0'],
    ['a string is not a list', [T.list(T.string)], ['ab'], 'type/list', 'arg 0'],
    ['one-shot iterator', [T.list(T.string)], [(function* () { yield 'a'; })()], 'type/list', 'arg 0'],
    ['fixed list length', [T.list(T.u8, 3)], [[1, 2]], 'type/fixed-list', 'arg 0'],
    ['tuple length', [T.tuple(T.u8, T.u8)], [[1]], 'type/tuple', 'arg 0'],
    ['tuple element', [T.tuple(T.u8, T.string)], [[1, 2]], 'type/string', 'arg 0[1]'],
    ['unknown variant tag', [T.variant({ a: T.u8, b: null })], [{ tag: 'c' }], 'type/variant', 'arg 0'],
    ['variant of null', [T.variant({ a: T.u8, b: null })], [null], 'type/variant', 'arg 0'],
    ['variant payload', [T.variant({ a: T.u8, b: null })], [{ tag: 'a', value: 'x' }], 'type/u8', 'arg 0 .value'],
    ['unknown enum case', [T.enum_('a', 'b')], ['c'], 'type/enum', 'arg 0'],
    ['enum of an object', [T.enum_('a', 'b')], [{ toString: () => 'a' }], 'type/enum', 'arg 0'],
    ['non-boolean flag', [T.flags('a', 'b')], [{ a: 1 }], 'type/flags', 'arg 0'],
    ['flags of null', [T.flags('a', 'b')], [null], 'type/flags', 'arg 0'],
    ['option payload', [T.option(T.u8)], ['x'], 'type/u8', 'arg 0'],
    ['tagged option', [T.option(T.option(T.u8))], [5], 'type/option-tagged', 'arg 0'],
    ['tagged option payload', [T.option(T.option(T.u8))], [{ tag: 'some', value: 'x' }], 'type/u8', 'arg 0 .value'],
    ['result tag', [T.list(T.result(T.u8, null))], [[{ tag: 'error' }]], 'type/result', 'arg 0[0]'],
    ['map of an array', [T.map(T.string, T.u8)], [[['a', 1]]], 'type/map', 'arg 0'],
    ['map value', [T.map(T.string, T.u8)], [new Map([['a', 1], ['b', 'x']])], 'type/u8', 'arg 0[1][1]'],
  ];
  for (const [name, params, args, code, path] of cases) {
    it(name, () => {
      const core = makeCore();
      new Uint8Array(core.memory.buffer).fill(0xaa);
      let called = false;
      const { fn } = liftWith(T.func(params), { memory: true, realloc: true }, () => void (called = true), core);
      const e = thrown(() => fn(...args));
      expect(e).toBeInstanceOf(TypeError);
      expect([e.code, e.path]).toEqual([code, path]);
      expect(e.message.startsWith(`${path}: expected `)).toBe(true);
      // nothing allocated or written, core not called
      expect(core.reallocCalls).toEqual([]);
      expect(new Uint8Array(core.memory.buffer).every((x) => x === 0xaa)).toBe(true);
      expect(called).toBe(false);
    });
  }

  it('a bad value after strings and lists: nothing is lowered', () => {
    const core = makeCore();
    const { fn } = liftWith(T.func([T.string, T.list(T.string), T.record({ n: T.u8 })]), { memory: true, realloc: true }, () => 0, core);
    expect(thrown(() => fn('a string', ['x', 'y'], { n: -1 })).path).toBe('arg 2 .n');
    expect(core.reallocCalls).toEqual([]);
  });
});

describe('TypeErrors for wrong host results (imports)', () => {
  it('names the result', () => {
    const { fn } = lowerWith(T.func([], T.u8), {}, () => 'x');
    expect(thrown(() => fn())).toMatchObject({ code: 'type/u8', path: 'result' });
  });
  it('names a ComponentError payload', () => {
    const { fn } = lowerWith(T.func([], T.result(T.u8, T.string)), { memory: true, realloc: true }, () => {
      throw new ComponentError(5);
    });
    expect(thrown(() => fn(0))).toMatchObject({ code: 'type/string', path: 'result .payload' });
  });
  it('writes nothing through the out-pointer before failing', () => {
    const core = makeCore();
    const { fn } = lowerWith(T.func([], T.tuple(T.string, T.u8)), { memory: true, realloc: true }, () => ['abc', 1000], core);
    expect(thrown(() => fn(128))).toMatchObject({ code: 'type/u8', path: 'result[1]' });
    expect(core.reallocCalls).toEqual([]);
  });
});

function trapCode(f: () => unknown): string {
  const e = thrown(f);
  expect(e).toBeInstanceOf(WebAssembly.RuntimeError);
  return e.code;
}

describe('traps lifting core results (exports)', () => {
  const mem = { memory: true, realloc: true };
  it('bool: any non-zero i32 is true', () => {
    expect(liftWith(T.func([], T.bool), {}, () => 2).fn()).toBe(true);
    expect(liftWith(T.func([], T.bool), {}, () => -1).fn()).toBe(true);
    expect(liftWith(T.func([], T.bool), {}, () => 0).fn()).toBe(false);
  });
  it('invalid chars', () => {
    expect(trapCode(() => liftWith(T.func([], T.char), {}, () => 0xd800).fn())).toBe('trap/invalid-char');
    expect(trapCode(() => liftWith(T.func([], T.char), {}, () => 0x110000).fn())).toBe('trap/invalid-char');
    expect(trapCode(() => liftWith(T.func([], T.char), {}, () => -1).fn())).toBe('trap/invalid-char');
  });
  it('invalid discriminants', () => {
    expect(trapCode(() => liftWith(T.func([], T.enum_('a', 'b')), {}, () => 2).fn())).toBe('trap/invalid-discriminant');
    expect(trapCode(() => liftWith(T.func([], T.enum_('a', 'b')), {}, () => -1).fn())).toBe('trap/invalid-discriminant');
    expect(trapCode(() => liftWith(T.func([], T.variant({ a: null, b: null })), {}, () => 2).fn())).toBe('trap/invalid-discriminant');
    expect(trapCode(() => liftWith(T.func([], T.result(null, null)), {}, () => 2).fn())).toBe('trap/invalid-discriminant');
  });
  it('invalid discriminant in memory', () => {
    const core = makeCore();
    const { fn } = liftWith(T.func([], T.option(T.string)), mem, () => {
      new DataView(core.memory.buffer).setUint8(64, 7);
      return 64;
    }, core);
    expect(trapCode(() => fn())).toBe('trap/invalid-discriminant');
  });
  it('unknown flag bits are ignored', () => {
    expect(liftWith(T.func([], T.flags('a', 'b')), {}, () => 0xff).fn()).toEqual({ a: true, b: true });
  });
  it('integers are wrapped to their width', () => {
    expect(liftWith(T.func([], T.u8), {}, () => 0x1ff).fn()).toBe(0xff);
    expect(liftWith(T.func([], T.s16), {}, () => 0xffff).fn()).toBe(-1);
    expect(liftWith(T.func([], T.u32), {}, () => -1).fn()).toBe(2 ** 32 - 1);
    expect(liftWith(T.func([], T.u64), {}, () => -1n).fn()).toBe(2n ** 64n - 1n);
  });
  it('return pointer misaligned or out of bounds', () => {
    expect(trapCode(() => liftWith(T.func([], T.string), mem, () => 66).fn())).toBe('trap/misaligned-pointer');
    expect(trapCode(() => liftWith(T.func([], T.string), mem, () => 65536 - 4).fn())).toBe('trap/out-of-bounds');
  });
  function returningString(encoding: 'utf8' | 'utf16' | 'latin1+utf16', ptr: number, len: number, bytes: number[]) {
    const core = makeCore();
    return liftWith(T.func([], T.string), { ...mem, stringEncoding: encoding }, () => {
      const dv = new DataView(core.memory.buffer);
      new Uint8Array(core.memory.buffer).set(bytes, 128);
      dv.setUint32(64, ptr, true);
      dv.setUint32(68, len, true);
      return 64;
    }, core).fn;
  }
  it('invalid strings', () => {
    expect(trapCode(returningString('utf8', 128, 2, [0xc3, 0x28]))).toBe('trap/invalid-utf8');
    expect(trapCode(returningString('utf16', 128, 1, [0x00, 0xdc]))).toBe('trap/invalid-utf16');
    expect(trapCode(returningString('latin1+utf16', 128, 0x8000_0001, [0x00, 0xd8]))).toBe('trap/invalid-utf16');
    expect(trapCode(returningString('utf16', 129, 1, []))).toBe('trap/misaligned-pointer');
    expect(trapCode(returningString('utf8', 65535, 2, []))).toBe('trap/out-of-bounds');
    expect(returningString('latin1+utf16', 128, 2, [0xe9, 0x41])()).toBe('éA');
  });
  it('list ranges', () => {
    const list = (ptr: number, len: number, elem: ValType) => {
      const core = makeCore();
      return liftWith(T.func([], T.list(elem)), mem, () => {
        const dv = new DataView(core.memory.buffer);
        dv.setUint32(64, ptr, true);
        dv.setUint32(68, len, true);
        return 64;
      }, core).fn;
    };
    expect(trapCode(list(65000, 1000, T.string))).toBe('trap/out-of-bounds');
    expect(trapCode(list(130, 1, T.string))).toBe('trap/misaligned-pointer');
    expect(trapCode(list(0, 2 ** 26, T.string))).toBe('trap/list-too-long');
    expect(trapCode(list(130, 1, T.u32))).toBe('trap/misaligned-pointer');
    expect(trapCode(list(0, 2 ** 27, T.u32))).toBe('trap/list-too-long');
    expect(list(128, 0, T.string)()).toEqual([]);
  });
});

describe('traps lowering through a misbehaving realloc', () => {
  for (const [mode, code] of [['misaligned', 'trap/realloc-misaligned'], ['oob', 'trap/realloc-out-of-bounds']] as const) {
    it(mode, () => {
      const core = makeCore();
      core.reallocMode = mode;
      const { fn } = liftWith(T.func([T.list(T.u32)]), { memory: true, realloc: true }, () => 0, core);
      expect(trapCode(() => fn([1, 2]))).toBe(code);
    });
  }
  it('strings too (utf16)', () => {
    const core = makeCore();
    core.reallocMode = 'misaligned';
    const { fn } = liftWith(T.func([T.string]), { memory: true, realloc: true, stringEncoding: 'utf16' }, () => 0, core);
    expect(trapCode(() => fn('x'))).toBe('trap/realloc-misaligned');
  });
});

describe('traps lifting core arguments (imports)', () => {
  it('spilled parameters: misaligned pointer', () => {
    const { fn } = lowerWith(T.func(Array(17).fill(T.u32)), { memory: true }, () => undefined);
    expect(trapCode(() => fn(66))).toBe('trap/misaligned-pointer');
    expect(trapCode(() => fn(65536 - 8))).toBe('trap/out-of-bounds');
  });
  it('out-pointer checked before the result is stored', () => {
    const { fn } = lowerWith(T.func([], T.string), { memory: true, realloc: true }, () => 'x');
    expect(trapCode(() => fn(3))).toBe('trap/misaligned-pointer');
  });
  it('char argument', () => {
    const { fn } = lowerWith(T.func([T.char]), {}, () => undefined);
    expect(trapCode(() => fn(0xdfff))).toBe('trap/invalid-char');
  });
  it('string argument', () => {
    const core = makeCore();
    new Uint8Array(core.memory.buffer).set([0xff], 100);
    const { fn } = lowerWith(T.func([T.string]), { memory: true }, () => undefined, core);
    expect(trapCode(() => fn(100, 1))).toBe('trap/invalid-utf8');
  });
});

describe('NaN canonicalisation', () => {
  it('f32 and f64 from core become the canonical NaN', () => {
    const f32 = liftWith(T.func([], T.f32), {}, () => new Float32Array(new Uint32Array([0x7fa00001]).buffer)[0]!).fn();
    expect(Number.isNaN(f32)).toBe(true);
    const bits = new Uint32Array(new Float32Array([f32 as number]).buffer)[0];
    expect(bits).toBe(0x7fc00000);
  });
  it('in typed arrays', () => {
    const { call } = roundTrip(T.func([T.list(T.f32)], T.list(T.f32)), {});
    const weird = new Float32Array(new Uint32Array([0xffc00001, 0x7f800001]).buffer);
    const out = call(weird) as Float32Array;
    expect([...new Uint32Array(out.buffer)]).toEqual([0x7fc00000, 0x7fc00000]);
  });
});
