/**
 * 🪙 Value imports: the host passes a JS value under the import's name; it
 * is checked against the type (a TypeError with a `code` and the value's
 * path, before anything runs) and handed on in the component's form.
 */
import { describe, expect, test } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { compileAndLoad } from '../compile/load.js';
import { componentBinary } from './component-text.js';

/**
 * A component re-exporting the value import `v` of `type`. The type is
 * imported first (as `t`, `eq` bound): an imported value's record, variant,
 * enum and flags types must be visible; `types` defines (and imports) the
 * named types a compound `type` uses.
 */
async function reexport(type: string, types = '') {
  const wat = `(component ${types}
    (type $t ${type})
    (import "t" (type $T (eq $t)))
    (import "v" (value $v (type $T)))
    (export "out" (value $v)))`;
  const { instantiate } = await compileAndLoad(await componentBinary(wat));
  return async (v: unknown, present = true) => (await instantiate(present ? { v } : {})).out;
}

const RECORD = '(record (field "user-name" string) (field "tags" (list string)) (field "id" u64))';

describe('value imports come out in the component form', () => {
  test('a string (lone surrogates become U+FFFD)', async () => {
    const pass = await reexport('string');
    expect(await pass('hello')).toBe('hello');
    expect(await pass('a\uD800b')).toBe('a\uFFFDb');
  });

  test('a record with a list and a u64', async () => {
    const pass = await reexport(RECORD);
    expect(await pass({ userName: 'ann', tags: new Set(['x', 'y']), id: 7n })).toEqual({ userName: 'ann', tags: ['x', 'y'], id: 7n });
  });

  test('lists of numbers become typed arrays (f32 rounded), other lists arrays', async () => {
    const bytes = await (await reexport('(list u8)'))([1, 2, 255]);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...(bytes as Uint8Array)]).toEqual([1, 2, 255]);
    expect(await (await reexport('(list f32)'))([0.1])).toEqual(Float32Array.of(Math.fround(0.1)));
    expect(await (await reexport('(list (tuple u8 char))'))([[1, 'a']])).toEqual([[1, 'a']]);
    expect(await (await reexport('(list u8 2)'))([4, 5])).toEqual([4, 5]);
  });

  test('variants, results and options: { tag, value }, jco\'s { tag, val } accepted; none may be left out', async () => {
    const types = '(type $e\' (enum "x" "y")) (import "e" (type $e (eq $e\')))';
    const variant = await reexport('(variant (case "num" u32) (case "kind" $e) (case "nothing"))', types);
    expect(await variant({ tag: 'num', val: 3 })).toStrictEqual({ tag: 'num', value: 3 });
    expect(await variant({ tag: 'kind', value: 'y' })).toStrictEqual({ tag: 'kind', value: 'y' });
    expect(await variant({ tag: 'nothing', value: 1 })).toStrictEqual({ tag: 'nothing' });
    const result = await reexport('(result string (error u8))');
    expect(await result({ tag: 'err', value: 2 })).toStrictEqual({ tag: 'err', value: 2 });
    const option = await reexport('(option string)');
    expect(await option(null)).toBeUndefined();
    expect(await option(undefined, false)).toBeUndefined();
    expect(await option('x')).toBe('x');
    const nested = await reexport('(option (option u8))');
    expect(await nested({ tag: 'some', value: null })).toStrictEqual({ tag: 'some', value: undefined });
    expect(await nested(undefined)).toStrictEqual({ tag: 'none' });
  });

  test('flags (missing flags are false), enums, maps, chars', async () => {
    expect(await (await reexport('(flags "read" "write-all")'))({ writeAll: true })).toEqual({ read: false, writeAll: true });
    expect(await (await reexport('(enum "a" "b")'))('b')).toBe('b');
    const map = await (await reexport('(map string u32)'))({ a: 1 });
    expect(map).toEqual(new Map([['a', 1]]));
    expect(await (await reexport('char'))('😀')).toBe('😀');
  });

  test('a value export of an imported instance', async () => {
    const wat = `(component
      (import "config" (instance $cfg (export "locale" (value string)) (export "port" (value u16))))
      (alias export $cfg "locale" (value $locale))
      (alias export $cfg "port" (value $port))
      (export "locale" (value $locale))
      (export "port" (value $port)))`;
    const { instantiate } = await compileAndLoad(await componentBinary(wat));
    expect(await instantiate({ config: { locale: 'fr', port: 80 } })).toEqual({ locale: 'fr', port: 80 });
    await expect(instantiate({ config: { locale: 'fr' } })).rejects.toMatchObject({ code: 'import/missing' });
    await expect(instantiate({})).rejects.toMatchObject({ code: 'import/missing', message: expect.stringContaining('config') });
  });
});

