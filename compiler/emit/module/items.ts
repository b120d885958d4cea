/** Expressions for the run-time items of a link plan: core exports, canon functions, memories, host imports. */
import type * as E from 'estree';
import type { CoreItem } from '../../link/plan.js';
import * as b from '../builders.js';
import { jsName } from '../../types/names.js';
import type { EmitState } from './state.js';

export const coreInstanceName = (instance: number) => `i${instance}`;
export const canonName = (id: number) => `f${id}`;

/** A core item: an export of a core instance (bound once to a const), or a canon-made function. */
export function coreItem(st: EmitState, item: CoreItem): E.Expression {
  if (item.kind === 'canon') return b.id(canonName(item.id));
  return st.locals.once(`core:${item.instance}:${item.name}`, 'x', () =>
    b.member(b.member(b.id(coreInstanceName(item.instance)), 'exports'), item.name),
  );
}

/** The `MemView` of a memory item, created once. */
export function memoryView(st: EmitState, item: CoreItem): E.Expression {
  const key = item.kind === 'canon' ? `canon:${item.id}` : `${item.instance}:${item.name}`;
  st.runtime.add('memView');
  return st.locals.once(`mem:${key}`, 'mem', () => b.call('memView', coreItem(st, item)));
}

/** A host import reached by `path` (import name, then member names), looked up once at instantiation. */
export function hostFunction(st: EmitState, path: string[]): E.Expression {
  st.runtime.add('hostFunc');
  const keys = path.map(jsName);
  return st.locals.once(`host:${JSON.stringify(path)}`, 'host', () =>
    b.call('hostFunc', b.id('imports'), b.array(keys.map((k) => b.lit(k))), b.lit(path.join('#'))),
  );
}

/** A host instance import (an object), looked up once. */
export function hostObject(st: EmitState, path: string[]): E.Expression {
  st.runtime.add('hostValue');
  const keys = path.map(jsName);
  return st.locals.once(`hostobj:${JSON.stringify(path)}`, 'hostInstance', () =>
    b.call('hostValue', b.id('imports'), b.array(keys.map((k) => b.lit(k))), b.lit(path.join('#'))),
  );
}
