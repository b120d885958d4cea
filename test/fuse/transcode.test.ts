/**
 * The memory-to-memory string copies of fused calls (runtime/transcode.ts):
 * the destination's realloc calls and lengths against the spec's
 * definitions.py (transcode-oracle.json), the content, and the traps.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as transcode from '../../runtime/transcode.js';
import { liftLatin1Utf16, liftUtf16, liftUtf8, UTF16_TAG } from '../../runtime/strings.js';
import type { MemView, Realloc } from '../../runtime/memory.js';
import { makeCore, type Core } from '../abi/core.js';

type Enc = 'utf8' | 'utf16' | 'latin1+utf16';
type Transcoder = (src: MemView, ptr: number, len: number, dst: MemView, realloc: Realloc) => number;

interface OracleCase {
  s: string;
  from: Enc | 'latin1+utf16/utf16';
  to: Enc;
  calls: [number, number, number, number][];
  len: number;
}
const ORACLE = JSON.parse(readFileSync(new URL('./transcode-oracle.json', import.meta.url), 'utf8')) as { cases: OracleCase[] };

const NAME: Record<Enc, string> = { utf8: 'Utf8', utf16: 'Utf16', 'latin1+utf16': 'Latin1Utf16' };
const transcoder = (from: Enc, to: Enc): Transcoder =>
  (transcode as unknown as Record<string, Transcoder>)[`transcode${NAME[from]}To${NAME[to]}`]!;

const AT = 1024;

/** Writes `s` in the source encoding at AT of `core`; returns the length as passed (tagged for latin1+utf16). */
function writeSource(core: Core, s: string, from: OracleCase['from']): number {
  const u8 = new Uint8Array(core.memory.buffer);
  if (from === 'utf8') {
    const bytes = new TextEncoder().encode(s);
    u8.set(bytes, AT);
    return bytes.length;
  }
  const latin1 = from === 'latin1+utf16' && [...s].every((c) => c.codePointAt(0)! < 0x100);
  if (latin1) {
    for (let i = 0; i < s.length; i++) u8[AT + i] = s.charCodeAt(i);
    return s.length;
  }
  const u16 = new Uint16Array(core.memory.buffer, AT, s.length);
  for (let i = 0; i < s.length; i++) u16[i] = s.charCodeAt(i);
  return from === 'utf16' ? s.length : s.length + UTF16_TAG;
}

const LIFT: Record<Enc, (m: MemView, ptr: number, len: number) => string> = {
  utf8: liftUtf8, utf16: liftUtf16, 'latin1+utf16': liftLatin1Utf16,
};

function run(from: Enc, to: Enc, bytes: number[] | Uint8Array, len = bytes.length, at = AT) {
  const src = makeCore();
  const dst = makeCore();
  new Uint8Array(src.memory.buffer).set(bytes, at);
  return () => transcoder(from, to)(src.mv, at, len, dst.mv, dst.realloc);
}

const trapCode = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
  return undefined;
};

