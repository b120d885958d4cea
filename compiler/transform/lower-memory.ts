/**
 * The memory lowerings of one core module, in one binaryen session: read the
 * module (with the memory64 and custom-page-sizes features), lower its page
 * size (page-size.ts), then its 64-bit memory (memory64.ts), check the result
 * with the engine's validator, write it. Outputs are cached by content like
 * asyncify's (cache.ts); binaryen.js loads only when a lowering really runs.
 */
import type { CoreModule } from '../binary/ast.js';
import { fail } from '../errors/index.js';
import { BASELINE_FEATURES, binaryenMessage, binaryenVersion, engineRejection, loadBinaryen } from './binaryen.js';
import { cacheGet, cachePut, transformCacheDir, transformKey } from './cache.js';
import { withBinaryenNames } from '../binary/patch.js';
import { lowerMemory64 } from './memory64.js';
import { memoryLoweringOf, moduleMemories } from './memory-plan.js';
import { lowerPageSize } from './page-size.js';

/** Bumped whenever the lowerings change: part of every cache key. */
const PIPELINE_VERSION = 1;

// binaryen.Features bits (index.d.ts), spelled here so the cache key needs no binaryen import
const F_MEMORY64 = 1 << 11;
const F_CUSTOM_PAGE_SIZES = 1 << 23;

export interface LowerMemoryOptions {
  /** cache folder; false to bypass the cache. Default: transformCacheDir('memory') */
  cacheDir?: string | false;
}

export interface LowerMemoryResult {
  bytes: Uint8Array;
  cacheHit: boolean;
  /** milliseconds in binaryen (0 on a cache hit) */
  ms: number;
}

/** `m` without the memory features engines may lack (what memoryLoweringOf says it needs). */
export async function lowerMemory(m: CoreModule, opts: LowerMemoryOptions = {}): Promise<LowerMemoryResult> {
  const need = memoryLoweringOf(m);
  if (!need) return { bytes: m.bytes, cacheHit: false, ms: 0 };
  const memories = moduleMemories(m);
  if (memories.length > 1) fail('compile/transform-failed', m.offset, 'memory lowering', 'the module has several memories (multi-memory is not lowered)');
  const pageSizeLog2 = memories[0]?.pageSizeLog2;
  const stamp = JSON.stringify({ pass: 'lower-memory', pipeline: PIPELINE_VERSION, binaryen: binaryenVersion(), ...need });
  const dir = opts.cacheDir === false ? undefined : (opts.cacheDir ?? transformCacheDir('memory'));
  const key = transformKey(m.bytes, stamp);
  if (dir !== undefined) {
    const hit = cacheGet(dir, key);
    if (hit !== undefined) return { bytes: hit, cacheHit: true, ms: 0 };
  }
  const t0 = performance.now();
  const bytes = await run(m, pageSizeLog2, need.memory64);
  const ms = performance.now() - t0;
  if (dir !== undefined) cachePut(dir, key, bytes);
  return { bytes, cacheHit: false, ms };
}

async function run(m: CoreModule, pageSizeLog2: number | undefined, memory64: boolean): Promise<Uint8Array> {
  const binaryen = await loadBinaryen();
  const failWith = (detail: string): never => fail('compile/transform-failed', m.offset, 'memory lowering', detail);
  const features = BASELINE_FEATURES | F_MEMORY64 | F_CUSTOM_PAGE_SIZES;
  let mod: InstanceType<typeof binaryen.Module> | undefined;
  try {
    try {
      mod = (binaryen.readBinary as (data: Uint8Array, features?: number) => InstanceType<typeof binaryen.Module>)(withBinaryenNames(m.bytes), features);
    } catch (e) {
      return failWith(`binaryen cannot read the module: ${binaryenMessage(binaryen, e)}`);
    }
    try {
      if (pageSizeLog2 !== undefined) lowerPageSize(binaryen, mod, pageSizeLog2);
      if (memory64) lowerMemory64(binaryen, mod, mod.getFeatures());
      if (!mod.validate()) failWith('binaryen rejects the lowered module');
    } catch (e) {
      if (e instanceof Error && 'code' in e) throw e;
      return failWith(binaryenMessage(binaryen, e));
    }
    const out = mod.emitBinary().slice();
    const rejected = engineRejection(out);
    if (rejected !== null) return failWith(rejected);
    return out;
  } finally {
    mod?.dispose();
  }
}
