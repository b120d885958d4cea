/** Scalars and lists that a fused cross-component call moves from one linear memory to the other. */
import { checkList, memAlloc, memDataView, type MemView, type Realloc } from './memory.js';
import { copyBytes } from './transcode-write.js';
import { trap } from './traps.js';

/** A char passed on: its code point, trapping unless it is a Unicode scalar value (spec `convert_i32_to_char`). */
export function checkChar(i: number): number {
  const c = i >>> 0;
  if (c >= 0x110000 || (c >= 0xd800 && c <= 0xdfff)) trap('trap/invalid-char');
  return c;
}

/**
 * A list whose elements are plain bytes (numbers, and records of them
 * without padding): the source range is checked as the spec's
 * `load_list_from_range` does, the destination allocated with its realloc,
 * and the bytes copied in one go. Returns the destination pointer.
 */
export function copyList(
  src: MemView, ptr: number, len: number, elemSize: number, align: number, dst: MemView, realloc: Realloc,
): number {
  checkList(memDataView(src), ptr, len, elemSize, align);
  const bytes = len * elemSize;
  const p = memAlloc(dst, realloc, align, bytes);
  copyBytes(src, ptr, dst, p, bytes);
  return p;
}
