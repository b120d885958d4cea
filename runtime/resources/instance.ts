/**
 * The per-component-instance state the handle runtime needs (the spec's
 * `ComponentInstance`): its handle table, its parent (donut wrapping), the
 * reentrance flags, and the store it belongs to. A trap poisons the whole
 * store (every instance one top-level instantiation created), so the flag
 * lives on the `ComponentStore` the instances share; generated glue tests
 * `store.poisoned` on every entry.
 *
 * `componentEnterFrom` / `componentLeaveTo` are the spec's `enter_from` /
 * `leave_to` over the entering set: the instance and its ancestors, minus
 * those the caller (or its ancestors) already holds. Generated glue that knows
 * the set statically may set the flags itself; the runtime uses these for
 * destructor calls.
 */
import { HandleTable } from './table.js';
import { trap } from '../traps.js';
import type { AsyncScheduler } from '../async/scheduler.js';
import type { AsyncThread } from '../async/thread.js';

/** What the instances of one top-level instantiation share. */
export class ComponentStore {
  /** set when a trap escaped any instance: every later entry traps */
  poisoned: boolean;
  /** the async scheduler (runtime/async), created on first use */
  sched: AsyncScheduler | null;

  constructor() {
    this.poisoned = false;
    this.sched = null;
  }
}

export class ComponentInstance {
  /** resources, waitables, waitable sets, error contexts: one table (spec `handles`) */
  readonly handles: HandleTable;
  readonly parent: ComponentInstance | null;
  /** false while the instance is on the call stack (Component Invariant #2) */
  mayEnter: boolean;
  /** false during post-return and realloc: no resource.new/drop, no import calls */
  mayLeave: boolean;
  /** shared with the parent; a root instance starts a store */
  readonly store: ComponentStore;
  /** `backpressure.inc/dec` count: async-typed calls wait to start while above 0 (spec `backpressure`) */
  backpressure: number;
  /** async-typed calls waiting to start (spec `num_waiting_to_enter`) */
  numWaitingToEnter: number;
  /** the thread holding the instance's lock while core code of a callback or sync-lifted async task runs */
  exclusiveThread: AsyncThread | null;
  /** the table of its threads (`thread.index`), kept only where the code uses cooperative threads (runtime/async/coop.ts) */
  threads: HandleTable | null;

  constructor(parent: ComponentInstance | null = null, handles: HandleTable = new HandleTable()) {
    this.handles = handles;
    this.parent = parent;
    this.mayEnter = true;
    this.mayLeave = true;
    this.store = parent !== null ? parent.store : new ComponentStore();
    this.backpressure = 0;
    this.numWaitingToEnter = 0;
    this.exclusiveThread = null;
    this.threads = null;
  }

  /** the store's poisoned flag */
  get poisoned(): boolean {
    return this.store.poisoned;
  }

  set poisoned(value: boolean) {
    this.store.poisoned = value;
  }
}

/** Is `a` the instance `of` or one of its ancestors? */
function componentHolds(of: ComponentInstance | null, a: ComponentInstance): boolean {
  for (let x = of; x !== null; x = x.parent) if (x === a) return true;
  return false;
}

/** The spec's `may_enter_from` (plus poisoning): could `inst` be entered from `caller` (null: the host)? */
export function componentMayEnterFrom(inst: ComponentInstance, caller: ComponentInstance | null): boolean {
  for (let a: ComponentInstance | null = inst; a !== null; a = a.parent) {
    if ((!a.mayEnter || a.poisoned) && !componentHolds(caller, a)) return false;
  }
  return true;
}

/** Enters `inst` from `caller` (null: the host); traps if that would reenter or `inst` is poisoned. */
export function componentEnterFrom(inst: ComponentInstance, caller: ComponentInstance | null): void {
  for (let a: ComponentInstance | null = inst; a !== null; a = a.parent) {
    if (componentHolds(caller, a)) continue;
    if (a.poisoned) trap('trap/poisoned');
    if (!a.mayEnter) trap('trap/cannot-enter');
  }
  for (let a: ComponentInstance | null = inst; a !== null; a = a.parent) {
    if (!componentHolds(caller, a)) a.mayEnter = false;
  }
}

/** Undoes `componentEnterFrom(inst, caller)`. */
export function componentLeaveTo(inst: ComponentInstance, caller: ComponentInstance | null): void {
  for (let a: ComponentInstance | null = inst; a !== null; a = a.parent) {
    if (!componentHolds(caller, a)) a.mayEnter = true;
  }
}
