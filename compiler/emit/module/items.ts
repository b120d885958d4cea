/** Expressions for the run-time items of a link plan: core exports, canon functions, memories, host imports. */
import type * as E from 'estree';
import type { CoreItem } from '../../link/plan.js';
import type { FuncType } from '../../types/model.js';
import * as b from '../builders.js';
import { jsName, toLowerCamel } from '../../types/names.js';
import { hostClassKeys } from '../resources/classes.js';
import { parseAnnotated } from '../resources/state.js';
import type { EmitState } from './state.js';
import { byteSizeGlobalName, memoryOfItem } from '../../transform/memory-plan.js';

export const coreInstanceName = (instance: number) => `i${instance}`;
export const canonName = (id: number) => `f${id}`;

/** A key naming a core item (for `Locals.once`). */
export const coreItemKey = (item: CoreItem): string => (item.kind === 'canon' ? `canon:${item.id}` : `${item.instance}:${item.name}`);

/** A core item: an export of a core instance (bound once to a const), or a canon-made function. */
export function coreItem(st: EmitState, item: CoreItem): E.Expression {
  if (item.kind === 'canon') return b.id(canonName(item.id));
  return st.locals.once(`core:${item.instance}:${item.name}`, 'x', () =>
    b.member(b.member(b.id(coreInstanceName(item.instance)), 'exports'), item.name),
  );
}

/**
 * The `MemView` of a memory item, created once; for a 64-bit memory it knows
 * realloc takes bigints, for a custom-page-size one the byte-size global its
 * lowering exports (compiler/transform/page-size.ts; undefined when native).
 */
export function memoryView(st: EmitState, item: CoreItem): E.Expression {
  const key = coreItemKey(item);
  // asked for by every function that uses the memory: only the first finds its type
  const made = st.locals.lookup(`mem:${key}`);
  if (made) return made;
  const mem = memoryOfItem(st.plan, item)?.type;
  const view = mem?.memory64 ? 'memView64' : 'memView';
  st.runtime.add(view);
  const bytes = () => (mem?.pageSizeLog2 !== undefined && item.kind === 'export' ? [coreItem(st, { ...item, name: byteSizeGlobalName(item.name) })] : []);
  return st.locals.once(`mem:${key}`, 'mem', () => b.call(view, coreItem(st, item), ...bytes()));
}

/**
 * A host import reached by `path` (import name, then member names), looked
 * up once at instantiation. `[constructor]r`, `[method]r.f` and `[static]r.f`
 * come from the host's class for `r` (BRIEF §3: an imported resource type
 * is a host class), given `type` for their arity.
 */
export function hostFunction(st: EmitState, path: string[], type?: FuncType): E.Expression {
  const annotated = parseAnnotated(path[path.length - 1]!);
  if (annotated && type) return hostClassMember(st, path, annotated, type);
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

/** `new R(a0)`, `a0.f(a1)` or `R.f(a0)` for an annotated host import, with the class looked up once. */
function hostClassMember(
  st: EmitState,
  path: string[],
  a: NonNullable<ReturnType<typeof parseAnnotated>>,
  type: FuncType,
): E.Expression {
  const classPath = [...path.slice(0, -1), a.resource];
  const keys = hostClassKeys(classPath);
  st.runtime.add('hostFunc');
  const cls = st.locals.once(`hostclass-required:${JSON.stringify(classPath)}`, keys[keys.length - 1]!, () =>
    b.call('hostFunc', b.id('imports'), b.array(keys.map((k) => b.lit(k))), b.lit(classPath.join('#'))),
  );
  const params = type.params.map((_, i) => `a${i}`);
  const args = params.map((p) => b.id(p));
  let call: E.Expression;
  if (a.kind === 'constructor') call = b.newExpr(cls, ...args);
  else if (a.kind === 'method') call = b.call(b.member(args[0]!, toLowerCamel(a.label!)), ...args.slice(1));
  else call = b.call(b.member(cls, toLowerCamel(a.label!)), ...args);
  return st.locals.once(`host:${JSON.stringify(path)}`, 'host', () => b.fn(null, params, [b.ret(call)]));
}
