import { describe, expect, it } from 'vitest';
import { planLift, planLower } from './plan.js';
import { formatPlan } from './plan-print.js';
import { definedBy, operandsOf, walk } from './instr-walk.js';
import type { FuncPlan, Instr } from './instructions.js';
import { CompileError } from '../errors/index.js';
import * as T from '../../test/abi/types.js';

const mem = { memory: true, realloc: true };

/** Every Var is defined once, before use (blocks: payloads, loop indices and joins defined by their instruction). */
function checkWellFormed(plan: FuncPlan): void {
  const defined = new Set<number>();
  const def = (v: number) => {
    expect(defined.has(v), `v${v} defined twice`).toBe(false);
    defined.add(v);
  };
  const visit = (body: readonly Instr[]) => {
    for (const i of body) {
      for (const v of operandsOf(i)) {
        if (i.op === 'loop' || (i.op === 'check' && v !== i.src)) continue;
        expect(defined.has(v), `v${v} used before definition in ${i.op}`).toBe(true);
      }
      if (i.op === 'loop') {
        def(i.index);
        visit(i.body);
      }
      if (i.op === 'match' || i.op === 'switch') {
        for (const c of i.cases) {
          if (i.op === 'match' && c.payload !== null) def(c.payload);
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

describe('plans', () => {
  it('u32 -> u32', () => {
    expect(formatPlan(planLift(T.func([T.u32], T.u32)))).toBe(
      ['lift (i32) -> (i32)', '  v0 = arg #0', '  check u32 v0 @ arg 0', '  enter', '  v1 = call-core (v0)',
        '  v2 = conv u32 v1', '  exit', '  return v2'].join('\n'),
    );
  });

  it('checks every argument before anything is allocated', () => {
    const plan = planLift(T.func([T.string, T.list(T.record({ a: T.string })), T.u8]), mem);
    const ops: string[] = [];
    walk(plan.body, (i) => ops.push(i.op));
    const lastCheck = ops.lastIndexOf('check');
    const firstEffect = ops.findIndex((op) => op === 'alloc' || op === 'lower-string' || op === 'store');
    expect(lastCheck).toBeLessThan(firstEffect);
    expect(ops.indexOf('enter')).toBeGreaterThan(lastCheck);
    expect(ops.indexOf('enter')).toBeLessThan(firstEffect);
  });

  it('phase 2 reuses the top-level reads of phase 1', () => {
    const plan = planLift(T.func([T.record({ a: T.u8, b: T.char, c: T.enum_('x', 'y') })]));
    const reads = plan.body.filter((i) => i.op === 'field' || i.op === 'char-code' || i.op === 'enum-index');
    expect(reads.map((i) => i.op)).toEqual(['field', 'field', 'char-code', 'field', 'enum-index']);
    expect(formatPlan(plan)).toContain('call-core (v1, v3, v5)');
  });

  it('fetches a fresh view after allocations inside loops', () => {
    const plan = planLift(T.func([T.list(T.tuple(T.string, T.u8))]), mem);
    const loop = plan.body.filter((i) => i.op === 'loop').at(-1) as Instr & { op: 'loop' };
    const ops = loop.body.map((i) => i.op);
    // the u8 is stored through a view fetched after the string's allocation
    expect(ops.indexOf('view')).toBeGreaterThan(ops.indexOf('lower-string'));
  });

  it('keeps one view for a whole lifting loop', () => {
    const plan = planLower(T.func([T.list(T.tuple(T.u32, T.u8))]), mem);
    let views = 0;
    walk(plan.body, (i) => void (i.op === 'view' && views++));
    expect(views).toBe(1);
  });

  it('spills 17 parameters into one allocation (lift) and one pointer (lower)', () => {
    const ft = T.func(Array(17).fill(T.u8));
    const lift = planLift(ft, mem);
    expect(lift.core.params).toEqual(['i32']);
    expect(formatPlan(lift)).toContain('alloc align 1 size v');
    const lower = planLower(ft, mem);
    expect(formatPlan(lower)).toContain('check-ptr v');
    expect(lower.core.params).toEqual(['i32']);
  });

  it('returns spilled results through a pointer', () => {
    const lift = planLift(T.func([], T.tuple(T.u8, T.u8)), mem);
    expect(lift.core.results).toEqual(['i32']);
    expect(formatPlan(lift)).toMatch(/check-ptr v\d+ align 1 size 2/);
    const lower = planLower(T.func([], T.tuple(T.u8, T.u8)), mem);
    expect(lower.core).toEqual({ params: ['i32'], results: [] });
  });

  it('records what it uses', () => {
    expect(planLift(T.func([T.u32], T.u32)).uses).toEqual({ memory: false, realloc: false, strings: false, handles: false });
    expect(planLift(T.func([T.string]), mem).uses).toEqual({ memory: true, realloc: true, strings: true, handles: false });
    expect(planLower(T.func([T.list(T.u8)]), mem).uses).toEqual({ memory: true, realloc: false, strings: false, handles: false });
  });

  it('is well formed for a zoo of types', () => {
    const shape = T.variant({ a: T.f32, b: T.u64, c: T.string, d: null });
    const zoo = [
      T.bool, T.char, T.string, T.list(T.u8), T.list(T.string, 3), T.list(T.u16, 12), T.record({ x: T.option(shape) }),
      T.tuple(T.enum_('p', 'q'), T.flags('f', 'g')), T.map(T.string, T.list(shape)), T.result(T.string, null),
      T.option(T.option(T.string)),
    ];
    for (const t of zoo) {
      checkWellFormed(planLift(T.func([t, t], t), mem));
      checkWellFormed(planLower(T.func([t, t], t), mem));
      checkWellFormed(planLift(T.func(Array(17).fill(t), t), mem));
      checkWellFormed(planLower(T.func(Array(17).fill(t), t), mem));
    }
  });

  it('refuses async here (plan-async.ts plans it)', () => {
    const ft = T.func([T.u32]);
    expect(() => planLift({ ...ft, async: true })).toThrow(CompileError);
  });

  it('plans memory64 (i64 pointers and lengths) as addr64 / to-addr64 conversions', () => {
    const ft = T.func([T.string], T.string);
    const convs = (p: { body: unknown }) => JSON.stringify(p.body).match(/"conv":"[a-z0-9-]+"/g);
    const lift = planLift(ft, { memory: true, realloc: true, ptrType: 'i64' });
    expect(lift.core).toEqual({ params: ['i64', 'i64'], results: ['i64'] });
    expect(convs(lift)).toEqual(['"conv":"to-addr64"', '"conv":"to-addr64"', '"conv":"addr64"', '"conv":"addr64"', '"conv":"addr64"']);
    const lower = planLower(ft, { memory: true, realloc: true, ptrType: 'i64', stringEncoding: 'latin1+utf16' });
    expect(lower.core).toEqual({ params: ['i64', 'i64', 'i64'], results: [] });
    expect(convs(lower)).toEqual(['"conv":"addr64"', '"conv":"tagged64"', '"conv":"addr64"', '"conv":"to-addr64"', '"conv":"to-tagged64"']);
  });
});
