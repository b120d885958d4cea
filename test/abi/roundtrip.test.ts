/**
 * Round trips through emitted glue: JS → export wrapper (lower) → fake core →
 * import trampoline (lift → host echo → lower) → fake core → export wrapper
 * (lift) → JS. Every value type, nested ones, spills, all string encodings.
 */
import { describe, expect, it } from 'vitest';
import type { ValType } from '../../compiler/types/model.js';
import type { StringEncoding } from '../../compiler/abi/instructions.js';
import { ComponentError } from '../../runtime/component-error.js';
import * as T from './types.js';
import { roundTrip } from './harness.js';

type Case = [name: string, type: ValType, values: unknown[], expected?: unknown[]];

const point = T.record({ x: T.s32, 'y-pos': T.f64 });
const shape = T.variant({ circle: T.f32, square: T.u64, named: T.string, empty: null });

const CASES: Case[] = [
  ['bool', T.bool, [true, false]],
  ['s8', T.s8, [-128, 127, 0, -1]],
  ['u8', T.u8, [0, 255]],
  ['s16', T.s16, [-32768, 32767]],
  ['u16', T.u16, [0, 65535]],
  ['s32', T.s32, [-(2 ** 31), 2 ** 31 - 1, -0], [-(2 ** 31), 2 ** 31 - 1, 0]],
  ['u32', T.u32, [0, 2 ** 32 - 1, 2 ** 31]],
  ['s64', T.s64, [-(2n ** 63n), 2n ** 63n - 1n, 0n]],
  ['u64', T.u64, [0n, 2n ** 64n - 1n, 2n ** 63n]],
  ['f32', T.f32, [1.5, -0, Infinity, -Infinity, NaN, 3.4028234663852886e38]],
  ['f64', T.f64, [Math.PI, NaN, -Infinity, 5e-324]],
  ['char', T.char, ['a', 'é', '😀', '\u{10ffff}', '\0']],
  ['string', T.string, ['', 'hello', 'héllo wörld 😀', '\0x', 'ÿ'.repeat(40)]],
  ['list<u8>', T.list(T.u8), [new Uint8Array([1, 2, 255]), [3, 4]], [new Uint8Array([1, 2, 255]), new Uint8Array([3, 4])]],
  ['list<s64>', T.list(T.s64), [new BigInt64Array([-1n, 5n])]],
  ['list<u64>', T.list(T.u64), [[2n ** 64n - 1n]], [new BigUint64Array([2n ** 64n - 1n])]],
  ['list<f32>', T.list(T.f32), [new Float32Array([1.5, NaN, -0])]],
  ['list<f64>', T.list(T.f64), [[]], [new Float64Array([])]],
  ['list<s16>', T.list(T.s16), [new Int16Array([-1, 300])]],
  ['list<string>', T.list(T.string), [['a', '', 'é😀'], []]],
  ['list<bool>', T.list(T.bool), [[true, false, true]]],
  ['list<char>', T.list(T.char), [['a', '😀']]],
  ['list<list<u32>>', T.list(T.list(T.u32)), [[new Uint32Array([1, 2]), new Uint32Array([])]]],
  ['list from a Set', T.list(T.string), [new Set(['a', 'b'])], [['a', 'b']]],
  ['list<u8,3>', T.list(T.u8, 3), [[1, 2, 255]]],
  ['list<string,2>', T.list(T.string, 2), [['a', 'bé']]],
  ['list<u32,20>', T.list(T.u32, 20), [Array.from({ length: 20 }, (_, i) => i * 1000)]],
  ['list<point,10>', T.list(point, 10), [Array.from({ length: 10 }, (_, i) => ({ x: i ? -i : 0, yPos: i / 2 }))]],
  ['record', point, [{ x: -5, yPos: 0.25 }]],
  ['record with string and list', T.record({ 'first-name': T.string, age: T.u8, tags: T.list(T.string) }),
    [{ firstName: 'Zoë', age: 42, tags: ['a', 'b'] }]],
  ['tuple', T.tuple(T.u8, T.string, T.f64), [[1, 'x', 2.5]]],
  ['tuple<u64,s8>', T.tuple(T.u64, T.s8), [[2n ** 64n - 1n, -3]]],
  ['variant', shape, [
    { tag: 'circle', value: 1.5 }, { tag: 'square', value: 2n ** 64n - 1n },
    { tag: 'named', value: 'hé' }, { tag: 'empty' }, { tag: 'circle', value: NaN },
  ]],
  ['variant f32/u32 join', T.variant({ a: T.f32, b: T.u32 }), [{ tag: 'a', value: -2.5 }, { tag: 'b', value: 2 ** 32 - 1 }]],
  ['variant f64/s32 join', T.variant({ a: T.f64, b: T.s32 }), [{ tag: 'a', value: Math.E }, { tag: 'b', value: -7 }]],
  ['enum', T.enum_('red', 'green', 'blue-ish'), ['red', 'blue-ish']],
  ['enum of 300', T.enum_(...T.names('e', 300)), ['e0', 'e299']],
  ['flags', T.flags('read', 'write', 'exec-it'), [{ read: true, write: false, execIt: true }, {}],
    [{ read: true, write: false, execIt: true }, { read: false, write: false, execIt: false }]],
  ['flags32', T.flags(...T.names('f', 32)), [{ f0: true, f31: true }],
    [Object.fromEntries(T.names('f', 32).map((n) => [n, n === 'f0' || n === 'f31']))]],
  ['flags12', T.flags(...T.names('f', 12)), [{ f11: true }],
    [Object.fromEntries(T.names('f', 12).map((n) => [n, n === 'f11']))]],
  ['option<u32>', T.option(T.u32), [undefined, 5, null], [undefined, 5, undefined]],
  ['option<string>', T.option(T.string), [undefined, 'x']],
  ['option<option<u8>>', T.option(T.option(T.u8)),
    [{ tag: 'none' }, { tag: 'some', value: undefined }, { tag: 'some', value: 3 }, undefined],
    [{ tag: 'none' }, { tag: 'some', value: undefined }, { tag: 'some', value: 3 }, { tag: 'none' }]],
  ['result<u32,string> inside a tuple', T.tuple(T.result(T.u32, T.string)),
    [[{ tag: 'ok', value: 1 }], [{ tag: 'err', value: 'bad' }]]],
  ['result<_,_> inside a list', T.list(T.result(null, null)), [[{ tag: 'ok' }, { tag: 'err' }]]],
  ['map<string,u32>', T.map(T.string, T.u32), [new Map([['a', 1], ['b', 2]]), { c: 3 }],
    [new Map([['a', 1], ['b', 2]]), new Map([['c', 3]])]],
  ['map<u8,list<string>>', T.map(T.u8, T.list(T.string)), [new Map([[1, ['x']], [2, []]])]],
  ['nested', T.list(T.record({
    name: T.string,
    children: T.list(T.option(shape)),
    meta: T.tuple(T.char, T.flags('a', 'b'), T.enum_('x', 'y')),
  })), [[
    { name: 'root', children: [{ tag: 'named', value: 'kid' }, undefined], meta: ['😀', { a: true, b: false }, 'y'] },
    { name: '', children: [], meta: ['z', { a: false, b: false }, 'x'] },
  ]]],
];

