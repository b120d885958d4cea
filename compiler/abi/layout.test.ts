import { describe, expect, it } from 'vitest';
import type { ValType } from '../types/model.js';
import {
  alignment, elemSize, flatten, flatCount, flattenFuncType, fieldOffsets, payloadOffset, variantCases,
  type CoreFlatType, type PtrType,
} from './layout.js';
import * as T from '../../test/abi/types.js';

// Expected values computed with definitions.py (alignment, elem_size, flatten_type) for i32 and i64 memories.
type Row = [ValType, [number, number, CoreFlatType[]], [number, number, CoreFlatType[]]];
const rows: Record<string, Row> = {
  bool: [T.bool, [1, 1, ['i32']], [1, 1, ['i32']]],
  u8: [T.u8, [1, 1, ['i32']], [1, 1, ['i32']]],
  s16: [T.s16, [2, 2, ['i32']], [2, 2, ['i32']]],
  u32: [T.u32, [4, 4, ['i32']], [4, 4, ['i32']]],
  u64: [T.u64, [8, 8, ['i64']], [8, 8, ['i64']]],
  f32: [T.f32, [4, 4, ['f32']], [4, 4, ['f32']]],
  f64: [T.f64, [8, 8, ['f64']], [8, 8, ['f64']]],
  char: [T.char, [4, 4, ['i32']], [4, 4, ['i32']]],
  string: [T.string, [4, 8, ['i32', 'i32']], [8, 16, ['i64', 'i64']]],
  'error-context': [T.prim('error-context'), [4, 4, ['i32']], [4, 4, ['i32']]],
  'list<u8>': [T.list(T.u8), [4, 8, ['i32', 'i32']], [8, 16, ['i64', 'i64']]],
  'list<u16,3>': [T.list(T.u16, 3), [2, 6, ['i32', 'i32', 'i32']], [2, 6, ['i32', 'i32', 'i32']]],
  'list<string,2>': [T.list(T.string, 2), [4, 16, ['i32', 'i32', 'i32', 'i32']], [8, 32, ['i64', 'i64', 'i64', 'i64']]],
  'record{a:u8,b:u32,c:u16}': [T.record({ a: T.u8, b: T.u32, c: T.u16 }), [4, 12, ['i32', 'i32', 'i32']], [4, 12, ['i32', 'i32', 'i32']]],
  'tuple<u8,u64,u8>': [T.tuple(T.u8, T.u64, T.u8), [8, 24, ['i32', 'i64', 'i32']], [8, 24, ['i32', 'i64', 'i32']]],
  'tuple<string,u8>': [T.tuple(T.string, T.u8), [4, 12, ['i32', 'i32', 'i32']], [8, 24, ['i64', 'i64', 'i32']]],
  'variant{a,b(u64),c(f32)}': [T.variant({ a: null, b: T.u64, c: T.f32 }), [8, 16, ['i32', 'i64']], [8, 16, ['i32', 'i64']]],
  'variant{a(f32),b(u32)}': [T.variant({ a: T.f32, b: T.u32 }), [4, 8, ['i32', 'i32']], [4, 8, ['i32', 'i32']]],
  'variant{a(f64),b(u32)}': [T.variant({ a: T.f64, b: T.u32 }), [8, 16, ['i32', 'i64']], [8, 16, ['i32', 'i64']]],
  'variant{a(tuple<f32,u8>),b(tuple<u32,f64,u8>)}': [
    T.variant({ a: T.tuple(T.f32, T.u8), b: T.tuple(T.u32, T.f64, T.u8) }),
    [8, 32, ['i32', 'i32', 'i64', 'i32']], [8, 32, ['i32', 'i32', 'i64', 'i32']],
  ],
  enum3: [T.enum_('a', 'b', 'c'), [1, 1, ['i32']], [1, 1, ['i32']]],
  enum257: [T.enum_(...T.names('e', 257)), [2, 2, ['i32']], [2, 2, ['i32']]],
  enum65537: [T.enum_(...T.names('e', 65537)), [4, 4, ['i32']], [4, 4, ['i32']]],
  'option<u16>': [T.option(T.u16), [2, 4, ['i32', 'i32']], [2, 4, ['i32', 'i32']]],
  'option<string>': [T.option(T.string), [4, 12, ['i32', 'i32', 'i32']], [8, 24, ['i32', 'i64', 'i64']]],
  'result<u8,string>': [T.result(T.u8, T.string), [4, 12, ['i32', 'i32', 'i32']], [8, 24, ['i32', 'i64', 'i64']]],
  'result<_,_>': [T.result(null, null), [1, 1, ['i32']], [1, 1, ['i32']]],
  flags8: [T.flags(...T.names('f', 8)), [1, 1, ['i32']], [1, 1, ['i32']]],
  flags9: [T.flags(...T.names('f', 9)), [2, 2, ['i32']], [2, 2, ['i32']]],
  flags17: [T.flags(...T.names('f', 17)), [4, 4, ['i32']], [4, 4, ['i32']]],
  'map<string,u64>': [T.map(T.string, T.u64), [4, 8, ['i32', 'i32']], [8, 16, ['i64', 'i64']]],
  'option<option<u8>>': [T.option(T.option(T.u8)), [1, 3, ['i32', 'i32', 'i32']], [1, 3, ['i32', 'i32', 'i32']]],
  'list<tuple<u8,u16>,4>': [T.list(T.tuple(T.u8, T.u16), 4), [2, 16, Array(8).fill('i32')], [2, 16, Array(8).fill('i32')]],
};

