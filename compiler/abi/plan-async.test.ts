import { describe, expect, it } from 'vitest';
import type { FuncType, ValType } from '../types/model.js';
import { planAsyncEntry, planLowerArgs, planTaskReturn, resultGoesToMemory } from './plan-async.js';

const u32: ValType = { kind: 'u32' };
const fn = (n: number, result: ValType | null = null): FuncType => ({
  kind: 'func', async: true, result,
  params: Array.from({ length: n }, (_, i) => ({ name: `p${i}`, type: u32 })),
});
const mem = { memory: true, realloc: true };

describe('async ABI plans (flatten_functype with async)', () => {
  it('async lower: up to MAX_FLAT_ASYNC_PARAMS (4) flat, then one pointer; a result adds the return pointer', () => {
    expect(planLowerArgs(fn(4), { ...mem, async: true }).core.params).toEqual(['i32', 'i32', 'i32', 'i32']);
    expect(planLowerArgs(fn(5), { ...mem, async: true }).core.params).toEqual(['i32']);
    expect(planLowerArgs(fn(5, u32), { ...mem, async: true }).core.params).toEqual(['i32', 'i32']);
    expect(resultGoesToMemory(fn(1, u32), { async: true })).toBe(true);
    expect(resultGoesToMemory(fn(1, u32), { async: false })).toBe(false);
  });

  it('sync lower through a subtask keeps MAX_FLAT_PARAMS (16)', () => {
    expect(planLowerArgs(fn(5), mem).core.params).toHaveLength(5);
    expect(planLowerArgs(fn(17), mem).core.params).toEqual(['i32']);
  });

  it('async lift: params as for a sync lift; the callback kind returns the i32 code, the stackful kind nothing', () => {
    expect(planAsyncEntry(fn(5, u32), true, mem).core).toEqual({ params: ['i32', 'i32', 'i32', 'i32', 'i32'], results: ['i32'] });
    expect(planAsyncEntry(fn(2, u32), false, mem).core).toEqual({ params: ['i32', 'i32'], results: [] });
    expect(planAsyncEntry(fn(17), true, mem).core.params).toEqual(['i32']);
  });

  it('task.return takes the flat result, or a pointer past MAX_FLAT_PARAMS', () => {
    expect(planTaskReturn(u32).core.params).toEqual(['i32']);
    expect(planTaskReturn(null).core.params).toEqual([]);
    const big: ValType = { kind: 'tuple', types: Array.from({ length: 17 }, () => u32) };
    expect(planTaskReturn(big, mem).core.params).toEqual(['i32']);
  });
});
