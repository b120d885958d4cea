import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../test/paths.js';
import { CompileError, validate } from './index.js';

const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

describe('validate(bytes)', () => {
  it('summarises a component', () => {
    const s = validate(fixture('strings.component.wasm'));
    expect(s.size).toBe(60692);
    expect(s.imports).toHaveLength(9);
    expect(s.imports[0]).toEqual({
      name: 'test:strings/imports',
      kind: 'instance',
      type: 'interface { take-basic, return-unicode }',
    });
    expect(s.exports.map((e) => `${e.name}: ${e.type}`)).toEqual([
      'test-imports: func()',
      'return-empty: func() -> string',
      'roundtrip: func(s: string) -> string',
    ]);
    expect(s.features).toEqual(['mvp']);
    expect(s.coreModules.count).toBe(s.coreModules.sizes.length);
    expect(s.coreModules.sizes.every((n) => n > 0)).toBe(true);
    expect(s.components).toEqual({ count: 0, sizes: [] });
  });

  it('counts nested components and their modules', () => {
    const s = validate(fixture('simple-nested.component.wasm'));
    expect(s.components.count).toBeGreaterThan(0);
    expect(s.components.sizes.every((n) => n > 0 && n < s.size)).toBe(true);
    expect(s.coreModules.count).toBeGreaterThan(1);
  });

  it('accepts every fixture', () => {
    for (const f of readdirSync(FIXTURES).filter((x) => x.endsWith('.wasm'))) expect(() => validate(fixture(f)), f).not.toThrow();
  });

  it('throws a decode-stage CompileError on garbage', () => {
    const e = catchError(() => validate(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])));
    expect(e).toBeInstanceOf(CompileError);
    expect(e.stage).toBe('decode');
    expect(e.code).toMatch(/^decode\//);
    expect(e.message).toMatch(/\(at offset 0x[0-9a-f]+\)$/);
  });

  it('throws a validate-stage CompileError on an invalid component', async () => {
    const bytes = await parse('(component (export "f" (func 5)))');
    const e = catchError(() => validate(bytes));
    expect(e.stage).toBe('validate');
    expect(e.offset).toBeGreaterThan(0);
    expect(e.offset).toBeLessThan(bytes.length);
  });

  it('rejects a core module (it is not a component) with a catalogued error', async () => {
    const bytes = await parse('(module)');
    const e = catchError(() => validate(bytes));
    expect(e).toBeInstanceOf(CompileError);
  });
});

function catchError(f: () => unknown): CompileError {
  try {
    f();
  } catch (e) {
    return e as CompileError;
  }
  throw new Error('expected an error');
}
