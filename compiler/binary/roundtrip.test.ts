/**
 * Component text → wasm-tools → decode: every section, every defvaltype,
 * component/instance/resource types, core types, nested components,
 * aliases and name attributes come back as the AST says.
 */
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, test } from 'vitest';
import type { Component, Definition, DefType } from './ast.js';
import { decodeComponent } from './decode.js';
import { DEFTYPE, DEFVALTYPE, PRIMVALTYPE } from './opcodes.js';

async function decodeText(text: string): Promise<{ bytes: Uint8Array; component: Component }> {
  const bytes = await parse(text);
  return { bytes, component: decodeComponent(bytes) };
}

const types = (c: Component): DefType[] => c.defs.flatMap((d) => (d.kind === 'type' ? [d.type] : []));
const ofKind = <K extends Definition['kind']>(c: Component, kind: K) =>
  c.defs.filter((d): d is Extract<Definition, { kind: K }> => d.kind === kind);

/** the first byte of a type definition, from the opcode tables */
function leadingByte(t: DefType): number {
  const find = (table: Record<number, string>, name: string) =>
    Number(Object.entries(table).find(([, v]) => v === name)![0]);
  switch (t.kind) {
    case 'prim':
      return find(PRIMVALTYPE, t.prim);
    case 'list':
      return find(DEFVALTYPE, t.length === undefined ? 'list' : 'fixed-list');
    case 'func':
      return t.async ? DEFTYPE.asyncFunc : DEFTYPE.func;
    case 'component-type':
      return DEFTYPE.component;
    case 'instance-type':
      return DEFTYPE.instance;
    case 'resource':
      return DEFTYPE.resource;
    default:
      return find(DEFVALTYPE, t.kind);
  }
}

describe('defvaltypes', () => {
  const TEXT = `(component
    (type bool) (type s8) (type u8) (type s16) (type u16) (type s32) (type u32) (type s64) (type u64)
    (type f32) (type f64) (type char) (type string) (type error-context)
    (type $r (record (field "a" u8) (field "b" string)))
    (type (variant (case "x" s8) (case "y")))
    (type (list u16))
    (type (list u8 3))
    (type (tuple s16 u32))
    (type (flags "f1" "f2"))
    (type (enum "e1" "e2"))
    (type (option s32))
    (type (result))
    (type (result u64))
    (type (result (error s64)))
    (type (result f32 (error f64)))
    (type $res (resource (rep i32)))
    (type (own $res))
    (type (borrow $res))
    (type (stream u8))
    (type (stream))
    (type (future string))
    (type (future))
    (type (map string u32))
    (type (list $r))
  )`;

  test('each decodes to its AST node', async () => {
    const { component } = await decodeText(TEXT);
    const prims = ['bool', 's8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'f32', 'f64', 'char', 'string', 'error-context'].map(
      (prim) => ({ kind: 'prim', prim }),
    );
    expect(types(component)).toMatchObject([
      ...prims,
      { kind: 'record', fields: [{ name: 'a', type: 'u8' }, { name: 'b', type: 'string' }] },
      { kind: 'variant', cases: [{ name: 'x', type: 's8' }, { name: 'y', type: null }] },
      { kind: 'list', element: 'u16' },
      { kind: 'list', element: 'u8', length: 3 },
      { kind: 'tuple', types: ['s16', 'u32'] },
      { kind: 'flags', names: ['f1', 'f2'] },
      { kind: 'enum', names: ['e1', 'e2'] },
      { kind: 'option', type: 's32' },
      { kind: 'result', ok: null, err: null },
      { kind: 'result', ok: 'u64', err: null },
      { kind: 'result', ok: null, err: 's64' },
      { kind: 'result', ok: 'f32', err: 'f64' },
      { kind: 'resource', rep: 'i32', dtor: null },
      { kind: 'own', resource: 26 },
      { kind: 'borrow', resource: 26 },
      { kind: 'stream', element: 'u8' },
      { kind: 'stream', element: null },
      { kind: 'future', element: 'string' },
      { kind: 'future', element: null },
      { kind: 'map', key: 'string', value: 'u32' },
      { kind: 'list', element: 14 },
    ]);
    const lists = types(component).filter((t) => t.kind === 'list');
    expect(lists.map((t) => t.kind === 'list' && 'length' in t)).toEqual([false, true, false]);
  });

  test('every type offset points at its leading byte', async () => {
    const { bytes, component } = await decodeText(TEXT);
    for (const t of types(component)) expect(bytes[t.offset]).toBe(leadingByte(t));
    for (const d of component.defs) if (d.kind === 'type') expect(d.offset).toBe(d.type.offset);
  });

  test('type indices past 63 round-trip (s33 encoding)', async () => {
    const many = Array.from({ length: 70 }, () => '(type u8)').join(' ');
    const { component } = await decodeText(`(component ${many} (type (list 64)) (type (option 69)))`);
    expect(types(component).slice(70)).toMatchObject([
      { kind: 'list', element: 64 },
      { kind: 'option', type: 69 },
    ]);
  });
});

