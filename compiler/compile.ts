/**
 * The pipeline: decode → validate → link → emit (ABI planning happens per
 * function inside emit). `compile` returns the output files; nothing is
 * written to disk here.
 */
import { decodeComponent } from './binary/decode.js';
import { emitModule } from './emit/module/index.js';
import type { ImportMap } from './emit/module/esm.js';
import { componentDts } from './emit/dts.js';
import { fail } from './errors/index.js';
import { link } from './link/link.js';
import { validateComponent } from './types/validate.js';
import { suspendingExports, type StackSwitching } from './emit/async/suspend.js';
import { asyncifyModuleWithStats } from './transform/asyncify.js';
import { withMemoryExport } from './transform/memory-export.js';
import { lowerMemory } from './transform/lower-memory.js';
import type { MemoryLoweringMode } from './transform/memory-plan.js';

export interface CompileOptions {
  /** base name of the output files (default `component`) */
  name?: string;
  /** `esm` (default): instantiate at top level with ES imports; `async`: only export `instantiate` */
  instantiation?: 'esm' | 'async';
  /** import name (or pattern with `*`) → ES specifier, optionally `#export` */
  map?: ImportMap;
  /** core modules under this many bytes are inlined as base64 (default 4096) */
  inlineCutoff?: number;
  /** emit `<name>.d.ts` (default true) */
  typescript?: boolean;
  /** what the source map `<name>.js.map` calls the component binary (default `<name>.wasm`); generated code maps to its byte offsets */
  sourceName?: string;
  /**
   * How core code that must block switches stacks (issue 7): `jspi`
   * (WebAssembly.Suspending/promising: Node >= 24, Chromium), `asyncify`
   * (binaryen's transform: every engine) or `auto` (default: both are shipped
   * and the output picks at instantiation). Only core instances that import
   * something that can block are affected.
   */
  stackSwitching?: StackSwitching;
  /**
   * Sync-typed host imports that may return a Promise: an import name
   * (`ns:pkg/iface@1.0.0`, a whole interface or a plain function import) or
   * `<interface>#<function>`. Core code calling them suspends until the
   * Promise settles; the exports that can reach them return Promises.
   */
  asyncImports?: string[];
  /**
   * Where the generated module finds each core module file it loads (and a
   * shared-thread worker script, `<name>.worker.js`): by
   * default `new URL('./<file>', import.meta.url)`, a form bundlers (Vite,
   * webpack, Parcel) follow on their own. Given this, the URL is the default
   * export of the ES module whose specifier it returns for the file name (how
   * the bundler plugin, compiler/bundler/, hands in emitted assets' URLs).
   */
  coreModuleImport?: (file: string) => string;
  /**
   * Core modules with a 64-bit memory (🐘 memory64) or custom page sizes,
   * which engines may lack (Node 20: both; Node 24: page sizes): `auto`
   * (default) ships each as it is and lowered by binaryen
   * (compiler/transform/lower-memory.ts), the output picking by feature
   * detection at instantiation; `always` ships only the lowered one, `never`
   * only the original.
   */
  memoryLowering?: MemoryLoweringMode;
}

export interface CompileResult {
  /** relative file name → contents; the entry is `<name>.js` */
  files: Record<string, string | Uint8Array>;
  /** the core instances that can suspend and the asyncify runs (empty for components that never block) */
  stack: StackReport;
}

export interface StackReport {
  /** suspendable core instances: index, module index, what can block in them */
  instances: { instance: number; module: number; reasons: string[]; imports: string[] }[];
  /** asyncified module files: binaryen time (0 when the cache served it) */
  asyncified: { file: string; bytes: number; ms: number; cacheHit: boolean }[];
}

