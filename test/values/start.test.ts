/**
 * 🪙 Component-level start functions: called during instantiation, in
 * definition order, with values; their result is a new value. Lifted
 * functions (plain and through the async runtime's tasks) and host imports
 * can be start functions; a start function may not block before returning.
 */
import { describe, expect, test } from 'vitest';
import { compileAndLoad } from '../compile/load.js';
import { componentBinary, enc } from './component-text.js';

/** A memory and a bump allocator (`$mem`, `$realloc`). */
const LIBC = `
  (core module $Libc
    (memory (export "mem") 1)
    (global $bump (mut i32) (i32.const 1024))
    (func (export "realloc") (param $old i32) (param $oldSize i32) (param $align i32) (param $size i32) (result i32)
      (local $p i32)
      ;; shrinking keeps the block; growing takes a new one and copies
      (if (i32.and (i32.ne (local.get $old) (i32.const 0)) (i32.le_u (local.get $size) (local.get $oldSize))) (then (return (local.get $old))))
      (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1))) (i32.sub (i32.const 0) (local.get $align))))
      (global.set $bump (i32.add (local.get $p) (local.get $size)))
      (if (local.get $old) (then (memory.copy (local.get $p) (local.get $old) (local.get $oldSize))))
      (local.get $p)))
  (core instance $libc (instantiate $Libc))
  (alias core export $libc "mem" (core memory $mem))
  (alias core export $libc "realloc" (core func $realloc))`;

/** The Explainer's example: `greeting` computed from the imported `name` by a start function. */
const GREETING = `(component
  (import "name" (value $name string))
  ${LIBC}
  (core module $Main
    (import "libc" "mem" (memory 1))
    (import "libc" "realloc" (func $realloc (param i32 i32 i32 i32) (result i32)))
    ;; start(ptr, len) -> pointer to (ptr, len) of "hi " ++ name
    (func (export "start") (param $p i32) (param $n i32) (result i32)
      (local $out i32) (local $ret i32)
      (local.set $out (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (i32.add (local.get $n) (i32.const 3))))
      (i32.store8 (local.get $out) (i32.const 104))
      (i32.store8 offset=1 (local.get $out) (i32.const 105))
      (i32.store8 offset=2 (local.get $out) (i32.const 32))
      (memory.copy (i32.add (local.get $out) (i32.const 3)) (local.get $p) (local.get $n))
      (local.set $ret (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 8)))
      (i32.store (local.get $ret) (local.get $out))
      (i32.store offset=4 (local.get $ret) (i32.add (local.get $n) (i32.const 3)))
      (local.get $ret)))
  (core instance $main (instantiate $Main (with "libc" (instance $libc))))
  (func $start (param "name" string) (result string)
    (canon lift (core func $main "start") (memory $mem) (realloc $realloc)))
  (start $start (value $name) (result (value $greeting)))
  (export "greeting" (value $greeting)))`;

const load = async (wat: string, values: Record<string, number[]> = {}) => (await compileAndLoad(await componentBinary(wat, values))).instantiate;

