/**
 * 64-bit addresses (🐘 memory64): the core side of a memory64 memory passes
 * pointers and lengths as i64, which JS sees as (signed) bigints; the glue
 * works with JS numbers. Numbers are exact below 2^53, far beyond any memory
 * an engine can allocate, so a larger value (or a negative one, i.e. ≥ 2^63
 * unsigned) becomes 2^52 plus its low three bits: still out of bounds of
 * every memory and too long for every string or list, with its alignment
 * kept, so the usual checks raise the trap the spec raises for it, in the
 * spec's order (length, alignment, bounds).
 */
import { UTF16_TAG } from './strings.js';
import { memView, type MemView, type Realloc } from './memory.js';

const ADDR64_FAR = 2 ** 52;

/** An i64 pointer or length → a JS number (exact below 2^53; beyond: a far, unreachable address). */
export function addr64(x: bigint): number {
  if (x >= 0n && x <= 9007199254740991n) return Number(x);
  return ADDR64_FAR + Number(x & 7n);
}

/**
 * A latin1+utf16 length of a memory64 memory (the UTF-16 tag is bit 63) →
 * the runtime's 32-bit form (tag bit 31). Lengths past 2^30 code units are
 * too long in either encoding: they become 2^30, which the string checks reject.
 */
export function tagged64(x: bigint): number {
  const u = BigInt.asUintN(64, x);
  const units = u & 0x7fff_ffff_ffff_ffffn;
  const n = units > 0x4000_0000n ? 0x4000_0000 : Number(units);
  return u === units ? n : UTF16_TAG + n;
}

/** The runtime's tagged latin1+utf16 length → its memory64 form (tag bit 63). */
export function toTagged64(n: number): bigint {
  return n >= UTF16_TAG ? BigInt(n - UTF16_TAG) | 0x8000_0000_0000_0000n : BigInt(n);
}

/** The view of a 64-bit memory (run natively or lowered): its realloc takes and returns bigints. */
export function memView64(memory: WebAssembly.Memory, bytes?: WebAssembly.Global): MemView {
  const m = memView(memory, bytes);
  m.realloc64 = memRealloc64;
  return m;
}

/** A memory64 realloc, `(i64 i64 i64 i64) -> i64`, called with bigints; its result as an address. */
function memRealloc64(realloc: Realloc, old: number, oldSize: number, align: number, size: number): number {
  const f = realloc as unknown as (old: bigint, oldSize: bigint, align: bigint, size: bigint) => bigint;
  return addr64(f(BigInt(old), BigInt(oldSize), BigInt(align), BigInt(size)));
}

/** `(module (memory i64 0))` */
const PROBE_MEMORY64 = [0, 97, 115, 109, 1, 0, 0, 0, 5, 3, 1, 4, 0];
/** `(module (memory 0 (pagesize 1)))` */
const PROBE_PAGE_SIZE = [0, 97, 115, 109, 1, 0, 0, 0, 5, 4, 1, 8, 0, 0];

/**
 * Does this engine run memory64 and/or custom-page-size memories as they are?
 * Picks, at instantiation, between a core module and its lowered twin
 * (compiler/transform/lower-memory.ts).
 */
export function engineHasMemory(memory64: boolean, pageSize: boolean): boolean {
  return (
    (!memory64 || WebAssembly.validate(new Uint8Array(PROBE_MEMORY64))) &&
    (!pageSize || WebAssembly.validate(new Uint8Array(PROBE_PAGE_SIZE)))
  );
}
