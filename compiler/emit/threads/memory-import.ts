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
import { joinBytes, lebU32, moduleSections, nameBytes, readLebU32, sectionBytes, type SectionSpan } from '../../binary/patch.js';

const SECTION_TYPE = 1;
const SECTION_IMPORT = 2;
const SECTION_MEMORY = 5;
const EXTERNAL_MEMORY = 2;
const LIMITS_HAS_MAX = 0x01;
const LIMITS_PAGE_SIZE = 0x08;

/** The raw bytes of each memtype in a memory section's payload. */
function memtypes(b: Uint8Array, s: SectionSpan): Uint8Array[] {
  let [count, pos] = readLebU32(b, s.payload);
  const out: Uint8Array[] = [];
  for (; count > 0; count--) {
    const at = pos;
    const flags = b[pos++]!;
    [, pos] = readLebU32(b, pos); // min
    if (flags & LIMITS_HAS_MAX) [, pos] = readLebU32(b, pos);
    if (flags & LIMITS_PAGE_SIZE) [, pos] = readLebU32(b, pos);
    out.push(b.subarray(at, pos));
  }
  return out;
}

/**
 * `bytes` with its defined memories turned into imports; `first` is the
 * index of the first defined memory (the number of imported memories).
 */
export function withMemoryImports(bytes: Uint8Array, first: number): Uint8Array {
  const secs = moduleSections(bytes);
  const mem = secs.find((s) => s.id === SECTION_MEMORY);
  if (!mem) return bytes;
  const entries = memtypes(bytes, mem).map((t, i) => [
    ...nameBytes(THREAD_MEMORY_MODULE),
    ...nameBytes(String(first + i)),
    EXTERNAL_MEMORY,
    ...t,
  ]);
  const imp = secs.find((s) => s.id === SECTION_IMPORT);
  let importSection: number[];
  let from: number;
  let to: number;
  if (imp) {
    const [count, rest] = readLebU32(bytes, imp.payload);
    importSection = sectionBytes(SECTION_IMPORT, [...lebU32(count + entries.length), ...bytes.subarray(rest, imp.end), ...entries.flat()]);
    [from, to] = [imp.start, imp.end];
  } else {
    importSection = sectionBytes(SECTION_IMPORT, [...lebU32(entries.length), ...entries.flat()]);
    const type = secs.find((s) => s.id === SECTION_TYPE);
    from = to = type ? type.end : 8;
  }
  // splice: [.. from) import section [to .. mem.start) [mem.end ..)
  const parts = [bytes.subarray(0, from), Uint8Array.from(importSection), bytes.subarray(to, mem.start), bytes.subarray(mem.end)];
  return joinBytes(parts);
}
