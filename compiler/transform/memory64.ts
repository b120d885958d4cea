/**
 * The memory64 lowering (🐘): a core module with a 64-bit memory (or table)
 * rewritten to run where the engine has no memory64 (Node 20), by binaryen's
 * `memory64-lowering` and `table64-lowering` passes.
 *
 * binaryen's pass turns each i64 address into `i32.wrap_i64(address)`, which
 * would make an address at or past 4 GiB alias low memory instead of
 * trapping. So first every address operand of the memory gets a check: an
 * address with any of its high 32 bits set traps (the lowered memory is at
 * most 4 GiB, so such an address is out of bounds anyway), and a
 * `memory.grow` delta that large fails (−1) instead of growing by its low
 * bits. Table indices are lowered as binaryen does (wrapped; tables of 2^32
 * entries do not occur).
 *
 * The module keeps its i64 interface: functions still take and return i64
 * pointers (realloc is still `(i64 i64 i64 i64) -> i64`), so the same glue
 * runs the native and the lowered module; only the memory object is 32-bit.
 * Lowering costs a compare and branch per memory access and bounds the
 * memory at 4 GiB.
 */
import { fail } from '../errors/index.js';
import { accessors, rewriteBodies, scratchLocals, type ExprRef } from './walk.js';

type Binaryen = typeof import('binaryen').default;
type Module = InstanceType<Binaryen['Module']>;

/** The address operands of memory instructions, per expression class. */
const ADDRESS_SLOTS: Record<string, readonly string[]> = {
  Load: ['Ptr'],
  Store: ['Ptr'],
  SIMDLoad: ['Ptr'],
  SIMDLoadStoreLane: ['Ptr'],
  MemoryInit: ['Dest'],
  MemoryFill: ['Dest', 'Size'],
  MemoryCopy: ['Dest', 'Source', 'Size'],
};

/** Rewrites `mod` (read with the Memory64 feature) so that it needs no memory64; `features` is its feature set. */
export function lowerMemory64(binaryen: Binaryen, mod: Module, features: number): void {
  const pass = 'memory64 lowering';
  if (mod.hasMemory() && mod.getMemoryInfo(null as unknown as string).is64) {
    const i64 = binaryen.i64;
    const scratch = scratchLocals(binaryen);
    const highBitsSet = (fn: number) => mod.i64.ne(mod.i64.shr_u(mod.local.get(scratch(fn, i64), i64), mod.i64.const(32n)), mod.i64.const(0n));
    // (p >> 32) != 0 → unreachable; else p
    const checked = (p: ExprRef, fn: number): ExprRef =>
      mod.block(null, [mod.local.set(scratch(fn, i64), p), mod.if(highBitsSet(fn), mod.unreachable()), mod.local.get(scratch(fn, i64), i64)], i64);
    // a delta past 2^32 pages: 0xffffffff after wrapping, which memory.grow refuses (−1)
    const clamped = (d: ExprRef, fn: number): ExprRef =>
      mod.block(null, [mod.local.set(scratch(fn, i64), d), mod.select(highBitsSet(fn), mod.i64.const(0xffff_ffffn), mod.local.get(scratch(fn, i64), i64))], i64);
    rewriteBodies(binaryen, mod, pass, (expr, cls, fn) => {
      if (cls === 'MemoryGrow') {
        const grow = accessors(binaryen, 'MemoryGrow');
        grow.setDelta!(expr, clamped(grow.getDelta!(expr), fn));
        return undefined;
      }
      for (const slot of ADDRESS_SLOTS[cls] ?? []) {
        const acc = accessors(binaryen, cls);
        const operand = acc[`get${slot}`]!(expr);
        // an unreachable operand (dead code) has no value to check
        if (binaryen.getExpressionType(operand) === i64) acc[`set${slot}`]!(expr, checked(operand, fn));
      }
      return undefined;
    });
  }
  try {
    mod.runPasses(['memory64-lowering', 'table64-lowering']);
  } catch (e) {
    fail('compile/transform-failed', undefined, pass, String(e));
  }
  mod.setFeatures(features & ~binaryen.Features.Memory64);
}
