/**
 * Strings: `echo(s: string) -> string` at 16 B, 1 KiB and 64 KiB of UTF-8
 * (bench/components/echo-string.wat). The floor is what any binding must do:
 * realloc, TextEncoder.encodeInto into the memory, the core call, and
 * TextDecoder.decode of the bytes it hands back.
 */
import { rawInstance } from '../components.js';
import { measure, side, type Comparison, type Row } from '../harness.js';
import { expect, prepare } from '../tools.js';

const SIZES: readonly [label: string, bytes: number, ops: number][] = [
  ['16 B', 16, 256],
  ['1 KiB', 1024, 32],
  ['64 KiB', 64 * 1024, 1],
];

/** `n` bytes of ASCII prose (one byte per UTF-16 unit). */
export function text(n: number): string {
  const unit = 'The quick brown fox jumps over the lazy dog. ';
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

let sink = 0;
type Echo = (s: string) => string;

export async function stringsGroup(): Promise<Row[]> {
  const echo = (e: any) => e.echo as Echo;
  const probe = text(1000);
  const c = await prepare('canonjs', 'echo-string', echo, (f) => expect(f(probe), probe));
  const j = await prepare('jco', 'echo-string', echo, (f) => expect(f(probe), probe));
  const raw = await rawInstance('echo-string', 0);
  const memory = raw.memory as WebAssembly.Memory;
  const realloc = raw.realloc as (a: number, b: number, c: number, d: number) => number;
  const rawEcho = raw.echo as (ptr: number, len: number) => number;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  let u8 = new Uint8Array(memory.buffer);
  let u32 = new Uint32Array(memory.buffer);
  const floorEcho: Echo = (s) => {
    // a detached buffer (the memory grew) has length 0
    if (u8.length === 0) {
      u8 = new Uint8Array(memory.buffer);
      u32 = new Uint32Array(memory.buffer);
    }
    const cap = s.length * 3;
    const ptr = realloc(0, 0, 1, cap);
    const { written } = encoder.encodeInto(s, u8.subarray(ptr, ptr + cap));
    const ret = rawEcho(ptr, written) >>> 2;
    const p = u32[ret]!;
    return decoder.decode(u8.subarray(p, p + u32[ret + 1]!));
  };
  if (floorEcho(probe) !== probe) throw new Error('strings: the floor echo is wrong');

  const comparisons: Comparison[] = SIZES.map(([label, bytes, ops]) => {
    const s = text(bytes);
    return {
      name: 'echo(string) -> string',
      input: label,
      ops,
      canonjs: side(c, (f) => () => {
        for (let i = 0; i < ops; i++) sink ^= f(s).length;
      }),
      jco: side(j, (f) => () => {
        for (let i = 0; i < ops; i++) sink ^= f(s).length;
      }),
      floor: () => {
        for (let i = 0; i < ops; i++) sink ^= floorEcho(s).length;
      },
      ...(bytes === 1024 ? { target: { vs: 'floor' as const, max: 1.3 } } : {}),
      note: 'ASCII; floor: realloc + encodeInto + core call + decode',
    };
  });
  return measure('strings', comparisons);
}
