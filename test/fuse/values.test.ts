/**
 * Fused adapters for every value type: a JS value is lowered into the
 * caller's memory (with the caller's options), goes through the adapter into
 * the callee's memory (with the callee's options), is lifted there for the
 * callee's host function, and comes back the same way.
 */
import { describe, expect, it } from 'vitest';
import type { ValType } from '../../compiler/types/model.js';
import type { StringEncoding } from '../../compiler/abi/instructions.js';
import { planFused } from '../../compiler/abi/fuse.js';
import { formatPlan } from '../../compiler/abi/plan-print.js';
import { definedBy, operandsOf, walk } from '../../compiler/abi/instr-walk.js';
import type { FuncPlan, Instr } from '../../compiler/abi/instructions.js';
import { CompileError } from '../../compiler/errors/index.js';
import * as T from '../abi/types.js';
import { buildFused, echoPipeline, makeCore } from './harness.js';

const ENCODINGS: StringEncoding[] = ['utf8', 'utf16', 'latin1+utf16'];
const PAIRS = ENCODINGS.flatMap((a) => ENCODINGS.map((b) => [a, b] as const));
const mem = { memory: true, realloc: true };

const STRINGS = ['', 'plain ascii', 'café ÿ', 'héllo 世界', '😀 astral 𝄞', 'é'.repeat(40) + 'Ā', 'x'.repeat(100) + '\u{10ffff}'];

/** Every Var defined once, before use. */
function checkWellFormed(plan: FuncPlan): void {
  const defined = new Set<number>();
  const def = (v: number) => {
    expect(defined.has(v), `v${v} defined twice`).toBe(false);
    defined.add(v);
  };
  const visit = (body: readonly Instr[]) => {
    for (const i of body) {
      for (const v of operandsOf(i)) expect(defined.has(v), `v${v} used before definition in ${i.op}`).toBe(true);
      if (i.op === 'loop') {
        def(i.index);
        visit(i.body);
      }
      if (i.op === 'switch') {
        for (const c of i.cases) {
          visit(c.body);
          for (const y of c.yields) expect(defined.has(y)).toBe(true);
          expect(c.yields.length).toBe(i.dsts.length);
        }
      }
      definedBy(i).forEach(def);
    }
  };
  visit(plan.body);
}

const shape = T.variant({ circle: T.f32, big: T.u64, named: T.string, nothing: null, pair: T.tuple(T.s8, T.f64) });
const person = T.record({ name: T.string, tags: T.list(T.string), age: T.u8 });

