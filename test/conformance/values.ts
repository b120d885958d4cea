/**
 * Component-level value literals of the conformance scripts, read into a
 * small JS model that later execution compares through the JS contract:
 * `(u32.const 1)`, `(str.const "x")`, `(record.const (field "k" u32.const 1))`
 * (field values unparenthesised), `(variant.const "c" v?)`, `(option.some v)`,
 * `(result.ok v?)`, floats with `nan`, `nan:0x…`, `nan:canonical`, `inf`, hex.
 */
import { WastSyntaxError, headOf, isAtom, itemsOf, strText, type List, type SExpr } from './sexpr.js';

export type IntKind = 's8' | 'u8' | 's16' | 'u16' | 's32' | 'u32';
export type FloatKind = 'f32' | 'f64';

export type WastValue =
  | { kind: 'bool'; value: boolean }
  | { kind: IntKind; value: number }
  | { kind: 's64' | 'u64'; value: bigint }
  /** `nan` set for NaN patterns: the exact payload bits, or a class to match */
  | { kind: FloatKind; value: number; nan?: 'canonical' | 'arithmetic' | { bits: bigint } }
  | { kind: 'char'; value: string }
  | { kind: 'string'; value: string }
  | { kind: 'list'; values: WastValue[] }
  | { kind: 'tuple'; values: WastValue[] }
  | { kind: 'record'; fields: { name: string; value: WastValue }[] }
  | { kind: 'variant'; case: string; value: WastValue | null }
  | { kind: 'enum'; case: string }
  | { kind: 'flags'; names: string[] }
  | { kind: 'option'; value: WastValue | null }
  | { kind: 'result'; ok: boolean; value: WastValue | null }
  /** core-level `i32.const` / `i64.const` (only if a script passes core values) */
  | { kind: 'i32'; value: number }
  | { kind: 'i64'; value: bigint };

const INT_RANGE: Record<IntKind | 's64' | 'u64' | 'i32' | 'i64', [bigint, bigint]> = {
  s8: [-(2n ** 7n), 2n ** 7n - 1n],
  u8: [0n, 2n ** 8n - 1n],
  s16: [-(2n ** 15n), 2n ** 15n - 1n],
  u16: [0n, 2n ** 16n - 1n],
  s32: [-(2n ** 31n), 2n ** 31n - 1n],
  u32: [0n, 2n ** 32n - 1n],
  s64: [-(2n ** 63n), 2n ** 63n - 1n],
  u64: [0n, 2n ** 64n - 1n],
  // core constants accept both signed and unsigned spellings
  i32: [-(2n ** 31n), 2n ** 32n - 1n],
  i64: [-(2n ** 63n), 2n ** 64n - 1n],
};

/** Reads a value from a parenthesised literal such as `(u32.const 1)`. */
export function readValue(e: SExpr): WastValue {
  if (e.kind !== 'list') throw new WastSyntaxError('expected a value literal', e.start);
  return readValueForm(itemsOf(e), e);
}

/**
 * Reads a value from the items of its form: `[u32.const, 1]`. Record fields
 * spell their value this way, without its own parentheses.
 */
