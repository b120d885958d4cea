/**
 * A validated component → its canonjs output, loaded: compile in process
 * (`instantiation: 'async'`, so the module has no imports and no top-level
 * await), import the JS from a `data:` URL (nothing on disk), and compile
 * each core module file once, handing it back through `getCoreModule`.
 */
import { parse } from 'acorn';
import { compile } from '../../compiler/index.js';
import type { StackReport } from '../../compiler/compile.js';
import { rejectionOf } from './run.js';

/** Why a component could not be loaded: canonjs refused it, or its output does not load. */
export class LoadError extends Error {
  override name = 'LoadError';
}

/** The generated module's face (BRIEF.md §3). */
export interface GeneratedModule {
  instantiate(imports?: Record<string, unknown>, options?: { getCoreModule?: (file: string) => WebAssembly.Module }): Promise<Record<string, unknown>>;
  ComponentError?: new (payload: unknown) => Error;
}

export interface Loaded {
  module: GeneratedModule;
  /** instantiates a fresh instance of the component, no imports */
  instantiate(): Promise<Record<string, unknown>>;
  /** size of the generated JS, for the detail */
  jsBytes: number;
  /** what can suspend in it (empty: served without stack switching) */
  stack: StackReport;
}

export interface LoadOptions {
  /** the compile option (default auto) */
  stackSwitching?: 'jspi' | 'asyncify' | 'auto';
}

export async function load(bytes: Uint8Array, opts: LoadOptions = {}): Promise<Loaded> {
  let files: Record<string, string | Uint8Array>;
  let stack: StackReport;
  try {
    ({ files, stack } = await compile(bytes, { name: 'c', instantiation: 'async', typescript: false, stackSwitching: opts.stackSwitching ?? 'auto' }));
  } catch (e) {
    const r = rejectionOf(e);
    throw new LoadError(`compile: ${r.code ? `${r.code}: ` : ''}${r.message}`);
  }
  const js = files['c.js'];
  if (typeof js !== 'string') throw new LoadError('compile gave no c.js');
  const url = `data:text/javascript;base64,${Buffer.from(js).toString('base64')}`;
  let module: GeneratedModule;
  try {
    module = (await import(/* @vite-ignore */ url)) as GeneratedModule;
  } catch (e) {
    throw new LoadError(`the generated c.js does not load: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}${locate(js)}`);
  }
  if (typeof module.instantiate !== 'function') throw new LoadError('c.js does not export instantiate()');
  const cores = new Map<string, WebAssembly.Module>();
  const getCoreModule = (file: string): WebAssembly.Module => {
    let m = cores.get(file);
    if (!m) {
      const b = files[file];
      if (!(b instanceof Uint8Array)) throw new Error(`c.js asked for core module ${file}, which compile did not produce`);
      m = new WebAssembly.Module(b as Uint8Array<ArrayBuffer>);
      cores.set(file, m);
    }
    return m;
  };
  return { module, jsBytes: js.length, stack, instantiate: () => module.instantiate({}, { getCoreModule }) };
}

/** Where acorn finds a syntax error in `js`, with the line: V8's module SyntaxErrors give no position. */
function locate(js: string): string {
  try {
    parse(js, { ecmaVersion: 'latest', sourceType: 'module' });
    return '';
  } catch (e) {
    const loc = (e as { loc?: { line: number } }).loc;
    if (!loc) return '';
    return ` (acorn: ${(e as Error).message}: \`${js.split('\n')[loc.line - 1]?.trim().slice(0, 100)}\`)`;
  }
}
