import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, it } from 'vitest';
import { decodeComponent } from '../binary/decode.js';
import { CompileError } from '../errors/index.js';
import { validateComponent } from './validate.js';

async function codeOf(wat: string): Promise<string> {
  try {
    validateComponent(decodeComponent(await parse(wat)));
    return 'valid';
  } catch (e) {
    if (e instanceof CompileError) return e.code;
    throw e;
  }
}

const cases: [string, string, string][] = [
  // component instantiation
  ['an argument of the right type', '(component (import "f" (func $f (param "x" u32))) (component $c (import "f" (func (param "x" u32)))) (instance (instantiate $c (with "f" (func $f)))))', 'valid'],
  ['a parameter name that differs', '(component (import "f" (func $f (param "x" u32))) (component $c (import "f" (func (param "y" u32)))) (instance (instantiate $c (with "f" (func $f)))))', 'validate/type-mismatch'],
  ['a missing argument', '(component (component $c (import "f" (func))) (instance (instantiate $c)))', 'validate/missing-import-arg'],
  ['a duplicate argument', '(component (component $c) (instance $i (instantiate $c)) (instance (instantiate $c (with "a" (instance $i)) (with "a" (instance $i)))))', 'validate/duplicate-instantiate-arg'],
  ['an instance with more exports than needed', '(component (import "i" (instance $i (export "a" (func)) (export "b" (func)))) (component $c (import "i" (instance (export "a" (func))))) (instance (instantiate $c (with "i" (instance $i)))))', 'valid'],
  ['two distinct resources for one type import and its eq', '(component (import "a" (type $a (sub resource))) (import "b" (type $b (sub resource))) (component $c (import "x" (type $x (sub resource))) (import "y" (type (eq $x)))) (instance (instantiate $c (with "x" (type $a)) (with "y" (type $b)))))', 'validate/type-mismatch'],
  ['a resource threaded through a child, then used at its import', '(component (type $r (resource (rep i32))) (component $c (import "in" (type $x (sub resource))) (export "out" (type $x))) (instance $c1 (instantiate $c (with "in" (type $r)))) (component $d (import "a" (type $a (sub resource))) (import "b" (type (eq $a)))) (instance (instantiate $d (with "a" (type $r)) (with "b" (type $c1 "out")))))', 'valid'],
  ['a component argument with fewer imports', '(component (component $small (import "a" (func))) (component $c (import "k" (component (import "a" (func)) (import "b" (func))))) (instance (instantiate $c (with "k" (component $small)))))', 'valid'],
  ['a component argument with more imports', '(component (component $big (import "a" (func)) (import "z" (func))) (component $c (import "k" (component (import "a" (func))))) (instance (instantiate $c (with "k" (component $big)))))', 'validate/type-mismatch'],
  // core instantiation
  ['a core module without its import', '(component (core module $m (import "a" "f" (func))) (core instance (instantiate $m)))', 'validate/core-missing-arg'],
  ['a core import of the wrong type', '(component (core module $a (func (export "f") (param i32))) (core instance $i (instantiate $a)) (core module $m (import "a" "f" (func))) (core instance (instantiate $m (with "a" (instance $i)))))', 'validate/core-type-mismatch'],
  ['a core import satisfied', '(component (core module $a (func (export "f"))) (core instance $i (instantiate $a)) (core module $m (import "a" "f" (func))) (core instance (instantiate $m (with "a" (instance $i)))))', 'valid'],
  ['a missing core export', '(component (core module $a) (core instance $i (instantiate $a)) (core module $m (import "a" "f" (func))) (core instance (instantiate $m (with "a" (instance $i)))))', 'validate/core-arg-missing-export'],
  ['a duplicate core import', '(component (core module (import "a" "f" (func)) (import "a" "f" (func))))', 'validate/core-duplicate-import'],
  ['a bag with a duplicate name', '(component (core module $a (func (export "f"))) (core instance $i (instantiate $a)) (core instance (export "x" (func $i "f")) (export "x" (func $i "f"))))', 'validate/core-duplicate-export'],
  // aliases
  ['an alias of a missing export', '(component (instance $i) (alias export $i "a" (func)))', 'validate/no-such-export'],
  ['an alias of the wrong sort', '(component (import "i" (instance $i (export "a" (func)))) (alias export $i "a" (component)))', 'validate/export-sort-mismatch'],
  ['an outer alias too far out', '(component (component (alias outer 2 0 (type))))', 'validate/outer-alias-count'],
  ['an outer alias of a resource into a component', '(component $C (type $R (resource (rep i32))) (component (alias outer $C $R (type))))', 'validate/outer-alias-resource'],
  ['an outer alias of a resource into a type', '(component $C (type $R (resource (rep i32))) (type (instance (alias outer $C $R (type $r)) (export "f" (func (param "x" (own $r)))))))', 'valid'],
  ['an alias of a func in a component type', '(component (type (component (import "i" (instance $i (export "f" (func)))) (alias export $i "f" (func)))))', 'validate/alias-in-type'],
  // visibility
  ['exporting a func using an unexported resource', '(component (type $R (resource (rep i32))) (core func $d (canon resource.drop $R)) (func $f (param "x" (own $R)) (canon lift (core func $d))) (export "f" (func $f)))', 'validate/not-visible'],
  ['exporting a func using an exported resource', '(component (type $R (resource (rep i32))) (export $R2 "r" (type $R)) (core func $d (canon resource.drop $R)) (func $f (param "x" (own $R2)) (canon lift (core func $d))) (export "f" (func $f)))', 'valid'],
  ['importing a func using an exported resource', '(component (type $R (resource (rep i32))) (export $R2 "r" (type $R)) (import "f" (func (param "x" (own $R2)))))', 'validate/not-visible'],
];

describe('instantiation, aliases and visibility', () => {
  for (const [what, wat, code] of cases) {
    it(`${what}: ${code}`, async () => {
      expect(await codeOf(wat)).toBe(code);
    });
  }
});
