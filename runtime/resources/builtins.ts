/**
 * The canonical built-ins `resource.new`, `resource.rep` and `resource.drop`,
 * called by core wasm through the glue with the calling component instance,
 * plus `resourceDropRep`: the host dropping an own it holds (dispose,
 * finalization).
 */
import { componentEnterFrom, componentLeaveTo, type ComponentInstance } from './instance.js';
import type { ResourceType } from './resource-type.js';
import { resourceFault, resourceLentFault } from './resource-fault.js';
import { HANDLE_OWN, handleTableAdd, handleTableFree } from './table.js';
import { trap } from '../traps.js';

/** `canon resource.new`: a new own handle for `rep` in `inst`'s table. */
export function resourceNew(inst: ComponentInstance, rt: ResourceType, rep: number): number {
  if (!inst.mayLeave) trap('trap/cannot-leave');
  return handleTableAdd(inst.handles, HANDLE_OWN, rt, rep, null);
}

/** `canon resource.rep`: the rep of handle `i`, which must be a handle of `rt`. */
export function resourceRep(inst: ComponentInstance, rt: ResourceType, i: number): number {
  const t = inst.handles;
  if (i >>> 0 >= t.size || t.refs[i] !== rt) resourceFault(t, rt, i);
  return t.reps[i];
}

/**
 * `canon resource.drop`: removes handle `i`. Dropping an own runs the
 * destructor as a call into the defining instance (reentrance is checked
 * unless that instance is `inst` itself); dropping a borrow ends it.
 */
export function resourceDrop(inst: ComponentInstance, rt: ResourceType, i: number): void {
  if (!inst.mayLeave) trap('trap/cannot-leave');
  const t = inst.handles;
  if (i >>> 0 >= t.size || t.refs[i] !== rt) resourceFault(t, rt, i);
  if (t.lends[i] !== 0) resourceLentFault(t, rt, i);
  if (t.tags[i] === HANDLE_OWN) {
    const rep = t.reps[i];
    handleTableFree(t, i);
    resourceDestroy(rt, rep, inst);
  } else {
    t.scopes[i]!.numBorrows--;
    handleTableFree(t, i);
  }
}

/** The host drops an own of `rt` it holds as `rep` (the caller is the host). */
export function resourceDropRep(rt: ResourceType, rep: number): void {
  resourceDestroy(rt, rep, null);
}

/**
 * Runs `rt`'s destructor on `rep` as a sync call from `caller` (null: the
 * host) into `rt.impl`: the spec's `Store.lift(dtor, …, rt.impl)`, so the
 * reentrance and poisoning checks apply even when there is no destructor.
 * A trap in the destructor propagates (and the instance stays entered: the
 * trap poisons it anyway).
 */
function resourceDestroy(rt: ResourceType, rep: number, caller: ComponentInstance | null): void {
  const impl = rt.impl;
  const dtor = rt.dtor;
  if (impl === null || impl === caller) {
    // the host's own type, or the instance dropping its own resource: nothing is entered
    if (dtor !== null) dtor(rep);
    return;
  }
  componentEnterFrom(impl, caller);
  if (dtor !== null) dtor(rep);
  componentLeaveTo(impl, caller);
}
