/**
 * Views of a linear memory for the glue: one `MemView` per memory, created
 * at instantiation. Growing a memory detaches its old ArrayBuffer, so the
 * cached views are refreshed lazily: `memDataView(m)` after any call into wasm.
 *
 * A memory64 memory (🐘) keeps its core interface 64-bit (realloc takes and
 * returns i64 bigints: memory64.ts's memView64), whether the engine runs it
 * natively or canonjs lowered it to 32 bits (compiler/transform/memory64.ts).
 * A memory with 1-byte pages lowered to 64 KiB pages
 * (compiler/transform/page-size.ts) is larger than the component's view of
 * it: its exported byte-size global bounds the views instead.
 */
import { trap } from './traps.js';

export interface MemView {
  readonly memory: WebAssembly.Memory;
  dv: DataView;
  u8: Uint8Array;
  /** shared memories grow in place (no detach): compare lengths instead */
  readonly shared: boolean;
  /** memory64: how realloc is called (with bigints; memView64 sets it) */
  realloc64: ((realloc: Realloc, old: number, oldSize: number, align: number, size: number) => number) | undefined;
  /** the logical byte size of a lowered custom-page-size memory (its views end there) */
  readonly bytes: WebAssembly.Global | undefined;
}

/** `realloc(old_ptr, old_size, align, new_size) -> ptr` of a component's core instance. */
export type Realloc = (old: number, oldSize: number, align: number, size: number) => number;

export const MAX_STRING_BYTE_LENGTH = 2 ** 28 - 1;
export const MAX_LIST_BYTE_LENGTH = 2 ** 28 - 1;

/**
 * The view of `memory` (memory64.ts's memView64 for a 64-bit one); `bytes`:
 * the byte-size global of a lowered custom-page-size memory (absent when the
 * engine runs it natively).
 */
export function memView(memory: WebAssembly.Memory, bytes?: WebAssembly.Global): MemView {
  const buffer = memory.buffer;
  const m: MemView = {
    memory,
    dv: new DataView(buffer),
    u8: new Uint8Array(buffer),
    shared: typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer,
    realloc64: undefined,
    bytes,
  };
  if (bytes) memRefresh(m);
  return m;
}

/** The logical byte size of a lowered custom-page-size memory. */
function memLogicalSize(bytes: WebAssembly.Global): number {
  const v = bytes.value as number | bigint;
  return typeof v === 'bigint' ? Number(v) : v >>> 0;
}

function memRefresh(m: MemView): void {
  const buffer = m.memory.buffer;
  const n = m.bytes ? memLogicalSize(m.bytes) : buffer.byteLength;
  m.dv = new DataView(buffer, 0, n);
  m.u8 = new Uint8Array(buffer, 0, n);
}

/** The DataView of `m`, valid until the next call into wasm. */
export function memDataView(m: MemView): DataView {
  // a detached buffer has length 0 (cheaper than reading memory.buffer each time)
  if (m.u8.length === 0 || (m.shared && m.memory.buffer.byteLength !== m.u8.length)) memRefresh(m);
  // a lowered 1-byte-page memory grows without detaching while it fits its last 64 KiB page
  else if (m.bytes !== undefined && memLogicalSize(m.bytes) !== m.u8.length) memRefresh(m);
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
  const ptr = m.realloc64 !== undefined ? m.realloc64(realloc, old, oldSize, align, size) : realloc(old, oldSize, align, size) >>> 0;
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
