/**
 * The asyncify transform (binaryen's `asyncify` pass): rewrites a core module
 * so that its stack can unwind into linear memory and rewind later, which is
 * how a core module blocks on engines without JSPI (Node 20/22, Safari). The
 * runtime half is runtime/async/asyncify.ts (the unwind/rewind driver).
 *
 * Only the functions that can reach one of `imports` are instrumented
 * (`asyncify-imports`): the narrower that list, the smaller and faster the
 * output (asyncify instruments every function on a path to a listed import,
 * and every function that makes an indirect call unless `ignoreIndirect`).
 *
 * Cost: about 25 s per MB of core code at -O2, so binaryen.js (100 MB, 1–2 s
 * to import) is loaded only when a transform really runs, and outputs are
 * cached by content (cache.ts).
 *
 * Features: binaryen reads a binary as MVP unless told otherwise, and its
 * `Features.All` output is rejected by V8, so the module is read and written
 * with an explicit set: what every engine canonjs targets has (Node 20:
 * mutable-globals, sign-ext, non-trapping float-to-int, bulk memory, SIMD,
 * multi-value, reference types), plus `extraFeatures` for a module that
 * needs more (threads, tail calls, ...). memory64 and multi-memory modules are
 * not supported by this path (Node 20 lacks both).
 */
import { fail } from '../errors/index.js';
import { cacheGet, cachePut, transformCacheDir, transformKey } from './cache.js';
import { withBinaryenNames } from '../binary/patch.js';
import { BASELINE_FEATURES, binaryenMessage, binaryenVersion, engineRejection, loadBinaryen, type Binaryen } from './binaryen.js';

export interface AsyncifyOptions {
  /** the imports that may suspend (return a Promise through the runtime's `suspending` wrapper) */
  imports: { module: string; name: string }[];
  /**
   * the exports the runtime will enter through its `promising` wrapper; each
   * must exist (a typo would otherwise surface as a runtime trap)
   */
  exports?: string[];
  /** binaryen optimize level after the pass (default 1: asyncify's output is large unoptimized; -O2 costs ~2x) */
  optimizeLevel?: 0 | 1 | 2 | 3;
  /** assume indirect calls never suspend (smaller, faster; wrong if a suspending import is reachable through a table) */
  ignoreIndirect?: boolean;
  /** binaryen feature bits to add to the default set (e.g. `Features.Atomics`) */
  extraFeatures?: number;
  /** cache folder; false to bypass the cache. Default: transformCacheDir('asyncify') */
  cacheDir?: string | false;
  /** offset of this core module in the outermost input, for errors */
  offset?: number;
  /**
   * A module without a memory gets one (0 pages, exported under this name)
   * for the saved frames: asyncify keeps them in memory 0. Default
   * `asyncify_memory`; false to leave such a module without one.
   */
  memoryExport?: string | false;
}

/** What a transform call did (for tests and the bench). */
export interface AsyncifyStats {
  cacheHit: boolean;
  /** milliseconds spent in binaryen (0 on a cache hit) */
  ms: number;
}

/** Bumped whenever the pass pipeline below changes: part of every cache key. */
const PIPELINE_VERSION = 2;

type BinaryenModule = InstanceType<Binaryen['Module']>;

/** The `asyncify-imports` list: `module.name` entries, comma-separated (binaryen's syntax). */
export function asyncifyImportList(imports: AsyncifyOptions['imports']): string {
  const seen = new Set<string>();
  for (const { module, name } of imports) {
    const entry = `${module}.${name}`;
    // binaryen splits the list on commas (outside brackets) and treats `*` as a wildcard
    if (/[,*]/.test(entry)) fail('compile/transform-failed', undefined, 'asyncify', `import ${entry} has a name binaryen's asyncify-imports list cannot express`);
    seen.add(entry);
  }
  return [...seen].sort().join(',');
}

/**
 * Asyncifies `bytes` for the runtime's asyncify Suspender; the output adds
 * the exports `asyncify_start_unwind`, `asyncify_stop_unwind`,
 * `asyncify_start_rewind`, `asyncify_stop_rewind` and `asyncify_get_state`.
 * With no suspending imports the input comes back unchanged.
 */
export async function asyncifyModule(bytes: Uint8Array, opts: AsyncifyOptions): Promise<Uint8Array> {
  return (await asyncifyModuleWithStats(bytes, opts)).bytes;
}

