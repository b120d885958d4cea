/**
 * Core modules: the interface is read (GC types, every import kind and
 * memory/table flag, tables with initializers, constant expressions,
 * exports, start, tags, data count, names) and everything else skipped.
 */
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, test } from 'vitest';
import type { CoreModule } from './ast.js';
import { decodeBinary, decodeComponent, decodeModule } from './decode.js';

async function coreModule(text: string): Promise<{ bytes: Uint8Array; module: CoreModule }> {
  const bytes = await parse(`(component ${text})`);
  const def = decodeComponent(bytes).defs[0];
  if (def?.kind !== 'core-module') throw new Error('no core module');
  return { bytes, module: def.module };
}

const ref = (heap: string | number, nullable = true, shared = false) => ({ kind: 'ref', nullable, shared, heap });

describe('core module interface', () => {
  const GC = `(core module $gc
    (rec
      (type $a (sub (struct (field (mut i32)) (field i8))))
      (type $b (sub final $a (struct (field (mut i32)) (field i8) (field (ref null $a))))))
    (type $arr (array (mut i16)))
    (type $f (func (param anyref externref (ref func) (ref null $a) i31ref v128 (ref null exn)) (result f64)))
    (type $sh (shared (func)))
    (type $v (func))
    (type $c (cont $v))
    (import "m" "f" (func (type $f)))
    (import "m" "t" (table 1 2 funcref))
    (import "m" "t64" (table i64 1 funcref))
    (import "m" "mem" (memory 1 2 shared))
    (import "m" "mem64" (memory i64 1))
    (import "m" "memp" (memory 1 (pagesize 1)))
    (import "m" "g" (global (mut i64)))
    (import "m" "tag" (tag (param i32)))
    (table $tt 10 (ref $v) (ref.func $nop))
    (memory 0)
    (tag (param i64))
    (global $g0 i32 (i32.const -5))
    (global i32 (i32.add (i32.mul (i32.const 1) (global.get $g0)) (i32.const 2)))
    (global i64 (i64.sub (i64.const -9999999999) (i64.const 3)))
    (global (ref null $a) (ref.null $a))
    (global (ref $a) (struct.new $a (i32.const 1) (i32.const 2)))
    (global (ref $a) (struct.new_default $a))
    (global (ref i31) (ref.i31 (i32.const 5)))
    (global v128 (v128.const i32x4 1 2 3 4))
    (global f32 (f32.const 1.5))
    (global (mut f64) (f64.const 2.5))
    (global (ref $arr) (array.new_fixed $arr 2 (i32.const 1) (i32.const 2)))
    (global (ref $arr) (array.new $arr (i32.const 1) (i32.const 2)))
    (global (ref $arr) (array.new_default $arr (i32.const 1)))
    (global externref (extern.convert_any (ref.null any)))
    (global anyref (any.convert_extern (ref.null extern)))
    (global funcref (ref.func $nop))
    (func $nop (type $v))
    (func $s (type $v) nop)
    (elem declare func $nop)
    (data (memory 3) (i32.const 0) "hi")
    (data "passive")
    (export "nop" (func $nop))
    (export "mem" (memory 3))
    (export "tbl" (table $tt))
    (export "g" (global $g0))
    (export "tag" (tag 1))
    (start $s))`;

  test('GC types: rec groups, sub types, struct/array/func/cont, shared', async () => {
    const { module } = await coreModule(GC);
    expect(module.types).toMatchObject([
      {
        final: false,
        supertypes: [],
        rec: { group: 0, index: 0, size: 2 },
        composite: { kind: 'struct', fields: [{ type: 'i32', mutable: true }, { type: 'i8', mutable: false }] },
      },
      { final: true, supertypes: [0], rec: { group: 0, index: 1, size: 2 }, composite: { kind: 'struct' } },
      { final: true, composite: { kind: 'array', field: { type: 'i16', mutable: true } } },
      {
        composite: {
          kind: 'func',
          params: [ref('any'), ref('extern'), ref('func', false), ref(0), ref('i31'), 'v128', ref('exn')],
          results: ['f64'],
        },
      },
      { shared: true, composite: { kind: 'func', params: [], results: [] } },
      { shared: false, composite: { kind: 'func' } },
      { composite: { kind: 'cont', type: 5 } },
      { composite: { kind: 'func', params: ['i32'] } },
      { composite: { kind: 'func', params: ['i64'] } },
    ]);
    expect(module.types[2]).not.toHaveProperty('rec');
    expect(module.types.slice(0, 2).map((t) => t.composite.kind === 'struct' && t.composite.fields.length)).toEqual([2, 3]);
  });

  test('imports of every kind, with memory and table flags', async () => {
    const { module } = await coreModule(GC);
    expect(module.imports.map((i) => [i.module, i.name, i.desc])).toEqual([
      ['m', 'f', { kind: 'func', type: 3 }],
      ['m', 't', { kind: 'table', element: ref('func'), min: 1, max: 2, table64: false, shared: false }],
      ['m', 't64', { kind: 'table', element: ref('func'), min: 1, table64: true, shared: false }],
      ['m', 'mem', { kind: 'memory', min: 1, max: 2, shared: true, memory64: false }],
      ['m', 'mem64', { kind: 'memory', min: 1, shared: false, memory64: true }],
      ['m', 'memp', { kind: 'memory', min: 1, shared: false, memory64: false, pageSizeLog2: 0 }],
      ['m', 'g', { kind: 'global', type: 'i64', mutable: true, shared: false }],
      ['m', 'tag', { kind: 'tag', type: 7 }],
    ]);
  });

  test('definitions: funcs, tables with initializers, memories, tags, globals, exports, start', async () => {
    const { module } = await coreModule(GC);
    expect(module.funcs).toEqual([5, 5]);
    expect(module.tables).toEqual([{ element: ref(5, false), min: 10, table64: false, shared: false }]);
    expect(module.memories).toEqual([{ min: 0, shared: false, memory64: false }]);
    expect(module.tags).toEqual([8]);
    expect(module.globals.map((g) => g.type)).toEqual([
      'i32',
      'i32',
      'i64',
      ref(0),
      ref(0, false),
      ref(0, false),
      ref('i31', false),
      'v128',
      'f32',
      'f64',
      ref(2, false),
      ref(2, false),
      ref(2, false),
      ref('extern'),
      ref('any'),
      ref('func'),
    ]);
    expect(module.globals[9]!.mutable).toBe(true);
    expect(module.exports.map((e) => [e.name, e.sort, e.index])).toEqual([
      ['nop', 'func', 1],
      ['mem', 'memory', 3],
      ['tbl', 'table', 2],
      ['g', 'global', 1],
      ['tag', 'tag', 1],
    ]);
    expect(module.start).toBe(2);
    expect(module.name).toBe('gc');
    expect(module.customs).toEqual(['name']);
  });

  test('the module bytes are a view that decodes on its own to the same interface', async () => {
    const { bytes, module } = await coreModule(GC);
    expect(module.bytes.buffer).toBe(bytes.buffer);
    const again = decodeModule(module.bytes);
    expect({ ...again, offset: 0, bytes: null }).toEqual({ ...module, offset: 0, bytes: null, imports: again.imports, exports: again.exports });
    expect(again.imports.map((i) => i.offset + module.offset)).toEqual(module.imports.map((i) => i.offset));
  });

  test('64-bit limits beyond 2^53 are bigints', () => {
    // (module (memory i64 1 0xffff_ffff_ffff_ffff)) by hand: flags 0x05, min 1, max u64::MAX
    const max = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    const memory = [1, 0x05, 1, ...max];
    const bytes = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, memory.length, ...memory]);
    expect(decodeModule(bytes).memories).toEqual([{ min: 1, max: 2n ** 64n - 1n, shared: false, memory64: true }]);
  });
});

describe('standalone modules', () => {
  test('decodeBinary recognizes a core module by its layer', async () => {
    const bytes = await parse('(module $x (memory 1) (data (i32.const 0) "a") (func) (export "f" (func 0)))');
    const decoded = decodeBinary(bytes);
    expect(decoded.kind).toBe('module');
    if (decoded.kind !== 'module') return;
    expect(decoded.module).toMatchObject({ offset: 0, funcs: [0], memories: [{ min: 1 }], exports: [{ name: 'f' }], name: 'x' });
    expect(decoded.module.bytes.length).toBe(bytes.length);
  });

  test('a data count section must match the data section', () => {
    const ok = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 12, 1, 1, 11, 3, 1, 1, 0]);
    expect(decodeModule(ok).dataCount).toBe(1);
  });

  test('a malformed core name section is ignored', () => {
    const name = [4, 0x6e, 0x61, 0x6d, 0x65];
    const bytes = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0, name.length + 3, ...name, 0, 5, 0xff]);
    const m = decodeModule(bytes);
    expect(m.customs).toEqual(['name']);
    expect(m.name).toBeUndefined();
  });
});
