// Rebuilds streams.wasm from streams.wat: `node examples/streams/build.js`
// (uses parse() from the dev dependency @bytecodealliance/jco-transpile).
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';

const wat = readFileSync(new URL('./streams.wat', import.meta.url), 'utf8');
const wasm = await parse(wat);
writeFileSync(new URL('./streams.wasm', import.meta.url), wasm);
console.log(`wrote examples/streams/streams.wasm (${wasm.length} bytes)`);
