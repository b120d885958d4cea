// Uses the streams component through its ES module, on Node 20 or later:
//   npx canonjs compile examples/streams/streams.wasm -o examples/streams/out
//   node examples/streams/app.mjs
// A stream<u8> the component returns is a ReadableStream of Uint8Array chunks; a
// future<u32> is a Promise; for a stream<u8> argument, pass a ReadableStream or any
// (async) iterable of Uint8Arrays. Async exports return Promises.
import { adler32, upper } from './out/streams.js';

const encoder = new TextEncoder();

// 1. An async generator goes in; the upper-cased copy comes out as it is made.
async function* poem() {
  for (const line of ['streams cross the boundary\n', 'a chunk at a time,\n', 'futures settle once.\n']) {
    await new Promise((resolve) => setTimeout(resolve, 5)); // the source may be slow
    yield encoder.encode(line);
  }
}
const [loud, changed] = await upper(poem());
const decoder = new TextDecoder();
for await (const chunk of loud) process.stdout.write(decoder.decode(chunk, { stream: true }));
console.log(`(${await changed} letters changed)`);

// 2. A ReadableStream goes in; the result is a Promise of a u32.
const wikipedia = new ReadableStream({
  start(controller) {
    controller.enqueue(encoder.encode('Wiki'));
    controller.enqueue(encoder.encode('pedia'));
    controller.close();
  },
});
console.log(`adler32("Wikipedia") = ${(await adler32(wikipedia)).toString(16)}`);

// 3. A Uint8Array is a stream of one chunk. One call's output stream goes straight into
// the other: 1 MiB through both, 4 KiB at a time; JS checks against its own Adler-32.
const big = new Uint8Array(1 << 20).map((_, i) => 97 + (i % 26));
const [shouted, count] = await upper(big);
const [checksum, letters] = await Promise.all([adler32(shouted), count]);
const expected = jsAdler32(big.map((c) => c - 32));
console.log(`1 MiB: ${letters} letters changed, adler32 ${checksum.toString(16)} (${checksum === expected ? 'matches' : 'differs from'} JS)`);

function jsAdler32(bytes) {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}
