/**
 * Lost own wrappers are dropped through a FinalizationRegistry (one per
 * resource type with a destructor). Registering costs far more than the
 * rest of a method call, and most owns are disposed right after use (`using`),
 * so registration is deferred: a new own wrapper is queued, and the queue is
 * registered in a microtask (or when it grows long), skipping the wrappers
 * that died meanwhile. A queued wrapper is held by the queue until then, so
 * nothing is lost, only dropped a little later.
 */
import { resourceDropRep } from './builtins.js';
import { componentMayEnterFrom } from './instance.js';
import type { ResourceType } from './resource-type.js';
import { RESOURCE_OWNED, RESOURCE_REP, RESOURCE_STATE, type ResourceWrapper } from './wrappers.js';

export const RESOURCE_REGISTERED: unique symbol = Symbol('canonjs.registered');

/** Longest queue before it is registered synchronously (bounds what a long synchronous loop holds). */
const RESOURCE_QUEUE_LIMIT = 1024;

/** Own wrappers not registered yet, with their types (two columns), and whether a flush is queued. */
const resourceQueue = { wrappers: [] as ResourceWrapper[], types: [] as ResourceType[], flushQueued: false };

/** A new own wrapper of `rt`: queued for registration if the type has a destructor. */
export function resourceTrack(w: ResourceWrapper, rt: ResourceType): void {
  w[RESOURCE_REGISTERED] = false;
  if (rt.dtor === null) return;
  const q = resourceQueue;
  q.wrappers.push(w);
  q.types.push(rt);
  if (q.wrappers.length >= RESOURCE_QUEUE_LIMIT) resourceRegisterQueued();
  else if (!q.flushQueued) {
    q.flushQueued = true;
    queueMicrotask(resourceRegisterQueued);
  }
}

/** The wrapper dies (moved or disposed): it must not be finalized later. */
export function resourceUntrack(w: ResourceWrapper, rt: ResourceType): void {
  if (w[RESOURCE_REGISTERED] === true) {
    rt.registry!.unregister(w);
    w[RESOURCE_REGISTERED] = false;
  }
}

/** Registers the queued wrappers that are still owned. */
export function resourceRegisterQueued(): void {
  const q = resourceQueue;
  q.flushQueued = false;
  const { wrappers, types } = q;
  for (let k = 0; k < wrappers.length; k++) {
    const w = wrappers[k]!;
    if (w[RESOURCE_STATE] !== RESOURCE_OWNED) continue;
    const rt = types[k]!;
    (rt.registry ??= resourceRegistry(rt)).register(w, w[RESOURCE_REP], w);
    w[RESOURCE_REGISTERED] = true;
  }
  wrappers.length = 0;
  types.length = 0;
}

function resourceRegistry(rt: ResourceType): FinalizationRegistry<number> {
  return new FinalizationRegistry<number>((rep) => resourceFinalize(rt, rep));
}

/**
 * Drops the resource of an own wrapper the host lost. Runs from the event
 * loop, where there is no one to report to: if the defining instance cannot
 * be entered (poisoned, or busy) the resource leaks; a trap in the
 * destructor poisons the instance and is swallowed.
 */
export function resourceFinalize(rt: ResourceType, rep: number): void {
  const impl = rt.impl;
  if (impl !== null && !componentMayEnterFrom(impl, null)) return;
  try {
    resourceDropRep(rt, rep);
  } catch {
    if (impl !== null) impl.poisoned = true;
  }
}
