// Rebuilds coop.wasm and parallel.wasm from their component text:
// `node examples/threads/build.js` (uses parse() from the dev dependency
// @bytecodealliance/jco-transpile).
//
// wasm-tools (0.259) writes thread.spawn-ref, thread.spawn-indirect and
// thread.available_parallelism without the `sh?` byte that Binary.md puts after
// the opcode, and its text format cannot say `shared`. So for parallel.wasm this
// re-encodes every top-level canon section made only of those built-ins in the
// spec's form, with `sh?` = 1 (shared: the threads run on workers).
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';

const SECTION_CANON = 8;
const IMMEDIATES = { 0x40: 1, 0x41: 2, 0x42: 0 }; // spawn-ref ft; spawn-indirect ft tbl; available_parallelism

function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

function leb(value) {
  const out = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return out;
}

/** The section's entries with the `sh?` byte, or null when it holds any other built-in. */
function withShared(bytes, start, end) {
  let [count, at] = readLeb(bytes, start);
  const out = leb(count);
  for (; count > 0; count--) {
    const op = bytes[at++];
    if (!(op in IMMEDIATES)) return null;
    out.push(op, 1);
    for (let i = 0; i < IMMEDIATES[op]; i++) {
      const from = at;
      [, at] = readLeb(bytes, at);
      out.push(...bytes.subarray(from, at));
    }
  }
  return at === end ? out : null;
}

function sharedThreads(bytes) {
  const out = [...bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const [size, payload] = readLeb(bytes, at + 1);
    const end = payload + size;
    const entries = bytes[at] === SECTION_CANON ? withShared(bytes, payload, end) : null;
    if (entries) out.push(SECTION_CANON, ...leb(entries.length), ...entries);
    else out.push(...bytes.subarray(at, end));
    at = end;
  }
  return Uint8Array.from(out);
}

for (const [name, encode] of [['coop', (b) => b], ['parallel', sharedThreads]]) {
  const wat = readFileSync(new URL(`./${name}.wat`, import.meta.url), 'utf8');
  const wasm = encode(await parse(wat));
  writeFileSync(new URL(`./${name}.wasm`, import.meta.url), wasm);
  console.log(`wrote examples/threads/${name}.wasm (${wasm.length} bytes)`);
}
