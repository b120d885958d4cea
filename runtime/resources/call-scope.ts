/**
 * The borrow bookkeeping of one call, playing both of the spec's roles:
 * - callee side (`Task.num_borrows`): borrow handles lowered into the callee's
 *   table for this call; each must be dropped before the call returns;
 * - caller side (`Subtask.lenders`): handles the caller lent for borrow
 *   params; their `num_lends` go back down when the call ends. Borrow
 *   wrappers handed to the host are also recorded here and die at the end,
 *   and so are the reps of host objects lent to a component for the call.
 *
 * Scopes are pooled: a call takes one with `callScopeBegin` and returns it
 * with `callScopeEnd`, so steady-state calls allocate nothing. A scope lost
 * to a trap is simply not returned to the pool.
 */
import type { HandleTable } from './table.js';
import { hostObjectRelease, type HostObjects } from './host-objects.js';
import { trapWith } from './trap-detail.js';
import { RESOURCE_STATE, RESOURCE_DEAD, type ResourceWrapper } from './wrappers.js';

export class CallScope {
  /** live borrow handles created for the callee (spec `num_borrows`) */
  numBorrows: number;
  /** lent handles, as (table, index) pairs in two columns */
  lentTables: (HandleTable | null)[];
  lentIndices: number[];
  numLent: number;
  /** borrow wrappers given to the host for this call */
  wrappers: (ResourceWrapper | null)[];
  numWrappers: number;
  /** reps of host objects lent for this call, as (objects, rep) pairs */
  hostTypes: (HostObjects | null)[];
  hostReps: number[];
  numHostReps: number;

  constructor() {
    this.numBorrows = 0;
    this.lentTables = [];
    this.lentIndices = [];
    this.numLent = 0;
    this.wrappers = [];
    this.numWrappers = 0;
    this.hostTypes = [];
    this.hostReps = [];
    this.numHostReps = 0;
  }
}

const callScopePool: CallScope[] = [];

/** A fresh (or recycled) scope for one call. */
export function callScopeBegin(): CallScope {
  return callScopePool.length > 0 ? callScopePool.pop()! : new CallScope();
}

/**
 * Ends the call: traps if the callee kept borrow handles (the spec's check in
 * `task.return`), then returns the caller's lent handles (`deliver_resolve`),
 * kills the host's borrow wrappers, frees the reps of lent host objects, and
 * recycles the scope.
 */
export function callScopeEnd(scope: CallScope): void {
  callScopeReturned(scope);
  for (let k = 0; k < scope.numLent; k++) {
    scope.lentTables[k]!.lends[scope.lentIndices[k]]--;
    scope.lentTables[k] = null;
  }
  scope.numLent = 0;
  for (let k = 0; k < scope.numWrappers; k++) {
    scope.wrappers[k]![RESOURCE_STATE] = RESOURCE_DEAD;
    scope.wrappers[k] = null;
  }
  scope.numWrappers = 0;
  for (let k = 0; k < scope.numHostReps; k++) {
    hostObjectRelease(scope.hostTypes[k]!, scope.hostReps[k]!);
    scope.hostTypes[k] = null;
  }
  scope.numHostReps = 0;
  callScopePool.push(scope);
}

/**
 * The callee returned (the spec's check in `task.return`): traps if it kept
 * borrow handles. `callScopeEnd` checks it too; glue that has more to do
 * between the return and the end of the call (a fused call's results) calls
 * it right at the return.
 */
export function callScopeReturned(scope: CallScope): void {
  if (scope.numBorrows !== 0) {
    trapWith('trap/borrows-remain', `${scope.numBorrows} borrow handle${scope.numBorrows === 1 ? '' : 's'} not dropped`);
  }
}

/** Records that handle `i` of `t` is lent for this call (spec `add_lender`). */
export function callScopeLend(scope: CallScope, t: HandleTable, i: number): void {
  t.lends[i]++;
  const k = scope.numLent++;
  if (k < scope.lentTables.length) {
    scope.lentTables[k] = t;
    scope.lentIndices[k] = i;
  } else {
    scope.lentTables.push(t);
    scope.lentIndices.push(i);
  }
}
