/**
 * The main thread's side of shared threads: one `ThreadContext` per store,
 * made at instantiation. The generated code hands it the worker script's URL,
 * the core modules (a module's own shared memories turned into imports where
 * it has some), the replica plan, where each of those memories is exported,
 * and lazy getters of its core instances (a spawn may come before the last
 * one exists). The cloneable `ThreadShared` is built at the first spawn.
 */
import { trap } from '../traps.js';
import { threadPlatformLoad } from './platform.js';
import type { ReplicaInstance, ThreadShared } from './plan.js';
import type { ThreadContext } from './spawn.js';
import { threadSlotsNew } from './slots.js';

export interface ThreadHostConfig {
  /** the worker script's URL (a thunk: resolving it throws where the generated module has a data: or blob: URL) */
  worker: () => URL | string;
  modules: WebAssembly.Module[];
  plan: ReplicaInstance[];
  /** memory slot → [core instance, export name] of the main thread's shared memory */
  memories: [number, string][];
  /** the component instances that spawn shared threads */
  components: number[];
  /** core instance getters (a `const` not yet initialised throws: that instance does not exist yet) */
  instances: (() => WebAssembly.Instance)[];
  parallelism: number;
  /** a shared thread trapped (the error is the thread's trap, with its `code`): the store is poisoned */
  poison: (error: Error) => void;
}

export async function threadHostCreate(config: ThreadHostConfig): Promise<ThreadContext> {
  const platform = await threadPlatformLoad();
  let shared: ThreadShared | undefined;
  const instance = (k: number): WebAssembly.Instance | undefined => {
    try {
      return config.instances[k]!();
    } catch {
      return undefined;
    }
  };
  const slots: Record<number, Int32Array> = {};
  return {
    platform,
    count: config.instances.length,
    instance,
    detached: true,
    found: new WeakMap(),
    pool: [],
    shared() {
      if (shared) return shared;
      const memories = config.memories.map(([k, name]) => {
        const memory = instance(k)?.exports[name];
        return memory instanceof WebAssembly.Memory ? memory : trap('trap/thread-unreachable');
      });
      let worker: string;
      try {
        worker = String(config.worker());
      } catch {
        return trap('trap/thread-unavailable');
      }
      for (const c of config.components) slots[c] ??= threadSlotsNew();
      shared = {
        worker,
        modules: config.modules,
        plan: config.plan,
        memories,
        slots,
        parallelism: config.parallelism,
      };
      return shared;
    },
    trapped: (report) => {
      const e = new WebAssembly.RuntimeError(report.message) as WebAssembly.RuntimeError & { code: string };
      e.code = report.code ?? 'trap/core';
      config.poison(e);
    },
    started: () => {},
    exited: () => {},
  };
}