describe('wrong JS values are TypeErrors naming the value', () => {
  test.each([
    ['string', 5, 'type/string', 'import "v": expected a string, got 5'],
    ['u8', 256, 'type/u8', 'import "v": expected an integer in [0, 255], got 256'],
    ['s32', 1.5, 'type/s32', 'import "v"'],
    ['u64', 1, 'type/u64', 'import "v": expected a bigint in [0, 2^64 - 1], got 1'],
    ['bool', 0, 'type/bool', 'import "v"'],
    ['char', 'ab', 'type/char', 'import "v"'],
    ['(list u8)', [1, 300], 'type/numbers', 'import "v"[1]'],
    ['(list string)', 'abc', 'type/list', 'import "v"'],
    ['(list u8 2)', [1], 'type/fixed-list', 'import "v"'],
    ['(tuple u8 u8)', [1], 'type/tuple', 'import "v"'],
    ['(enum "a" "b")', 'c', 'type/enum', "one of the case names 'a', 'b'"],
    ['(variant (case "a") (case "b" u8))', { tag: 'z' }, 'type/variant', "'a', 'b'"],
    ['(result u8)', { tag: 'ok', value: -1 }, 'type/u8', 'import "v" .value'],
    ['(flags "a")', { a: 1 }, 'type/flags', 'import "v"'],
    ['(option (option u8))', { tag: 'maybe' }, 'type/option-tagged', 'import "v"'],
  ])('%s given %j: %s', async (type, value, code, message) => {
    const pass = await reexport(type);
    const error = await pass(value).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ code, message: expect.stringContaining(message) });
  });

  test('the path names the record field and list element', async () => {
    const pass = await reexport(RECORD);
    await expect(pass({ userName: 'ann', tags: ['ok', 3], id: 1n })).rejects.toMatchObject({
      code: 'type/string',
      message: 'import "v" .tags[1]: expected a string, got 3',
    });
    await expect(pass(null)).rejects.toMatchObject({ code: 'type/record' });
  });

  test('a missing value import is import/missing', async () => {
    const pass = await reexport('string');
    await expect(pass(undefined, false)).rejects.toMatchObject({ code: 'import/missing', message: 'missing import v: the imports object has no "v"' });
  });

  test('the check runs before any core code: a bad value stops instantiation before the start function', async () => {
    const wat = `(component
      (import "log" (func $log (param "n" u32)))
      (import "n" (value $n u32))
      (start $log (value $n)))`;
    const { instantiate } = await compileAndLoad(await componentBinary(wat));
    const calls: number[] = [];
    await expect(instantiate({ log: (n: number) => calls.push(n), n: -1 })).rejects.toMatchObject({ code: 'type/u32' });
    expect(calls).toEqual([]);
    await instantiate({ log: (n: number) => calls.push(n), n: 9 });
    expect(calls).toEqual([9]);
  });
});

test('values holding handles are a clear compile error at the import', async () => {
  const bytes = await componentBinary(`(component
    (import "r" (type $r (sub resource)))
    (import "v" (value $v (own $r)))
    (export "out" (value $v)))`);
  await expect(compile(bytes, { name: 'c' })).rejects.toMatchObject({
    code: 'compile/unsupported',
    message: expect.stringMatching(/🪙 values of type own \(values holding handles\) \(at offset 0x[0-9a-f]+\)/),
  });
});
