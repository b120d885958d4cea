/** 🪙 The const each value of the link plan lives in, inside `instantiate`. */
import type * as E from 'estree';
import type { ValueItem } from '../../link/plan.js';
import * as b from '../builders.js';
import type { EmitState } from '../module/state.js';

const valueKey = (v: ValueItem) => `value:${v.id}`;

/** The const holding a value (declared by the step that made it, which comes first in the plan). */
export function valueRef(st: EmitState, v: ValueItem): E.Identifier {
  const ref = st.locals.lookup(valueKey(v));
  if (!ref) throw new Error(`canonjs internal error: value ${v.id} is used before its step`);
  return ref;
}

/** Declares `const <hint> = init` for a new value. */
export function declareValue(st: EmitState, v: ValueItem, hint: string, init: E.Expression): void {
  const name = st.locals.fresh(hint);
  st.locals.push(b.constDecl(name, init));
  st.locals.bind(valueKey(v), b.id(name));
}

