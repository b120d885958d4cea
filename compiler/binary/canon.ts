/**
 * Canonical definitions, decoded generically: the opcode picks a CANON
 * table entry, whose immediates (in binary order) say what to read. Adding
 * a built-in is a table row, not a case here.
 */
import type { Canon, CanonOpt } from './ast.js';
import {
  CANON_BY_OPCODE,
  CANONOPT,
  CANONOPT_WITH_INDEX,
  CORE_SORT_BYTE,
  SORT_CORE,
  type CanonImmediate,
  type CanonOptName,
} from './opcodes.js';
import { readCoreValType } from './core-types.js';
import { byteTable, type Reader } from './reader.js';
import { readResultList } from './types.js';

const OPT = byteTable<CanonOptName>(CANONOPT);

/** canonopt */
function readCanonOpt(r: Reader): CanonOpt {
  const offset = r.offset;
  const byte = r.u8('canonical option');
  const name = OPT[byte] ?? r.invalidLeadingByte(byte, 'canonical option');
  if (CANONOPT_WITH_INDEX.has(name)) return { offset, name, index: r.u32('canonical option index') };
  return { offset, name };
}

function readImmediate(r: Reader, canon: Canon, immediate: CanonImmediate): void {
  switch (immediate) {
    case 'core-func':
      // `0x00 idx`: a core:sortidx of sort func
      r.expectByte(CORE_SORT_BYTE.func, `canonical function ${canon.name} (core func sort)`);
      canon.func = r.u32('core func index');
      return;
    case 'func':
      // `0x00 idx`: a sortidx whose sort byte 0x00 stands for func here (Binary.md)
      r.expectByte(SORT_CORE, `canonical function ${canon.name} (func sort)`);
      canon.func = r.u32('func index');
      return;
    case 'type':
      canon.type = r.u32('type index');
      return;
    case 'core-type':
      canon.coreType = r.u32('core type index');
      return;
    case 'opts':
      canon.opts = r.vec('canonical options', readCanonOpt);
      return;
    case 'resultlist':
      canon.result = readResultList(r);
      return;
    case 'core-valtype':
      canon.valtype = readCoreValType(r);
      return;
    case 'u32':
      canon.index = r.u32('index');
      return;
    case 'async?':
      canon.async = r.flag(`${canon.name} async`);
      return;
    case 'cancel?':
      canon.cancellable = r.flag(`${canon.name} cancellable`);
      return;
    case 'shared?':
      canon.shared = r.flag(`${canon.name} shared`);
      return;
    case 'memory':
      canon.memory = r.u32('core memory index');
      return;
    case 'table':
      canon.table = r.u32('core table index');
      return;
  }
}

/** canon: an opcode from the CANON table, then its immediates */
export function readCanon(r: Reader): Canon {
  const offset = r.offset;
  const opcode = r.u8('canonical function');
  const spec = CANON_BY_OPCODE.get(opcode) ?? r.invalidLeadingByte(opcode, 'canonical function');
  const canon: Canon = { offset, name: spec.name, opcode };
  for (const immediate of spec.immediates) readImmediate(r, canon, immediate);
  return canon;
}
