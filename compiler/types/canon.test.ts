import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, it } from 'vitest';
import { decodeComponent } from '../binary/decode.js';
import { CompileError } from '../errors/index.js';
import { validateComponent } from './validate.js';

const validate = async (wat: string) => validateComponent(decodeComponent(await parse(wat)));

async function codeOf(wat: string): Promise<string> {
  try {
    await validate(wat);
    return 'valid';
  } catch (e) {
    if (e instanceof CompileError) return e.code;
    throw e;
  }
}

/** A component with a memory, a realloc and a core module exporting `f` of core type `sig`. */
const withCore = (sig: string, body: string) => `(component
  (core module $m
    (memory (export "mem") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) unreachable)
    (func (export "f") ${sig} unreachable)
    (func (export "cb") (param i32 i32 i32) (result i32) unreachable))
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))
  (alias core export $i "f" (core func $f))
  (alias core export $i "cb" (core func $cb))
  ${body})`;

const cases: [string, string, string][] = [
  ['lift with the flattened type', withCore('(param i32 i32) (result i32)', '(func (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $f)))'), 'valid'],
  ['lift with the wrong params', withCore('(param i32)', '(func (param "a" u64) (canon lift (core func $f)))'), 'validate/canon-lift-signature'],
  ['lift of a string without realloc', withCore('(param i32 i32)', '(func (param "s" string) (canon lift (core func $f) (memory $mem)))'), 'validate/canon-opt-required'],
  ['lift of a string result with memory', withCore('(result i32)', '(func (result string) (canon lift (core func $f) (memory $mem)))'), 'valid'],
  ['lift with a post-return of the wrong type', withCore('(result i32)', '(func (result u32) (canon lift (core func $f) (post-return $realloc)))'), 'validate/canon-opt-signature'],
  ['async lift of a sync type', withCore('(result i32)', '(func (canon lift (core func $f) async (callback $cb)))'), 'validate/canon-async-sync-type'],
  ['async lift with callback', withCore('(result i32)', '(func async (canon lift (core func $f) async (callback $cb)))'), 'valid'],
  ['async stackful lift', withCore('', '(func async (canon lift (core func $f) async))'), 'valid'],
  ['callback without async', withCore('(result i32)', '(func async (canon lift (core func $f) (callback $cb)))'), 'validate/canon-opt-not-allowed'],
  ['callback of the wrong type', withCore('(result i32)', '(func async (canon lift (core func $f) async (callback $f)))'), 'validate/canon-opt-signature'],
  ['two encodings', withCore('', '(import "g" (func $g)) (core func (canon lower (func $g) string-encoding=utf8 string-encoding=utf16))'), 'validate/canon-encoding-conflict'],
  ['realloc without memory', withCore('', '(import "g" (func $g (result string))) (core func (canon lower (func $g) (realloc $realloc)))'), 'validate/canon-realloc-needs-memory'],
  ['lower of a string result without realloc', withCore('', '(import "g" (func $g (result string))) (core func (canon lower (func $g) (memory $mem)))'), 'validate/canon-opt-required'],
  ['async lower with a result needs memory', withCore('', '(import "g" (func $g async (result u32))) (core func (canon lower (func $g) async))'), 'validate/canon-opt-required'],
  ['post-return on a lowering', withCore('', '(import "g" (func $g)) (core func (canon lower (func $g) (post-return $f)))'), 'validate/canon-opt-not-allowed'],
  ['resource.new of an imported resource', '(component (import "r" (type $r (sub resource))) (core func (canon resource.new $r)))', 'validate/canon-not-local-resource'],
  ['resource.drop of an imported resource', '(component (import "r" (type $r (sub resource))) (core func (canon resource.drop $r)))', 'valid'],
  ['context.get slot 2', '(component (core func (canon context.get i32 2)))', 'validate/canon-bad-immediate'],
  ['context.get and set of one type', '(component (core func (canon context.get i32 0)) (core func (canon context.set i32 1)))', 'valid'],
  ['stream.new of a future', '(component (type $f (future u8)) (core func (canon stream.new $f)))', 'validate/canon-requires-type'],
  ['stream.read of u8 without memory', '(component (type $s (stream u8)) (core func (canon stream.read $s async)))', 'validate/canon-opt-required'],
  ['stream.read of strings without realloc', withCore('', '(type $s (stream string)) (core func (canon stream.read $s async (memory $mem)))'), 'validate/canon-opt-required'],
  ['task.return with realloc', withCore('', '(core func (canon task.return (result string) (memory $mem) (realloc $realloc)))'), 'validate/canon-opt-not-allowed'],
  ['error-context.new without memory', '(component (core func (canon error-context.new)))', 'validate/canon-opt-required'],
  ['waitable-set.wait of a missing memory', '(component (core func (canon waitable-set.wait (memory 0))))', 'validate/index-out-of-bounds'],
  ['thread.new-indirect with a bad func type', '(component (core type $ft (func (param i64 i64))) (core module $m (table (export "t") 1 funcref)) (core instance $i (instantiate $m)) (alias core export $i "t" (core table $t)) (core func (canon thread.new-indirect $ft (core table $t))))', 'validate/canon-requires-type'],
];

describe('canonical definitions', () => {
  for (const [what, wat, code] of cases) {
    it(`${what}: ${code}`, async () => {
      expect(await codeOf(wat)).toBe(code);
    });
  }

  it('gives each built-in its core signature', async () => {
    const info = await validate(
      withCore(
        '',
        `(import "g" (func $g async (param "a" u32) (result u32)))
         (core func (canon lower (func $g) async (memory $mem)))
         (type $s (stream u8))
         (core func (canon stream.read $s async (memory $mem)))
         (core func (canon stream.new $s))
         (core func (canon waitable-set.wait (memory $mem)))
         (core func (canon context.get i32 1))
         (core func (canon task.return (result u32)))
         (type $R (resource (rep i32)))
         (core func (canon resource.rep $R))`,
      ),
    );
    const sigs = info.coreFuncs.slice(3).map((f) => `${f.params.join(' ')} -> ${f.results.join(' ')}`);
    expect(sigs).toEqual([
      'i32 i32 -> i32', // async lower: the param, the result pointer; returns the status
      'i32 i32 i32 -> i32',
      ' -> i64',
      'i32 i32 -> i32',
      ' -> i32',
      'i32 -> ',
      'i32 -> i32',
    ]);
    const lower = [...info.canons.values()].find((c) => c.canon.name === 'lower')!;
    expect(lower.opts).toMatchObject({ async: true, memory: 0 });
    expect([...info.canons.values()].find((c) => c.canon.name === 'stream.read')!.payload).toMatchObject({ kind: 'stream' });
  });
});
