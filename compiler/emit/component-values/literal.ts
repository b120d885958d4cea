/**
 * 🪙 A value definition's decoded value (types/value-decode.ts) as a JS
 * expression in the contract's lifted form (BRIEF §3): numbers, bigints for
 * 64-bit integers, typed arrays for lists of numbers, objects with
 * lowerCamelCase keys for records and flags, `{ tag, value }` cases, enum
 * names, `T | undefined` options (tagged for an option of an option).
 */
import type * as E from 'estree';
import { isTaggedOption, isTypedList } from '../../abi/host-shape.js';
import type { DecodedValue } from '../../types/value-decode.js';
import type { ValType } from '../../types/model.js';
import { toLowerCamel } from '../../types/names.js';
import * as b from '../builders.js';

const TYPED_ARRAYS: Record<string, string> = {
  s8: 'Int8Array', u8: 'Uint8Array', s16: 'Int16Array', u16: 'Uint16Array', s32: 'Int32Array', u32: 'Uint32Array',
  s64: 'BigInt64Array', u64: 'BigUint64Array', f32: 'Float32Array', f64: 'Float64Array',
};

const items = (v: DecodedValue): DecodedValue[] => (v as { items: DecodedValue[] }).items;
const theCase = (v: DecodedValue) => v as { index: number; value: DecodedValue | null };

/** `{ tag, value }`, or `{ tag }` without a payload. */
function tagged(tag: string, payload: DecodedValue | null, t: ValType | null): E.Expression {
  if (payload === null || t === null) return b.object([['tag', b.lit(tag)]]);
  return b.object([['tag', b.lit(tag)], ['value', valueLiteral(payload, t)]]);
}

export function valueLiteral(v: DecodedValue, t: ValType): E.Expression {
  switch (t.kind) {
    case 'record':
      return b.object(t.fields.map((f, i) => [toLowerCamel(f.name), valueLiteral(items(v)[i]!, f.type)] as const));
    case 'tuple':
      return b.array(t.types.map((x, i) => valueLiteral(items(v)[i]!, x)));
    case 'list': {
      const elements = b.array(items(v).map((x) => valueLiteral(x, t.element)));
      return isTypedList(t) ? b.newExpr(TYPED_ARRAYS[t.element.kind]!, elements) : elements;
    }
    case 'variant': {
      const { index, value } = theCase(v);
      const c = t.cases[index]!;
      return tagged(c.name, value, c.type);
    }
    case 'enum':
      return b.lit(t.names[theCase(v).index]!);
    case 'option': {
      const { index, value } = theCase(v);
      if (isTaggedOption(t)) return index === 0 ? tagged('none', null, null) : tagged('some', value, t.type);
      return index === 0 ? b.undef() : valueLiteral(value!, t.type);
    }
    case 'result': {
      const { index, value } = theCase(v);
      return index === 0 ? tagged('ok', value, t.ok) : tagged('err', value, t.err);
    }
    case 'flags': {
      const set = (v as { set: boolean[] }).set;
      return b.object(t.names.map((n, i) => [toLowerCamel(n), b.lit(set[i]!)] as const));
    }
    default:
      // bool, numbers, bigints, char, string
      return b.lit(v as boolean | number | bigint | string);
  }
}
