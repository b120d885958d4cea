/**
 * Component type definitions (Binary.md, Type Definitions): value types,
 * defined value types, function/component/instance/resource types, their
 * declarators, and extern types. Emptiness, flag counts and index checks
 * are validation; only the grammar is checked here.
 */
import type { Decl, DefType, DefValType, ExternType, FuncType, ValTypeRef } from './ast.js';
import {
  CASE_END,
  CORE_SORT_BYTE,
  DECL,
  DEFTYPE,
  DEFVALTYPE,
  EXTERN_KIND,
  OPTION,
  PRIMVALTYPE,
  RESULTLIST,
  TYPE_BOUND,
  VALUE_BOUND,
  type PrimValType,
} from './opcodes.js';
import { readAlias } from './aliases.js';
import { readCoreDefType } from './core-deftypes.js';
import { readCoreValType } from './core-types.js';
import { readExternName } from './names.js';
import { byteTable, enter, type Reader } from './reader.js';

const PRIM = byteTable<PrimValType>(PRIMVALTYPE);
const DEFVAL = byteTable<(typeof DEFVALTYPE)[keyof typeof DEFVALTYPE]>(DEFVALTYPE);
const EXTERN = byteTable<(typeof EXTERN_KIND)[keyof typeof EXTERN_KIND]>(EXTERN_KIND);

/**
 * valtype ::= typeidx | primvaltype. Type opcodes are negative one-byte
 * s33s, so an index is a non-negative s33 (e.g. 100 is `0xe4 0x00`).
 */
export function readValType(r: Reader): ValTypeRef {
  const at = r.offset;
  const byte = r.peek('component value type');
  const prim = PRIM[byte];
  if (prim !== undefined) {
    r.pos++;
    return prim;
  }
  const index = r.signed(33, 'component value type');
  if (index < 0) r.invalidLeadingByte(byte, 'component value type', at);
  return index;
}

/** `valtype?` ::= 0x00 | 0x01 valtype */
export function readOptValType(r: Reader, what: string): ValTypeRef | null {
  const byte = r.u8(what);
  if (byte === OPTION.absent) return null;
  if (byte === OPTION.present) return readValType(r);
  return r.invalidLeadingByte(byte, what);
}

/** resultlist ::= 0x00 valtype | 0x01 0x00 */
export function readResultList(r: Reader): ValTypeRef | null {
  const byte = r.u8('component function results');
  if (byte === RESULTLIST.one) return readValType(r);
  if (byte !== RESULTLIST.none) r.invalidLeadingByte(byte, 'component function results');
  r.expectByte(RESULTLIST.noneEnd, 'number of results (0x01 must be followed by 0x00)');
  return null;
}

const readLabel = (r: Reader): string => r.name('label');

function readLabeled(r: Reader): { name: string; type: ValTypeRef } {
  const name = r.name('label');
  return { name, type: readValType(r) };
}

/** case ::= label valtype? 0x00 */
function readCase(r: Reader): { name: string; type: ValTypeRef | null } {
  const name = r.name('case label');
  const type = readOptValType(r, 'optional case type');
  r.expectByte(CASE_END, 'variant case end (zero byte required)');
  return { name, type };
}

function readDefValType(r: Reader, byte: number, offset: number): DefValType | undefined {
  switch (DEFVAL[byte]) {
    case 'record':
      return { offset, kind: 'record', fields: r.vec('record fields', readLabeled) };
    case 'variant':
      return { offset, kind: 'variant', cases: r.vec('variant cases', readCase) };
    case 'list':
      return { offset, kind: 'list', element: readValType(r) };
    case 'fixed-list': {
      const element = readValType(r);
      return { offset, kind: 'list', element, length: r.u32('fixed list length') };
    }
    case 'tuple':
      return { offset, kind: 'tuple', types: r.vec('tuple types', readValType) };
    case 'flags':
      return { offset, kind: 'flags', names: r.vec('flag labels', readLabel) };
    case 'enum':
      return { offset, kind: 'enum', names: r.vec('enum labels', readLabel) };
    case 'option':
      return { offset, kind: 'option', type: readValType(r) };
    case 'result': {
      const ok = readOptValType(r, 'optional result type');
      return { offset, kind: 'result', ok, err: readOptValType(r, 'optional error type') };
    }
    case 'own':
      return { offset, kind: 'own', resource: r.u32('resource type index') };
    case 'borrow':
      return { offset, kind: 'borrow', resource: r.u32('resource type index') };
    case 'stream':
      return { offset, kind: 'stream', element: readOptValType(r, 'optional stream element type') };
    case 'future':
      return { offset, kind: 'future', element: readOptValType(r, 'optional future element type') };
    case 'map': {
      const key = readValType(r);
      return { offset, kind: 'map', key, value: readValType(r) };
    }
    default:
      return undefined;
  }
}

