import { describe, expect, test } from 'vitest';
import { readSExprs, strText, WastSyntaxError, type List } from './sexpr.js';
import { readValue } from './values.js';
import { readWast } from './wast.js';

const value = (src: string) => readValue(readSExprs(src)[0]!);

describe('s-expression reader', () => {
  test('skips line and nested block comments, keeps spans', () => {
    const src = ';; hi\n(a (; x (; nested ;) y ;) $b "c") ;; tail';
    const [e] = readSExprs(src) as [List];
    expect(e.items.map((i) => (i.kind === 'atom' ? i.text : i.kind === 'string' ? strText(i) : 'list'))).toEqual(['a', '$b', 'c']);
    expect(src.slice(e.start, e.end)).toBe('(a (; x (; nested ;) y ;) $b "c")');
  });

  test('decodes string escapes to bytes', () => {
    const [s] = readSExprs(String.raw`"\00asm\0d\t\n\"\\\u{2603}é"`);
    expect(s!.kind).toBe('string');
    expect([...(s as { bytes: Uint8Array }).bytes]).toEqual([
      0, 0x61, 0x73, 0x6d, 0x0d, 9, 10, 0x22, 0x5c, 0xe2, 0x98, 0x83, 0xc3, 0xa9,
    ]);
  });

  test('rejects bad escapes and unbalanced parentheses', () => {
    expect(() => readSExprs(String.raw`"\zz"`)).toThrow(WastSyntaxError);
    expect(() => readSExprs('(a')).toThrow(/unclosed/);
    expect(() => readSExprs('a)')).toThrow(/unbalanced/);
  });
});

describe('value literals', () => {
  test('numbers, chars, strings', () => {
    expect(value('(u32.const 0xffff_ffff)')).toEqual({ kind: 'u32', value: 0xffffffff });
    expect(value('(s8.const -128)')).toEqual({ kind: 's8', value: -128 });
    expect(value('(u64.const 18446744073709551615)')).toEqual({ kind: 'u64', value: 2n ** 64n - 1n });
    expect(value('(char.const "☃")')).toEqual({ kind: 'char', value: '☃' });
    expect(value('(str.const "a\\u{1F600}")')).toEqual({ kind: 'string', value: 'a😀' });
    expect(() => value('(u8.const 256)')).toThrow(/out of range/);
  });

  test('floats, including NaN patterns and hex', () => {
    expect(value('(f32.const -3.3)')).toEqual({ kind: 'f32', value: Math.fround(-3.3) });
    expect(value('(f64.const 0x1.8p1)')).toEqual({ kind: 'f64', value: 3 });
    expect(value('(f64.const -inf)')).toEqual({ kind: 'f64', value: -Infinity });
    expect(value('(f32.const nan:canonical)')).toMatchObject({ nan: 'canonical' });
    expect(value('(f32.const nan)')).toMatchObject({ nan: { bits: 0x7fc00000n } });
    expect(value('(f64.const -nan:0x1)')).toMatchObject({ nan: { bits: 0xfff0000000000001n } });
  });

  test('compound values; record field values are unparenthesised', () => {
    expect(value('(record.const (field "k" str.const "a") (field "v" list.const (u8.const 1)))')).toEqual({
      kind: 'record',
      fields: [
        { name: 'k', value: { kind: 'string', value: 'a' } },
        { name: 'v', value: { kind: 'list', values: [{ kind: 'u8', value: 1 }] } },
      ],
    });
    expect(value('(variant.const "none")')).toEqual({ kind: 'variant', case: 'none', value: null });
    expect(value('(option.some (tuple.const (bool.const true)))')).toEqual({
      kind: 'option',
      value: { kind: 'tuple', values: [{ kind: 'bool', value: true }] },
    });
    expect(value('(result.err)')).toEqual({ kind: 'result', ok: false, value: null });
    expect(value('(flags.const "a" "b")')).toEqual({ kind: 'flags', names: ['a', 'b'] });
    expect(value('(enum.const "e")')).toEqual({ kind: 'enum', case: 'e' });
  });
});

describe('directives', () => {
  const script = `
(component $A (core module $M))
(component definition $D
  (import "f" (func)))
(component instance $i $D)
(component binary "\\00asm" "\\0d\\00\\01\\00")
(assert_malformed (component quote "(import \\"a\\"" "(func))") "msg")
(assert_invalid (component (type (list 0))) "oops")
(register "x" $i)
(assert_return (invoke $i "f" (u32.const 1)) (str.const "a"))
(assert_trap (invoke "g") "unreachable")
(assert_trap (component) "start trapped")
(frobnicate)
`;
  const ds = readWast(script);

  test('reads every kind with its line', () => {
    expect(ds.map((d) => `${d.line}:${d.kind}`)).toEqual([
      '2:component',
      '3:definition',
      '5:instance',
      '6:component',
      '7:assert_malformed',
      '8:assert_invalid',
      '9:register',
      '10:assert_return',
      '11:assert_trap',
      '12:assert_trap',
      '13:unknown',
    ]);
  });

  test('module sources: text verbatim, `definition` cut, binary bytes, quote joined', () => {
    const [a, d, , b, q] = ds;
    expect(a).toMatchObject({ module: { name: '$A', source: { form: 'text', text: '(component $A (core module $M))' } } });
    expect(d).toMatchObject({ module: { kind: 'definition', name: '$D', source: { form: 'text' } } });
    expect((d as { module: { source: { text: string } } }).module.source.text).toBe('(component  $D\n  (import "f" (func)))');
    expect([...(b as { module: { source: { bytes: Uint8Array } } }).module.source.bytes]).toEqual([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0]);
    expect(q).toMatchObject({ module: { source: { form: 'quote', text: '(component (import "a" (func)))' } } });
  });

  test('actions and instances', () => {
    expect(ds[2]).toMatchObject({ kind: 'instance', name: '$i', definition: '$D' });
    expect(ds[6]).toMatchObject({ kind: 'register', as: 'x', instance: '$i' });
    expect(ds[7]).toMatchObject({
      action: { instance: '$i', name: 'f', args: [{ kind: 'u32', value: 1 }] },
      expected: [{ kind: 'string', value: 'a' }],
    });
    expect(ds[9]).toMatchObject({ kind: 'assert_trap', action: { kind: 'component' }, message: 'start trapped' });
    expect(ds[10]).toMatchObject({ kind: 'unknown', head: 'frobnicate' });
  });
});
