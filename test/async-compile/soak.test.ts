/**
 * Soak: 100,000 async export calls and 100,000 stream chunks leave the heap
 * where it was (within 5 MB after a full GC): finished tasks, subtasks,
 * stream ends and their handles are released. `gc` comes from
 * `--expose-gc` when the process has it, else it is switched on here
 * (v8.setFlagsFromString) and fetched from a fresh context.
 */
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { compileAndLoad } from '../compile/load.js';
import { PRODUCER } from './components.js';

const DOUBLE = `
(component
  (core func $ret (canon task.return (result u32)))
  (core module $M
    (import "" "ret" (func $ret (param i32)))
    (func (export "double") (param i32) (result i32)
      (call $ret (i32.mul (local.get 0) (i32.const 2)))
      (i32.const 0))
    (func (export "cb") (param i32 i32 i32) (result i32) unreachable))
  (core instance $m (instantiate $M (with "" (instance (export "ret" (func $ret))))))
  (func (export "double") async (param "x" u32) (result u32)
    (canon lift (core func $m "double") async (callback (core func $m "cb")))))`;

function getGc(): (() => void) | null {
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return g;
  try {
    setFlagsFromString('--expose-gc');
    const fn = runInNewContext('gc') as unknown;
    return typeof fn === 'function' ? (fn as () => void) : null;
  } catch {
    return null;
  }
}

const gc = getGc();
const MB = 1024 * 1024;

async function settledHeap(): Promise<number> {
  for (let k = 0; k < 3; k++) {
    await new Promise((r) => setTimeout(r, 0));
    gc!();
  }
  return process.memoryUsage().heapUsed;
}

describe.skipIf(gc === null)('soak (needs gc: --expose-gc or v8 flags)', () => {
  test('100,000 async export calls and 100,000 stream chunks do not grow the heap', async () => {
    const calls = await (await compileAndLoad(await parse(DOUBLE))).instantiate();
    const streams = await (await compileAndLoad(await parse(PRODUCER))).instantiate();

    // warm up (JIT, lazily created runtime state)
    for (let i = 0; i < 1000; i++) await calls.double(i);
    const warm = await streams.produce(16, 100);
    for await (const _ of warm as unknown as AsyncIterable<Uint8Array>) void _;

    const before = await settledHeap();

    let sum = 0;
    for (let batch = 0; batch < 100; batch++) {
      const ps: Promise<number>[] = [];
      for (let i = 0; i < 1000; i++) ps.push(calls.double(i));
      for (const v of await Promise.all(ps)) sum += v;
    }
    expect(sum).toBe(100 * 2 * ((999 * 1000) / 2));

    const s = await streams.produce(16, 100_000);
    let chunks = 0;
    let bytes = 0;
    for await (const c of s as unknown as AsyncIterable<Uint8Array>) {
      chunks++;
      bytes += c.length;
    }
    expect(chunks).toBe(100_000);
    expect(bytes).toBe(1_600_000);

    const after = await settledHeap();
    if (process.env.SOAK_DEBUG) console.log({ before, after });
    expect(Math.abs(after - before)).toBeLessThan(5 * MB);
  });
});
