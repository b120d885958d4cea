/** Tiny builders of resolved value types for ABI tests. */
import type { FuncType, ValType } from '../../compiler/types/model.js';
import type { PrimValType } from '../../compiler/binary/opcodes.js';

export const prim = (kind: PrimValType): ValType => ({ kind });
export const bool = prim('bool');
export const s8 = prim('s8');
export const u8 = prim('u8');
export const s16 = prim('s16');
export const u16 = prim('u16');
export const s32 = prim('s32');
export const u32 = prim('u32');
export const s64 = prim('s64');
export const u64 = prim('u64');
export const f32 = prim('f32');
export const f64 = prim('f64');
export const char = prim('char');
export const string = prim('string');

export const list = (element: ValType, length?: number): ValType =>
  length === undefined ? { kind: 'list', element } : { kind: 'list', element, length };
export const record = (fields: Record<string, ValType>): ValType => ({
  kind: 'record',
  fields: Object.entries(fields).map(([name, type]) => ({ name, type })),
});
export const tuple = (...types: ValType[]): ValType => ({ kind: 'tuple', types });
export const variant = (cases: Record<string, ValType | null>): ValType => ({
  kind: 'variant',
  cases: Object.entries(cases).map(([name, type]) => ({ name, type })),
});
export const enum_ = (...names: string[]): ValType => ({ kind: 'enum', names });
export const flags = (...names: string[]): ValType => ({ kind: 'flags', names });
export const option = (type: ValType): ValType => ({ kind: 'option', type });
export const result = (ok: ValType | null, err: ValType | null): ValType => ({ kind: 'result', ok, err });
export const map = (key: ValType, value: ValType): ValType => ({ kind: 'map', key, value });

export const func = (params: Record<string, ValType> | ValType[], result: ValType | null = null): FuncType => ({
  kind: 'func',
  async: false,
  params: Array.isArray(params)
    ? params.map((type, i) => ({ name: `p${i}`, type }))
    : Object.entries(params).map(([name, type]) => ({ name, type })),
  result,
});

export const names = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
