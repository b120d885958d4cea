/**
 * Cooperative threads (🧵) from JS on this engine (asyncify on Node 20):
 * `thread.new-indirect` threads of an async task interleave through
 * `thread.yield-then-resume` and `thread.suspend`/`resume-later`;
 * `thread.index` numbers threads per instance; a null table entry and a
 * thread function of the wrong type trap at `thread.new-indirect`.
 */
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, test } from 'vitest';
import { compileAndLoad } from '../compile/load.js';
import { threadComponent } from '../threads/encode.js';

/**
 * `run(n)`, a stackful async export: switches to `n` new threads in turn,
 * each of which appends its argument (1..n) to a log and switches back;
 * then makes them ready again with `resume-later` (last first) and yields
 * until each has appended once more; returns the log as a base-10 number.
 */
const WEAVE = `
(component
  (core module $Mem (memory (export "mem") 1) (table (export "tbl") 4 funcref))
  (core instance $mem (instantiate $Mem))
  (alias core export $mem "tbl" (core table $tbl))
  (core type $start (func (param i32)))
  (core func $new (canon thread.new-indirect $start (core table $tbl)))
  (core func $ytr (canon thread.yield-then-resume))
  (core func $str (canon thread.suspend-then-resume))
  (core func $susp (canon thread.suspend))
  (core func $later (canon thread.resume-later))
  (core func $yield (canon thread.yield))
  (core func $index (canon thread.index))
  (core func $ret (canon task.return (result u64)))
  (core module $M
    (import "" "tbl" (table 4 funcref))
    (import "" "new" (func $new (param i32 i32) (result i32)))
    (import "" "ytr" (func $ytr (param i32) (result i32)))
    (import "" "str" (func $str (param i32) (result i32)))
    (import "" "susp" (func $susp (result i32)))
    (import "" "later" (func $later (param i32)))
    (import "" "yield" (func $yield (result i32)))
    (import "" "index" (func $index (result i32)))
    (import "" "ret" (func $ret (param i64)))
    (global $log (mut i64) (i64.const 0))
    (global $main (mut i32) (i32.const 0))
    (global $done (mut i32) (i32.const 0))
    (func $append (param $d i32)
      (global.set $log (i64.add (i64.mul (global.get $log) (i64.const 10)) (i64.extend_i32_u (local.get $d)))))
    (func $worker (param $c i32)
      (call $append (local.get $c))
      ;; back to run, which is suspended: it goes on; this thread waits for resume-later
      (drop (call $str (global.get $main)))
      (call $append (local.get $c))
      (global.set $done (i32.add (global.get $done) (i32.const 1))))
    (func $bad (param i64))
    (elem (i32.const 0) func $worker $bad)
    (func (export "run") (param $n i32)
      (local $i i32) (local $t i32) (local $ts i32)
      (global.set $main (call $index))
      (global.set $log (i64.const 0))
      (global.set $done (i32.const 0))
      (local.set $i (i32.const 1))
      (loop $spawn
        (local.set $t (call $new (i32.const 0) (local.get $i)))
        ;; threads are numbered after run's own; remember them as digits of $ts
        (local.set $ts (i32.or (i32.shl (local.get $ts) (i32.const 8)) (local.get $t)))
        (drop (call $str (local.get $t)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $spawn (i32.le_u (local.get $i) (local.get $n))))
      ;; every worker is suspended in suspend-then-resume: resume them, last first
      (loop $wake
        (call $later (i32.and (local.get $ts) (i32.const 0xff)))
        (local.set $ts (i32.shr_u (local.get $ts) (i32.const 8)))
        (br_if $wake (local.get $ts)))
      (loop $wait
        (drop (call $yield))
        (br_if $wait (i32.lt_u (global.get $done) (local.get $n))))
      (call $ret (global.get $log)))
    (func (export "index") (result i32) (call $index))
    (func (export "null-entry") (drop (call $new (i32.const 3) (i32.const 0))))
    (func (export "wrong-type") (drop (call $new (i32.const 1) (i32.const 0)))))
  (core instance $m (instantiate $M (with "" (instance
    (export "tbl" (table $tbl))
    (export "new" (func $new)) (export "ytr" (func $ytr)) (export "str" (func $str))
    (export "susp" (func $susp)) (export "later" (func $later)) (export "yield" (func $yield))
    (export "index" (func $index)) (export "ret" (func $ret))))))
  (func (export "run") async (param "n" u32) (result u64) (canon lift (core func $m "run") async))
  (func (export "index") (result u32) (canon lift (core func $m "index")))
  (func (export "null-entry") (canon lift (core func $m "null-entry")))
  (func (export "wrong-type") (canon lift (core func $m "wrong-type"))))`;

