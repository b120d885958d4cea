/**
 * The main thread's pool of idle workers (runtime/threads/pool.ts): who owns
 * an idle worker is one atomic cell, so a spawn takes an idle worker or
 * starts a new one, never a busy or retired one. Here with a stand-in
 * platform that counts the workers it starts and plays the worker's side
 * of the cell; the real workers run in indirect.test.ts and the bundler's
 * threads test.
 */
import { describe, expect, test } from 'vitest';
import { THREAD_BUSY, THREAD_IDLE, THREAD_RETIRED, threadPoolCell, threadPoolTake, type ThreadPooled } from '../../runtime/threads/pool.js';
import type { ThreadPlatform } from '../../runtime/threads/platform.js';
import type { ThreadReport, ThreadShared, ThreadStart } from '../../runtime/threads/plan.js';
import { threadSlotAlloc, threadSlotsNew, threadSlotUsed } from '../../runtime/threads/slots.js';
import { threadStart, type ThreadContext } from '../../runtime/threads/spawn.js';

const pooled = (state: number): ThreadPooled => {
  const cell = threadPoolCell();
  cell[0] = state;
  return { worker: { post() {} }, state: cell, slots: threadSlotsNew(), index: 0 };
};

describe('threadPoolTake', () => {
  test('takes an idle worker (now busy), skips busy ones, drops retired ones', () => {
    const busy = pooled(THREAD_BUSY);
    const retired = pooled(THREAD_RETIRED);
    const idle = pooled(THREAD_IDLE);
    const pool = [busy, retired, idle];
    expect(threadPoolTake(pool)).toBe(idle);
    expect(idle.state[0]).toBe(THREAD_BUSY);
    expect(pool).toEqual([busy, idle]);
    expect(threadPoolTake(pool)).toBeUndefined();
  });
});

/** A stand-in worker: what it was posted, its report and crash callbacks. */
interface FakeWorker {
  starts: ThreadStart[];
  report: (m: ThreadReport) => void;
  failed: (e: unknown) => void;
}

/** A main-thread context whose platform makes fake workers; `ended(w)` plays a worker whose thread is done. */
function fakeHost() {
  const workers: FakeWorker[] = [];
  const traps: string[] = [];
  const platform: ThreadPlatform = {
    available: true,
    spawn(_url, report, failed) {
      const w: FakeWorker = { starts: [], report, failed };
      workers.push(w);
      return { post: (m) => w.starts.push(m) };
    },
  };
  const slots = threadSlotsNew();
  const shared = { worker: 'file:///w.js', modules: [], plan: [], memories: [], slots: { 0: slots }, parallelism: 2 } as unknown as ThreadShared;
  const ctx: ThreadContext = {
    platform,
    shared: () => shared,
    instance: () => undefined,
    count: 0,
    trapped: (r) => traps.push(r.message),
    started: () => {},
    exited: () => {},
    detached: true,
    found: new WeakMap(),
    pool: [],
  };
  const spawn = () => threadStart(ctx, 0, { kind: 'export', instance: 0, name: 'f' }, 0);
  /** what worker-main does when a pooled worker's thread ends: free the index, report, go idle */
  const ended = (w: FakeWorker) => {
    const start = w.starts.at(-1)!;
    Atomics.and(slots, start.index >>> 5, ~(1 << (start.index & 31)));
    w.report({ kind: 'exit' });
    Atomics.store(start.state!, 0, THREAD_IDLE);
  };
  return { workers, traps, slots, ctx, spawn, ended };
}

describe('spawns on the pool', () => {
  test('a spawn reuses an idle worker of the store; busy ones are not shared', () => {
    const h = fakeHost();
    expect([h.spawn(), h.spawn()]).toEqual([1, 2]);
    expect(h.workers).toHaveLength(2); // both busy: two workers
    h.ended(h.workers[0]!);
    expect(h.spawn()).toBe(1); // the index was freed, the worker too
    expect(h.workers).toHaveLength(2);
    expect(h.workers[0]!.starts.map((s) => s.index)).toEqual([1, 1]);
    expect(h.spawn()).toBe(3); // none idle: a new worker
    expect(h.workers).toHaveLength(3);
    // every start carries the worker's own cell, now busy
    for (const w of h.workers) for (const s of w.starts) expect(s.state![0]).toBe(THREAD_BUSY);
  });

  test('a worker that retired (idle too long) is not handed a thread', () => {
    const h = fakeHost();
    h.spawn();
    h.ended(h.workers[0]!);
    const cell = h.workers[0]!.starts[0]!.state!;
    expect(Atomics.compareExchange(cell, 0, THREAD_IDLE, THREAD_RETIRED)).toBe(THREAD_IDLE); // the worker's timer won
    h.spawn();
    expect(h.workers).toHaveLength(2);
    expect(h.ctx.pool).toHaveLength(1);
  });

  test("a worker's crash frees its running thread's index and retires it", () => {
    const h = fakeHost();
    const index = h.spawn();
    h.workers[0]!.failed(new Error('boom'));
    expect(threadSlotUsed(h.slots, index)).toBe(false);
    expect(h.traps).toEqual([`shared thread ${index} failed: boom`]);
    h.spawn();
    expect(h.workers).toHaveLength(2); // not the crashed one
    expect(h.ctx.pool).toHaveLength(1);
  });

  test("an idle worker's crash leaves its last thread's index alone (another thread may hold it now)", () => {
    const h = fakeHost();
    const index = h.spawn();
    h.ended(h.workers[0]!);
    expect(threadSlotAlloc(h.slots)).toBe(index); // a worker's own spawn took the freed index
    h.workers[0]!.failed(new Error('boom'));
    expect(threadSlotUsed(h.slots, index)).toBe(true);
    h.spawn();
    expect(h.workers).toHaveLength(2); // the crashed worker is retired
  });
});
