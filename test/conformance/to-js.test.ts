import { describe, expect, it } from 'vitest';
import type { ValType } from '../../compiler/types/model.js';
import { LiteralMismatch, toJs } from './to-js.js';
import type { WastValue } from './values.js';

const u32 = (value: number): WastValue => ({ kind: 'u32', value });
const str = (value: string): WastValue => ({ kind: 'string', value });
const T = {
  u32: { kind: 'u32' } as ValType,
  u8: { kind: 'u8' } as ValType,
  string: { kind: 'string' } as ValType,
  bool: { kind: 'bool' } as ValType,
};

describe('toJs: script literal → the JS value of BRIEF §3', () => {
  it('scalars pass through; 64-bit ints are bigints', () => {
    expect(toJs(T.u32, u32(7))).toBe(7);
    expect(toJs({ kind: 'u64' }, { kind: 'u64', value: 2n ** 64n - 1n })).toBe(2n ** 64n - 1n);
    expect(toJs({ kind: 'char' }, { kind: 'char', value: '🍰' })).toBe('🍰');
    expect(toJs(T.bool, { kind: 'bool', value: false })).toBe(false);
  });

  it('refuses a literal of another type', () => {
    expect(() => toJs(T.u32, { kind: 's32', value: 1 })).toThrow(LiteralMismatch);
    expect(() => toJs(T.string, u32(1))).toThrow(/arg|value: a u32 literal/);
  });

  it('numeric lists become typed arrays; other and fixed lists Arrays', () => {
    const bytes = toJs({ kind: 'list', element: T.u8 }, { kind: 'list', values: [{ kind: 'u8', value: 255 }, { kind: 'u8', value: 0 }] });
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...(bytes as Uint8Array)]).toEqual([255, 0]);
    const big = toJs({ kind: 'list', element: { kind: 's64' } }, { kind: 'list', values: [{ kind: 's64', value: -1n }] });
    expect(big).toBeInstanceOf(BigInt64Array);
    expect(toJs({ kind: 'list', element: T.string }, { kind: 'list', values: [str('a')] })).toEqual(['a']);
    const fixed = toJs({ kind: 'list', element: T.u32, length: 2 }, { kind: 'list', values: [u32(1), u32(2)] });
    expect(Array.isArray(fixed)).toBe(true);
  });

  it('records and flags use lowerCamelCase keys; every flag is spelt out', () => {
    const rec: ValType = { kind: 'record', fields: [{ name: 'first-name', type: T.string }, { name: 'n', type: T.u32 }] };
    expect(toJs(rec, { kind: 'record', fields: [{ name: 'n', value: u32(1) }, { name: 'first-name', value: str('x') }] })).toEqual({ firstName: 'x', n: 1 });
    const flags: ValType = { kind: 'flags', names: ['a', 'b-c'] };
    expect(toJs(flags, { kind: 'flags', names: ['b-c'] })).toEqual({ a: false, bC: true });
    expect(() => toJs(flags, { kind: 'flags', names: ['z'] })).toThrow(LiteralMismatch);
  });

  it('variants, enums and results are tagged; a case without payload has no value key', () => {
    const v: ValType = { kind: 'variant', cases: [{ name: 'none-here', type: null }, { name: 's', type: T.string }] };
    expect(toJs(v, { kind: 'variant', case: 's', value: str('hi') })).toEqual({ tag: 's', value: 'hi' });
    expect(toJs(v, { kind: 'variant', case: 'none-here', value: null })).toStrictEqual({ tag: 'none-here' });
    expect(toJs({ kind: 'enum', names: ['red'] }, { kind: 'enum', case: 'red' })).toBe('red');
    const r: ValType = { kind: 'result', ok: T.string, err: null };
    expect(toJs(r, { kind: 'result', ok: true, value: str('yo') })).toEqual({ tag: 'ok', value: 'yo' });
    expect(toJs(r, { kind: 'result', ok: false, value: null })).toStrictEqual({ tag: 'err' });
  });

  it('option: undefined for none, tagged only when nested', () => {
    const o: ValType = { kind: 'option', type: T.u32 };
    expect(toJs(o, { kind: 'option', value: null })).toBeUndefined();
    expect(toJs(o, { kind: 'option', value: u32(5) })).toBe(5);
    const oo: ValType = { kind: 'option', type: o };
    expect(toJs(oo, { kind: 'option', value: null })).toEqual({ tag: 'none' });
    expect(toJs(oo, { kind: 'option', value: { kind: 'option', value: null } })).toStrictEqual({ tag: 'some', value: undefined });
  });

  it('tuples are Arrays; a map is a Map of its (key, value) tuples', () => {
    expect(toJs({ kind: 'tuple', types: [T.string, T.u32] }, { kind: 'tuple', values: [str('x'), u32(1)] })).toEqual(['x', 1]);
    const m = toJs({ kind: 'map', key: T.string, value: T.u32 }, { kind: 'list', values: [{ kind: 'tuple', values: [str('a'), u32(1)] }] });
    expect(m).toEqual(new Map([['a', 1]]));
  });
});