describe('transcoding memory to memory', () => {
  it('makes the realloc calls definitions.py makes, for every pair of encodings', () => {
    expect(ORACLE.cases.length).toBeGreaterThan(100);
    for (const c of ORACLE.cases) {
      const src = makeCore();
      const dst = makeCore();
      const len = writeSource(src, c.s, c.from);
      const from: Enc = c.from === 'latin1+utf16/utf16' ? 'latin1+utf16' : c.from;
      const ptr = transcoder(from, c.to)(src.mv, AT, len, dst.mv, dst.realloc);
      const label = `${JSON.stringify(c.s)} ${c.from} → ${c.to}`;
      expect(dst.reallocCalls, label).toEqual(c.calls);
      expect(transcode.transcodedLen, label).toBe(c.len);
      expect(LIFT[c.to](dst.mv, ptr, transcode.transcodedLen), label).toBe(c.s);
      // the source memory is only read
      expect(src.reallocCalls, label).toEqual([]);
    }
  });

  it('validates UTF-8 exactly as a strict decoder does', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const pieces = fc.constantFrom(
      [0x41], [0x7f], [0x80], [0xbf], [0xc0, 0x80], [0xc1, 0xbf], [0xc2, 0x80], [0xdf, 0xbf], [0xe0, 0x80, 0x80],
      [0xe0, 0xa0, 0x80], [0xed, 0x9f, 0xbf], [0xed, 0xa0, 0x80], [0xee, 0x80, 0x80], [0xef, 0xbf, 0xbf],
      [0xf0, 0x8f, 0xbf, 0xbf], [0xf0, 0x90, 0x80, 0x80], [0xf4, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80],
      [0xf5, 0x80, 0x80, 0x80], [0xff], [0xe4, 0xb8], [0xf0, 0x9f, 0x98], [0xc3],
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 })), { maxLength: 30 }), (parts) => {
        const bytes = parts.flat();
        let expected: string | null;
        try {
          expected = strict.decode(new Uint8Array(bytes));
        } catch {
          expected = null;
        }
        for (const to of ['utf8', 'utf16', 'latin1+utf16'] as Enc[]) {
          const src = makeCore();
          const dst = makeCore();
          new Uint8Array(src.memory.buffer).set(bytes, AT);
          let got: string | null;
          try {
            const p = transcoder('utf8', to)(src.mv, AT, bytes.length, dst.mv, dst.realloc);
            got = LIFT[to](dst.mv, p, transcode.transcodedLen);
          } catch (e) {
            expect((e as { code: string }).code).toBe('trap/invalid-utf8');
            // nothing was allocated before the trap
            expect(dst.reallocCalls).toEqual([]);
            got = null;
          }
          expect(got).toBe(expected);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('validates UTF-16: surrogates only in pairs', () => {
    const units = (...u: number[]) => new Uint8Array(new Uint16Array(u).buffer);
    for (const from of ['utf16', 'latin1+utf16'] as Enc[]) {
      const tag = from === 'utf16' ? 0 : UTF16_TAG;
      for (const to of ['utf8', 'utf16', 'latin1+utf16'] as Enc[]) {
        const bad = [[0xd800], [0xdc00], [0x41, 0xd83d], [0xd83d, 0xd83d, 0xde00], [0xde00, 0xd83d]];
        for (const u of bad) expect(trapCode(run(from, to, units(...u), u.length + tag)), `${u} ${from}→${to}`).toBe('trap/invalid-utf16');
        expect(trapCode(run(from, to, units(0xd83d, 0xde00), 2 + tag))).toBeUndefined();
      }
    }
  });

  it('traps on misaligned, out-of-bounds and too long sources', () => {
    const pairs = (['utf8', 'utf16', 'latin1+utf16'] as Enc[]).flatMap((f) =>
      (['utf8', 'utf16', 'latin1+utf16'] as Enc[]).map((t) => [f, t] as const));
    for (const [from, to] of pairs) {
      const label = `${from} → ${to}`;
      // past the end of memory
      expect(trapCode(run(from, to, [], 4, 65536 - 2)), label).toBe('trap/out-of-bounds');
      expect(trapCode(run(from, to, [], 0, 65536)), label).toBeUndefined();
      // 2^28 bytes is past the limit (UTF-16: 2^27 units)
      const tooLong = from === 'utf8' ? 2 ** 28 : from === 'utf16' ? 2 ** 27 : 2 ** 28;
      expect(trapCode(run(from, to, [], tooLong)), label).toBe('trap/string-too-long');
      if (from === 'latin1+utf16') expect(trapCode(run(from, to, [], UTF16_TAG + 2 ** 27)), label).toBe('trap/string-too-long');
      // UTF-16 and latin1+utf16 strings are 2-aligned, UTF-8 ones are not
      expect(trapCode(run(from, to, [0x41, 0, 0x42, 0], 1, AT + 1)), label).toBe(from === 'utf8' ? undefined : 'trap/misaligned-pointer');
    }
  });

  it('traps when the destination realloc misbehaves', () => {
    for (const to of ['utf8', 'utf16', 'latin1+utf16'] as Enc[]) {
      const src = makeCore();
      const dst = makeCore();
      // (the fake's 'oob' result is the last aligned address: 3 bytes never fit)
      new Uint8Array(src.memory.buffer).set([0x61, 0x62, 0x63], AT);
      dst.reallocMode = 'oob';
      expect(trapCode(() => transcoder('utf8', to)(src.mv, AT, 3, dst.mv, dst.realloc))).toBe('trap/realloc-out-of-bounds');
      if (to === 'utf8') continue;
      dst.reallocMode = 'misaligned';
      expect(trapCode(() => transcoder('utf8', to)(src.mv, AT, 3, dst.mv, dst.realloc))).toBe('trap/realloc-misaligned');
    }
  });

  it('copies within one memory and across a growing one', () => {
    const core = makeCore();
    core.top = 65536 - 8; // the first allocation grows the memory (detaching its buffer)
    const s = 'grow → ' + 'x'.repeat(100) + ' 😀';
    const bytes = new TextEncoder().encode(s);
    new Uint8Array(core.memory.buffer).set(bytes, AT);
    for (const to of ['utf8', 'utf16', 'latin1+utf16'] as Enc[]) {
      const p = transcoder('utf8', to)(core.mv, AT, bytes.length, core.mv, core.realloc);
      expect(LIFT[to](core.mv, p, transcode.transcodedLen)).toBe(s);
    }
    expect(core.memory.buffer.byteLength).toBeGreaterThan(65536);
  });
});
