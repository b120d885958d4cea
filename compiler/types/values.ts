/**
 * 🪙 Value and start definitions (Explainer "Value Definitions", "Start
 * Definitions"; Binary.md's value encoding): a value's bytes must encode a
 * value of its type; start calls a function with values and binds its
 * results; every value is consumed exactly once.
 */
import type { StartDef, ValueDef } from '../binary/ast.js';
import { CompileError, fail } from '../errors/index.js';
import { consumeValue } from './externs.js';
import type { ValType } from './model.js';
import { at, push, type Scope } from './scope.js';
import { Matcher } from './subtype.js';
import { valTypeRef } from './valtypes.js';

class ValueReader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.pos >= this.bytes.length) fail('validate/bad-value', undefined, 'unexpected end of the value');
    return this.bytes[this.pos++]!;
  }
  skip(n: number): void {
    if (this.pos + n > this.bytes.length) fail('validate/bad-value', undefined, 'unexpected end of the value');
    this.pos += n;
  }
  leb(maxBytes: number): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < maxBytes; i++) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) return result;
    }
    return fail('validate/bad-value', undefined, 'integer representation too long');
  }
  u32(): number {
    const v = this.leb(5);
    if (v > 0xffffffffn) fail('validate/bad-value', undefined, 'integer too large');
    return Number(v);
  }
}

const LEB_BYTES: Record<string, number> = { s16: 3, u16: 3, s32: 5, u32: 5, s64: 10, u64: 10 };

function readValue(r: ValueReader, t: ValType): void {
  switch (t.kind) {
    case 'bool':
      if (r.byte() > 1) fail('validate/bad-value', undefined, 'a bool is 0x00 or 0x01');
      return;
    case 's8':
    case 'u8':
      r.byte();
      return;
    case 's16':
    case 'u16':
    case 's32':
    case 'u32':
    case 's64':
    case 'u64':
      r.leb(LEB_BYTES[t.kind]!);
      return;
    case 'f32': {
      const start = r.pos;
      r.skip(4);
      const v = new DataView(r.bytes.buffer, r.bytes.byteOffset + start, 4).getUint32(0, true);
      if ((v & 0x7f800000) === 0x7f800000 && (v & 0x7fffff) !== 0 && v !== 0x7fc00000) fail('validate/bad-value', undefined, 'non-canonical NaN');
      return;
    }
    case 'f64': {
      const start = r.pos;
      r.skip(8);
      const v = new DataView(r.bytes.buffer, r.bytes.byteOffset + start, 8).getBigUint64(0, true);
      const exp = (v >> 52n) & 0x7ffn;
      if (exp === 0x7ffn && (v & 0xfffffffffffffn) !== 0n && v !== 0x7ff8000000000000n) fail('validate/bad-value', undefined, 'non-canonical NaN');
      return;
    }
    case 'char': {
      const b = r.byte();
      const n = b < 0x80 ? 0 : b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : -1;
      if (n < 0) fail('validate/bad-value', undefined, 'malformed UTF-8 char');
      r.skip(n);
      return;
    }
    case 'string': {
      const len = r.u32();
      const start = r.pos;
      r.skip(len);
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(r.bytes.subarray(start, start + len));
      } catch {
        fail('validate/bad-value', undefined, 'malformed UTF-8 string');
      }
      return;
    }
    case 'record':
      for (const f of t.fields) readValue(r, f.type);
      return;
    case 'tuple':
      for (const x of t.types) readValue(r, x);
      return;
    case 'variant': {
      const i = r.u32();
      const c = t.cases[i];
      if (!c) fail('validate/bad-value', undefined, `variant case ${i} out of range`);
      if (c.type) readValue(r, c.type);
      return;
    }
    case 'enum':
      if (r.u32() >= t.names.length) fail('validate/bad-value', undefined, 'enum case out of range');
      return;
    case 'list': {
      const n = t.length ?? r.u32();
      for (let i = 0; i < n; i++) readValue(r, t.element);
      return;
    }
    case 'flags':
      r.skip(Math.ceil(t.names.length / 8));
      return;
    case 'option': {
      const b = r.byte();
      if (b > 1) fail('validate/bad-value', undefined, 'an option is 0x00 or 0x01');
      if (b === 1) readValue(r, t.type);
      return;
    }
    case 'result': {
      const b = r.byte();
      if (b > 1) fail('validate/bad-value', undefined, 'a result is 0x00 or 0x01');
      const payload = b === 0 ? t.ok : t.err;
      if (payload) readValue(r, payload);
      return;
    }
    default:
      fail('validate/bad-value', undefined, `values of type ${t.kind} cannot be defined`);
  }
}

export function valueDef(scope: Scope, def: ValueDef): void {
  const type = valTypeRef(scope, def.type, def.offset);
  try {
    const r = new ValueReader(def.bytes);
    readValue(r, type);
    if (r.pos !== def.bytes.length) fail('validate/bad-value', undefined, 'trailing bytes after the value');
  } catch (e) {
    // Point at the definition (the reader knows only positions in the value).
    if (e instanceof CompileError && e.offset === undefined) throw new CompileError(e.code, e.rule, def.offset);
    throw e;
  }
  push(scope, 'values', { type, consumed: false, offset: def.offset }, def);
}

export function startDef(scope: Scope, def: StartDef): void {
  const f = at(scope.funcs, def.func, 'funcs', def.offset);
  if (def.args.length !== f.params.length) fail('validate/start-mismatch', def.offset, `${f.params.length} parameters, ${def.args.length} arguments`);
  def.args.forEach((v, i) => {
    const t = consumeValue(scope, v, def.offset);
    const why = new Matcher().val(t, f.params[i]!.type);
    if (why) fail('validate/start-mismatch', def.offset, `argument ${i}: ${why}`);
  });
  const results = f.result ? 1 : 0;
  if (def.results !== results) fail('validate/start-mismatch', def.offset, `${results} results, ${def.results} result values`);
  if (f.result) push(scope, 'values', { type: f.result, consumed: false, offset: def.offset }, def);
}

/** At the end of a component: every value consumed. */
export function checkValuesConsumed(scope: Scope, offset: number): void {
  scope.values.forEach((v, i) => {
    if (!v.consumed) fail('validate/value-not-consumed', v.offset || offset, i);
  });
}
