/** sort, core:sort and the `sort idx` pairs built from them. */
import { CORE_SORT, SORT, SORT_CORE, type CoreSort, type Sort } from './opcodes.js';
import { byteTable, type Reader } from './reader.js';

const CORE = byteTable<CoreSort>(CORE_SORT);
const COMPONENT = byteTable<Sort>(SORT);
/** `core ${sort}` strings, built once */
const CORE_PREFIXED = CORE.map((s) => (s === undefined ? undefined : (`core ${s}` as Sort)));

/** core:sort */
export function readCoreSort(r: Reader): CoreSort {
  const byte = r.u8('core sort');
  return CORE[byte] ?? r.invalidLeadingByte(byte, 'core sort');
}

/** sort ::= 0x00 core:sort | 0x01 func | 0x02 value | 0x03 type | 0x04 component | 0x05 instance */
export function readSort(r: Reader): Sort {
  const byte = r.u8('sort');
  if (byte === SORT_CORE) {
    const core = r.u8('core sort');
    return CORE_PREFIXED[core] ?? r.invalidLeadingByte(core, 'core sort');
  }
  return COMPONENT[byte] ?? r.invalidLeadingByte(byte, 'sort');
}

/** sortidx ::= sort idx */
export function readSortIdx(r: Reader): { sort: Sort; index: number } {
  const sort = readSort(r);
  return { sort, index: r.u32('sort index') };
}
