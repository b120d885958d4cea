/**
 * The byte reader every decoder shares. Positions index `data`; reported
 * offsets are `base + position`, so with one Reader (and its sub-readers)
 * over the outermost buffer every error points into the file, however deep
 * the nested component or module. Every failure is a catalogued
 * `CompileError`: no RangeError or TypeError escapes on any input.
 */
import { fail } from '../errors/index.js';

/** Decoder limits (implementation limits, not spec rules). */
export const DECODE_LIMITS = {
  /** a u32 LEB128 takes at most ceil(32 / 7) bytes */
  U32_LEB_BYTES: 5,
  /** a u64 LEB128 takes at most ceil(64 / 7) bytes */
  U64_LEB_BYTES: 10,
  /**
   * nested components plus nested component/instance/module types: deep
   * enough for any real component, shallow enough that recursion cannot
   * exhaust the stack
   */
  MAX_NESTING_DEPTH: 100,
  /** short all-ASCII names are built directly instead of through TextDecoder */
  ASCII_FAST_PATH: 64,
} as const;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class Reader {
  readonly data: Uint8Array;
  /** current position (an index into `data`) */
  pos: number;
  /** one past the last readable position */
  readonly end: number;
  /** offset of `data[0]` in the outermost input */
  readonly base: number;

  constructor(data: Uint8Array, pos = 0, end = data.length, base = 0) {
    this.data = data;
    this.pos = pos;
    this.end = end;
    this.base = base;
  }

  /** the current offset in the outermost input */
  get offset(): number {
    return this.base + this.pos;
  }

  eof(): boolean {
    return this.pos >= this.end;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  /** fails with `decode/unexpected-end` at the current position */
  unexpectedEnd(what: string): never {
    return fail('decode/unexpected-end', this.base + Math.min(this.pos, this.end), what);
  }

  /** fails with `decode/invalid-leading-byte`, by default at the byte just read */
  invalidLeadingByte(byte: number, what: string, offset = this.offset - 1): never {
    return fail('decode/invalid-leading-byte', offset, byte, what);
  }

  u8(what: string): number {
    if (this.pos >= this.end) this.unexpectedEnd(what);
    return this.data[this.pos++]!;
  }

  peek(what: string): number {
    if (this.pos >= this.end) this.unexpectedEnd(what);
    return this.data[this.pos]!;
  }

  /** a byte that must be 0x00 (false) or 0x01 (true) */
  flag(what: string): boolean {
    const byte = this.u8(what);
    if (byte > 1) fail('decode/invalid-boolean', this.offset - 1, byte, what);
    return byte === 1;
  }

  /** a byte that must equal `expected` */
  expectByte(expected: number, what: string): void {
    const byte = this.u8(what);
    if (byte !== expected) this.invalidLeadingByte(byte, what);
  }

  /** unsigned LEB128, at most 5 bytes, below 2^32 */
  u32(what: string): number {
    const data = this.data;
    const end = this.end;
    let pos = this.pos;
    if (pos >= end) this.unexpectedEnd(what);
    let byte = data[pos++]!;
    if (byte < 0x80) {
      this.pos = pos;
      return byte;
    }
    let result = byte & 0x7f;
    for (let shift = 7; ; shift += 7) {
      if (pos >= end) {
        this.pos = pos;
        this.unexpectedEnd(what);
      }
      byte = data[pos++]!;
      if (shift === 28) {
        // the fifth byte carries bits 28..31 only
        if (byte & 0x80) fail('decode/integer-representation-too-long', this.base + pos - 1, what);
        if (byte & 0x70) fail('decode/integer-too-large', this.base + pos - 1, what);
        this.pos = pos;
        return result + byte * 0x10000000;
      }
      result |= (byte & 0x7f) << shift;
      if (byte < 0x80) {
        this.pos = pos;
        return result;
      }
    }
  }

  /**
   * unsigned LEB128 below 2^64, at most 10 bytes: a number when it fits a
   * double exactly, else a bigint
   */
  u64(what: string): number | bigint {
    const start = this.pos;
    let result = 0;
    let scale = 1;
    for (let i = 1; ; i++) {
      const byte = this.u8(what);
      if (i === DECODE_LIMITS.U64_LEB_BYTES) {
        // the tenth byte carries bit 63 only
        if (byte & 0x80) fail('decode/integer-representation-too-long', this.offset - 1, what);
        if (byte & 0x7e) fail('decode/integer-too-large', this.offset - 1, what);
      }
      result += (byte & 0x7f) * scale;
      scale *= 128;
      if (byte < 0x80) break;
    }
    if (result <= Number.MAX_SAFE_INTEGER) return result;
    let big = 0n;
    for (let p = this.pos - 1; p >= start; p--) big = (big << 7n) | BigInt(this.data[p]! & 0x7f);
    return big;
  }

  /**
   * signed LEB128 of `bits` bits (32, 33 or 64). Exact for values that fit
   * a double; s64 is only ever skipped, so its rounding does not matter.
   */
  signed(bits: 32 | 33 | 64, what: string): number {
    const maxBytes = Math.ceil(bits / 7);
    // bits of the last byte that must all equal the sign bit
    const lastMask = (0x7f << (bits - 7 * (maxBytes - 1) - 1)) & 0x7f;
    let result = 0;
    let scale = 1;
    for (let i = 1; ; i++) {
      const byte = this.u8(what);
      if (i === maxBytes) {
        if (byte & 0x80) fail('decode/integer-representation-too-long', this.offset - 1, what);
        const high = byte & lastMask;
        if (high !== 0 && high !== lastMask) fail('decode/integer-too-large', this.offset - 1, what);
      }
      result += (byte & 0x7f) * scale;
      scale *= 128;
      if (byte < 0x80) return byte & 0x40 ? result - scale : result;
    }
  }

  /** `n` bytes as a view into the input */
  bytes(n: number, what: string): Uint8Array {
    if (n > this.end - this.pos) this.unexpectedEnd(what);
    const view = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return view;
  }

  skip(n: number, what: string): void {
    if (n > this.end - this.pos) this.unexpectedEnd(what);
    this.pos += n;
  }

  /** `name ::= len:u32 bytes`, strict UTF-8 */
  name(what: string): string {
    const len = this.u32(what);
    const start = this.pos;
    if (len > this.end - start) this.unexpectedEnd(what);
    this.pos = start + len;
    return decodeUtf8(this.data, start, start + len, this.base + start);
  }

  /**
   * a vector count. Every vector item takes at least one byte, so a count
   * larger than the bytes left fails here instead of looping or allocating.
   */
  count(what: string): number {
    const at = this.offset;
    const n = this.u32(`${what} count`);
    const left = this.end - this.pos;
    if (n > left) fail('decode/count-too-large', at, what, n, left);
    return n;
  }

  /** `vec(item)` */
  vec<T>(what: string, item: (r: Reader) => T): T[] {
    const n = this.count(what);
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(item(this));
    return out;
  }

  /** a reader over the next `size` bytes (which this reader skips) */
  sub(size: number, what: string): Reader {
    if (size > this.end - this.pos) this.unexpectedEnd(what);
    const r = new Reader(this.data, this.pos, this.pos + size, this.base);
    this.pos += size;
    return r;
  }
}

/**
 * Recently decoded short ASCII names, by hash: components repeat names
 * (labels, `self`, interface names) a lot, and a hit costs no allocation.
 */
const NAME_CACHE_SIZE = 4096;
const nameCache: string[] = new Array<string>(NAME_CACHE_SIZE).fill('');
const codes: number[] = [];

function decodeUtf8(data: Uint8Array, start: number, end: number, offset: number): string {
  const n = end - start;
  if (n <= DECODE_LIMITS.ASCII_FAST_PATH) {
    let hash = n;
    let ascii = true;
    for (let p = start; p < end; p++) {
      const byte = data[p]!;
      if (byte >= 0x80) {
        ascii = false;
        break;
      }
      hash = (Math.imul(hash, 31) + byte) | 0;
    }
    if (ascii) {
      const slot = (hash ^ (hash >>> 12)) & (NAME_CACHE_SIZE - 1);
      const cached = nameCache[slot]!;
      if (cached.length === n) {
        let i = 0;
        while (i < n && cached.charCodeAt(i) === data[start + i]) i++;
        if (i === n) return cached;
      }
      codes.length = n;
      for (let i = 0; i < n; i++) codes[i] = data[start + i]!;
      const name = String.fromCharCode.apply(null, codes);
      nameCache[slot] = name;
      return name;
    }
  }
  try {
    return utf8.decode(data.subarray(start, end));
  } catch (e) {
    // only the fatal decoder's rejection of malformed UTF-8 is converted
    if (e instanceof TypeError) fail('decode/invalid-utf8', offset);
    throw e;
  }
}

/** a 256-entry lookup from an opcode table `{ [byte]: name }` */
export function byteTable<V>(table: { readonly [byte: number]: V }): (V | undefined)[] {
  const out: (V | undefined)[] = new Array(256).fill(undefined);
  for (const [key, value] of Object.entries(table)) out[Number(key)] = value;
  return out;
}

/** checks the nesting limit before descending into a nested component or type */
export function enter(depth: number, offset: number): number {
  if (depth >= DECODE_LIMITS.MAX_NESTING_DEPTH) fail('decode/nesting-too-deep', offset, DECODE_LIMITS.MAX_NESTING_DEPTH);
  return depth + 1;
}