describe('function, component, instance and resource types', () => {
  test('sync and async funcs', async () => {
    const { component } = await decodeText(`(component
      (type (func))
      (type (func (param "a" u32) (param "b" string) (result (list u8))))
      (type (func async (param "x" u8))))`);
    expect(types(component)).toMatchObject([
      { kind: 'func', async: false, params: [], result: null },
      { kind: 'list', element: 'u8' },
      { kind: 'func', async: false, params: [{ name: 'a', type: 'u32' }, { name: 'b', type: 'string' }], result: 1 },
      { kind: 'func', async: true, params: [{ name: 'x', type: 'u8' }], result: null },
    ]);
  });

  test('component and instance types with every declarator', async () => {
    const { component } = await decodeText(`(component
      (type $s string)
      (type $ct (component
        (core type (func (param i32)))
        (alias outer 1 $s (type $outer))
        (type (func (param "x" 0)))
        (import "r" (type (sub resource)))
        (import "e" (type (eq 0)))
        (import "m" (core module (type 0)))
        (export "f" (func (type 1)))
        (export "i" (instance (type 1)))
        (export "c" (component (type 1)))))
      (type $it (instance
        (export "r" (type $r (sub resource)))
        (alias outer 1 $s (type))
        (type (func (param "self" (borrow $r))))
        (export "[method]r.m" (func (type 2))))))`);
    const [, ct, it] = types(component);
    expect(ct).toMatchObject({
      kind: 'component-type',
      decls: [
        { kind: 'core-type', type: { kind: 'rec', types: [{ composite: { kind: 'func', params: ['i32'] } }] } },
        { kind: 'alias', alias: { sort: 'type', target: { kind: 'outer', count: 1, index: 0 } } },
        { kind: 'type', type: { kind: 'func', params: [{ name: 'x', type: 0 }] } },
        { kind: 'import', name: { name: 'r' }, type: { kind: 'type', bound: { kind: 'sub-resource' } } },
        { kind: 'import', name: { name: 'e' }, type: { kind: 'type', bound: { kind: 'eq', type: 0 } } },
        { kind: 'import', name: { name: 'm' }, type: { kind: 'module', type: 0 } },
        { kind: 'export', name: { name: 'f' }, type: { kind: 'func', type: 1 } },
        { kind: 'export', name: { name: 'i' }, type: { kind: 'instance', type: 1 } },
        { kind: 'export', name: { name: 'c' }, type: { kind: 'component', type: 1 } },
      ],
    });
    expect(it).toMatchObject({
      kind: 'instance-type',
      decls: [
        { kind: 'export', name: { name: 'r' }, type: { kind: 'type', bound: { kind: 'sub-resource' } } },
        { kind: 'alias', alias: { sort: 'type', target: { kind: 'outer', count: 1, index: 0 } } },
        { kind: 'type', type: { kind: 'borrow', resource: 0 } },
        { kind: 'type', type: { kind: 'func', params: [{ name: 'self', type: 2 }] } },
        { kind: 'export', name: { name: '[method]r.m' } },
      ],
    });
  });

  test('a resource with a destructor', async () => {
    const { component } = await decodeText(`(component
      (core module $m (func (export "d") (param i32)))
      (core instance $i (instantiate $m))
      (alias core export $i "d" (core func $d))
      (type (resource (rep i32) (dtor (core func $d)))))`);
    expect(types(component)).toMatchObject([{ kind: 'resource', rep: 'i32', dtor: 0 }]);
  });
});

