/**
 * Run-time resource types: one `ResourceType` object per `resource` step
 * (declared where the plan defines it, so each instantiation gets fresh
 * ones: generativity), and one per host-imported resource type (a
 * `hostResourceType`, whose reps stand for host objects).
 */
import type * as E from 'estree';
import { fail } from '../../errors/index.js';
import type { TypeItem } from '../../link/plan.js';
import { resolveResource, type ResourceMap } from '../../link/resources.js';
import type { ValType } from '../../types/model.js';
import { toLowerCamel } from '../../types/names.js';
import * as b from '../builders.js';
import { coreItem } from '../module/items.js';
import { instanceRef, type EmitState } from '../module/state.js';
import type { ResourceStep } from './state.js';

/** The handle types the resources emitter handles. */
export type HandleType = ValType & { kind: 'own' | 'borrow' };

/** A resource type at run time as the emitter knows it statically. */
export type RuntimeResource =
  | { kind: 'defined'; id: number; step: ResourceStep } // made by a resource step of instance `step.component`
  | { kind: 'host'; path: string[] }; // imported from the host

/** `const rt<n> = new ResourceType(inst<c>, dtor, 'name')`, then the slot where its class may go. */
export function declareResourceType(st: EmitState, step: ResourceStep): void {
  st.runtime.add('ResourceType');
  const name = resourceName(step);
  st.locals.once(`rt:${step.id}`, `${toLowerCamel(name)}Type`, () =>
    b.newExpr('ResourceType', instanceRef(step.component), step.dtor ? coreItem(st, step.dtor) : b.lit(null), b.lit(name)),
  );
  const slot: E.EmptyStatement = { type: 'EmptyStatement' };
  st.locals.push(slot);
  const exported = st.resources.exported.get(step.id);
  st.resources.classes.set(step.id, {
    name: exported?.name ?? safeClassName(name),
    ident: undefined,
    slot,
    built: false,
    members: exported?.members ?? [],
  });
}

/** The name of a component-defined type, for messages. */
export const resourceName = (step: ResourceStep): string => step.name ?? `resource${step.id}`;

function safeClassName(name: string): string {
  const upper = name.replace(/(^|-)([a-z0-9])/g, (_, _d, c: string) => c.toUpperCase()).replace(/\W/g, '_');
  return /^[A-Za-z_$]/.test(upper) ? upper : `R${upper}`;
}

/** The run-time type behind `t` (an own/borrow) for a step whose resources resolve through `map`. */
export function runtimeResource(st: EmitState, map: ResourceMap, t: HandleType): RuntimeResource {
  const item: TypeItem | undefined = resolveResource(map, t.resource);
  if (item?.kind === 'resource') return { kind: 'defined', id: item.id, step: st.resources.steps.get(item.id)! };
  if (item?.kind === 'host-resource') return { kind: 'host', path: item.path };
  return fail('compile/unsupported', undefined, `a handle of resource ${t.resource.name ?? '(unnamed)'} the linker could not resolve`);
}

/** The `ResourceType` object of a type item (the resource step's, or the host type's, made once). */
export function resourceTypeRef(st: EmitState, r: RuntimeResource): E.Identifier {
  if (r.kind === 'defined') {
    const ident = st.locals.lookup(`rt:${r.id}`);
    if (!ident) throw new Error(`canonjs internal error: resource type ${r.id} used before its definition`);
    return ident;
  }
  st.runtime.add('hostResourceType');
  const name = r.path[r.path.length - 1]!;
  return st.locals.once(`hrt:${JSON.stringify(r.path)}`, `${toLowerCamel(name)}Type`, () =>
    b.call('hostResourceType', b.lit(name)),
  );
}

/** `runtimeResource` for a type item (a builtin's `resource`). */
export function itemResource(st: EmitState, item: TypeItem | undefined, offset: number): RuntimeResource {
  if (item?.kind === 'resource') return { kind: 'defined', id: item.id, step: st.resources.steps.get(item.id)! };
  if (item?.kind === 'host-resource') return { kind: 'host', path: item.path };
  return fail('compile/unsupported', offset, 'a resource built-in whose type the linker could not resolve');
}
