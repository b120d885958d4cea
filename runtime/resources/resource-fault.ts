/**
 * The cold path of every resource handle check: the hot paths test
 * `refs[i] === rt` (which a hole, another kind or another type all fail) and
 * call this to find out which rule broke and trap with a message naming it.
 */
import { HANDLE_BORROW, HANDLE_OWN, handleKindName, handleUnknownFault, type HandleTable } from './table.js';
import type { ResourceType } from './resource-type.js';
import { trapWith } from './trap-detail.js';

export function resourceFault(t: HandleTable, rt: ResourceType, i: number): never {
  handleUnknownFault(t, i);
  const tag = t.tags[i];
  if (tag !== HANDLE_OWN && tag !== HANDLE_BORROW) {
    return trapWith('trap/handle-type-mismatch', `handle ${i} is a ${handleKindName(tag)}, expected a handle of resource ${rt.name}`);
  }
  const other = t.refs[i] as ResourceType;
  const which = other.name === rt.name ? `another resource type named ${rt.name}` : `resource ${rt.name}`;
  return trapWith('trap/handle-type-mismatch', `handle ${i} is ${resourceHandleName(t, i, other)}, expected a handle of ${which}`);
}

/** `an own<counter>` / `a borrow<counter>` */
export function resourceHandleName(t: HandleTable, i: number, rt: ResourceType): string {
  return t.tags[i] === HANDLE_OWN ? `an own<${rt.name}>` : `a borrow<${rt.name}>`;
}

/** Traps because handle `i` is lent out (`num_lends > 0`) and so cannot be dropped or moved. */
export function resourceLentFault(t: HandleTable, rt: ResourceType, i: number): never {
  const n = t.lends[i];
  return trapWith('trap/handle-lent', `handle ${i} (${resourceHandleName(t, i, rt)}) has ${n} outstanding borrow${n === 1 ? '' : 's'}`);
}
