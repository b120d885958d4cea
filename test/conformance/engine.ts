/**
 * What the running WebAssembly engine accepts, found by validating tiny core
 * modules (no version sniffing: a Node with a flag, or a newer one, simply
 * says yes). Only the core-wasm proposals the feature classifier reports
 * matter here; the Component Model gates are canonjs's business, not the engine's.
 */
import type { Feature } from '../../compiler/binary/opcodes.js';

export type EngineFeature = Extract<
  Feature,
  'exceptions' | 'gc' | 'multi-memory' | 'custom-page-sizes' | 'shared-memory' | 'stack-switching' | 'simd' | 'memory64'
>;

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** A module of `sections`, each `[id, ...contents]` (the size is filled in; all are < 128 bytes). */
function module(...sections: number[][]): Uint8Array<ArrayBuffer> {
  return new Uint8Array([...HEADER, ...sections.flatMap(([id, ...body]) => [id!, body.length, ...body])]);
}

const TYPE = 1;
const FUNC = 3;
const MEMORY = 5;
const CODE = 10;

/** One probe module per feature: it validates only where the engine has the proposal. */
export const PROBES: Record<EngineFeature, Uint8Array<ArrayBuffer>> = {
  // `block (try_table (catch_all 0)) end`: the suite's tag tests use try_table, i.e.
  // exnref; Node 20's legacy `try`/`catch` does not count.
  exceptions: module(
    [TYPE, 1, 0x60, 0, 0],
    [FUNC, 1, 0],
    [CODE, 1, 11, 0, 0x02, 0x40, 0x1f, 0x40, 1, 0x02, 0, 0x0b, 0x0b, 0x0b],
  ),
  // an empty struct type
  gc: module([TYPE, 1, 0x5f, 0]),
  // two memories
  'multi-memory': module([MEMORY, 2, 0, 0, 0, 0]),
  // limits flag 0x04: 64-bit addresses
  memory64: module([MEMORY, 1, 0x04, 0]),
  // limits flag 0x08: a page size of 2^0 bytes
  'custom-page-sizes': module([MEMORY, 1, 0x08, 0, 0]),
  // limits flag 0x03: shared, with a maximum
  'shared-memory': module([MEMORY, 1, 0x03, 0, 1]),
  // a continuation type over `(func)`
  'stack-switching': module([TYPE, 2, 0x60, 0, 0, 0x5d, 0]),
  // `(func (param v128))`
  simd: module([TYPE, 1, 0x60, 1, 0x7b, 0]),
};

export type EngineSupport = Record<EngineFeature, boolean>;

export function detectEngine(): EngineSupport {
  const out = {} as EngineSupport;
  for (const [f, bytes] of Object.entries(PROBES) as [EngineFeature, Uint8Array<ArrayBuffer>][]) {
    out[f] = WebAssembly.validate(bytes);
  }
  return out;
}

export function isEngineFeature(f: Feature): f is EngineFeature {
  return Object.hasOwn(PROBES, f);
}
