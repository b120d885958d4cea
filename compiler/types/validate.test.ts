import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, it } from 'vitest';
import { decodeComponent } from '../binary/decode.js';
import { CompileError } from '../errors/index.js';
import type { Component, Definition, ExternName, NestedComponentDef } from '../binary/ast.js';
import type { InstanceType, Resource, ValType } from './model.js';
import { validateComponent } from './validate.js';

const validate = async (wat: string) => validateComponent(decodeComponent(await parse(wat)));

/** The catalogue code validation fails with. */
async function codeOf(wat: string): Promise<string> {
  try {
    await validate(wat);
  } catch (e) {
    if (e instanceof CompileError) return e.code;
    throw e;
  }
  return 'valid';
}

describe('validateComponent: the ComponentInfo it returns', () => {
  it('lists every index space in index order, with origins and canon details', async () => {
    const info = await validate(`(component
      (import "log" (func $log (param "msg" string)))
      (core module $libc (memory (export "mem") 1)
        (func (export "realloc") (param i32 i32 i32 i32) (result i32) unreachable))
      (core instance $libc (instantiate $libc))
      (alias core export $libc "mem" (core memory $mem))
      (alias core export $libc "realloc" (core func $realloc))
      (core func $log' (canon lower (func $log) (memory $mem) (realloc $realloc)))
      (core module $m (import "host" "log" (func (param i32 i32))) (func (export "run") (param i32 i32)))
      (core instance $m (instantiate $m (with "host" (instance (export "log" (func $log'))))))
      (func $run (param "s" string) (canon lift (core func $m "run") (memory $mem) (realloc $realloc)))
      (export "run" (func $run)))`);
    expect(info.funcs).toHaveLength(3); // import, lift, export
    expect(info.funcs[0]!.params[0]!.type.kind).toBe('string');
    expect(info.coreModules).toHaveLength(2);
    expect(info.coreInstances).toHaveLength(3); // two instantiations and the inline `with` bag
    expect(info.coreMemories[0]!.min).toBe(1);
    // realloc, the lowered log, the aliased run
    expect(info.coreFuncs.map((f) => [f.params, f.results])).toEqual([
      [['i32', 'i32', 'i32', 'i32'], ['i32']],
      [['i32', 'i32'], []],
      [['i32', 'i32'], []],
    ]);
    expect(info.origins.coreFuncs.map((d) => d.kind)).toEqual(['alias', 'canon', 'alias']);
    const canons = [...info.canons.values()];
    expect(canons.map((c) => c.canon.name)).toEqual(['lower', 'lift']);
    expect(canons[0]!.opts).toMatchObject({ memory: 0, realloc: 0, stringEncoding: 'utf8', ptr: 'i32', async: false });
    expect([...info.type.imports.keys()]).toEqual(['log']);
    expect([...info.type.exports.keys()]).toEqual(['run']);
    expect(info.type.exports.get('run')).toMatchObject({ kind: 'func', type: { params: [{ name: 's' }] } });
    expect(info.unvalidatedModules.size).toBe(0);
  });

  it('validates nested components and records them by definition', async () => {
    const info = await validate(`(component
      (component $c (import "x" (func)) (export "y" (func 0)))
      (import "f" (func $f))
      (instance $i (instantiate $c (with "x" (func $f))))
      (export "y" (func $i "y")))`);
    expect(info.nested.size).toBe(1);
    const [def, nested] = [...info.nested][0]!;
    expect(info.component.defs[0]).toBe(def);
    expect([...nested.type.imports.keys()]).toEqual(['x']);
    expect(info.components[0]).toBe(nested.type);
    expect([...info.instances[0]!.exports.keys()]).toEqual(['y']);
  });

  it('maps each component index to the validated definition behind it', async () => {
    const info = await validate(`(component $P
      (component $C)
      (import "k" (component $K))
      (component (alias outer $P $C (component $C2)) (instance (instantiate $C2))))`);
    const [c, inner] = info.component.defs.filter((d) => d.kind === 'component').map((d) => info.nested.get(d as NestedComponentDef));
    expect(info.componentInfos).toHaveLength(3);
    expect(info.componentInfos.filter((x) => x === undefined)).toHaveLength(1); // the import
    expect(info.componentInfos).toContain(inner);
    expect(inner!.componentInfos).toEqual([c]);
  });

  it('gives resources identity: defined ones are local, each instantiation makes new ones', async () => {
    const info = await validate(`(component
      (type $R (resource (rep i32)))
      (core func (canon resource.new $R))
      (component $C
        (type $R (resource (rep i32)))
        (export "r" (type $R)))
      (instance $c1 (instantiate $C))
      (instance $c2 (instantiate $C))
      (alias export $c1 "r" (type $r1))
      (alias export $c2 "r" (type $r2))
      (export $R' "r" (type $R))
      (export "r1" (type $r1))
      (export "r2" (type $r2)))`);
    const [R, r1, r2, exported] = [info.types[0], info.types[1], info.types[2], info.types[3]] as Resource[];
    expect(R).toMatchObject({ kind: 'resource', origin: 'defined', rep: 'i32', name: 'r' });
    expect(r1).toMatchObject({ origin: 'abstract', name: 'r' });
    expect(info.definedResources).toEqual([R]);
    expect(r1).not.toBe(r2);
    expect(r1).not.toBe(R);
    expect(exported).toBe(R); // an export of a type is the same type
    expect(info.coreFuncs[0]).toMatchObject({ params: ['i32'], results: ['i32'] });
    // the component's exports use three resources, none imported: all made by each instantiation
    expect(info.type.exportedResources).toHaveLength(3);
  });

  it('substitutes instantiation arguments into the exports', async () => {
    const info = await validate(`(component
      (import "T" (type $T (sub resource)))
      (component $C
        (import "x" (type $X (sub resource)))
        (import "f" (func (param "v" (own $X))))
        (export "g" (func 0))
        (export "y" (type $X)))
      (import "f" (func $f (param "v" (own $T))))
      (instance $c (instantiate $C (with "x" (type $T)) (with "f" (func $f)))))`);
    const T = info.types[0] as Resource;
    const inst = info.instances[0] as InstanceType;
    expect(inst.exports.get('y')).toMatchObject({ kind: 'type', type: T });
    const g = inst.exports.get('g');
    expect(g?.kind === 'func' && (g.type.params[0]!.type as ValType & { kind: 'own' }).resource).toBe(T);
    expect(info.type.importedResources).toEqual([T]);
  });

  it('freshens the abstract resources of each instance-typed import', async () => {
    const info = await validate(`(component
      (type $I (instance (export "r" (type (sub resource)))))
      (import "a" (instance $a (type $I)))
      (import "b" (instance $b (type $I)))
      (alias export $a "r" (type $ra))
      (alias export $b "r" (type $rb)))`);
    expect(info.types[1]).not.toBe(info.types[2]);
    expect((info.types[0] as InstanceType).exportedResources).toHaveLength(1);
    expect(info.instances.every((i) => i.exportedResources.length === 0)).toBe(true);
    expect(info.type.importedResources).toEqual([info.types[1], info.types[2]]);
  });

  it('links an ascribed `(sub resource)` export to the resource implementing it', async () => {
    const info = await validate(`(component
      (type $r (resource (rep i32)))
      (export "r1" (type $r))
      (export "r2" (type $r) (type (sub resource))))`);
    const r = info.types[0] as Resource;
    const r2 = info.type.exports.get('r2')!;
    expect(r2.kind === 'type' && r2.type).not.toBe(r);
    expect(r2.kind === 'type' && (r2.type as Resource).implementedBy).toBe(r);
  });
});