describe('round trips f(x: T) -> T', () => {
  for (const [name, type, values, expected] of CASES) {
    it(name, () => {
      const seen: unknown[] = [];
      const { call, core } = roundTrip(T.func([type], type), {}, (x) => (seen.push(x), x));
      values.forEach((v, k) => {
        const out = call(v);
        const want = expected ? expected[k] : v;
        expect(out).toEqual(want);
        expect(seen[k]).toEqual(want);
        if (ArrayBuffer.isView(want)) expect(out).toBeInstanceOf(want.constructor);
      });
      expect(core.postReturnCalls).toEqual([]);
    });
  }
});

describe('strings in all three encodings', () => {
  const STRINGS = ['', 'ascii', 'Latin-1: ÿéà', 'BMP: €ĀΩ', 'astral: 😀𝄞', 'mixed é😀x', 'é'.repeat(100) + '€'];
  for (const enc of ['utf8', 'utf16', 'latin1+utf16'] as StringEncoding[]) {
    it(enc, () => {
      const { call } = roundTrip(T.func([T.string, T.list(T.string)], T.tuple(T.string, T.list(T.string))), { stringEncoding: enc },
        (s, l) => [s, l]);
      for (const s of STRINGS) expect(call(s, [s, 'x' + s])).toEqual([s, [s, 'x' + s]]);
    });
  }
});

