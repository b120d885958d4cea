/**
 * Entry points of the decode stage: bytes → the AST of ast.ts, or a
 * catalogued `CompileError` (stage `decode`) whose offset points into
 * `bytes`. Decoding checks the grammar only; validation is separate.
 */
import type { Component, CoreModule } from './ast.js';
import { readCoreModule } from './core-module.js';
import { isModulePreamble, readPreamble } from './preamble.js';
import { Reader } from './reader.js';
import { readComponent } from './sections.js';

/** decodes a component binary (version 0x0d, layer 1) */
export function decodeComponent(bytes: Uint8Array): Component {
  return readComponent(new Reader(bytes), 0);
}

/** decodes a core module binary (version 1) */
export function decodeModule(bytes: Uint8Array): CoreModule {
  return readCoreModule(new Reader(bytes));
}

/** decodes a `.wasm` that may be a component or a core module, told apart by the preamble's layer field */
export function decodeBinary(
  bytes: Uint8Array,
): { kind: 'component'; component: Component } | { kind: 'module'; module: CoreModule } {
  if (isModulePreamble(readPreamble(new Reader(bytes)))) return { kind: 'module', module: decodeModule(bytes) };
  return { kind: 'component', component: decodeComponent(bytes) };
}
