/**
 * Shared threads on workers, through `thread.spawn-indirect shared`: N
 * threads add atomically into shared memory while the main thread waits; a
 * shared thread spawns another; `thread.available-parallelism` on both
 * sides; the spawn-time traps (null, out-of-bounds, wrong arity) and the
 * thread-time ones (a trap in the thread, a wrong function type, a call of
 * a non-shared import), which poison the store.
 */
import { availableParallelism } from 'node:os';
import { describe, expect, test } from 'vitest';
import { ENTRY, SPAWN_INDIRECT } from './components.js';
import { threadComponent } from './encode.js';
import { compileToDir, eventually } from './load.js';

const bytes = await threadComponent(SPAWN_INDIRECT);
const out = await compileToDir(bytes);
/** Trap errors of shared threads, as `options.onThreadTrap` hears of them. */
const threadTraps: Error[] = [];
const fresh = () => out.instantiate({ log: () => {} }, { onThreadTrap: (e: Error) => threadTraps.push(e) });

/** Calls `f`; the trap code it throws. */
function trapCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

/** Waits until the store is poisoned (a worker's trap report is a message to the main thread). */
async function poisoned(e: { parallelism(): number }): Promise<boolean> {
  return eventually(() => trapCode(() => e.parallelism()) === 'trap/poisoned');
}

describe('thread.spawn-indirect shared', () => {
  test('ships a worker script and the memory-importing core module beside the JS', () => {
    expect(Object.keys(out.files)).toContain('t.worker.js');
    expect(out.files['t.js']).toMatch(/new URL\("\.\/t\.worker\.js", import\.meta\.url\)/);
  });

  test('a core module over the inline cutoff ships patched as a file', async () => {
    const big = await compileToDir(bytes, { inlineCutoff: 0 });
    expect(Object.keys(big.files)).toContain('t.core.thread.wasm');
    const e = await big.instantiate({ log: () => {} });
    expect(e.run(4)).toBe(10);
  });

  test('eight threads each add into shared memory; the main thread waits for all of them', async () => {
    const e = await fresh();
    expect(e.run(8)).toBe(36);
    expect(e.run(3)).toBe(6); // the same store spawns again
  });

  test('each spawn returns a thread index above 0', async () => {
    const e = await fresh();
    const a = e.spawnAt(ENTRY.add, 10);
    const b = e.spawnAt(ENTRY.add, 20);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(e.wait(2)).toBe(30);
  });

  test('a shared thread spawns another thread', async () => {
    const e = await fresh();
    e.spawnAt(ENTRY.nest, 42);
    expect(e.wait(1)).toBe(42);
  });

  test('thread.available-parallelism is the host value, on the main thread and in a worker', async () => {
    const e = await fresh();
    expect(e.parallelism()).toBe(availableParallelism());
    e.spawnAt(ENTRY.parallelism, 0);
    expect(e.wait(1)).toBe(availableParallelism());
  });

  test.each([
    ['a null entry', 0, 'trap/thread-func-null'],
    ['an index past the end', 8, 'trap/thread-func-null'],
    ['an index far out (unsigned)', -1, 'trap/thread-func-null'],
    ['a function of another arity', ENTRY.arity, 'trap/thread-func-type'],
  ])('spawning %s traps at the spawn and poisons the store', async (_, index, code) => {
    const e = await fresh();
    expect(trapCode(() => e.spawnAt(index >>> 0, 1))).toBe(code);
    expect(trapCode(() => e.parallelism())).toBe('trap/poisoned');
  });

  test.each([
    ['traps', ENTRY.trap, 'trap/core', /unreachable/],
    ['has the wrong parameter type (call_indirect checks it)', ENTRY.wrongType, 'trap/core', /signature mismatch/],
    ['calls a lowered import (not shared)', ENTRY.callsHost, 'trap/thread-unshared', /not shared.*: canon lower$/],
  ])('a thread that %s poisons the store, and options.onThreadTrap hears why', async (_, index, code, message) => {
    threadTraps.length = 0;
    const e = await fresh();
    expect(e.spawnAt(index, 1)).toBeGreaterThan(0);
    expect(await poisoned(e)).toBe(true);
    expect(threadTraps).toHaveLength(1);
    expect(threadTraps[0]).toBeInstanceOf(WebAssembly.RuntimeError);
    expect((threadTraps[0] as Error & { code: string }).code).toBe(code);
    expect(threadTraps[0]!.message).toMatch(message);
  });
});
