/**
 * What the value emitter needs from its surroundings (the module emitter):
 * the identifiers of the callee, memory, realloc and post-return, runtime
 * helpers (recorded as used), hoisted module-level constants, and hooks for
 * the task lifecycle and for handles.
 */
import type { ValType } from '../../types/model.js';
import type { Side } from '../../abi/instructions.js';
import type { E } from '../builders.js';
import * as b from '../builders.js';
import type { RuntimeHelper } from '../runtime-helpers.js';

/** Own/borrow/stream/future/error-context values: supplied by the resources and async emitters. */
export interface HandleHooks {
  /** a condition that is true when `value` is NOT an acceptable host value of `type` */
  invalid?(type: ValType, value: E.Expression): E.Expression;
  /** host value for the i32 handle (lifting) */
  lift(type: ValType, handle: E.Expression): E.Expression;
  /** i32 handle for the checked host value (lowering) */
  lower(type: ValType, value: E.Expression): E.Expression;
}

/** The memory and realloc of one side of a fused call (each the spec's options of that side). */
export interface SideContext {
  /** the `MemView` of the side's `memory` option */
  memory?: E.Expression;
  /** the side's `realloc`, called with that instance's may_leave cleared */
  realloc?: E.Expression;
}

/** Handles crossing a fused call: supplied by the resources emitter. */
export interface FusedHandleHooks {
  /**
   * The i32 handle in the table of the side `to` for the handle in the other
   * side's table: lift from one table (lift_own/lift_borrow), lower into the
   * other (lower_own/lower_borrow).
   */
  transfer(type: ValType, handle: E.Expression, to: Side): E.Expression;
  /** run right after the callee's core function returns, before the result goes back (the callee task's borrow check) */
  returned?(): E.Statement[];
}

export interface EmitContext {
  /**
   * the function the glue calls: the core export (lift), the host function
   * (lower), or the callee's core function (fused)
   */
  callee: E.Expression;
  /** the `MemView` (runtime/memory.ts) of the canon `memory` option */
  memory?: E.Expression;
  /** the core `realloc` function */
  realloc?: E.Expression;
  /** the core `post-return` function (fused: the callee's) */
  postReturn?: E.Expression;
  /** name of the emitted function (for stack traces) */
  name?: string;
  /** reference to a runtime declaration (an identifier, or `rt.name`); records it as used */
  helper(name: RuntimeHelper): E.Expression;
  /**
   * Declares `init` once at module scope and returns its identifier; the
   * same `key` (e.g. a type object) gives the same identifier.
   */
  hoist(hint: string, init: () => E.Expression, key?: unknown): E.Identifier;
  /** statements run on entry (after the argument checks) and before returning: may_enter/may_leave, task state */
  enter?(): E.Statement[];
  exit?(): E.Statement[];
  /** wraps the whole body, e.g. to poison the instance when a trap escapes */
  wrapBody?(body: E.Statement[]): E.Statement[];
  /**
   * How a `result<T, E>` function result ends the call (`failed`: the error
   * case, `value`: T or E); by default `if (failed) throw new ComponentError(value); return value;`.
   */
  returnOrThrow?(failed: E.Expression, value: E.Expression): E.Statement[];
  handles?: HandleHooks;
  /** fused: the caller's and the callee's memory and realloc */
  sides?: Record<Side, SideContext>;
  /** fused: the caller's may_leave check, run before `enter` */
  leave?(): E.Statement[];
  /** fused: handle transfer between the two tables */
  fusedHandles?: FusedHandleHooks;
}

/**
 * What `emitFused` needs: `callee` is the callee's core function,
 * `postReturn` the callee's post-return, `sides` both memories and reallocs,
 * `leave` the caller's may_leave check, `enter`/`exit` the callee's entering
 * set (may_enter checked and cleared, then restored).
 */
export type FusedEmitContext = EmitContext & { sides: Record<Side, SideContext> };

/** A plain context that collects used helpers and hoisted declarations (tests, simple modules). */
export interface CollectingContext extends EmitContext {
  readonly helpers: Set<RuntimeHelper>;
  readonly hoisted: E.VariableDeclaration[];
}

/** The names declared in a module's hoisted list, kept up to date per list (a context per function must not rescan it). */
const hoistedNameSets = new WeakMap<E.VariableDeclaration[], { names: Set<string>; seen: number }>();

function hoistedNames(hoisted: E.VariableDeclaration[]): Set<string> {
  let rec = hoistedNameSets.get(hoisted);
  if (!rec) hoistedNameSets.set(hoisted, (rec = { names: new Set(), seen: 0 }));
  for (; rec.seen < hoisted.length; rec.seen++) for (const d of hoisted[rec.seen]!.declarations) rec.names.add((d.id as E.Identifier).name);
  return rec.names;
}

export function createEmitContext(
  fields: Omit<EmitContext, 'helper' | 'hoist'>,
  shared?: { helpers: Set<RuntimeHelper>; hoisted: E.VariableDeclaration[]; keys?: Map<unknown, E.Identifier> },
): CollectingContext {
  const helpers = shared?.helpers ?? new Set<RuntimeHelper>();
  const hoisted = shared?.hoisted ?? [];
  const keys = shared?.keys ?? new Map<unknown, E.Identifier>();
  const taken = hoistedNames(hoisted);
  return {
    ...fields,
    helpers,
    hoisted,
    helper(name) {
      helpers.add(name);
      return b.id(name);
    },
    hoist(hint, init, key) {
      if (key !== undefined) {
        const hit = keys.get(key);
        if (hit) return hit;
      }
      let name = hint;
      for (let n = 1; taken.has(name); n++) name = `${hint}${n}`;
      taken.add(name);
      hoisted.push(b.constDecl(name, init()));
      const ident = b.id(name);
      if (key !== undefined) keys.set(key, ident);
      return ident;
    },
  };
}