const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export async function compile(bytes: Uint8Array, options: CompileOptions = {}): Promise<CompileResult> {
  const name = options.name ?? 'component';
  if (!NAME.test(name)) fail('compile/bad-option', undefined, 'name', `${JSON.stringify(name)} is not a plain file name`);
  const instantiation = options.instantiation ?? 'esm';
  if (instantiation !== 'esm' && instantiation !== 'async') {
    fail('compile/bad-option', undefined, 'instantiation', `must be 'esm' or 'async', not ${JSON.stringify(instantiation)}`);
  }
  const inlineCutoff = options.inlineCutoff ?? 4096;
  if (!Number.isInteger(inlineCutoff) || inlineCutoff < 0) {
    fail('compile/bad-option', undefined, 'inlineCutoff', 'must be a non-negative integer');
  }

  const stackSwitching = options.stackSwitching ?? 'auto';
  if (stackSwitching !== 'jspi' && stackSwitching !== 'asyncify' && stackSwitching !== 'auto') {
    fail('compile/bad-option', undefined, 'stackSwitching', `must be 'jspi', 'asyncify' or 'auto', not ${JSON.stringify(stackSwitching)}`);
  }
  const asyncImports = options.asyncImports ?? [];
  if (!Array.isArray(asyncImports) || asyncImports.some((n) => typeof n !== 'string' || n === '')) {
    fail('compile/bad-option', undefined, 'asyncImports', 'must be a list of import names');
  }

  if (options.coreModuleImport !== undefined && typeof options.coreModuleImport !== 'function') {
    fail('compile/bad-option', undefined, 'coreModuleImport', 'must be a function from file name to ES specifier');
  }

  const memoryLowering = options.memoryLowering ?? 'auto';
  if (memoryLowering !== 'auto' && memoryLowering !== 'always' && memoryLowering !== 'never') {
    fail('compile/bad-option', undefined, 'memoryLowering', `must be 'auto', 'always' or 'never', not ${JSON.stringify(memoryLowering)}`);
  }

  const component = decodeComponent(bytes);
  const info = validateComponent(component);
  const plan = link(info);
  const sourceName = options.sourceName ?? `${name}.wasm`;
  const { js, map, wasm, asyncify, suspend, lowered } = emitModule(plan, info, {
    name,
    sourceName,
    instantiation,
    inlineCutoff,
    map: options.map ?? {},
    stackSwitching,
    asyncImports,
    memoryLowering,
    ...(options.coreModuleImport ? { coreModuleImport: options.coreModuleImport } : {}),
  });

  const files: Record<string, string | Uint8Array> = { [`${name}.js`]: js, [`${name}.js.map`]: map, ...wasm };
  const stack: StackReport = {
    instances: [...suspend.instances.values()].map((s) => ({
      instance: s.instance,
      module: s.module,
      reasons: s.reasons,
      imports: s.imports.map((i) => `${i.module}.${i.name}`),
    })),
    asyncified: [],
  };
  for (const a of asyncify) {
    const m = plan.modules[a.module]!;
    // the driver writes its frame buffers into memory 0: JS must reach it
    const hasMemory = m.memories.length > 0 || m.imports.some((i) => i.desc.kind === 'memory');
    const exported = m.exports.some((e) => e.sort === 'memory');
    const bytes = a.lowered ? (await lowerMemory(m)).bytes : m.bytes;
    const input = hasMemory && !exported ? withMemoryExport(bytes, 'asyncify_memory') : bytes;
    const r = await asyncifyModuleWithStats(input, { imports: a.imports, offset: m.offset });
    files[a.file] = r.bytes;
    stack.asyncified.push({ file: a.file, bytes: m.bytes.length, ms: Math.round(r.ms), cacheHit: r.cacheHit });
  }
  for (const l of lowered) files[l.file] = (await lowerMemory(plan.modules[l.module]!)).bytes;
  if (options.typescript ?? true) {
    const promised = suspendingExports(plan, suspend);
    const sharedThreads = `${name}.worker.js` in files;
    files[`${name}.d.ts`] = componentDts(info.type, instantiation === 'esm', (path) => promised.has(path.join('\0')), { sharedThreads });
  }
  return { files, stack };
}
