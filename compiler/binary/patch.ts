/**
 * Byte-level helpers for the small patches canonjs makes to core modules
 * without a full re-encode (compiler/transform/memory-export.ts,
 * compiler/emit/threads/memory-import.ts): LEB128 u32s, names, the section
 * list, a section's bytes, and splicing.
 */

/** The unsigned LEB128 at `pos` (up to 32 bits) and the position after it. */
export function readLebU32(b: Uint8Array, pos: number): [value: number, next: number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = b[pos++]!;
    if (shift <= 28) result |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result >>> 0, pos];
    shift += 7;
  }
}

/** `n` as an unsigned LEB128. */
export function lebU32(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** A name: its UTF-8 byte length, then the bytes. */
export function nameBytes(s: string): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...lebU32(bytes.length), ...bytes];
}

/** A section: id, payload size, payload. */
export const sectionBytes = (id: number, payload: number[]): number[] => [id, ...lebU32(payload.length), ...payload];

/** One section of a module: its id, where it starts, where its payload starts, where it ends. */
export interface SectionSpan {
  id: number;
  start: number;
  payload: number;
  end: number;
}

/** The section list of a core module (after the 8-byte preamble). */
export function moduleSections(b: Uint8Array): SectionSpan[] {
  const out: SectionSpan[] = [];
  let pos = 8;
  while (pos < b.length) {
    const start = pos;
    const id = b[pos++]!;
    const [size, payload] = readLebU32(b, pos);
    out.push({ id, start, payload, end: payload + size });
    pos = payload + size;
  }
  return out;
}

/** The parts joined into one array. */
export function joinBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Subsections of the `name` custom section binaryen knows: module, functions, locals. */
const KNOWN_NAME_SUBSECTIONS = new Set([0, 1, 2]);

/**
 * `bytes` without the extended-name subsections (labels, types, fields, …)
 * of its `name` section, which binaryen reads with a warning on stderr
 * ("unknown name subsection"); the function and local names stay, for
 * stack traces. Unchanged when there is nothing to drop.
 */
export function withBinaryenNames(bytes: Uint8Array): Uint8Array {
  for (const s of moduleSections(bytes)) {
    if (s.id !== 0) continue;
    const [len, at] = readLebU32(bytes, s.payload);
    if (new TextDecoder().decode(bytes.subarray(at, at + len)) !== 'name') continue;
    const keep: number[] = [];
    let dropped = false;
    for (let pos = at + len; pos < s.end; ) {
      const start = pos;
      const id = bytes[pos++]!;
      const [size, body] = readLebU32(bytes, pos);
      pos = body + size;
      if (KNOWN_NAME_SUBSECTIONS.has(id)) keep.push(...bytes.subarray(start, pos));
      else dropped = true;
    }
    if (!dropped) return bytes;
    const section = Uint8Array.from(sectionBytes(0, [...nameBytes('name'), ...keep]));
    return joinBytes([bytes.subarray(0, s.start), section, bytes.subarray(s.end)]);
  }
  return bytes;
}
