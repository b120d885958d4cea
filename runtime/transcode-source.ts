/**
 * The source side of a string copied from one linear memory to another (a
 * fused cross-component call): the checks of the spec's
 * `load_string_from_range` (length limit, alignment, bounds) and a strict
 * validation of the encoding, both without making a JS string.
 */
import { memBytes, MAX_STRING_BYTE_LENGTH, type MemView } from './memory.js';
import { trap } from './traps.js';

/** Checks the byte range of a string in `m`: its length, alignment and bounds, in the spec's order. */
export function transcodeSource(m: MemView, ptr: number, byteLength: number, align: 1 | 2): void {
  if (byteLength > MAX_STRING_BYTE_LENGTH) trap('trap/string-too-long');
  if ((ptr & (align - 1)) !== 0) trap('trap/misaligned-pointer');
  if (ptr + byteLength > memBytes(m).length) trap('trap/out-of-bounds');
}

/** The high bit of each byte of a word: 0x80808080 as an int32. */
const HIGH_BITS = 0x80808080 | 0;

/** Below this many bytes a byte loop beats making a word view. */
const WORD_SCAN_MIN = 64;

/** Index of the first byte ≥ 0x80 in u8[i, end), or `end`. */
export function asciiEnd(u8: Uint8Array, i: number, end: number): number {
  if (end - i >= WORD_SCAN_MIN) {
    for (; (i & 3) !== 0; i++) if (u8[i]! >= 0x80) return i;
    // Int32Array: its elements stay small integers for the JIT (Uint32 ones above 2^31 do not)
    const words = new Int32Array(u8.buffer, u8.byteOffset + i, (end - i) >>> 2);
    const n = words.length;
    let k = 0;
    while (k + 4 <= n && ((words[k]! | words[k + 1]! | words[k + 2]! | words[k + 3]!) & HIGH_BITS) === 0) k += 4;
    while (k < n && (words[k]! & HIGH_BITS) === 0) k++;
    i += k << 2;
  }
  for (; i < end; i++) if (u8[i]! >= 0x80) return i;
  return end;
}

/** After `scanUtf8`: whether the string has a code point past U+00FF (so it is not Latin-1). */
export let scannedWide = false;

/**
 * Validates the UTF-8 bytes u8[ptr, ptr+n) as Python's strict decoder (the
 * spec's) does: no stray continuation bytes, overlong forms, surrogates,
 * code points past U+10FFFF or truncated sequences. Returns the number of
 * UTF-16 code units of the string; sets `scannedWide`.
 */
export function scanUtf8(u8: Uint8Array, ptr: number, n: number): number {
  const end = ptr + n;
  let units = 0;
  let wide = false;
  let i = ptr;
  while (i < end) {
    const a = asciiEnd(u8, i, end);
    units += a - i;
    i = a;
    if (i === end) break;
    const c = u8[i]!;
    let cp: number;
    let need: number;
    if (c < 0xc2) return trap('trap/invalid-utf8');
    if (c < 0xe0) (cp = c & 0x1f), (need = 1);
    else if (c < 0xf0) (cp = c & 0x0f), (need = 2);
    else if (c < 0xf5) (cp = c & 0x07), (need = 3);
    else return trap('trap/invalid-utf8');
    if (i + need >= end) return trap('trap/invalid-utf8'); // truncated
    for (let k = 1; k <= need; k++) {
      const x = u8[i + k]!;
      if ((x & 0xc0) !== 0x80) return trap('trap/invalid-utf8');
      cp = (cp << 6) | (x & 0x3f);
    }
    if (need === 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) return trap('trap/invalid-utf8');
    if (need === 3 && (cp < 0x10000 || cp > 0x10ffff)) return trap('trap/invalid-utf8');
    units += cp >= 0x10000 ? 2 : 1;
    if (cp >= 0x100) wide = true;
    i += need + 1;
  }
  scannedWide = wide;
  return units;
}

/** The `n` UTF-16 code units at `ptr` (2-aligned) of `m`, valid until the next call into wasm. */
export function utf16Units(m: MemView, ptr: number, n: number): Uint16Array {
  return new Uint16Array(memBytes(m).buffer, ptr, n);
}

/**
 * Validates UTF-16 code units as Python's strict decoder does (every
 * surrogate in a high-low pair). Returns the largest code unit (a surrogate
 * counts as ≥ U+0100, so `< 0x100` means Latin-1 and `< 0x80` ASCII).
 */
export function scanUtf16(a: Uint16Array): number {
  let max = 0;
  const n = a.length;
  for (let i = 0; i < n; i++) {
    const u = a[i]!;
    if (u > max) max = u;
    if ((u & 0xf800) !== 0xd800) continue;
    // a surrogate: a high one followed by a low one
    if (u >= 0xdc00 || i + 1 === n || (a[i + 1]! & 0xfc00) !== 0xdc00) return trap('trap/invalid-utf16');
    i++;
  }
  return max;
}
