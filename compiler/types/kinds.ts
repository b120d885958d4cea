/**
 * Telling apart what the type index space holds, and looking entries up
 * with the error the rules name.
 */
import { fail } from '../errors/index.js';
import type { CoreModuleType, ComponentType, FuncType, InstanceType, Resource, TypeDefinition, ValType } from './model.js';
import { at, type Scope } from './scope.js';

const NOT_VALTYPE = new Set(['func', 'component', 'instance', 'resource']);

export function isValType(t: TypeDefinition): t is ValType {
  return !NOT_VALTYPE.has(t.kind);
}
export function isResource(t: TypeDefinition): t is Resource {
  return t.kind === 'resource';
}

/** How messages name what a type index holds. */
export function describeType(t: TypeDefinition): string {
  switch (t.kind) {
    case 'func':
      return 'a function type';
    case 'component':
      return 'a component type';
    case 'instance':
      return 'an instance type';
    case 'resource':
      return 'a resource type';
    default:
      return `a defined type (${t.kind})`;
  }
}

export function valTypeAt(scope: Scope, index: number, offset: number): ValType {
  const t = at(scope.types, index, 'types', offset);
  if (!isValType(t)) fail('validate/wrong-type-kind', offset, 'type', index, 'a defined type', describeType(t));
  return t;
}

export function funcTypeAt(scope: Scope, index: number, offset: number): FuncType {
  const t = at(scope.types, index, 'types', offset);
  if (t.kind !== 'func') fail('validate/wrong-type-kind', offset, 'type', index, 'a function type', describeType(t));
  return t;
}

export function instanceTypeAt(scope: Scope, index: number, offset: number): InstanceType {
  const t = at(scope.types, index, 'types', offset);
  if (t.kind !== 'instance') fail('validate/wrong-type-kind', offset, 'type', index, 'an instance type', describeType(t));
  return t;
}

export function componentTypeAt(scope: Scope, index: number, offset: number): ComponentType {
  const t = at(scope.types, index, 'types', offset);
  if (t.kind !== 'component') fail('validate/wrong-type-kind', offset, 'type', index, 'a component type', describeType(t));
  return t;
}

export function resourceAt(scope: Scope, index: number, offset: number): Resource {
  const t = at(scope.types, index, 'types', offset);
  if (!isResource(t)) fail('validate/wrong-type-kind', offset, 'type', index, 'a resource type', describeType(t));
  return t;
}

export function moduleTypeAt(scope: Scope, index: number, offset: number): CoreModuleType {
  const t = at(scope.coreTypes, index, 'coreTypes', offset);
  if (t.kind !== 'module') fail('validate/wrong-type-kind', offset, 'core type', index, 'a module type', 'a core sub type');
  return t;
}
