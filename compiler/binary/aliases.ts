/**
 * alias ::= sort 0x00 instanceidx name            (alias export)
 *         | sort 0x01 core:instanceidx core:name  (alias core export)
 *         | sort 0x02 ct idx                      (alias outer, if sort ∈ outeraliassort)
 * Which sorts an export alias may name is validation; the outer-alias sort
 * restriction is part of the grammar.
 */
import type { Alias } from './ast.js';
import { ALIAS_TARGET, OUTER_ALIAS_SORTS } from './opcodes.js';
import { byteTable, type Reader } from './reader.js';
import { readSort } from './sorts.js';

const TARGET = byteTable<(typeof ALIAS_TARGET)[keyof typeof ALIAS_TARGET]>(ALIAS_TARGET);

export function readAlias(r: Reader): Alias {
  const offset = r.offset;
  const sort = readSort(r);
  const byte = r.u8('alias target');
  switch (TARGET[byte]) {
    case 'export':
      return { offset, sort, target: { kind: 'export', instance: r.u32('instance index'), name: r.name('export name') } };
    case 'core-export':
      return {
        offset,
        sort,
        target: { kind: 'core-export', instance: r.u32('core instance index'), name: r.name('export name') },
      };
    case 'outer': {
      if (!OUTER_ALIAS_SORTS.has(sort)) {
        // point at the sort's distinguishing byte (the core:sort byte for core sorts)
        const sortAt = sort.startsWith('core ') ? offset + 1 : offset;
        r.invalidLeadingByte(r.data[sortAt - r.base]!, `outer alias sort (\`${sort}\` cannot be aliased from an outer scope)`, sortAt);
      }
      return { offset, sort, target: { kind: 'outer', count: r.u32('outer alias count'), index: r.u32('outer alias index') } };
    }
    default:
      return r.invalidLeadingByte(byte, 'alias target');
  }
}
