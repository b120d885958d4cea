/**
 * The JS face of an exported resource type (BRIEF §3): a class with the
 * [constructor], [method] and [static] functions as members; instances wrap
 * an own handle; [Symbol.dispose]() drops it (running the destructor); an own
 * passed as an `own` argument moves (its wrapper dies); a FinalizationRegistry
 * drops lost owns; every instantiation has its own classes.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { beforeAll, describe, expect, test } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { compileAndLoad } from '../compile/load.js';

/** `counter`: a u32 cell in linear memory; `live` counts the reps not yet destroyed. */
export const COUNTER = `
(component
  (core module $Indirect
    (table (export "t") 1 funcref)
    (type $FT (func (param i32)))
    (func (export "dtor") (param i32) (call_indirect (type $FT) (local.get 0) (i32.const 0))))
  (core instance $ind (instantiate $Indirect))
  (type $counter (resource (rep i32) (dtor (core func $ind "dtor"))))
  (core func $new (canon resource.new $counter))
  (core func $rep (canon resource.rep $counter))
  (core func $drop (canon resource.drop $counter))
  (core module $M
    (import "" "t" (table 1 funcref))
    (import "" "new" (func $new (param i32) (result i32)))
    (import "" "rep" (func $rep (param i32) (result i32)))
    (import "" "drop" (func $drop (param i32)))
    (memory (export "mem") 1)
    (global $live (mut i32) (i32.const 0))
    (global $next (mut i32) (i32.const 16))
    (func $make (param $v i32) (result i32)
      (local $p i32)
      (local.set $p (global.get $next))
      (global.set $next (i32.add (global.get $next) (i32.const 4)))
      (i32.store (local.get $p) (local.get $v))
      (global.set $live (i32.add (global.get $live) (i32.const 1)))
      (call $new (local.get $p)))
    (func (export "ctor") (param i32) (result i32) (call $make (local.get 0)))
    (func (export "get") (param $self i32) (result i32) (i32.load (local.get $self)))
    (func (export "inc") (param $self i32)
      (i32.store (local.get $self) (i32.add (i32.load (local.get $self)) (i32.const 1))))
    (func (export "sum") (param $a i32) (param $b i32) (result i32)
      (local $v i32)
      (local.set $v (i32.add (i32.load (call $rep (local.get $a))) (i32.load (local.get $b))))
      (call $drop (local.get $a))
      (call $make (local.get $v)))
    (func (export "live") (result i32) (global.get $live))
    (func $dtor (param i32) (global.set $live (i32.sub (global.get $live) (i32.const 1))))
    (elem (i32.const 0) func $dtor))
  (core instance $m (instantiate $M (with "" (instance
    (export "t" (table $ind "t"))
    (export "new" (func $new))
    (export "rep" (func $rep))
    (export "drop" (func $drop))))))
  (export $C "counter" (type $counter))
  (func (export "[constructor]counter") (param "v" u32) (result (own $C)) (canon lift (core func $m "ctor")))
  (func (export "[method]counter.get") (param "self" (borrow $C)) (result u32) (canon lift (core func $m "get")))
  (func (export "[method]counter.inc") (param "self" (borrow $C)) (canon lift (core func $m "inc")))
  (func (export "[static]counter.sum") (param "a" (own $C)) (param "b" (borrow $C)) (result (own $C)) (canon lift (core func $m "sum")))
  (func (export "live") (result u32) (canon lift (core func $m "live")))
)
`;

let load: Awaited<ReturnType<typeof compileAndLoad>>;
beforeAll(async () => {
  load = await compileAndLoad(await parse(COUNTER));
});

