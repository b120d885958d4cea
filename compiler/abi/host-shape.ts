/**
 * The few facts about host value shapes that planning needs (the rest is the
 * emitter's business).
 */
import type { ValType } from '../types/model.js';
import type { NumKind } from './instructions.js';

const NUMERIC = new Set<string>(['s8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'f32', 'f64']);

/** Element kind when a list of `t` is carried as a typed array, else null. */
export function numericKind(t: ValType): NumKind | null {
  return NUMERIC.has(t.kind) ? (t.kind as NumKind) : null;
}

/** A variable-length list of numbers: a typed array on the host side. */
export function isTypedList(t: ValType): boolean {
  return t.kind === 'list' && t.length === undefined && numericKind(t.element) !== null;
}

/**
 * An `option<T>` is `T | undefined` on the host side, unless T is itself an
 * option: then the outer one is tagged (`{tag:'some', value}` / `{tag:'none'}`),
 * so that `some(none)` and `none` stay apart.
 */
export function isTaggedOption(t: ValType): boolean {
  return t.kind === 'option' && t.type.kind === 'option';
}

/** Own/borrow handles and async values: passed as i32 handles, filled in by the resources/async emitters. */
export function isHandle(t: ValType): boolean {
  return t.kind === 'own' || t.kind === 'borrow' || t.kind === 'stream' || t.kind === 'future' || t.kind === 'error-context';
}

/** Fixed-length lists longer than this are loaded/stored with a loop rather than unrolled. */
export const UNROLL_LIMIT = 8;
