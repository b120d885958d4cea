// Rebuilds hello.wasm from hello.wat: `node examples/hello/build.js`.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';

const wat = readFileSync(new URL('./hello.wat', import.meta.url), 'utf8');
const wasm = await parse(wat);
writeFileSync(new URL('./hello.wasm', import.meta.url), wasm);
console.log(`wrote examples/hello/hello.wasm (${wasm.length} bytes)`);
