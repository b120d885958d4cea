/**
 * Waitables (the spec's `Waitable`): subtasks and the ends of streams and
 * futures. A waitable has at most one pending event, kept as a flag plus
 * whatever the waitable needs to compute the event when it is delivered
 * (`deliver`), so that setting and replacing events allocates nothing. It
 * may belong to one waitable set, whose count of pending members it keeps
 * up to date.
 *
 * An interface, not a base class: the compiler splices runtime declarations
 * in file order, and a class must not extend one declared later.
 */
import type { AsyncScheduler } from './scheduler.js';
import { schedulerWake } from './scheduler.js';
import type { WaitableSet } from './waitable-set.js';

export interface Waitable {
  readonly sched: AsyncScheduler;
  wset: WaitableSet | null;
  pending: boolean;
  /** a thread waits for this waitable's event synchronously */
  hasSyncWaiter: boolean;
  /** the waitable's index in its instance's handle table (an event's p1) */
  handle: number;
  /** Writes the event (just taken) into the scheduler's registers. */
  deliver(s: AsyncScheduler): void;
}

/** Sets (or replaces) the pending event; waiting threads may now be ready. */
export function waitableSetPending(w: Waitable): void {
  if (!w.pending) {
    w.pending = true;
    if (w.wset !== null) w.wset.numPending++;
  }
  if (w.sched.numWaiting > 0) schedulerWake(w.sched);
}

/** Takes the pending event into `s`'s registers (spec `get_pending_event`). */
export function waitableTakeEvent(s: AsyncScheduler, w: Waitable): void {
  w.pending = false;
  if (w.wset !== null) w.wset.numPending--;
  w.deliver(s);
}

/** Moves `w` into `wset`, or out of any set (null). */
export function waitableJoin(w: Waitable, wset: WaitableSet | null): void {
  const old = w.wset;
  if (old !== null) {
    const elems = old.elems;
    const k = elems.indexOf(w);
    elems.splice(k, 1);
    if (k < old.cursor) old.cursor--;
    if (w.pending) old.numPending--;
  }
  w.wset = wset;
  if (wset !== null) {
    wset.elems.push(w);
    if (w.pending) {
      wset.numPending++;
      if (w.sched.numWaiting > 0) schedulerWake(w.sched);
    }
  }
}