describe('core types in a component', () => {
  test('func, non-final sub (0x00 0x50), rec group, module type', async () => {
    const { bytes, component } = await decodeText(`(component
      (core type (func (param i32 i64) (result f32)))
      (core type (sub (func)))
      (core type (struct (field (mut i8))))
      (core type (module
        (type (func))
        (import "a" "b" (func (type 0)))
        (alias outer 1 0 (type))
        (export "m" (memory 1 2))
        (export "t" (table 1 funcref))
        (export "g" (global (mut i32))))))`);
    const core = ofKind(component, 'core-type');
    expect(core.map((d) => d.type)).toMatchObject([
      { kind: 'rec', types: [{ final: true, composite: { kind: 'func', params: ['i32', 'i64'], results: ['f32'] } }] },
      { kind: 'rec', types: [{ final: false, supertypes: [], composite: { kind: 'func' } }] },
      { kind: 'rec', types: [{ composite: { kind: 'struct', fields: [{ type: 'i8', mutable: true }] } }] },
      {
        kind: 'module',
        decls: [
          { kind: 'type', type: { kind: 'rec', types: [{ final: true }] } },
          { kind: 'import', module: 'a', name: 'b', desc: { kind: 'func', type: 0 } },
          { kind: 'alias', count: 1, index: 0 },
          { kind: 'export', name: 'm', desc: { kind: 'memory', min: 1, max: 2 } },
          { kind: 'export', name: 't', desc: { kind: 'table', min: 1 } },
          { kind: 'export', name: 'g', desc: { kind: 'global', type: 'i32', mutable: true } },
        ],
      },
    ]);
    // the sub type really was written with the 0x00 prefix
    expect([...bytes.subarray(core[1]!.offset, core[1]!.offset + 2)]).toEqual([0x00, 0x50]);
  });

  test('a 0x50 type declarator inside a module type is a nested module type (Binary.md; the validator rejects it)', () => {
    // core type section: 1 type, module type with 2 decls: (type (module)), (type (func))
    const bytes = new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 0x03, 0x0a, 0x01, 0x50, 0x02, 0x01, 0x50, 0x00, 0x01, 0x60, 0x00, 0x00]);
    const [def] = ofKind(decodeComponent(bytes), 'core-type');
    expect(def!.type).toMatchObject({ kind: 'module', decls: [{ kind: 'type', type: { kind: 'module', decls: [] } }, { kind: 'type', type: { kind: 'rec' } }] });
  });
});

