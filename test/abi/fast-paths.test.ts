/**
 * The faster export glue keeps the ABI contract: a list of flat records is
 * stored through one memory view fetched before the loop (fetched again only
 * when the loop body may call into wasm), and arguments whose flat lowering is
 * pure (scalars, records and cases of them) are lowered as they are checked;
 * a TypeError anywhere still comes before any allocation or write.
 */
import { describe, expect, it } from 'vitest';
import { planLift } from '../../compiler/abi/plan.js';
import type { Instr } from '../../compiler/abi/instructions.js';
import * as T from './types.js';
import { liftWith, makeCore } from './harness.js';

const mem = { memory: true, realloc: true };
const item = T.record({ id: T.u32, price: T.f64, qty: T.u16 });
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i * 3, price: i + 0.5, qty: i % 7 }));

function thrown(f: () => unknown): TypeError & { code: string; path: string } {
  try {
    f();
  } catch (e) {
    return e as TypeError & { code: string; path: string };
  }
  throw new Error('did not throw');
}

/** The op names of a block, loops and cases as nested arrays. */
function shape(body: readonly Instr[]): unknown[] {
  return body.map((i) => (i.op === 'loop' ? { loop: shape(i.body) } : i.op));
}

describe('list<record> lowering', () => {
  it('fetches the view once, before the store loop', () => {
    const plan = planLift(T.func([T.list(item)], T.f64), mem);
    const top = shape(plan.body);
    const loops = top.filter((x) => typeof x === 'object') as { loop: unknown[] }[];
    // the check loop, then the store loop with no view inside
    expect(loops).toHaveLength(2);
    expect(loops[1]!.loop).not.toContain('view');
    expect(loops[1]!.loop.filter((op) => op === 'store')).toHaveLength(3);
    expect(top[top.indexOf(loops[1]) - 1]).toBe('view');
  });

  it('fetches the view in every iteration when the body calls into wasm', () => {
    const plan = planLift(T.func([T.list(T.record({ s: T.string, n: T.u32 }))]), mem);
    const loops = shape(plan.body).filter((x) => typeof x === 'object') as { loop: unknown[] }[];
    expect(loops.at(-1)!.loop).toContain('lower-string');
    expect(loops.at(-1)!.loop).toContain('view');
  });

  it('stores every field, into the memory realloc grew', () => {
    const core = makeCore(1);
    const list = items(3000); // 72,000 bytes: realloc grows the memory
    let seen: unknown[] = [];
    const { fn } = liftWith(T.func([T.list(item)], T.u32), mem, (ptr, len) => {
      const dv = new DataView(core.memory.buffer);
      const p = Number(ptr);
      seen = Array.from({ length: Number(len) }, (_, i) => ({
        id: dv.getUint32(p + i * 24, true),
        price: dv.getFloat64(p + i * 24 + 8, true),
        qty: dv.getUint16(p + i * 24 + 16, true),
      }));
      return Number(len);
    }, core);
    expect(fn(list)).toBe(3000);
    expect(core.memory.buffer.byteLength).toBeGreaterThan(65536);
    expect(seen).toEqual(list);
  });

  it('a TypeError on element 999 of 1000: nothing allocated or written', () => {
    const core = makeCore();
    new Uint8Array(core.memory.buffer).fill(0xaa);
    let called = false;
    const { fn } = liftWith(T.func([T.list(item)], T.u32), mem, () => ((called = true), 0), core);
    const list: unknown[] = items(1000);
    list[999] = { id: 1, price: 2, qty: 65536 };
    const e = thrown(() => fn(list));
    expect(e).toBeInstanceOf(TypeError);
    expect([e.code, e.path]).toEqual(['type/u16', 'arg 0[999] .qty']);
    expect(core.reallocCalls).toEqual([]);
    expect(new Uint8Array(core.memory.buffer).every((x) => x === 0xaa)).toBe(true);
    expect(called).toBe(false);
  });
});

describe('arguments lowered as they are checked', () => {
  const shapeT = T.variant({ circle: T.f32, rect: T.tuple(T.f32, T.f32), empty: null });
  const ft = T.func([T.option(T.u32), T.result(T.u32, T.u8), shapeT, T.string], T.u32);

  it('a TypeError in a later argument: no string lowered, core not called', () => {
    const core = makeCore();
    new Uint8Array(core.memory.buffer).fill(0xaa);
    let called = false;
    const { fn } = liftWith(ft, mem, () => ((called = true), 0), core);
    const e = thrown(() => fn(5, { tag: 'ok', value: 7 }, { tag: 'rect', value: [1, 'x'] }, 'abc'));
    expect([e.code, e.path]).toEqual(['type/f32', 'arg 2 .value[1]']);
    expect(thrown(() => fn(5, { tag: 'ok', value: 7 }, { tag: 'empty' }, 3)).path).toBe('arg 3');
    expect(thrown(() => fn(5, { tag: 'err', value: 256 }, { tag: 'empty' }, 'abc')).path).toBe('arg 1 .value');
    expect(thrown(() => fn(-1, { tag: 'ok', value: 1 }, { tag: 'empty' }, 'abc')).path).toBe('arg 0');
    expect(core.reallocCalls).toEqual([]);
    expect(new Uint8Array(core.memory.buffer).every((x) => x === 0xaa)).toBe(true);
    expect(called).toBe(false);
  });

  it('gives the core function the flat values of every case (f32 slots joined as f32)', () => {
    let flat: number[] = [];
    const { fn } = liftWith(ft, mem, (...args) => ((flat = args.map(Number)), 0));
    fn(5, { tag: 'ok', value: 7 }, { tag: 'circle', value: 2 }, '');
    expect(flat.slice(0, 7)).toEqual([1, 5, 0, 7, 0, 2, 0]);
    fn(undefined, { tag: 'err', value: 3 }, { tag: 'rect', value: [2, 3] }, '');
    expect(flat.slice(0, 7)).toEqual([0, 0, 1, 3, 1, 2, 3]);
    fn(null, { tag: 'ok', value: 1 }, { tag: 'empty' }, '');
    expect(flat.slice(0, 7)).toEqual([0, 0, 0, 1, 2, 0, 0]);
  });

  it("reads `value`, jco's `val` only when there is no `value`", () => {
    let flat: number[] = [];
    const { fn } = liftWith(T.func([T.variant({ a: T.option(T.u8), b: T.u8 })]), {}, (...args) => void (flat = args.map(Number)));
    fn({ tag: 'b', val: 9 });
    expect(flat).toEqual([1, 9, 0]);
    // an own `value: undefined` is the payload (none), not a cue to read `val`
    fn({ tag: 'a', value: undefined, val: 4 });
    expect(flat).toEqual([0, 0, 0]);
    fn({ tag: 'a', val: 4 });
    expect(flat).toEqual([0, 1, 4]);
    expect(thrown(() => fn({ tag: 'b', value: null, val: 1 })).message).toBe('arg 0 .value: expected an integer in [0, 255], got null');
  });
});
