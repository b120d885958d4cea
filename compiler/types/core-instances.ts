/**
 * Core instance definitions (Explainer "Instance Definitions"): instantiating
 * a core module, each two-level import `m::n` supplied by export `n` of the
 * core instance passed as `m`; or tupling core definitions into an instance.
 */
import type { CoreExternType, CoreInstanceDef, CoreSubType, CoreValType } from '../binary/ast.js';
import { fail } from '../errors/index.js';
import { matchCoreExtern } from './core-match.js';
import type { CoreFuncSig } from './info.js';
import type { CoreInstanceType } from './model.js';
import { at, push, type Scope } from './scope.js';

export function coreInstanceDef(scope: Scope, def: CoreInstanceDef): void {
  push(scope, 'coreInstances', def.expr.kind === 'instantiate' ? instantiate(scope, def.expr, def.offset) : bag(scope, def.expr), def);
}

function instantiate(scope: Scope, e: Extract<CoreInstanceDef['expr'], { kind: 'instantiate' }>, offset: number): CoreInstanceType {
  const module = at(scope.coreModules, e.module, 'coreModules', offset);
  const args = new Map<string, CoreInstanceType>();
  for (const a of e.args) {
    if (args.has(a.name)) fail('validate/core-duplicate-arg', a.offset, a.name);
    args.set(a.name, at(scope.coreInstances, a.instance, 'coreInstances', a.offset));
  }
  for (const imp of module.imports) {
    const inst = args.get(imp.module);
    if (!inst) fail('validate/core-missing-arg', offset, imp.module);
    const item = inst.exports.get(imp.name);
    if (!item) fail('validate/core-arg-missing-export', offset, imp.module, imp.name);
    const why = matchCoreExtern(item, inst.types, imp.desc, module.types);
    if (why) fail('validate/core-type-mismatch', offset, `in import \`${imp.module}::${imp.name}\``, why);
  }
  return { kind: 'core-instance', exports: module.exports, types: module.types };
}

/** A core sub type for a function signature (for the type space of a tupled instance). */
function subTypeOf(sig: CoreFuncSig): CoreSubType {
  return { final: true, supertypes: [], composite: { kind: 'func', params: sig.params, results: sig.results }, shared: sig.shared ?? false };
}

function bag(scope: Scope, e: Extract<CoreInstanceDef['expr'], { kind: 'exports' }>): CoreInstanceType {
  const exports = new Map<string, CoreExternType>();
  const types: CoreSubType[] = [];
  // a type index into the sig's own space (thread.spawn-ref's `(ref null ft)`) is re-homed in this bag's space
  const local = (sig: CoreFuncSig) => (v: CoreValType): CoreValType =>
    typeof v === 'object' && typeof v.heap === 'number' && sig.types?.[v.heap] ? { ...v, heap: types.push(sig.types[v.heap]!) - 1 } : v;
  const sigType = (sig: CoreFuncSig): number =>
    types.push(subTypeOf({ ...sig, params: sig.params.map(local(sig)), results: sig.results.map(local(sig)) })) - 1;
  for (const x of e.exports) {
    if (exports.has(x.name)) fail('validate/core-duplicate-export', x.offset, x.name);
    let item: CoreExternType;
    switch (x.sort) {
      case 'func':
        item = { kind: 'func', type: sigType(at(scope.coreFuncs, x.index, 'coreFuncs', x.offset)) };
        break;
      case 'tag':
        item = { kind: 'tag', type: sigType(at(scope.coreTags, x.index, 'coreTags', x.offset)) };
        break;
      case 'table':
        item = { kind: 'table', ...at(scope.coreTables, x.index, 'coreTables', x.offset) };
        break;
      case 'memory':
        item = { kind: 'memory', ...at(scope.coreMemories, x.index, 'coreMemories', x.offset) };
        break;
      case 'global':
        item = { kind: 'global', ...at(scope.coreGlobals, x.index, 'coreGlobals', x.offset) };
        break;
      default:
        fail('validate/export-core-sort', x.offset, `core ${x.sort}`);
    }
    exports.set(x.name, item);
  }
  return { kind: 'core-instance', exports, types };
}
