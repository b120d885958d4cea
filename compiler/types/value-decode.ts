/**
 * 🪙 The value encoding of a value definition (Binary.md "Value Definitions"):
 * `decodeValue(bytes, type)` reads the value `bytes` encode as `type`, or
 * fails with `validate/bad-value` naming what is wrong. The validator uses it
 * to check a definition; the linker to know the value. The result is neutral
 * (no JS contract yet): numbers, bigints for 64-bit integers, strings, and
 * small records for the compound types.
 */
import { fail } from '../errors/index.js';
import type { ValType } from './model.js';

/** A decoded component value. */
export type DecodedValue =
  | boolean // bool
  | number // s8…u32, f32, f64
  | bigint // s64, u64
  | string // char, string
  | { kind: 'items'; items: DecodedValue[] } // record fields, tuple elements, list elements (in order)
  | { kind: 'case'; index: number; value: DecodedValue | null } // variant, enum, option (0 none, 1 some), result (0 ok, 1 error)
  | { kind: 'flags'; set: boolean[] }; // one per flag name

const bad = (detail: string): never => fail('validate/bad-value', undefined, detail);

/** Integer kinds: bits, signedness. */
const INTS: Record<string, { bits: number; signed: boolean }> = {
  s16: { bits: 16, signed: true },
  u16: { bits: 16, signed: false },
  s32: { bits: 32, signed: true },
  u32: { bits: 32, signed: false },
  s64: { bits: 64, signed: true },
  u64: { bits: 64, signed: false },
};

class ValueReader {
  pos = 0;
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  byte(): number {
    if (this.pos >= this.bytes.length) bad('unexpected end of the value');
    return this.bytes[this.pos++]!;
  }

  take(n: number): number {
    if (this.pos + n > this.bytes.length) bad('unexpected end of the value');
    const at = this.pos;
    this.pos += n;
    return at;
  }

  /** A LEB128 integer of `bits` bits (core `uN`/`sN`): at most ceil(bits/7) bytes, unused bits clear (or a sign extension). */
  leb(bits: number, signed: boolean): bigint {
    const maxBytes = Math.ceil(bits / 7);
    let result = 0n;
    let shift = 0n;
    for (let i = 0; ; i++) {
      if (i === maxBytes) bad('integer representation too long');
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) {
        if (signed && b & 0x40) result -= 1n << shift;
        break;
      }
    }
    const limit = 1n << BigInt(signed ? bits - 1 : bits);
    if (signed ? result < -limit || result >= limit : result >= limit) bad(`integer out of range for ${signed ? 's' : 'u'}${bits}`);
    return result;
  }

  u32(): number {
    return Number(this.leb(32, false));
  }

  f32(): number {
    const at = this.take(4);
    const bits = this.view.getUint32(at, true);
    if ((bits & 0x7f800000) === 0x7f800000 && (bits & 0x7fffff) !== 0 && bits !== 0x7fc00000) bad('non-canonical NaN');
    return this.view.getFloat32(at, true);
  }

  f64(): number {
    const at = this.take(8);
    const bits = this.view.getBigUint64(at, true);
    const nan = ((bits >> 52n) & 0x7ffn) === 0x7ffn && (bits & 0xfffffffffffffn) !== 0n;
    if (nan && bits !== 0x7ff8000000000000n) bad('non-canonical NaN');
    return this.view.getFloat64(at, true);
  }

  utf8(len: number, what: string): string {
    const at = this.take(len);
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(this.bytes.subarray(at, at + len));
    } catch {
      return bad(`malformed UTF-8 ${what}`);
    }
  }

  char(): string {
    const b = this.bytes[this.pos];
    const len = b === undefined ? 1 : b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
    if (len === 0) bad('malformed UTF-8 char');
    const s = this.utf8(len, 'char');
    if ([...s].length !== 1) bad('malformed UTF-8 char');
    return s;
  }
}

function read(r: ValueReader, t: ValType): DecodedValue {
  switch (t.kind) {
    case 'bool': {
      const b = r.byte();
      if (b > 1) bad('a bool is 0x00 or 0x01');
      return b === 1;
    }
    case 'u8':
      return r.byte();
    case 's8': {
      const b = r.byte();
      return b < 128 ? b : b - 256;
    }
    case 's16': case 'u16': case 's32': case 'u32': {
      const { bits, signed } = INTS[t.kind]!;
      return Number(r.leb(bits, signed));
    }
    case 's64': case 'u64': {
      const { bits, signed } = INTS[t.kind]!;
      return r.leb(bits, signed);
    }
    case 'f32':
      return r.f32();
    case 'f64':
      return r.f64();
    case 'char':
      return r.char();
    case 'string':
      return r.utf8(r.u32(), 'string');
    case 'record':
      return { kind: 'items', items: t.fields.map((f) => read(r, f.type)) };
    case 'tuple':
      return { kind: 'items', items: t.types.map((x) => read(r, x)) };
    case 'list': {
      // a fixed-length list has no length prefix: its type says it
      const n = t.length ?? r.u32();
      const items: DecodedValue[] = [];
      for (let i = 0; i < n; i++) items.push(read(r, t.element));
      return { kind: 'items', items };
    }
    case 'variant': {
      const index = r.u32();
      const c = t.cases[index] ?? bad(`variant case ${index} out of range (${t.cases.length} cases)`);
      return { kind: 'case', index, value: c.type ? read(r, c.type) : null };
    }
    case 'enum': {
      const index = r.u32();
      if (index >= t.names.length) bad(`enum case ${index} out of range (${t.names.length} cases)`);
      return { kind: 'case', index, value: null };
    }
    case 'option': {
      const b = r.byte();
      if (b > 1) bad('an option is 0x00 (none) or 0x01 (some)');
      return { kind: 'case', index: b, value: b === 1 ? read(r, t.type) : null };
    }
    case 'result': {
      const b = r.byte();
      if (b > 1) bad('a result is 0x00 (ok) or 0x01 (error)');
      const payload = b === 0 ? t.ok : t.err;
      return { kind: 'case', index: b, value: payload ? read(r, payload) : null };
    }
    case 'flags': {
      const at = r.take(Math.ceil(t.names.length / 8));
      // bits past the last flag are ignored (Binary.md reads only the flags' own bits)
      const set = t.names.map((_, i) => (r.bytes[at + (i >> 3)]! & (1 << (i & 7))) !== 0);
      return { kind: 'flags', set };
    }
    default:
      return bad(`values of type ${t.kind} cannot be defined`);
  }
}

/** Decodes a value definition's bytes as `type`; every byte must be used. */
export function decodeValue(bytes: Uint8Array, type: ValType): DecodedValue {
  const r = new ValueReader(bytes);
  const value = read(r, type);
  if (r.pos !== bytes.length) bad(`${bytes.length - r.pos} trailing bytes after the value`);
  return value;
}