describe('an exported resource type is a class', () => {
  test('constructor, methods and statics are class members, not export keys', async () => {
    const exports = await load.instantiate();
    expect(Object.keys(exports).sort()).toEqual(['Counter', 'live']);
    const { Counter } = exports;
    expect(typeof Counter).toBe('function');
    expect(Counter.name).toBe('Counter');
    expect(typeof Counter.prototype.get).toBe('function');
    expect(typeof Counter.prototype.inc).toBe('function');
    expect(typeof Counter.sum).toBe('function');
  });

  test('new makes an instance wrapping an own handle; methods borrow it', async () => {
    const { Counter, live } = await load.instantiate();
    const c = new Counter(5);
    expect(c).toBeInstanceOf(Counter);
    expect(c.get()).toBe(5);
    c.inc();
    c.inc();
    expect(c.get()).toBe(7);
    expect(live()).toBe(1);
  });

  test('[Symbol.dispose]() runs the destructor once; the wrapper is dead after', async () => {
    const { Counter, live } = await load.instantiate();
    const c = new Counter(1);
    expect(live()).toBe(1);
    c[Symbol.dispose]();
    expect(live()).toBe(0);
    c[Symbol.dispose](); // harmless
    expect(live()).toBe(0);
    expect(() => c.get()).toThrow(expect.objectContaining({ code: 'type/handle', name: 'TypeError' }));
  });

  test('an own argument moves: the wrapper dies, the component drops it; a borrow argument stays usable', async () => {
    const { Counter, live } = await load.instantiate();
    const a = new Counter(2);
    const b = new Counter(40);
    const sum = Counter.sum(a, b);
    expect(sum).toBeInstanceOf(Counter);
    expect(sum.get()).toBe(42);
    expect(b.get()).toBe(40);
    expect(() => a.get()).toThrow(TypeError);
    expect(() => Counter.sum(a, b)).toThrow(expect.objectContaining({ code: 'type/handle', path: 'arg 0' }));
    expect(live()).toBe(2); // a was destroyed by the component's resource.drop
  });

  test('wrong values are TypeErrors naming the argument, and do not poison', async () => {
    const { Counter, live } = await load.instantiate();
    const c = new Counter(3);
    expect(() => Counter.sum({}, c)).toThrow(expect.objectContaining({ code: 'type/handle', path: 'arg 0' }));
    expect(() => Counter.prototype.get.call(42)).toThrow(expect.objectContaining({ code: 'type/handle' }));
    expect(() => new Counter(-1)).toThrow(expect.objectContaining({ code: 'type/u32' }));
    expect(c.get()).toBe(3);
    expect(live()).toBe(1);
  });

  test('each instantiation has its own classes: a wrapper of one is refused by the other', async () => {
    const one = await load.instantiate();
    const two = await load.instantiate();
    expect(one.Counter).not.toBe(two.Counter);
    const c = new one.Counter(1);
    expect(() => two.Counter.prototype.get.call(c)).toThrow(expect.objectContaining({ code: 'type/handle' }));
    expect(() => two.Counter.sum(c, new two.Counter(1))).toThrow(TypeError);
    expect(c.get()).toBe(1);
  });

  test('a lost own wrapper is dropped after garbage collection', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const { Counter, live } = await load.instantiate();
    (() => {
      for (let i = 0; i < 3; i++) new Counter(i);
    })();
    expect(live()).toBe(3);
    for (let tries = 0; tries < 50 && live() > 0; tries++) {
      gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(live()).toBe(0);
  });

  test('in an exported interface, the class is a member of the instance object', async () => {
    const nested = COUNTER.trim().replace(/^\(component/, '(component $Impl');
    const wat = `(component ${nested} (instance $impl (instantiate $Impl)) (export "ns:pkg/counters" (instance $impl)))`;
    const loaded = await compileAndLoad(await parse(wat));
    const iface = (await loaded.instantiate())['ns:pkg/counters'];
    expect(Object.keys(iface).sort()).toEqual(['Counter', 'live']);
    const c = new iface.Counter(10);
    c.inc();
    expect(c.get()).toBe(11);
    expect(iface.live()).toBe(1);
  });

  test('the ESM face exports the class by its UpperCamelCase name', async () => {
    const { files } = await compile(await parse(COUNTER), { name: 'counter' });
    const js = files['counter.js'] as string;
    expect(js).toMatch(/export \{[^}]*\bas Counter\b/);
  });
});
