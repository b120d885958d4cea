/**
 * What every call between the host and a component instance, or between two
 * instances, shares: canon options for the ABI planner, the may_leave guard
 * of the caller, and the may_enter guards of the instances it enters.
 */
import type * as E from 'estree';
import type { AbiOptions } from '../../abi/instructions.js';
import type { ResolvedOpts } from '../../link/plan.js';
import * as b from '../builders.js';
import { ancestors, enterRef, leaveRef, type EmitState } from './state.js';

export function abiOptions(opts: ResolvedOpts): Partial<AbiOptions> {
  return {
    stringEncoding: opts.stringEncoding,
    memory: opts.memory !== undefined,
    realloc: opts.realloc !== undefined,
    postReturn: opts.postReturn !== undefined,
    ptrType: opts.ptrType ?? 'i32',
    async: opts.async,
  };
}

/** Calls `core` with `may_leave` cleared for `instance` (realloc, post-return), when that instance checks it. */
export function withoutLeave(st: EmitState, instance: number, key: string, core: E.Expression, arity: number): E.Expression {
  if (!st.leaveTracked.has(instance)) return core;
  return st.locals.once(`noleave:${instance}:${key}`, 'guarded', () => {
    const params = Array.from({ length: arity }, (_, i) => `a${i}`);
    const flag = leaveRef(st, instance);
    return b.fn(null, params, [
      b.expr(b.assign(flag, b.lit(false))),
      b.constDecl('r', b.call(core, ...params.map((p) => b.id(p)))),
      b.expr(b.assign(flag, b.lit(true))),
      b.ret(b.id('r')),
    ]);
  });
}

/** The spec's entering set of a call from `caller` (undefined: the host) into `callee`. */
export function enteringSet(st: EmitState, caller: number | undefined, callee: number): number[] {
  const mine = new Set(caller === undefined ? [] : ancestors(st.plan, caller));
  return ancestors(st.plan, callee).filter((i) => !mine.has(i));
}

/** `trap_if(not may_enter)` for each instance entered, then clear them; `exit` sets them again. */
export function enterGuards(st: EmitState, entering: number[]): { enter: E.Statement[]; exit: E.Statement[] } {
  if (!st.reentrance || entering.length === 0) return { enter: [], exit: [] };
  st.runtime.add('trap');
  const set = (value: boolean) =>
    b.expr(entering.reduceRight<E.Expression>((acc, i) => b.assign(enterRef(st, i), acc), b.lit(value)));
  const blocked = b.all('||', entering.map((i) => b.not(enterRef(st, i))));
  return { enter: [b.ifStmt(blocked, b.expr(b.call('trap', b.lit('trap/cannot-enter')))), set(false)], exit: [set(true)] };
}

/** `trap_if(not may_leave)` of the calling instance (a lowered import). */
export function leaveGuard(st: EmitState, instance: number): E.Statement {
  st.runtime.add('trap');
  return b.ifStmt(b.not(leaveRef(st, instance)), b.expr(b.call('trap', b.lit('trap/cannot-leave'))));
}
