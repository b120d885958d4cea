/**
 * What the async wiring refuses at compile time: cooperative-thread
 * built-ins are `compile/unsupported` ("not supported yet: cooperative
 * threads"), until the issue that brings them.
 */
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, test } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { CompileError } from '../../compiler/errors/index.js';

const THREAD_INDEX = `
(component
  (core func $ti (canon thread.index))
  (core module $M
    (import "" "ti" (func $ti (result i32)))
    (func (export "f") (result i32) (call $ti)))
  (core instance $m (instantiate $M (with "" (instance (export "ti" (func $ti))))))
  (func (export "f") (result u32) (canon lift (core func $m "f"))))`;

describe('cooperative threads', () => {
  test('thread.index is a clear compile-time error', async () => {
    const bytes = await parse(THREAD_INDEX);
    const err = await compile(bytes, { name: 'c' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CompileError);
    expect((err as CompileError).code).toBe('compile/unsupported');
    expect((err as CompileError).message).toContain('not supported yet: cooperative threads');
  });
});
