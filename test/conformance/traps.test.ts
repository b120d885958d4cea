import { describe, expect, it } from 'vitest';
import { TRAPS } from '../../runtime/traps.js';
import { checkTrap, expectedTrap, loadTrapTable } from './traps.js';

const table = loadTrapTable();

function trapError(code: string, message = 'x'): WebAssembly.RuntimeError {
  return Object.assign(new WebAssembly.RuntimeError(message), { code });
}

describe('traps.json: suite messages → trap codes', () => {
  it('maps only to codes of the trap catalogue', () => {
    const codes = [...table.entries.map(([, t]) => t.code), ...[...table.cases.values()].map((t) => t.code)];
    expect(codes.length).toBeGreaterThan(10);
    for (const c of codes) expect(Object.keys(TRAPS)).toContain(c);
  });

  it('matches by substring, longest key first', () => {
    expect(expectedTrap(table, 'wasm trap: unaligned pointer', false)?.code).toBe('trap/misaligned-pointer');
    expect(expectedTrap(table, 'realloc return: result not aligned', false)?.code).toBe('trap/realloc-misaligned');
    expect(expectedTrap(table, 'unknown handle index 4294967295', false)?.code).toBe('trap/unknown-handle');
    expect(expectedTrap(table, 'something new', false)).toBeNull();
  });

  it('a per-case override wins over the message', () => {
    expect(expectedTrap(table, 'wasm trap: unaligned pointer', false, 'values/realloc.wast:94:assert_trap')?.code).toBe('trap/realloc-misaligned');
  });

  it('entering a poisoned instance is trap/poisoned, where wasmtime says "cannot enter"', () => {
    expect(expectedTrap(table, 'cannot enter component instance', false)?.code).toBe('trap/cannot-enter');
    expect(expectedTrap(table, 'cannot enter component instance', true)?.code).toBe('trap/poisoned');
    expect(expectedTrap(table, 'invalid utf-8', true)?.code).toBe('trap/invalid-utf8');
  });

  it('checkTrap wants a RuntimeError with the code (and the engine words for core traps)', () => {
    expect(checkTrap(trapError('trap/invalid-char'), { code: 'trap/invalid-char' })).toBeNull();
    expect(checkTrap(trapError('trap/invalid-utf8'), { code: 'trap/invalid-char' })).toMatch(/another reason: code trap\/invalid-utf8/);
    expect(checkTrap(new TypeError('bad'), { code: 'trap/invalid-char' })).toMatch(/expected a trap.*TypeError: bad/);
    expect(checkTrap(new WebAssembly.RuntimeError('x'), { code: 'trap/core' })).toMatch(/code \(none\)/);
    expect(checkTrap(trapError('trap/core', 'unreachable'), { code: 'trap/core', engine: 'unreachable' })).toBeNull();
    expect(checkTrap(trapError('trap/core', 'divide by zero'), { code: 'trap/core', engine: 'unreachable' })).toMatch(/divide by zero/);
  });
});
