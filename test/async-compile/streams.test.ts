/**
 * The JS face of streams and futures (BRIEF §3): a component's stream<u8> is
 * a ReadableStream of Uint8Array chunks; a JS async iterable (or
 * ReadableStream) passed for a stream<u8> is read by the component; a JS
 * Promise passed for a future<u32> is awaited by the component.
 */
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, test } from 'vitest';
import { compileAndLoad } from '../compile/load.js';
import { CONSUMER, FUTURE_READER, PRODUCER } from './components.js';

async function readAll(s: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const chunk of s as unknown as AsyncIterable<Uint8Array>) out.push(chunk);
  return out;
}

describe('stream<u8> and future<u32> between JS and components', () => {
  test('a component-produced stream<u8> is a ReadableStream of Uint8Arrays', async () => {
    const e = await (await compileAndLoad(await parse(PRODUCER))).instantiate();
    const s = await e.produce(5, 3);
    expect(s).toBeInstanceOf(ReadableStream);
    const chunks = await readAll(s);
    expect(chunks.every((c) => c instanceof Uint8Array)).toBe(true);
    expect(chunks.map((c) => [...c])).toEqual([[3, 3, 3, 3, 3], [2, 2, 2, 2, 2], [1, 1, 1, 1, 1]]);
  });

  test('a component consumes a JS async iterable passed as stream<u8>', async () => {
    const e = await (await compileAndLoad(await parse(CONSUMER))).instantiate();
    async function* gen() {
      yield new Uint8Array([1, 2, 3]);
      await new Promise((r) => setTimeout(r, 1));
      yield [10, 20];
      yield new Uint8Array(5000).fill(1);
    }
    await expect(e.consume(gen())).resolves.toBe(1 + 2 + 3 + 10 + 20 + 5000);
    expect(e.count()).toBe(5005);
  });

  test('a component consumes a ReadableStream passed as stream<u8>', async () => {
    const e = await (await compileAndLoad(await parse(CONSUMER))).instantiate();
    const rs = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array([7, 7]));
        c.enqueue(new Uint8Array([1]));
        c.close();
      },
    });
    await expect(e.consume(rs)).resolves.toBe(15);
  });

  test('a future<u32> resolved from a JS Promise', async () => {
    const e = await (await compileAndLoad(await parse(FUTURE_READER))).instantiate();
    let resolve!: (v: number) => void;
    const p = e.awaitPlusOne(new Promise<number>((r) => (resolve = r)));
    setTimeout(() => resolve(41), 2);
    await expect(p).resolves.toBe(42);
    await expect(e.awaitPlusOne(Promise.resolve(9))).resolves.toBe(10);
  });
});
