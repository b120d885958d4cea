/** Scalar conversions the glue does not inline. */
import { trap } from './traps.js';

/** The code point of a one-scalar-value string, or -1. */
export function charCode(v: unknown): number {
  if (typeof v !== 'string') return -1;
  if (v.length === 1) {
    const c = v.charCodeAt(0);
    return c >= 0xd800 && c <= 0xdfff ? -1 : c;
  }
  if (v.length === 2) {
    const c = v.codePointAt(0)!;
    return c > 0xffff ? c : -1;
  }
  return -1;
}

/** Lifts a char: traps on surrogates and values past U+10FFFF. */
export function liftChar(i: number): string {
  const c = i >>> 0;
  if (c >= 0x110000 || (c >= 0xd800 && c <= 0xdfff)) trap('trap/invalid-char');
  return String.fromCodePoint(c);
}

// reinterpretation of float bits (variant payload slots joined to i32/i64)
const scratchF32 = new Float32Array(1);
const scratchI32 = new Int32Array(scratchF32.buffer);
const scratchF64 = new Float64Array(1);
const scratchI64 = new BigInt64Array(scratchF64.buffer);

export function f32FromBits(bits: number): number {
  scratchI32[0] = bits;
  return scratchF32[0]!;
}

export function f32ToBits(x: number): number {
  scratchF32[0] = x;
  return scratchI32[0]!;
}

export function f64FromBits(bits: bigint): number {
  scratchI64[0] = bits;
  return scratchF64[0]!;
}

export function f64ToBits(x: number): bigint {
  scratchF64[0] = x;
  return scratchI64[0]!;
}

/**
 * Packs a host flags object (JS names in bit order) into an integer; -1 when
 * `v` is not an object or a flag is neither a boolean nor undefined.
 */
export function flagsBits(v: unknown, names: readonly string[]): number {
  if (v === undefined) return 0; // no flags set (preview2-shim answers so)
  if (typeof v !== 'object' || v === null) return -1;
  let bits = 0;
  for (let i = 0; i < names.length; i++) {
    const f = (v as Record<string, unknown>)[names[i]!];
    if (f === true) bits |= 1 << i;
    else if (f !== false && f !== undefined) return -1;
  }
  return bits >>> 0;
}
