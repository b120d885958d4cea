/**
 * 🪙 The `ValueShape` literal (runtime/values.ts) of a value type: what the
 * run-time check of a host-provided value reads. Values holding handles
 * (own, borrow, stream, future, error-context) are not supported.
 */
import type * as E from 'estree';
import { isTypedList, numericKind } from '../../abi/host-shape.js';
import { fail } from '../../errors/index.js';
import type { ValType } from '../../types/model.js';
import { toLowerCamel } from '../../types/names.js';
import * as b from '../builders.js';

const strings = (names: readonly string[]): E.Expression => b.array(names.map((n) => b.lit(n)));

/** The shape of `t`; `offset` is where the value comes from (for the unsupported-type error). */
export function valueShape(t: ValType, offset: number): E.Expression {
  const sub = (x: ValType | null): E.Expression => (x === null ? b.lit(null) : valueShape(x, offset));
  switch (t.kind) {
    case 'bool': case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32':
    case 's64': case 'u64': case 'f32': case 'f64': case 'char': case 'string':
      return b.lit(t.kind);
    case 'record':
      return b.object([['record', b.array(t.fields.map((f) => b.array([b.lit(toLowerCamel(f.name)), sub(f.type)])))]]);
    case 'tuple':
      return b.object([['tuple', b.array(t.types.map(sub))]]);
    case 'list': {
      const props: [string, E.Expression][] = [['list', sub(t.element)]];
      if (t.length !== undefined) props.push(['length', b.lit(t.length)]);
      if (isTypedList(t)) props.push(['typed', b.lit(numericKind(t.element)!)]);
      return b.object(props);
    }
    case 'map':
      return b.object([['map', b.array([sub(t.key), sub(t.value)])]]);
    case 'variant':
      return b.object([['variant', b.array(t.cases.map((c) => b.array([b.lit(c.name), sub(c.type)])))]]);
    case 'result':
      return b.object([['result', b.array([sub(t.ok), sub(t.err)])]]);
    case 'enum':
      return b.object([['enum', strings(t.names)]]);
    case 'flags':
      return b.object([['flags', strings(t.names.map(toLowerCamel))]]);
    case 'option':
      return b.object(t.type.kind === 'option' ? [['option', sub(t.type)], ['tagged', b.lit(true)]] : [['option', sub(t.type)]]);
    default:
      return fail('compile/unsupported', offset, `🪙 values of type ${t.kind} (values holding handles)`);
  }
}
