/**
 * The JS face of resources defined by a component: the objects (instances of
 * the emitted classes) the host holds for own and borrow values. A wrapper
 * keeps its rep and state under two symbols; the emitter decides the classes
 * and calls these helpers from constructors, methods and `[Symbol.dispose]`.
 *
 * - own wrappers drop the resource on `resourceDispose`, or, if lost, when
 *   garbage-collected (registry.ts: one FinalizationRegistry per resource
 *   type, only for types with a destructor, registered lazily);
 * - passing an own wrapper as an `own` argument moves it (the wrapper dies);
 * - borrow wrappers given to the host die when their call ends.
 * A dead wrapper's rep reads throw a TypeError with code `type/dead-handle`.
 */
import { resourceDropRep } from './builtins.js';
import type { CallScope } from './call-scope.js';
import { componentEnterFrom, componentMayEnterFrom } from './instance.js';
import { RESOURCE_REGISTERED, resourceTrack, resourceUntrack } from './registry.js';
import type { ResourceType } from './resource-type.js';
import { typeError } from '../type-errors.js';
import { tagTrap } from '../traps.js';

export const RESOURCE_REP: unique symbol = Symbol('canonjs.rep');
export const RESOURCE_STATE: unique symbol = Symbol('canonjs.state');

/** Wrapper states. */
export const RESOURCE_DEAD = 0;
export const RESOURCE_OWNED = 1;
export const RESOURCE_BORROWED = 2;

export interface ResourceWrapper {
  [RESOURCE_REP]: number;
  [RESOURCE_STATE]: number;
  /** an own wrapper is registered with its type's FinalizationRegistry (registry.ts) */
  [RESOURCE_REGISTERED]?: boolean;
}

/** `Symbol.dispose` where the engine has it (Node 20+, recent browsers), else the registered fallback. */
export const resourceDisposeSymbol: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for('Symbol.dispose');

/** Makes `w` the host's own wrapper of `rep` (call once, e.g. in the constructor); returns it. */
export function resourceWrapOwn<W extends object>(w: W, rt: ResourceType, rep: number): W & ResourceWrapper {
  const r = w as W & ResourceWrapper;
  r[RESOURCE_REP] = rep;
  r[RESOURCE_STATE] = RESOURCE_OWNED;
  resourceTrack(r, rt);
  return r;
}

/** Makes `w` a borrow wrapper of `rep` that dies when the call `scope` tracks ends; returns it. */
export function resourceWrapBorrow<W extends object>(w: W, rep: number, scope: CallScope): W & ResourceWrapper {
  const r = w as W & ResourceWrapper;
  r[RESOURCE_REP] = rep;
  r[RESOURCE_STATE] = RESOURCE_BORROWED;
  r[RESOURCE_REGISTERED] = false; // same shape as an own wrapper: one inline-cache shape in the glue
  const k = scope.numWrappers++;
  if (k < scope.wrappers.length) scope.wrappers[k] = r;
  else scope.wrappers.push(r);
  return r;
}

/** The rep of a live wrapper (own or borrow): for `this` and `borrow` arguments. */
export function resourceWrapperRep(w: ResourceWrapper, path: string): number {
  const s = w[RESOURCE_STATE];
  if (s === RESOURCE_OWNED || s === RESOURCE_BORROWED) return w[RESOURCE_REP];
  throw resourceWrapperError(w, path);
}

/** Takes the rep out of a live own wrapper, which dies: for `own` arguments (ownership moves). */
export function resourceWrapperTake(w: ResourceWrapper, rt: ResourceType, path: string): number {
  if (w[RESOURCE_STATE] !== RESOURCE_OWNED) throw resourceWrapperError(w, path);
  w[RESOURCE_STATE] = RESOURCE_DEAD;
  resourceUntrack(w, rt);
  return w[RESOURCE_REP];
}

/** Is `w` a live own wrapper? (argument checks before anything is lowered) */
export function resourceIsOwned(w: ResourceWrapper): boolean {
  return w[RESOURCE_STATE] === RESOURCE_OWNED;
}

/** Is `w` live (own, or a borrow whose call has not ended)? */
export function resourceIsLive(w: ResourceWrapper): boolean {
  const s = w[RESOURCE_STATE];
  return s === RESOURCE_OWNED || s === RESOURCE_BORROWED;
}

/**
 * `[Symbol.dispose]()`: drops an own wrapper's resource (running the
 * destructor in the defining instance); the wrapper dies once that
 * succeeded. Traps when the instance is on the stack or poisoned (the
 * wrapper stays owned); a trap in the destructor poisons the store. A no-op for dead and borrow wrappers (a borrow is not the
 * host's to drop), so disposing twice is harmless.
 */
export function resourceDispose(w: ResourceWrapper, rt: ResourceType): void {
  if (w[RESOURCE_STATE] !== RESOURCE_OWNED) return;
  const impl = rt.impl;
  // refused at the door (the instance is on the stack, or poisoned): a trap, but nothing ran inside
  if (impl !== null && !componentMayEnterFrom(impl, null)) componentEnterFrom(impl, null);
  try {
    resourceDropRep(rt, w[RESOURCE_REP]);
  } catch (e) {
    // the destructor trapped: that poisons the store, as a trap in any call does
    if (impl !== null) impl.poisoned = true;
    throw tagTrap(e);
  }
  w[RESOURCE_STATE] = RESOURCE_DEAD;
  resourceUntrack(w, rt);
}

function resourceWrapperError(w: ResourceWrapper, path: string): TypeError {
  const s = w[RESOURCE_STATE];
  if (s === RESOURCE_DEAD) return typeError('type/dead-handle', path, w);
  if (s === RESOURCE_BORROWED) return typeError('type/handle', path, w, ' that is owned (a borrow cannot be passed as own)');
  return typeError('type/handle', path, w);
}