/** `asyncifyModule`, also saying whether the cache served it and how long binaryen took. */
export async function asyncifyModuleWithStats(bytes: Uint8Array, opts: AsyncifyOptions): Promise<AsyncifyStats & { bytes: Uint8Array }> {
  const list = asyncifyImportList(opts.imports);
  if (list === '') return { bytes, cacheHit: false, ms: 0 };
  const level = opts.optimizeLevel ?? 1;
  const features = BASELINE_FEATURES | (opts.extraFeatures ?? 0);
  const exports = [...new Set(opts.exports ?? [])].sort();
  const stamp = JSON.stringify({
    pass: 'asyncify',
    pipeline: PIPELINE_VERSION,
    binaryen: binaryenVersion(),
    imports: list,
    exports,
    level,
    indirect: !opts.ignoreIndirect,
    features,
    memory: opts.memoryExport ?? 'asyncify_memory',
  });
  const dir = opts.cacheDir === false ? undefined : (opts.cacheDir ?? transformCacheDir('asyncify'));
  const key = transformKey(bytes, stamp);
  if (dir !== undefined) {
    const hit = cacheGet(dir, key);
    if (hit !== undefined) return { bytes: hit, cacheHit: true, ms: 0 };
  }
  const t0 = performance.now();
  const out = await runAsyncify(bytes, list, exports, level, !!opts.ignoreIndirect, features, opts.offset, opts.memoryExport ?? 'asyncify_memory');
  const ms = performance.now() - t0;
  if (dir !== undefined) cachePut(dir, key, out);
  return { bytes: out, cacheHit: false, ms };
}

async function runAsyncify(
  bytes: Uint8Array,
  list: string,
  exports: string[],
  level: number,
  ignoreIndirect: boolean,
  features: number,
  offset: number | undefined,
  memoryExport: string | false,
): Promise<Uint8Array> {
  const binaryen = await loadBinaryen();
  const failWith = (detail: string): never => fail('compile/transform-failed', offset, 'asyncify', detail);
  // optimize/shrink levels and pass arguments are binaryen globals: set them, and restore them after
  const savedOpt = binaryen.getOptimizeLevel();
  const savedShrink = binaryen.getShrinkLevel();
  const savedDebug = binaryen.getDebugInfo();
  let mod: BinaryenModule | undefined;
  try {
    try {
      // readBinary's second argument (the features) is missing from index.d.ts
      mod = (binaryen.readBinary as (data: Uint8Array, features?: number) => BinaryenModule)(withBinaryenNames(bytes), features);
    } catch (e) {
      return failWith(`binaryen cannot read the module: ${binaryenMessage(binaryen, e)}`);
    }
    for (const name of exports) {
      if (!mod.getExport(name)) failWith(`the module has no export named ${JSON.stringify(name)}`);
    }
    // the unwound frames go in memory 0: a module without one gets one the runtime can grow
    if (memoryExport !== false && !mod.hasMemory()) mod.setMemory(0, 65536, memoryExport);
    binaryen.setOptimizeLevel(level);
    binaryen.setShrinkLevel(0);
    // keep the function names of a module that has them (stack traces), as wasm-opt -g does
    binaryen.setDebugInfo(hasNameSection(bytes));
    binaryen.setPassArgument('asyncify-imports', list);
    if (ignoreIndirect) binaryen.setPassArgument('asyncify-ignore-indirect', '1');
    try {
      mod.runPasses(['asyncify']);
      if (level > 0) mod.optimize();
    } catch (e) {
      return failWith(binaryenMessage(binaryen, e));
    }
    let out: Uint8Array<ArrayBuffer>;
    try {
      out = mod.emitBinary().slice();
    } catch (e) {
      return failWith(`binaryen cannot write the module: ${binaryenMessage(binaryen, e)}`);
    }
    // binaryen does not validate on write; the engine's validator names the problem (e.g. a feature outside the set)
    const rejected = engineRejection(out);
    if (rejected !== null) return failWith(rejected);
    return out;
  } finally {
    mod?.dispose();
    binaryen.clearPassArguments();
    binaryen.setOptimizeLevel(savedOpt);
    binaryen.setShrinkLevel(savedShrink);
    binaryen.setDebugInfo(savedDebug);
  }
}

function hasNameSection(bytes: Uint8Array): boolean {
  try {
    return WebAssembly.Module.customSections(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>), 'name').length > 0;
  } catch {
    return false;
  }
}

