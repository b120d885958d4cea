/**
 * Which cases the executor runs, decided mechanically from the feature gates
 * the runner computed for the case's components: the synchronous Component
 * Model gates that canonjs compiles, plus the core-wasm proposals the running
 * engine accepts. Everything else is "not run", with the reason.
 */
import type { Feature } from '../../compiler/binary/opcodes.js';
import { isEngineFeature, type EngineSupport } from './engine.js';

/**
 * Component Model gates canonjs compiles: the synchronous ones, async
 * (issue 7) and cooperative threads.
 */
const SYNC = new Set<Feature>([
  'mvp', 'fixed-lists', 'map', 'nested-names', 'implements', 'canonical-names',
  'async', 'async-builtins', 'stackful', 'error-context', 'coop-threads',
]);

/** Gates canonjs does not compile yet, with the Explainer's marker and the issue that brings them. */
const LATER: Partial<Record<Feature, string>> = {
  'shared-threads': 'shared-everything threads 🧵②',
  values: 'value imports/exports and start 🪙',
};

/** What an engine lacking a core proposal is missing, for the detail. */
const ENGINE_NEED: Record<string, string> = {
  exceptions: 'exceptions (exnref, try_table) need Node ≥ 22',
  gc: 'GC types need Node ≥ 22',
  'multi-memory': 'multi-memory needs Node ≥ 22',
  memory64: 'memory64 needs Node ≥ 22',
  'custom-page-sizes': 'custom page sizes: no engine runs them',
  'stack-switching': 'stack switching: no engine runs it',
  'shared-memory': 'shared memory: this engine lacks it',
  simd: 'SIMD: this engine lacks it',
};

/**
 * Why a case with these features does not run here, or null when it runs.
 * The reasons are listed in a stable order: first what canonjs lacks, then
 * what the engine lacks.
 */
export function notRunReason(features: Iterable<Feature>, engine: EngineSupport): string | null {
  const later: string[] = [];
  const engineNeeds: string[] = [];
  for (const f of [...features].sort()) {
    if (SYNC.has(f)) continue;
    if (isEngineFeature(f)) {
      if (!engine[f]) engineNeeds.push(ENGINE_NEED[f] ?? `${f}: this engine lacks it`);
      continue;
    }
    later.push(LATER[f] ?? f);
  }
  const parts: string[] = [];
  if (later.length) parts.push(`needs ${later.join(', ')}`);
  if (engineNeeds.length) parts.push(`${engineNeeds.join('; ')} (this is Node ${process.versions.node})`);
  return parts.length ? parts.join('; ') : null;
}