/** [type, sample values] */
const ZOO: [string, ValType, unknown[]][] = [
  ['bool', T.bool, [true, false]],
  ['s8', T.s8, [-128, 127, 0]],
  ['u8', T.u8, [255, 0]],
  ['s16', T.s16, [-32768, 32767]],
  ['u16', T.u16, [65535]],
  ['s32', T.s32, [-(2 ** 31), 2 ** 31 - 1]],
  ['u32', T.u32, [2 ** 32 - 1, 2 ** 31]],
  ['s64', T.s64, [-(2n ** 63n), 2n ** 63n - 1n]],
  ['u64', T.u64, [2n ** 64n - 1n, 0n]],
  ['f32', T.f32, [1.5, -0, Infinity, NaN]],
  ['f64', T.f64, [Math.PI, -Infinity, NaN]],
  ['char', T.char, ['a', 'é', '世', '😀', '\u{10ffff}']],
  ['string', T.string, STRINGS],
  ['list<u8>', T.list(T.u8), [new Uint8Array([1, 2, 255]), new Uint8Array(0)]],
  ['list<f64>', T.list(T.f64), [new Float64Array([1.5, -2])]],
  ['list<s64>', T.list(T.s64), [new BigInt64Array([-1n, 5n])]],
  ['list<bool>', T.list(T.bool), [[true, false, true]]],
  ['list<char>', T.list(T.char), [['a', '😀']]],
  ['list<string>', T.list(T.string), [STRINGS, []]],
  ['list<record<string>>', T.list(person), [[{ name: 'Zoë', tags: ['a', '😀'], age: 7 }, { name: '', tags: [], age: 0 }]]],
  ['list<list<record>>', T.list(T.list(person)), [[[{ name: '世界', tags: ['x'], age: 1 }], [], [{ name: 'b', tags: ['é', 'ÿ'], age: 2 }]]]],
  ['list<tuple<u32,u16>>', T.list(T.tuple(T.u32, T.u16)), [[[1, 2], [3, 4]]]],
  ['list<tuple<u32,u32>> (plain)', T.list(T.tuple(T.u32, T.u32)), [[[1, 2], [2 ** 32 - 1, 4]]]],
  ['list<u16, 3>', T.list(T.u16, 3), [[1, 2, 3]]],
  ['list<string, 2>', T.list(T.string, 2), [['é', '😀']]],
  ['list<u8, 20>', T.list(T.u8, 20), [Array.from({ length: 20 }, (_, i) => i)]],
  ['list<string, 12>', T.list(T.string, 12), [Array.from({ length: 12 }, (_, i) => `s${i}é`)]],
  ['record', T.record({ a: T.u8, b: T.string, c: T.option(T.char), d: T.f32 }), [{ a: 1, b: 'ß', c: '😀', d: 2.5 }, { a: 0, b: '', c: undefined, d: 0 }]],
  ['tuple', T.tuple(T.s16, T.string, T.bool), [[-5, 'ok', true]]],
  ['variant', shape, [
    { tag: 'circle', value: 1.25 }, { tag: 'big', value: 2n ** 64n - 1n }, { tag: 'named', value: 'Ω' },
    { tag: 'nothing' }, { tag: 'pair', value: [-1, 0.5] },
  ]],
  ['enum', T.enum_('red', 'green', 'blue'), ['red', 'blue']],
  ['option<option<string>>', T.option(T.option(T.string)), [{ tag: 'none' }, { tag: 'some', value: undefined }, { tag: 'some', value: 'x' }]],
  ['result<string,u32>', T.result(T.string, T.u32), [{ tag: 'ok', value: 'fine' }, { tag: 'err', value: 7 }]],
  ['result', T.result(null, null), [{ tag: 'ok' }, { tag: 'err' }]],
  ['flags<3>', T.flags('a', 'b', 'c'), [{ a: true, b: false, c: true }]],
  ['flags<12>', T.flags(...T.names('f', 12)), [Object.fromEntries(T.names('f', 12).map((n, i) => [n, i % 3 === 0]))]],
  ['flags<20>', T.flags(...T.names('f', 20)), [Object.fromEntries(T.names('f', 20).map((n, i) => [n, i % 2 === 0]))]],
  ['map<string,u32>', T.map(T.string, T.u32), [new Map([['é', 1], ['😀', 2]])]],
  ['list<variant>', T.list(shape), [[{ tag: 'named', value: '世' }, { tag: 'circle', value: 3 }, { tag: 'nothing' }]]],
];

const same = (got: unknown, want: unknown) => expect(got).toEqual(want);

