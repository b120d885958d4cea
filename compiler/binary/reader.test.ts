import { describe, expect, test } from 'vitest';
import { CompileError } from '../errors/index.js';
import { DECODE_LIMITS, Reader } from './reader.js';

const reader = (...bytes: number[]) => new Reader(Uint8Array.from(bytes));

/** the CompileError a thunk throws (fails the test if it throws something else or nothing) */
function caught(f: () => unknown): CompileError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CompileError);
    return e as CompileError;
  }
  throw new Error('expected a CompileError');
}

describe('u32', () => {
  test.each([
    [[0x00], 0],
    [[0x7f], 127],
    [[0x80, 0x01], 128],
    [[0xe5, 0x8e, 0x26], 624485],
    [[0xff, 0xff, 0xff, 0xff, 0x0f], 0xffffffff],
    // zero-padded overlong encodings within 5 bytes are valid
    [[0x81, 0x80, 0x80, 0x80, 0x00], 1],
  ])('%j → %d', (bytes, value) => {
    const r = reader(...bytes);
    expect(r.u32('x')).toBe(value);
    expect(r.eof()).toBe(true);
  });

  test('a sixth byte is too long', () => {
    const e = caught(() => reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u32('a count'));
    expect(e.code).toBe('decode/integer-representation-too-long');
    expect(e.offset).toBe(4);
    expect(e.message).toContain('a count');
  });

  test('bits past the 32nd are too large', () => {
    const e = caught(() => reader(0x81, 0x80, 0x80, 0x80, 0x70).u32('x'));
    expect(e.code).toBe('decode/integer-too-large');
    expect(e.offset).toBe(4);
  });

  test('running out of input names what was read', () => {
    const e = caught(() => reader(0x80, 0x80).u32('section size'));
    expect(e.code).toBe('decode/unexpected-end');
    expect(e.message).toContain('section size');
    expect(e.offset).toBe(2);
  });
});

describe('signed LEB', () => {
  test.each([
    [33, [0x7f], -1],
    [33, [0x40], -64],
    [33, [0xe4, 0x00], 100],
    [33, [0xc0, 0x00], 64],
    [33, [0xff, 0xff, 0xff, 0xff, 0x0f], 0xffffffff],
    [33, [0x80, 0x80, 0x80, 0x80, 0x70], -(2 ** 32)],
    [32, [0xff, 0xff, 0xff, 0xff, 0x07], 2 ** 31 - 1],
    [32, [0x80, 0x80, 0x80, 0x80, 0x78], -(2 ** 31)],
    [64, [0x7f], -1],
  ] as const)('s%d %j → %d', (bits, bytes, value) => {
    const r = reader(...bytes);
    expect(r.signed(bits, 'x')).toBe(value);
    expect(r.eof()).toBe(true);
  });

  test('unused bits must extend the sign', () => {
    expect(caught(() => reader(0xff, 0xff, 0xff, 0xff, 0x4f).signed(32, 'x')).code).toBe('decode/integer-too-large');
    expect(caught(() => reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).signed(32, 'x')).code).toBe(
      'decode/integer-representation-too-long',
    );
  });
});

describe('u64', () => {
  test('small values are numbers, large ones bigints', () => {
    expect(reader(0x80, 0x02).u64('x')).toBe(256);
    const max = reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).u64('x');
    expect(max).toBe(2n ** 64n - 1n);
    expect(reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f).u64('x')).toBe(Number.MAX_SAFE_INTEGER);
    expect(reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10).u64('x')).toBe(2n ** 53n);
  });

  test('a tenth byte may only carry bit 63', () => {
    const e = caught(() => reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02).u64('limits'));
    expect(e.code).toBe('decode/integer-too-large');
  });
});

describe('names', () => {
  const name = (...bytes: number[]) => reader(bytes.length, ...bytes).name('a name');

  test('ASCII and multi-byte UTF-8', () => {
    expect(name(0x68, 0x69)).toBe('hi');
    expect(name(...new TextEncoder().encode('héllo ☃ 𝄞'))).toBe('héllo ☃ 𝄞');
    expect(name()).toBe('');
  });

  test('repeated names come back equal (the name cache compares bytes)', () => {
    expect(name(0x61, 0x62)).toBe('ab');
    expect(name(0x62, 0x61)).toBe('ba');
    expect(name(0x61, 0x62)).toBe('ab');
  });

  test('a leading byte-order mark is kept, not stripped', () => {
    expect(name(0xef, 0xbb, 0xbf, 0x61)).toBe('\ufeffa');
  });

  test.each([
    [[0xff, 0xfe]],
    [[0xc0, 0x80]], // overlong NUL
    [[0xed, 0xa0, 0x80]], // a surrogate
    [[0xe2, 0x98]], // truncated sequence
  ])('invalid UTF-8 %j', (bytes) => {
    const e = caught(() => name(...bytes));
    expect(e.code).toBe('decode/invalid-utf8');
    expect(e.offset).toBe(1);
  });

  test('a length past the end', () => {
    const e = caught(() => reader(5, 0x61, 0x62).name('import name'));
    expect(e.code).toBe('decode/unexpected-end');
    expect(e.message).toContain('import name');
  });

  test('long ASCII names (past the fast path) decode too', () => {
    const long = 'x'.repeat(DECODE_LIMITS.ASCII_FAST_PATH * 3);
    const bytes = new TextEncoder().encode(long);
    expect(reader(0x80 | (bytes.length & 0x7f), bytes.length >> 7, ...bytes).name('x')).toBe(long);
  });
});

describe('vectors and sub-readers', () => {
  test('vec reads count items', () => {
    expect(reader(3, 1, 2, 3).vec('bytes', (r) => r.u8('b'))).toEqual([1, 2, 3]);
  });

  test('a count larger than the bytes left fails before reading any item', () => {
    let items = 0;
    const e = caught(() =>
      reader(0xbf, 0x84, 0x3d, 0x73).vec('types', (r) => {
        items++;
        return r.u8('t');
      }),
    );
    expect(e.code).toBe('decode/count-too-large');
    expect(e.message).toContain('999999');
    expect(items).toBe(0);
  });

  test('sub-readers report outermost offsets and stop at their end', () => {
    const r = new Reader(Uint8Array.from([9, 9, 1, 2, 3, 4]), 0, 6, 100);
    r.pos = 2;
    const s = r.sub(2, 'section');
    expect(r.offset).toBe(104);
    expect(s.offset).toBe(102);
    expect(s.u8('a')).toBe(1);
    expect(s.u8('b')).toBe(2);
    const e = caught(() => s.u8('c'));
    expect(e.code).toBe('decode/unexpected-end');
    expect(e.offset).toBe(104);
  });

  test('a sub-reader cannot extend past its parent', () => {
    expect(caught(() => reader(1, 2).sub(3, 'section contents')).code).toBe('decode/unexpected-end');
  });

  test('flags accept only 0 and 1', () => {
    expect(reader(0).flag('x')).toBe(false);
    expect(reader(1).flag('x')).toBe(true);
    const e = caught(() => reader(2).flag('cancellable'));
    expect(e.code).toBe('decode/invalid-boolean');
    expect(e.offset).toBe(0);
  });
});