describe('spills', () => {
  it('17 parameters go through memory, both ways', () => {
    const types = [T.u8, T.s8, T.u16, T.s16, T.u32, T.s32, T.u64, T.s64, T.f32, T.f64, T.char, T.bool, T.string,
      T.list(T.u8), T.option(T.u8), T.enum_('a', 'b'), T.u32];
    const { call, lift, lower } = roundTrip(T.func(types, T.tuple(...types)), {}, (...args) => args);
    expect(lift.plan.core.params).toEqual(['i32']);
    expect(lower.plan.core.params).toEqual(['i32', 'i32']);
    const args = [255, -128, 65535, -32768, 2 ** 32 - 1, -(2 ** 31), 2n ** 64n - 1n, -(2n ** 63n), 0.5, Math.PI, '😀', true,
      'héllo', new Uint8Array([9]), 7, 'b', 123];
    expect(call(...args)).toEqual(args);
  });
  it('16 flat parameters stay flat', () => {
    const { call, lift } = roundTrip(T.func(Array(16).fill(T.u32), T.u32), {}, (...xs) => (xs as number[]).reduce((a, b) => a + b));
    expect(lift.plan.core.params).toHaveLength(16);
    expect(call(...Array.from({ length: 16 }, (_, i) => i))).toBe(120);
  });
  it('several parameters of several kinds', () => {
    const { call } = roundTrip(T.func({ a: T.string, b: T.list(T.u32), c: T.option(T.string) }, T.tuple(T.string, T.u32)), {},
      (a, b, c) => [`${a}${c ?? '-'}`, (b as Uint32Array).length]);
    expect(call('x', [1, 2, 3], undefined)).toEqual(['x-', 3]);
    expect(call('x', new Uint32Array(5), 'y')).toEqual(['xy', 5]);
  });
});

describe('memory growth while lowering and lifting', () => {
  it('views are refreshed after every allocation', () => {
    const { call, core } = roundTrip(T.func([T.list(T.record({ s: T.string, n: T.u32 }))], T.list(T.record({ s: T.string, n: T.u32 }))), {});
    const big = Array.from({ length: 2000 }, (_, i) => ({ s: `${i}`.padEnd(100, 'é'), n: i }));
    expect(call(big)).toEqual(big);
    expect(core.memory.buffer.byteLength).toBeGreaterThan(65536 * 4);
  });
  it('typed arrays too', () => {
    const { call } = roundTrip(T.func([T.list(T.u32)], T.list(T.u32)), {});
    const big = Uint32Array.from({ length: 100_000 }, (_, i) => i * 7);
    expect(call(big)).toEqual(big);
  });
});

describe('a result<T,E> function result', () => {
  const ft = T.func([T.u32], T.result(T.string, T.record({ code: T.u16 })));
  const host = (n: unknown) => {
    if (n === 0) throw new ComponentError({ code: 404 });
    if (n === 1) throw new RangeError('host bug');
    return 'ok ' + n;
  };
  it('returns ok and throws err as ComponentError', () => {
    const { call } = roundTrip(ft, { postReturn: true }, host);
    expect(call(7)).toBe('ok 7');
    expect(() => call(0)).toThrow(ComponentError);
    try {
      call(0);
    } catch (e) {
      expect((e as ComponentError).payload).toEqual({ code: 404 });
    }
  });
  it('lets other host exceptions through', () => {
    const { call } = roundTrip(ft, {}, host);
    expect(() => call(1)).toThrow(RangeError);
  });
  it('result<_, _>: undefined, or ComponentError(undefined)', () => {
    const { call } = roundTrip(T.func([T.bool], T.result(null, null)), {}, (fail) => {
      if (fail) throw new ComponentError('ignored');
    });
    expect(call(false)).toBeUndefined();
    expect(() => call(true)).toThrow(ComponentError);
  });
  it('flat result<u8, u8>', () => {
    const { call, lift } = roundTrip(T.func([T.u8], T.result(T.u8, T.u8)), {}, (n) => {
      if ((n as number) > 10) throw new ComponentError(n);
      return n;
    });
    expect(lift.plan.core.results).toEqual(['i32']);
    expect(lift.plan.core.results.length).toBe(1);
    expect(call(3)).toBe(3);
    expect(() => call(11)).toThrow(ComponentError);
  });
});

describe('post-return', () => {
  it('is called with the core results after lifting', () => {
    const { call, core } = roundTrip(T.func([T.string], T.string), { postReturn: true }, (s) => s);
    expect(call('abc')).toBe('abc');
    expect(core.postReturnCalls).toHaveLength(1);
    expect(core.postReturnCalls[0]).toHaveLength(1);
  });
  it('gets no arguments for a function without results', () => {
    const { call, core } = roundTrip(T.func([T.u8]), { postReturn: true }, () => undefined);
    expect(call(1)).toBeUndefined();
    expect(core.postReturnCalls).toEqual([[]]);
  });
});
