/** Emitted glue against a real core module (real i32/i64 boundary coercions, a wasm realloc). */
import { describe, expect, it } from 'vitest';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { planLift, planLower } from '../../compiler/abi/plan.js';
import { memView } from '../../runtime/memory.js';
import * as T from './types.js';
import { build, type Core } from './harness.js';

const WAT = `(module
  (import "host" "log" (func $log (param i32 i32)))
  (import "host" "mem" (memory 1))
  (global $top (mut i32) (i32.const 1024))
  (func (export "realloc") (param $old i32) (param $osz i32) (param $align i32) (param $size i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $top) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $top (i32.add (local.get $p) (local.get $size)))
    (if (i32.gt_u (global.get $top) (i32.shl (memory.size) (i32.const 16)))
      (then (drop (memory.grow (i32.sub (i32.add (i32.shr_u (global.get $top) (i32.const 16)) (i32.const 1)) (memory.size))))))
    (if (local.get $old) (then
      (memory.copy (local.get $p) (local.get $old)
        (select (local.get $osz) (local.get $size) (i32.lt_u (local.get $osz) (local.get $size))))))
    (local.get $p))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "echo") (param i32 i32) (result i32)
    (i32.store (i32.const 16) (local.get 0))
    (i32.store (i32.const 20) (local.get 1))
    (i32.const 16))
  (func (export "wide") (param i64) (result i64) (i64.add (local.get 0) (i64.const 1)))
  (func (export "run") (call $log (i32.const 512) (i32.const 5)))
  (data (i32.const 512) "hello"))`;

async function instantiate(log: (s: unknown) => void) {
  const memory = new WebAssembly.Memory({ initial: 1 });
  let exports: Record<string, (...a: unknown[]) => unknown> = {};
  const core: Core = {
    memory, mv: memView(memory), reallocCalls: [], postReturnCalls: [], reallocMode: 'ok', top: 0,
    realloc: (...a) => exports.realloc!(...a) as number,
  };
  const logFn = build(planLower(T.func([T.string]), { memory: true }), log, core).fn;
  const { instance } = await WebAssembly.instantiate(await parse(WAT), { host: { log: logFn, mem: memory } });
  exports = instance.exports as typeof exports;
  const lift = (ft: Parameters<typeof planLift>[0], name: string) =>
    build(planLift(ft, { memory: true, realloc: true }), exports[name], core).fn;
  return { exports, lift };
}

describe('against a real core module', () => {
  it('u32 results come back unsigned', async () => {
    const { lift } = await instantiate(() => {});
    const add = lift(T.func([T.u32, T.u32], T.u32), 'add');
    expect(add(2 ** 32 - 1, 1)).toBe(0);
    expect(add(2 ** 31, 5)).toBe(2 ** 31 + 5);
    const sadd = lift(T.func([T.s32, T.s32], T.s32), 'add');
    expect(sadd(2 ** 31 - 1, 1)).toBe(-(2 ** 31));
  });
  it('u64 through i64', async () => {
    const { lift } = await instantiate(() => {});
    const wide = lift(T.func([T.u64], T.u64), 'wide');
    expect(wide(2n ** 64n - 1n)).toBe(0n);
    expect(wide(2n ** 63n - 1n)).toBe(2n ** 63n);
  });
  it('strings through a wasm realloc and a return pointer', async () => {
    const { lift } = await instantiate(() => {});
    const echo = lift(T.func([T.string], T.string), 'echo');
    expect(echo('héllo 😀')).toBe('héllo 😀');
    expect(echo('x'.repeat(70000))).toHaveLength(70000); // grows memory
  });
  it('an import called by core', async () => {
    const seen: unknown[] = [];
    const { exports } = await instantiate((s) => seen.push(s));
    exports.run!();
    expect(seen).toEqual(['hello']);
  });
});
