/**
 * A component instance's table of shared-thread indices, in a
 * SharedArrayBuffer so that every agent (the main thread and each worker,
 * which may spawn too) allocates and frees indices synchronously: a bitmap
 * updated with Atomics. Index 0 is reserved (as in the spec's `Table`); a
 * thread's index is freed when its function returns or traps.
 */
import { trap } from '../traps.js';

/** 2^16 indices (index 0 reserved): the most shared threads one component instance runs at once. */
const THREAD_SLOT_WORDS = 2048;

export function threadSlotsNew(): Int32Array {
  const slots = new Int32Array(new SharedArrayBuffer(THREAD_SLOT_WORDS * 4));
  slots[0] = 1; // index 0 is never handed out
  return slots;
}

/** The lowest free index, now taken; traps when all are taken. */
export function threadSlotAlloc(slots: Int32Array): number {
  for (let w = 0; w < slots.length; w++) {
    for (;;) {
      const bits = Atomics.load(slots, w);
      if (bits === -1) break;
      const bit = 31 - Math.clz32(~bits & (bits + 1));
      if (Atomics.compareExchange(slots, w, bits, bits | (1 << bit)) === bits) return w * 32 + bit;
    }
  }
  return trap('trap/handle-table-full');
}

export function threadSlotFree(slots: Int32Array, index: number): void {
  Atomics.and(slots, index >>> 5, ~(1 << (index & 31)));
}

/** Is `index` taken (its thread still running)? */
export function threadSlotUsed(slots: Int32Array, index: number): boolean {
  return (Atomics.load(slots, index >>> 5) & (1 << (index & 31))) !== 0;
}
