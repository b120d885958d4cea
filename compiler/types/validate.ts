/**
 * Validation: walks a decoded component's definitions in order, building its
 * index spaces and checking every rule (Explainer.md, Binary.md,
 * CanonicalABI.md); returns the resolved types later phases read.
 */
import type { Canon, Component, CoreModule, Definition, NestedComponentDef } from '../binary/ast.js';
import { alias } from './aliases.js';
import { canonDef } from './canon.js';
import { coreInstanceDef } from './core-instances.js';
import { coreModuleDef } from './core-modules.js';
import { defineCoreType } from './core-types.js';
import { defineType } from './deftypes.js';
import { declare, exportDef } from './imports-exports.js';
import type { CanonInfo, ComponentInfo } from './info.js';
import { instanceDef } from './instances.js';
import type { ComponentType, Resource } from './model.js';
import { push, Scope, type ValidationOptions } from './scope.js';
import { checkValuesConsumed, startDef, valueDef } from './values.js';
import { externResources } from './walk.js';

export type { ComponentInfo, CanonInfo, CanonOptions, CoreFuncSig, CoreTypeEntry } from './info.js';
export type { ValidationOptions } from './scope.js';

/**
 * canonjs accepts the whole Component Model by default, gated name syntax
 * included (🪺 nested namespaces, 🔗 canonical version suffixes).
 */
export const ALL_NAME_FEATURES: ValidationOptions = { features: new Set(['nested-names', 'canonical-names']) };

/** Validates a component; throws a catalogued `CompileError` (`validate/...`) on the first broken rule. */
export function validateComponent(c: Component, options: ValidationOptions = ALL_NAME_FEATURES): ComponentInfo {
  return validateIn(new Scope('component', undefined, options), c);
}

function validateIn(scope: Scope, c: Component): ComponentInfo {
  const nested = new Map<NestedComponentDef, ComponentInfo>();
  const canons = new Map<Canon, CanonInfo>();
  const gaps = new Map<CoreModule, string[]>();
  for (const def of c.defs) definition(scope, def, { nested, canons, gaps });
  checkValuesConsumed(scope, c.end);
  return {
    component: c,
    type: componentTypeOf(scope),
    funcs: scope.funcs,
    types: scope.types,
    instances: scope.instances,
    components: scope.components,
    values: scope.values.map((v) => v.type),
    coreFuncs: scope.coreFuncs,
    coreTables: scope.coreTables,
    coreMemories: scope.coreMemories,
    coreGlobals: scope.coreGlobals,
    coreTags: scope.coreTags,
    coreTypes: scope.coreTypes,
    coreModules: scope.coreModules,
    coreInstances: scope.coreInstances,
    origins: scope.origins as ComponentInfo['origins'],
    nested,
    componentInfos: scope.componentInfos,
    canons,
    definedResources: scope.definedResources,
    unvalidatedModules: gaps,
  };
}

interface Collect {
  nested: Map<NestedComponentDef, ComponentInfo>;
  canons: Map<Canon, CanonInfo>;
  gaps: Map<CoreModule, string[]>;
}

function definition(scope: Scope, def: Definition, out: Collect): void {
  switch (def.kind) {
    case 'core-module':
      return coreModuleDef(scope, def, out.gaps);
    case 'core-instance':
      return coreInstanceDef(scope, def);
    case 'core-type':
      return defineCoreType(scope, def.type, def);
    case 'component': {
      const info = validateIn(new Scope('component', scope), def.component);
      out.nested.set(def, info);
      push(scope, 'components', info.type, def);
      scope.componentInfos[scope.components.length - 1] = info;
      return;
    }
    case 'instance':
      return instanceDef(scope, def);
    case 'alias':
      return alias(scope, def.alias, def);
    case 'type':
      return defineType(scope, def.type, def);
    case 'canon':
      return canonDef(scope, def, out.canons);
    case 'start':
      return startDef(scope, def);
    case 'import':
      return declare(scope, def);
    case 'export':
      return exportDef(scope, def);
    case 'value':
      return valueDef(scope, def);
  }
}

/**
 * The type of a component: its imports and exports. The resources its
 * exports use that it does not import are made anew by each instantiation.
 */
function componentTypeOf(scope: Scope): ComponentType {
  const imported = new Set(scope.importedResources);
  const used = new Set<Resource>();
  for (const et of scope.exports.values()) externResources(et, used);
  return {
    kind: 'component',
    imports: scope.imports,
    exports: scope.exports,
    importedResources: scope.importedResources,
    exportedResources: [...used].filter((r) => !imported.has(r)),
  };
}
