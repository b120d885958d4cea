/** Providers: the built-in WASI shim table, `--map` entries with and without versions, best match, errors. */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { BUILTIN_PROVIDERS, chooseProvider, resolveProviders, type Provider } from '../../compiler/link/providers.js';
import { CompileError } from '../../compiler/errors/index.js';

const ok = (p: Provider | CompileError): Provider => {
  if (p instanceof CompileError) throw p;
  return p;
};
const pick = (name: string, map: Record<string, string> = {}) => {
  const { specifier, export: e, via } = ok(chooseProvider({ name }, { map }));
  return e === undefined ? `${specifier} (${via})` : `${specifier}#${e} (${via})`;
};

describe('the built-in WASI 0.2 table', () => {
  test('every entry names an export that the installed preview2-shim really has', async () => {
    const require = createRequire(import.meta.url);
    for (const p of BUILTIN_PROVIDERS) {
      const mod = await import(pathToFileURL(require.resolve(p.specifier)).href);
      expect(mod[p.export], `${p.interface} → ${p.specifier}#${p.export}`).toBeTypeOf('object');
    }
  });

  test('serves every 0.2.x, versionless and pre-release names; camelCases the export', () => {
    for (const v of ['0.2.0', '0.2.3', '0.2.6', '0.2.8', '0.2', '0.2.0-rc-2023-11-10']) {
      expect(pick(`wasi:cli/stdout@${v}`)).toBe('@bytecodealliance/preview2-shim/cli#stdout (builtin)');
    }
    expect(pick('wasi:cli/terminal-stdin@0.2.0')).toBe('@bytecodealliance/preview2-shim/cli#terminalStdin (builtin)');
    expect(pick('wasi:random/insecure-seed@0.2.1')).toBe('@bytecodealliance/preview2-shim/random#insecureSeed (builtin)');
    expect(pick('wasi:filesystem/types')).toBe('@bytecodealliance/preview2-shim/filesystem#types (builtin)');
  });

  test('wasi:cli/stdout@0.3.0 with no map entry: no-provider, naming the interface and the versions on offer', () => {
    const e = chooseProvider({ name: 'wasi:cli/stdout@0.3.0' });
    expect(e).toBeInstanceOf(CompileError);
    expect((e as CompileError).code).toBe('compile/no-provider');
    expect((e as CompileError).message).toContain('wasi:cli/stdout@0.3.0');
    expect((e as CompileError).message).toContain('wasi:cli/stdout@0.2.x (@bytecodealliance/preview2-shim/cli)');
  });

  test('a wasi interface the shim lacks: no-provider, saying what the shim serves', () => {
    const e = chooseProvider({ name: 'wasi:keyvalue/store@0.2.0-draft' }) as CompileError;
    expect(e.code).toBe('compile/no-provider');
    expect(e.message).toMatch(/nothing serves wasi:keyvalue\/store.*wasi:cli, wasi:clocks, wasi:filesystem, wasi:http, wasi:io, wasi:random, wasi:sockets at 0.2.x/);
  });

  test('builtins off: a wasi import keeps its name', () => {
    expect(ok(chooseProvider({ name: 'wasi:cli/stdout@0.3.0' }, { builtins: false })).specifier).toBe('wasi:cli/stdout@0.3.0');
  });
});

