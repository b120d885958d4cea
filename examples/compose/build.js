// Rebuilds compose.wasm from compose.wat: `node examples/compose/build.js`
// (uses parse() from the dev dependency @bytecodealliance/jco-transpile).
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';

const wat = readFileSync(new URL('./compose.wat', import.meta.url), 'utf8');
const wasm = await parse(wat);
writeFileSync(new URL('./compose.wasm', import.meta.url), wasm);
console.log(`wrote examples/compose/compose.wasm (${wasm.length} bytes)`);
