/**
 * The jco-runtime fixtures that import WASI 0.2 (built by wit-bindgen's Rust
 * runtime tests), run the default way: ESM mode, WASI from preview2-shim
 * through the built-in provider table, the test interface from a JS host
 * (host code written here after the answers in wit-bindgen's
 * tests/runtime/<name> guests and jco's runtime tests).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ComponentError } from '../../runtime/component-error.js';
import { FIXTURES } from '../paths.js';
import { loadWithHost, removeStaged } from './esm-host.js';

const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, `${name}.component.wasm`)));
const load = (name: string, host: Record<string, unknown>) => loadWithHost(fixture(name), host, name.replaceAll('-', '_'));

/** Counts calls per host function, so a test can see the guest really called the host. */
function counted<T extends Record<string, (...a: any[]) => unknown>>(fns: T): { fns: T; calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const wrapped = Object.fromEntries(
    Object.entries(fns).map(([k, f]) => [
      k,
      function (this: unknown, ...args: unknown[]) {
        calls[k] = (calls[k] ?? 0) + 1;
        return f.apply(this, args);
      },
    ]),
  ) as T;
  return { fns: wrapped, calls };
}

afterAll(removeStaged);

describe('jco-runtime fixtures with WASI, default providers', () => {
  test('smoke: the exported thunk calls the imported one', async () => {
    let hit = 0;
    const wasm = await load('smoke', { 'test:smoke/imports': { thunk: () => void hit++ } });
    wasm.thunk();
    expect(hit).toBe(1);
  });

  test('strings: host strings in, guest strings out (UTF-8 across the boundary)', async () => {
    const { fns, calls } = counted({
      takeBasic: (s: string) => expect(s).toBe('latin utf16'),
      returnUnicode: () => '🚀🚀🚀 𠈄𓀀',
    });
    const wasm = await load('strings', { 'test:strings/imports': fns });
    wasm.testImports();
    expect(calls).toEqual({ takeBasic: 1, returnUnicode: 1 });
    expect(wasm.roundtrip('str')).toBe('str');
    expect(wasm.roundtrip('🚀🚀🚀 𠈄𓀀')).toBe('🚀🚀🚀 𠈄𓀀');
    expect(wasm.returnEmpty()).toBe('');
  });

  test('numbers: every scalar type both ways', async () => {
    let scalar = 0;
    const id = (x: unknown) => x;
    const wasm = await load('numbers', {
      'test:numbers/test': {
        roundtripU8: id, roundtripS8: id, roundtripU16: id, roundtripS16: id, roundtripU32: id, roundtripS32: id,
        roundtripU64: id, roundtripS64: id, roundtripF32: id, roundtripF64: id, roundtripChar: id,
        setScalar: (x: number) => void (scalar = x),
        getScalar: () => scalar,
      },
    });
    wasm.testImports();
    const t = wasm['test:numbers/test'];
    expect(t.roundtripU8(255)).toBe(255);
    expect(t.roundtripS8(-128)).toBe(-128);
    expect(t.roundtripU16(65535)).toBe(65535);
    expect(t.roundtripS16(-32768)).toBe(-32768);
    expect(t.roundtripU32(0xffffffff)).toBe(0xffffffff);
    expect(t.roundtripS32(-(2 ** 31))).toBe(-(2 ** 31));
    expect(t.roundtripU64(2n ** 64n - 1n)).toBe(2n ** 64n - 1n);
    expect(t.roundtripS64(-(2n ** 63n))).toBe(-(2n ** 63n));
    expect(t.roundtripF32(Infinity)).toBe(Infinity);
    expect(Number.isNaN(t.roundtripF32(NaN))).toBe(true);
    expect(t.roundtripF64(-Infinity)).toBe(-Infinity);
    expect(t.roundtripChar('🚩')).toBe('🚩');
    t.setScalar(4);
    expect(t.getScalar()).toBe(4);
  });

  test('many-arguments: sixteen u64 arguments, to the guest and back to the host', async () => {
    const seen: bigint[][] = [];
    const wasm = await load('many-arguments', { imports: { manyArguments: (...a: bigint[]) => void seen.push(a) } });
    const args = Array.from({ length: 16 }, (_, i) => BigInt(i + 1));
    wasm.manyArguments(...args);
    expect(seen).toEqual([args]);
  });

  test('records: tuples, flags and records', async () => {
    const id = (x: unknown) => x;
    const wasm = await load('records', {
      'test:records/test': {
        multipleResults: () => [4, 5],
        swapTuple: ([a, b]: [number, number]) => [b, a],
        roundtripFlags1: id,
        roundtripFlags2: id,
        roundtripFlags3: (a: unknown, b: unknown, c: unknown) => [a, b, c],
        roundtripRecord1: id,
        tuple1: ([x]: [number]) => [x],
      },
    });
    wasm.testImports();
    const t = wasm['test:records/test'];
    expect(t.multipleResults()).toEqual([100, 200]);
    expect(t.swapTuple([1, 2])).toEqual([2, 1]);
    expect(t.roundtripFlags1({ a: true })).toEqual({ a: true, b: false });
    expect(t.roundtripFlags1({})).toEqual({ a: false, b: false });
    expect(t.roundtripFlags2({ c: true, e: true })).toEqual({ c: true, d: false, e: true });
    expect(t.roundtripRecord1({ a: 8, b: {} })).toEqual({ a: 8, b: { a: false, b: false } });
    expect(t.roundtripRecord1({ a: 0, b: { a: true, b: true } })).toEqual({ a: 0, b: { a: true, b: true } });
    expect(t.tuple1([1])).toEqual([1]);
  });

  test('variants: options, results, enums, variants with numeric payloads', async () => {
    const id = (x: unknown) => x;
    const wasm = await load('variants', {
      'test:variants/test': {
        roundtripOption: id,
        roundtripResult: (x: { tag: string; value: number }) => {
          if (x.tag === 'ok') return x.value;
          throw new ComponentError(Math.round(x.value));
        },
        roundtripEnum: id,
        invertBool: (x: boolean) => !x,
        variantCasts: id,
        variantZeros: id,
        variantTypedefs: () => {},
        variantEnums: (a: boolean, b: unknown, c: string) => {
          expect([a, b, c]).toEqual([true, { tag: 'ok' }, 'success']);
          return [false, { tag: 'err' }, 'a'];
        },
      },
    });
    wasm.testImports();
    const t = wasm['test:variants/test'];
    expect(t.roundtripOption(1)).toBe(1);
    expect(t.roundtripOption(undefined)).toBe(undefined);
    expect(t.roundtripOption(null)).toBe(undefined);
    expect(t.roundtripResult({ tag: 'ok', value: 2 })).toBe(2);
    expect(() => t.roundtripResult({ tag: 'err', value: Math.fround(5.2) })).toThrow(expect.objectContaining({ name: 'ComponentError', payload: 5 }));
    expect(t.roundtripEnum('b')).toBe('b');
    expect(t.invertBool(true)).toBe(false);
    const casts = [
      { tag: 'a', value: 1 }, { tag: 'a', value: 2 }, { tag: 'a', value: 3 },
      { tag: 'a', value: 4n }, { tag: 'a', value: 5n }, { tag: 'a', value: 6 },
    ];
    expect(t.variantCasts(casts)).toEqual(casts);
    const castsB = [
      { tag: 'b', value: 1n }, { tag: 'b', value: 2 }, { tag: 'b', value: 3 },
      { tag: 'b', value: 4 }, { tag: 'b', value: 5 }, { tag: 'b', value: 6 },
    ];
    expect(t.variantCasts(castsB)).toEqual(castsB);
    const zeros = [{ tag: 'a', value: 1 }, { tag: 'a', value: 2n }, { tag: 'a', value: 3 }, { tag: 'a', value: 4 }];
    expect(t.variantZeros(zeros)).toEqual(zeros);
    expect(t.variantZeros([{ tag: 'b' }, { tag: 'b' }, { tag: 'b' }, { tag: 'b' }])).toEqual([{ tag: 'b' }, { tag: 'b' }, { tag: 'b' }, { tag: 'b' }]);
    t.variantTypedefs(undefined, false, { tag: 'err' });
    // (the C guest leaves its variant-enums export unimplemented: it asserts)
  });

  test('lists: numeric lists as typed arrays, strings, nested lists; no leaks', async () => {
    const id = (x: unknown) => x;
    const { fns, calls } = counted({
      emptyListParam: (a: Uint8Array) => expect(Array.from(a)).toEqual([]),
      emptyStringParam: (a: string) => expect(a).toBe(''),
      emptyListResult: () => new Uint8Array([]),
      emptyStringResult: () => '',
      listParam: (a: Uint8Array) => expect(Array.from(a)).toEqual([1, 2, 3, 4]),
      listParam2: (a: string) => expect(a).toBe('foo'),
      listParam3: (a: string[]) => expect(a).toEqual(['foo', 'bar', 'baz']),
      listParam4: (a: string[][]) => expect(a).toEqual([['foo', 'bar'], ['baz']]),
      listParam5: (a: unknown) => expect(a).toEqual([[1, 2, 3], [4, 5, 6]]),
      listResult: () => new Uint8Array([1, 2, 3, 4, 5]),
      listResult2: () => 'hello!',
      listResult3: () => ['hello,', 'world!'],
      listRoundtrip: id,
      stringRoundtrip: id,
      listMinmax8: (u: Uint8Array, s: Int8Array) => {
        expect([u, s]).toEqual([new Uint8Array([0, 255]), new Int8Array([-128, 127])]);
        return [u, s];
      },
      listMinmax16: (u: Uint16Array, s: Int16Array) => {
        expect([u, s]).toEqual([new Uint16Array([0, 65535]), new Int16Array([-32768, 32767])]);
        return [u, s];
      },
      listMinmax32: (u: Uint32Array, s: Int32Array) => {
        expect([u, s]).toEqual([new Uint32Array([0, 0xffffffff]), new Int32Array([-(2 ** 31), 2 ** 31 - 1])]);
        return [u, s];
      },
      listMinmax64: (u: BigUint64Array, s: BigInt64Array) => {
        expect([u, s]).toEqual([new BigUint64Array([0n, 2n ** 64n - 1n]), new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n])]);
        return [u, s];
      },
      listMinmaxFloat: (f: Float32Array, d: Float64Array) => {
        expect(Array.from(f)).toEqual([-3.4028234663852886e38, 3.4028234663852886e38, -Infinity, Infinity]);
        expect(Array.from(d)).toEqual([-Number.MAX_VALUE, Number.MAX_VALUE, -Infinity, Infinity]);
        return [f, d];
      },
    });
    const wasm = await load('lists', { 'test:lists/test': fns });
    const before = wasm.allocatedBytes();
    wasm.testImports();
    expect(calls.listMinmaxFloat).toBe(1);
    expect(calls.listRoundtrip).toBeGreaterThan(0);
    const t = wasm['test:lists/test'];
    t.emptyListParam(new Uint8Array([]));
    t.emptyStringParam('');
    t.listParam(new Uint8Array([1, 2, 3, 4]));
    t.listParam2('foo');
    t.listParam3(['foo', 'bar', 'baz']);
    t.listParam4([['foo', 'bar'], ['baz']]);
    t.listParamLarge('blah '.repeat(1000).slice(0, -1).split(' '));
    expect(Array.from(t.emptyListResult())).toEqual([]);
    expect(t.emptyStringResult()).toBe('');
    expect(t.listResult()).toEqual(new Uint8Array([1, 2, 3, 4, 5]));
    expect(t.listResult2()).toBe('hello!');
    expect(t.listResult3()).toEqual(['hello,', 'world!']);
    const view = new Uint8Array(new ArrayBuffer(8), 2, 4);
    view.set([1, 2, 3, 4]);
    expect(Array.from(t.listRoundtrip(view))).toEqual([1, 2, 3, 4]);
    expect(t.stringRoundtrip('hello ⚑ world')).toBe('hello ⚑ world');
    expect(wasm.allocatedBytes()).toBe(before);
  });

  test('flavorful: lists inside records and variants, errno results, typedefs', async () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    let errnoCalls = 0;
    const { fns, calls } = counted({
      fListInRecord1: (x: { a: string }) => expect(x).toEqual({ a: 'list_in_record1' }),
      fListInRecord2: () => ({ a: 'list_in_record2' }),
      fListInRecord3: (x: { a: string }) => {
        expect(x.a).toBe('list_in_record3 input');
        return { a: 'list_in_record3 output' };
      },
      fListInRecord4: (x: { a: string }) => {
        expect(x.a).toBe('input4');
        return { a: 'result4' };
      },
      fListInVariant1: (a: unknown, b: unknown) => expect([a, b]).toEqual(['foo', { tag: 'err', value: 'bar' }]),
      fListInVariant2: () => 'list_in_variant2',
      fListInVariant3: (x: string) => {
        expect(x).toBe('input3');
        return 'output3';
      },
      // the guest expects err(b) first, then ok
      errnoResult: () => {
        if (errnoCalls++ === 0) throw new ComponentError('b');
      },
      listTypedefs: (a: string, c: string[]) => {
        expect([a, c]).toEqual(['typedef1', ['typedef2']]);
        return [bytes('typedef3'), ['typedef4']];
      },
      listOfVariants: (a: boolean[], b: unknown[], c: string[]) => {
        expect([a, b, c]).toEqual([[true, false], [{ tag: 'ok' }, { tag: 'err' }], ['success', 'a']]);
        return [[false, true], [{ tag: 'err' }, { tag: 'ok' }], ['a', 'b']];
      },
    });
    const wasm = await load('flavorful', { 'test:flavorful/test': fns });
    wasm.testImports();
    expect(Object.keys(calls).length).toBe(10);
    expect(errnoCalls).toBe(2);
    const t = wasm['test:flavorful/test'];
    t.fListInRecord1({ a: 'list_in_record1' });
    expect(t.fListInRecord2()).toEqual({ a: 'list_in_record2' });
    expect(t.fListInRecord3({ a: 'list_in_record3 input' })).toEqual({ a: 'list_in_record3 output' });
    expect(t.fListInRecord4({ a: 'input4' })).toEqual({ a: 'result4' });
    t.fListInVariant1('foo', { tag: 'err', value: 'bar' });
    expect(t.fListInVariant2()).toBe('list_in_variant2');
    expect(t.fListInVariant3('input3')).toBe('output3');
    expect(() => t.errnoResult()).toThrow(expect.objectContaining({ name: 'ComponentError', payload: 'b' }));
    const [r1, r2] = t.listTypedefs('typedef1', ['typedef2']);
    expect(r1).toEqual(bytes('typedef3'));
    expect(r2).toEqual(['typedef4']);
  });

  test('resources: a host resource used by the guest, guest resources used from JS', async () => {
    class Y {
      a: number;
      constructor(a: number) {
        this.a = a;
      }
      getA() {
        return this.a;
      }
      setA(a: number) {
        this.a = a;
      }
      static add(y: Y, a: number) {
        return new Y(y.a + a);
      }
    }
    const wasm = await load('resources', { imports: { Y } });
    const e = wasm.exports;
    expect(e.testImports()).toBe(undefined);
    const x = new e.X(5);
    expect(x.getA()).toBe(5);
    x.setA(10);
    expect(x.getA()).toBe(10);
    const z1 = new e.Z(10);
    const z2 = new e.Z(20);
    expect([z1.getA(), z2.getA()]).toEqual([10, 20]);
    const xadd = e.X.add(x, 5);
    expect(xadd.getA()).toBe(15);
    const zadd = e.add(z1, z2);
    expect(zadd.getA()).toBe(30);
    const start = e.Z.numDropped();
    z1[Symbol.dispose]();
    z2[Symbol.dispose]();
    e.consume(xadd);
    expect(e.Z.numDropped()).toBe(start + 2);
    expect(() => xadd.getA()).toThrow();
    const k = new e.KebabCase(7);
    expect(k.getA()).toBe(7);
    expect(e.KebabCase.takeOwned(k)).toBe(7);
  });

  test('resource-import-and-export: a guest resource wrapping a host resource of the same interface', async () => {
    class Thing {
      v: number;
      constructor(v: number) {
        this.v = v + 1;
      }
      foo() {
        return this.v + 2;
      }
      bar(v: number) {
        this.v = v + 3;
      }
      static baz(a: Thing, b: Thing) {
        return new Thing(a.foo() + b.foo() + 4);
      }
    }
    const iface = 'test:resource-import-and-export/test';
    const wasm = await load('resource-import-and-export', {
      [iface]: { Thing },
      thing: Thing,
      'toplevel-import': (a: Thing) => a,
    });
    const G = wasm[iface].Thing;
    const thing1 = new G(42);
    expect(thing1.foo()).toBe(42 + 1 + 1 + 2 + 2);
    thing1.bar(33);
    expect(thing1.foo()).toBe(33 + 3 + 3 + 2 + 2);
    const thing2 = new G(81);
    const thing3 = G.baz(thing1, thing2);
    expect(thing3.foo()).toBe(33 + 3 + 3 + 81 + 1 + 1 + 2 + 2 + 4 + 1 + 2 + 4 + 1 + 1 + 2 + 2);
    const host = new Thing(1);
    expect(wasm.toplevelExport(host).foo()).toBe(4);
  });
});
