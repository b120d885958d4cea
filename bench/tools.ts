/**
 * The two compilers under comparison, called the same way: component bytes
 * in, output files out, and the generated module loaded in-process (the JS as
 * a data: URL module, core modules handed over from the files).
 *
 * canonjs: `compile(bytes, { instantiation: 'async' })` →
 *   `instantiate(imports, { getCoreModule })`.
 * jco: `transpileBytes(bytes, { instantiation: 'async' })` (which turns the
 *   WASI shim off: the bench components import no WASI) →
 *   `instantiate(getCoreModule, imports)`; a plain-named root import is
 *   `imports[name].default` there.
 * Both keep every core module in its own file (no base64 inlining) so "JS
 * size" is the glue alone, and skip .d.ts output.
 */
import { transpileBytes } from '@bytecodealliance/jco-transpile';
import { compile } from '../compiler/compile.js';
import { benchComponent } from './components.js';

export type Tool = 'canonjs' | 'jco';
export const TOOLS: readonly Tool[] = ['canonjs', 'jco'];

export type Files = Record<string, string | Uint8Array>;

/** Compiles with one tool; the files by name (text files as strings). */
export async function compileWith(tool: Tool, bytes: Uint8Array, name = 'c'): Promise<Files> {
  if (tool === 'canonjs') {
    return (await compile(bytes, { name, instantiation: 'async', inlineCutoff: 0, typescript: false })).files;
  }
  const { files } = await transpileBytes(bytes, {
    name,
    instantiation: 'async',
    base64Cutoff: 0,
    emitTypescriptDeclarations: false,
  });
  const out: Files = {};
  for (const [file, data] of Object.entries(files)) out[file] = file.endsWith('.wasm') ? data : Buffer.from(data).toString('utf8');
  return out;
}

/** The generated JavaScript files' texts. */
export function jsTexts(files: Files): string[] {
  return Object.entries(files)
    .filter(([file]) => file.endsWith('.js'))
    .map(([, text]) => text as string);
}

export interface Loaded {
  tool: Tool;
  /** instantiates the component; `imports` in canonjs's shape (see `jcoImports`) */
  instantiate(imports?: Record<string, unknown>): Promise<any>;
}

/** jco's shape for root imports: a plain-named function import is a module's default export. */
function jcoImports(imports: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(imports)) out[k] = typeof v === 'function' ? { default: v } : v;
  return out;
}

/** Compiles with `tool` and imports the generated module in-process. */
export async function load(tool: Tool, bytes: Uint8Array, name = 'c'): Promise<Loaded> {
  const files = await compileWith(tool, bytes, name);
  const js = files[`${name}.js`];
  if (typeof js !== 'string') throw new Error(`${tool} produced no ${name}.js`);
  const mod = await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);
  const getCoreModule = (file: string) => {
    const wasm = files[file];
    if (!(wasm instanceof Uint8Array)) throw new Error(`${tool} output has no core module ${file}`);
    return WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>);
  };
  return {
    tool,
    instantiate: (imports = {}) =>
      tool === 'canonjs' ? mod.instantiate(imports, { getCoreModule }) : mod.instantiate(getCoreModule, jcoImports(imports)),
  };
}

/** Why a step failed, as one short line for an "n/a" cell. */
export function reason(e: unknown): string {
  if (e && typeof e === 'object') {
    const { code, message } = e as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message.split('\n')[0]!.replace(/ \(at offset 0x[0-9a-f]+\)$/, '') : String(e);
    return typeof code === 'string' ? `${code}: ${text}` : text;
  }
  return String(e);
}

export type NA = { na: string };

/** A tool's output or its refusal: which one. */
export function refused(x: Files | NA): x is NA {
  return typeof (x as NA).na === 'string';
}

/**
 * Compiles bench component `component` with `tool`, instantiates it and picks
 * what the bench calls; n/a with the reason when a step fails or `check`
 * (one call, compared with the expected result) says the result is wrong.
 */
export async function prepare<T>(
  tool: Tool,
  component: string,
  pick: (exports: any) => T,
  check: (t: T) => string | undefined,
  imports: Record<string, unknown> = {},
): Promise<T | NA> {
  try {
    const t = pick(await (await load(tool, await benchComponent(component))).instantiate(imports));
    const wrong = check(t);
    return wrong === undefined ? t : { na: wrong };
  } catch (e) {
    return { na: reason(e) };
  }
}

/** `undefined` when `got` is `expected`, else the "wrong result" reason. */
export function expect(got: unknown, expected: unknown): string | undefined {
  return Object.is(got, expected) ? undefined : `wrong result ${String(got)}, expected ${String(expected)}`;
}
