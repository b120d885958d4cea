/**
 * The guard around every call into the store: refuse when poisoned; past the
 * entry point (after the argument checks), any exception is a trap that
 * poisons the store. The one deliberate exception is a `result<T, E>`
 * function result's error, thrown as a `ComponentError` once the call is
 * over: that throw is moved after the `try`, so it does not poison.
 */
import type * as E from 'estree';
import * as b from '../builders.js';
import { poisonedRef, type EmitState } from './state.js';

export function guardBody(st: EmitState, body: E.Statement[], marker: E.Statement): E.Statement[] {
  st.runtime.add('trap');
  st.runtime.add('tagTrap');
  const at = body.indexOf(marker);
  const before = at < 0 ? [] : body.slice(0, at);
  let inside = at < 0 ? body : body.slice(at + 1);
  const split = splitResultThrow(inside);
  const outside: E.Statement[] = [];
  const head: E.Statement[] = [];
  if (split) {
    head.push(b.letDecl(['failed', b.lit(false)], 'out'));
    inside = [...split.body, b.expr(b.assign('failed', split.test)), b.expr(b.assign('out', split.value))];
    outside.push(b.ifStmt(b.id('failed'), b.throwStmt(b.newExpr(split.error, b.id('out')))), b.ret(b.id('out')));
  }
  return [
    b.ifStmt(poisonedRef(st), b.expr(b.call('trap', b.lit('trap/poisoned')))),
    ...before,
    ...head,
    b.tryStmt(inside, 'e', [b.expr(b.assign(poisonedRef(st), b.lit(true))), b.throwStmt(b.call('tagTrap', b.id('e')))]),
    ...outside,
  ];
}

/** Recognises the `return-or-throw` ending: `if (test) throw new ComponentError(v); return v;`. */
function splitResultThrow(
  body: E.Statement[],
): { body: E.Statement[]; test: E.Expression; value: E.Expression; error: E.Expression } | null {
  const ret = body[body.length - 1];
  const check = body[body.length - 2];
  if (ret?.type !== 'ReturnStatement' || !ret.argument || check?.type !== 'IfStatement' || check.alternate) return null;
  const thrown = check.consequent.type === 'BlockStatement' ? check.consequent.body[0] : check.consequent;
  if (thrown?.type !== 'ThrowStatement' || thrown.argument.type !== 'NewExpression') return null;
  const ctor = thrown.argument.callee;
  if (ctor.type !== 'Identifier' || ctor.name !== 'ComponentError') return null;
  return { body: body.slice(0, -2), test: check.test, value: ret.argument, error: ctor };
}
