/**
 * The guard around every call into the store: refuse when poisoned; past the
 * entry point (after the argument checks), any exception is a trap that
 * poisons the store. The one deliberate exception is a `result<T, E>`
 * function result's error, thrown as a `ComponentError` once the call is
 * over: through the values emitter's `returnOrThrow` hook, the call's end
 * only records the outcome inside the `try`, and the throw or return
 * follows it, so it does not poison.
 */
import type * as E from 'estree';
import * as b from '../builders.js';
import { poisonedRef, type EmitState } from './state.js';

export interface CallGuard {
  /** the statement `enter` emits first: where the argument checks end and the guarded part begins */
  marker: E.EmptyStatement;
  returnOrThrow(failed: E.Expression, value: E.Expression): E.Statement[];
  wrap(body: E.Statement[]): E.Statement[];
}

export function callGuard(st: EmitState): CallGuard {
  const marker: E.EmptyStatement = { type: 'EmptyStatement' };
  let endsWithResult = false;
  return {
    marker,
    returnOrThrow(failed, value) {
      endsWithResult = true;
      return [b.expr(b.assign('failed', failed)), b.expr(b.assign('out', value))];
    },
    wrap(body) {
      st.runtime.add('trap');
      st.runtime.add('tagTrap');
      const at = body.indexOf(marker);
      const before = at < 0 ? [] : body.slice(0, at);
      const inside = at < 0 ? body : body.slice(at + 1);
      const head: E.Statement[] = [];
      const after: E.Statement[] = [];
      if (endsWithResult) {
        st.runtime.add('ComponentError');
        head.push(b.letDecl(['failed', b.lit(false)], 'out'));
        after.push(b.ifStmt(b.id('failed'), b.throwStmt(b.newExpr(b.id('ComponentError'), b.id('out')))), b.ret(b.id('out')));
      }
      return [
        b.ifStmt(poisonedRef(st), b.expr(b.call('trap', b.lit('trap/poisoned')))),
        ...before,
        ...head,
        b.tryStmt(inside, 'e', [b.expr(b.assign(poisonedRef(st), b.lit(true))), b.throwStmt(b.call('tagTrap', b.id('e')))]),
        ...after,
      ];
    },
  };
}
