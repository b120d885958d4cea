/**
 * own<R> / borrow<R> in the glue of one lifted or lowered function (the
 * value emitter's `HandleHooks`), following definitions.py's lift_own,
 * lift_borrow, lower_own and lower_borrow. The i32 handles index the table
 * of `side.instance`; on the other side is either the host (JS values:
 * wrappers of the type's class for component-defined types, the host's own
 * objects for host-defined ones) or another component instance, whose glue
 * hands over the bare rep.
 *
 * A call that involves borrows takes a call scope on entry and ends it on
 * exit: on the callee side it counts the borrow handles lent to it (they
 * must be dropped before it returns), on the caller side it holds the lent
 * handles (their lend counts drop when the call ends), the borrow wrappers
 * given to the host (they die at the end) and the reps of lent host objects.
 *
 *   function counterGet(a0) {                    // [method]counter.get, host → component
 *     if (!(a0 instanceof Counter && resourceIsLive(a0))) throw typeError(...);
 *     …enter…
 *     const ret = x(a0[RESOURCE_REP]);            // the callee defines counter: the rep itself
 *     …
 *   }
 */
import type * as E from 'estree';
import type { ResourceMap } from '../../link/resources.js';
import type { FuncType, ValType } from '../../types/model.js';
import { children } from '../../types/walk.js';
import { fail } from '../../errors/index.js';
import * as b from '../builders.js';
import type { HandleHooks } from '../values/index.js';
import { instanceRef, type EmitState } from '../module/state.js';
import { classRef, hostClassRef } from './classes.js';
import { resourceTypeRef, runtimeResource, type HandleType, type RuntimeResource } from './types.js';

export interface HandleSide {
  /** `lift`: an export's glue (called with values); `lower`: an import's glue (called by core wasm) */
  kind: 'lift' | 'lower';
  /** the component instance whose table the i32 handles index */
  instance: number;
  /** the other side is the host (JS values) rather than another component instance (reps) */
  host: boolean;
  resources: ResourceMap;
}

/** The hooks and the call-scope statements of one function. */
export interface HandlePieces {
  hooks: HandleHooks;
  /** after the entry checks: `const scope = callScopeBegin();` when the call tracks borrows */
  begin: E.Statement[];
  /** before returning: `callScopeEnd(scope);` (traps if the callee kept borrows) */
  end: E.Statement[];
}

const SCOPE = 'scope';

const isHandle = (t: ValType): t is HandleType => t.kind === 'own' || t.kind === 'borrow';

/** Every own/borrow type inside `t`. */
export function handleTypes(t: ValType, out: HandleType[] = []): HandleType[] {
  if (isHandle(t)) out.push(t);
  else for (const c of children(t)) handleTypes(c, out);
  return out;
}

/** Does the rep reach the instance as itself (it defines the type), so lowering a borrow needs no handle? */
const isImpl = (r: RuntimeResource, instance: number) => r.kind === 'defined' && r.step.component === instance;

export function handlePieces(st: EmitState, side: HandleSide, type: FuncType): HandlePieces {
  const resolve = (t: HandleType) => runtimeResource(st, side.resources, t);
  const borrows = type.params.flatMap((p) => handleTypes(p.type)).filter((t) => t.kind === 'borrow');
  const scoped = borrows.some((t) => side.kind === 'lower' || !isImpl(resolve(t), side.instance));
  const use = (name: string) => {
    st.runtime.add(name);
    return name;
  };
  const scope = () => b.id(SCOPE);
  const inst = () => instanceRef(side.instance);

  const hooks: HandleHooks = {
    invalid(t, v) {
      if (!isHandle(t)) return unsupported(t);
      if (!side.host) return b.lit(false);
      const r = resolve(t);
      if (r.kind === 'host') return b.not(b.binary('instanceof', v, hostClassRef(st, r.path)));
      const live = b.call(use(t.kind === 'own' ? 'resourceIsOwned' : 'resourceIsLive'), v);
      return b.not(b.logical('&&', b.binary('instanceof', v, classRef(st, r.id)), live));
    },
    lift(t, h) {
      if (!isHandle(t)) return unsupported(t);
      const r = resolve(t);
      const rt = resourceTypeRef(st, r);
      const rep = t.kind === 'own' ? b.call(use('liftOwn'), inst(), rt, h) : b.call(use('liftBorrow'), inst(), rt, h, scope());
      if (!side.host) return rep;
      if (r.kind === 'host') return b.call(use(t.kind === 'own' ? 'hostObjectTake' : 'hostObjectGet'), rt, rep);
      const blank = b.call(b.member(b.id('Object'), 'create'), b.member(classRef(st, r.id), 'prototype'));
      return t.kind === 'own'
        ? b.call(use('resourceWrapOwn'), blank, rt, rep)
        : b.call(use('resourceWrapBorrow'), blank, rep, scope());
    },
    lower(t, v) {
      if (!isHandle(t)) return unsupported(t);
      const r = resolve(t);
      const rt = resourceTypeRef(st, r);
      let rep = v;
      if (side.host && r.kind === 'host') {
        rep = t.kind === 'own' ? b.call(use('hostObjectAdd'), rt, v) : b.call(use('hostObjectLend'), rt, v, scope());
      } else if (side.host) {
        rep = t.kind === 'own'
          ? b.call(use('resourceWrapperTake'), v, rt, b.lit('a handle'))
          : b.member(v, b.id(use('RESOURCE_REP'))); // live: checked on entry (and a borrow moves nothing)
      }
      if (t.kind === 'own') return b.call(use('lowerOwn'), inst(), rt, rep);
      return isImpl(r, side.instance) ? rep : b.call(use('lowerBorrow'), inst(), rt, rep, scope());
    },
  };
  return {
    hooks,
    begin: scoped ? [b.constDecl(SCOPE, b.call(use('callScopeBegin')))] : [],
    end: scoped ? [b.expr(b.call(use('callScopeEnd'), scope()))] : [],
  };
}

function unsupported(t: ValType): never {
  return fail('compile/unsupported', undefined, `${t.kind} values (async)`);
}
