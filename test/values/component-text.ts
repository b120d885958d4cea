/**
 * Component text with 🪙 values → the spec's binary, for tests. Two gaps of
 * wasm-tools 0.259 (the `parse` the tests use) are bridged here:
 * - it has no text for value definitions: a test writes each as a
 *   placeholder import `(import "value-def-<n>" (value $v <valtype>))` and
 *   gives its encoded bytes; that import becomes a value-section definition
 *   of the same valtype, at the same place in the value index space;
 * - it encodes a value externtype as `0x02 <valtype>`, from before the
 *   spec's `valuebound` (Binary.md: `0x02 (0x00 valueidx | 0x01 valtype)`):
 *   every value externtype (imports, exports, instance and component type
 *   declarators) gets the `0x01` bound byte.
 * The binary is re-encoded section by section; `enc` writes the value
 * encoding of Binary.md ("Value Definitions").
 */
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';

const SECTION = { component: 4, type: 7, import: 10, export: 11, value: 12 } as const;
const PLACEHOLDER = 'value-def-';

export const enc = {
  uleb(v: number | bigint): number[] {
    let x = BigInt(v);
    const out: number[] = [];
    do {
      const b = Number(x & 0x7fn);
      x >>= 7n;
      out.push(x === 0n ? b : b | 0x80);
    } while (x !== 0n);
    return out;
  },
  sleb(v: number | bigint): number[] {
    let x = BigInt(v);
    const out: number[] = [];
    for (;;) {
      const b = Number(x & 0x7fn);
      x >>= 7n;
      const done = (x === 0n && (b & 0x40) === 0) || (x === -1n && (b & 0x40) !== 0);
      out.push(done ? b : b | 0x80);
      if (done) return out;
    }
  },
  str(s: string): number[] {
    const bytes = [...new TextEncoder().encode(s)];
    return [...enc.uleb(bytes.length), ...bytes];
  },
  f32(x: number): number[] {
    return [...new Uint8Array(Float32Array.of(x).buffer)];
  },
  f64(x: number): number[] {
    return [...new Uint8Array(Float64Array.of(x).buffer)];
  },
};

const section = (id: number, body: number[]): number[] => [id, ...enc.uleb(body.length), ...body];

/** Reads the input and copies what it reads to `out` (`copy*`), or only reads (`skip*`, `u32`). */
class Transcoder {
  out: number[] = [];
  constructor(readonly bytes: Uint8Array, public pos = 0) {}

