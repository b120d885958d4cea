/**
 * The custom-page-size lowering: a core module whose memory declares its page
 * size (`(pagesize 1)` or `(pagesize 65536)`) rewritten for engines without
 * the custom-page-sizes proposal (every engine measured: Node 20, 24). No
 * binaryen pass does this, so it is written here on binaryen's API.
 *
 * 64 KiB pages: only the memory type changes (the flag goes).
 * 1-byte pages: the memory becomes one of 64 KiB pages large enough to hold
 * the declared bytes, and the module keeps its own view of the size:
 *   - a mutable global holds the size in bytes (= pages of 1 byte), exported
 *     as `canonjs:bytes:<name>` beside each export of the memory, so the
 *     glue's views end where the component's memory ends (runtime/memory.ts);
 *   - `memory.size` reads it; `memory.grow(n)` calls a function that checks
 *     the declared maximum, grows the real memory by whole 64 KiB pages when
 *     the new size needs them, and moves the global (−1 on failure);
 *   - every access (loads, stores, SIMD loads and lanes, memory.fill, copy,
 *     init) checks its range against the global and traps past it, as the
 *     smaller memory would.
 * The memory must be the module's only one and defined in it (an imported
 * memory's size would live in another module): otherwise a clear error.
 */
import { fail } from '../errors/index.js';
import { byteSizeGlobalName } from './memory-plan.js';
import { accessors, addLocal, rewriteBodies, scratchLocals, type ExprRef } from './walk.js';

type Binaryen = typeof import('binaryen').default;
type Module = InstanceType<Binaryen['Module']>;

const PASS = 'custom-page-size lowering';
const PAGE = 65536;
const SIZE_GLOBAL = 'canonjs_memory_bytes';
const GROW_FUNC = 'canonjs_memory_grow';

/** Bytes a SIMD load reads, by its op (binaryen.js op constants by name). */
const SIMD_LOAD_BYTES: Record<string, number> = {
  Load8SplatVec128: 1, Load16SplatVec128: 2, Load32SplatVec128: 4, Load64SplatVec128: 8,
  Load8x8SVec128: 8, Load8x8UVec128: 8, Load16x4SVec128: 8, Load16x4UVec128: 8, Load32x2SVec128: 8, Load32x2UVec128: 8,
  Load32ZeroVec128: 4, Load64ZeroVec128: 8,
};
const LANE_BYTES: Record<string, number> = {
  Load8LaneVec128: 1, Load16LaneVec128: 2, Load32LaneVec128: 4, Load64LaneVec128: 8,
  Store8LaneVec128: 1, Store16LaneVec128: 2, Store32LaneVec128: 4, Store64LaneVec128: 8,
};

/** The module's memory: its internal name (from an export; binaryen names an unnamed one `0`) and export names. */
function theMemory(binaryen: Binaryen, mod: Module): { name: string; exports: string[] } {
  let name: string | undefined;
  const exports: string[] = [];
  for (let i = 0, n = mod.getNumExports(); i < n; i++) {
    const e = binaryen.getExportInfo(mod.getExportByIndex(i));
    if (e.kind !== binaryen.ExternalMemory) continue;
    name = e.value;
    exports.push(e.name);
  }
  return { name: name ?? '0', exports };
}

