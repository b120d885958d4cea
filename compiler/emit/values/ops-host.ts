/** Reading host values (lowering) and building them (lifting), per the JS API contract (BRIEF §3). */
import type { ValType } from '../../types/model.js';
import * as b from '../builders.js';
import type { E } from '../builders.js';
import type { FnEmitter, Handlers } from './emitter.js';
import { toLowerCamel as lowerCamelCase } from '../../types/names.js';
import { isTaggedOption } from '../../abi/host-shape.js';
import { variantCases } from '../../abi/layout.js';
import { fail } from '../../errors/index.js';

type Pick<K extends keyof Handlers> = { [P in K]: Handlers[P] };

/** The host tag of case `index` of a variant/option/result (`err`, not the spec's `error`). */
export function caseTag(t: ValType, index: number): string {
  if (t.kind === 'result') return index === 0 ? 'ok' : 'err';
  return variantCases(t)![index]!.name;
}

/** `{ tag, value? }` */
const tagged = (tag: string, value: E.Expression | null): E.Expression =>
  b.object(value === null ? [['tag', b.lit(tag)]] : [['tag', b.lit(tag)], ['value', value]]);

/** Enum case names → index (a Map: no prototype surprises), hoisted per type. */
function enumTable(em: FnEmitter, t: ValType & { kind: 'enum' }): E.Identifier {
  return em.ctx.hoist('enumIndex', () =>
    b.newExpr('Map', b.array(t.names.map((n, i) => b.array([b.lit(n), b.lit(i)])))), t);
}

/** Flag JS names in bit order, hoisted per type. */
function flagNames(em: FnEmitter, t: ValType & { kind: 'flags' }): E.Identifier {
  return em.ctx.hoist('flagNames', () => b.array(t.names.map((n) => b.lit(lowerCamelCase(n)))), t);
}

const quoted = (names: readonly string[]) => names.map((n) => `'${n}'`).join(', ');

export const hostOps: Pick<
  'field' | 'length' | 'item' | 'host-list' | 'char-code' | 'enum-index' | 'flags-bits' |
  'make-record' | 'make-case' | 'make-flags' | 'enum-name' | 'make-char' | 'new-list' | 'list-set' | 'map-set' |
  'lift-handle' | 'lower-handle'
