import { describe, expect, it } from 'vitest';
import { makeCore } from '../test/abi/core.js';
import {
  encodedLen, liftLatin1Utf16, liftUtf16, liftUtf8, lowerLatin1Utf16, lowerUtf16, lowerUtf8, UTF16_TAG,
} from './strings.js';

type Enc = 'utf8' | 'utf16' | 'latin1+utf16';
const LOWER = { utf8: lowerUtf8, utf16: lowerUtf16, 'latin1+utf16': lowerLatin1Utf16 };
const LIFT = { utf8: liftUtf8, utf16: liftUtf16, 'latin1+utf16': liftLatin1Utf16 };

// string, encoding, realloc calls, pointer, (tagged) length, bytes — from definitions.py
// (store_string_into_range of a 'utf16' source, with a bump realloc starting at 64)
const ORACLE: [string, Enc, number[][], number, number, number[]][] = [
  ["", 'utf8', [[0, 0, 1, 0]], 64, 0, []],
  ["", 'utf16', [[0, 0, 2, 0]], 64, 0, []],
  ["", 'latin1+utf16', [[0, 0, 2, 0]], 64, 0, []],
  ["hello", 'utf8', [[0, 0, 1, 5]], 64, 5, [104, 101, 108, 108, 111]],
  ["hello", 'utf16', [[0, 0, 2, 10]], 64, 5, [104, 0, 101, 0, 108, 0, 108, 0, 111, 0]],
  ["hello", 'latin1+utf16', [[0, 0, 2, 5]], 64, 5, [104, 101, 108, 108, 111]],
  ["héllo", 'utf8', [[0, 0, 1, 5], [64, 5, 1, 15], [69, 15, 1, 6]], 84, 6, [104, 195, 169, 108, 108, 111]],
  ["héllo", 'utf16', [[0, 0, 2, 10]], 64, 5, [104, 0, 233, 0, 108, 0, 108, 0, 111, 0]],
  ["héllo", 'latin1+utf16', [[0, 0, 2, 5]], 64, 5, [104, 233, 108, 108, 111]],
  ["h€llo wörld", 'utf8', [[0, 0, 1, 11], [64, 11, 1, 33], [75, 33, 1, 14]], 108, 14, [104, 226, 130, 172, 108, 108, 111, 32, 119, 195, 182, 114, 108, 100]],
  ["h€llo wörld", 'utf16', [[0, 0, 2, 22]], 64, 11, [104, 0, 172, 32, 108, 0, 108, 0, 111, 0, 32, 0, 119, 0, 246, 0, 114, 0, 108, 0, 100, 0]],
  ["h€llo wörld", 'latin1+utf16', [[0, 0, 2, 11], [64, 11, 2, 22]], 76, 2147483659, [104, 0, 172, 32, 108, 0, 108, 0, 111, 0, 32, 0, 119, 0, 246, 0, 114, 0, 108, 0, 100, 0]],
  ["a😀b", 'utf8', [[0, 0, 1, 4], [64, 4, 1, 12], [68, 12, 1, 6]], 80, 6, [97, 240, 159, 152, 128, 98]],
  ["a😀b", 'utf16', [[0, 0, 2, 8]], 64, 4, [97, 0, 61, 216, 0, 222, 98, 0]],
  ["a😀b", 'latin1+utf16', [[0, 0, 2, 4], [64, 4, 2, 8]], 68, 2147483652, [97, 0, 61, 216, 0, 222, 98, 0]],
  ["ÿþ", 'utf8', [[0, 0, 1, 2], [64, 2, 1, 6], [66, 6, 1, 4]], 72, 4, [195, 191, 195, 190]],
  ["ÿþ", 'utf16', [[0, 0, 2, 4]], 64, 2, [255, 0, 254, 0]],
  ["ÿþ", 'latin1+utf16', [[0, 0, 2, 2]], 64, 2, [255, 254]],
  ["abcĀ", 'utf8', [[0, 0, 1, 4], [64, 4, 1, 12], [68, 12, 1, 5]], 80, 5, [97, 98, 99, 196, 128]],
  ["abcĀ", 'utf16', [[0, 0, 2, 8]], 64, 4, [97, 0, 98, 0, 99, 0, 0, 1]],
  ["abcĀ", 'latin1+utf16', [[0, 0, 2, 4], [64, 4, 2, 8]], 68, 2147483652, [97, 0, 98, 0, 99, 0, 0, 1]],
  ["ĀĀĀ", 'utf8', [[0, 0, 1, 3], [64, 3, 1, 9], [67, 9, 1, 6]], 76, 6, [196, 128, 196, 128, 196, 128]],
  ["ĀĀĀ", 'utf16', [[0, 0, 2, 6]], 64, 3, [0, 1, 0, 1, 0, 1]],
  ["ĀĀĀ", 'latin1+utf16', [[0, 0, 2, 3], [64, 3, 2, 6]], 68, 2147483651, [0, 1, 0, 1, 0, 1]],
  ["xxxxxéyyyyy", 'utf8', [[0, 0, 1, 11], [64, 11, 1, 33], [75, 33, 1, 12]], 108, 12, [120, 120, 120, 120, 120, 195, 169, 121, 121, 121, 121, 121]],
  ["xxxxxéyyyyy", 'utf16', [[0, 0, 2, 22]], 64, 11, [120, 0, 120, 0, 120, 0, 120, 0, 120, 0, 233, 0, 121, 0, 121, 0, 121, 0, 121, 0, 121, 0]],
  ["xxxxxéyyyyy", 'latin1+utf16', [[0, 0, 2, 11]], 64, 11, [120, 120, 120, 120, 120, 233, 121, 121, 121, 121, 121]],
];

