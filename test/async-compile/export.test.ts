/**
 * Async exports called from JS: a callback-lifted `async func` returns a
 * Promise resolved by `task.return`; one that waits on a host import's
 * subtask resolves after the host's Promise; a sync-typed export of a
 * component using async built-ins is a plain call.
 */
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, test } from 'vitest';
import { compileAndLoad } from '../compile/load.js';

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

/** Calls the host's async `fetch` with the async ABI, waits for its subtask with a waitable set, then returns fetch(x) + 1. */
const WAITS = `
(component
  (import "fetch" (func $fetch async (param "x" u32) (result u32)))
  (core module $Mem (memory (export "mem") 1))
  (core instance $mem (instantiate $Mem))
  (alias core export $mem "mem" (core memory $memory))
  (core func $fetch (canon lower (func $fetch) async (memory $memory)))
  (core func $ret (canon task.return (result u32)))
  (core func $wsnew (canon waitable-set.new))
  (core func $join (canon waitable.join))
  (core func $sdrop (canon subtask.drop))
  (core func $wsdrop (canon waitable-set.drop))
  (core module $M
    (import "" "mem" (memory 1))
    (import "" "fetch" (func $fetch (param i32 i32) (result i32)))
    (import "" "ret" (func $ret (param i32)))
    (import "" "wsnew" (func $wsnew (result i32)))
    (import "" "join" (func $join (param i32 i32)))
    (import "" "sdrop" (func $sdrop (param i32)))
    (import "" "wsdrop" (func $wsdrop (param i32)))
    (global $sub (mut i32) (i32.const 0))
    (global $ws (mut i32) (i32.const 0))
    (func (export "run") (param $x i32) (result i32)
      (local $st i32)
      (local.set $st (call $fetch (local.get $x) (i32.const 64)))
      (if (i32.eq (local.get $st) (i32.const 2)) (then
        (call $ret (i32.add (i32.load (i32.const 64)) (i32.const 1)))
        (return (i32.const 0))))
      (global.set $sub (i32.shr_u (local.get $st) (i32.const 4)))
      (global.set $ws (call $wsnew))
      (call $join (global.get $sub) (global.get $ws))
      ;; WAIT on the set
      (i32.or (i32.const 2) (i32.shl (global.get $ws) (i32.const 4))))
    (func (export "cb") (param $code i32) (param $p1 i32) (param $p2 i32) (result i32)
      ;; event SUBTASK (1) with state RETURNED (2)
      (if (i32.and (i32.eq (local.get $code) (i32.const 1)) (i32.eq (local.get $p2) (i32.const 2))) (then
        (call $sdrop (local.get $p1))
        (call $wsdrop (global.get $ws))
        (call $ret (i32.add (i32.load (i32.const 64)) (i32.const 1)))
        (return (i32.const 0))))
      unreachable))
  (core instance $m (instantiate $M (with "" (instance
    (export "mem" (memory $memory))
    (export "fetch" (func $fetch))
    (export "ret" (func $ret))
    (export "wsnew" (func $wsnew))
    (export "join" (func $join))
    (export "sdrop" (func $sdrop))
    (export "wsdrop" (func $wsdrop))))))
  (func (export "run") async (param "x" u32) (result u32)
    (canon lift (core func $m "run") async (callback (core func $m "cb")))))`;

/** A component that uses an async built-in (so its sync exports run as tasks) with a sync export returning result<u32, u32>. */
const SYNC_RESULT = `
(component
  (core func $bpinc (canon backpressure.inc))
  (core func $bpdec (canon backpressure.dec))
  (core module $M
    (import "" "inc" (func $inc))
    (import "" "dec" (func $dec))
    (memory (export "mem") 1)
    (func (export "check") (param $x i32) (result i32)
      (call $inc) (call $dec)
      (i32.store (i32.const 8) (i32.gt_u (local.get $x) (i32.const 10)))
      (i32.store (i32.const 12) (local.get $x))
      (i32.const 8)))
  (core instance $m (instantiate $M (with "" (instance (export "inc" (func $bpinc)) (export "dec" (func $bpdec))))))
  (func (export "check") (param "x" u32) (result (result u32 (error u32)))
    (canon lift (core func $m "check") (memory (core memory $m "mem")))))`;

/** An async export returning an own<R> of a component-defined resource through task.return. */
const OWN_RESULT = `
(component
  (type $R (resource (rep i32)))
  (core func $new (canon resource.new $R))
  (core func $ret (canon task.return (result (own $R))))
  (core module $M
    (import "" "new" (func $new (param i32) (result i32)))
    (import "" "ret" (func $ret (param i32)))
    (func (export "make") (param i32) (result i32)
      (call $ret (call $new (local.get 0)))
      (i32.const 0))
    (func (export "cb") (param i32 i32 i32) (result i32) unreachable)
    (func (export "get") (param i32) (result i32) (local.get 0)))
  (core instance $m (instantiate $M (with "" (instance (export "new" (func $new)) (export "ret" (func $ret))))))
  (export $R2 "r" (type $R))
  (func (export "make") async (param "x" u32) (result (own $R2))
    (canon lift (core func $m "make") async (callback (core func $m "cb"))))
  (func (export "[method]r.get") (param "self" (borrow $R2)) (result u32) (canon lift (core func $m "get"))))`;

