/**
 * 🪙 Value definitions (the value section): each type's encoding decodes to
 * the JS value the contract gives out, exported at instantiation; malformed
 * encodings and the use-once rule are validation errors with the byte offset.
 */
import { describe, expect, test } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { CompileError } from '../../compiler/errors/index.js';
import { compileAndLoad } from '../compile/load.js';
import { componentBinary, enc } from './component-text.js';

/**
 * A component exporting one value definition of `type` encoded as `bytes`.
 * The type is exported first (as `t`): an exported value's record, variant,
 * enum and flags types must be visible; `types` defines (and exports) the
 * named types a compound `type` uses.
 */
async function exportedValue(type: string, bytes: number[], types = ''): Promise<unknown> {
  const wat = `(component ${types}
    (type $t ${type})
    (export $T "t" (type $t))
    (import "value-def-0" (value $v (type $T)))
    (export "v" (value $v)))`;
  const { instantiate } = await compileAndLoad(await componentBinary(wat, { 'value-def-0': bytes }));
  return (await instantiate()).v;
}

/** The CompileError compiling `bytes` fails with. */
async function compileError(bytes: Uint8Array): Promise<CompileError> {
  try {
    await compile(bytes, { name: 'c', instantiation: 'async' });
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
  throw new Error('compiled');
}

describe('value definitions decode to the JS contract', () => {
  test.each([
    ['bool', [0x01], true],
    ['bool', [0x00], false],
    ['u8', [0xff], 255],
    ['s8', [0xff], -1],
    ['u16', enc.uleb(65535), 65535],
    ['s16', enc.sleb(-32768), -32768],
    ['u32', enc.uleb(0xffffffff), 0xffffffff],
    ['s32', enc.sleb(-5), -5],
    ['u64', enc.uleb(2n ** 64n - 1n), 2n ** 64n - 1n],
    ['s64', enc.sleb(-(2n ** 63n)), -(2n ** 63n)],
    ['f32', enc.f32(9.1), Math.fround(9.1)],
    ['f64', enc.f64(-0), -0],
    ['f64', [0, 0, 0, 0, 0, 0, 0xf8, 0x7f], NaN],
    ['char', [...new TextEncoder().encode('😀')], '😀'],
    ['string', enc.str('hello, wörld'), 'hello, wörld'],
    ['string', enc.str(''), ''],
  ])('%s %j', async (type, bytes, expected) => {
    expect(await exportedValue(type, bytes)).toBe(expected); // Object.is: -0 and NaN included
  });

  test('records (lowerCamelCase keys), tuples and variants', async () => {
    expect(await exportedValue('(record (field "first-name" string) (field "age" u8))', [...enc.str('ann'), 42])).toEqual({ firstName: 'ann', age: 42 });
    expect(await exportedValue('(tuple u8 u16 u32)', [1, 2, 3])).toEqual([1, 2, 3]);
    const v = await exportedValue('(variant (case "a" bool) (case "b" u8) (case "c"))', [1, 7]);
    expect(v).toEqual({ tag: 'b', value: 7 });
    expect(await exportedValue('(variant (case "a" bool) (case "b" u8) (case "c"))', [2])).toStrictEqual({ tag: 'c' });
  });

  test('lists: typed arrays for numbers, arrays otherwise, fixed-length lists as arrays', async () => {
    const u8 = await exportedValue('(list u8)', [3, 1, 2, 3]);
    expect(u8).toBeInstanceOf(Uint8Array);
    expect([...(u8 as Uint8Array)]).toEqual([1, 2, 3]);
    const s64 = await exportedValue('(list s64)', [2, ...enc.sleb(-1), ...enc.sleb(5)]);
    expect(s64).toEqual(BigInt64Array.of(-1n, 5n));
    expect(await exportedValue('(list f32)', [1, ...enc.f32(1.5)])).toEqual(Float32Array.of(1.5));
    expect(await exportedValue('(list string)', [2, ...enc.str('a'), ...enc.str('bc')])).toEqual(['a', 'bc']);
    expect(await exportedValue('(list u8)', [0])).toEqual(new Uint8Array(0));
    expect(await exportedValue('(list u8 3)', [7, 8, 9])).toEqual([7, 8, 9]);
  });

  test('options, results, enums and flags', async () => {
    expect(await exportedValue('(option string)', [0])).toBeUndefined();
    expect(await exportedValue('(option string)', [1, ...enc.str('x')])).toBe('x');
    expect(await exportedValue('(option (option u8))', [1, 0])).toStrictEqual({ tag: 'some', value: undefined });
    expect(await exportedValue('(option (option u8))', [0])).toStrictEqual({ tag: 'none' });
    expect(await exportedValue('(result u8 (error string))', [1, ...enc.str('bad')])).toStrictEqual({ tag: 'err', value: 'bad' });
    expect(await exportedValue('(result u8 (error string))', [0, 4])).toStrictEqual({ tag: 'ok', value: 4 });
    expect(await exportedValue('(result)', [0])).toStrictEqual({ tag: 'ok' });
    expect(await exportedValue('(enum "a" "b" "c")', [2])).toBe('c');
    const flags = '(flags "a" "b" "c" "d" "e" "f" "g" "h" "in-ninth")';
    expect(await exportedValue(flags, [0b101, 1])).toEqual({ a: true, b: false, c: true, d: false, e: false, f: false, g: false, h: false, inNinth: true });
  });

  test('the Explainer example: a type index, nested records, lists of chars, flags', async () => {
    const types = `(type $abc' (flags "a" "b" "c")) (export $abc "abc" (type $abc'))
      (type $r' (record (field "a" (option string)) (field "b" (tuple (option u8) string)))) (export $r "r" (type $r'))`;
    const bytes = [1, ...enc.str('example'), 1, 42, ...enc.str('hello'), 3, 0x61, 0x62, 0x63, 0b011, ...enc.str('hi')];
    expect(await exportedValue('(tuple $r (list char) $abc string)', bytes, types)).toEqual([
      { a: 'example', b: [42, 'hello'] },
      ['a', 'b', 'c'],
      { a: true, b: true, c: false },
      'hi',
    ]);
  });
});

describe('validation of value definitions', () => {
  const offsetOfValueSection = (bytes: Uint8Array) => {
    // the value definition's offset: past the section id and size of the first value section (id 12)
    let pos = 8;
    while (bytes[pos] !== 12) {
      let size = 0;
      let shift = 0;
      let b: number;
      pos++;
      do {
        b = bytes[pos++]!;
        size |= (b & 0x7f) << shift;
        shift += 7;
      } while (b & 0x80);
      pos += size;
    }
    return pos + 3; // id, one-byte size, count
  };

  test.each([
    ['bool', [2], 'a bool is 0x00 or 0x01'],
    ['u16', enc.uleb(65536), 'integer out of range for u16'],
    ['s8', [], 'unexpected end of the value'],
    ['u32', [0x80, 0x80, 0x80, 0x80, 0x80, 0x00], 'integer representation too long'],
    ['u8', [1, 2], '1 trailing bytes after the value'],
    ['string', [2, 0xc3, 0x28], 'malformed UTF-8 string'],
    ['char', [0x61, 0x62], 'trailing bytes'],
    ['char', [0xed, 0xa0, 0x80], 'malformed UTF-8 char'],
    ['f32', [1, 0, 0xc0, 0x7f], 'non-canonical NaN'],
    ['(enum "a")', [1], 'enum case 1 out of range'],
    ['(variant (case "a"))', [3], 'variant case 3 out of range'],
    ['(option u8)', [2], 'an option is 0x00 (none) or 0x01 (some)'],
  ])('%s %j: %s', async (type, bytes, message) => {
    const wat = `(component (type $t ${type}) (export $T "t" (type $t)) (import "value-def-0" (value $v (type $T))) (export "v" (value $v)))`;
    const binary = await componentBinary(wat, { 'value-def-0': bytes });
    const e = await compileError(binary);
    expect(e.code).toBe('validate/bad-value');
    expect(e.message).toContain(message);
    expect(e.offset).toBe(offsetOfValueSection(binary));
  });

  test('every value is used exactly once: an unused value and a value used twice are errors at their offsets', async () => {
    const unused = await componentBinary(`(component (import "value-def-0" (value $v u8)))`, { 'value-def-0': [1] });
    const e1 = await compileError(unused);
    expect(e1.code).toBe('validate/value-not-consumed');
    expect(e1.offset).toBe(offsetOfValueSection(unused));
    expect(e1.message).toMatch(/value 0 is never used \(every value must be consumed exactly once\) \(at offset 0x[0-9a-f]+\)/);

    const twice = await componentBinary(`(component (import "v" (value $v u8)) (export "a" (value $v)) (export "b" (value $v)))`);
    const e2 = await compileError(twice);
    expect(e2.code).toBe('validate/value-consumed-twice');
    expect(e2.offset).toBeGreaterThan(8);

    const unusedImport = await componentBinary(`(component (import "v" (value string)))`);
    expect((await compileError(unusedImport)).code).toBe('validate/value-not-consumed');

    // a start argument and an instantiation argument use a value too
    const startTwice = await componentBinary(`(component
      (import "f" (func $f (param "a" u8) (param "b" u8)))
      (import "v" (value $v u8))
      (start $f (value $v) (value $v)))`);
    expect((await compileError(startTwice)).code).toBe('validate/value-consumed-twice');
    const withThenExport = await componentBinary(`(component
      (import "v" (value $v u8))
      (component $C (import "x" (value $x u8)) (export "y" (value $x)))
      (instance (instantiate $C (with "x" (value $v))))
      (export "v" (value $v)))`);
    expect((await compileError(withThenExport)).code).toBe('validate/value-consumed-twice');
    // inside a nested component, at the nested definition's offset
    const nested = await componentBinary(`(component (component $C (import "x" (value u8))))`);
    const e3 = await compileError(nested);
    expect(e3.code).toBe('validate/value-not-consumed');
    expect(e3.offset).toBeGreaterThan(10);
  });
});
