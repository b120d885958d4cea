/**
 * Core external types: limits, table/memory/global/tag types and import
 * descriptors, shared by core modules and component core module types.
 */
import type { CoreExternType, CoreGlobalType, CoreImport, CoreMemoryType, CoreTableType } from './ast.js';
import {
  CORE_EXTERN_KIND,
  GLOBAL_FLAG,
  GLOBAL_FLAGS,
  LIMITS_FLAG,
  MAX_PAGE_SIZE_LOG2,
  MEMORY_LIMITS_FLAGS,
  TABLE_LIMITS_FLAGS,
  TAG_ATTRIBUTE_EXCEPTION,
  type CoreExternKind,
} from './opcodes.js';
import { readCoreValType, readRefType } from './core-types.js';
import { byteTable, type Reader } from './reader.js';
import { fail } from '../errors/index.js';

const EXTERN_KIND = byteTable<CoreExternKind>(CORE_EXTERN_KIND);

/**
 * Limits are read as u64 whatever the address type (Wasm 3.0 reads u64 and
 * leaves the range to validation, which the engine does).
 */
function readLimits(r: Reader, flags: number): { min: number | bigint; max?: number | bigint } {
  const min = r.u64('limits minimum');
  if (flags & LIMITS_FLAG.hasMax) return { min, max: r.u64('limits maximum') };
  return { min };
}

/** tabletype ::= reftype limits */
export function readTableType(r: Reader): CoreTableType {
  const element = readRefType(r, 'table element type');
  const flags = r.u8('table limits flags');
  if (flags & ~TABLE_LIMITS_FLAGS) r.invalidLeadingByte(flags, 'table limits flags');
  return {
    element,
    ...readLimits(r, flags),
    table64: (flags & LIMITS_FLAG.is64) !== 0,
    shared: (flags & LIMITS_FLAG.shared) !== 0,
  };
}

/** memtype ::= limits, with the shared / memory64 / custom-page-size flag bits */
export function readMemoryType(r: Reader): CoreMemoryType {
  const flags = r.u8('memory limits flags');
  if (flags & ~MEMORY_LIMITS_FLAGS) r.invalidLeadingByte(flags, 'memory limits flags');
  const memory: CoreMemoryType = {
    ...readLimits(r, flags),
    shared: (flags & LIMITS_FLAG.shared) !== 0,
    memory64: (flags & LIMITS_FLAG.is64) !== 0,
  };
  if (flags & LIMITS_FLAG.pageSize) {
    const at = r.offset;
    const log2 = r.u32('custom page size');
    if (log2 >= MAX_PAGE_SIZE_LOG2) fail('decode/invalid-page-size', at, log2);
    memory.pageSizeLog2 = log2;
  }
  return memory;
}

/** globaltype ::= valtype flags (bit 0 mutable, bit 1 shared) */
export function readGlobalType(r: Reader): CoreGlobalType {
  const type = readCoreValType(r);
  const flags = r.u8('global mutability');
  if (flags & ~GLOBAL_FLAGS) r.invalidLeadingByte(flags, 'global mutability');
  return { type, mutable: (flags & GLOBAL_FLAG.mutable) !== 0, shared: (flags & GLOBAL_FLAG.shared) !== 0 };
}

/** tagtype ::= 0x00 typeidx */
export function readTagType(r: Reader): number {
  r.expectByte(TAG_ATTRIBUTE_EXCEPTION, 'tag attribute');
  return r.u32('tag type index');
}

/** the kind byte of a core export or import descriptor */
export function readCoreExternKind(r: Reader): CoreExternKind {
  const byte = r.u8('core external kind');
  return EXTERN_KIND[byte] ?? r.invalidLeadingByte(byte, 'core external kind');
}

/** core:externtype (an import's descriptor) */
export function readCoreExternType(r: Reader): CoreExternType {
  switch (readCoreExternKind(r)) {
    case 'func':
      return { kind: 'func', type: r.u32('function type index') };
    case 'table':
      return { kind: 'table', ...readTableType(r) };
    case 'memory':
      return { kind: 'memory', ...readMemoryType(r) };
    case 'global':
      return { kind: 'global', ...readGlobalType(r) };
    case 'tag':
      return { kind: 'tag', type: readTagType(r) };
  }
}

/** core:import ::= module:name name:name desc:externtype */
export function readCoreImport(r: Reader): CoreImport {
  const offset = r.offset;
  const module = r.name('import module name');
  const name = r.name('import name');
  return { offset, module, name, desc: readCoreExternType(r) };
}
