/**
 * Resource types the host defines (a component imports them): the host's
 * values are JS objects, while handle tables hold i32 reps. Each host type
 * keeps the objects its live reps stand for, in a slot array with a free
 * list, so a rep maps back to the very object the host passed in.
 *
 * A rep is allocated when a host object enters a component (lowered as an
 * `own`, or as a `borrow` for one call) and freed when it leaves again: the
 * own is lifted back out to the host, the component drops it (the type's
 * destructor then calls the object's `[Symbol.dispose]()` if it has one),
 * or the borrowing call ends.
 */
import type { CallScope } from './call-scope.js';
import { ResourceType } from './resource-type.js';
import { resourceDisposeSymbol } from './wrappers.js';

export class HostObjects {
  /** rep → object; slot 0 unused so that no rep is 0 */
  items: unknown[];
  /** freed reps, reused LIFO */
  free: number[];

  constructor() {
    this.items = [undefined];
    this.free = [];
  }
}

/** A fresh host-defined resource type named `name` (for messages). */
export function hostResourceType(name: string): ResourceType {
  const objects = new HostObjects();
  return new ResourceType(null, (rep) => hostObjectDispose(objects, rep), name, objects);
}

/** A rep for host object `obj` of type `rt`. */
export function hostObjectAdd(rt: ResourceType, obj: unknown): number {
  const h = rt.objects!;
  if (h.free.length > 0) {
    const rep = h.free.pop()!;
    h.items[rep] = obj;
    return rep;
  }
  return h.items.push(obj) - 1;
}

/** The host object behind `rep`. */
export function hostObjectGet(rt: ResourceType, rep: number): unknown {
  return rt.objects!.items[rep];
}

/** The host object behind `rep`, freeing the rep (the object leaves the component). */
export function hostObjectTake(rt: ResourceType, rep: number): unknown {
  return hostObjectRelease(rt.objects!, rep);
}

/** A rep for `obj` lent to a component for the call `scope` tracks; freed when the call ends. */
export function hostObjectLend(rt: ResourceType, obj: unknown, scope: CallScope): number {
  const rep = hostObjectAdd(rt, obj);
  const k = scope.numHostReps++;
  if (k < scope.hostTypes.length) {
    scope.hostTypes[k] = rt.objects;
    scope.hostReps[k] = rep;
  } else {
    scope.hostTypes.push(rt.objects);
    scope.hostReps.push(rep);
  }
  return rep;
}

/** Frees `rep` and returns its object. */
export function hostObjectRelease(h: HostObjects, rep: number): unknown {
  const obj = h.items[rep];
  h.items[rep] = undefined;
  h.free.push(rep);
  return obj;
}

/** The destructor of a host type: a component dropped its own, so the host's object is disposed. */
function hostObjectDispose(h: HostObjects, rep: number): void {
  const obj = hostObjectRelease(h, rep) as { [k: symbol]: unknown } | null | undefined;
  if (obj === null || (typeof obj !== 'object' && typeof obj !== 'function')) return;
  const dispose = obj[resourceDisposeSymbol];
  if (typeof dispose === 'function') dispose.call(obj);
}
