/**
 * What the memory lowerings need to know about a link plan, before any
 * binaryen runs: which core modules use memory features that engines may
 * lack (🐘 memory64, custom page sizes), so the output ships them both as
 * they are and lowered (memory64.ts, page-size.ts) and picks one at
 * instantiation; which memory a canon `memory` option names (the glue's
 * view of it); and the uses of a 64-bit memory canonjs does not compile yet.
 *
 * Engines today (measured): Node 20 has neither feature, Node 22+ has
 * memory64, no engine has custom page sizes.
 */
import type { CoreMemoryType, CoreModule } from '../binary/ast.js';
import { fail } from '../errors/index.js';
import type { CoreItem, LinkPlan } from '../link/plan.js';

/** The memory lowerings a core module needs on an engine without the features it uses. */
export interface MemoryLowering {
  /** a 64-bit memory or table: lower to 32 bits (binaryen memory64-lowering, table64-lowering) */
  memory64: boolean;
  /** a memory with custom page sizes: lower to 64 KiB pages */
  pageSize: boolean;
}

/** How the output runs modules that use these features: both variants picked at instantiation, only lowered, or only as they are. */
export type MemoryLoweringMode = 'auto' | 'always' | 'never';

/** The memory types of a module's memory index space: imports first, then its own. */
export function moduleMemories(m: CoreModule): CoreMemoryType[] {
  return [...m.imports.flatMap((i) => (i.desc.kind === 'memory' ? [i.desc] : [])), ...m.memories];
}

/** What `m` needs lowered on an engine that lacks memory64 and custom page sizes; null when nothing. */
export function memoryLoweringOf(m: CoreModule): MemoryLowering | null {
  const memories = moduleMemories(m);
  const tables = [...m.imports.flatMap((i) => (i.desc.kind === 'table' ? [i.desc] : [])), ...m.tables];
  const memory64 = memories.some((x) => x.memory64) || tables.some((t) => t.table64);
  const pageSize = memories.some((x) => x.pageSizeLog2 !== undefined);
  return memory64 || pageSize ? { memory64, pageSize } : null;
}

/** The export name of the global holding the byte size of a lowered custom-page-size memory exported as `name`. */
export function byteSizeGlobalName(memoryExport: string): string {
  return `canonjs:bytes:${memoryExport}`;
}

/** The memory a core memory item is: its type and the module that exports it. */
export function memoryOfItem(plan: LinkPlan, item: CoreItem): { type: CoreMemoryType; module: CoreModule } | undefined {
  if (item.kind !== 'export') return undefined;
  const step = plan.steps.find((s) => s.kind === 'core-instantiate' && s.instance === item.instance);
  if (!step || step.kind !== 'core-instantiate') return undefined;
  const module = plan.modules[step.module]!;
  const e = module.exports.find((x) => x.sort === 'memory' && x.name === item.name);
  const type = e && moduleMemories(module)[e.index];
  return type && { type, module };
}

/** The canonical built-ins whose core signature has the memory's address type `T` (SPEC-DIGEST): still 32-bit in canonjs. */
const ADDRESS_BUILTINS = new Set([
  'stream.read', 'stream.write', 'future.read', 'future.write', 'error-context.new', 'error-context.debug-message',
  'waitable-set.wait', 'waitable-set.poll', 'thread.new-indirect', 'thread.spawn-ref', 'thread.spawn-indirect',
]);

/**
 * Fails on the uses of a 64-bit memory canonjs does not compile yet: async
 * lifts and lowers (the async runtime's addresses are 32-bit) and the async
 * built-ins that take addresses. Synchronous lifts and lowers, and
 * `task.return`, work.
 */
export function checkMemory64Uses(plan: LinkPlan): void {
  for (const step of plan.steps) {
    if (step.kind === 'lift' || step.kind === 'lower') {
      if (step.opts.ptrType === 'i64' && (step.opts.async || step.type.async)) {
        fail('compile/unsupported', step.offset, `an async ${step.kind === 'lift' ? 'lift' : 'lower'} with a 64-bit memory (🐘)`);
      }
    } else if (step.kind === 'builtin' && step.opts.ptrType === 'i64' && ADDRESS_BUILTINS.has(step.canon.name)) {
      fail('compile/unsupported', step.offset, `${step.canon.name} with a 64-bit memory (🐘)`);
    }
  }
}
