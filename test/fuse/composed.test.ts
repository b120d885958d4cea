/**
 * The acceptance test of fused calls, end to end through `compile`: two
 * hand-written components composed in one (composed.wat: A lifts `echo` with
 * UTF-16, B lowers it with latin1+utf16 and exports `run`, which calls it).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { compileAndLoad } from '../compile/load.js';

const STRINGS = ['', 'plain', 'café ÿ', 'héllo 世界 😀', 'é'.repeat(50) + 'Ā'];

async function load() {
  const bytes = await parse(readFileSync(new URL('./composed.wat', import.meta.url), 'utf8'));
  const { js, instantiate } = await compileAndLoad(bytes, { name: 'c' });
  return { js, exports: await instantiate({}) };
}

/** Runs `f`, counting the calls that make JS strings out of bytes or code units. */
function countStrings<R>(f: () => R): { result: R; made: number } {
  let made = 0;
  const targets: [object, string][] = [[TextDecoder.prototype, 'decode'], [String, 'fromCharCode'], [String, 'fromCodePoint']];
  const saved = targets.map(([o, k]) => (o as Record<string, (...a: unknown[]) => unknown>)[k]!);
  targets.forEach(([o, k], i) => {
    (o as Record<string, unknown>)[k] = function (this: unknown, ...a: unknown[]) {
      made++;
      return saved[i]!.apply(this, a);
    };
  });
  try {
    return { result: f(), made };
  } finally {
    targets.forEach(([o, k], i) => ((o as Record<string, unknown>)[k] = saved[i]));
  }
}

describe('composed components with different string encodings', () => {
  it('carry strings from B (latin1+utf16) to A (utf16) and back', async () => {
    const { exports } = await load();
    for (const s of STRINGS) expect(exports.run(s)).toBe(s);
  });

  // The lowered import is a fused adapter (compiler/emit/module/fused.ts):
  // only the outer lift of `run`'s result makes a string.
  it('call A from B through a fused step: no JS string in between', async () => {
    const { exports } = await load();
    const s = 'héllo 世界 😀, a string longer than the short-string path';
    const { result, made } = countStrings(() => exports.run(s));
    expect(result).toBe(s);
    // the host's argument is lowered without making a string; its result is lifted: one string
    expect(made).toBe(1);
  });
});