/**
 * `sum(n)`: spawns (without `shared`: a cooperative thread, ready at once)
 * `n` threads through `thread.spawn-indirect`, each adding its argument to
 * a global; yields until all have run, then returns the total.
 */
const SPAWN = `
(component
  (core module $Tbl (table (export "tbl") 1 funcref))
  (core instance $tbl (instantiate $Tbl))
  (alias core export $tbl "tbl" (core table $t))
  (core func $yield (canon thread.yield))
  (core func $ret (canon task.return (result u32)))
  (core type $start (func (param i32)))
  (core func $spawn (canon thread.spawn-indirect $start (core table $t)))
  (core module $M
    (import "" "tbl" (table 1 funcref))
    (import "" "spawn" (func $spawn (param i32 i32) (result i32)))
    (import "" "yield" (func $yield (result i32)))
    (import "" "ret" (func $ret (param i32)))
    (global $sum (mut i32) (i32.const 0))
    (global $ran (mut i32) (i32.const 0))
    (func $add (param $c i32)
      (global.set $sum (i32.add (global.get $sum) (local.get $c)))
      (global.set $ran (i32.add (global.get $ran) (i32.const 1))))
    (elem (i32.const 0) func $add)
    (func (export "sum") (param $n i32)
      (local $i i32)
      (loop $go
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (drop (call $spawn (i32.const 0) (local.get $i)))
        (br_if $go (i32.lt_u (local.get $i) (local.get $n))))
      (loop $wait
        (drop (call $yield))
        (br_if $wait (i32.lt_u (global.get $ran) (local.get $n))))
      (call $ret (global.get $sum))))
  (core instance $m (instantiate $M (with "" (instance
    (export "tbl" (table $t)) (export "spawn" (func $spawn)) (export "yield" (func $yield)) (export "ret" (func $ret))))))
  (func (export "sum") async (param "n" u32) (result u32) (canon lift (core func $m "sum") async)))`;

describe('cooperative threads', () => {
  test('thread.spawn-indirect without shared makes a ready cooperative thread', async () => {
    const { instantiate } = await compileAndLoad(await threadComponent(SPAWN, false));
    const c = await instantiate();
    expect(await c.sum(10)).toBe(55);
  });

  test('threads of an async task interleave through switches, suspends and resume-later', async () => {
    const { instantiate } = await compileAndLoad(await parse(WEAVE));
    const c = await instantiate();
    // spawning: 1, 2, 3 each run up to their switch back; then resumed last first: 3, 2, 1
    expect(await c.run(3)).toBe(123321n);
    // again on the same instance: finished threads gave their indices back
    expect(await c.run(2)).toBe(1221n);
  });

  test('the .d.ts types a sync-typed export whose code can suspend as T | Promise<T>', async () => {
    const { files } = await compileAndLoad(await parse(WEAVE), { typescript: true });
    const dts = files['c.d.ts'] as string;
    expect(dts).toContain('"index": () => number | Promise<number>;');
    expect(dts).toContain('"run": (n: number) => Promise<bigint>;');
  });

  test('thread.index numbers the threads of an instance from 1', async () => {
    const { instantiate } = await compileAndLoad(await parse(WEAVE));
    const c = await instantiate();
    expect(c.index()).toBe(1);
    expect(c.index()).toBe(1);
  });

  test('thread.new-indirect traps on a null table entry and on a function of another type', async () => {
    const { instantiate } = await compileAndLoad(await parse(WEAVE));
    const c1 = await instantiate();
    expect(() => c1.nullEntry()).toThrow(expect.objectContaining({ code: 'trap/thread-func-null' }));
    const c2 = await instantiate();
    expect(() => c2.wrongType()).toThrow(expect.objectContaining({ code: 'trap/thread-func-type' }));
  });
});
