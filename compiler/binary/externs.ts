/** Imports, exports, start and value definitions (Binary.md, sections 9–12). */
import type { ExportDef, ImportDef, StartDef, ValueDef } from './ast.js';
import { OPTION } from './opcodes.js';
import { readExternName } from './names.js';
import type { Reader } from './reader.js';
import { readSortIdx } from './sorts.js';
import { readExternType, readValType } from './types.js';

/** import ::= nameattributes externtype */
export function readImport(r: Reader): ImportDef {
  const offset = r.offset;
  const name = readExternName(r);
  return { kind: 'import', offset, name, type: readExternType(r) };
}

/** export ::= nameattributes sortidx externtype? */
export function readExport(r: Reader): ExportDef {
  const offset = r.offset;
  const name = readExternName(r);
  const { sort, index } = readSortIdx(r);
  const byte = r.u8('optional component export type');
  if (byte === OPTION.absent) return { kind: 'export', offset, name, sort, index, type: null };
  if (byte !== OPTION.present) r.invalidLeadingByte(byte, 'optional component export type');
  return { kind: 'export', offset, name, sort, index, type: readExternType(r) };
}

/** 🪙 start ::= funcidx vec(valueidx) u32 */
export function readStart(r: Reader): StartDef {
  const offset = r.offset;
  const func = r.u32('start function index');
  const args = r.vec('start arguments', (rr) => rr.u32('value index'));
  return { kind: 'start', offset, func, args, results: r.u32('start result count') };
}

/** 🪙 value ::= valtype len:u32 bytes (the bytes are checked against the type by the validator) */
export function readValue(r: Reader): ValueDef {
  const offset = r.offset;
  const type = readValType(r);
  const len = r.u32('value length');
  return { kind: 'value', offset, type, bytes: r.bytes(len, 'value bytes') };
}
