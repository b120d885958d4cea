/**
 * Which run-time resource type each validator `Resource` stands for, per
 * component instance. The validator's types are per definition: two
 * instances of one nested component share its `Resource` objects, while at
 * run time each instance defines fresh types (generativity) and sees its
 * imports bound to whatever its instantiation was given. So every component
 * instance being linked keeps its own map, filled as type and instance
 * index entries appear (definitions, imports, aliases, instantiations), and
 * the lift/lower steps carry it for the emitter to resolve own/borrow types.
 */
import type { ExternType, InstanceType, Resource, TypeDefinition } from '../types/model.js';
import type { InstanceItem, Item, TypeItem } from './plan.js';

export type ResourceMap = Map<Resource, TypeItem>;

const isResource = (t: TypeDefinition | undefined): t is Resource => t !== undefined && t.kind === 'resource';

/** Records that type `def` (a type index entry) is `item` at run time. */
export function bindType(map: ResourceMap, def: TypeDefinition | undefined, item: TypeItem): void {
  if (isResource(def) && item.kind !== 'other' && !map.has(def)) map.set(def, item);
}

/** Records the resource types an instance index entry of type `type` exports, as `item` provides them. */
export function bindInstance(map: ResourceMap, type: InstanceType | undefined, item: InstanceItem): void {
  if (!type) return;
  for (const [name, et] of type.exports) bindExtern(map, et, exportOf(item, name));
}

function bindExtern(map: ResourceMap, et: ExternType, item: Item | undefined): void {
  if (!item) return;
  if (et.kind === 'type' && item.sort === 'type') bindType(map, et.type, item.type);
  else if (et.kind === 'instance' && item.sort === 'instance') bindInstance(map, et.type, item.instance);
}

/** Export `name` of a run-time instance: a member of a bag, or a path into a host instance. */
function exportOf(item: InstanceItem, name: string): Item | undefined {
  if (item.kind === 'bag') return item.exports.get(name);
  const path = [...item.path, name];
  const et = item.type.exports.get(name);
  if (et?.kind === 'type') return { sort: 'type', type: { kind: 'host-resource', path } };
  if (et?.kind === 'instance') return { sort: 'instance', instance: { kind: 'host', path, type: et.type } };
  return undefined;
}

/**
 * The run-time type of `r` for a step of the instance that owns `map`. An
 * abstract resource that an export ascribed falls back to its implementation.
 */
export function resolveResource(map: ResourceMap, r: Resource): TypeItem | undefined {
  for (let x: Resource | undefined = r; x !== undefined; x = x.implementedBy) {
    const hit = map.get(x);
    if (hit) return hit;
  }
  return undefined;
}