describe('start functions', () => {
  test('a lifted function computes an exported value from an imported one (the Explainer example)', async () => {
    const instantiate = await load(GREETING);
    expect(await instantiate({ name: 'bob' })).toEqual({ greeting: 'hi bob' });
    expect(await instantiate({ name: 'ünï' })).toEqual({ greeting: 'hi ünï' });
    await expect(instantiate({ name: 7 })).rejects.toMatchObject({ code: 'type/string', message: 'import "name": expected a string, got 7' });
  });

  test('they run in definition order, interleaved with core start functions; a result feeds a later start', async () => {
    const instantiate = await load(`(component
      (import "log" (func $log (param "n" u32) (result u32)))
      (import "value-def-0" (value $one u32))
      (start $log (value $one) (result (value $ten)))
      (core func $log' (canon lower (func $log)))
      (core module $M
        (import "" "log" (func $log (param i32) (result i32)))
        (func $start (drop (call $log (i32.const 2))))
        (start $start))
      (core instance (instantiate $M (with "" (instance (export "log" (func $log'))))))
      (start $log (value $ten) (result (value $hundred)))
      (export "last" (value $hundred)))`, { 'value-def-0': [1] });
    const calls: number[] = [];
    const exports = await instantiate({ log: (n: number) => (calls.push(n), n * 10) });
    expect(calls).toEqual([1, 2, 10]);
    expect(exports).toEqual({ last: 100 });
  });

  test('a host function as a start function: its result is checked like a value import', async () => {
    const instantiate = await load(`(component
      (import "make" (func $make (param "n" u8) (result (list u8))))
      (import "n" (value $n u8))
      (start $make (value $n) (result (value $out)))
      (export "out" (value $out)))`);
    const { out } = await instantiate({ make: (n: number) => [n, n + 1], n: 4 });
    expect(out).toEqual(Uint8Array.of(4, 5));
    await expect(instantiate({ make: () => 'no', n: 4 })).rejects.toMatchObject({
      code: 'type/numbers',
      message: expect.stringContaining('result of "make" (start)'),
    });
  });

  test('a result<T, E> result is a { tag, value } value, err included', async () => {
    const wat = `(component
      (type $r (result u32 (error string)))
      (import "r" (type $R (eq $r)))
      (import "f" (func $f (param "n" u32) (result $R)))
      (import "n" (value $n u32))
      (start $f (value $n) (result (value $out)))
      (export "out" (value $out)))`;
    const instantiate = await load(wat);
    const f = (n: number) => {
      if (n === 0) throw new (class extends Error { payload = 'zero' })();
      return n * 2;
    };
    expect((await instantiate({ f, n: 3 })).out).toEqual({ tag: 'ok', value: 6 });
    expect((await instantiate({ f, n: 0 })).out).toEqual({ tag: 'err', value: 'zero' });
    expect((await instantiate({ f: () => { throw 'str-error'; }, n: 1 })).out).toEqual({ tag: 'err', value: 'str-error' });
    await expect(instantiate({ f: () => { throw new RangeError('boom'); }, n: 1 })).rejects.toThrow('boom');
  });

  test('a lifted result<T, E> function: err becomes the value, not a throw', async () => {
    const instantiate = await load(`(component
      ${LIBC}
      (core module $M
        (import "libc" "mem" (memory 1))
        ;; (result u8 (error u8)) of x: ok(x) when x < 10, else err(x)
        (func (export "check") (param $x i32) (result i32)
          (i32.store8 (i32.const 0) (i32.ge_u (local.get $x) (i32.const 10)))
          (i32.store8 offset=1 (i32.const 0) (local.get $x))
          (i32.const 0)))
      (core instance $m (instantiate $M (with "libc" (instance $libc))))
      (func $check (param "x" u8) (result (result u8 (error u8))) (canon lift (core func $m "check") (memory $mem)))
      (import "a" (value $a u8))
      (import "b" (value $b u8))
      (start $check (value $a) (result (value $ra)))
      (start $check (value $b) (result (value $rb)))
      (export "ra" (value $ra))
      (export "rb" (value $rb)))`);
    expect(await instantiate({ a: 3, b: 12 })).toEqual({ ra: { tag: 'ok', value: 3 }, rb: { tag: 'err', value: 12 } });
  });

  test('a trap in a start function rejects instantiation with the trap', async () => {
    const instantiate = await load(`(component
      (core module $M (func (export "f") unreachable))
      (core instance $m (instantiate $M))
      (func $f (canon lift (core func $m "f")))
      (start $f))`);
    await expect(instantiate()).rejects.toMatchObject({ code: 'trap/core' });
  });

  test('a host start function returning a Promise blocks: trap/cannot-block-sync', async () => {
    const instantiate = await load(`(component
      (import "f" (func $f async (result u32)))
      (start $f (result (value $r)))
      (export "r" (value $r)))`);
    expect(await instantiate({ f: () => 5 })).toEqual({ r: 5 });
    await expect(instantiate({ f: async () => 5 })).rejects.toMatchObject({ code: 'trap/cannot-block-sync' });
  });
});

/** A component whose start function is an async (callback) lift: `start(x)` and `cb` are core code. */
const asyncStart = (start: string, cb: string) => `(component
  (core func $ret (canon task.return (result u32)))
  (core func $wsnew (canon waitable-set.new))
  (core module $M
    (import "" "ret" (func $ret (param i32)))
    (import "" "wsnew" (func $wsnew (result i32)))
    (global $ticks (mut i32) (i32.const 0))
    (func (export "start") (param $x i32) (result i32) ${start})
    (func (export "cb") (param i32 i32 i32) (result i32) ${cb})
    (func (export "ticks") (result i32) (global.get $ticks)))
  (core instance $m (instantiate $M (with "" (instance (export "ret" (func $ret)) (export "wsnew" (func $wsnew))))))
  (func $start async (param "x" u32) (result u32) (canon lift (core func $m "start") async (callback (core func $m "cb"))))
  (func (export "ticks") (result u32) (canon lift (core func $m "ticks")))
  (import "x" (value $x u32))
  (start $start (value $x) (result (value $y)))
  (export "y" (value $y)))`;

const RETURN_X_PLUS_1 = '(call $ret (i32.add (local.get $x) (i32.const 1)))';

