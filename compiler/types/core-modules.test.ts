/**
 * Engine validation of core modules is remembered per process for the
 * modules the engine accepted: a hit must be exactly such a module, byte for
 * byte, whatever happened to the input buffer since.
 */
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, it } from 'vitest';
import { decodeComponent } from '../binary/decode.js';
import { CompileError } from '../errors/index.js';
import { validateComponent } from './validate.js';

/** A component whose core module returns `i32.const 7`: valid; with the const an `i64.const`, invalid (same length). */
const WAT = `(component (core module (func (export "f") (result i32) i32.const 7)))`;
const CONST = [0x41, 0x07, 0x0b]; // i32.const 7, end

function constAt(bytes: Uint8Array): number {
  for (let i = 0; i + CONST.length <= bytes.length; i++) if (CONST.every((b, k) => bytes[i + k] === b)) return i;
  throw new Error('no i32.const 7 in the test component');
}

const codeOf = (bytes: Uint8Array): string => {
  try {
    validateComponent(decodeComponent(bytes));
    return 'valid';
  } catch (e) {
    if (e instanceof CompileError) return e.code;
    throw e;
  }
};

describe('core module validation across compiles', () => {
  it('accepts the same module again and still rejects a same-length invalid one', async () => {
    const valid = await parse(WAT);
    expect(codeOf(valid)).toBe('valid');
    expect(codeOf(valid)).toBe('valid');
    const invalid = valid.slice();
    invalid[constAt(invalid)] = 0x42; // i64.const: the function's result type no longer matches
    expect(codeOf(invalid)).toBe('validate/core-module-invalid');
  });

  it('does not trust a buffer that changed after it was validated', async () => {
    const bytes = await parse(WAT);
    expect(codeOf(bytes)).toBe('valid'); // remembered: the core module is a view into `bytes`
    bytes[constAt(bytes)] = 0x42; // the same buffer, now invalid
    expect(codeOf(bytes)).toBe('validate/core-module-invalid');
  });
});