describe('sections', () => {
  const EVERYTHING = `(component $everything
    (core module $m0 (global (export "g") i32 (i32.const 7)))
    (core instance $i0 (instantiate $m0))
    (alias core export $i0 "g" (core global $g))
    (core instance $env (export "g" (global $g)))
    (core module $m
      (import "env" "g" (global i32))
      (memory (export "mem") 1)
      (func (export "id") (param i32) (result i32) local.get 0))
    (core instance $ci (instantiate $m (with "env" (instance $env))))
    (core type $cft (func (param i32) (result i32)))
    (type $t (func (param "x" u32) (result u32)))
    (alias core export $ci "id" (core func $id))
    (func $lifted (type $t) (canon lift (core func $id)))
    (component $inner
      (import "f" (func $f (type 0)))
      (type (func (param "x" u32) (result u32)))
      (export "g" (func $f)))
    (instance $inst (instantiate $inner (with "f" (func $lifted))))
    (alias export $inst "g" (func $g2))
    (instance $bag (export "h" (func $g2)) (export "t" (type $t)))
    (component $outer-user
      (alias outer $everything $t (type $t2))
      (import "z" (func (type $t2))))
    (alias outer $everything $inner (component $again))
    (export "run" (func $g2))
    (export "run2" (func $g2) (func (type $t)))
    (@custom "my-section" "payload")
  )`;

  test('definitions come back in binary order with their immediates', async () => {
    const { component } = await decodeText(EVERYTHING);
    expect(component.defs.map((d) => d.kind)).toEqual([
      'core-module',
      'core-instance',
      'alias',
      'core-instance',
      'core-module',
      'core-instance',
      'core-type',
      'type',
      'alias',
      'canon',
      'component',
      'instance',
      'alias',
      'instance',
      'component',
      'alias',
      'export',
      'export',
    ]);
    expect(ofKind(component, 'core-instance').map((d) => d.expr)).toMatchObject([
      { kind: 'instantiate', module: 0, args: [] },
      { kind: 'exports', exports: [{ name: 'g', sort: 'global', index: 0 }] },
      { kind: 'instantiate', module: 1, args: [{ name: 'env', instance: 1 }] },
    ]);
    expect(ofKind(component, 'alias').map((d) => d.alias)).toMatchObject([
      { sort: 'core global', target: { kind: 'core-export', instance: 0, name: 'g' } },
      { sort: 'core func', target: { kind: 'core-export', instance: 2, name: 'id' } },
      { sort: 'func', target: { kind: 'export', instance: 0, name: 'g' } },
      { sort: 'component', target: { kind: 'outer', count: 0, index: 0 } },
    ]);
    expect(ofKind(component, 'instance').map((d) => d.expr)).toMatchObject([
      { kind: 'instantiate', component: 0, args: [{ name: 'f', sort: 'func', index: 0 }] },
      {
        kind: 'exports',
        exports: [
          { name: { name: 'h', form: 0 }, sort: 'func', index: 1 },
          { name: { name: 't' }, sort: 'type', index: 0 },
        ],
      },
    ]);
    expect(ofKind(component, 'export')).toMatchObject([
      { name: { name: 'run' }, sort: 'func', index: 1, type: null },
      { name: { name: 'run2' }, sort: 'func', index: 1, type: { kind: 'func', type: 0 } },
    ]);
    expect(ofKind(component, 'canon')[0]!.canon).toMatchObject({ name: 'lift', func: 0, type: 0, opts: [] });
  });

  test('core modules are byte views with their interface read', async () => {
    const { bytes, component } = await decodeText(EVERYTHING);
    const [m0, m] = ofKind(component, 'core-module').map((d) => d.module);
    expect(m0!.bytes.buffer).toBe(bytes.buffer);
    expect(m0!.bytes.byteOffset).toBe(m0!.offset);
    expect([...m0!.bytes.subarray(0, 8)]).toEqual([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    expect(m0).toMatchObject({ globals: [{ type: 'i32', mutable: false }], exports: [{ name: 'g', sort: 'global', index: 0 }], name: 'm0' });
    expect(m).toMatchObject({
      imports: [{ module: 'env', name: 'g', desc: { kind: 'global', type: 'i32' } }],
      memories: [{ min: 1, memory64: false, shared: false }],
      funcs: [0],
      exports: [{ name: 'mem', sort: 'memory' }, { name: 'id', sort: 'func', index: 0 }],
    });
  });

  test('nested components decode recursively, with outermost offsets', async () => {
    const { bytes, component } = await decodeText(EVERYTHING);
    const [inner, outerUser] = ofKind(component, 'component').map((d) => d.component);
    expect(inner!.defs.map((d) => d.kind)).toEqual(['import', 'type', 'export']);
    expect(bytes[inner!.offset]).toBe(0x00);
    expect([...bytes.subarray(inner!.offset + 4, inner!.offset + 8)]).toEqual([0x0d, 0x00, 0x01, 0x00]);
    expect(inner!.end).toBeLessThanOrEqual(outerUser!.offset);
    const exp = inner!.defs[2]!;
    expect(bytes[exp.offset]).toBe(0x00); // the export's nameattributes byte
    expect(outerUser!.defs[0]).toMatchObject({ kind: 'alias', alias: { sort: 'type', target: { kind: 'outer', count: 1, index: 0 } } });
    expect(inner!.names?.component).toBe('inner');
  });

  test('custom sections and the component-name section', async () => {
    const { component } = await decodeText(EVERYTHING);
    expect(component.customs.map((c) => c.name)).toEqual(['my-section', 'component-name']);
    expect(new TextDecoder().decode(component.customs[0]!.data)).toBe('payload');
    expect(component.names?.component).toBe('everything');
    const sorts = new Map(component.names!.sorts.map((s) => [s.sort, s.names]));
    expect(sorts.get('core module')).toEqual(new Map([[0, 'm0'], [1, 'm']]));
    expect(sorts.get('func')).toEqual(new Map([[0, 'lifted'], [1, 'g2']]));
    expect(sorts.get('component')?.get(1)).toBe('outer-user');
  });

  test('🪙 value imports, values and start (hand-built: wasm-tools 0.259 has no text for them)', () => {
    // import "v" (value (type u32)); value u32 "\2a"; start func 0 (value 0) (result 1); export "r" (value 1)
    const v = [0x00, 0x01, 0x76];
    const r = [0x00, 0x01, 0x72];
    const bytes = Uint8Array.from([
      ...[0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00],
      ...[0x0a, 7, 1, ...v, 0x02, 0x01, 0x79],
      ...[0x0c, 4, 1, 0x79, 1, 0x2a],
      ...[0x09, 4, 0, 1, 0, 1],
      ...[0x0b, 7, 1, ...r, 0x02, 1, 0x00],
    ]);
    const c = decodeComponent(bytes);
    expect(c.defs).toMatchObject([
      { kind: 'import', name: { name: 'v' }, type: { kind: 'value', bound: { kind: 'type', type: 'u32' } } },
      { kind: 'value', type: 'u32' },
      { kind: 'start', func: 0, args: [0], results: 1 },
      { kind: 'export', name: { name: 'r' }, sort: 'value', index: 1, type: null },
    ]);
    const value = c.defs[1];
    expect(value?.kind === 'value' && [...value.bytes]).toEqual([0x2a]);
  });
});

describe('name attributes', () => {
  test('implements, external-id, versionsuffix and plain names', async () => {
    const { bytes, component } = await decodeText(`(component
      (import "a" (implements "a:b/c") (instance))
      (import "b" (external-id "xyz") (func))
      (import "c:d/e@1.2.3" (versionsuffix "-rc1") (instance))
      (import "f" (func)))`);
    const names = ofKind(component, 'import').map((i) => i.name);
    expect(names).toMatchObject([
      { name: 'a', form: 2, implements: 'a:b/c', attributes: [{ kind: 'implements' }] },
      { name: 'b', form: 2, externalId: 'xyz', attributes: [{ kind: 'external-id' }] },
      { name: 'c:d/e@1.2.3', form: 2, versionSuffix: '-rc1', attributes: [{ kind: 'versionsuffix' }] },
      { name: 'f', form: 0, attributes: [] },
    ]);
    for (const n of names) {
      expect(bytes[n.offset]).toBe(n.form);
      for (const a of n.attributes) expect(bytes[a.offset]).toBe({ implements: 0, versionsuffix: 1, 'external-id': 2 }[a.kind]);
    }
    expect(names[3]).not.toHaveProperty('implements');
  });

  test('duplicate attributes are kept for the validator (the first wins its field)', () => {
    const name = (s: string) => [s.length, ...new TextEncoder().encode(s)];
    const imp = [0x02, ...name('a'), 2, 0x00, ...name('x:y/z'), 0x00, ...name('p:q/r'), 0x05, 0x00];
    const bytes = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x0a, imp.length + 1, 1, ...imp]);
    const [def] = decodeComponent(bytes).defs;
    expect(def).toMatchObject({ kind: 'import', name: { implements: 'x:y/z', attributes: [{ kind: 'implements' }, { kind: 'implements' }] } });
  });
});