describe('lowering follows definitions.py', () => {
  for (const [s, enc, calls, ptr, len, bytes] of ORACLE) {
    it(`${JSON.stringify(s)} as ${enc}`, () => {
      const core = makeCore();
      const p = LOWER[enc](s, core.mv, core.realloc);
      expect(core.reallocCalls).toEqual(calls);
      expect([p, encodedLen]).toEqual([ptr, len]);
      const byteLength = enc === 'utf8' ? len : enc === 'utf16' ? 2 * len : len >= UTF16_TAG ? 2 * (len - UTF16_TAG) : len;
      expect([...new Uint8Array(core.memory.buffer, p, byteLength)]).toEqual(bytes);
      expect(LIFT[enc](core.mv, p, len)).toBe(s);
    });
  }
});

describe('lowering replaces lone surrogates with U+FFFD', () => {
  for (const enc of ['utf8', 'utf16', 'latin1+utf16'] as Enc[]) {
    it(enc, () => {
      const core = makeCore();
      const p = LOWER[enc]('a\ud800b\udc00', core.mv, core.realloc);
      expect(LIFT[enc](core.mv, p, encodedLen)).toBe('a\ufffdb\ufffd');
    });
  }
});

describe('lifting', () => {
  const put = (bytes: number[], at = 100) => {
    const core = makeCore();
    new Uint8Array(core.memory.buffer).set(bytes, at);
    return core;
  };
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(WebAssembly.RuntimeError);
      return (e as { code: string }).code;
    }
    return 'no trap';
  };

  it('keeps a leading BOM', () => {
    expect(liftUtf8(put([0xef, 0xbb, 0xbf, 0x41]).mv, 100, 4)).toBe('\ufeffA');
    expect(liftUtf16(put([0xff, 0xfe, 0x41, 0]).mv, 100, 2)).toBe('\ufeffA');
  });
  it('decodes short and long ASCII and non-ASCII UTF-8', () => {
    const long = 'x'.repeat(100) + 'é';
    const bytes = [...new TextEncoder().encode(long)];
    expect(liftUtf8(put(bytes).mv, 100, bytes.length)).toBe(long);
    expect(liftUtf8(put([0x68, 0xc3, 0xa9]).mv, 100, 3)).toBe('hé');
  });
  it('keeps a real U+FFFD (the replacing decoder sees it, the fatal one accepts it)', () => {
    const s = 'a'.repeat(40) + '\ufffd' + 'é';
    const bytes = [...new TextEncoder().encode(s)];
    expect(liftUtf8(put(bytes).mv, 100, bytes.length)).toBe(s);
  });
  it('traps on invalid UTF-8 (short and long)', () => {
    expect(code(() => liftUtf8(put([0x61, 0xff]).mv, 100, 2))).toBe('trap/invalid-utf8');
    expect(code(() => liftUtf8(put([...Array(40).fill(0x61), 0xc3]).mv, 100, 41))).toBe('trap/invalid-utf8');
    expect(code(() => liftUtf8(put([0xed, 0xa0, 0x80]).mv, 100, 3))).toBe('trap/invalid-utf8'); // encoded surrogate
  });
  it('traps on lone surrogates in UTF-16', () => {
    expect(code(() => liftUtf16(put([0x00, 0xd8, 0x41, 0x00]).mv, 100, 2))).toBe('trap/invalid-utf16');
    expect(code(() => liftLatin1Utf16(put([0x00, 0xdc]).mv, 100, UTF16_TAG + 1))).toBe('trap/invalid-utf16');
  });
  it('latin1+utf16: the tag picks the encoding', () => {
    const core = put([0xe9, 0x41, 0xff]);
    expect(liftLatin1Utf16(core.mv, 100, 3)).toBe('éAÿ');
    expect(liftLatin1Utf16(put([0xe9, 0x00, 0x41, 0x00]).mv, 100, UTF16_TAG + 2)).toBe('éA');
  });
  it('traps on misaligned, out-of-bounds and too long strings', () => {
    const core = makeCore();
    expect(code(() => liftUtf16(core.mv, 101, 1))).toBe('trap/misaligned-pointer');
    expect(code(() => liftLatin1Utf16(core.mv, 101, 1))).toBe('trap/misaligned-pointer');
    expect(code(() => liftUtf8(core.mv, 65530, 7))).toBe('trap/out-of-bounds');
    expect(code(() => liftUtf8(core.mv, 0, 2 ** 28))).toBe('trap/string-too-long');
    expect(code(() => liftUtf16(core.mv, 0, 2 ** 27))).toBe('trap/string-too-long');
    expect(liftUtf8(core.mv, 65536, 0)).toBe('');
  });
  it('sees memory growth', () => {
    const core = makeCore();
    core.memory.grow(1);
    new Uint8Array(core.memory.buffer).set([0x6f, 0x6b], 70000);
    expect(liftUtf8(core.mv, 70000, 2)).toBe('ok');
  });
});
