import { describe, expect, it } from 'vitest';
import type { ExternName } from '../binary/ast.js';
import type { Feature } from '../binary/opcodes.js';
import { CompileError } from '../errors/index.js';
import type { FuncType, Resource, ValType } from './model.js';
import {
  checkAnnotatedFunc,
  checkLabel,
  checkLabels,
  checkNameForSort,
  checkNotAnnotatedNonFunc,
  isLabel,
  isWords,
  NameScope,
  parseExternName,
  type ParsedName,
} from './names.js';

function ext(name: string, attrs: Partial<Pick<ExternName, 'implements' | 'versionSuffix' | 'externalId'>> = {}): ExternName {
  const attributes: ExternName['attributes'] = [];
  if (attrs.implements !== undefined) attributes.push({ kind: 'implements', offset: 20 });
  if (attrs.versionSuffix !== undefined) attributes.push({ kind: 'versionsuffix', offset: 21 });
  if (attrs.externalId !== undefined) attributes.push({ kind: 'external-id', offset: 22 });
  return { offset: 0x10, name, form: attributes.length ? 2 : 0, attributes, ...attrs };
}

/** The CompileError `f` throws (fails the test if it does not throw one). */
function caught(f: () => unknown): CompileError {
  try {
    f();
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
  throw new Error('expected a CompileError');
}

const parse = (name: string, features: Feature[] = []) => parseExternName(ext(name), { context: 'import', features: new Set(features) });

describe('labels', () => {
  it.each(['a', 'a-b-c', 'a1-2-3', 'A', 'A-B-C', 'A1-2-3', 'a11-w0rds', 'A11-4CR0NYMS', 'm1x3d-4CR0NYMS', 'is-XML', 'a-1', 'B-1-C-2-D-3', 'a11-B11-123-ABC-abc'])(
    'accepts %s',
    (l) => {
      expect(isLabel(l)).toBe(true);
      expect(() => checkLabel(l, 0)).not.toThrow();
    },
  );

  it.each(['', '1', '1-a', 'a-', '-a', 'a--b', 'aBc', 'Ab', 'a_b', 'a.b', 'a b', 'é', 'a-bC', 'a-Bc'])('rejects %j', (l) => {
    expect(isLabel(l)).toBe(false);
  });

  it('names the label kind and the label in messages', () => {
    const e = caught(() => checkLabel('NevEr', 7, 'enum'));
    expect(e.code).toBe('validate/name-label-not-kebab');
    expect(e.offset).toBe(7);
    expect(e.message).toContain('enum tag name `NevEr` is not in kebab case');
    expect(caught(() => checkLabel('yOu', 0, 'param')).message).toContain('function parameter name `yOu` is not in kebab case');
    const empty = caught(() => checkLabel('', 0, 'enum'));
    expect(empty.code).toBe('validate/name-label-empty');
    expect(empty.message).toContain('enum tag name cannot be empty');
  });

  it('checkLabels requires labels unique ignoring case', () => {
    expect(() => checkLabels(['a', 'b', 'a-b'], 0, 'field')).not.toThrow();
    const e = caught(() => checkLabels(['a-B-c-D', 'A-b-C-d'], 3, 'field'));
    expect(e.code).toBe('validate/name-label-not-unique');
    expect(e.message).toContain('record field name `A-b-C-d` conflicts with previous field name `a-B-c-D`');
    expect(caught(() => checkLabels(['x', 'y', 'X'], 0, 'flag')).message).toContain('flag name `X` conflicts with previous flag name `x`');
    expect(caught(() => checkLabels(['x', 'X'], 0, 'enum')).message).toContain('enum tag name `X` conflicts with previous tag name `x`');
    expect(caught(() => checkLabels(['x', 'X'], 0, 'case')).message).toContain('variant case name `X` conflicts with previous case name `x`');
    expect(caught(() => checkLabels(['foo', 'FOO'], 0, 'param')).message).toContain(
      'function parameter name `FOO` conflicts with previous parameter name `foo`',
    );
  });

  it('words are lowercase labels', () => {
    expect(isWords('wasi')).toBe(true);
    expect(isWords('ns-1-a')).toBe(true);
    expect(isWords('ns-A')).toBe(false);
    expect(isWords('A')).toBe(false);
    expect(isWords('1a')).toBe(false);
  });
});

describe('plain names', () => {
  it('parses the four plainname forms', () => {
    expect(parse('custom-hook')).toMatchObject({ kind: 'plain', label: 'custom-hook', key: 'custom-hook' });
    expect(parse('[constructor]my-res')).toMatchObject({ kind: 'constructor', resource: 'my-res', key: '[constructor]my-res' });
    expect(parse('[method]my-res.get-JSON')).toMatchObject({ kind: 'method', resource: 'my-res', label: 'get-JSON', key: 'my-res.get-json' });
    expect(parse('[static]R.make')).toMatchObject({ kind: 'static', resource: 'R', label: 'make', key: 'r.make' });
  });

  it.each([
    ['1', 'validate/name-not-kebab', '`1` is not in kebab case'],
    ['', 'validate/name-not-kebab', '`` is not in kebab case'],
    ['aBc', 'validate/name-not-kebab', '`aBc` is not in kebab case'],
    ['wasi/http', 'validate/name-not-kebab', '`wasi/http` is not in kebab case'],
    ['[constructor]', 'validate/name-not-kebab', 'not in kebab case'],
    ['[method]', 'validate/name-missing-dot', 'failed to find `.` character'],
    ['[method]a', 'validate/name-missing-dot', 'failed to find `.` character'],
    ['[static]a', 'validate/name-missing-dot', 'failed to find `.` character'],
    ['[method]a.', 'validate/name-not-kebab', '`` is not in kebab case'],
    ['[method].a', 'validate/name-not-kebab', '`` is not in kebab case'],
    ['[static]a.b.c', 'validate/name-not-kebab', '`b.c` is not in kebab case'],
    ['[async]f', 'validate/name-unknown-annotation', 'unknown annotation `[async]`'],
    ['[foo]a', 'validate/name-unknown-annotation', 'unknown annotation `[foo]`'],
    ['unlocked-dep=<a:b>', 'validate/name-removed-form', '`unlocked-dep=` form'],
    ['locked-dep=<a:b@1.2.3>', 'validate/name-removed-form', '`locked-dep=` form'],
    ['url=<https://x>', 'validate/name-removed-form', '`url=` form'],
    ['integrity=<sha256-AAA=>', 'validate/name-removed-form', '`integrity=` form'],
  ])('rejects %j', (name, code, text) => {
    const e = caught(() => parse(name));
    expect(e.code).toBe(code);
    expect(e.offset).toBe(0x10);
    expect(e.message).toContain(`import name \`${name}\` is not a valid extern name`);
    expect(e.message).toContain(text);
  });
});

describe('interface names', () => {
  it('parses namespace, package, interface and version', () => {
    const n = parse('wasi:http/types@0.2.6-rc.1+b');
    expect(n).toMatchObject({ kind: 'interface', namespaces: ['wasi'], package: 'http', interface: 'types', projections: ['types'] });
    expect(n).toMatchObject({ version: '0.2.6-rc.1+b', canonical: false });
    expect(parse('ns-1-a:b-1-c/D-2')).toMatchObject({ namespaces: ['ns-1-a'], package: 'b-1-c', interface: 'D-2', canonical: true });
    expect(parse('a:b/c@0.0.0-abcd.1.2+efg.4.ee.5')).toMatchObject({ version: '0.0.0-abcd.1.2+efg.4.ee.5' });
    expect(parse('a-b:c-d/e-f@123456.7890.488').version).toBe('123456.7890.488');
  });

  it.each([
    ['1:a/b', 'validate/name-not-kebab', '`1` is not in kebab case'],
    ['wasi:http/TyPeS', 'validate/name-not-kebab', '`TyPeS` is not in kebab case'],
    ['WaSi:http/types', 'validate/name-not-kebab', '`WaSi` is not in kebab case'],
    ['wasi:HtTp/types', 'validate/name-not-kebab', '`HtTp` is not in kebab case'],
    ['wasi:', 'validate/name-not-kebab', '`` is not in kebab case'],
    ['wasi:/', 'validate/name-not-kebab', '`` is not in kebab case'],
    [':/', 'validate/name-not-kebab', '`` is not in kebab case'],
    ['ns:1/a', 'validate/name-not-kebab', '`1` is not in kebab case'],
    ['A:b/c', 'validate/name-not-lowercase', 'namespace `A` is not lowercase'],
    ['ns-A:b/c', 'validate/name-not-lowercase', 'namespace `ns-A` is not lowercase'],
    ['ns:A/b', 'validate/name-not-lowercase', 'package name `A` is not lowercase'],
    ['ns:pkg-A/b', 'validate/name-not-lowercase', 'package name `pkg-A` is not lowercase'],
    ['a/b:c', 'validate/name-expected-colon', 'expected `:`'],
    ['a:b', 'validate/name-expected-slash', 'expected `/` after package name'],
    ['foo:bar:baz/qux', 'validate/name-expected-slash', '🪺'],
    ['foo:bar/baz/qux', 'validate/name-trailing-chars', 'trailing characters found: `/qux`'],
    ['a:b/c.d', 'validate/name-trailing-chars', 'trailing characters found: `.d`'],
    ['a:b/c@', 'validate/name-bad-version', 'empty string'],
    ['a:b/c@.', 'validate/name-bad-version', "unexpected character '.'"],
    ['a:b/c@1.', 'validate/name-bad-version', 'unexpected end of input'],
    ['a:b/c@a.2', 'validate/name-bad-version', "unexpected character 'a'"],
    ['a:b/c@2.b', 'validate/name-bad-version', "unexpected character 'b'"],
    ['a:b/c@2.0x0', 'validate/name-bad-version', "unexpected character 'x'"],
    ['a:b/c@2.0.0+', 'validate/name-bad-version', 'empty identifier segment'],
    ['a:b/c@2.0.0-', 'validate/name-bad-version', 'empty identifier segment'],
    ['a:b/c@01.0.0', 'validate/name-bad-version', 'invalid leading zero'],
    ['a:b/c@0.2', 'validate/name-bad-version', 'unexpected end of input'],
  ])('rejects %j', (name, code, text) => {
    const e = caught(() => parse(name));
    expect(e.code).toBe(code);
    expect(e.message).toContain('is not a valid extern name');
    expect(e.message).toContain(text);
  });

  it('🪺 nested namespaces and projections behind nested-names', () => {
    const n = parse('ns:ns2:pkg/a/b@1.0.0', ['nested-names']);
    expect(n).toMatchObject({ kind: 'interface', namespaces: ['ns', 'ns2'], package: 'pkg', projections: ['a', 'b'], interface: 'a' });
    expect(caught(() => parse('ns:ns2:PKG/a', ['nested-names'])).code).toBe('validate/name-not-lowercase');
    expect(caught(() => parse('ns:ns2:pkg/a/', ['nested-names'])).code).toBe('validate/name-not-kebab');
  });

  it('🔗 canonical versions behind canonical-names', () => {
    for (const v of ['1', '0.2', '0.0.3', '0.0.0', '12']) {
      expect(parse(`a:b/c@${v}`, ['canonical-names'])).toMatchObject({ version: v, canonical: true });
    }
    expect(parse('a:b/c@1.2.3', ['canonical-names'])).toMatchObject({ canonical: false });
    expect(caught(() => parse('a:b/c@0.2.x', ['canonical-names'])).code).toBe('validate/name-bad-version');
    expect(caught(() => parse('a:b/c@01', ['canonical-names'])).code).toBe('validate/name-bad-version');
  });
});

describe('attributes', () => {
  const opts = (features: Feature[] = []) => ({ context: 'import', features: new Set(features) });

  it('implements: an interface name on a plain name', () => {
    const p = parseExternName(ext('primary', { implements: 'wasi:keyvalue/store@0.2.0' }), opts());
    expect(p.implements).toMatchObject({ kind: 'interface', namespaces: ['wasi'], package: 'keyvalue', interface: 'store' });
    const e = caught(() => parseExternName(ext('a1:b/c', { implements: 'a2:b/c' }), opts()));
    expect(e.code).toBe('validate/name-implements-not-plain');
    expect(e.message).toContain('name `a1:b/c` is not valid with `implements`');
    const ni = caught(() => parseExternName(ext('a', { implements: 'not-valid' }), opts()));
    expect(ni.code).toBe('validate/name-implements-not-interface');
    expect(ni.message).toContain('must be an interface');
    const empty = caught(() => parseExternName(ext('a', { implements: '' }), opts()));
    expect(empty.code).toBe('validate/name-not-kebab');
    expect(empty.message).toContain('not a valid name');
  });

  it('external-id: any string, on any name', () => {
    expect(parseExternName(ext('a:b/c', { externalId: '☃︎' }), opts()).externalId).toBe('☃︎');
    expect(parseExternName(ext('e', { externalId: '' }), opts()).externalId).toBe('');
  });

  it('each attribute at most once', () => {
    const n = ext('a', { externalId: 'x' });
    n.attributes.push({ kind: 'external-id', offset: 30 });
    const e = caught(() => parseExternName(n, opts()));
    expect(e.code).toBe('validate/name-duplicate-attribute');
    expect(e.offset).toBe(30);
    expect(e.message).toContain("duplicate 'external-id' option in name `a`");
  });

  it('🔗 versionsuffix follows a canonical version and completes a semver', () => {
    const p = parseExternName(ext('wasi:http/types@0.2', { versionSuffix: '.6-rc.1' }), opts(['canonical-names']));
    expect(p).toMatchObject({ version: '0.2', fullVersion: '0.2.6-rc.1', versionSuffix: '.6-rc.1' });
    expect(parseExternName(ext('a:b/c@0.0.1', { versionSuffix: '-alpha' }), opts(['canonical-names']))).toMatchObject({
      fullVersion: '0.0.1-alpha',
    });
    const gated = caught(() => parseExternName(ext('wasi:http/types@0.2.0', { versionSuffix: '.6' }), opts()));
    expect(gated.code).toBe('validate/name-version-suffix-gated');
    expect(gated.offset).toBe(21);
    for (const name of ['wasi:http/types@1.2.3', 'wasi:http/types', 'plain']) {
      expect(caught(() => parseExternName(ext(name, { versionSuffix: '.1' }), opts(['canonical-names']))).code).toBe(
        'validate/name-version-suffix-misplaced',
      );
    }
    const bad = caught(() => parseExternName(ext('a:b/c@1', { versionSuffix: '.2' }), opts(['canonical-names'])));
    expect(bad.code).toBe('validate/name-version-suffix-bad-semver');
    expect(bad.message).toContain('`1.2`');
  });

  it('implements only on instances, annotated names only on funcs', () => {
    const p = parseExternName(ext('a', { implements: 'a:b/c' }), opts());
    expect(() => checkNameForSort(p, 'instance', 0)).not.toThrow();
    const e = caught(() => checkNameForSort(p, 'func', 0));
    expect(e.code).toBe('validate/name-implements-not-instance');
    expect(e.message).toContain('only instances can have an `implements`');
    const m = caught(() => checkNotAnnotatedNonFunc(parse('[method]a.b'), 'instance', 5));
    expect(m.code).toBe('validate/name-annotated-not-func');
    expect(m.message).toContain('is not a func');
    expect(m.offset).toBe(5);
    expect(() => checkNotAnnotatedNonFunc(parse('[static]a.b'), 'func', 0)).not.toThrow();
    expect(() => checkNotAnnotatedNonFunc(parse('a'), 'type', 0)).not.toThrow();
  });
});

describe('strong uniqueness', () => {
  const unique = ['foo', 'foo-bar', '[constructor]foo', '[method]foo.bar', '[static]foo.baz', 'foo:bar/baz'];
  const scope = () => {
    const s = new NameScope('import');
    for (const n of unique) s.add(ext(n), 'func');
    return s;
  };

  it('accepts the Explainer’s strongly-unique set', () => {
    expect(() => scope()).not.toThrow();
  });

  it.each(['foo', 'FOO', 'foo-BAR', '[constructor]FOO', '[method]foo.BAR', '[static]foo.bar', '[method]foo.baz', '[method]foo.foo', '[static]foo-BAR.FOO-bar', 'foo:bar/BAZ'])(
    'rejects adding %s',
    (n) => {
      const e = caught(() => scope().add(ext(n), 'func'));
      expect(e.code).toBe('validate/name-not-unique');
      expect(e.message).toMatch(new RegExp(`^import name \`${n.replace(/[[\]]/g, '\\$&')}\` conflicts with previous name \``));
    },
  );

  it('keeps distinct versions and ignores attributes', () => {
    const s = new NameScope('export');
    s.add(ext('wasi:http/types'), 'instance');
    s.add(ext('wasi:http/types@1.0.0'), 'instance');
    s.add(ext('wasi:http/types@2.0.0'), 'instance');
    expect(caught(() => s.add(ext('wasi:http/types@1.0.0'), 'instance')).message).toContain(
      'export name `wasi:http/types@1.0.0` conflicts with previous name `wasi:http/types@1.0.0`',
    );
    s.add(ext('a', { implements: 'a1:b/c' }), 'instance');
    expect(caught(() => s.add(ext('a', { implements: 'a2:b/c' }), 'instance')).code).toBe('validate/name-not-unique');
    expect(caught(() => s.add(ext('A', { externalId: 'x' }), 'instance')).message).toContain(
      'export name `A` conflicts with previous name `a`',
    );
  });
});

describe('annotated functions', () => {
  let ids = 0;
  const resource = (name: string): Resource => ({ kind: 'resource', id: ids++, name, origin: 'abstract' });
  const a = resource('a');
  const b = resource('b');
  const scope = new Map([
    ['a', a],
    ['b', b],
  ]);
  const fn = (params: [string, ValType][], result: ValType | null = null): FuncType => ({
    kind: 'func',
    async: false,
    params: params.map(([name, type]) => ({ name, type })),
    result,
  });
  const own = (r: Resource): ValType => ({ kind: 'own', resource: r });
  const borrow = (r: Resource): ValType => ({ kind: 'borrow', resource: r });
  const check = (name: string, f: FuncType, resources: Map<string, Resource> = scope) => () =>
    checkAnnotatedFunc(parse(name), f, resources, 9);
  const code = (f: () => void) => caught(f).code;

  it('accepts well-typed constructors, methods and statics', () => {
    expect(check('[constructor]a', fn([], own(a)))).not.toThrow();
    expect(check('[constructor]a', fn([['x', { kind: 'u32' }]], { kind: 'result', ok: own(a), err: null }))).not.toThrow();
    expect(check('[constructor]a', fn([], { kind: 'result', ok: own(a), err: { kind: 'string' } }))).not.toThrow();
    expect(check('[method]a.b', fn([['self', borrow(a)]]))).not.toThrow();
    expect(check('[static]a.b', fn([['x', { kind: 'u32' }]], { kind: 'string' }))).not.toThrow();
    expect(check('plain', fn([]))).not.toThrow();
    // one resource bound under two names: either name works
    expect(check('[method]c.f', fn([['self', borrow(a)]]), new Map([['a', a], ['c', a]]))).not.toThrow();
  });

  it('[constructor] results', () => {
    expect(code(check('[constructor]a', fn([])))).toBe('validate/name-ctor-no-result');
    expect(caught(check('[constructor]a', fn([])) ).message).toContain('should return one value');
    const bad = caught(check('[constructor]a', fn([], { kind: 'u32' })));
    expect(bad.code).toBe('validate/name-ctor-bad-result');
    expect(bad.message).toContain('function should return `(own $T)` or `(result (own $T))`');
    expect(bad.offset).toBe(9);
    expect(code(check('[constructor]a', fn([], { kind: 'result', ok: { kind: 'string' }, err: null })))).toBe('validate/name-ctor-bad-result');
    const nested: ValType = { kind: 'result', ok: { kind: 'result', ok: own(a), err: null }, err: null };
    expect(code(check('[constructor]a', fn([], nested)))).toBe('validate/name-ctor-bad-result');
    expect(code(check('[constructor]a', fn([], borrow(a))))).toBe('validate/name-ctor-bad-result');
    const mismatch = caught(check('[constructor]a', fn([], own(b))));
    expect(mismatch.code).toBe('validate/name-resource-mismatch');
    expect(mismatch.message).toContain('function does not match expected resource name `b`');
    expect(code(check('[constructor]a', fn([], own(resource('t')))))).toBe('validate/name-resource-unnamed');
  });

  it('[method] self parameter', () => {
    expect(caught(check('[method]a.b', fn([]))).message).toContain('should have at least one argument');
    expect(caught(check('[method]a.b', fn([['x', { kind: 'u32' }]]))).message).toContain('should have a first argument called `self`');
    expect(caught(check('[method]a.b', fn([['self', { kind: 'u32' }]]))).message).toContain(
      'should take a first argument of `(borrow $T)`',
    );
    expect(code(check('[method]a.b', fn([['self', own(a)]])))).toBe('validate/name-method-self-type');
    expect(caught(check('[method]a.b', fn([['self', borrow(b)]]))).message).toContain('does not match expected resource name');
    expect(caught(check('[method]t.foo', fn([['self', borrow(resource('t'))]]))).message).toContain(
      'resource used in function does not have a name in this context',
    );
  });

  it('[static] needs the resource in scope', () => {
    const e = caught(check('[static]c.b', fn([])));
    expect(e.code).toBe('validate/name-static-unknown-resource');
    expect(e.message).toContain('static resource name is not known in this context');
  });

  it('non-annotated names pass whatever the type', () => {
    const plain: ParsedName = parse('wasi:http/types');
    expect(() => checkAnnotatedFunc(plain, fn([]), new Map(), 0)).not.toThrow();
  });
});