/** Lowers the page size of `mod`'s memory (declared `2^log2` bytes) to 64 KiB. */
export function lowerPageSize(binaryen: Binaryen, mod: Module, log2: number): void {
  const info = mod.getMemoryInfo(null as unknown as string);
  if (info.module) fail('compile/transform-failed', undefined, PASS, 'the memory is imported (only a memory the module defines can be lowered)');
  if (info.shared) fail('compile/transform-failed', undefined, PASS, 'the memory is shared');
  const { name, exports } = theMemory(binaryen, mod);
  const is64 = info.is64;
  const T = is64 ? binaryen.i64 : binaryen.i32;
  const bytesPerPage = 2 ** log2;
  const initialBytes = info.initial * bytesPerPage;
  const maxBytes = info.max === undefined ? undefined : info.max * bytesPerPage;

  // binaryen.js has these (index.d.ts does not)
  const data = mod as unknown as {
    getNumDataSegments(): number;
    getDataSegmentByIndex(i: number): number;
    getDataSegmentInfo(s: number): { name: string; offset: number | null; data: ArrayBuffer; passive: boolean };
  };
  const segments = [];
  for (let i = 0, n = data.getNumDataSegments(); i < n; i++) {
    const s = data.getDataSegmentInfo(data.getDataSegmentByIndex(i));
    const offset = s.passive ? 0 : is64 ? mod.i64.const(BigInt(s.offset!)) : mod.i32.const(s.offset!);
    segments.push({ name: s.name, offset, data: new Uint8Array(s.data), passive: s.passive });
  }

  if (log2 < 16) {
    const c = (v: number) => (is64 ? mod.i64.const(BigInt(v)) : mod.i32.const(v));
    mod.addGlobal(SIZE_GLOBAL, T, true, c(initialBytes));
    for (const e of exports) mod.addGlobalExport(SIZE_GLOBAL, byteSizeGlobalName(e));
    rewriteAccesses(binaryen, mod, is64);
    addGrow(binaryen, mod, name, is64, maxBytes ?? (is64 ? 2 ** 48 : 0xffff_ffff));
  }
  const pages = (b: number) => Math.ceil(b / PAGE);
  // the same internal name: every instruction and export names the memory by it
  mod.setMemory(pages(initialBytes), maxBytes === undefined ? -1 : pages(maxBytes), null, segments as never, false, is64, name);
  mod.setFeatures(mod.getFeatures() & ~binaryen.Features.CustomPageSizes);
}

/** memory.size → the size global; memory.grow → the grow function; each access checked against the size. */
function rewriteAccesses(binaryen: Binaryen, mod: Module, is64: boolean): void {
  const T = is64 ? binaryen.i64 : binaryen.i32;
  const i64 = binaryen.i64;
  const scratch = scratchLocals(binaryen);
  const wide = (e: ExprRef) => (is64 ? e : mod.i64.extend_u(e));
  const size = () => wide(mod.global.get(SIZE_GLOBAL, T));
  // [at, at + len) past the size: len > size || at > size − len (no overflow)
  const outside = (at: ExprRef, len: ExprRef, len2: ExprRef) =>
    mod.i32.or(mod.i64.gt_u(len, size()), mod.i64.gt_u(at, mod.i64.sub(size(), len2)));
  const guard = (cond: ExprRef) => mod.if(cond, mod.unreachable());
  /** `ptr` checked for an access of `k` bytes (offset included), then passed on */
  const checked = (ptr: ExprRef, k: number, fn: number): ExprRef => {
    const t = scratch(fn, T);
    const kk = () => mod.i64.const(BigInt(k));
    return mod.block(null, [mod.local.set(t, ptr), guard(outside(wide(mod.local.get(t, T)), kk(), kk())), mod.local.get(t, T)], T);
  };
  const opName = (op: number, table: Record<string, number>) =>
    Object.keys(table).find((k) => (binaryen as unknown as Record<string, number>)[k] === op);

  rewriteBodies(binaryen, mod, PASS, (expr, cls, fn) => {
    const acc = accessors(binaryen, cls);
    switch (cls) {
      case 'MemorySize':
        return mod.global.get(SIZE_GLOBAL, T);
      case 'MemoryGrow':
        return mod.call(GROW_FUNC, [acc.getDelta!(expr)], T);
      case 'Load': case 'Store': case 'SIMDLoad': case 'SIMDLoadStoreLane': {
        const ptr = acc.getPtr!(expr);
        if (binaryen.getExpressionType(ptr) !== T) return undefined; // dead code
        let bytes: number;
        if (cls === 'Load' || cls === 'Store') bytes = acc.getBytes!(expr);
        else {
          const table = cls === 'SIMDLoad' ? SIMD_LOAD_BYTES : LANE_BYTES;
          const op = opName(acc.getOp!(expr), table);
          if (op === undefined) return fail('compile/transform-failed', undefined, PASS, `a SIMD memory op it does not know (${acc.getOp!(expr)})`);
          bytes = table[op]!;
        }
        acc.setPtr!(expr, checked(ptr, acc.getOffset!(expr) + bytes, fn));
        return undefined;
      }
      case 'MemoryFill': case 'MemoryCopy': case 'MemoryInit': {
        // operands into fresh locals (in order), the ranges checked, then the op on the locals
        const slots = cls === 'MemoryFill' ? ['Dest', 'Value', 'Size'] : cls === 'MemoryCopy' ? ['Dest', 'Source', 'Size'] : ['Dest', 'Offset', 'Size'];
        const stmts: ExprRef[] = [];
        const locals = new Map<string, { index: number; type: number }>();
        for (const slot of slots) {
          const operand = acc[`get${slot}`]!(expr);
          const type = binaryen.getExpressionType(operand);
          if (type === binaryen.unreachable) return undefined; // dead code
          const index = addLocal(binaryen, fn, type);
          locals.set(slot, { index, type });
          stmts.push(mod.local.set(index, operand));
          acc[`set${slot}`]!(expr, mod.local.get(index, type));
        }
        const get = (slot: string) => {
          const l = locals.get(slot)!;
          // memory.init's size is i32 even for a 64-bit memory
          return l.type === i64 ? mod.local.get(l.index, i64) : mod.i64.extend_u(mod.local.get(l.index, l.type));
        };
        const ranges = cls === 'MemoryCopy' ? ['Dest', 'Source'] : ['Dest'];
        for (const r of ranges) stmts.push(guard(outside(get(r), get('Size'), get('Size'))));
        stmts.push(expr);
        return mod.block(null, stmts, binaryen.none);
      }
      default:
        return undefined;
    }
  });
}

