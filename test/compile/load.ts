/** Loads compiled output in-process for tests: the JS as a data: URL module, core modules from the files. */
import { compile, type CompileOptions } from '../../compiler/compile.js';

export async function compileAndLoad(bytes: Uint8Array, options: CompileOptions = {}) {
  const name = options.name ?? 'c';
  const { files } = await compile(bytes, { ...options, name, instantiation: 'async' });
  const js = files[`${name}.js`] as string;
  const mod = await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);
  const getCoreModule = (file: string) => WebAssembly.compile(files[file] as Uint8Array);
  return {
    files,
    js,
    instantiate: (imports: object = {}) => mod.instantiate(imports, { getCoreModule }) as Promise<any>,
  };
}
