/**
 * Type definitions and the declarators of component and instance types
 * (Explainer "Type Definitions", "Declarators"; Binary.md's type notes).
 * Component and instance types are validated in scopes of their own, with
 * initially-empty index spaces that outer aliases reach out of.
 */
import type { ComponentType as AstComponentType, Decl, DefType, InstanceType as AstInstanceType, ResourceType } from '../binary/ast.js';
import { fail } from '../errors/index.js';
import { alias } from './aliases.js';
import { showSig } from './core-match.js';
import { defineCoreType } from './core-types.js';
import { declare } from './imports-exports.js';
import type { ComponentType, InstanceType, Resource, TypeDefinition } from './model.js';
import { at, push, Scope } from './scope.js';
import { newResource } from './subst.js';
import { defValType, funcType } from './valtypes.js';

/** A `(type ...)` definition or declarator: resolved and added to the type index space. */
export function defineType(scope: Scope, t: DefType, origin: object): void {
  const def = resolveDefType(scope, t);
  push(scope, 'types', def, origin);
  // A resource definition is its own external name until imported or exported.
  scope.typeTokens[scope.types.length - 1] = def.kind === 'resource' ? {} : undefined;
}

function resolveDefType(scope: Scope, t: DefType): TypeDefinition {
  switch (t.kind) {
    case 'func':
      return funcType(scope, t);
    case 'component-type':
      return componentType(scope, t);
    case 'instance-type':
      return instanceType(scope, t);
    case 'resource':
      return resourceType(scope, t);
    default:
      return defValType(scope, t);
  }
}

function resourceType(scope: Scope, t: ResourceType): Resource {
  if (scope.kind !== 'component') fail('validate/resource-in-type', t.offset);
  if (t.rep !== 'i32' && t.rep !== 'i64') fail('validate/bad-resource-rep', t.offset, typeof t.rep === 'string' ? t.rep : 'a reference type');
  if (t.dtor !== null) {
    const sig = at(scope.coreFuncs, t.dtor, 'coreFuncs', t.offset);
    const ok = sig.params.length === 1 && sig.params[0] === t.rep && sig.results.length === 0;
    if (!ok) fail('validate/bad-destructor', t.offset, t.rep, showSig(sig));
  }
  const r = newResource({ origin: 'defined', rep: t.rep, dtor: t.dtor });
  scope.definedResources.push(r);
  scope.definedSet.add(r);
  return r;
}

function declarator(scope: Scope, d: Decl): void {
  switch (d.kind) {
    case 'core-type':
      return defineCoreType(scope, d.type, d);
    case 'type':
      return defineType(scope, d.type, d);
    case 'alias':
      return alias(scope, d.alias, d);
    case 'import':
    case 'export':
      return declare(scope, d);
  }
}

export function componentType(parent: Scope, t: AstComponentType): ComponentType {
  const scope = new Scope('component-type', parent);
  for (const d of t.decls) declarator(scope, d);
  return {
    kind: 'component',
    imports: scope.imports,
    exports: scope.exports,
    importedResources: scope.importedResources,
    exportedResources: scope.exportedResources,
  };
}

export function instanceType(parent: Scope, t: AstInstanceType): InstanceType {
  const scope = new Scope('instance-type', parent);
  // (The decoder reads no import declarators in an instance type.)
  for (const d of t.decls) declarator(scope, d);
  return { kind: 'instance', exports: scope.exports, exportedResources: scope.exportedResources };
}
