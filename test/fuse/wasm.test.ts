/**
 * Fused adapters between two real core modules (test/fuse/wasm.ts): a string
 * goes from the caller's memory to the callee's and back, transcoded between
 * any two encodings, without a JS string being made on the way.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AbiOptions, StringEncoding } from '../../compiler/abi/instructions.js';
import { planFused } from '../../compiler/abi/fuse.js';
import { planLift, planLower } from '../../compiler/abi/plan.js';
import * as strings from '../../runtime/strings.js';
import type { MemView } from '../../runtime/memory.js';
import * as T from '../abi/types.js';
import { buildFused, buildGlue, type SideImpl } from './harness.js';
import { inlineRuntime } from './inline-runtime.js';
import { instantiatePair, type Instance } from './wasm.js';

const ENCODINGS: StringEncoding[] = ['utf8', 'utf16', 'latin1+utf16'];
const PAIRS = ENCODINGS.flatMap((a) => ENCODINGS.map((b) => [a, b] as const));
const STRINGS = ['', 'abc', 'café ÿ', 'héllo 世界', '😀 𝄞 astral', 'é'.repeat(30) + 'Ā', 'y'.repeat(300) + ' 😀'];

const echoType = T.func([T.string], T.string);
const STUBS = { units: () => 0, char: () => 0 };
const unitsType = T.func([T.string], T.u32);
const charType = T.func([T.char], T.char);

const LOWER = { utf8: strings.lowerUtf8, utf16: strings.lowerUtf16, 'latin1+utf16': strings.lowerLatin1Utf16 };
const LIFT = { utf8: strings.liftUtf8, utf16: strings.liftUtf16, 'latin1+utf16': strings.liftLatin1Utf16 };

/** Both instances, with B's imports fused to A's exports. */
async function fusedPair(callerEnc: StringEncoding, calleeEnc: StringEncoding) {
  const co: Partial<AbiOptions> = { memory: true, realloc: true, stringEncoding: callerEnc };
  const ce: Partial<AbiOptions> = { memory: true, realloc: true, stringEncoding: calleeEnc, postReturn: true };
  const code: string[] = [];
  const pair = await instantiatePair((a, b) => {
    const calleeSide: SideImpl = { mv: a.mv, realloc: a.realloc };
    const fuse = (ft: typeof echoType, name: string, post: boolean) => {
      const built = buildFused(planFused(ft, co, { ...ce, postReturn: post }), a.exports[name]!, a.exports.post!, b, calleeSide);
      code.push(built.code);
      return built.fn;
    };
    return { echo: fuse(echoType, 'echo', true), units: fuse(unitsType, 'units', false), char: fuse(charType, 'char', false) };
  });
  return { ...pair, code };
}

/** Writes `s` into the caller's memory in its encoding: [ptr, length as passed]. */
function put(inst: Instance, enc: StringEncoding, s: string): [number, number] {
  const ptr = LOWER[enc](s, inst.mv, inst.realloc);
  return [ptr, strings.encodedLen];
}

/** Reads the [ptr, len] pair at `at` and lifts the string in `enc`. */
function get(mv: MemView, enc: StringEncoding, at: number): string {
  const dv = new DataView(mv.memory.buffer);
  return LIFT[enc](mv, dv.getUint32(at, true), dv.getUint32(at + 4, true));
}

/** Runs `f` with every way of making a string from bytes or code units made to throw; counts attempts. */
function withoutStrings<R>(f: () => R): { result: R; attempts: number } {
  let attempts = 0;
  const patched: [object, string, unknown][] = [
    [TextDecoder.prototype, 'decode', TextDecoder.prototype.decode],
    [String, 'fromCharCode', String.fromCharCode],
    [String, 'fromCodePoint', String.fromCodePoint],
    [TextEncoder.prototype, 'encode', TextEncoder.prototype.encode],
    [TextEncoder.prototype, 'encodeInto', TextEncoder.prototype.encodeInto],
  ];
  for (const [obj, key] of patched) {
    (obj as Record<string, unknown>)[key] = () => {
      attempts++;
      throw new Error(`${key} called during a fused call`);
    };
  }
  try {
    return { result: f(), attempts };
  } finally {
    for (const [obj, key, orig] of patched) (obj as Record<string, unknown>)[key] = orig;
  }
}

afterEach(() => {
  // (withoutStrings restores in finally; this guards against a leak between tests)
  expect(typeof TextDecoder.prototype.decode).toBe('function');
});

