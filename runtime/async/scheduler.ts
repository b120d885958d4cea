/**
 * The scheduler of one store (the spec's `Store.waiting` and `Store.tick`):
 * the threads that wait, in the order they started waiting, and the loop
 * that resumes ready ones. Where the spec picks a ready thread at random,
 * this picks the one that has waited longest, so runs are deterministic and
 * fair. The loop runs from a microtask whenever something may have become
 * ready (`schedulerWake`), or explicitly (`schedulerRun`, tests).
 *
 * It also keeps what the spec leaves to the embedder: the current thread
 * (the spec's `current_thread()`; built-ins read it), the event being
 * delivered (three scratch registers, so delivering an event allocates
 * nothing), the host calls still waiting for a result (rejected when the
 * store traps or deadlocks), and a count of host work in flight, so that
 * "nothing is ready and nothing outside can change that" is detected as the
 * deadlock it is.
 */
import type { ComponentInstance, ComponentStore } from '../resources/instance.js';
import { tagTrap, trap } from '../traps.js';
import type { AsyncThread } from './thread.js';
import { threadReady, threadResume, CONT_NESTED, CONT_PROMISE, WAIT_ANY, WAIT_EXCLUSIVE } from './thread.js';
import { componentEnterFrom, componentLeaveTo } from '../resources/instance.js';

/** A call from the host that is still waiting for its result: linked into the scheduler's list while it is (no allocation per call). */
export interface SchedulerHostCall {
  /** rejects the host's Promise (trap or deadlock) */
  fail(e: unknown): void;
  /** links of the scheduler's list of host calls; `linked` while in it */
  prevCall: SchedulerHostCall | null;
  nextCall: SchedulerHostCall | null;
  linked: boolean;
}

export class AsyncScheduler {
  readonly store: ComponentStore;
  /** waiting threads, oldest first: a doubly linked list through the threads */
  head: AsyncThread | null;
  tail: AsyncThread | null;
  numWaiting: number;
  /**
   * synchronous calls in progress whose thread had to suspend its stack
   * (innermost last): while there is one, only threads of the innermost
   * one's instance run, as in the spec, where a synchronous call runs to
   * its end before anything else (see `schedulerPin`)
   */
  pinned: AsyncThread[];
  /** the thread whose code is running (spec `current_thread()`); null at top level */
  current: AsyncThread | null;
  /** threads running asynchronously (a JSPI segment): nothing else is resumed meanwhile */
  busy: number;
  /** a run is queued as a microtask */
  scheduled: boolean;
  /** the run loop is on the stack */
  running: boolean;
  /** queue runs by itself (off in tests that step by hand) */
  autoRun: boolean;
  /** host work in flight that can still make something ready */
  external: number;
  /** host calls whose tasks have not resolved: a doubly linked list (schedulerAddHostCall) */
  hostCalls: SchedulerHostCall | null;
  numHostCalls: number;
  /** tasks whose threads have not all finished (a leak shows here) */
  numTasks: number;
  /** the event being delivered */
  evCode: number;
  evP1: number;
  evP2: number;
  /** yields resumed since the scheduler was last idle or the host's event loop last ran it (schedulerDefer) */
  yields: number;
  /** a run is queued as a macrotask */
  deferred: boolean;
  /** the trap that broke the store, once one did */
  failure: unknown;
  /** resolvers of `schedulerIdle` promises */
  idleWaiters: (() => void)[];
  readonly runFn: () => void;

  constructor(store: ComponentStore) {
    this.store = store;
    this.head = null;
    this.tail = null;
    this.numWaiting = 0;
    this.pinned = [];
    this.current = null;
    this.busy = 0;
    this.scheduled = false;
    this.running = false;
    this.autoRun = true;
    this.external = 0;
    this.hostCalls = null;
    this.numHostCalls = 0;
    this.numTasks = 0;
    this.evCode = 0;
    this.evP1 = 0;
    this.evP2 = 0;
    this.failure = null;
    this.yields = 0;
    this.deferred = false;
    this.idleWaiters = [];
    this.runFn = () => {
      this.scheduled = false;
      schedulerRun(this);
    };
  }
}

/** The scheduler of `inst`'s store, created on first use. */
export function schedulerOf(inst: ComponentInstance): AsyncScheduler {
  const store = inst.store;
  return store.sched ?? (store.sched = new AsyncScheduler(store));
}

/** Something may have become ready: queue a run. */
export function schedulerWake(s: AsyncScheduler): void {
  if (!s.scheduled && s.autoRun) {
    s.scheduled = true;
    queueMicrotask(s.runFn);
  }
}

