/**
 * Lifting and lowering `own<R>` / `borrow<R>` at a call boundary (the spec's
 * `lift_own`, `lift_borrow`, `lower_own`, `lower_borrow`). The abstract value
 * in between is the rep. `inst` is the component instance whose table the
 * i32 handle belongs to: the caller's when lifting params / the callee's when
 * lifting results, and so on.
 */
import type { CallScope } from './call-scope.js';
import { callScopeLend } from './call-scope.js';
import type { ComponentInstance } from './instance.js';
import { resourceFault, resourceHandleName, resourceLentFault } from './resource-fault.js';
import type { ResourceType } from './resource-type.js';
import { HANDLE_BORROW, HANDLE_OWN, handleTableAdd, handleTableFree } from './table.js';
import { trapWith } from './trap-detail.js';

/** Moves the own handle `i` out of `inst`'s table and returns its rep. */
export function liftOwn(inst: ComponentInstance, rt: ResourceType, i: number): number {
  const t = inst.handles;
  if (i >>> 0 >= t.size || t.refs[i] !== rt) resourceFault(t, rt, i);
  if (t.lends[i] !== 0) resourceLentFault(t, rt, i);
  if (t.tags[i] !== HANDLE_OWN) {
    trapWith('trap/handle-not-owned', `handle ${i} is ${resourceHandleName(t, i, rt)}, expected an own<${rt.name}>`);
  }
  const rep = t.reps[i];
  handleTableFree(t, i);
  return rep;
}

/** Reads the rep of handle `i` (own or borrow), lending it for the call that `scope` tracks. */
export function liftBorrow(inst: ComponentInstance, rt: ResourceType, i: number, scope: CallScope): number {
  const t = inst.handles;
  if (i >>> 0 >= t.size || t.refs[i] !== rt) resourceFault(t, rt, i);
  callScopeLend(scope, t, i);
  return t.reps[i];
}

/** A new own handle for `rep` in `inst`'s table. */
export function lowerOwn(inst: ComponentInstance, rt: ResourceType, rep: number): number {
  return handleTableAdd(inst.handles, HANDLE_OWN, rt, rep, null);
}

/**
 * A borrow of `rep` for the callee `inst` during the call `scope` tracks. The
 * instance that defines `rt` gets the rep itself (all it could do with a
 * handle is `resource.rep`), so no handle and no bookkeeping: when the
 * emitter knows that statically, it can skip this call and the scope.
 */
export function lowerBorrow(inst: ComponentInstance, rt: ResourceType, rep: number, scope: CallScope): number {
  if (inst === rt.impl) return rep;
  scope.numBorrows++;
  return handleTableAdd(inst.handles, HANDLE_BORROW, rt, rep, scope);
}
