/**
 * Real components (the jco runtime fixtures) decode; and on mutated input
 * the decoder only ever throws a decode-stage CompileError pointing into
 * the input (fixed seed, so failures reproduce).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { FIXTURES } from '../../test/paths.js';
import { CompileError } from '../errors/index.js';
import type { Component } from './ast.js';
import { decodeBinary, decodeComponent } from './decode.js';

const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.wasm'))
  .sort();

/** every definition of a component and its nested components, with the component holding it */
function* walk(c: Component): Generator<{ owner: Component; def: Component['defs'][number] }> {
  for (const def of c.defs) {
    yield { owner: c, def };
    if (def.kind === 'component') yield* walk(def.component);
  }
}

describe('jco runtime fixtures', () => {
  test('there are fixtures to decode', () => {
    expect(fixtures.length).toBeGreaterThan(10);
  });

  test.each(fixtures)('%s decodes', (file) => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, file)));
    const decoded = decodeBinary(bytes);
    expect(decoded.kind).toBe('component');
    if (decoded.kind !== 'component') return;
    const c = decoded.component;
    expect(c.end).toBe(bytes.length);
    expect(c.defs.length).toBeGreaterThan(0);
    let modules = 0;
    for (const { owner, def } of walk(c)) {
      expect(def.offset).toBeGreaterThanOrEqual(owner.offset + 8);
      expect(def.offset).toBeLessThan(owner.end);
      if (def.kind === 'core-module') {
        modules++;
        expect(def.module.bytes.byteOffset - bytes.byteOffset).toBe(def.module.offset);
        expect([...def.module.bytes.subarray(0, 4)]).toEqual([0x00, 0x61, 0x73, 0x6d]);
      }
    }
    expect(modules).toBeGreaterThan(0);
    expect(c.defs.some((d) => d.kind === 'export')).toBe(true);
  });
});

describe('robustness on mutated input', () => {
  const corpus: Uint8Array[] = [];

  beforeAll(async () => {
    // structure-dense components (few core bytes), so mutations hit the component grammar
    corpus.push(
      await parse(`(component
        (type $r (record (field "a" u8) (field "b" (list string))))
        (type $v (variant (case "x" $r) (case "y")))
        (type (flags "p" "q")) (type (enum "e" "f")) (type (tuple u8 $v)) (type (result $r (error string)))
        (type $res (resource (rep i32)))
        (type (own $res)) (type (borrow $res)) (type (stream u8)) (type (future)) (type (map string u32)) (type (list u8 4))
        (type $ft (func (param "x" $r) (result $v)))
        (type (component (import "i" (instance (export "f" (func (type $ft))))) (export "g" (func (type $ft)))))
        (core type (module (import "a" "b" (func)) (export "m" (memory 1))))
        (core type (sub (func)))
        (import "f" (func $f (type $ft)))
        (import "a" (implements "a:b/c") (instance))
        (core module $m (memory (export "mem") 1) (func (export "realloc") (param i32 i32 i32 i32) (result i32) unreachable))
        (core instance $i (instantiate $m))
        (alias core export $i "mem" (core memory $mem))
        (alias core export $i "realloc" (core func $realloc))
        (core func (canon lower (func $f) (memory $mem) (realloc $realloc) string-encoding=utf16))
        (core func (canon resource.new $res))
        (core func (canon task.return (result u32) (memory $mem)))
        (core func (canon waitable-set.wait (memory $mem)))
        (core func (canon thread.yield))
        (component $c (import "x" (func)) (export "y" (func 0)))
        (instance (instantiate $c (with "x" (func $f))))
        (export "out" (func $f)))`),
      new Uint8Array(readFileSync(join(FIXTURES, 'asmjs_bigint.component.wasm'))),
    );
  });

  test('only decode-stage CompileErrors, with offsets inside the input', () => {
    const mutation = fc.record({
      entry: fc.nat(),
      edits: fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 4 }),
      cut: fc.option(fc.nat(), { nil: undefined }),
    });
    fc.assert(
      fc.property(mutation, ({ entry, edits, cut }) => {
        const source = corpus[entry % corpus.length]!;
        let bytes = source.slice();
        // keep the preamble intact most of the time: the interesting grammar is after it
        for (const { at, value } of edits) bytes[8 + (at % (bytes.length - 8))] = value;
        if (cut !== undefined) bytes = bytes.subarray(0, cut % (bytes.length + 1));
        try {
          decodeComponent(bytes);
        } catch (e) {
          if (!(e instanceof CompileError)) throw e;
          expect(e.stage).toBe('decode');
          expect(e.offset).toBeGreaterThanOrEqual(0);
          expect(e.offset).toBeLessThanOrEqual(bytes.length);
        }
      }),
      { seed: 0xdec0de, numRuns: 3000 },
    );
  });

  test('random bytes after a valid preamble', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (tail) => {
        const bytes = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, ...tail]);
        try {
          decodeComponent(bytes);
        } catch (e) {
          if (!(e instanceof CompileError)) throw e;
          expect(e.code.startsWith('decode/')).toBe(true);
        }
      }),
      { seed: 0xb17e5, numRuns: 3000 },
    );
  });
});
