/**
 * Traps with a detail: the catalogue's text names the rule, the detail names
 * the case (`unknown handle index: 5`). Only called on the failing path, so
 * callers build the detail string lazily.
 */
import { TRAPS, type Trap, type TrapCode } from '../traps.js';

/** Throws the trap `code` with `detail` appended to its message. */
export function trapWith(code: TrapCode, detail: string): never {
  const e = new WebAssembly.RuntimeError(`${TRAPS[code]}: ${detail}`) as Trap;
  e.code = code;
  throw e;
}