describe('validateComponent: rules', () => {
  it('rejects a type index used before its definition', async () => {
    expect(await codeOf('(component (type (list 0)))')).toBe('validate/index-out-of-bounds');
  });

  it('checks value definitions and consumption (🪙)', () => {
    // wasm-tools writes value imports in an older encoding: build the AST directly.
    const component = (...defs: Definition[]): Component => ({ kind: 'component', offset: 0, end: 0, defs, customs: [] });
    const name = (n: string): ExternName => ({ offset: 0, name: n, form: 0, attributes: [] });
    const value = (bytes: number[]): Definition => ({ kind: 'value', offset: 0, type: 'u32', bytes: new Uint8Array(bytes) });
    const exp = (n: string, index: number): Definition => ({ kind: 'export', offset: 0, name: name(n), sort: 'value', index, type: null });
    const code = (c: Component): string => {
      try {
        validateComponent(c);
        return 'valid';
      } catch (e) {
        return (e as CompileError).code;
      }
    };
    expect(code(component(value([5]), exp('v', 0)))).toBe('valid');
    expect(code(component(value([5])))).toBe('validate/value-not-consumed');
    expect(code(component(value([5]), exp('v', 0), exp('w', 0)))).toBe('validate/value-consumed-twice');
    expect(code(component(value([0x80]), exp('v', 0)))).toBe('validate/bad-value');
    expect(code(component(value([5, 5]), exp('v', 0)))).toBe('validate/bad-value');
  });

  it('rejects a core module the engine rejects', async () => {
    expect(await codeOf('(component (core module (func (result i32))))')).toBe('validate/core-module-invalid');
  });

  it('records (does not reject) core modules using features the engine lacks', async () => {
    const info = await validate('(component (core module (global i32 (i32.add (i32.const 1) (i32.const 2)))))');
    const [gaps] = [...info.unvalidatedModules.values()];
    expect(gaps?.[0]).toMatch(/^engine: .*constant expressions/);
  });

  it('accepts every export kind, with ascription as a supertype', async () => {
    expect(
      await codeOf(`(component
        (import "i" (instance $i (export "a" (func)) (export "b" (func))))
        (export "j" (instance $i) (instance (export "a" (func)))))`),
    ).toBe('valid');
    expect(
      await codeOf(`(component
        (import "i" (instance $i (export "a" (func))))
        (export "j" (instance $i) (instance (export "b" (func)))))`),
    ).toBe('validate/ascription-mismatch');
  });
});
