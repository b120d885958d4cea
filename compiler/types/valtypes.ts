/**
 * Resolving value types (Explainer "Type Definitions", Binary.md's type
 * notes): `ValTypeRef` → `ValType`, and the well-formedness rules of each
 * `defvaltype`.
 */
import type { DefValType, FuncType as AstFuncType, ValTypeRef } from '../binary/ast.js';
import type { PrimValType } from '../binary/opcodes.js';
import { LIMITS } from '../binary/opcodes.js';
import { fail } from '../errors/index.js';
import { elemSize } from '../abi/layout.js';
import { resourceAt, valTypeAt } from './kinds.js';
import type { FuncType, ValType } from './model.js';
import { checkLabels } from './names.js';
import type { Scope } from './scope.js';
import { setHandleToken } from './tokens.js';
import { containsBorrow } from './walk.js';

/** Primitive types are shared objects: they carry no identity. */
const PRIMS = new Map<PrimValType, ValType>();
export function prim(p: PrimValType): ValType {
  let t = PRIMS.get(p);
  if (!t) PRIMS.set(p, (t = Object.freeze({ kind: p }) as ValType));
  return t;
}

/** A `valtype`: a primitive, or a type index that must hold a defined (value) type. */
export function valTypeRef(scope: Scope, ref: ValTypeRef, offset: number): ValType {
  return typeof ref === 'number' ? valTypeAt(scope, ref, offset) : prim(ref);
}

function optRef(scope: Scope, ref: ValTypeRef | null, offset: number): ValType | null {
  return ref === null ? null : valTypeRef(scope, ref, offset);
}

const MAP_KEYS = new Set(['bool', 's8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'char', 'string']);

/** A `defvaltype` definition: a new type object, checked. */
export function defValType(scope: Scope, d: DefValType): ValType {
  const at = d.offset;
  const t = build(scope, d);
  // elem_size(t, 'i64') < 2^28 keeps every size computation within 32 bits.
  const size = elemSize(t, 'i64');
  if (size >= LIMITS.MAX_ELEM_SIZE) fail('validate/value-too-large', at, size);
  return t;
}

function build(scope: Scope, d: DefValType): ValType {
  const at = d.offset;
  switch (d.kind) {
    case 'prim':
      return { kind: d.prim };
    case 'record':
      if (d.fields.length === 0) fail('validate/empty-type', at, 'record type must have at least one field');
      checkLabels(
        d.fields.map((f) => f.name),
        at,
        'field',
      );
      return { kind: 'record', fields: d.fields.map((f) => ({ name: f.name, type: valTypeRef(scope, f.type, at) })) };
    case 'variant':
      if (d.cases.length === 0) fail('validate/empty-type', at, 'variant type must have at least one case');
      checkLabels(
        d.cases.map((c) => c.name),
        at,
        'case',
      );
      return { kind: 'variant', cases: d.cases.map((c) => ({ name: c.name, type: optRef(scope, c.type, at) })) };
    case 'list': {
      const element = valTypeRef(scope, d.element, at);
      if (d.length === undefined) return { kind: 'list', element };
      if (d.length === 0) fail('validate/fixed-list-empty', at);
      return { kind: 'list', element, length: d.length };
    }
    case 'tuple':
      if (d.types.length === 0) fail('validate/empty-type', at, 'tuple type must have at least one type');
      return { kind: 'tuple', types: d.types.map((r) => valTypeRef(scope, r, at)) };
    case 'flags':
      if (d.names.length === 0) fail('validate/empty-type', at, 'flags must have at least one entry');
      if (d.names.length > LIMITS.MAX_FLAGS) fail('validate/too-many-flags', at, d.names.length);
      checkLabels(d.names, at, 'flag');
      return { kind: 'flags', names: [...d.names] };
    case 'enum':
      if (d.names.length === 0) fail('validate/empty-type', at, 'enum type must have at least one variant');
      checkLabels(d.names, at, 'enum');
      return { kind: 'enum', names: [...d.names] };
    case 'option':
      return { kind: 'option', type: valTypeRef(scope, d.type, at) };
    case 'result':
      return { kind: 'result', ok: optRef(scope, d.ok, at), err: optRef(scope, d.err, at) };
    case 'own':
    case 'borrow': {
      const resource = resourceAt(scope, d.resource, at);
      const t: ValType = { kind: d.kind, resource };
      setHandleToken(t, scope.typeTokens[d.resource]);
      return t;
    }
    case 'stream':
    case 'future': {
      const element = optRef(scope, d.element, at);
      if (element && d.kind === 'stream' && element.kind === 'char') fail('validate/stream-char', at);
      if (element && containsBorrow(element)) fail('validate/borrow-in-async-value', at, d.kind);
      return { kind: d.kind, element };
    }
    case 'map': {
      const key = valTypeRef(scope, d.key, at);
      if (!MAP_KEYS.has(key.kind)) fail('validate/bad-map-key', at, key.kind);
      return { kind: 'map', key, value: valTypeRef(scope, d.value, at) };
    }
  }
}

/** A `functype`: labelled, unique parameters; no `borrow` in the result. */
export function funcType(scope: Scope, f: AstFuncType): FuncType {
  checkLabels(
    f.params.map((p) => p.name),
    f.offset,
    'param',
  );
  const params = f.params.map((p) => ({ name: p.name, type: valTypeRef(scope, p.type, f.offset) }));
  const result = optRef(scope, f.result, f.offset);
  if (result && containsBorrow(result)) fail('validate/borrow-in-result', f.offset);
  return { kind: 'func', async: f.async, params, result };
}
