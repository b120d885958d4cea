/**
 * Strings from one linear memory to another, for fused cross-component
 * calls: one function per pair of canonical encodings (source → destination).
 * Each checks the source as the spec's `load_string_from_range` does (length
 * limit, alignment, bounds, valid encoding: the same traps), then stores it
 * as `store_string_into_range` does for that pair: the destination's realloc
 * sees the same calls (sizes, alignments, reallocations) as under
 * definitions.py. No JS string is made.
 *
 * `transcodeXToY(src, ptr, len, dst, realloc)` returns the destination
 * pointer and leaves its (tagged) length in `transcodedLen`. `len` is the
 * source's length as it is passed: bytes (UTF-8), code units (UTF-16), or
 * tagged (latin1+utf16: UTF16_TAG set for UTF-16).
 */
import { memAlloc, memBytes, memRealloc, type MemView, type Realloc } from './memory.js';
import { UTF16_TAG } from './strings.js';
import { scanUtf16, scanUtf8, scannedWide, transcodeSource, utf16Units } from './transcode-source.js';
import { copyBytes, latin1Stop, unitsBelow, unitsIntoUtf8, utf8IntoLatin1, utf8IntoUtf16, widenInPlace } from './transcode-write.js';

/** Length of the string the last `transcode*` call stored (tagged code units). */
export let transcodedLen = 0;

function transcoded(ptr: number, len: number): number {
  transcodedLen = len;
  return ptr;
}

// ---- from UTF-8

/** Spec `store_string_copy`: validate, one allocation, one copy. */
export function transcodeUtf8ToUtf8(src: MemView, ptr: number, n: number, dst: MemView, realloc: Realloc): number {
  transcodeSource(src, ptr, n, 1);
  scanUtf8(memBytes(src), ptr, n);
  const p = memAlloc(dst, realloc, 1, n);
  copyBytes(src, ptr, dst, p, n);
  return transcoded(p, n);
}

/** Spec `store_utf8_to_utf16`: 2 bytes per source byte, then shrink to the code units written. */
export function transcodeUtf8ToUtf16(src: MemView, ptr: number, n: number, dst: MemView, realloc: Realloc): number {
  transcodeSource(src, ptr, n, 1);
  const units = scanUtf8(memBytes(src), ptr, n);
  let p = memAlloc(dst, realloc, 2, 2 * n);
  utf8IntoUtf16(memBytes(src), ptr, ptr + n, new Uint16Array(memBytes(dst).buffer, p, units), 0);
  if (units < n) p = memRealloc(dst, realloc, p, 2 * n, 2, 2 * units);
  return transcoded(p, units);
}

/**
 * Spec `store_string_to_latin1_or_utf16` from UTF-8: one byte per source
 * byte; Latin-1 while it fits (then shrink), else grow to 2 bytes per source
 * byte, widen what was written, finish as UTF-16 and shrink.
 */
export function transcodeUtf8ToLatin1Utf16(src: MemView, ptr: number, n: number, dst: MemView, realloc: Realloc): number {
  transcodeSource(src, ptr, n, 1);
  const units = scanUtf8(memBytes(src), ptr, n);
  const wide = scannedWide;
  let p = memAlloc(dst, realloc, 2, n);
  const k = utf8IntoLatin1(memBytes(src), ptr, ptr + n, memBytes(dst), p);
  if (!wide) {
    if (k < n) p = memRealloc(dst, realloc, p, n, 2, k);
    return transcoded(p, k);
  }
  const from = latin1Stop;
  p = memRealloc(dst, realloc, p, n, 2, 2 * n);
  const d = memBytes(dst);
  widenInPlace(d, p, k);
  utf8IntoUtf16(memBytes(src), from, ptr + n, new Uint16Array(d.buffer, p, units), k);
  if (n > units) p = memRealloc(dst, realloc, p, 2 * n, 2, 2 * units);
  return transcoded(p, units + UTF16_TAG);
}

// ---- from UTF-16

/** Spec `store_utf16_to_utf8`. */
export function transcodeUtf16ToUtf8(src: MemView, ptr: number, n: number, dst: MemView, realloc: Realloc): number {
  transcodeSource(src, ptr, 2 * n, 2);
  scanUtf16(utf16Units(src, ptr, n));
  return unitsToUtf8(src, ptr, n, 2, dst, realloc);
}

/** Spec `store_string_copy` (UTF-16). */
export function transcodeUtf16ToUtf16(src: MemView, ptr: number, n: number, dst: MemView, realloc: Realloc): number {
  transcodeSource(src, ptr, 2 * n, 2);
  scanUtf16(utf16Units(src, ptr, n));
  const p = memAlloc(dst, realloc, 2, 2 * n);
  copyBytes(src, ptr, dst, p, 2 * n);
  return transcoded(p, n);
}

