import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, test } from 'vitest';
import { decodeComponent } from '../binary/decode.js';
import type { Feature } from '../binary/opcodes.js';
import { classify } from './features.js';

const features = async (wat: string): Promise<Feature[]> => [...classify(decodeComponent(await parse(wat)))].sort();

const lift = (opts: string, type = '') => `(component
  (core module $m
    (func (export "f") (result i32) unreachable)
    (func (export "cb") (param i32 i32 i32) (result i32) unreachable))
  (core instance $i (instantiate $m))
  (func (export "f") ${type} (canon lift (core func $i "f") ${opts})))`;

describe('classify', () => {
  test('a sync lift is MVP only', async () => {
    expect(await features(lift('', '(result u32)'))).toEqual(['mvp']);
  });

  test('async lift with a callback is async; without one it is stackful', async () => {
    expect(await features(lift('async (callback (core func $i "cb"))', 'async'))).toEqual(['async', 'mvp']);
    expect(await features(lift('async', 'async'))).toEqual(['async', 'mvp', 'stackful']);
  });

  test('types: stream/future, error-context, fixed lists, maps', async () => {
    expect(await features('(component (type (stream u8)) (type (future)))')).toEqual(['async']);
    expect(await features('(component (type (list error-context)))')).toEqual(['error-context']);
    expect(await features('(component (type (list u8 4)))')).toEqual(['fixed-lists']);
    expect(await features('(component (type (map string u32)))')).toEqual(['map']);
  });

  test('value imports and start are 🪙', async () => {
    // `(import "v" (value string))` as Binary.md spells it (wasm-tools 0.259 omits the valuebound byte)
    const valueImport = Uint8Array.from([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 0x0a, 7, 1, 0, 1, 0x76, 0x02, 0x01, 0x73]);
    expect([...classify(decodeComponent(valueImport))]).toEqual(['values']);
    expect(await features('(component (import "f" (func $f)) (start $f))')).toEqual(['values']);
  });

  test('names: nested namespaces, version suffixes, canonical versions, attributes', async () => {
    expect(await features('(component (import "a:b:c/d" (instance)))')).toEqual(['nested-names']);
    expect(await features('(component (import "x:y/z/w" (instance)))')).toEqual(['nested-names']);
    expect(await features('(component (import "p:q/r" (versionsuffix "1.2.3") (instance)))')).toEqual(['canonical-names']);
    expect(await features('(component (import "m:n/o@1" (instance)))')).toEqual(['canonical-names']);
    expect(await features('(component (import "m:n/o@1.0.0" (instance)))')).toEqual([]);
    expect(await features('(component (import "i" (implements "a:b/c") (instance)))')).toEqual(['implements']);
    expect(await features('(component (import "e" (external-id "x") (func)))')).toEqual(['implements']);
  });

  test('built-ins take their gate from the opcode table, plus 🚝 forms', async () => {
    expect(await features('(component (core func (canon thread.index)))')).toEqual(['coop-threads']);
    expect(await features('(component (core func (canon error-context.drop)))')).toEqual(['error-context']);
    expect(await features('(component (core func (canon subtask.cancel)))')).toEqual(['async']);
    expect(await features('(component (core func (canon subtask.cancel async)))')).toEqual(['async', 'async-builtins']);
    expect(await features('(component (core func (canon context.get i64 0)))')).toEqual(['async', 'memory64']);
    const read = (opts: string) => `(component
      (type $s (stream u8))
      (core module $mm (memory (export "m") 1))
      (core instance $mi (instantiate $mm))
      (core func (canon stream.read $s ${opts} (memory (core memory $mi "m")))))`;
    expect(await features(read('async'))).toEqual(['async']);
    expect(await features(read(''))).toEqual(['async', 'async-builtins']);
  });

  test('core modules: memory64, shared, page sizes, multi-memory, tags, GC, SIMD', async () => {
    const core = (body: string) => features(`(component (core module ${body}))`);
    expect(await core('(memory 1)')).toEqual([]);
    expect(await core('(memory i64 1)')).toEqual(['memory64']);
    expect(await core('(memory 1 2 shared)')).toEqual(['shared-memory']);
    expect(await core('(memory 1 (pagesize 1))')).toEqual(['custom-page-sizes']);
    expect(await core('(memory 1) (memory 1)')).toEqual(['multi-memory']);
    expect(await core('(import "a" "m" (memory 1)) (memory 1)')).toEqual(['multi-memory']);
    expect(await core('(tag (param i32))')).toEqual(['exceptions']);
    expect(await core('(type (struct))')).toEqual(['gc']);
    expect(await core('(global v128 (v128.const i64x2 0 0))')).toEqual(['simd']);
  });

  test('nested components are classified too', async () => {
    expect(await features('(component (component (type (map u8 u8))))')).toEqual(['map']);
  });
});
