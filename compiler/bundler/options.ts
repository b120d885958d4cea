/**
 * The plugin's options: canonjs's compile options, applied to every
 * component, plus which files are components (`include`). Here too: the
 * component's id ↔ file path, and the compile options for one file.
 */
import { basename } from 'node:path';
import type { CompileOptions } from '../compile.js';

export interface CanonjsPluginOptions extends Omit<CompileOptions, 'name' | 'typescript' | 'sourceName' | 'coreModuleImport'> {
  /**
   * Files compiled as components without the `?component` query: a RegExp
   * tested on the file's absolute path, or a file-name suffix
   * (`'.component.wasm'`). `import x from './a.wasm?component'` always is one.
   */
  include?: RegExp | string | (RegExp | string)[];
  /** the base name of every component's generated files (default: the file's name without `.wasm`) */
  name?: string;
}

const QUERY = '?component';

/** Whether `id` (a resolved id) is a component, and its file path. */
export function componentPath(id: string, include: (path: string) => boolean): string | undefined {
  if (id.startsWith('\0')) return undefined;
  if (id.endsWith(QUERY)) return id.slice(0, -QUERY.length);
  if (id.includes('?')) return undefined;
  return include(id) ? id : undefined;
}

/** The import specifier without its `?component` query, or undefined for other imports. */
export function withoutQuery(source: string): string | undefined {
  return source.endsWith(QUERY) ? source.slice(0, -QUERY.length) : undefined;
}

export const withQuery = (path: string): string => path + QUERY;

/** `include` as a predicate on absolute paths. */
export function includeMatcher(include: CanonjsPluginOptions['include']): (path: string) => boolean {
  const rules = include === undefined ? [] : Array.isArray(include) ? include : [include];
  return (path) => rules.some((r) => (typeof r === 'string' ? path.endsWith(r) : r.test(path)));
}

/** A file name usable as canonjs's `name`: `app.component.wasm` → `app`. */
export function defaultName(path: string): string {
  const stem = basename(path).replace(/(\.component)?\.wasm$/, '');
  const safe = stem.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^[.-]/, '_');
  return safe === '' ? 'component' : safe;
}

/** The compile options for one component file. */
export function compileOptions(options: CanonjsPluginOptions, path: string, coreModuleImport: (file: string) => string): CompileOptions {
  const { include: _include, name, ...compile } = options;
  return { ...compile, name: name ?? defaultName(path), typescript: false, sourceName: path, coreModuleImport };
}
