/**
 * Views of a linear memory for the glue: one `MemView` per memory, created
 * at instantiation. Growing a memory detaches its old ArrayBuffer, so the
 * cached views are refreshed lazily: `memDataView(m)` after any call into wasm.
 */
import { trap } from './traps.js';

export interface MemView {
  readonly memory: WebAssembly.Memory;
  dv: DataView;
  u8: Uint8Array;
  /** shared memories grow in place (no detach): compare lengths instead */
  readonly shared: boolean;
}

/** `realloc(old_ptr, old_size, align, new_size) -> ptr` of a component's core instance. */
export type Realloc = (old: number, oldSize: number, align: number, size: number) => number;

export const MAX_STRING_BYTE_LENGTH = 2 ** 28 - 1;
export const MAX_LIST_BYTE_LENGTH = 2 ** 28 - 1;

export function memView(memory: WebAssembly.Memory): MemView {
  const buffer = memory.buffer;
  return {
    memory,
    dv: new DataView(buffer),
    u8: new Uint8Array(buffer),
    shared: typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer,
  };
}

function memRefresh(m: MemView): void {
  const buffer = m.memory.buffer;
  m.dv = new DataView(buffer);
  m.u8 = new Uint8Array(buffer);
}

/** The DataView of `m`, valid until the next call into wasm. */
export function memDataView(m: MemView): DataView {
  // a detached buffer has length 0 (cheaper than reading memory.buffer each time)
  if (m.u8.length === 0 || (m.shared && m.memory.buffer.byteLength !== m.u8.length)) memRefresh(m);
  return m.dv;
}

/** The bytes of `m`, valid until the next call into wasm. */
export function memBytes(m: MemView): Uint8Array {
  memDataView(m);
  return m.u8;
}

/** `realloc(0, 0, align, size)` with the spec's checks of the result. */
export function memAlloc(m: MemView, realloc: Realloc, align: number, size: number): number {
  return memRealloc(m, realloc, 0, 0, align, size);
}

/** `realloc(old, oldSize, align, size)` with the spec's checks of the result. */
export function memRealloc(m: MemView, realloc: Realloc, old: number, oldSize: number, align: number, size: number): number {
  const ptr = realloc(old, oldSize, align, size) >>> 0;
  if ((ptr & (align - 1)) !== 0) trap('trap/realloc-misaligned');
  if (ptr + size > memDataView(m).byteLength) trap('trap/realloc-out-of-bounds');
  return ptr;
}

/** Traps unless [ptr, ptr + size) is in bounds and ptr is aligned. */
export function checkPtr(dv: DataView, ptr: number, align: number, size: number): void {
  if ((ptr & (align - 1)) !== 0) trap('trap/misaligned-pointer');
  if (ptr + size > dv.byteLength) trap('trap/out-of-bounds');
}

/** Traps unless a list of `len` elements at `ptr` is small enough, aligned and in bounds. */
export function checkList(dv: DataView, ptr: number, len: number, elemSize: number, align: number): void {
  const size = len * elemSize;
  if (size > MAX_LIST_BYTE_LENGTH) trap('trap/list-too-long');
  if ((ptr & (align - 1)) !== 0) trap('trap/misaligned-pointer');
  if (ptr + size > dv.byteLength) trap('trap/out-of-bounds');
}
