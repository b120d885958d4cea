/**
 * The entry of a shared thread's worker (the generated `<name>.worker.js`
 * is these runtime pieces and a call of `threadWorkerMain`): wait for the
 * `ThreadStart` message, make the replicas, run the target, free the
 * thread's index; report a trap to the parent (which passes reports of its
 * own children on, up to the main thread, where the store is poisoned).
 * The worker stays until the threads it spawned have ended (a worker's
 * children end with it), then reports `exit` and closes, or, when the main
 * thread pools it (threads/pool.ts), waits idle for the store's next thread.
 */
import { threadPlatformLoad, threadPortOpen } from './platform.js';
import { THREAD_IDLE, THREAD_IDLE_MS, THREAD_RETIRED } from './pool.js';
import type { ThreadReport, ThreadStart } from './plan.js';
import { threadReplicate, threadTargetCall } from './replica.js';
import { threadSlotFree } from './slots.js';
import type { ThreadContext } from './spawn.js';

export async function threadWorkerMain(): Promise<void> {
  const port = await threadPortOpen();
  const platform = await threadPlatformLoad();
  port.once((start: ThreadStart) => void threadRun(port, platform, start));
}

/**
 * A pooled worker whose thread and children are done (threads/pool.ts):
 * wait for the next thread; after THREAD_IDLE_MS, close unless the main
 * thread took this worker meanwhile (its start message is then on the way).
 */
function threadIdle(
  port: Awaited<ReturnType<typeof threadPortOpen>>,
  platform: Awaited<ReturnType<typeof threadPlatformLoad>>,
  state: Int32Array,
): void {
  const timer = setTimeout(() => {
    if (Atomics.compareExchange(state, 0, THREAD_IDLE, THREAD_RETIRED) !== THREAD_IDLE) return;
    stop();
    port.close();
  }, THREAD_IDLE_MS);
  const stop = port.once((next: ThreadStart) => {
    clearTimeout(timer);
    void threadRun(port, platform, next);
  });
  port.post({ kind: 'exit' });
  Atomics.store(state, 0, THREAD_IDLE);
}

async function threadRun(
  port: Awaited<ReturnType<typeof threadPortOpen>>,
  platform: Awaited<ReturnType<typeof threadPlatformLoad>>,
  start: ThreadStart,
): Promise<void> {
  const { shared } = start;
  const replicas: WebAssembly.Instance[] = [];
  let children = 0;
  let done = false;
  const finish = () => {
    if (!done || children > 0) return;
    if (start.state) return threadIdle(port, platform, start.state);
    port.post({ kind: 'exit' });
    port.close();
  };
  const ctx: ThreadContext = {
    platform,
    shared: () => shared,
    instance: (k) => replicas[k],
    count: shared.plan.length,
    trapped: (report) => port.post(report),
    // every thread this one starts is a child, counted until it exits
    started: () => children++,
    exited: () => {
      children--;
      finish();
    },
    detached: false,
    found: new WeakMap(),
  };
  try {
    await threadReplicate(ctx, shared, replicas);
    threadTargetCall(replicas, start.target)(start.arg);
  } catch (e) {
    const report: ThreadReport = {
      kind: 'trap',
      message: e instanceof Error ? e.message : String(e),
      ...(typeof (e as { code?: unknown })?.code === 'string' ? { code: (e as { code: string }).code } : {}),
    };
    port.post(report);
  } finally {
    threadSlotFree(shared.slots[start.component]!, start.index);
    done = true;
    finish();
  }
}
