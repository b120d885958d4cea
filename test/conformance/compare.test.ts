import { describe, expect, it } from 'vitest';
import type { ValType } from '../../compiler/types/model.js';
import { compare } from './compare.js';
import type { WastValue } from './values.js';

const u32 = (value: number): WastValue => ({ kind: 'u32', value });
const T = { u32: { kind: 'u32' } as ValType, string: { kind: 'string' } as ValType };

describe('compare: a returned JS value against the script literal', () => {
  it('scalars must have the contract type, not just an equal value', () => {
    expect(compare(T.u32, u32(42), 42)).toBeNull();
    expect(compare(T.u32, u32(42), 43)).toMatch(/expected the number 42, got 43/);
    expect(compare({ kind: 'u64' }, { kind: 'u64', value: 5n }, 5)).toMatch(/bigint/);
    expect(compare({ kind: 'u64' }, { kind: 'u64', value: 5n }, 5n)).toBeNull();
    expect(compare({ kind: 'bool' }, { kind: 'bool', value: true }, 1)).not.toBeNull();
  });

  it('floats: Object.is for numbers (-0 ≠ 0), any NaN for every NaN pattern', () => {
    const f64: ValType = { kind: 'f64' };
    expect(compare(f64, { kind: 'f64', value: -0 }, 0)).toMatch(/-0/);
    expect(compare(f64, { kind: 'f64', value: 1.5 }, 1.5)).toBeNull();
    for (const nan of ['canonical', 'arithmetic', { bits: 0x7ff4000000000000n }] as const) {
      expect(compare(f64, { kind: 'f64', value: NaN, nan }, NaN)).toBeNull();
      expect(compare(f64, { kind: 'f64', value: NaN, nan }, 0)).toMatch(/NaN/);
    }
  });

  it('lists: the typed array class for numbers, Arrays otherwise, element by element', () => {
    const bytes: ValType = { kind: 'list', element: { kind: 'u8' } };
    const lit: WastValue = { kind: 'list', values: [{ kind: 'u8', value: 1 }] };
    expect(compare(bytes, lit, new Uint8Array([1]))).toBeNull();
    expect(compare(bytes, lit, [1])).toMatch(/Uint8Array/);
    expect(compare(bytes, lit, new Uint8Array([2]))).toMatch(/result\[0\]/);
    const strs: ValType = { kind: 'list', element: T.string };
    expect(compare(strs, { kind: 'list', values: [] }, [])).toBeNull();
    expect(compare(strs, { kind: 'list', values: [] }, new Uint8Array())).toMatch(/Array/);
  });

  it('records: lowerCamel keys, no missing or stray keys', () => {
    const rec: ValType = { kind: 'record', fields: [{ name: 'a-b', type: T.u32 }] };
    const lit: WastValue = { kind: 'record', fields: [{ name: 'a-b', value: u32(1) }] };
    expect(compare(rec, lit, { aB: 1 })).toBeNull();
    expect(compare(rec, lit, { 'a-b': 1 })).toMatch(/unexpected keys a-b/);
    expect(compare(rec, lit, { aB: 2 })).toMatch(/result\.aB/);
  });

  it('variants, options, results and flags', () => {
    const v: ValType = { kind: 'variant', cases: [{ name: 'a', type: null }, { name: 'b', type: T.u32 }] };
    expect(compare(v, { kind: 'variant', case: 'a', value: null }, { tag: 'a' })).toBeNull();
    expect(compare(v, { kind: 'variant', case: 'a', value: null }, { tag: 'a', value: undefined })).toBeNull();
    expect(compare(v, { kind: 'variant', case: 'b', value: u32(3) }, { tag: 'b', value: 3 })).toBeNull();
    expect(compare(v, { kind: 'variant', case: 'b', value: u32(3) }, { tag: 'a' })).toMatch(/tag: 'b'/);

    const o: ValType = { kind: 'option', type: T.u32 };
    expect(compare(o, { kind: 'option', value: null }, undefined)).toBeNull();
    expect(compare(o, { kind: 'option', value: null }, null)).toMatch(/undefined/);
    const oo: ValType = { kind: 'option', type: o };
    expect(compare(oo, { kind: 'option', value: { kind: 'option', value: u32(1) } }, { tag: 'some', value: 1 })).toBeNull();
    expect(compare(oo, { kind: 'option', value: null }, undefined)).not.toBeNull();

    const r: ValType = { kind: 'result', ok: null, err: T.string };
    expect(compare(r, { kind: 'result', ok: false, value: { kind: 'string', value: 'e' } }, { tag: 'err', value: 'e' })).toBeNull();
    expect(compare(r, { kind: 'result', ok: true, value: null }, { tag: 'ok' })).toBeNull();

    const f: ValType = { kind: 'flags', names: ['x-y', 'z'] };
    expect(compare(f, { kind: 'flags', names: ['z'] }, { xY: false, z: true })).toBeNull();
    expect(compare(f, { kind: 'flags', names: ['z'] }, { xY: false, z: 1 })).toMatch(/result\.z/);
  });

  it('maps compare entry by entry, in order', () => {
    const m: ValType = { kind: 'map', key: T.string, value: T.u32 };
    const lit: WastValue = { kind: 'list', values: [{ kind: 'tuple', values: [{ kind: 'string', value: 'k' }, u32(1)] }] };
    expect(compare(m, lit, new Map([['k', 1]]))).toBeNull();
    expect(compare(m, lit, { k: 1 })).toMatch(/Map/);
  });
});
