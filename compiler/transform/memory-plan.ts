/**
 * What the memory lowerings need to know about a link plan, before any
 * binaryen runs: which core modules use memory features that engines may
 * lack (🐘 memory64, custom page sizes), so the output ships them both as
 * they are and lowered (memory64.ts, page-size.ts) and picks one at
 * instantiation; which memory a canon `memory` option names (the glue's
 * view of it); and how stack switching combines with the lowering.
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

/**
 * Stack switching in a core module with such a memory: JSPI runs the module
 * as it is or lowered; asyncify runs on the lowered twin only (its driver,
 * runtime/async/asyncify.ts, keeps 32-bit buffer pointers), so engines
 * without JSPI run the lowered module asyncified whether or not they have
 * memory64. Not compiled: custom page sizes (the driver grows memory in
 * 64 KiB pages behind the lowered size's back), and asyncify without the
 * lowering (`memoryLowering: 'never'`).
 */
export function checkStackSwitchingMemory(m: CoreModule, lowering: MemoryLowering | null, stackSwitching: 'auto' | 'jspi' | 'asyncify'): void {
  const needs = memoryLoweringOf(m);
  if (!needs) return;
  if (needs.pageSize) fail('compile/unsupported', m.offset, 'stack switching in a core module with a custom-page-size memory');
  if (!lowering && stackSwitching !== 'jspi') {
    fail('compile/unsupported', m.offset, "asyncify of a core module with a 64-bit memory without its lowered twin (memoryLowering 'never': use stackSwitching 'jspi')");
  }
}