/** `c` waits for its result: a trap or deadlock of the store rejects it. */
export function schedulerAddHostCall(s: AsyncScheduler, c: SchedulerHostCall): void {
  c.prevCall = null;
  c.nextCall = s.hostCalls;
  if (s.hostCalls !== null) s.hostCalls.prevCall = c;
  s.hostCalls = c;
  c.linked = true;
  s.numHostCalls++;
}

/** `c` has its result (or was rejected): no longer in the list. */
export function schedulerRemoveHostCall(s: AsyncScheduler, c: SchedulerHostCall): void {
  if (!c.linked) return;
  if (c.prevCall !== null) c.prevCall.nextCall = c.nextCall;
  else s.hostCalls = c.nextCall;
  if (c.nextCall !== null) c.nextCall.prevCall = c.prevCall;
  c.prevCall = null;
  c.nextCall = null;
  c.linked = false;
  s.numHostCalls--;
}

/** Appends `t` to the waiting list. */
export function schedulerPush(s: AsyncScheduler, t: AsyncThread): void {
  t.prev = s.tail;
  t.next = null;
  if (s.tail !== null) s.tail.next = t;
  else s.head = t;
  s.tail = t;
  s.numWaiting++;
}

/** Puts `t` at the head of the waiting list (it runs next: a cooperative thread switch). */
export function schedulerPushFront(s: AsyncScheduler, t: AsyncThread): void {
  t.prev = null;
  t.next = s.head;
  if (s.head !== null) s.head.prev = t;
  else s.tail = t;
  s.head = t;
  s.numWaiting++;
}

/** Unlinks `t` from the waiting list. */
export function schedulerRemove(s: AsyncScheduler, t: AsyncThread): void {
  if (t.prev !== null) t.prev.next = t.next;
  else s.head = t.next;
  if (t.next !== null) t.next.prev = t.prev;
  else s.tail = t.prev;
  t.prev = null;
  t.next = null;
  s.numWaiting--;
}

/**
 * The longest-waiting ready thread; with `inst`, only threads of that
 * instance that can run on the current stack (the spec's candidates while a
 * synchronous task blocks: not the instance's exclusive thread, and not a
 * suspended stack, which only resumes asynchronously).
 */
export function schedulerFirstReady(s: AsyncScheduler, inst: ComponentInstance | null, except: AsyncThread | null): AsyncThread | null {
  for (let t = s.head; t !== null; t = t.next) {
    if (t === except) continue;
    if (t.cont === CONT_NESTED) continue; // only its own loop, on the stack, resumes it (coop.ts)
    if (inst !== null && (t.task.inst !== inst || t === inst.exclusiveThread || t.cont === CONT_PROMISE)) continue;
    if (threadReady(t)) return t;
  }
  return null;
}

/** `t` waits for a synchronous callee that suspended (its host or a component). */
export const PIN_CALL = 1;
/** `t`, the implicit thread of a synchronous task, blocked in a cooperative-thread built-in (coop.ts). */
export const PIN_BLOCKED = 2;

/** The thread of a synchronous call suspended its stack (`kind`: PIN_CALL or PIN_BLOCKED; `at`: its depth among the calls in progress). */
export function schedulerPin(s: AsyncScheduler, t: AsyncThread, kind: number, at = s.pinned.length): void {
  t.pin = kind;
  s.pinned.splice(at, 0, t);
}

/** `t` runs again: its call is no longer pinned. */
export function schedulerUnpin(s: AsyncScheduler, t: AsyncThread): void {
  t.pin = 0;
  const k = s.pinned.lastIndexOf(t);
  if (k >= 0) s.pinned.splice(k, 1);
}

/**
 * While a synchronous call is pinned (or blocks on the stack, coop.ts): the
 * first ready thread of its instance that can run now (not the exclusive
 * one, not one blocked on the stack), or `self`, the blocked thread, once
 * it is ready again.
 */
export function schedulerFirstPinned(s: AsyncScheduler, inst: ComponentInstance, self: AsyncThread | null = null): AsyncThread | null {
  for (let t = s.head; t !== null; t = t.next) {
    if (t !== self && (t.task.inst !== inst || t === inst.exclusiveThread || t.cont === CONT_NESTED)) continue;
    if (threadReady(t)) return t;
  }
  return null;
}

/**
 * Resumes ready threads, oldest first, until none is ready (the spec's
 * `tick`, repeated). Each runs inside its instance, entered from the host.
 * Returns when a thread goes on asynchronously (JSPI); its end queues the
 * next run.
 */
