/**
 * `thread.available-parallelism` (🧵②): how many threads the hardware runs
 * in parallel: `os.availableParallelism()` in Node (20.x has no `navigator`),
 * `navigator.hardwareConcurrency` elsewhere, at least 1. Read once per store
 * at instantiation (the spec: it does not change over an instance's
 * lifetime) and handed to its workers.
 */
import { threadNodeBuiltin } from './platform.js';

export async function threadsParallelism(): Promise<number> {
  let n: number | undefined;
  if (typeof process === 'object' && typeof process.versions?.node === 'string') {
    const os = await threadNodeBuiltin<typeof import('node:os')>('node:os');
    n = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  } else {
    n = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  }
  return Number.isInteger(n) && n! > 0 ? Math.min(n!, 0x7fffffff) : 1;
}
