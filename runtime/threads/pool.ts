/**
 * The main thread's idle workers, per store: a shared thread's worker that
 * has ended its thread (and whose children ended) waits for the next thread
 * of the same store instead of closing, so a spawn skips starting a worker
 * (each thread still instantiates its replicas afresh). Who owns an idle
 * worker is decided by one atomic cell per worker, shared with it:
 *
 *   BUSY --(worker: thread and children done)--> IDLE
 *   IDLE --(main: compareExchange, a spawn)--> BUSY
 *   IDLE --(worker: compareExchange, idle too long)--> RETIRED (it closes)
 *
 * so a worker is never both handed a thread and closing. The cell, not a
 * message, says "idle": a spawn loop inside one call (the main thread never
 * returns to its event loop) reuses workers too.
 */
import type { ThreadWorker } from './platform.js';

export const THREAD_BUSY = 0;
export const THREAD_IDLE = 1;
export const THREAD_RETIRED = 2;

/** How long an idle worker waits for another thread before it closes. */
export const THREAD_IDLE_MS = 2000;

/** A pooled worker: its state cell, and the thread it runs now (for a crash report). */
export interface ThreadPooled {
  worker: ThreadWorker;
  /** one Int32 on a SharedArrayBuffer: BUSY, IDLE or RETIRED */
  state: Int32Array;
  slots: Int32Array;
  index: number;
}

/** A new pooled worker's state cell (busy: it is made for a thread). */
export function threadPoolCell(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

/** Takes an idle worker of `pool` (dropping retired ones), or undefined. */
export function threadPoolTake(pool: ThreadPooled[]): ThreadPooled | undefined {
  for (let i = 0; i < pool.length; ) {
    const p = pool[i]!;
    const was = Atomics.compareExchange(p.state, 0, THREAD_IDLE, THREAD_BUSY);
    if (was === THREAD_IDLE) return p;
    if (was === THREAD_RETIRED) pool.splice(i, 1);
    else i++;
  }
  return undefined;
}