export function schedulerRun(s: AsyncScheduler): void {
  if (s.running) return;
  if (s.store.poisoned) {
    schedulerFlushIdle(s);
    return;
  }
  s.running = true;
  let deferred = false;
  try {
    while (s.busy === 0) {
      const pin = s.pinned.length === 0 ? null : s.pinned[s.pinned.length - 1]!;
      const t = pin === null ? schedulerFirstReady(s, null, null) : schedulerFirstPinned(s, pin.task.inst);
      if (t === null) {
        // the end of a synchronous `canon_lift`: blocked with no other thread of the instance ready
        if (pin !== null && pin.pin === PIN_BLOCKED) trap('trap/cannot-block-sync');
        // idle: no thread is yielding its way past the host's event loop, the budget starts over
        if (pin === null) s.yields = 0;
        break;
      }
      if ((t.waitKind === WAIT_ANY || t.waitKind === WAIT_EXCLUSIVE) && ++s.yields > SCHED_YIELD_BUDGET) {
        schedulerDefer(s);
        deferred = true;
        break;
      }
      schedulerResumeTop(s, t);
    }
  } catch (e) {
    s.running = false;
    schedulerFail(s, e);
    return;
  }
  s.running = false;
  if (s.busy === 0 && !deferred) schedulerSettle(s);
}

/**
 * Yields resumed from microtasks before the scheduler lets the host's event
 * loop (timers, I/O) run: a thread that yields forever must not starve it.
 * The count starts over whenever no thread is ready (a thread that yields
 * forever never lets that happen), so calls that yield now and then do not
 * pay a macrotask hop.
 */
const SCHED_YIELD_BUDGET = 256;

/** Goes on from a macrotask (setImmediate, else setTimeout), with a fresh yield budget. */
function schedulerDefer(s: AsyncScheduler): void {
  if (s.deferred) return;
  s.deferred = true;
  const go = (): void => {
    s.deferred = false;
    s.yields = 0;
    schedulerRun(s);
  };
  if (typeof setImmediate === 'function') setImmediate(go);
  else setTimeout(go, 0);
}

/** Resumes one ready thread (tests step with this); false when none is ready. */
export function schedulerStep(s: AsyncScheduler): boolean {
  if (s.busy !== 0) return false;
  const t = schedulerFirstReady(s, null, null);
  if (t === null) return false;
  try {
    schedulerResumeTop(s, t);
  } catch (e) {
    schedulerFail(s, e);
  }
  return true;
}

function schedulerResumeTop(s: AsyncScheduler, t: AsyncThread): void {
  const inst = t.task.inst;
  if (t.cont === CONT_PROMISE) {
    // the thread enters its instance itself when its stack actually resumes
    threadResume(s, t, 0);
    return;
  }
  componentEnterFrom(inst, null);
  threadResume(s, t, 0);
  componentLeaveTo(inst, null);
}

/**
 * Nothing is ready: wake `schedulerIdle` waiters, and if host calls still
 * wait while threads wait and no host work is in flight, nothing can ever
 * make progress. (With no thread waiting, the calls wait on something the
 * scheduler does not see, such as a stack suspended in a host import: no
 * verdict.)
 */
function schedulerSettle(s: AsyncScheduler): void {
  if (s.external === 0 && s.numHostCalls > 0 && s.numWaiting > 0) {
    try {
      trap('trap/deadlock');
    } catch (e) {
      schedulerFail(s, e);
    }
  }
  schedulerFlushIdle(s);
}

function schedulerFlushIdle(s: AsyncScheduler): void {
  if (s.idleWaiters.length > 0) {
    const waiters = s.idleWaiters;
    s.idleWaiters = [];
    for (const w of waiters) w();
  }
}

/** A Promise that settles once no thread is ready (host work may still be in flight). */
export function schedulerIdle(s: AsyncScheduler): Promise<void> {
  return new Promise((resolve) => {
    s.idleWaiters.push(resolve);
    s.scheduled = false;
    if (s.autoRun) schedulerWake(s);
    else queueMicrotask(s.runFn);
  });
}

/**
 * A trap escaped while the store ran on its own (no host call on the stack
 * to throw to): the store is poisoned and every host call still waiting is
 * rejected with it.
 */
export function schedulerFail(s: AsyncScheduler, e: unknown): void {
  const err = tagTrap(e);
  s.store.poisoned = true;
  if (s.failure === null) s.failure = err;
  // oldest first, as they were added
  const calls: SchedulerHostCall[] = [];
  for (let c = s.hostCalls; c !== null; c = c.nextCall) calls.push(c);
  calls.reverse();
  for (const c of calls) schedulerRemoveHostCall(s, c);
  for (const c of calls) c.fail(err);
  schedulerFlushIdle(s);
}

/** Host work that can make a thread ready has started (+1) or ended (-1). */
export function schedulerExternal(s: AsyncScheduler, delta: number): void {
  s.external += delta;
  if (s.external === 0) schedulerWake(s);
}