  u32(): number {
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      const b = this.bytes[this.pos++]!;
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
    }
  }
  copyByte(): number {
    const b = this.bytes[this.pos++]!;
    this.out.push(b);
    return b;
  }
  copyLeb(): void {
    while (this.copyByte() & 0x80);
  }
  copyU32(): number {
    const at = this.pos;
    const v = this.u32();
    this.out.push(...this.bytes.subarray(at, this.pos));
    return v;
  }
  copyName(): string {
    const n = this.copyU32();
    const s = this.bytes.subarray(this.pos, this.pos + n);
    this.out.push(...s);
    this.pos += n;
    return new TextDecoder().decode(s);
  }
  copyVec(each: () => void): void {
    for (let n = this.copyU32(), i = 0; i < n; i++) each();
  }
  /** valtype? as `0x00 | 0x01 valtype` */
  copyOptValType(): void {
    if (this.copyByte() === 0x01) this.copyLeb();
  }

  /** nameattributes; returns the name */
  copyExternName(): string {
    const form = this.copyByte();
    const name = this.copyName();
    if (form === 0x02) this.copyVec(() => (this.copyByte(), this.copyName()));
    return name;
  }

  /** externtype, with the valuebound byte added to a value; returns the valtype bytes of a value */
  copyExternType(): number[] | null {
    const kind = this.copyByte();
    switch (kind) {
      case 0x00: // core module: 0x11 typeidx
        this.copyByte();
        this.copyU32();
        return null;
      case 0x02: {
        this.out.push(0x01);
        const at = this.out.length;
        this.copyLeb();
        return this.out.slice(at);
      }
      case 0x03:
        if (this.copyByte() === 0x00) this.copyU32();
        return null;
      default: // func, component, instance: a type index
        this.copyU32();
        return null;
    }
  }

  copyDefType(): void {
    const b = this.copyByte();
    if (b >= 0x73 || b === 0x64) return; // primitive value type
    switch (b) {
      case 0x72: // record
        return this.copyVec(() => (this.copyName(), this.copyLeb()));
      case 0x71: // variant: label valtype? 0x00
        return this.copyVec(() => (this.copyName(), this.copyOptValType(), this.copyByte()));
      case 0x70: case 0x6b: // list, option
        return this.copyLeb();
      case 0x67: // fixed list
        this.copyLeb();
        this.copyU32();
        return;
      case 0x6f: // tuple
        return this.copyVec(() => this.copyLeb());
      case 0x6e: case 0x6d: // flags, enum
        return this.copyVec(() => this.copyName());
      case 0x6a: // result
        this.copyOptValType();
        return this.copyOptValType();
      case 0x69: case 0x68: // own, borrow
        this.copyU32();
        return;
      case 0x66: case 0x65: // stream, future
        return this.copyOptValType();
      case 0x63: // map
        this.copyLeb();
        return this.copyLeb();
      case 0x40: case 0x43: // func, async func: params, resultlist
        this.copyVec(() => (this.copyName(), this.copyLeb()));
        if (this.copyByte() === 0x00) this.copyLeb();
        else this.copyByte();
        return;
      case 0x41: case 0x42: // component type, instance type
        return this.copyVec(() => this.copyDecl());
      case 0x3f: // resource: rep, dtor?
        this.copyByte();
        if (this.copyByte() === 0x01) this.copyU32();
        return;
      default:
        throw new Error(`component-text: type 0x${b.toString(16)} not handled`);
    }
  }

  copyDecl(): void {
    const b = this.copyByte();
    switch (b) {
      case 0x01:
        return this.copyDefType();
      case 0x02: // alias: sort, target
        if (this.copyByte() === 0x00) this.copyByte(); // core sort
        switch (this.copyByte()) {
          case 0x00: case 0x01:
            this.copyU32();
            this.copyName();
            return;
          default:
            this.copyU32();
            this.copyU32();
            return;
        }
      case 0x03: case 0x04:
        this.copyExternName();
        this.copyExternType();
        return;
      default:
        throw new Error(`component-text: declarator 0x${b.toString(16)} not handled`);
    }
  }
}

function rewrite(bytes: Uint8Array, values: Record<string, number[]>): number[] {
  const out: number[] = [...bytes.subarray(0, 8)];
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos++]!;
    const t = new Transcoder(bytes, pos);
    const size = t.u32();
    const start = t.pos;
    pos = start + size;
    const body = bytes.subarray(start, pos);
    const c = new Transcoder(body);
    switch (id) {
      case SECTION.component:
        out.push(...section(id, rewrite(body, values)));
        break;
      case SECTION.type:
        c.copyVec(() => c.copyDefType());
        out.push(...section(id, c.out));
        break;
      case SECTION.export:
        c.copyVec(() => {
          c.copyExternName();
          if (c.copyByte() === 0x00) c.copyByte(); // sort (core sorts have a second byte)
          c.copyU32();
          if (c.copyByte() === 0x01) c.copyExternType();
        });
        out.push(...section(id, c.out));
        break;
      case SECTION.import: {
        // runs of plain imports stay imports; each placeholder becomes a value section
        let count = 0;
        let run: number[] = [];
        const flush = () => {
          if (count) out.push(...section(SECTION.import, [...enc.uleb(count), ...run]));
          count = 0;
          run = [];
        };
        for (let n = c.u32(), i = 0; i < n; i++) {
          c.out = [];
          const name = c.copyExternName();
          const valtype = c.copyExternType();
          if (!name.startsWith(PLACEHOLDER)) {
            run.push(...c.out);
            count++;
            continue;
          }
          const value = values[name];
          if (!value || !valtype) throw new Error(`component-text: no bytes for ${name}, or it is not a (value <valtype>) import`);
          flush();
          out.push(...section(SECTION.value, [1, ...valtype, ...enc.uleb(value.length), ...value]));
        }
        flush();
        break;
      }
      default:
        out.push(...section(id, [...body]));
    }
  }
  return out;
}

/** The spec's component binary of `wat`, its `value-def-<n>` imports made value definitions with the given bytes. */
export async function componentBinary(wat: string, values: Record<string, number[]> = {}): Promise<Uint8Array> {
  return Uint8Array.from(rewrite(await parse(wat), values));
}
