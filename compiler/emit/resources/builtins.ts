/**
 * `canon resource.new / resource.drop / resource.rep`: core functions that
 * call the runtime with the calling instance and the run-time type
 * (runtime/resources/builtins.ts checks may_leave, the handle's type, lends,
 * and runs destructors through the defining instance).
 */
import type { Step } from '../../link/plan.js';
import * as b from '../builders.js';
import { canonName } from '../module/items.js';
import { instanceRef, type EmitState } from '../module/state.js';
import { itemResource, resourceTypeRef } from './types.js';

type BuiltinStep = Extract<Step, { kind: 'builtin' }>;

const RUNTIME: Record<string, string> = {
  'resource.new': 'resourceNew',
  'resource.drop': 'resourceDrop',
  'resource.rep': 'resourceRep',
};

/** Is this a built-in the resources emitter makes? */
export const isResourceBuiltin = (step: BuiltinStep): boolean => RUNTIME[step.canon.name] !== undefined;

/** `function f<id>(p0) { return resourceNew(inst<c>, rt, p0); }` (drop returns nothing). */
export function emitResourceBuiltin(st: EmitState, step: BuiltinStep): void {
  const fn = RUNTIME[step.canon.name]!;
  st.runtime.add(fn);
  const rt = resourceTypeRef(st, itemResource(st, step.resource, step.canon.offset));
  const call = b.call(fn, instanceRef(step.component), rt, b.id('p0'));
  const name = canonName(step.id);
  const body = step.canon.name === 'resource.drop' ? [b.expr(call)] : [b.ret(call)];
  st.locals.push(b.fnDecl(name, ['p0'], body));
  st.locals.bind(`canon:${step.id}`, b.id(name));
}
