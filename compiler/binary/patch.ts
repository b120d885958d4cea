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
