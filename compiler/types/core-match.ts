/**
 * Core type matching (core wasm "import matching", used by core
 * instantiation and by core module subtyping): func types equal, limits
 * within, globals of the same type and mutability, sorts equal.
 */
import type { CoreExternType, CoreSubType, CoreValType, Limits } from '../binary/ast.js';
import type { CoreFuncSig } from './info.js';
import type { CoreModuleType } from './model.js';

/** A type space that heap-type indices resolve in. */
export type CoreTypes = readonly (CoreSubType | null)[];

/** The func type at `index` of `types`, or null. */
export function funcSigAt(types: CoreTypes, index: number): CoreFuncSig | null {
  const t = types[index];
  if (!t || t.composite.kind !== 'func') return null;
  return { params: t.composite.params, results: t.composite.results, shared: t.shared, types };
}

export function showVal(t: CoreValType): string {
  if (typeof t === 'string') return t;
  const heap = typeof t.heap === 'number' ? `${t.heap}` : t.heap;
  if (t.nullable && typeof t.heap === 'string' && ['func', 'extern', 'any', 'eq', 'i31', 'struct', 'array', 'exn'].includes(t.heap)) {
    return `${t.heap}ref`;
  }
  return `(ref ${t.nullable ? 'null ' : ''}${heap})`;
}

export function showSig(s: CoreFuncSig): string {
  return `[${s.params.map(showVal).join(' ')}] -> [${s.results.map(showVal).join(' ')}]`;
}

/** Structural equality of core value types (type indices compared by the types they name). */
export function valEq(a: CoreValType, at: CoreTypes, b: CoreValType, bt: CoreTypes, depth = 0): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a.nullable !== b.nullable || a.shared !== b.shared) return false;
  if (typeof a.heap === 'string' || typeof b.heap === 'string') return a.heap === b.heap;
  if (at === bt && a.heap === b.heap) return true;
  const x = at[a.heap];
  const y = bt[b.heap];
  if (!x || !y) return false;
  // Recursive types: assume equal past a small depth (rec groups are compared shallowly).
  return depth > 8 || subTypeEq(x, at, y, bt, depth + 1);
}

function subTypeEq(x: CoreSubType, xt: CoreTypes, y: CoreSubType, yt: CoreTypes, depth: number): boolean {
  if (x.final !== y.final || x.shared !== y.shared) return false;
  const a = x.composite;
  const b = y.composite;
  if (a.kind !== b.kind) return false;
  const vals = (p: readonly CoreValType[], q: readonly CoreValType[]): boolean =>
    p.length === q.length && p.every((v, i) => valEq(v, xt, q[i]!, yt, depth));
  switch (a.kind) {
    case 'func':
      return b.kind === 'func' && vals(a.params, b.params) && vals(a.results, b.results);
    case 'struct':
      return (
        b.kind === 'struct' &&
        a.fields.length === b.fields.length &&
        a.fields.every((f, i) => fieldEq(f, xt, b.fields[i]!, yt, depth))
      );
    case 'array':
      return b.kind === 'array' && fieldEq(a.field, xt, b.field, yt, depth);
    case 'cont':
      return b.kind === 'cont' && valEq({ kind: 'ref', nullable: false, shared: false, heap: a.type }, xt, { kind: 'ref', nullable: false, shared: false, heap: b.type }, yt, depth);
  }
}

function fieldEq(
  a: { type: CoreValType | 'i8' | 'i16'; mutable: boolean },
  at: CoreTypes,
  b: { type: CoreValType | 'i8' | 'i16'; mutable: boolean },
  bt: CoreTypes,
  depth: number,
): boolean {
  if (a.mutable !== b.mutable) return false;
  if (a.type === 'i8' || a.type === 'i16' || b.type === 'i8' || b.type === 'i16') return a.type === b.type;
  return valEq(a.type, at, b.type, bt, depth);
}

export function sigEq(a: CoreFuncSig, b: CoreFuncSig): boolean {
  const at = a.types ?? [];
  const bt = b.types ?? [];
  return (
    a.params.length === b.params.length &&
    a.results.length === b.results.length &&
    a.params.every((p, i) => valEq(p, at, b.params[i]!, bt)) &&
    a.results.every((r, i) => valEq(r, at, b.results[i]!, bt))
  );
}

const big = (n: number | bigint): bigint => BigInt(n);

/** `actual` limits lie within `expected` ones. */
function limitsMatch(a: Limits, e: Limits): boolean {
  if (big(a.min) < big(e.min)) return false;
  if (e.max === undefined) return true;
  return a.max !== undefined && big(a.max) <= big(e.max);
}

/**
 * Whether an item of type `actual` (in `at`) may be supplied where `expected`
 * (in `et`) is imported; a reason when not.
 */
export function matchCoreExtern(actual: CoreExternType, at: CoreTypes, expected: CoreExternType, et: CoreTypes): string | null {
  if (actual.kind !== expected.kind) return `expected ${expected.kind}, found ${actual.kind}`;
  switch (expected.kind) {
    case 'func':
    case 'tag': {
      const a = funcSigAt(at, (actual as { type: number }).type);
      const e = funcSigAt(et, expected.type);
      if (!a || !e) return `${expected.kind} type index does not name a function type`;
      return sigEq(a, e) ? null : `expected: (func ${showSig(e)}), found (func ${showSig(a)})`;
    }
    case 'table': {
      const a = actual as typeof expected;
      if (!valEq(a.element, at, expected.element, et)) {
        return `expected table element type ${showVal(expected.element)}, found ${showVal(a.element)}`;
      }
      if (a.table64 !== expected.table64 || a.shared !== expected.shared || !limitsMatch(a, expected)) {
        return 'mismatch in table limits';
      }
      return null;
    }
    case 'memory': {
      const a = actual as typeof expected;
      if (a.shared !== expected.shared) return 'mismatch in the shared flag for memories';
      if (a.memory64 !== expected.memory64) return 'mismatch in index type used for memories';
      if ((a.pageSizeLog2 ?? 16) !== (expected.pageSizeLog2 ?? 16)) return 'mismatch in page size for memories';
      return limitsMatch(a, expected) ? null : 'mismatch in memory limits';
    }
    case 'global': {
      const a = actual as typeof expected;
      if (a.mutable !== expected.mutable || a.shared !== expected.shared) return 'global types differ in mutability';
      return valEq(a.type, at, expected.type, et) ? null : `expected global type ${showVal(expected.type)}, found ${showVal(a.type)}`;
    }
  }
}

/**
 * Core module subtyping: the actual module may import less (each of its
 * imports supplied by one the expected type declares, contravariantly) and
 * export more (each expected export present, covariantly).
 */
export function moduleSubtype(a: CoreModuleType, e: CoreModuleType): string | null {
  for (const imp of a.imports) {
    const other = e.imports.find((i) => i.module === imp.module && i.name === imp.name);
    if (!other) return `missing expected import \`${imp.module}::${imp.name}\``;
    const why = matchCoreExtern(other.desc, e.types, imp.desc, a.types);
    if (why) return `type mismatch in import \`${imp.module}::${imp.name}\`: ${why}`;
  }
  for (const [name, exp] of e.exports) {
    const got = a.exports.get(name);
    if (!got) return `missing expected export \`${name}\``;
    const why = matchCoreExtern(got, a.types, exp, e.types);
    if (why) return `type mismatch in export \`${name}\`: ${why}`;
  }
  return null;
}