/** `canonjs_memory_grow(delta) -> old size | -1`, in bytes. */
function addGrow(binaryen: Binaryen, mod: Module, memory: string, is64: boolean, maxBytes: number): void {
  const T = is64 ? binaryen.i64 : binaryen.i32;
  const i64 = binaryen.i64;
  const wide = (e: ExprRef) => (is64 ? e : mod.i64.extend_u(e));
  const narrow = (e: ExprRef) => (is64 ? e : mod.i32.wrap(e));
  const fail_ = () => mod.return(is64 ? mod.i64.const(-1n) : mod.i32.const(-1));
  // locals: 0 delta (T), 1 old (i64), 2 new (i64), 3 pages needed (i64)
  const [OLD, NEW, NEED] = [1, 2, 3];
  const body = mod.block(null, [
    mod.local.set(OLD, wide(mod.global.get(SIZE_GLOBAL, T))),
    mod.local.set(NEW, mod.i64.add(mod.local.get(OLD, i64), wide(mod.local.get(0, T)))),
    // overflow, or past the declared maximum
    mod.if(
      mod.i32.or(mod.i64.lt_u(mod.local.get(NEW, i64), mod.local.get(OLD, i64)), mod.i64.gt_u(mod.local.get(NEW, i64), mod.i64.const(BigInt(maxBytes)))),
      fail_(),
    ),
    mod.local.set(NEED, mod.i64.shr_u(mod.i64.add(mod.local.get(NEW, i64), mod.i64.const(BigInt(PAGE - 1))), mod.i64.const(16n))),
    mod.if(
      mod.i64.gt_u(mod.local.get(NEED, i64), wide(mod.memory.size(memory, is64))),
      mod.if(
        mod.i64.eq(
          wide(mod.memory.grow(narrow(mod.i64.sub(mod.local.get(NEED, i64), wide(mod.memory.size(memory, is64)))), memory, is64)),
          is64 ? mod.i64.const(-1n) : mod.i64.const(0xffff_ffffn),
        ),
        fail_(),
      ),
    ),
    mod.global.set(SIZE_GLOBAL, narrow(mod.local.get(NEW, i64))),
    narrow(mod.local.get(OLD, i64)),
  ], T);
  mod.addFunction(GROW_FUNC, T, T, [i64, i64, i64], body);
}
