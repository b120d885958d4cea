/**
 * The 8-byte preamble shared by components and core modules: magic, then
 * `version` and `layer` as two little-endian u16 (a core module's 4-byte
 * version 1 reads as version 1, layer 0).
 */
import { COMPONENT_LAYER, COMPONENT_VERSION, CORE_LAYER, CORE_VERSION, MAGIC } from './opcodes.js';
import type { Reader } from './reader.js';
import { fail } from '../errors/index.js';

export interface Preamble {
  version: number;
  layer: number;
}

export function readPreamble(r: Reader): Preamble {
  const at = r.offset;
  for (let i = 0; i < MAGIC.length; i++) {
    if (r.eof()) r.unexpectedEnd('the preamble (magic number)');
    if (r.data[r.pos] !== MAGIC[i]) fail('decode/bad-magic', at);
    r.pos++;
  }
  const version = r.u8('the preamble (version)') | (r.u8('the preamble (version)') << 8);
  const layer = r.u8('the preamble (layer)') | (r.u8('the preamble (layer)') << 8);
  return { version, layer };
}

export const isComponentPreamble = (p: Preamble): boolean =>
  p.version === COMPONENT_VERSION && p.layer === COMPONENT_LAYER;
export const isModulePreamble = (p: Preamble): boolean => p.version === CORE_VERSION && p.layer === CORE_LAYER;

/** reads a preamble that must be a component's */
export function expectComponentPreamble(r: Reader): void {
  const at = r.offset;
  const p = readPreamble(r);
  if (isComponentPreamble(p)) return;
  if (isModulePreamble(p)) fail('decode/expected-component', at + MAGIC.length);
  fail('decode/bad-version', at + MAGIC.length, p.version, p.layer);
}

/** reads a preamble that must be a core module's */
export function expectModulePreamble(r: Reader): void {
  const at = r.offset;
  const p = readPreamble(r);
  if (!isModulePreamble(p)) fail('decode/expected-module', at + MAGIC.length, p.version, p.layer);
}
