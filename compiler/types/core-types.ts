/**
 * Core type definitions in a component (Explainer "Type Definitions",
 * Binary.md's core type notes): rec groups of core sub types, and module
 * types, each validated with its own initially-empty type space.
 */
import type { CoreDefType, CoreExternType, CoreMemoryType, CoreModuleDecl, CoreSubType, CoreTableType } from '../binary/ast.js';
import { fail } from '../errors/index.js';
import type { CoreModuleType } from './model.js';
import { push, type Scope } from './scope.js';

/** Checks the heap-type indices of a core sub type against a type space of `count` entries. */
export function checkSubType(t: CoreSubType, count: number, offset: number): void {
  const check = (i: number): void => {
    if (i >= count) fail('validate/index-out-of-bounds', offset, 'core type', i, count);
  };
  const val = (v: unknown): void => {
    if (typeof v === 'object' && v && typeof (v as { heap: unknown }).heap === 'number') check((v as { heap: number }).heap);
  };
  for (const s of t.supertypes) check(s);
  const c = t.composite;
  switch (c.kind) {
    case 'func':
      c.params.forEach(val);
      c.results.forEach(val);
      return;
    case 'struct':
      c.fields.forEach((f) => val(f.type));
      return;
    case 'array':
      val(c.field.type);
      return;
    case 'cont':
      check(c.type);
      return;
  }
}

const PAGES_32 = 65536n;

/** Core memory type limits (core wasm "Limits" validation). */
export function checkMemoryType(m: CoreMemoryType, offset: number): void {
  const log2 = m.pageSizeLog2 ?? 16;
  const maxPages = m.memory64 ? 1n << BigInt(64 - log2) : log2 === 16 ? PAGES_32 : 1n << BigInt(32 - log2);
  const min = BigInt(m.min);
  const max = m.max === undefined ? undefined : BigInt(m.max);
  if (min > maxPages || (max !== undefined && max > maxPages)) {
    fail('validate/core-limits', offset, `memory size must be at most ${maxPages} pages${log2 === 16 && !m.memory64 ? ' (4GiB)' : ''}`);
  }
  if (max !== undefined && min > max) fail('validate/core-limits', offset, 'size minimum must not be greater than maximum');
  if (m.shared && max === undefined) fail('validate/core-limits', offset, 'shared memory must have maximum size');
}

export function checkTableType(t: CoreTableType, offset: number): void {
  const limit = t.table64 ? 1n << 64n : 1n << 32n;
  const min = BigInt(t.min);
  const max = t.max === undefined ? undefined : BigInt(t.max);
  if (min >= limit || (max !== undefined && max >= limit)) fail('validate/core-limits', offset, 'table size is too large');
  if (max !== undefined && min > max) fail('validate/core-limits', offset, 'size minimum must not be greater than maximum');
}

/** Checks an extern type of a module type against the module type's type space. */
export function checkCoreExtern(e: CoreExternType, types: readonly (CoreSubType | null)[], offset: number): void {
  switch (e.kind) {
    case 'func':
    case 'tag': {
      if (e.type >= types.length) fail('validate/index-out-of-bounds', offset, 'core type', e.type, types.length);
      const t = types[e.type];
      if (!t || t.composite.kind !== 'func') fail('validate/core-module-type', offset, `type ${e.type} is not a function type`);
      if (e.kind === 'tag' && t.composite.kind === 'func' && t.composite.results.length > 0) {
        fail('validate/core-module-type', offset, 'a tag type must have no results');
      }
      return;
    }
    case 'memory':
      return checkMemoryType(e, offset);
    case 'table':
      return checkTableType(e, offset);
    case 'global':
      return;
  }
}

/** `(core type ...)` in a component, component type or instance type. */
export function defineCoreType(scope: Scope, t: CoreDefType, origin: object): void {
  if (t.kind === 'module') {
    push(scope, 'coreTypes', moduleType(scope, t.decls), origin);
    scope.coreSubTypes.push(null);
    return;
  }
  const end = scope.coreSubTypes.length + t.types.length;
  for (const sub of t.types) {
    checkSubType(sub, end, t.offset);
    push(scope, 'coreTypes', { kind: 'sub', sub, types: scope.coreSubTypes }, origin);
    scope.coreSubTypes.push(sub);
  }
}

/** A `core:moduletype`: declarators over a fresh type space. */
function moduleType(scope: Scope, decls: readonly CoreModuleDecl[]): CoreModuleType {
  const types: (CoreSubType | null)[] = [];
  const imports: CoreModuleType['imports'] = [];
  const exports = new Map<string, CoreExternType>();
  const seen = new Set<string>();
  for (const d of decls) {
    switch (d.kind) {
      case 'type': {
        // Module types cannot define module types (until module linking).
        if (d.type.kind === 'module') fail('validate/core-module-type', d.offset, 'module types cannot define module types (invalid leading byte)');
        const end = types.length + d.type.types.length;
        for (const sub of d.type.types) {
          checkSubType(sub, end, d.offset);
          types.push(sub);
        }
        break;
      }
      case 'alias': {
        // count 0 is the module type itself; 1 the scope it is defined in.
        let target: Scope | undefined = d.count === 0 ? undefined : scope;
        for (let i = 1; i < d.count && target; i++) target = target.parent;
        if (d.count === 0 || !target) fail('validate/outer-alias-count', d.offset, d.count, scope.depth + 1);
        if (d.index >= target.coreSubTypes.length) fail('validate/index-out-of-bounds', d.offset, 'core type', d.index, target.coreSubTypes.length);
        const sub = target.coreSubTypes[d.index];
        if (!sub) fail('validate/core-module-type', d.offset, 'an outer alias in a module type cannot refer to a module type');
        types.push(sub);
        break;
      }
      case 'import': {
        checkCoreExtern(d.desc, types, d.offset);
        const key = `${d.module}\u0000${d.name}`;
        if (seen.has(key)) fail('validate/core-duplicate-import', d.offset, d.module, d.name);
        seen.add(key);
        imports.push({ module: d.module, name: d.name, desc: d.desc });
        break;
      }
      case 'export':
        checkCoreExtern(d.desc, types, d.offset);
        if (exports.has(d.name)) fail('validate/core-duplicate-export', d.offset, d.name);
        exports.set(d.name, d.desc);
        break;
    }
  }
  return { kind: 'module', imports, exports, types: types as CoreSubType[] };
}
