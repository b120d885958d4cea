import { describe, expect, it } from 'vitest';
import {
  HANDLE_BORROW,
  HANDLE_MAX_LENGTH,
  HANDLE_OWN,
  HANDLE_WAITABLE_SET,
  HandleTable,
  handleTableAdd,
  handleTableEntries,
  handleTableFree,
  handleTableGet,
  handleTableRemove,
} from './table.js';

function trapOf(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(WebAssembly.RuntimeError);
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
  throw new Error('expected a trap');
}

const SET = HANDLE_WAITABLE_SET;
const add = (t: HandleTable, obj: object = {}) => handleTableAdd(t, SET, obj, 0, null);

describe('HandleTable', () => {
  it('reserves slot 0 and allocates from 1 upward', () => {
    const t = new HandleTable();
    expect([add(t), add(t), add(t)]).toEqual([1, 2, 3]);
    expect(trapOf(() => handleTableGet(t, SET, 0))).toEqual({ code: 'trap/unknown-handle', message: 'unknown handle index: 0' });
  });

  it('reuses freed slots last-in first-out (handle-table.wast order)', () => {
    const t = new HandleTable();
    const objs = [{}, {}, {}, {}, {}, {}, {}, {}, {}];
    expect(add(t, objs[1])).toBe(1);
    expect(add(t, objs[2])).toBe(2);
    expect(add(t, objs[3])).toBe(3);
    expect(handleTableRemove(t, SET, 2)).toBe(objs[2]);
    expect(add(t, objs[4])).toBe(2);
    expect(handleTableGet(t, SET, 1)).toBe(objs[1]);
    expect(handleTableGet(t, SET, 2)).toBe(objs[4]);
    expect(handleTableGet(t, SET, 3)).toBe(objs[3]);
    handleTableRemove(t, SET, 1);
    handleTableRemove(t, SET, 2);
    handleTableRemove(t, SET, 3);
    expect([add(t), add(t), add(t)]).toEqual([3, 2, 1]);
    expect(add(t)).toBe(4);
  });

  it('traps on never-allocated, freed, zero and 0xffffffff indices', () => {
    const t = new HandleTable();
    expect(trapOf(() => handleTableGet(t, SET, 5)).message).toBe('unknown handle index: 5');
    const i = add(t);
    handleTableRemove(t, SET, i);
    expect(trapOf(() => handleTableGet(t, SET, i)).code).toBe('trap/unknown-handle');
    expect(trapOf(() => handleTableRemove(t, SET, i)).code).toBe('trap/unknown-handle');
    // core wasm hands i32s over signed: -1 is 0xffffffff
    expect(trapOf(() => handleTableGet(t, SET, -1)).message).toBe('unknown handle index: 4294967295');
    expect(trapOf(() => handleTableGet(t, SET, 0xffffffff)).message).toBe('unknown handle index: 4294967295');
  });

  it('tags each element with its kind and checks it', () => {
    const t = new HandleTable();
    const i = add(t);
    const j = handleTableAdd(t, HANDLE_OWN, {}, 7, null);
    expect(trapOf(() => handleTableGet(t, HANDLE_BORROW, i))).toEqual({
      code: 'trap/handle-type-mismatch',
      message: 'handle used with the wrong type: handle 1 is a waitable set, expected a borrow handle',
    });
    expect(trapOf(() => handleTableRemove(t, SET, j)).code).toBe('trap/handle-type-mismatch');
    expect(handleTableEntries(t).map((e) => [e.index, e.tag])).toEqual([
      [1, SET],
      [2, HANDLE_OWN],
    ]);
  });

  it('grows past its initial capacity without losing entries', () => {
    const t = new HandleTable(HANDLE_MAX_LENGTH, 2);
    for (let k = 1; k <= 1000; k++) expect(handleTableAdd(t, HANDLE_OWN, t, k * 3, null)).toBe(k);
    expect(t.size).toBe(1001);
    expect(t.reps[1]).toBe(3);
    expect(t.reps[1000]).toBe(3000);
    expect(t.refs[777]).toBe(t);
  });

  it('traps when adding past MAX_LENGTH, and free slots stay usable', () => {
    expect(HANDLE_MAX_LENGTH).toBe(2 ** 28 - 1);
    const t = new HandleTable(3);
    expect([add(t), add(t), add(t)]).toEqual([1, 2, 3]); // index MAX_LENGTH itself is allowed
    expect(trapOf(() => add(t)).code).toBe('trap/handle-table-full');
    handleTableFree(t, 2);
    expect(add(t)).toBe(2);
  });

  it('clears a freed slot (no reference kept)', () => {
    const t = new HandleTable();
    const i = add(t, { big: true });
    handleTableRemove(t, SET, i);
    expect(t.refs[i]).toBe(null);
    expect(handleTableEntries(t)).toEqual([]);
  });
});