describe('--map entries', () => {
  test('a non-WASI import with no entry keeps its name, or its external-id', () => {
    expect(pick('test:smoke/imports')).toBe('test:smoke/imports (name)');
    expect(pick('my:pkg/iface@1.2.3')).toBe('my:pkg/iface@1.2.3 (name)');
    expect(pick('do-thing')).toBe('do-thing (name)');
    expect(ok(chooseProvider({ name: 'a:b/c', externalId: './c.js' })).specifier).toBe('./c.js');
  });

  test('the map wins over the built-in table; patterns capture the versionless name', () => {
    expect(pick('wasi:cli/stdout@0.2.6', { 'wasi:cli/stdout': './out.js' })).toBe('./out.js (map)');
    expect(pick('wasi:cli/terminal-input@0.2.6', { 'wasi:cli/*': './cli/*.js#*' })).toBe('./cli/terminal-input.js#terminalInput (map)');
    expect(pick('wasi:cli/stdout@0.3.0', { 'wasi:cli/*': 'runtime#cli' })).toBe('runtime#cli (map)');
  });

  test('semver-compatible versions: exact, then the highest at or above, then below; majors never mix', () => {
    const map = { 'my:pkg/i@1.2.0': 'a', 'my:pkg/i@1.5.0': 'b', 'my:pkg/i@1.7.1': 'c', 'my:pkg/i@2.0.0': 'd', 'my:pkg/i': 'any' };
    expect(pick('my:pkg/i@1.5.0', map)).toBe('b (map)');
    expect(pick('my:pkg/i@1.3.0', map)).toBe('c (map)');
    expect(pick('my:pkg/i@1.9.0', map)).toBe('c (map)');
    expect(pick('my:pkg/i@2.4.0', map)).toBe('d (map)');
    expect(pick('my:pkg/i@3.0.0', map)).toBe('any (map)');
    expect(pick('my:pkg/i', map)).toBe('any (map)');
    // 0.x: the minor is the compatibility line
    expect(pick('my:pkg/j@0.2.1', { 'my:pkg/j@0.2.8': 'x', 'my:pkg/j@0.3.0': 'y' })).toBe('x (map)');
    expect(pick('my:pkg/j@0.3.2', { 'my:pkg/j@0.2.8': 'x', 'my:pkg/j@0.3.0': 'y' })).toBe('y (map)');
    expect(pick('my:pkg/j@0.4.0', { 'my:pkg/j@0.2.8': 'x' })).toBe('my:pkg/j@0.4.0 (name)');
  });

  test('an exact name beats a pattern; a longer pattern beats a shorter one', () => {
    const map = { 'my:*': 'star', 'my:pkg/*': 'pkg-star', 'my:pkg/i': 'exact' };
    expect(pick('my:pkg/i@1.0.0', map)).toBe('exact (map)');
    expect(pick('my:pkg/k@1.0.0', map)).toBe('pkg-star (map)');
    expect(pick('my:other/k@1.0.0', map)).toBe('star (map)');
  });

  test('nested namespaces and packages', () => {
    expect(pick('ns:ns2:pkg/a/b@1.0.0', { 'ns:ns2:pkg/a/b': './ab.js' })).toBe('./ab.js (map)');
    expect(pick('ns:ns2:pkg/a/b@1.0.0', { 'ns:ns2:pkg/*': './p/*.js' })).toBe('./p/a/b.js (map)');
    expect(pick('ns:ns2:pkg/a/b@1.1.0', { 'ns:ns2:pkg/a/b@1.0.0': 'x' })).toBe('x (map)');
  });

  test('two entries matching equally well: ambiguous-map', () => {
    const e = chooseProvider({ name: 'my:pkg/i' }, { map: { 'my:*/i': 'a', 'my:p*i': 'b' } }) as CompileError;
    expect(e.code).toBe('compile/ambiguous-map');
  });

  test('bad keys are bad options', () => {
    expect(() => chooseProvider({ name: 'a:b/c' }, { map: { 'a:b/c@x.y': 'z' } })).toThrow(/not a version/);
    expect(() => chooseProvider({ name: 'a:b/c' }, { map: { 'a:*/*': 'z' } })).toThrow(/at most one \*/);
  });
});

describe('resolveProviders', () => {
  test('compatible versions of one interface share a provider', () => {
    const ps = resolveProviders([{ name: 'wasi:cli/stdout@0.2.0' }, { name: 'wasi:cli/stdout@0.2.6' }]);
    expect(ps.map((p) => p.export)).toEqual(['stdout', 'stdout']);
  });

  test('two imports that cannot be told apart: ambiguous-import', () => {
    expect(() => resolveProviders([{ name: 'my:pkg/i@1.0.0' }, { name: 'my:pkg/i@2.0.0' }], { map: { 'my:pkg/i': './i.js' } })).toThrow(
      expect.objectContaining({ code: 'compile/ambiguous-import' }),
    );
    // told apart by versioned entries, or by their own names: fine
    const ps = resolveProviders([{ name: 'my:pkg/i@1.0.0' }, { name: 'my:pkg/i@2.0.0' }], { map: { 'my:pkg/i@1': './one.js', 'my:pkg/i@2.0.0': './two.js' } });
    expect(ps.map((p) => p.specifier)).toEqual(['./one.js', './two.js']);
    expect(resolveProviders([{ name: 'my:pkg/i@1.0.0' }, { name: 'my:pkg/i@2.0.0' }]).map((p) => p.specifier)).toEqual(['my:pkg/i@1.0.0', 'my:pkg/i@2.0.0']);
  });

  test('the versionsuffix attribute completes a canonical version', () => {
    expect(resolveProviders([{ name: 'my:pkg/i@1', versionSuffix: '.4.0' }], { map: { 'my:pkg/i@1.4.0': 'exact', 'my:pkg/i@1.9.0': 'newer' } })[0]!.specifier).toBe('exact');
  });
});

describe('canonjs inspect shows the provider of each import', () => {
  test('a fixture: the shim for WASI, the name for the test interface; --map changes it', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { FIXTURES } = await import('../paths.js');
    const { inspect } = await import('../../compiler/inspect/report.js');
    const { renderReport } = await import('../../compiler/inspect/render.js');
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'smoke.component.wasm')));
    const report = inspect(bytes) as import('../../compiler/inspect/report.js').ComponentReport;
    expect(report.providers).toContainEqual({ import: 'wasi:cli/terminal-stdin@0.2.0', provider: '@bytecodealliance/preview2-shim/cli#terminalStdin', via: 'builtin' });
    expect(report.providers).toContainEqual({ import: 'test:smoke/imports', provider: 'test:smoke/imports', via: 'name' });
    const text = renderReport('smoke.wasm', inspect(bytes, { map: { 'test:smoke/*': './host.js#*', 'wasi:cli/stdout': './out.js' } }));
    expect(text).toContain('Providers (ESM mode):\n  test:smoke/imports  ← ./host.js#imports (map)\n');
    expect(text).toContain('  wasi:cli/stdout@0.2.0  ← ./out.js (map)\n');
    expect(text).toContain('  wasi:io/streams@0.2.0  ← @bytecodealliance/preview2-shim/io#streams (builtin)\n');
  });
});
