/**
 * A component's core type definitions (Binary.md core:type): a rec group of
 * GC/func types, or a module type. `0x50` alone is a module type here, so a
 * non-final sub type is written `0x00 0x50` (the pre-1.0 disambiguation).
 * Inside a module type, `type` declarators are core:types again (Binary.md):
 * a nested `0x50` decodes as a module type, which the validator rejects.
 */
import type { CoreDefType, CoreModuleDecl } from './ast.js';
import {
  CORE_ALIAS,
  CORE_MODULE_DECL,
  CORE_MODULE_TYPE,
  CORE_NONFINAL_SUB_PREFIX,
  CORE_TYPE_FORM,
} from './opcodes.js';
import { readCoreExternType, readCoreImport } from './core-externs.js';
import { readRecType, readSubType } from './core-types.js';
import { enter, type Reader } from './reader.js';

/** core:type ::= core:deftype */
export function readCoreDefType(r: Reader, depth: number): CoreDefType {
  const offset = r.offset;
  const byte = r.peek('core type');
  if (byte === CORE_MODULE_TYPE) {
    r.pos++;
    enter(depth, offset);
    return { kind: 'module', offset, decls: r.vec('module type declarations', (r) => readModuleDecl(r, depth + 1)) };
  }
  if (byte === CORE_NONFINAL_SUB_PREFIX) {
    r.pos++;
    const sub = r.u8('non-final sub type');
    if (sub !== CORE_TYPE_FORM.sub) r.invalidLeadingByte(sub, 'non-final sub type');
    return { kind: 'rec', offset, types: [readSubType(r, sub)] };
  }
  return { kind: 'rec', offset, types: readRecType(r, 0) };
}

/** core:moduledecl */
function readModuleDecl(r: Reader, depth: number): CoreModuleDecl {
  const offset = r.offset;
  const byte = r.u8('module type declaration');
  switch (byte) {
    case CORE_MODULE_DECL.import: {
      const { module, name, desc } = readCoreImport(r);
      return { kind: 'import', offset, module, name, desc };
    }
    case CORE_MODULE_DECL.type:
      return { kind: 'type', offset, type: readCoreDefType(r, depth) };
    case CORE_MODULE_DECL.alias: {
      r.expectByte(CORE_ALIAS.typeSort, 'module type outer alias sort (must be `type`)');
      r.expectByte(CORE_ALIAS.outer, 'module type alias target (must be `outer`)');
      return { kind: 'alias', offset, count: r.u32('outer alias count'), index: r.u32('outer alias index') };
    }
    case CORE_MODULE_DECL.export:
      return { kind: 'export', offset, name: r.name('export name'), desc: readCoreExternType(r) };
    default:
      return r.invalidLeadingByte(byte, 'module type declaration');
  }
}
