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
  ['every defined type', '(component (type $r (record (field "x" u32))) (type (variant (case "a" $r) (case "b"))) (type (result $r (error string))) (type (tuple u8 (list s64))) (type (flags "a" "b")) (type (enum "x")) (type (option char)) (type (map string u8)) (type (stream u8)) (type (future)) (type (list u8 4)))', 'valid'],
  ['an empty record', '(component (type (record)))', 'validate/empty-type'],
  ['an empty enum', '(component (type (enum)))', 'validate/empty-type'],
  ['33 flags', `(component (type (flags ${Array.from({ length: 33 }, (_, i) => `"f${i}"`).join(' ')})))`, 'validate/too-many-flags'],
  ['a fixed list of length 0', '(component (type (list u8 0)))', 'validate/fixed-list-empty'],
  ['a fixed list too large', '(component (type (list u64 33554432)))', 'validate/value-too-large'],
  ['stream<char>', '(component (type (stream char)))', 'validate/stream-char'],
  ['a borrow in a future', '(component (type $R (resource (rep i32))) (type (future (borrow $R))))', 'validate/borrow-in-async-value'],
  ['a borrow in a result', '(component (type $R (resource (rep i32))) (type (func (result (tuple (borrow $R))))))', 'validate/borrow-in-result'],
  ['a borrow in a param', '(component (type $R (resource (rep i32))) (type (func (param "r" (borrow $R)))))', 'valid'],
  ['a float map key', '(component (type (map f32 u8)))', 'validate/bad-map-key'],
  ['own of a non-resource', '(component (type u8) (type (own 0)))', 'validate/wrong-type-kind'],
  ['a func type as a value type', '(component (type (func)) (type (list 0)))', 'validate/wrong-type-kind'],
  ['a non-kebab field', '(component (type (record (field "aB" u8))))', 'validate/name-label-not-kebab'],
  ['duplicate params', '(component (type (func (param "a" u8) (param "A" u8))))', 'validate/name-label-not-unique'],
  ['a resource in a component type', '(component (type (component (type (resource (rep i32))))))', 'validate/resource-in-type'],
  ['a dtor of the wrong type', '(component (core module $m (func (export "d"))) (core instance $i (instantiate $m)) (type (resource (rep i32) (dtor (core func $i "d")))))', 'validate/bad-destructor'],
  ['a component type with imports and exports', '(component (type (component (import "r" (type $r (sub resource))) (export "f" (func (param "x" (own $r)))))))', 'valid'],
  ['a component type export using an unexported record', '(component (type (component (type $t (record (field "a" u8))) (export "f" (func (param "x" $t))))))', 'validate/not-visible'],
  ['a module type with a nested import of an unknown type', '(component (core type (module (import "a" "b" (func (type 3))))))', 'validate/index-out-of-bounds'],
  ['a module type importing a name twice', '(component (core type (module (import "a" "b" (func)) (import "a" "b" (func)))))', 'validate/core-duplicate-import'],
  ['a module type with a too-large memory', '(component (core type (module (import "a" "m" (memory 70000)))))', 'validate/core-limits'],
];

describe('defined types and type declarators', () => {
  for (const [what, wat, code] of cases) {
    it(`${what}: ${code}`, async () => {
      expect(await codeOf(wat)).toBe(code);
    });
  }
});
