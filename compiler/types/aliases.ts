/**
 * Alias definitions and declarators (Explainer "Alias Definitions",
 * Binary.md's alias notes): projecting an export of an instance or core
 * instance, or an outer definition, into the current index spaces.
 */
import type { Alias } from '../binary/ast.js';
import { fail } from '../errors/index.js';
import type { CoreSort } from '../binary/opcodes.js';
import { funcSigAt } from './core-match.js';
import { addItem } from './externs.js';
import { at, push, type Scope } from './scope.js';
import { freeResources } from './walk.js';
import type { Resource } from './model.js';

export function alias(scope: Scope, a: Alias, origin: object): void {
  const offset = a.offset;
  const t = a.target;
  if (scope.kind !== 'component') {
    const ok =
      (t.kind === 'export' && (a.sort === 'type' || a.sort === 'instance')) ||
      (t.kind === 'outer' && (a.sort === 'type' || a.sort === 'core type'));
    if (!ok) fail('validate/alias-in-type', offset);
  }
  switch (t.kind) {
    case 'export': {
      const inst = at(scope.instances, t.instance, 'instances', offset);
      const et = inst.exports.get(t.name);
      if (!et) fail('validate/no-such-export', offset, 'instance', t.instance, t.name);
      const want = a.sort === 'core module' ? 'module' : a.sort;
      if (et.kind !== want) fail('validate/export-sort-mismatch', offset, t.name, 'instance', t.instance, want, et.kind);
      // The alias names what the export names (a resource: the export's token).
      addItem(scope, et, origin, false, offset);
      return;
    }
    case 'core-export': {
      const inst = at(scope.coreInstances, t.instance, 'coreInstances', offset);
      const e = inst.exports.get(t.name);
      if (!e) fail('validate/no-such-export', offset, 'core instance', t.instance, t.name);
      const want = a.sort.startsWith('core ') ? (a.sort.slice(5) as CoreSort) : a.sort;
      if (e.kind !== want) fail('validate/export-sort-mismatch', offset, t.name, 'core instance', t.instance, want, e.kind);
      switch (e.kind) {
        case 'func':
        case 'tag': {
          const sig = funcSigAt(inst.types, e.type);
          if (!sig) fail('validate/core-module-type', offset, `export \`${t.name}\` has no function type`);
          push(scope, e.kind === 'func' ? 'coreFuncs' : 'coreTags', sig, origin);
          return;
        }
        case 'table': {
          const { kind: _k, ...table } = e;
          push(scope, 'coreTables', table, origin);
          return;
        }
        case 'memory': {
          const { kind: _k, ...memory } = e;
          push(scope, 'coreMemories', memory, origin);
          return;
        }
        case 'global': {
          const { kind: _k, ...global } = e;
          push(scope, 'coreGlobals', global, origin);
          return;
        }
      }
      return;
    }
    case 'outer':
      return outer(scope, a, t.count, t.index, origin);
  }
}

function outer(scope: Scope, a: Alias, count: number, index: number, origin: object): void {
  const offset = a.offset;
  let target = scope;
  // `inner` is the scope one level inside the target: crossing a component boundary means it is a component.
  let inner: Scope | undefined;
  for (let i = 0; i < count; i++) {
    if (!target.parent) fail('validate/outer-alias-count', offset, count, scope.depth);
    inner = target;
    target = target.parent;
  }
  switch (a.sort) {
    case 'type': {
      const t = at(target.types, index, 'types', offset);
      if (inner?.kind === 'component') {
        const free = new Set<Resource>();
        freeResources(t, free);
        if (free.size > 0) fail('validate/outer-alias-resource', offset);
      }
      push(scope, 'types', t, origin);
      scope.typeTokens[scope.types.length - 1] = target.typeTokens[index];
      return;
    }
    case 'core type':
      push(scope, 'coreTypes', at(target.coreTypes, index, 'coreTypes', offset), origin);
      scope.coreSubTypes.push(target.coreSubTypes[index] ?? null);
      return;
    case 'core module':
      push(scope, 'coreModules', at(target.coreModules, index, 'coreModules', offset), origin);
      return;
    case 'component':
      push(scope, 'components', at(target.components, index, 'components', offset), origin);
      scope.componentInfos[scope.components.length - 1] = target.componentInfos[index];
      return;
    default:
      fail('validate/outer-alias-sort', offset, a.sort);
  }
}
