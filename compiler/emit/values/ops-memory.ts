/** Memory views, loads and stores, allocation, range checks, strings and number lists. */
import type { MemKind, Var } from '../../abi/instructions.js';
import * as b from '../builders.js';
import type { E } from '../builders.js';
import type { RuntimeHelper } from '../runtime-helpers.js';
import type { FnEmitter, Handlers } from './emitter.js';

type Pick<K extends keyof Handlers> = { [P in K]: Handlers[P] };

const ACCESSOR: Record<MemKind, string> = {
  u8: 'Uint8', s8: 'Int8', u16: 'Uint16', s16: 'Int16', u32: 'Uint32', s32: 'Int32',
  u64: 'BigUint64', s64: 'BigInt64', f32: 'Float32', f64: 'Float64',
};

/** `ptr + offset` */
function address(em: FnEmitter, ptr: Var, offset: number): E.Expression {
  const p = em.ref(ptr);
  return offset === 0 ? p : b.binary('+', p, b.lit(offset));
}

/** DataView accessor arguments: little-endian flag for multi-byte kinds. */
const le = (kind: MemKind): E.Expression[] => (kind === 'u8' || kind === 's8' ? [] : [b.lit(true)]);

const LIFT_STRING: Record<string, RuntimeHelper> = {
  utf8: 'liftUtf8', utf16: 'liftUtf16', 'latin1+utf16': 'liftLatin1Utf16',
};
const LOWER_STRING: Record<string, RuntimeHelper> = {
  utf8: 'lowerUtf8', utf16: 'lowerUtf16', 'latin1+utf16': 'lowerLatin1Utf16',
};

export const memoryOps: Pick<
  'view' | 'load' | 'store' | 'alloc' | 'check-ptr' | 'check-list' | 'addr' |
  'lift-string' | 'lower-string' | 'lift-numbers' | 'lower-numbers'
> = {
  view(em, i) {
    em.bind(i.dst, em.run('memDataView', em.memory(i.mem)), 'dv');
  },
  load(em, i) {
    const dv = em.ref(i.view);
    const addr = address(em, i.ptr, i.offset);
    em.bind(i.dst, b.method(dv, `get${ACCESSOR[i.kind]}`, addr, ...le(i.kind)));
  },
  store(em, i) {
    const dv = em.ref(i.view);
    const addr = address(em, i.ptr, i.offset);
    em.push(b.expr(b.method(dv, `set${ACCESSOR[i.kind]}`, addr, em.ref(i.src), ...le(i.kind))));
  },
  alloc(em, i) {
    em.bind(i.dst, em.run('memAlloc', em.memory(i.mem), em.realloc(i.mem), b.lit(i.align), em.ref(i.size)), 'ptr');
  },
  'check-ptr'(em, i) {
    em.push(b.expr(em.run('checkPtr', em.ref(i.view), em.ref(i.ptr), b.lit(i.align), b.lit(i.size))));
  },
  'check-list'(em, i) {
    const args = [em.ref(i.view), em.ref(i.ptr), em.ref(i.len), b.lit(i.elemSize), b.lit(i.align)];
    em.push(b.expr(em.run('checkList', ...args)));
  },
  addr(em, i) {
    const idx = em.ref(i.index);
    const scaled = i.scale === 1 ? idx : b.binary('*', idx, b.lit(i.scale));
    em.bind(i.dst, i.base === null ? scaled : b.binary('+', em.ref(i.base), scaled));
  },
  'lift-string'(em, i) {
    const helper = LIFT_STRING[em.plan.opts.stringEncoding]!;
    em.bind(i.dst, em.run(helper, em.memory(), em.ref(i.ptr), em.ref(i.len)), 's');
  },
  'lower-string'(em, i) {
    const helper = LOWER_STRING[em.plan.opts.stringEncoding]!;
    em.bind(i.ptr, em.run(helper, em.ref(i.src), em.memory(), em.realloc()), 'ptr');
    // read right away: the next lower-string overwrites it
    em.bind(i.len, em.helper('encodedLen'), 'len');
  },
  'lift-numbers'(em, i) {
    em.bind(i.dst, em.run('liftNumbers', em.memory(), em.ref(i.ptr), em.ref(i.len), b.lit(i.elem)), 'list');
  },
  'lower-numbers'(em, i) {
    em.bind(i.ptr, em.run('lowerNumbers', em.ref(i.src), em.memory(), em.realloc(), b.lit(i.elem)), 'ptr');
  },
};