> = {
  field(em, i) {
    const src = em.ref(i.src);
    const key = i.type.kind === 'record' ? lowerCamelCase(i.type.fields[i.index]!.name) : i.index;
    em.bind(i.dst, b.member(src, key), 'f');
  },
  length(em, i) {
    em.bind(i.dst, b.member(em.ref(i.src), 'length'), 'n');
  },
  item(em, i) {
    em.bind(i.dst, b.member(em.ref(i.src), em.ref(i.index)), 'e');
  },
  'host-list'(em, i) {
    const helper = i.type.kind === 'map' ? 'mapEntries' : 'hostList';
    if (!i.path) return em.bind(i.dst, em.run(helper, em.ref(i.src)), 'list');
    const x = em.refId(i.src);
    const name = em.nameOf(i.dst, 'list');
    em.push(b.constDecl(name, em.run(helper, x)));
    em.alias(i.dst, b.id(name));
    const fixed = i.type.kind === 'list' ? i.type.length : undefined;
    const bad = fixed === undefined
      ? b.binary('===', b.id(name), b.lit(null))
      : b.logical('||', b.binary('===', b.id(name), b.lit(null)), b.binary('!==', b.member(b.id(name), 'length'), b.lit(fixed)));
    const code = i.type.kind === 'map' ? 'type/map' : fixed === undefined ? 'type/list' : 'type/fixed-list';
    em.push(b.ifStmt(bad, em.typeError(code, i.path, x, fixed)));
  },
  'char-code'(em, i) {
    if (!i.path) {
      // checked already: one scalar value
      return em.bind(i.dst, b.method(em.ref(i.src), 'codePointAt', b.lit(0)), 'c');
    }
    const x = em.refId(i.src);
    const name = em.nameOf(i.dst, 'c');
    em.push(b.constDecl(name, em.run('charCode', x)));
    em.alias(i.dst, b.id(name));
    em.push(b.ifStmt(b.binary('<', b.id(name), b.lit(0)), em.typeError('type/char', i.path, x)));
  },
  'enum-index'(em, i) {
    const lookup = (x: E.Expression) => b.method(enumTable(em, i.type), 'get', x);
    if (!i.path) return em.bind(i.dst, lookup(em.ref(i.src)), 'c');
    const x = em.refId(i.src);
    const name = em.nameOf(i.dst, 'c');
    em.push(b.constDecl(name, lookup(x)));
    em.alias(i.dst, b.id(name));
    em.push(b.ifStmt(b.binary('===', b.id(name), b.undef()), em.typeError('type/enum', i.path, x, quoted(i.type.names))));
  },
  'flags-bits'(em, i) {
    const bits = (x: E.Expression) => em.run('flagsBits', x, flagNames(em, i.type));
    if (!i.path) return em.bind(i.dst, bits(em.ref(i.src)), 'bits');
    const x = em.refId(i.src);
    const name = em.nameOf(i.dst, 'bits');
    em.push(b.constDecl(name, bits(x)));
    em.alias(i.dst, b.id(name));
    em.push(b.ifStmt(b.binary('<', b.id(name), b.lit(0)), em.typeError('type/flags', i.path, x)));
  },
  'make-record'(em, i) {
    const values = i.fields.map((f) => em.ref(f));
    if (i.type.kind === 'record') {
      const fields = i.type.fields;
      em.bind(i.dst, b.object(values.map((v, k) => [lowerCamelCase(fields[k]!.name), v] as const)), 'r');
    } else {
      em.bind(i.dst, b.array(values), 'r'); // tuple, fixed-length list
    }
  },
  'make-case'(em, i) {
    const payload = i.payload === null ? null : em.ref(i.payload);
    const t = i.type;
    let value: E.Expression;
    if (t.kind === 'enum') value = b.lit(t.names[i.index]!);
    else if (t.kind === 'option' && !isTaggedOption(t)) value = payload ?? b.undef();
    else value = tagged(caseTag(t, i.index), payload);
    em.bind(i.dst, value, 'r');
  },
  'make-flags'(em, i) {
    const bits = em.refId(i.src);
    const props = i.type.names.map((n, k) =>
      [lowerCamelCase(n), b.binary('!==', b.binary('&', bits, b.hex(2 ** k)), b.lit(0))] as const);
    em.bind(i.dst, b.object(props), 'r');
  },
  'enum-name'(em, i) {
    const names = em.ctx.hoist('enumNames', () => b.array(i.type.names.map((n) => b.lit(n))), i.type.names);
    em.bind(i.dst, b.logical('??', b.member(names, em.ref(i.src)), em.trap('trap/invalid-discriminant')), 'r');
  },
  'make-char'(em, i) {
    em.bind(i.dst, em.run('liftChar', em.ref(i.src)), 'ch');
  },
  'new-list'(em, i) {
    em.bind(i.dst, i.type.kind === 'map' ? b.newExpr('Map') : b.newExpr('Array', em.ref(i.len)), 'list');
  },
  'list-set'(em, i) {
    em.push(b.expr(b.assign(b.member(em.ref(i.list), em.ref(i.index)), em.ref(i.src))));
  },
  'map-set'(em, i) {
    em.push(b.expr(b.method(em.ref(i.map), 'set', em.ref(i.key), em.ref(i.value))));
  },
  'lift-handle'(em, i) {
    const hooks = em.ctx.handles ?? fail('compile/unsupported', undefined, `${i.type.kind} handles`);
    em.bind(i.dst, hooks.lift(i.type, em.ref(i.src)), 'h');
  },
  'lower-handle'(em, i) {
    const hooks = em.ctx.handles ?? fail('compile/unsupported', undefined, `${i.type.kind} handles`);
    em.bind(i.dst, hooks.lower(i.type, em.ref(i.src)), 'h');
  },
};
