/**
 * Imported resource types (BRIEF §3): the host supplies the class
 * (`imports['ns:host/store'].Blob`); `[constructor]`, `[method]` and
 * `[static]` imports call it; host objects go into the component as handles
 * and come back out as the very same objects; a component that keeps a
 * borrow past its call traps; dropping an own disposes the host object.
 */
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { beforeAll, describe, expect, test } from 'vitest';
import { compileAndLoad } from '../compile/load.js';

const HOST_TYPES = `
(component
  (import "ns:host/store" (instance $h
    (export "blob" (type $B (sub resource)))
    (export "[constructor]blob" (func (param "size" u32) (result (own $B))))
    (export "[method]blob.size" (func (param "self" (borrow $B)) (result u32)))
    (export "[static]blob.zero" (func (result (own $B))))
    (export "keep" (func (param "b" (own $B))))))
  (alias export $h "blob" (type $B))
  (core func $ctor (canon lower (func $h "[constructor]blob")))
  (core func $size (canon lower (func $h "[method]blob.size")))
  (core func $zero (canon lower (func $h "[static]blob.zero")))
  (core func $keep (canon lower (func $h "keep")))
  (core func $drop (canon resource.drop $B))
  (core module $M
    (import "" "ctor" (func $ctor (param i32) (result i32)))
    (import "" "size" (func $size (param i32) (result i32)))
    (import "" "zero" (func $zero (result i32)))
    (import "" "keep" (func $keep (param i32)))
    (import "" "drop" (func $drop (param i32)))
    (func (export "roundtrip") (param i32) (result i32) (local.get 0))
    (func (export "measure") (param $b i32) (result i32)
      (local $s i32)
      (local.set $s (call $size (local.get $b)))
      (call $drop (local.get $b))
      (local.get $s))
    (func (export "leak") (param i32))
    (func (export "make-and-measure") (param i32) (result i32)
      (local $h i32) (local $s i32)
      (local.set $h (call $ctor (local.get 0)))
      (local.set $s (call $size (local.get $h)))
      (call $drop (local.get $h))
      (local.get $s))
    (func (export "zero-size") (result i32)
      (local $h i32) (local $s i32)
      (local.set $h (call $zero))
      (local.set $s (call $size (local.get $h)))
      (call $keep (local.get $h))
      (local.get $s)))
  (core instance $m (instantiate $M (with "" (instance
    (export "ctor" (func $ctor))
    (export "size" (func $size))
    (export "zero" (func $zero))
    (export "keep" (func $keep))
    (export "drop" (func $drop))))))
  (func (export "roundtrip") (param "b" (own $B)) (result (own $B)) (canon lift (core func $m "roundtrip")))
  (func (export "measure") (param "b" (borrow $B)) (result u32) (canon lift (core func $m "measure")))
  (func (export "leak") (param "b" (borrow $B)) (canon lift (core func $m "leak")))
  (func (export "make-and-measure") (param "n" u32) (result u32) (canon lift (core func $m "make-and-measure")))
  (func (export "zero-size") (result u32) (canon lift (core func $m "zero-size")))
)
`;

function store() {
  const log: string[] = [];
  const kept: unknown[] = [];
  class Blob {
    constructor(readonly bytes: number) {}
    size() {
      log.push(`size ${this.bytes}`);
      return this.bytes;
    }
    static zero() {
      return new Blob(0);
    }
    [Symbol.dispose]() {
      log.push(`dispose ${this.bytes}`);
    }
  }
  const keep = (b: unknown) => void kept.push(b);
  return { imports: { 'ns:host/store': { Blob, keep } }, Blob, log, kept };
}

let load: Awaited<ReturnType<typeof compileAndLoad>>;
beforeAll(async () => {
  load = await compileAndLoad(await parse(HOST_TYPES));
});

describe('host-defined resource types', () => {
  test('a host object passed in as an own comes back as the same object', async () => {
    const h = store();
    const { roundtrip } = await load.instantiate(h.imports);
    const blob = new h.Blob(3);
    expect(roundtrip(blob)).toBe(blob);
    expect(roundtrip(blob)).toBe(blob);
    expect(h.log).toEqual([]); // never dropped inside
  });

  test('a borrowed host object reaches the host method as itself; the component drops its borrow', async () => {
    const h = store();
    const { measure } = await load.instantiate(h.imports);
    expect(measure(new h.Blob(12))).toBe(12);
    expect(measure(new h.Blob(4))).toBe(4);
    expect(h.log).toEqual(['size 12', 'size 4']);
  });

  test('the component constructs through the host class and its drop disposes the object', async () => {
    const h = store();
    const { makeAndMeasure, zeroSize } = await load.instantiate(h.imports);
    expect(makeAndMeasure(9)).toBe(9);
    expect(h.log).toEqual(['size 9', 'dispose 9']);
    expect(zeroSize()).toBe(0);
    expect(h.kept).toHaveLength(1);
    expect(h.kept[0]).toBeInstanceOf(h.Blob); // the static's object, handed back to the host by `keep`
  });

  test('values that are not the host class are TypeErrors', async () => {
    const h = store();
    const { roundtrip, measure } = await load.instantiate(h.imports);
    expect(() => roundtrip({})).toThrow(expect.objectContaining({ code: 'type/handle', path: 'arg 0' }));
    expect(() => measure(null)).toThrow(expect.objectContaining({ code: 'type/handle' }));
  });

  test('keeping a borrow past the end of the call traps', async () => {
    const h = store();
    const { leak, measure } = await load.instantiate(h.imports);
    expect(() => leak(new h.Blob(1))).toThrow(expect.objectContaining({ code: 'trap/borrows-remain' }));
    expect(() => measure(new h.Blob(1))).toThrow(expect.objectContaining({ code: 'trap/poisoned' }));
  });
});
