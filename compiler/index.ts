/**
 * canonjs's programmatic entry. The pipeline so far is decode → validate;
 * `compile` (link → plan ABI → emit) joins it in the next issues.
 */
import { decodeComponent } from './binary/decode.js';
import { validateComponent } from './types/validate.js';
import { classify } from './analyze/features.js';
import { summarize, type ComponentSummary } from './inspect/summary.js';

export { CompileError, CATALOGUE, type ErrorCode, type Stage } from './errors/index.js';
export type { ComponentSummary, ExternSummary } from './inspect/summary.js';
export type { Feature } from './binary/opcodes.js';

/**
 * Decodes and validates a component binary. Returns its summary (imports,
 * exports, features used, core modules, nested components); throws the
 * catalogued `CompileError` (code, message naming the rule, byte offset).
 */
export function validate(bytes: Uint8Array): ComponentSummary {
  const component = decodeComponent(bytes);
  const { type } = validateComponent(component);
  return summarize(component, type, classify(component));
}

export { compile, type CompileOptions, type CompileResult } from './compile.js';
