/**
 * `externtype` of imports and exports (Binary.md's import/export notes,
 * Explainer "Type Checking"): resolving the type, introducing what an import
 * or export introduces (fresh abstract resources for `(sub resource)` and for
 * the abstract exports of an instance type; a new named type for a type
 * import/export), and adding the item to its index space.
 */
import type { ExternType as AstExternType } from '../binary/ast.js';
import type { Sort } from '../binary/opcodes.js';
import { fail } from '../errors/index.js';
import { componentTypeAt, funcTypeAt, instanceTypeAt, isResource, isValType, moduleTypeAt } from './kinds.js';
import type { ExternType, ValType } from './model.js';
import { at, push, type Scope } from './scope.js';
import { freshenInstance, newResource } from './subst.js';
import { namedCopy, setTokenOf, tokenOf } from './tokens.js';
import { valTypeRef } from './valtypes.js';

export type Direction = 'import' | 'export';

/**
 * Resolves the `externtype` of an import or export declarator (or import
 * definition) named `name`. Abstract resources it introduces are added to
 * the scope's imported/exported resources.
 */
export function declaredExtern(scope: Scope, et: AstExternType, dir: Direction, name: string, offset: number): ExternType {
  const bound = dir === 'import' ? scope.importedResources : scope.exportedResources;
  switch (et.kind) {
    case 'module':
      return { kind: 'module', type: moduleTypeAt(scope, et.type, offset) };
    case 'func':
      return { kind: 'func', type: funcTypeAt(scope, et.type, offset) };
    case 'component':
      return { kind: 'component', type: componentTypeAt(scope, et.type, offset) };
    case 'instance': {
      const { type, fresh } = freshenInstance(instanceTypeAt(scope, et.type, offset));
      bound.push(...fresh);
      return { kind: 'instance', type };
    }
    case 'value':
      if (et.bound.kind === 'eq') return { kind: 'value', type: at(scope.values, et.bound.value, 'values', offset).type };
      return { kind: 'value', type: valTypeRef(scope, et.bound.type, offset) };
    case 'type': {
      if (et.bound.kind === 'sub-resource') {
        const r = newResource({ name, origin: 'abstract' });
        bound.push(r);
        return { kind: 'type', type: r };
      }
      const t = at(scope.types, et.bound.type, 'types', offset);
      if (isValType(t)) return { kind: 'type', type: namedCopy(t, name) };
      return { kind: 'type', type: t };
    }
  }
}

/** Adds an imported or exported item to the index space of its sort. */
export function addItem(scope: Scope, et: ExternType, origin: object, consumed: boolean, offset: number): void {
  switch (et.kind) {
    case 'module':
      push(scope, 'coreModules', et.type, origin);
      return;
    case 'func':
      push(scope, 'funcs', et.type, origin);
      return;
    case 'component':
      push(scope, 'components', et.type, origin);
      return;
    case 'instance':
      push(scope, 'instances', et.type, origin);
      return;
    case 'value':
      push(scope, 'values', { type: et.type, consumed, offset }, origin);
      return;
    case 'type':
      push(scope, 'types', et.type, origin);
      // A resource type index introduced by an import or export is named by it.
      scope.typeTokens[scope.types.length - 1] = isResource(et.type) ? tokenOf(et) : undefined;
      return;
  }
}

/** The `ExternType` of type index `index` as an argument or export: it carries the index's token. */
export function typeExternAt(scope: Scope, index: number, offset: number): ExternType {
  const t = at(scope.types, index, 'types', offset);
  const et: ExternType = { kind: 'type', type: t };
  if (isResource(t)) setTokenOf(et, scope.typeTokens[index]);
  return et;
}

/** Uses value `index` (🪙): each value is consumed exactly once. */
export function consumeValue(scope: Scope, index: number, offset: number): ValType {
  const v = at(scope.values, index, 'values', offset);
  if (v.consumed) fail('validate/value-consumed-twice', offset, index);
  v.consumed = true;
  return v.type;
}

/**
 * The `ExternType` of the item `sort index` (an instantiation argument, a
 * bag-of-exports item or an export); core sorts other than module fail.
 */
export function sortItem(scope: Scope, sort: Sort, index: number, offset: number): ExternType {
  switch (sort) {
    case 'func':
      return { kind: 'func', type: at(scope.funcs, index, 'funcs', offset) };
    case 'value':
      return { kind: 'value', type: consumeValue(scope, index, offset) };
    case 'type':
      return typeExternAt(scope, index, offset);
    case 'component':
      return { kind: 'component', type: at(scope.components, index, 'components', offset) };
    case 'instance':
      return { kind: 'instance', type: at(scope.instances, index, 'instances', offset) };
    case 'core module':
      return { kind: 'module', type: at(scope.coreModules, index, 'coreModules', offset) };
    default:
      return fail('validate/export-core-sort', offset, sort);
  }
}