describe('start functions through the async runtime (tasks)', () => {
  test('an async-lifted start function that returns at once (task.return, then EXIT)', async () => {
    const instantiate = await load(asyncStart(`${RETURN_X_PLUS_1} (i32.const 0)`, 'unreachable'));
    expect((await instantiate({ x: 41 })).y).toBe(42);
  });

  test('after task.return it goes on as a background task, once instantiation is over', async () => {
    // task.return, then YIELD; the callback counts ticks and yields until the third, then EXITs
    const cb = `(global.set $ticks (i32.add (global.get $ticks) (i32.const 1)))
      (if (result i32) (i32.lt_u (global.get $ticks) (i32.const 3)) (then (i32.const 1)) (else (i32.const 0)))`;
    const instantiate = await load(asyncStart(`${RETURN_X_PLUS_1} (i32.const 1)`, cb));
    const exports = await instantiate({ x: 1 });
    expect(exports.y).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(exports.ticks()).toBe(3);
  });

  test('a sync-lifted start function of an instance that uses tasks runs as a task; result<T, E> stays a value', async () => {
    const instantiate = await load(`(component
      ${LIBC}
      (core func $wsnew (canon waitable-set.new))
      (core module $M
        (import "libc" "mem" (memory 1))
        (import "" "wsnew" (func $wsnew (result i32)))
        ;; (result u32 (error u32)): err(the new waitable set's handle), made in the task
        (func (export "f") (result i32)
          (i32.store8 (i32.const 0) (i32.const 1))
          (i32.store offset=4 (i32.const 0) (call $wsnew))
          (i32.const 0)))
      (core instance $m (instantiate $M (with "libc" (instance $libc)) (with "" (instance (export "wsnew" (func $wsnew))))))
      (func $f (result (result u32 (error u32))) (canon lift (core func $m "f") (memory $mem)))
      (start $f (result (value $r)))
      (export "r" (value $r)))`);
    expect((await instantiate()).r).toMatchObject({ tag: 'err', value: 1 });
  });

  test('a case without payload is { tag } alone, through tasks as on the plain path', async () => {
    // (result (error u32)) then (result u32): ok and err without payload; `tasks` makes the instance use tasks
    const component = (tasks: boolean) => `(component
      ${LIBC}
      (core func $wsnew (canon waitable-set.new))
      (core module $M
        (import "libc" "mem" (memory 1))
        (import "" "wsnew" (func $wsnew (result i32)))
        ;; each returns a pointer to its (tag, payload) pair
        (func (export "ok") (result i32) ${tasks ? '(drop (call $wsnew))' : ''} (i32.store8 (i32.const 16) (i32.const 0)) (i32.const 16))
        (func (export "err") (result i32) (i32.store8 (i32.const 32) (i32.const 1)) (i32.const 32)))
      (core instance $m (instantiate $M (with "libc" (instance $libc)) (with "" (instance (export "wsnew" (func $wsnew))))))
      (func $ok (result (result (error u32))) (canon lift (core func $m "ok") (memory $mem)))
      (func $err (result (result u32)) (canon lift (core func $m "err") (memory $mem)))
      (start $ok (result (value $a)))
      (start $err (result (value $b)))
      (export "a" (value $a))
      (export "b" (value $b)))`;
    for (const tasks of [false, true]) {
      const exports = await (await load(component(tasks)))();
      expect(exports.a).toStrictEqual({ tag: 'ok' });
      expect(exports.b).toStrictEqual({ tag: 'err' });
    }
  });

  test('blocking before task.return traps: a start function is synchronous', async () => {
    // WAIT on a fresh (empty) waitable set without returning first
    const instantiate = await load(asyncStart('(i32.or (i32.const 2) (i32.shl (call $wsnew) (i32.const 4)))', 'unreachable'));
    await expect(instantiate({ x: 1 })).rejects.toMatchObject({ code: 'trap/cannot-block-sync' });
  });
});

test('values flow into nested components and back out', async () => {
  // the inner component gets a value and a function, starts the function on the value and exports the result
  const instantiate = await load(`(component
    (import "f" (func $f (param "s" string) (result string)))
    (import "value-def-0" (value $greeting string))
    (component $Inner
      (import "g" (func $g (param "s" string) (result string)))
      (import "in" (value $in string))
      (start $g (value $in) (result (value $out)))
      (export "out" (value $out)))
    (instance $inner (instantiate $Inner (with "g" (func $f)) (with "in" (value $greeting))))
    (alias export $inner "out" (value $shouted))
    (instance $bag (export "shouted" (value $shouted)))
    (export "result" (instance $bag)))`, { 'value-def-0': enc.str('hello') });
  expect(await instantiate({ f: (s: string) => s.toUpperCase() })).toEqual({ result: { shouted: 'HELLO' } });
});
