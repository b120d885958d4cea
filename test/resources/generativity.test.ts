/**
 * Generativity (issue 4): the same resource type exported by two instances
 * of one component is two types. A handle that instance A made is refused by
 * instance B: inside a composition (component text), passing it from the
 * user's table to B traps with the reason; through the JS face, B's class
 * does not accept A's wrapper.
 */
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { beforeAll, describe, expect, test } from 'vitest';
import { compileAndLoad } from '../compile/load.js';

/** $Def defines and exports `r` (make, value); $a and $b are two instances of it; $User calls both. */
const COMPOSED = `
(component
  (component $Def
    (type $R' (resource (rep i32)))
    (export $R "r" (type $R'))
    (core func $new (canon resource.new $R'))
    (core module $M
      (import "" "new" (func $new (param i32) (result i32)))
      (func (export "make") (param i32) (result i32) (call $new (local.get 0)))
      (func (export "value") (param i32) (result i32) (local.get 0)))
    (core instance $m (instantiate $M (with "" (instance (export "new" (func $new))))))
    (func (export "make") (param "v" u32) (result (own $R)) (canon lift (core func $m "make")))
    (func (export "value") (param "r" (borrow $R)) (result u32) (canon lift (core func $m "value")))
  )
  (instance $a (instantiate $Def))
  (instance $b (instantiate $Def))
  (component $User
    (import "a" (instance $a
      (export "r" (type $R (sub resource)))
      (export "make" (func (param "v" u32) (result (own $R))))
      (export "value" (func (param "r" (borrow $R)) (result u32)))))
    (import "b" (instance $b
      (export "r" (type $R (sub resource)))
      (export "make" (func (param "v" u32) (result (own $R))))
      (export "value" (func (param "r" (borrow $R)) (result u32)))))
    (core func $amake (canon lower (func $a "make")))
    (core func $avalue (canon lower (func $a "value")))
    (core func $bvalue (canon lower (func $b "value")))
    (core module $UM
      (import "" "amake" (func $amake (param i32) (result i32)))
      (import "" "avalue" (func $avalue (param i32) (result i32)))
      (import "" "bvalue" (func $bvalue (param i32) (result i32)))
      (func (export "same") (result i32) (call $avalue (call $amake (i32.const 7))))
      (func (export "cross") (result i32) (call $bvalue (call $amake (i32.const 7)))))
    (core instance $um (instantiate $UM (with "" (instance
      (export "amake" (func $amake))
      (export "avalue" (func $avalue))
      (export "bvalue" (func $bvalue))))))
    (func (export "same") (result u32) (canon lift (core func $um "same")))
    (func (export "cross") (result u32) (canon lift (core func $um "cross")))
  )
  (instance $u (instantiate $User (with "a" (instance $a)) (with "b" (instance $b))))
  (export "a" (instance $a))
  (export "b" (instance $b))
  (func (export "same") (alias export $u "same"))
  (func (export "cross") (alias export $u "cross"))
)
`;

let load: Awaited<ReturnType<typeof compileAndLoad>>;
beforeAll(async () => {
  load = await compileAndLoad(await parse(COMPOSED));
});

describe('resource types are generative', () => {
  test('a handle made by instance A works with A', async () => {
    const { same } = await load.instantiate();
    expect(same()).toBe(7);
  });

  test('the same handle passed to instance B traps: wrong type, with the reason', async () => {
    const { cross, same } = await load.instantiate();
    let thrown: unknown;
    try {
      cross();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(WebAssembly.RuntimeError);
    expect(thrown).toMatchObject({ code: 'trap/handle-type-mismatch' });
    expect((thrown as Error).message).toMatch(/handle 1 is an own<r>, expected a handle of another resource type named r/);
    expect(() => same()).toThrow(expect.objectContaining({ code: 'trap/poisoned' }));
  });

  test('through the JS face, each instance exports its own class, and refuses the wrapper of the other', async () => {
    const { a, b } = await load.instantiate();
    expect(a.R).not.toBe(b.R);
    const fromA = a.make(5);
    expect(fromA).toBeInstanceOf(a.R);
    expect(fromA).not.toBeInstanceOf(b.R);
    expect(a.value(fromA)).toBe(5);
    expect(() => b.value(fromA)).toThrow(expect.objectContaining({ code: 'type/handle', path: 'arg 0' }));
    expect(b.value(b.make(6))).toBe(6);
    expect(a.value(fromA)).toBe(5); // a TypeError does not poison
  });
});