describe('fused adapters carry every value type', () => {
  for (const [name, t, samples] of ZOO) {
    it(`${name}: as a parameter and as a result, across encodings`, () => {
      // a result<T,E> function result is a return or a throw on the JS side: wrap it
      const wrap = t.kind === 'result';
      const ft = T.func([t], wrap ? T.record({ v: t }) : t);
      const impl = (x: unknown) => (wrap ? { v: x } : x);
      for (const [a, b] of [['utf8', 'utf16'], ['latin1+utf16', 'utf8'], ['utf16', 'latin1+utf16']] as const) {
        const e = echoPipeline(ft, { stringEncoding: a }, { stringEncoding: b }, impl);
        checkWellFormed(e.adapter.plan);
        for (const v of samples) {
          same(e.call(v), impl(v));
          same(e.seen.at(-1)![0], v);
        }
        // post-return of the callee after every call
        expect(e.postReturns.length).toBe(samples.length);
      }
    });
  }

  it('strings: all 9 encoding pairs, both ways', () => {
    for (const [a, b] of PAIRS) {
      const e = echoPipeline(T.func([T.string, T.string], T.string), { stringEncoding: a }, { stringEncoding: b }, (x, y) => `${x}|${y}`);
      for (const s of STRINGS) {
        expect(e.call(s, s.toUpperCase()), `${a} → ${b}`).toBe(`${s}|${s.toUpperCase()}`);
        expect(e.seen.at(-1)).toEqual([s, s.toUpperCase()]);
      }
    }
  });

  it('nested lists of records of strings, all 9 pairs', () => {
    const t = T.list(T.record({ who: person, notes: T.list(T.option(T.string)) }));
    const v = [
      { who: { name: 'Ann 😀', tags: ['é', 'ÿ', '世界'], age: 30 }, notes: ['x', undefined, ''] },
      { who: { name: '', tags: [], age: 0 }, notes: [] },
    ];
    for (const [a, b] of PAIRS) {
      const e = echoPipeline(T.func([t], t), { stringEncoding: a }, { stringEncoding: b });
      expect(e.call(v)).toEqual(v);
      expect(e.seen).toEqual([[v]]);
    }
  });

  it('spills 17+ parameters and returns through a pointer', () => {
    const params = [T.string, T.u8, T.list(T.string), T.char, T.f64, ...Array(14).fill(T.u32), shape];
    const result = T.tuple(T.string, T.list(T.u16), shape);
    const ft = T.func(params, result);
    for (const [a, b] of PAIRS) {
      const e = echoPipeline(ft, { stringEncoding: a }, { stringEncoding: b }, (s, u, l, c, f, ...rest) => [
        `${s}${c}${f}`, new Uint16Array([u as number, (l as string[]).length]), rest.at(-1),
      ]);
      expect(e.adapter.plan.core.params).toEqual(['i32', 'i32']);
      expect(e.adapter.plan.fused!.calleeCore).toEqual({ params: ['i32'], results: ['i32'] });
      const args = ['é😀', 200, ['a', 'ÿ'], '世', 1.5, ...Array.from({ length: 14 }, (_, i) => 2 ** 32 - 1 - i), { tag: 'named', value: 'z' }];
      expect(e.call(...args)).toEqual(['é😀世1.5', new Uint16Array([200, 2]), { tag: 'named', value: 'z' }]);
      expect(e.seen).toEqual([args]);
      checkWellFormed(e.adapter.plan);
    }
  });

  it('plans well-formed adapters for a zoo of types, flat and spilled', () => {
    for (const [, t] of ZOO) {
      checkWellFormed(planFused(T.func([t, t], t), mem, mem));
      checkWellFormed(planFused(T.func(Array(17).fill(t), t), mem, { ...mem, stringEncoding: 'utf16' }));
    }
  });

  it('reads the caller flat and writes the callee flat: no memory for scalars', () => {
    const plan = planFused(T.func([T.u8, T.bool, T.char, T.enum_('a', 'b'), T.flags('x', 'y')], T.s16), {}, {});
    expect(plan.uses).toEqual({ memory: false, realloc: false, strings: false, handles: false });
    expect(formatPlan(plan)).toMatchInlineSnapshot(`
      "fused (i32 i32 i32 i32 i32) -> (i32)
        v0 = param #0
        v1 = param #1
        v2 = param #2
        v3 = param #3
        v4 = param #4
        enter
        v5 = conv u8 v0
        v6 = conv bool v1
        v7 = conv from-bool v6
        v8 = conv char v2
        v9 = check-disc v3 < 2
        v10 = mask v4 & 2 bits
        v11 = call-core (v5, v7, v8, v9, v10)
        v12 = conv s16 v11
        exit
        return v12"
    `);
  });

  it('copies lists of numbers in one go', () => {
    const plan = planFused(T.func([T.list(T.f32), T.list(T.tuple(T.u16, T.u16))], T.list(T.u8)), mem, mem);
    const ops: string[] = [];
    walk(plan.body, (i) => ops.push(i.op));
    expect(ops.filter((o) => o === 'copy-list')).toHaveLength(3);
    expect(ops).not.toContain('loop');
  });

  it('refuses async and (without hooks) handles; a 64-bit side keeps its pointer width (test/memory64 runs it)', () => {
    expect(() => planFused({ ...T.func([T.u32]), async: true }, {}, {})).toThrow(CompileError);
    const wide = planFused(T.func([T.string], T.string), { ...mem, ptrType: 'i64' }, mem);
    expect([wide.core.params, wide.fused!.calleeCore.params]).toEqual([['i64', 'i64', 'i64'], ['i32', 'i32']]);
    const own: ValType = { kind: 'own', resource: {} } as unknown as ValType;
    const plan = planFused(T.func([own]), {}, {});
    expect(plan.uses.handles).toBe(true);
    const side = makeCore();
    expect(() => buildFused(plan, () => {}, () => {}, side, side)).toThrow(/handles in a fused cross-component call/);
  });
});
