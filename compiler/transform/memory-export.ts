/**
 * Byte-level patch for the asyncify path: a module whose memory 0 is neither
 * exported nor imported keeps it out of JS's reach, but the asyncify driver
 * (runtime/async/asyncify.ts) must write its frame buffers there. This adds
 * an export of memory 0 under a given name, before binaryen reads the module
 * (binaryen.js cannot name an unnamed memory for `addMemoryExport`).
 */

const SECTION_EXPORT = 7;
const EXTERNAL_MEMORY = 2;
/** sections that come before the export section (type … global, and tag 13 between memory and global) */
const BEFORE_EXPORT = new Set([1, 2, 3, 4, 5, 13, 6]);

function readU32(b: Uint8Array, pos: number): [value: number, next: number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = b[pos++]!;
    result |= (byte & 0x7f) << shift;
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

/** The section list of a module: id, start of the payload, end. */
function sections(b: Uint8Array): { id: number; start: number; payload: number; end: number }[] {
  const out: { id: number; start: number; payload: number; end: number }[] = [];
  let pos = 8;
  while (pos < b.length) {
    const start = pos;
    const id = b[pos++]!;
    const [size, payload] = readU32(b, pos);
    out.push({ id, start, payload, end: payload + size });
    pos = payload + size;
  }
  return out;
}

/** Does the export section export a memory? */
function exportsMemory(b: Uint8Array, payload: number): boolean {
  let [count, pos] = readU32(b, payload);
  for (; count > 0; count--) {
    const [len, at] = readU32(b, pos);
    pos = at + len;
    const kind = b[pos++]!;
    [, pos] = readU32(b, pos);
    if (kind === EXTERNAL_MEMORY) return true;
  }
  return false;
}

/**
 * `bytes` with memory 0 exported as `name`, unless it already exports a
 * memory (then unchanged). The caller knows the module has a memory.
 */
export function withMemoryExport(bytes: Uint8Array, name: string): Uint8Array {
  const secs = sections(bytes);
  const exp = secs.find((s) => s.id === SECTION_EXPORT);
  if (exp && exportsMemory(bytes, exp.payload)) return bytes;
  const nameBytes = new TextEncoder().encode(name);
  const entry = [...u32(nameBytes.length), ...nameBytes, EXTERNAL_MEMORY, 0];
  let section: number[];
  let from: number;
  let to: number;
  if (exp) {
    const [count, rest] = readU32(bytes, exp.payload);
    const payload = [...u32(count + 1), ...bytes.subarray(rest, exp.end), ...entry];
    section = [SECTION_EXPORT, ...u32(payload.length), ...payload];
    from = exp.start;
    to = exp.end;
  } else {
    const payload = [...u32(1), ...entry];
    section = [SECTION_EXPORT, ...u32(payload.length), ...payload];
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