describe('layout against definitions.py', () => {
  for (const [name, [t, i32, i64]] of Object.entries(rows)) {
    for (const [ptr, [align, size, flat]] of [['i32', i32], ['i64', i64]] as [PtrType, Row[1]][]) {
      it(`${name} (${ptr})`, () => {
        expect(alignment(t, ptr)).toBe(align);
        expect(elemSize(t, ptr)).toBe(size);
        expect(flatten(t, ptr)).toEqual(flat);
        expect(flatCount(t, ptr)).toBe(flat.length);
      });
    }
  }
});

describe('offsets', () => {
  it('record fields are aligned in order', () => {
    expect(fieldOffsets([T.u8, T.u32, T.u16])).toEqual([0, 4, 8]);
    expect(fieldOffsets([T.u8, T.u64, T.u8])).toEqual([0, 8, 16]);
    expect(fieldOffsets([T.string, T.u8], 'i64')).toEqual([0, 16]);
  });
  it('variant payload follows the aligned discriminant', () => {
    expect(payloadOffset(variantCases(T.variant({ a: null, b: T.u64 }))!)).toBe(8);
    expect(payloadOffset(variantCases(T.option(T.u16))!)).toBe(2);
    expect(payloadOffset(variantCases(T.enum_(...T.names('e', 300)))!)).toBe(2);
  });
});

describe('huge fixed lists', () => {
  it('count and size without building the flat list', () => {
    const t = T.list(T.list(T.u32, 1 << 20), 1 << 10);
    expect(flatCount(t)).toBe(2 ** 30);
    expect(elemSize(t, 'i64')).toBe(2 ** 32);
    expect(() => flatten(t)).toThrow(RangeError);
  });
});

describe('flattenFuncType against definitions.py', () => {
  const p = (n: number, t: ValType) => Array(n).fill(t);
  it('u32 -> u32', () => {
    const ft = T.func([T.u32], T.u32);
    expect(flattenFuncType(ft, 'lift')).toMatchObject({ params: ['i32'], results: ['i32'], spillParams: false, spillResults: false });
    expect(flattenFuncType(ft, 'lower', { async: true })).toMatchObject({ params: ['i32', 'i32'], results: ['i32'] });
  });
  it('16 params are flat; a string result spills', () => {
    const ft = T.func(p(16, T.u32), T.string);
    expect(flattenFuncType(ft, 'lift')).toEqual({ params: Array(16).fill('i32'), results: ['i32'], spillParams: false, spillResults: true });
    expect(flattenFuncType(ft, 'lower')).toEqual({ params: Array(17).fill('i32'), results: [], spillParams: false, spillResults: true });
    expect(flattenFuncType(ft, 'lift', { ptrType: 'i64' }).results).toEqual(['i64']);
    expect(flattenFuncType(ft, 'lower', { ptrType: 'i64' }).params.at(-1)).toBe('i64');
    expect(flattenFuncType(ft, 'lower', { async: true }).params).toEqual(['i32', 'i32']);
  });
  it('17 params spill to one pointer', () => {
    const ft = T.func(p(17, T.u8));
    expect(flattenFuncType(ft, 'lift')).toEqual({ params: ['i32'], results: [], spillParams: true, spillResults: false });
    expect(flattenFuncType(ft, 'lower', { ptrType: 'i64' }).params).toEqual(['i64']);
    expect(flattenFuncType(ft, 'lift', { async: true, callback: true }).results).toEqual(['i32']);
  });
  it('string, f64 -> tuple<u8,u8>', () => {
    const ft = T.func([T.string, T.f64], T.tuple(T.u8, T.u8));
    expect(flattenFuncType(ft, 'lift').params).toEqual(['i32', 'i32', 'f64']);
    expect(flattenFuncType(ft, 'lower')).toMatchObject({ params: ['i32', 'i32', 'f64', 'i32'], results: [] });
    expect(flattenFuncType(ft, 'lower', { ptrType: 'i64' }).params).toEqual(['i64', 'i64', 'f64', 'i64']);
  });
  it('async lower spills above 4 params', () => {
    const ft = T.func(p(5, T.u32), T.u8);
    expect(flattenFuncType(ft, 'lower', { async: true }).params).toEqual(['i32', 'i32']);
    expect(flattenFuncType(ft, 'lower').params).toEqual(Array(5).fill('i32'));
  });
});
