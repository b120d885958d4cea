/** Constants, scalar conversions and scalar checks. */
import type { Check, Conv } from '../../abi/instructions.js';
import * as b from '../builders.js';
import type { E } from '../builders.js';
import type { FnEmitter, Handlers } from './emitter.js';
import { fail } from '../../errors/index.js';

type Pick<K extends keyof Handlers> = { [P in K]: Handlers[P] };

const i32 = (n: number) => b.lit(n);

function convert(em: FnEmitter, conv: Conv, x: () => E.Expression): E.Expression {
  switch (conv) {
    case 'bool': return b.binary('!==', x(), i32(0));
    case 'u8': return b.binary('&', x(), b.hex(0xff));
    case 'u16': return b.binary('&', x(), b.hex(0xffff));
    case 's8': return b.binary('>>', b.binary('<<', x(), i32(24)), i32(24));
    case 's16': return b.binary('>>', b.binary('<<', x(), i32(16)), i32(16));
    case 'u32': return b.binary('>>>', x(), i32(0));
    case 's32': return b.binary('|', x(), i32(0));
    case 'u64': return b.call(b.member(b.id('BigInt'), 'asUintN'), i32(64), x());
    case 'f32': case 'f64': {
      // canonical NaN: JS has one NaN value; the spec's canonical bit pattern is what it stores as
      const v = x();
      return b.cond(b.binary('===', v, v), v, b.lit(NaN));
    }
    case 'wrap-i64': return b.call('Number', b.call(b.member(b.id('BigInt'), 'asIntN'), i32(32), x()));
    case 'f32-from-i32': return em.run('f32FromBits', x());
    case 'f64-from-i64': return em.run('f64FromBits', x());
    case 'from-bool': return b.cond(x(), i32(1), i32(0));
    case 'extend-i32': return b.call('BigInt', b.binary('>>>', x(), i32(0)));
    case 'f32-to-i32': return em.run('f32ToBits', x());
    case 'f64-to-i64': return em.run('f64ToBits', x());
    case 'char': return em.run('checkChar', x());
    case 'addr64': return em.run('addr64', x());
    case 'to-addr64': return b.call('BigInt', x());
    case 'tagged64': return em.run('tagged64', x());
    case 'to-tagged64': return em.run('toTagged64', x());
  }
}

/** The condition under which `x` fails `check` (x is an identifier or literal). */
function invalid(em: FnEmitter, check: Check, x: E.Expression): E.Expression {
  const typeOfIsNot = (t: string) => b.binary('!==', b.unary('typeof', x), b.lit(t));
  const rangeFails = (conv: Conv) => b.binary('!==', convert(em, conv, () => x), x);
  switch (check.is) {
    case 'bool': return typeOfIsNot('boolean');
    case 'u8': case 's8': case 'u16': case 's16': case 'u32': case 's32':
      // also rejects non-numbers: (x & 0xff) !== x for strings, fractions, NaN, ±Infinity, true
      return rangeFails(check.is);
    case 's64': case 'u64': {
      const fn = check.is === 's64' ? 'asIntN' : 'asUintN';
      return b.logical('||', typeOfIsNot('bigint'), b.binary('!==', b.call(b.member(b.id('BigInt'), fn), i32(64), x), x));
    }
    case 'f32': case 'f64': return typeOfIsNot('number');
    case 'string': return typeOfIsNot('string');
    case 'record': case 'flags': return b.logical('||', typeOfIsNot('object'), b.binary('===', x, b.lit(null)));
    case 'tuple':
      return b.logical('||', b.not(b.call(b.member(b.id('Array'), 'isArray'), x)),
        b.binary('!==', b.member(x, 'length'), b.lit(check.length)));
    case 'flag':
      return b.logical('&&', b.binary('!==', x, b.undef()), typeOfIsNot('boolean'));
    case 'numbers':
      return b.binary('!==', em.run('badNumber', x, b.lit(check.elem)), b.lit(-1));
    case 'handle': {
      const hook = em.ctx.handles?.invalid;
      if (!hook) return fail('compile/unsupported', undefined, `${check.type.kind} handles`);
      return hook(check.type, x);
    }
  }
}

const DETAIL: Partial<Record<Check['is'], (c: Check) => string | number>> = {
  tuple: (c) => (c as { length: number }).length,
};

export const scalarOps: Pick<'const' | 'conv' | 'check'> = {
  const(em, i) {
    em.alias(i.dst, i.value === null ? b.undef() : b.lit(i.value));
  },
  conv(em, i) {
    const twice = i.conv === 'f32' || i.conv === 'f64';
    em.bind(i.dst, convert(em, i.conv, () => (twice ? em.refId(i.src) : em.ref(i.src))));
  },
  check(em, i) {
    const x = em.refId(i.src);
    if (i.check.is === 'numbers') {
      const err = em.run('numbersError', x, b.lit(i.check.elem), em.path(i.path));
      em.push(b.ifStmt(invalid(em, i.check, x), b.throwStmt(err)));
      return;
    }
    const code = i.check.is === 'handle' ? 'type/handle' : `type/${i.check.is}`;
    em.push(b.ifStmt(invalid(em, i.check, x), em.typeError(code, i.path, x, DETAIL[i.check.is]?.(i.check))));
  },
};