/** checked(x): ok(x) when x <= 10, else err(x), through task.return. */
const ASYNC_RESULT = `
(component
  (core func $ret (canon task.return (result (result u32 (error u32)))))
  (core module $M
    (import "" "ret" (func $ret (param i32 i32)))
    (func (export "checked") (param i32) (result i32)
      (call $ret (i32.gt_u (local.get 0) (i32.const 10)) (local.get 0))
      (i32.const 0))
    (func (export "cb") (param i32 i32 i32) (result i32) unreachable))
  (core instance $m (instantiate $M (with "" (instance (export "ret" (func $ret))))))
  (func (export "checked") async (param "x" u32) (result (result u32 (error u32)))
    (canon lift (core func $m "checked") async (callback (core func $m "cb")))))`;

/** made(x): ok(R(x)) when x <= 10, else err(x), through task.return: the result's face (the resource) and the unwrap both apply. */
const OWN_IN_RESULT = `
(component
  (type $R (resource (rep i32)))
  (core func $new (canon resource.new $R))
  (core func $ret (canon task.return (result (result (own $R) (error u32)))))
  (core module $M
    (import "" "new" (func $new (param i32) (result i32)))
    (import "" "ret" (func $ret (param i32 i32)))
    (func (export "made") (param i32) (result i32)
      (if (i32.gt_u (local.get 0) (i32.const 10))
        (then (call $ret (i32.const 1) (local.get 0)))
        (else (call $ret (i32.const 0) (call $new (local.get 0)))))
      (i32.const 0))
    (func (export "cb") (param i32 i32 i32) (result i32) unreachable)
    (func (export "get") (param i32) (result i32) (local.get 0)))
  (core instance $m (instantiate $M (with "" (instance (export "new" (func $new)) (export "ret" (func $ret))))))
  (export $R2 "r" (type $R))
  (func (export "made") async (param "x" u32) (result (result (own $R2) (error u32)))
    (canon lift (core func $m "made") async (callback (core func $m "cb"))))
  (func (export "[method]r.get") (param "self" (borrow $R2)) (result u32) (canon lift (core func $m "get"))))`;

describe('async exports from JS', () => {
  test('an async export returning result<own<R>, E>: the face applies, then ok resolves and err rejects', async () => {
    const e = await (await compileAndLoad(await parse(OWN_IN_RESULT))).instantiate();
    const r = await e.made(6);
    expect(typeof r).toBe('object');
    expect(r.get()).toBe(6);
    await expect(e.made(12)).rejects.toMatchObject({ name: 'ComponentError', payload: 12 });
  });

  test('an async export returning result<T,E> resolves T or rejects with ComponentError(E)', async () => {
    const e = await (await compileAndLoad(await parse(ASYNC_RESULT))).instantiate();
    await expect(e.checked(7)).resolves.toBe(7);
    await expect(e.checked(12)).rejects.toMatchObject({ name: 'ComponentError', payload: 12 });
  });

  test('an async export returning own<R>: the Promise resolves to the resource object', async () => {
    const e = await (await compileAndLoad(await parse(OWN_RESULT))).instantiate();
    const r = await e.make(5);
    expect(typeof r).toBe('object');
    expect(r.get()).toBe(5);
  });

  test('a sync export of a component using async built-ins: a plain call; result<T,E> returns or throws', async () => {
    const e = await (await compileAndLoad(await parse(SYNC_RESULT))).instantiate();
    expect(e.check(3)).toBe(3);
    expect(() => e.check(11)).toThrow(expect.objectContaining({ name: 'ComponentError', payload: 11 }));
    expect(e.check(4)).toBe(4);
  });

  test('a callback lift returns a Promise resolved by task.return', async () => {
    const c = await compileAndLoad(await parse(DOUBLE));
    const e = await c.instantiate();
    const p = e.double(21);
    expect(p).toBeInstanceOf(Promise);
    await expect(p).resolves.toBe(42);
    expect(await Promise.all([e.double(1), e.double(2), e.double(3)])).toEqual([2, 4, 6]);
  });

  test('a bad argument rejects with a TypeError and does not poison the instance', async () => {
    const c = await compileAndLoad(await parse(DOUBLE));
    const e = await c.instantiate();
    await expect(e.double('x')).rejects.toThrow(TypeError);
    await expect(e.double(-1)).rejects.toThrow(TypeError);
    await expect(e.double(4)).resolves.toBe(8);
  });

  test('an export waiting on an async host import resolves after the host Promise', async () => {
    const c = await compileAndLoad(await parse(WAITS));
    let release!: (v: number) => void;
    const e = await c.instantiate({
      fetch: (x: number) => new Promise<number>((r) => (release = (v) => r(v + x))),
    });
    let settled = false;
    const p = e.run(10).then((v: number) => ((settled = true), v));
    await new Promise((r) => setTimeout(r, 5));
    expect(settled).toBe(false);
    release(100);
    await expect(p).resolves.toBe(111);
  });

  test('a host import that returns at once is RETURNED without a subtask', async () => {
    const c = await compileAndLoad(await parse(WAITS));
    const e = await c.instantiate({ fetch: (x: number) => x * 3 });
    await expect(e.run(5)).resolves.toBe(16);
  });
});
