/** examples/streams: callback-lifted async exports with stream<u8> and future<u32>, used from a JS app. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { afterAll, describe, expect, test } from 'vitest';
import { validate } from '../../compiler/index.js';
import { compileAndLoad } from '../compile/load.js';
import { EXAMPLES, exampleBytes, removeStaged, runApp, stageExample } from './harness.js';
import { readmeOutput } from './readme.js';

async function readAll(s: ReadableStream<Uint8Array>): Promise<number[]> {
  const out: number[] = [];
  for await (const chunk of s as unknown as AsyncIterable<Uint8Array>) out.push(...chunk);
  return out;
}

describe('examples/streams', () => {
  afterAll(removeStaged);
  const wasm = exampleBytes('streams', 'streams.wasm');

  test('streams.wasm is built from streams.wat (rebuild: node examples/streams/build.js)', async () => {
    const built = await parse(readFileSync(join(EXAMPLES, 'streams', 'streams.wat'), 'utf8'));
    expect(Buffer.from(built).equals(Buffer.from(wasm))).toBe(true);
  });

  test('exports two async funcs over stream<u8>, no imports', () => {
    const summary = validate(wasm);
    expect(summary.imports).toEqual([]);
    expect(summary.exports).toEqual([
      { name: 'upper', kind: 'func', type: 'async func(input: stream<u8>) -> tuple<stream<u8>, future<u32>>' },
      { name: 'adler32', kind: 'func', type: 'async func(input: stream<u8>) -> u32' },
    ]);
    expect(summary.features).toEqual(['async', 'mvp']);
  });

  test('app.mjs prints what its README says (Node 20: no stack switching)', async () => {
    const dir = await stageExample('streams', 'streams');
    const r = await runApp(dir);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readmeOutput('streams'));
    expect(r.code).toBe(0);
  });

  test('overlapping calls keep their own state; an empty input gives an empty stream', async () => {
    const e = await (await compileAndLoad(wasm)).instantiate();
    const inputs = ['Hello', 'a'.repeat(10_000), '', 'MiXeD 123 case'];
    const results = await Promise.all(
      inputs.map(async (text) => {
        const [out, changed] = await e.upper(new TextEncoder().encode(text));
        return [new TextDecoder().decode(Uint8Array.from(await readAll(out))), await changed];
      }),
    );
    expect(results).toEqual([
      ['HELLO', 4],
      ['A'.repeat(10_000), 10_000],
      ['', 0],
      ['MIXED 123 CASE', 6],
    ]);
    // Adler-32 check values: "" is 1, "Wikipedia" 0x11e60398
    await expect(e.adler32([])).resolves.toBe(1);
    await expect(e.adler32((async function* () { yield new TextEncoder().encode('Wikipedia'); })())).resolves.toBe(0x11e60398);
  });

  test('a reader that stops early ends the copy: the future counts what was read in, the source is closed', async () => {
    const e = await (await compileAndLoad(wasm)).instantiate();
    let pulled = 0;
    let closed = false;
    async function* endless() {
      try {
        for (;;) {
          pulled++;
          yield new Uint8Array(4096).fill(0x61);
        }
      } finally {
        closed = true;
      }
    }
    const [out, changed] = await e.upper(endless());
    const reader = (out as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect([...first.value!.subarray(0, 3)]).toEqual([0x41, 0x41, 0x41]);
    await reader.cancel();
    const n = await changed;
    expect(n).toBeGreaterThanOrEqual(first.value!.length);
    expect(n).toBeLessThanOrEqual(pulled * 4096);
    await new Promise((resolve) => setImmediate(resolve)); // the generator's finally runs on a microtask
    expect(closed).toBe(true);
  });
});