/**
 * Spec `store_string_to_latin1_or_utf16` from UTF-16: one byte per unit;
 * Latin-1 if it all fits, else grow to 2 bytes per unit, widen what was
 * written and copy the rest (exactly 2n bytes: no shrink).
 */
export function transcodeUtf16ToLatin1Utf16(src: MemView, ptr: number, n: number, dst: MemView, realloc: Realloc): number {
  transcodeSource(src, ptr, 2 * n, 2);
  const max = scanUtf16(utf16Units(src, ptr, n));
  let p = memAlloc(dst, realloc, 2, n);
  const units = utf16Units(src, ptr, n);
  const k = max < 0x100 ? n : unitsBelow(units, n, 0x100);
  memBytes(dst).set(units.subarray(0, k), p);
  if (k === n) return transcoded(p, n);
  p = memRealloc(dst, realloc, p, n, 2, 2 * n);
  widenInPlace(memBytes(dst), p, k);
  copyBytes(src, ptr + 2 * k, dst, p + 2 * k, 2 * (n - k));
  return transcoded(p, n + UTF16_TAG);
}

// ---- from latin1+utf16

/** Spec `store_latin1_to_utf8`, or `store_utf16_to_utf8` for the UTF-16 form. */
export function transcodeLatin1Utf16ToUtf8(src: MemView, ptr: number, tagged: number, dst: MemView, realloc: Realloc): number {
  if (tagged >= UTF16_TAG) return transcodeUtf16ToUtf8(src, ptr, tagged - UTF16_TAG, dst, realloc);
  transcodeSource(src, ptr, tagged, 2);
  return unitsToUtf8(src, ptr, tagged, 1, dst, realloc);
}

/** Spec `store_string_copy` to UTF-16 (Latin-1 widened), or of the UTF-16 form. */
export function transcodeLatin1Utf16ToUtf16(src: MemView, ptr: number, tagged: number, dst: MemView, realloc: Realloc): number {
  if (tagged >= UTF16_TAG) return transcodeUtf16ToUtf16(src, ptr, tagged - UTF16_TAG, dst, realloc);
  transcodeSource(src, ptr, tagged, 2);
  const p = memAlloc(dst, realloc, 2, 2 * tagged);
  new Uint16Array(memBytes(dst).buffer, p, tagged).set(memBytes(src).subarray(ptr, ptr + tagged));
  return transcoded(p, tagged);
}

/**
 * Spec `store_string_copy` of the Latin-1 form; for the UTF-16 form
 * `store_probably_utf16_to_latin1_or_utf16`: copy it all, and if every unit
 * is Latin-1 after all, narrow it in place and shrink.
 */
export function transcodeLatin1Utf16ToLatin1Utf16(
  src: MemView, ptr: number, tagged: number, dst: MemView, realloc: Realloc,
): number {
  if (tagged < UTF16_TAG) {
    transcodeSource(src, ptr, tagged, 2);
    const p = memAlloc(dst, realloc, 2, tagged);
    copyBytes(src, ptr, dst, p, tagged);
    return transcoded(p, tagged);
  }
  const n = tagged - UTF16_TAG;
  transcodeSource(src, ptr, 2 * n, 2);
  const max = scanUtf16(utf16Units(src, ptr, n));
  let p = memAlloc(dst, realloc, 2, 2 * n);
  copyBytes(src, ptr, dst, p, 2 * n);
  if (max >= 0x100) return transcoded(p, tagged);
  const d = memBytes(dst);
  for (let i = 0; i < n; i++) d[p + i] = d[p + 2 * i]!;
  p = memRealloc(dst, realloc, p, 2 * n, 1, n);
  return transcoded(p, n);
}

/**
 * Spec `store_string_to_utf8` from `n` code units (`width` 2: UTF-16, 1:
 * Latin-1): one byte per unit while ASCII; at the first other unit grow to
 * the worst case (3 or 2 bytes per unit), finish, shrink to the bytes written.
 */
function unitsToUtf8(src: MemView, ptr: number, n: number, width: 1 | 2, dst: MemView, realloc: Realloc): number {
  const units = () => (width === 2 ? utf16Units(src, ptr, n) : memBytes(src).subarray(ptr, ptr + n));
  let p = memAlloc(dst, realloc, 1, n);
  const a = units();
  const i = unitsBelow(a, n, 0x80);
  memBytes(dst).set(a.subarray(0, i), p);
  if (i === n) return transcoded(p, n);
  const worst = (width === 2 ? 3 : 2) * n;
  p = memRealloc(dst, realloc, p, n, 1, worst);
  const len = unitsIntoUtf8(units(), i, n, memBytes(dst), p + i) - p;
  if (worst > len) p = memRealloc(dst, realloc, p, worst, 1, len);
  return transcoded(p, len);
}
