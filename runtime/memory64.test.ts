/** 64-bit addresses: exact below 2^53, far (and alignment-keeping) beyond; latin1+utf16 tags moved between bit 63 and bit 31. */
import { describe, expect, it } from 'vitest';
import { addr64, engineHasMemory, tagged64, toTagged64 } from './memory64.js';
import { UTF16_TAG } from './strings.js';

describe('memory64 addresses', () => {
  it('converts i64 pointers and lengths exactly below 2^53', () => {
    expect(addr64(0n)).toBe(0);
    expect(addr64(2n ** 32n + 4n)).toBe(2 ** 32 + 4);
    expect(addr64(2n ** 53n - 1n)).toBe(2 ** 53 - 1);
  });

  it('maps larger and negative (≥ 2^63 unsigned) values to a far address that keeps the low three bits', () => {
    expect(addr64(2n ** 53n)).toBe(2 ** 52);
    expect(addr64(-8n)).toBe(2 ** 52);
    expect(addr64(-1n)).toBe(2 ** 52 + 7);
    expect(addr64(2n ** 60n + 2n) & 1).toBe(0);
  });

  it('moves the latin1+utf16 tag between bit 63 and the runtime’s bit 31', () => {
    expect(tagged64(5n)).toBe(5);
    expect(tagged64(-(2n ** 63n) + 5n)).toBe(UTF16_TAG + 5);
    expect(tagged64(2n ** 40n)).toBe(2 ** 30);
    expect(toTagged64(UTF16_TAG + 5)).toBe(2n ** 63n + 5n);
    expect(toTagged64(7)).toBe(7n);
  });

  it('detects the engine’s memory features', () => {
    expect(engineHasMemory(false, false)).toBe(true);
    // no engine measured has custom page sizes
    expect(engineHasMemory(false, true)).toBe(false);
    expect(engineHasMemory(true, false)).toBe(WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 5, 3, 1, 4, 0])));
  });
});