export function readValueForm(items: SExpr[], at: List): WastValue {
  const head = items[0];
  if (!isAtom(head)) throw new WastSyntaxError('expected a value literal keyword', at.start);
  const args = items.slice(1);
  const kw = head.text;
  const atom = (i: number): string => {
    const a = args[i];
    if (!isAtom(a)) throw new WastSyntaxError(`${kw}: expected a literal`, a?.start ?? at.start);
    return a.text;
  };
  const str = (i: number): string => {
    const a = args[i];
    if (a?.kind !== 'string') throw new WastSyntaxError(`${kw}: expected a string`, a?.start ?? at.start);
    return strText(a);
  };
  const optValue = (i: number): WastValue | null => (args[i] ? readValue(args[i]!) : null);

  switch (kw) {
    case 'bool.const': {
      const t = atom(0);
      if (t !== 'true' && t !== 'false') throw new WastSyntaxError(`bad bool ${t}`, head.start);
      return { kind: 'bool', value: t === 'true' };
    }
    case 's8.const':
    case 'u8.const':
    case 's16.const':
    case 'u16.const':
    case 's32.const':
    case 'u32.const':
    case 'i32.const': {
      const kind = kw.slice(0, -6) as IntKind | 'i32';
      return { kind, value: Number(readInt(atom(0), kind, head.start)) } as WastValue;
    }
    case 's64.const':
    case 'u64.const':
    case 'i64.const': {
      const kind = kw.slice(0, -6) as 's64' | 'u64' | 'i64';
      return { kind, value: readInt(atom(0), kind, head.start) };
    }
    case 'f32.const':
    case 'f64.const':
      return readFloat(atom(0), kw.slice(0, 3) as FloatKind, head.start);
    case 'char.const': {
      const s = str(0);
      if ([...s].length !== 1) throw new WastSyntaxError('char.const needs one character', head.start);
      return { kind: 'char', value: s };
    }
    case 'str.const':
      return { kind: 'string', value: str(0) };
    case 'list.const':
      return { kind: 'list', values: args.map(readValue) };
    case 'tuple.const':
      return { kind: 'tuple', values: args.map(readValue) };
    case 'record.const':
      return {
        kind: 'record',
        fields: args.map((f) => {
          const fi = f.kind === 'list' ? itemsOf(f) : [];
          if (f.kind !== 'list' || !isAtom(fi[0], 'field') || fi[1]?.kind !== 'string') {
            throw new WastSyntaxError('record.const: expected (field "name" value)', f.start);
          }
          return { name: strText(fi[1]), value: readValueForm(fi.slice(2), f) };
        }),
      };
    case 'variant.const':
      return { kind: 'variant', case: str(0), value: optValue(1) };
    case 'enum.const':
      return { kind: 'enum', case: str(0) };
    case 'flags.const':
      return { kind: 'flags', names: args.map((_, i) => str(i)) };
    case 'option.some':
      return { kind: 'option', value: readValue(args[0] ?? at) };
    case 'option.none':
      return { kind: 'option', value: null };
    case 'result.ok':
    case 'result.err':
      return { kind: 'result', ok: kw === 'result.ok', value: optValue(0) };
    default:
      throw new WastSyntaxError(`unknown value literal ${kw}`, head.start);
  }
}

function readInt(text: string, kind: keyof typeof INT_RANGE, at: number): bigint {
  const m = /^([+-]?)(0x[0-9a-fA-F](?:_?[0-9a-fA-F])*|[0-9](?:_?[0-9])*)$/.exec(text);
  if (!m) throw new WastSyntaxError(`bad integer ${text}`, at);
  let v = BigInt(m[2]!.replaceAll('_', ''));
  if (m[1] === '-') v = -v;
  const [lo, hi] = INT_RANGE[kind];
  if (v < lo || v > hi) throw new WastSyntaxError(`${text} out of range for ${kind}`, at);
  // core constants spelled unsigned wrap to their signed value
  if (kind === 'i32' && v > INT_RANGE.s32[1]) v -= 2n ** 32n;
  if (kind === 'i64' && v > INT_RANGE.s64[1]) v -= 2n ** 64n;
  return v;
}

const FLOAT = {
  f32: { mantBits: 23n, expBits: 8n },
  f64: { mantBits: 52n, expBits: 11n },
};

function readFloat(text: string, kind: FloatKind, at: number): WastValue {
  const sign = text.startsWith('-') ? -1 : 1;
  const body = text.replace(/^[+-]/, '').replaceAll('_', '');
  if (body === 'nan:canonical' || body === 'nan:arithmetic') {
    return { kind, value: NaN, nan: body === 'nan:canonical' ? 'canonical' : 'arithmetic' };
  }
  if (body === 'inf') return { kind, value: sign * Infinity };
  if (body === 'nan' || body.startsWith('nan:0x')) {
    const { mantBits, expBits } = FLOAT[kind];
    const payload = body === 'nan' ? 1n << (mantBits - 1n) : BigInt(body.slice(4));
    if (payload === 0n || payload >= 1n << mantBits) throw new WastSyntaxError(`bad NaN payload ${text}`, at);
    const bits = ((sign < 0 ? 1n : 0n) << (mantBits + expBits)) | (((1n << expBits) - 1n) << mantBits) | payload;
    return { kind, value: NaN, nan: { bits } };
  }
  let value: number;
  if (/^0x/i.test(body)) value = sign * parseHexFloat(body, at);
  else if (/^[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?$/.test(body)) value = sign * Number(body);
  else throw new WastSyntaxError(`bad float ${text}`, at);
  return { kind, value: kind === 'f32' ? Math.fround(value) : value };
}

/** `0x1.8p3` style hex floats (exact enough for f64; f32 rounds once more). */
function parseHexFloat(body: string, at: number): number {
  const m = /^0x([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]+))?$/.exec(body);
  if (!m || (m[1] === '' && !m[2])) throw new WastSyntaxError(`bad hex float ${body}`, at);
  const int = m[1] ?? '';
  const frac = m[2] ?? '';
  const mant = BigInt('0x' + (int + frac || '0'));
  const exp = Number(m[3] ?? '0') - 4 * frac.length;
  return Number(mant) * 2 ** exp;
}
