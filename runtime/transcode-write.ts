/**
 * The writing side of a string copied from one linear memory to another:
 * encoders from already validated code units into a destination's bytes.
 * They read and write typed arrays only (no JS string is made).
 */
import { memBytes, type MemView } from './memory.js';

/** Writes the UTF-16 code units of the valid UTF-8 s[i, end) at d[k...]; returns the index after the last unit. */
export function utf8IntoUtf16(s: Uint8Array, i: number, end: number, d: Uint16Array, k: number): number {
  while (i < end) {
    const c = s[i]!;
    if (c < 0x80) {
      d[k++] = c;
      i++;
    } else if (c < 0xe0) {
      d[k++] = ((c & 0x1f) << 6) | (s[i + 1]! & 0x3f);
      i += 2;
    } else if (c < 0xf0) {
      d[k++] = ((c & 0x0f) << 12) | ((s[i + 1]! & 0x3f) << 6) | (s[i + 2]! & 0x3f);
      i += 3;
    } else {
      const cp = ((c & 0x07) << 18) | ((s[i + 1]! & 0x3f) << 12) | ((s[i + 2]! & 0x3f) << 6) | (s[i + 3]! & 0x3f);
      const v = cp - 0x10000;
      d[k++] = 0xd800 | (v >> 10);
      d[k++] = 0xdc00 | (v & 0x3ff);
      i += 4;
    }
  }
  return k;
}

/** After `utf8IntoLatin1`: the source index where it stopped. */
export let latin1Stop = 0;

/**
 * Writes Latin-1 bytes for the valid UTF-8 s[i, end) at d[k...], stopping
 * before the first code point past U+00FF (`latin1Stop` is where). Returns
 * the number of bytes written.
 */
export function utf8IntoLatin1(s: Uint8Array, i: number, end: number, d: Uint8Array, k: number): number {
  const start = k;
  while (i < end) {
    const c = s[i]!;
    if (c < 0x80) {
      d[k++] = c;
      i++;
    } else if (c < 0xc4) {
      // C2 and C3 lead U+0080..U+00FF
      d[k++] = ((c & 0x1f) << 6) | (s[i + 1]! & 0x3f);
      i += 2;
    } else {
      break;
    }
  }
  latin1Stop = i;
  return k - start;
}

/**
 * Writes the UTF-8 of the code units src[i, n) (valid UTF-16, or Latin-1
 * bytes) at d[k...]; returns the index after the last byte written.
 */
export function unitsIntoUtf8(src: Uint16Array | Uint8Array, i: number, n: number, d: Uint8Array, k: number): number {
  while (i < n) {
    let c = src[i++]!;
    if (c < 0x80) {
      d[k++] = c;
    } else if (c < 0x800) {
      d[k++] = 0xc0 | (c >> 6);
      d[k++] = 0x80 | (c & 0x3f);
    } else if ((c & 0xfc00) === 0xd800) {
      // a high surrogate: validated, so a low one follows
      c = 0x10000 + ((c - 0xd800) << 10) + (src[i++]! - 0xdc00);
      d[k++] = 0xf0 | (c >> 18);
      d[k++] = 0x80 | ((c >> 12) & 0x3f);
      d[k++] = 0x80 | ((c >> 6) & 0x3f);
      d[k++] = 0x80 | (c & 0x3f);
    } else {
      d[k++] = 0xe0 | (c >> 12);
      d[k++] = 0x80 | ((c >> 6) & 0x3f);
      d[k++] = 0x80 | (c & 0x3f);
    }
  }
  return k;
}

/** Index of the first unit ≥ `limit` in a[0, n), or n. */
export function unitsBelow(a: Uint16Array | Uint8Array, n: number, limit: number): number {
  let i = 0;
  while (i < n && a[i]! < limit) i++;
  return i;
}

/** Widens the `k` Latin-1 bytes at d[p...] to UTF-16LE in place, backwards (the spec's loop). */
export function widenInPlace(d: Uint8Array, p: number, k: number): void {
  for (let j = k - 1; j >= 0; j--) {
    d[p + 2 * j] = d[p + j]!;
    d[p + 2 * j + 1] = 0;
  }
}

/** Copies `n` bytes from one memory to another (or within one: `set` copies overlapping ranges correctly). */
export function copyBytes(src: MemView, sp: number, dst: MemView, dp: number, n: number): void {
  const d = memBytes(dst);
  d.set(memBytes(src).subarray(sp, sp + n), dp);
}
