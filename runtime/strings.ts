/**
 * Strings across the boundary, in the three canonical encodings
 * (CanonicalABI.md "Strings"). Lifting decodes strictly (invalid input traps);
 * lowering follows the spec's allocation sequence for a UTF-16 source (a JS
 * string): the realloc calls a component sees are the ones definitions.py makes.
 *
 * A `lower*` helper returns the pointer and leaves the length (code units;
 * tagged for latin1+utf16) in `encodedLen`, so that no pair is allocated.
 * Wasm memory is little-endian; Uint16Array views assume a little-endian host
 * (every engine that runs wasm today).
 */
import { memAlloc, memBytes, memRealloc, MAX_STRING_BYTE_LENGTH, type MemView, type Realloc } from './memory.js';
import { trap } from './traps.js';

/** Length of the string the last `lower*` call stored (tagged code units). */
export let encodedLen = 0;

/** High bit of the length: the latin1+utf16 string is UTF-16. */
export const UTF16_TAG = 0x8000_0000;

const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/**
 * V8's replacing decoder is up to twice as fast as its fatal one: decode
 * with it, and only when the result holds U+FFFD (invalid bytes, or a real
 * U+FFFD) decode again with the fatal one, which decides.
 */
const utf8LaxDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
const utf16Decoder = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/** Below this many bytes, a plain loop beats TextDecoder for ASCII. */
const SHORT_STRING = 32;

/** Bytes [ptr, ptr+len) that TextDecoder accepts (it refuses views of shared memory). */
function decodableBytes(m: MemView, u8: Uint8Array, ptr: number, len: number): Uint8Array {
  return m.shared ? u8.slice(ptr, ptr + len) : u8.subarray(ptr, ptr + len);
}

function stringInBounds(u8: Uint8Array, ptr: number, byteLength: number): void {
  if (byteLength > MAX_STRING_BYTE_LENGTH) trap('trap/string-too-long');
  if (ptr + byteLength > u8.length) trap('trap/out-of-bounds');
}

/** Lifts a UTF-8 string of `len` bytes at `ptr`. */
export function liftUtf8(m: MemView, ptr: number, len: number): string {
  const u8 = memBytes(m);
  stringInBounds(u8, ptr, len);
  if (len <= SHORT_STRING) {
    let s = '';
    let i = ptr;
    for (const end = ptr + len; i < end; i++) {
      const c = u8[i]!;
      if (c >= 0x80) break;
      s += String.fromCharCode(c);
    }
    if (i === ptr + len) return s;
  }
  const bytes = decodableBytes(m, u8, ptr, len);
  const s = utf8LaxDecoder.decode(bytes);
  if (s.indexOf('\uFFFD') < 0) return s;
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return trap('trap/invalid-utf8');
  }
}

/** Lifts a UTF-16LE string of `units` code units at `ptr`. */
export function liftUtf16(m: MemView, ptr: number, units: number): string {
  const u8 = memBytes(m);
  if (2 * units > MAX_STRING_BYTE_LENGTH) trap('trap/string-too-long');
  if ((ptr & 1) !== 0) trap('trap/misaligned-pointer');
  stringInBounds(u8, ptr, 2 * units);
  try {
    return utf16Decoder.decode(decodableBytes(m, u8, ptr, 2 * units));
  } catch {
    return trap('trap/invalid-utf16');
  }
}

/** Lifts a latin1+utf16 string: `tagged` is the length, with UTF16_TAG set for UTF-16. */
export function liftLatin1Utf16(m: MemView, ptr: number, tagged: number): string {
  if (tagged >= UTF16_TAG) return liftUtf16(m, ptr, tagged - UTF16_TAG);
  const u8 = memBytes(m);
  stringInBounds(u8, ptr, tagged);
  if ((ptr & 1) !== 0) trap('trap/misaligned-pointer');
  return decodeLatin1(u8, ptr, tagged);
}

function decodeLatin1(u8: Uint8Array, ptr: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i += 0x2000) {
    const chunk = u8.subarray(ptr + i, ptr + Math.min(len, i + 0x2000));
    s += String.fromCharCode.apply(null, chunk as unknown as number[]);
  }
  return s;
}

/** The string as Unicode scalar values: lone surrogates become U+FFFD (same length). */
function toUsvString(s: string): string {
  const w = s as string & { isWellFormed(): boolean; toWellFormed(): string };
  return w.isWellFormed() ? s : w.toWellFormed();
}

/**
 * Lowers to UTF-8 (spec `store_utf16_to_utf8`): allocate one byte per code
 * unit; on the first non-ASCII character grow to the worst case (3 per unit),
 * finish, then shrink to the exact length.
 */
export function lowerUtf8(s: string, m: MemView, realloc: Realloc): number {
  const n = s.length;
  let ptr = memAlloc(m, realloc, 1, n);
  if (n <= SHORT_STRING) {
    // short ASCII: a loop beats encodeInto (and its subarray)
    const u8 = m.u8;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      u8[ptr + i] = c;
    }
    if (i === n) {
      encodedLen = n;
      return ptr;
    }
  }
  const first = utf8Encoder.encodeInto(s, m.u8.subarray(ptr, ptr + n));
  if (first.read === n) {
    // everything fit in n bytes: only possible when all of it is ASCII
    encodedLen = first.written;
    return ptr;
  }
  const worst = 3 * n;
  ptr = memRealloc(m, realloc, ptr, n, 1, worst);
  const rest = utf8Encoder.encodeInto(s.slice(first.read), m.u8.subarray(ptr + first.written, ptr + worst));
  const total = first.written + rest.written;
  if (total < worst) ptr = memRealloc(m, realloc, ptr, worst, 1, total);
  encodedLen = total;
  return ptr;
}

/** Lowers to UTF-16LE (spec `store_string_copy` from UTF-16): one allocation of 2 bytes per unit. */
export function lowerUtf16(s: string, m: MemView, realloc: Realloc): number {
  const w = toUsvString(s);
  const n = w.length;
  const ptr = memAlloc(m, realloc, 2, 2 * n);
  const u16 = new Uint16Array(m.u8.buffer, ptr, n);
  for (let i = 0; i < n; i++) u16[i] = w.charCodeAt(i);
  encodedLen = n;
  return ptr;
}

/**
 * Lowers to latin1+utf16 (spec `store_string_to_latin1_or_utf16`): write
 * Latin-1 while it fits; at the first code point above U+00FF grow to 2 bytes
 * per unit, widen what was written in place, and continue as UTF-16 (length
 * tagged with UTF16_TAG).
 */
export function lowerLatin1Utf16(s: string, m: MemView, realloc: Realloc): number {
  const w = toUsvString(s);
  const n = w.length;
  let ptr = memAlloc(m, realloc, 2, n);
  let u8 = m.u8;
  let i = 0;
  for (; i < n; i++) {
    const c = w.charCodeAt(i);
    if (c > 0xff) break;
    u8[ptr + i] = c;
  }
  if (i === n) {
    encodedLen = n;
    return ptr;
  }
  ptr = memRealloc(m, realloc, ptr, n, 2, 2 * n);
  u8 = m.u8;
  for (let j = i - 1; j >= 0; j--) {
    u8[ptr + 2 * j] = u8[ptr + j]!;
    u8[ptr + 2 * j + 1] = 0;
  }
  const u16 = new Uint16Array(u8.buffer, ptr, n);
  for (let k = i; k < n; k++) u16[k] = w.charCodeAt(k);
  encodedLen = n + UTF16_TAG;
  return ptr;
}
