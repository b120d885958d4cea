/**
 * Byte-level patch for the asyncify path: a module whose memory 0 is neither
 * exported nor imported keeps it out of JS's reach, but the asyncify driver
 * (runtime/async/asyncify.ts) must write its frame buffers there. This adds
 * an export of memory 0 under a given name, before binaryen reads the module
 * (binaryen.js cannot name an unnamed memory for `addMemoryExport`).
 */

import { lebU32, moduleSections, nameBytes, readLebU32, sectionBytes } from '../binary/patch.js';

const SECTION_EXPORT = 7;
const EXTERNAL_MEMORY = 2;
/** sections that come before the export section (type … global, and tag 13 between memory and global) */
const BEFORE_EXPORT = new Set([1, 2, 3, 4, 5, 13, 6]);

/** Does the export section export a memory? */
function exportsMemory(b: Uint8Array, payload: number): boolean {
  let [count, pos] = readLebU32(b, payload);
  for (; count > 0; count--) {
    const [len, at] = readLebU32(b, pos);
    pos = at + len;
    const kind = b[pos++]!;
    [, pos] = readLebU32(b, pos);
    if (kind === EXTERNAL_MEMORY) return true;
  }
  return false;
}

/**
 * `bytes` with memory 0 exported as `name`, unless it already exports a
 * memory (then unchanged). The caller knows the module has a memory.
 */
export function withMemoryExport(bytes: Uint8Array, name: string): Uint8Array {
  const secs = moduleSections(bytes);
  const exp = secs.find((s) => s.id === SECTION_EXPORT);
  if (exp && exportsMemory(bytes, exp.payload)) return bytes;
  const entry = [...nameBytes(name), EXTERNAL_MEMORY, 0];
  let section: number[];
  let from: number;
  let to: number;
  if (exp) {
    const [count, rest] = readLebU32(bytes, exp.payload);
    const payload = [...lebU32(count + 1), ...bytes.subarray(rest, exp.end), ...entry];
    section = sectionBytes(SECTION_EXPORT, payload);
    from = exp.start;
    to = exp.end;
  } else {
    const payload = [...lebU32(1), ...entry];
    section = sectionBytes(SECTION_EXPORT, payload);
    // after the last section that must precede it (custom sections stay where they are)
    let at = 8;
    for (const s of secs) if (BEFORE_EXPORT.has(s.id)) at = s.end;
    from = to = at;
  }
  const out = new Uint8Array(bytes.length - (to - from) + section.length);
  out.set(bytes.subarray(0, from), 0);
  out.set(section, from);
  out.set(bytes.subarray(to), from + section.length);
  return out;
}