describe('fused calls between two core modules', () => {
  it('carry strings across all 9 encoding pairs, without making a JS string', async () => {
    for (const [from, to] of PAIRS) {
      const { caller, callee } = await fusedPair(from, to);
      let posts = 0;
      for (const s of STRINGS) {
        const [ptr, len] = put(caller, from, s);
        const out = caller.realloc(0, 0, 4, 8);
        callee.reallocCalls.length = 0;
        const { attempts } = withoutStrings(() => caller.exports['run-echo']!(ptr, len, out));
        expect(attempts, `${from} → ${to}`).toBe(0);
        // A saw the string in its encoding; B got it back in its own
        expect(get(callee.mv, to, 16), `${from} → ${to}`).toBe(s);
        expect(get(caller.mv, from, out), `${from} → ${to}`).toBe(s);
        // A's realloc allocated the argument; its post-return ran once
        expect(callee.reallocCalls.length).toBeGreaterThan(0);
        expect(callee.exports.posts.value).toBe(++posts);
      }
    }
  });

  it('passes code units as the callee counts them', async () => {
    const { caller } = await fusedPair('utf8', 'utf16');
    const [ptr, len] = put(caller, 'utf8', 'a😀é');
    expect(caller.exports['run-units']!(ptr, len)).toBe(4);
    const l1 = await fusedPair('utf16', 'latin1+utf16');
    const [p1, n1] = put(l1.caller, 'utf16', 'café');
    expect(l1.caller.exports['run-units']!(p1, n1)).toBe(4);
    const [p2, n2] = put(l1.caller, 'utf16', 'cafĀ');
    expect(l1.caller.exports['run-units']!(p2, n2) >>> 0).toBe(strings.UTF16_TAG + 4);
  });

  it('traps on a bad char from the caller', async () => {
    const { caller } = await fusedPair('utf8', 'utf8');
    expect(caller.exports['run-char']!(0x1f600)).toBe(0x1f600);
    for (const bad of [0xd800, 0xdfff, 0x110000, -1]) {
      expect(() => caller.exports['run-char']!(bad)).toThrow(expect.objectContaining({ code: 'trap/invalid-char' }));
    }
  });

  it('traps on invalid UTF-8 and UTF-16 in the caller memory and on out-of-bounds pointers', async () => {
    const u8 = await fusedPair('utf8', 'utf16');
    new Uint8Array(u8.caller.memory.buffer).set([0x61, 0xc0, 0x80], 512);
    expect(() => u8.caller.exports['run-units']!(512, 3)).toThrow(expect.objectContaining({ code: 'trap/invalid-utf8' }));
    expect(() => u8.caller.exports['run-units']!(65530, 10)).toThrow(expect.objectContaining({ code: 'trap/out-of-bounds' }));
    const u16 = await fusedPair('utf16', 'utf8');
    new Uint16Array(u16.caller.memory.buffer, 512, 2).set([0x61, 0xdc00]);
    expect(() => u16.caller.exports['run-units']!(512, 2)).toThrow(expect.objectContaining({ code: 'trap/invalid-utf16' }));
    expect(() => u16.caller.exports['run-units']!(513, 1)).toThrow(expect.objectContaining({ code: 'trap/misaligned-pointer' }));
    // a bad out-pointer of the caller
    const [ptr, len] = put(u16.caller, 'utf16', 'x');
    expect(() => u16.caller.exports['run-echo']!(ptr, len, 65535)).toThrow(expect.objectContaining({ code: 'trap/misaligned-pointer' }));
    expect(() => u16.caller.exports['run-echo']!(ptr, len, 65536)).toThrow(expect.objectContaining({ code: 'trap/out-of-bounds' }));
  });

  it('utf8 → utf8 strings: cost against the JS-value path (printed, not asserted)', async () => {
    // both paths call the runtime as generated modules do: one scope (inline-runtime.ts)
    const runtime = inlineRuntime();
    const co = { memory: true, realloc: true };
    const ce = { ...co, postReturn: true };
    const fusedSide = await instantiatePair(
      (a, b) => ({ echo: buildFused(planFused(echoType, co, ce), a.exports.echo!, a.exports.post!, b, a, { rt: runtime }).fn, ...STUBS }),
      false,
    );
    // the JS-value path: B's lowered import lifts a JS string, calls A's lifted export, which lowers it again
    const jsPath = await instantiatePair((a, b) => {
      const lifted = buildGlue(planLift(echoType, ce), a.exports.echo!, a, a.exports.post!, runtime);
      return { echo: buildGlue(planLower(echoType, co), lifted, b, () => {}, runtime), ...STUBS };
    }, false);
    let rows: string[] = [];
    // twice: the first round warms the JIT up for every size
    for (const size of [16, 1024, 65536, 0, 16, 1024, 65536]) {
      if (size === 0) {
        rows = [];
        continue;
      }
      const s = 'abcdefgh'.repeat(size / 8);
      const time = ({ caller, callee }: { caller: Instance; callee: Instance }) => {
        // the argument sits above what a call allocates: both bump allocators restart every call
        const at = 4 * 65536;
        if (caller.memory.buffer.byteLength < at + size) caller.memory.grow(5);
        new TextEncoder().encodeInto(s, new Uint8Array(caller.memory.buffer, at, size));
        const n = Math.round(Math.max(50, Math.min(20000, 4_000_000 / size)));
        const run = () => {
          caller.exports.reset!();
          callee.exports.reset!();
          caller.exports['run-echo']!(at, size, 512);
        };
        for (let i = 0; i < 200; i++) run();
        const t0 = performance.now();
        for (let i = 0; i < n; i++) run();
        const t = ((performance.now() - t0) / n) * 1000;
        expect(get(caller.mv, 'utf8', 512)).toBe(s);
        return t;
      };
      const f = time(fusedSide);
      const j = time(jsPath);
      rows.push(`${String(size).padStart(6)} bytes: fused ${f.toFixed(2)} µs, JS values ${j.toFixed(2)} µs (JS/fused ${(j / f).toFixed(2)})`);
    }
    console.log(`utf8 → utf8 echo(string) -> string, per call:\n${rows.join('\n')}`);
  });
});
