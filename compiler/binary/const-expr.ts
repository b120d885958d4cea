/**
 * Constant expressions (global and table initializers) are read only to
 * find their `end`: every instruction allowed in one (Wasm 3.0 with
 * extended-const, GC and SIMD) is decoded from the CONST_OPS tables, and
 * any other opcode is reported rather than guessed at. Whether the
 * expression type-checks is the engine's business.
 */
import { CONST_END, CONST_GC_OPS, CONST_OPS, CONST_PREFIX, CONST_SIMD_OPS, type ConstImmediate } from './opcodes.js';
import { readHeapType } from './core-types.js';
import type { Reader } from './reader.js';
import { fail } from '../errors/index.js';

const PREFIXED = new Map<number, { table: typeof CONST_GC_OPS; name: string }>([
  [CONST_PREFIX.gc, { table: CONST_GC_OPS, name: '0xfb' }],
  [CONST_PREFIX.simd, { table: CONST_SIMD_OPS, name: '0xfd' }],
]);

function skipImmediate(r: Reader, immediate: ConstImmediate): void {
  switch (immediate) {
    case 's32':
      r.signed(32, 'i32 constant');
      return;
    case 's64':
      r.signed(64, 'i64 constant');
      return;
    case 'u32':
      r.u32('index');
      return;
    case 'f32':
      r.skip(4, 'f32 constant');
      return;
    case 'f64':
      r.skip(8, 'f64 constant');
      return;
    case 'v128':
      r.skip(16, 'v128 constant');
      return;
    case 'heaptype':
      readHeapType(r);
      return;
  }
}

/** skips `instr* 0x0b` */
export function skipConstExpr(r: Reader): void {
  for (;;) {
    const at = r.offset;
    const opcode = r.u8('constant expression');
    if (opcode === CONST_END) return;
    let spec = CONST_OPS.get(opcode);
    if (spec === undefined) {
      const prefix = PREFIXED.get(opcode);
      if (prefix === undefined) fail('decode/const-expr-instruction', at, `0x${opcode.toString(16)}`);
      const sub = r.u32('constant expression opcode');
      spec = prefix.table.get(sub);
      if (spec === undefined) fail('decode/const-expr-instruction', at, `${prefix.name} ${sub}`);
    }
    for (const immediate of spec.immediates) skipImmediate(r, immediate);
  }
}
