/**
 * A tiny bundler project for the plugin tests, in a scratch folder under
 * the temp dir: two components imported with `?component` (hello: a
 * sync `greet`; slow: `f(x) = get(x) + 1` whose host import `get` returns a
 * Promise, so core code blocks: asyncify on Node 20, JSPI where the engine
 * has it), a host module, an entry that puts the results on `globalThis`,
 * and an index.html for Vite. Also: building it with Vite or Rollup, and
 * running the output in Node. The folder is under the OS's temp dir (Vite's
 * watcher ignores node_modules/); it has no bare imports to resolve.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import canonjs from '../../compiler/bundler/index.js';
import type { CanonjsPluginOptions } from '../../compiler/bundler/index.js';
import { REPO_ROOT } from '../paths.js';

export const HELLO_WAT = readFileSync(join(REPO_ROOT, 'examples/hello/hello.wat'), 'utf8');

/** A component whose export blocks on a host import that returns a Promise. */
export const SLOW_WAT = `(component
  (import "get" (func $get (param "x" u32) (result u32)))
  (core func $get-lower (canon lower (func $get)))
  (core module $M
    (import "host" "get" (func $get (param i32) (result i32)))
    (memory (export "memory") 1)
    (func (export "f") (param i32) (result i32)
      (i32.add (call $get (local.get 0)) (i32.const 1))))
  (core instance $m (instantiate $M (with "host" (instance (export "get" (func $get-lower))))))
  (func (export "f") (param "x" u32) (result u32) (canon lift (core func $m "f")))
)`;

/** The host of slow's `get`: answers 10·x a macrotask later. */
const HOST = `export default (x) => new Promise((resolve) => setTimeout(() => resolve(x * 10), 0));\n`;

const MAIN = `import { greet } from './hello.wasm?component';
import { f } from './slow.wasm?component';
globalThis.bundlerResult = (async () => ({ greet: greet('bundler'), slow: await f(4) }))();
`;

/** What MAIN's `bundlerResult` resolves to. */
export const EXPECTED = { greet: 'Hello, bundler!', slow: 41 };

/** The plugin options the project needs (plus `extra`): core modules as files, slow's import async. */
export function pluginOptions(extra: CanonjsPluginOptions = {}): CanonjsPluginOptions {
  return { inlineCutoff: 0, asyncImports: ['get'], map: { get: './host.js' }, ...extra };
}

const made: string[] = [];

/** Writes the project into a new scratch folder; returns it. */
export async function makeProject(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'canonjs-bundler-'));
  made.push(dir);
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(dir, 'hello.wasm'), await parse(HELLO_WAT));
  writeFileSync(join(dir, 'slow.wasm'), await parse(SLOW_WAT));
  writeFileSync(join(dir, 'host.js'), HOST);
  writeFileSync(join(dir, 'main.js'), MAIN);
  writeFileSync(join(dir, 'index.html'), '<!doctype html>\n<script type="module" src="./main.js"></script>\n');
  return dir;
}

/** Removes the scratch folders (call from afterAll). */
export function removeProjects(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Builds the project with Vite (an app: index.html in, `dist/` out); returns the entry chunk's path. */
export async function viteBuild(dir: string, extra: CanonjsPluginOptions = {}): Promise<string> {
  const { build } = await import('vite');
  await build({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    plugins: [canonjs(pluginOptions(extra))],
    // relative URLs (the output also runs from disk, in Node); no modulepreload polyfill (it needs a DOM)
    base: './',
    build: { outDir: 'dist', emptyOutDir: true, minify: false, target: 'esnext', modulePreload: { polyfill: false } },
  });
  const html = readFileSync(join(dir, 'dist', 'index.html'), 'utf8');
  const src = /<script type="module"[^>]* src="([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error(`no module script in the built index.html:\n${html}`);
  return join(dir, 'dist', src.replace(/^\.?\//, ''));
}

/** Builds `input` with Rollup into `<dir>/out`; returns the output file names. */
export async function rollupBuild(dir: string, input = 'main.js', extra: CanonjsPluginOptions = {}): Promise<string[]> {
  const { rollup } = await import('rollup');
  const bundle = await rollup({ input: join(dir, input), plugins: [canonjs(pluginOptions(extra))], logLevel: 'silent' });
  try {
    const { output } = await bundle.write({ dir: join(dir, 'out'), format: 'es', sourcemap: true });
    return output.map((o) => o.fileName);
  } finally {
    await bundle.close();
  }
}

/** Imports a built entry in this process and awaits what it left on `globalThis.bundlerResult`. */
export async function runInNode(entry: string): Promise<unknown> {
  const g = globalThis as { bundlerResult?: Promise<unknown> };
  delete g.bundlerResult;
  await import(`${pathToFileURL(entry).href}?run=${Date.now()}`);
  return g.bundlerResult;
}