function readFuncType(r: Reader, async: boolean, offset: number): FuncType {
  const params = r.vec('function params', readLabeled);
  return { kind: 'func', offset, async, params, result: readResultList(r) };
}

/** type ::= deftype */
export function readDefType(r: Reader, depth: number): DefType {
  const offset = r.offset;
  const byte = r.u8('component defined type');
  const prim = PRIM[byte];
  if (prim !== undefined) return { offset, kind: 'prim', prim };
  const valType = readDefValType(r, byte, offset);
  if (valType !== undefined) return valType;
  switch (byte) {
    case DEFTYPE.func:
    case DEFTYPE.asyncFunc:
      return readFuncType(r, byte === DEFTYPE.asyncFunc, offset);
    case DEFTYPE.component: {
      const inner = enter(depth, offset);
      return { kind: 'component-type', offset, decls: r.vec('component type declarations', (rr) => readDecl(rr, true, inner)) };
    }
    case DEFTYPE.instance: {
      const inner = enter(depth, offset);
      return { kind: 'instance-type', offset, decls: r.vec('instance type declarations', (rr) => readDecl(rr, false, inner)) };
    }
    case DEFTYPE.resource: {
      const rep = readCoreValType(r);
      const dtor = r.u8('resource destructor');
      if (dtor === OPTION.absent) return { kind: 'resource', offset, rep, dtor: null };
      if (dtor !== OPTION.present) r.invalidLeadingByte(dtor, 'resource destructor');
      return { kind: 'resource', offset, rep, dtor: r.u32('destructor core func index') };
    }
    default:
      return r.invalidLeadingByte(byte, 'component defined type');
  }
}

/** componentdecl (`component` true) or instancedecl */
function readDecl(r: Reader, component: boolean, depth: number): Decl {
  const offset = r.offset;
  const byte = r.u8('component or instance type declaration');
  switch (byte) {
    case DECL.coreType:
      return { kind: 'core-type', offset, type: readCoreDefType(r, depth) };
    case DECL.type:
      return { kind: 'type', offset, type: readDefType(r, depth) };
    case DECL.alias:
      return { kind: 'alias', offset, alias: readAlias(r) };
    case DECL.import:
      if (!component) break; // instance types have no imports
      return { kind: 'import', offset, name: readExternName(r), type: readExternType(r) };
    case DECL.export:
      return { kind: 'export', offset, name: readExternName(r), type: readExternType(r) };
  }
  return r.invalidLeadingByte(byte, 'component or instance type declaration');
}

/** externtype */
export function readExternType(r: Reader): ExternType {
  const byte = r.u8('component external kind');
  switch (EXTERN[byte]) {
    case 'module':
      r.expectByte(CORE_SORT_BYTE.module, 'component external kind (0x00 must be followed by 0x11, core module)');
      return { kind: 'module', type: r.u32('core type index') };
    case 'func':
      return { kind: 'func', type: r.u32('type index') };
    case 'value': {
      const bound = r.u8('value bound');
      if (bound === VALUE_BOUND.eq) return { kind: 'value', bound: { kind: 'eq', value: r.u32('value index') } };
      if (bound === VALUE_BOUND.type) return { kind: 'value', bound: { kind: 'type', type: readValType(r) } };
      return r.invalidLeadingByte(bound, 'value bound');
    }
    case 'type': {
      const bound = r.u8('type bound');
      if (bound === TYPE_BOUND.eq) return { kind: 'type', bound: { kind: 'eq', type: r.u32('type index') } };
      if (bound === TYPE_BOUND.subResource) return { kind: 'type', bound: { kind: 'sub-resource' } };
      return r.invalidLeadingByte(bound, 'type bound');
    }
    case 'component':
      return { kind: 'component', type: r.u32('type index') };
    case 'instance':
      return { kind: 'instance', type: r.u32('type index') };
    default:
      return r.invalidLeadingByte(byte, 'component external kind');
  }
}
