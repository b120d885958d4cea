/**
 * The pipeline: decode → validate → link → emit (ABI planning happens per
 * function inside emit). `compile` returns the output files; nothing is
 * written to disk here.
 */
import { decodeComponent } from './binary/decode.js';
import { emitModule } from './emit/module/index.js';
import type { ImportMap } from './emit/module/esm.js';
import { componentDts } from './emit/dts.js';
import { fail } from './errors/index.js';
import { link } from './link/link.js';
import { validateComponent } from './types/validate.js';

export interface CompileOptions {
  /** base name of the output files (default `component`) */
  name?: string;
  /** `esm` (default): instantiate at top level with ES imports; `async`: only export `instantiate` */
  instantiation?: 'esm' | 'async';
  /** import name (or pattern with `*`) → ES specifier, optionally `#export` */
  map?: ImportMap;
  /** core modules under this many bytes are inlined as base64 (default 4096) */
  inlineCutoff?: number;
  /** emit `<name>.d.ts` (default true) */
  typescript?: boolean;
  /** what the source map `<name>.js.map` calls the component binary (default `<name>.wasm`); generated code maps to its byte offsets */
  sourceName?: string;
}

export interface CompileResult {
  /** relative file name → contents; the entry is `<name>.js` */
  files: Record<string, string | Uint8Array>;
}

const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export async function compile(bytes: Uint8Array, options: CompileOptions = {}): Promise<CompileResult> {
  const name = options.name ?? 'component';
  if (!NAME.test(name)) fail('compile/bad-option', undefined, 'name', `${JSON.stringify(name)} is not a plain file name`);
  const instantiation = options.instantiation ?? 'esm';
  if (instantiation !== 'esm' && instantiation !== 'async') {
    fail('compile/bad-option', undefined, 'instantiation', `must be 'esm' or 'async', not ${JSON.stringify(instantiation)}`);
  }
  const inlineCutoff = options.inlineCutoff ?? 4096;
  if (!Number.isInteger(inlineCutoff) || inlineCutoff < 0) {
    fail('compile/bad-option', undefined, 'inlineCutoff', 'must be a non-negative integer');
  }

  const component = decodeComponent(bytes);
  const info = validateComponent(component);
  const plan = link(info);
  const sourceName = options.sourceName ?? `${name}.wasm`;
  const { js, map, wasm } = emitModule(plan, info, { name, sourceName, instantiation, inlineCutoff, map: options.map ?? {} });

  const files: Record<string, string | Uint8Array> = { [`${name}.js`]: js, [`${name}.js.map`]: map, ...wasm };
  if (options.typescript ?? true) files[`${name}.d.ts`] = componentDts(info.type, instantiation === 'esm');
  return { files };
}
