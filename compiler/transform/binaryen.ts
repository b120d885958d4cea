/**
 * What the binaryen-based transforms share (asyncify.ts, lower-memory.ts):
 * loading binaryen.js lazily, its version (part of cache keys), the feature
 * set modules are read and written with, its error messages, and the
 * engine's verdict on an output.
 */
import { createRequire } from 'node:module';

export type Binaryen = typeof import('binaryen').default;

// binaryen.Features bits (index.d.ts); spelled here so the key needs no binaryen import
const F_MUTABLE_GLOBALS = 1 << 1;
const F_NONTRAPPING_FPTOINT = 1 << 2;
const F_SIMD128 = 1 << 3;
const F_BULK_MEMORY = 1 << 4;
const F_SIGN_EXT = 1 << 5;
const F_REFERENCE_TYPES = 1 << 8;
const F_MULTIVALUE = 1 << 9;
const F_BULK_MEMORY_OPT = 1 << 19;
const F_CALL_INDIRECT_OVERLONG = 1 << 20;

/** The feature set every target engine has (Node 20 / V8 11.3, Safari 16.4+, Firefox). */
export const BASELINE_FEATURES =
  F_MUTABLE_GLOBALS |
  F_NONTRAPPING_FPTOINT |
  F_SIMD128 |
  F_BULK_MEMORY |
  F_BULK_MEMORY_OPT |
  F_SIGN_EXT |
  F_REFERENCE_TYPES |
  F_MULTIVALUE |
  F_CALL_INDIRECT_OVERLONG;

let loading: Promise<Binaryen> | undefined;

/** binaryen.js, imported on first use only (100 MB, 1–2 s). */
export function loadBinaryen(): Promise<Binaryen> {
  return (loading ??= import('binaryen').then((m) => m.default));
}

let version: string | undefined;

/** The installed binaryen version (read from its package.json, without loading binaryen). */
export function binaryenVersion(): string {
  if (version !== undefined) return version;
  try {
    const require = createRequire(import.meta.url);
    version = (require('binaryen/package.json') as { version: string }).version;
  } catch {
    version = 'unknown';
  }
  return version;
}

/** binaryen's C++ exceptions arrive as emscripten objects; their text comes from getExceptionMessage (shared by the transforms). */
export function binaryenMessage(binaryen: Binaryen, e: unknown): string {
  if (e instanceof Error) return e.message;
  try {
    const get = (binaryen as unknown as { getExceptionMessage?: (e: unknown) => unknown }).getExceptionMessage;
    const m = get?.(e);
    if (Array.isArray(m)) return m.filter(Boolean).join(': ');
    if (m) return String(m);
  } catch {
    // fall through
  }
  return String(e);
}

/** Why the engine refuses the module `out` (its validator names the problem), or null when it validates. */
export function engineRejection(out: Uint8Array<ArrayBuffer>): string | null {
  if (WebAssembly.validate(out)) return null;
  try {
    new WebAssembly.Module(out);
  } catch (e) {
    return `the output does not validate: ${(e as Error).message}`;
  }
  return null;
}
