/**
 * Byte-level patch for shared threads: the module a worker instantiates must
 * use the main thread's shared memories, not make new ones, so each memory
 * the module defines becomes an import (module `THREAD_MEMORY_MODULE`, named
 * by its memory index) with the same memory type. Only the import and memory
 * sections change: the new imports follow every existing import, so the
 * memory index space keeps its order (imported memories, then the formerly
 * defined ones) and no other index moves. Used only when every memory the
 * module defines is shared (what the caller checks).
 */
import { THREAD_MEMORY_MODULE } from '../../../runtime/threads/plan.js';

const SECTION_TYPE = 1;
const SECTION_IMPORT = 2;
const SECTION_MEMORY = 5;
const EXTERNAL_MEMORY = 2;
const LIMITS_HAS_MAX = 0x01;
const LIMITS_PAGE_SIZE = 0x08;

function leb(b: Uint8Array, pos: number): [value: number, next: number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = b[pos++]!;
    if (shift < 28) result |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result >>> 0, pos];
    shift += 7;
  }
}

function u32(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

const name = (s: string): number[] => {
  const bytes = [...new TextEncoder().encode(s)];
  return [...u32(bytes.length), ...bytes];
};

interface Section {
  id: number;
  start: number;
  payload: number;
  end: number;
}

function sections(b: Uint8Array): Section[] {
  const out: Section[] = [];
  let pos = 8;
  while (pos < b.length) {
    const start = pos;
    const id = b[pos++]!;
    const [size, payload] = leb(b, pos);
    out.push({ id, start, payload, end: payload + size });
    pos = payload + size;
  }
  return out;
}

/** The raw bytes of each memtype in a memory section's payload. */
function memtypes(b: Uint8Array, s: Section): Uint8Array[] {
  let [count, pos] = leb(b, s.payload);
  const out: Uint8Array[] = [];
  for (; count > 0; count--) {
    const at = pos;
    const flags = b[pos++]!;
    [, pos] = leb(b, pos); // min
    if (flags & LIMITS_HAS_MAX) [, pos] = leb(b, pos);
    if (flags & LIMITS_PAGE_SIZE) [, pos] = leb(b, pos);
    out.push(b.subarray(at, pos));
  }
  return out;
}

const section = (id: number, payload: number[]): number[] => [id, ...u32(payload.length), ...payload];

/**
 * `bytes` with its defined memories turned into imports; `first` is the
 * index of the first defined memory (the number of imported memories).
 */
export function withMemoryImports(bytes: Uint8Array, first: number): Uint8Array {
  const secs = sections(bytes);
  const mem = secs.find((s) => s.id === SECTION_MEMORY);
  if (!mem) return bytes;
  const entries = memtypes(bytes, mem).map((t, i) => [
    ...name(THREAD_MEMORY_MODULE),
    ...name(String(first + i)),
    EXTERNAL_MEMORY,
    ...t,
  ]);
  const imp = secs.find((s) => s.id === SECTION_IMPORT);
  let importSection: number[];
  let from: number;
  let to: number;
  if (imp) {
    const [count, rest] = leb(bytes, imp.payload);
    importSection = section(SECTION_IMPORT, [...u32(count + entries.length), ...bytes.subarray(rest, imp.end), ...entries.flat()]);
    [from, to] = [imp.start, imp.end];
  } else {
    importSection = section(SECTION_IMPORT, [...u32(entries.length), ...entries.flat()]);
    const type = secs.find((s) => s.id === SECTION_TYPE);
    from = to = type ? type.end : 8;
  }
  // splice: [.. from) import section [to .. mem.start) [mem.end ..)
  const parts = [bytes.subarray(0, from), Uint8Array.from(importSection), bytes.subarray(to, mem.start), bytes.subarray(mem.end)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
