/**
 * Compiled output written to a temporary folder and imported from there:
 * shared threads need the files beside the JS (the worker script, core
 * modules), which a data: URL module cannot reach.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile, type CompileOptions } from '../../compiler/compile.js';
import { tempDir } from '../tmp.js';

export async function compileToDir(bytes: Uint8Array, options: CompileOptions = {}) {
  const name = options.name ?? 't';
  const { files } = await compile(bytes, { ...options, name, instantiation: 'async' });
  const dir = tempDir('threads');
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
  // the source map's source, so loaders that read the map find it
  writeFileSync(join(dir, `${name}.wasm`), bytes);
  const mod = await import(pathToFileURL(join(dir, `${name}.js`)).href);
  return {
    dir,
    files,
    instantiate: (imports: object = {}, options: object = {}) => mod.instantiate(imports, options) as Promise<any>,
  };
}

/** Retries `probe` on later turns of the event loop until it returns true (a worker's report arrives as a message). */
export async function eventually(probe: () => boolean, turns = 2000): Promise<boolean> {
  for (let i = 0; i < turns; i++) {
    if (probe()) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}
