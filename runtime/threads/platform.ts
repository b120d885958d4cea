/**
 * The one place that knows how workers are made on each host: Node's
 * `worker_threads` and the Web's `Worker` (module workers), behind a small
 * interface. Node's module is imported on demand (an `await` at
 * instantiation, and at a worker's start), so the output stays plain ES
 * modules that also load in browsers and bundle without Node stubs.
 */
import type { ThreadReport, ThreadStart } from './plan.js';

/** A started worker, as its parent sees it. */
export interface ThreadWorker {
  post(message: ThreadStart): void;
}

/** The parent side of a thread's worker, as the worker sees it. */
export interface ThreadPort {
  post(message: ThreadReport): void;
  /** calls `fn` with the next message; returns what stops waiting for it */
  once(fn: (message: ThreadStart) => void): () => void;
  /** ends this worker (after its thread and its children are done) */
  close(): void;
}

export interface ThreadPlatform {
  /** false where workers or SharedArrayBuffer are missing (a browser page that is not cross-origin isolated) */
  available: boolean;
  /** a new worker running `url`; `report` gets its messages, `failed` a load or run error */
  spawn(url: string, report: (message: ThreadReport) => void, failed: (error: unknown) => void, detached: boolean): ThreadWorker;
}

const threadIsNode = (): boolean => typeof process === 'object' && typeof process.versions?.node === 'string';

/**
 * A Node built-in module, out of bundlers' sight (no browser stub, no
 * preload helper around the import): `getBuiltinModule` (Node >= 20.16),
 * else an import of a computed specifier.
 */
export async function threadNodeBuiltin<T>(name: string): Promise<T> {
  const node = process as { getBuiltinModule?: (id: string) => unknown };
  return (node.getBuiltinModule?.(name) ?? (await import(name))) as T;
}

/** The workers of this host (loaded once per instantiation and per worker). */
export async function threadPlatformLoad(): Promise<ThreadPlatform> {
  const shared = typeof SharedArrayBuffer === 'function';
  if (threadIsNode()) {
    const wt = await threadNodeBuiltin<typeof import('node:worker_threads')>('node:worker_threads');
    return {
      available: shared,
      spawn(url, report, failed, detached) {
        const w = new wt.Worker(new URL(url));
        w.on('message', report);
        w.on('error', failed);
        // a running thread does not keep the host process alive (threads end with the process, as in C)
        if (detached) w.unref();
        return { post: (m) => w.postMessage(m) };
      },
    };
  }
  const W = (globalThis as { Worker?: typeof Worker }).Worker;
  return {
    available: shared && typeof W === 'function',
    spawn(url, report, failed) {
      const w = new W!(url, { type: 'module' });
      w.addEventListener('message', (e) => report((e as MessageEvent<ThreadReport>).data));
      w.addEventListener('error', (e) => failed((e as ErrorEvent).error ?? new Error((e as ErrorEvent).message)));
      return { post: (m) => w.postMessage(m) };
    },
  };
}

/** Inside a worker: the port to the agent that started it. */
export async function threadPortOpen(): Promise<ThreadPort> {
  if (threadIsNode()) {
    const wt = await threadNodeBuiltin<typeof import('node:worker_threads')>('node:worker_threads');
    const port = wt.parentPort!;
    return {
      post: (m) => port.postMessage(m),
      once: (fn) => {
        port.once('message', fn);
        return () => port.off('message', fn);
      },
      // nothing to do: the worker exits once its message listener is gone, its children
      // exited and no timer is left (closing the port could drop the report just posted)
      close: () => {},
    };
  }
  const scope = globalThis as unknown as {
    postMessage(m: unknown): void;
    addEventListener(type: 'message', fn: (e: MessageEvent) => void, options: { once: boolean }): void;
    removeEventListener(type: 'message', fn: (e: MessageEvent) => void): void;
    close(): void;
  };
  return {
    post: (m) => scope.postMessage(m),
    once: (fn) => {
      const listener = (e: MessageEvent) => fn(e.data as ThreadStart);
      scope.addEventListener('message', listener, { once: true });
      return () => scope.removeEventListener('message', listener);
    },
    close: () => scope.close(),
  };
}
