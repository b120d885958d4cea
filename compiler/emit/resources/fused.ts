/**
 * Handles crossing a fused call (a lowered import whose callee is another
 * component instance's lifted function): each moves from one table to the
 * other without a JS value in between. An own leaves the source table
 * (lift_own) and gets a new handle in the destination (lower_own); a borrow
 * param is lent by the caller (lift_borrow) and becomes a borrow handle of
 * the callee (lower_borrow), or the bare rep when the callee defines the
 * type. One call scope plays both roles (the callee task's borrow count, the
 * caller subtask's lends).
 */
import type * as E from 'estree';
import type { Side } from '../../abi/instructions.js';
import type { ResourceMap } from '../../link/resources.js';
import type { FuncType } from '../../types/model.js';
import { fail } from '../../errors/index.js';
import * as b from '../builders.js';
import type { FusedHandleHooks } from '../values/context.js';
import { instanceRef, type EmitState } from '../module/state.js';
import { handleTypes } from './hooks.js';
import { resourceTypeRef, runtimeResource, type HandleType } from './types.js';

export interface FusedHandlePieces {
  hooks: FusedHandleHooks;
  /** on entry (after the caller's may_leave check): `const scope = callScopeBegin();` if any borrow crosses */
  begin: E.Statement[];
  /** before returning to the caller: `callScopeEnd(scope);` */
  end: E.Statement[];
}

/**
 * The handle hooks of a fused call from instance `caller` into instance
 * `callee`; `type` is the function type as the caller sees it and
 * `resources` the caller's resource map (the lower step's).
 */
export function fusedHandlePieces(
  st: EmitState,
  caller: number,
  callee: number,
  resources: ResourceMap,
  type: FuncType,
): FusedHandlePieces {
  const scoped = type.params.some((p) => handleTypes(p.type).some((t) => t.kind === 'borrow'));
  const use = (name: string) => {
    st.runtime.add(name);
    return name;
  };
  const scope = () => b.id('scope');
  const hooks: FusedHandleHooks = {
    transfer(t, h, to: Side) {
      if (t.kind !== 'own' && t.kind !== 'borrow') return fail('compile/unsupported', undefined, `${t.kind} values (async)`);
      const r = runtimeResource(st, resources, t as HandleType);
      const rt = resourceTypeRef(st, r);
      const [from, into] = to === 'callee' ? [caller, callee] : [callee, caller];
      if (t.kind === 'own') return b.call(use('lowerOwn'), instanceRef(into), rt, b.call(use('liftOwn'), instanceRef(from), rt, h));
      const rep = b.call(use('liftBorrow'), instanceRef(from), rt, h, scope());
      if (r.kind === 'defined' && r.step.component === into) return rep;
      return b.call(use('lowerBorrow'), instanceRef(into), rt, rep, scope());
    },
    returned: scoped ? () => [b.expr(b.call(use('callScopeReturned'), scope()))] : undefined,
  };
  return {
    hooks,
    begin: scoped ? [b.constDecl('scope', b.call(use('callScopeBegin')))] : [],
    end: scoped ? [b.expr(b.call(use('callScopeEnd'), scope()))] : [],
  };
}
