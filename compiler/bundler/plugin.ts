/**
 * The canonjs bundler plugin, one Rollup-style plugin object that Rollup,
 * Rolldown and Vite accept: `import { run } from './app.wasm?component'`
 * (or a file `include` names) compiles the component with canonjs's
 * `compile`; its core modules (and a shared-thread worker script) become
 * emitted assets (core-files.ts); compile errors are bundler errors naming
 * the file and byte offset (errors.ts); the component file is watched, so
 * watch mode and Vite's dev server recompile.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { compile } from '../compile.js';
import { contentType, CoreFiles, DEV_PATH } from './core-files.js';
import { bundlerError } from './errors.js';
import { compileOptions, componentPath, includeMatcher, withoutQuery, withQuery, type CanonjsPluginOptions } from './options.js';
import type { CanonjsPlugin, LoadResult, PluginContext } from './types.js';

export default function canonjs(options: CanonjsPluginOptions = {}): CanonjsPlugin {
  const include = includeMatcher(options.include);
  const core = new CoreFiles();
  /** the last compile per component path, reused while the bytes are the same */
  const compiled = new Map<string, { key: string; result: LoadResult }>();
  /** Vite's base while its dev server runs (assets are served, not emitted) */
  let devBase: string | undefined;

  async function compileFile(ctx: PluginContext, path: string): Promise<LoadResult> {
    ctx.addWatchFile(path);
    const bytes = new Uint8Array(await readFile(path));
    const key = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    const last = compiled.get(path);
    if (last?.key === key) return last.result;
    let files: Record<string, string | Uint8Array>;
    let name: string;
    try {
      const opts = compileOptions(options, path, (file) => core.specifier(key, file));
      name = opts.name!;
      files = (await compile(bytes, opts)).files;
    } catch (e) {
      const error = bundlerError(e, path);
      if (error) ctx.error(error);
      throw e;
    }
    core.set(path, key, files);
    const code = (files[`${name}.js`] as string).replace(/\n\/\/# sourceMappingURL=\S+\n$/, '\n');
    const result = { code, map: files[`${name}.js.map`] as string };
    compiled.set(path, { key, result });
    return result;
  }

  return {
    name: 'canonjs',
    enforce: 'pre',
    configResolved(config) {
      devBase = config.command === 'serve' ? config.base : undefined;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0]!;
        const prefix = (devBase ?? '/') + DEV_PATH;
        const bytes = path.startsWith(prefix) ? core.served(decodeURIComponent(path.slice(prefix.length))) : undefined;
        if (!bytes) return next();
        res.statusCode = 200;
        res.setHeader('Content-Type', contentType(path));
        res.end(bytes);
      });
    },
    async resolveId(source, importer) {
      if (core.has(source)) return source;
      const file = withoutQuery(source);
      if (file === undefined) return null;
      const resolved = await this.resolve(file, importer, { skipSelf: true });
      return resolved && !resolved.external ? withQuery(resolved.id) : null;
    },
    async load(id) {
      if (core.has(id)) return core.load(this, id, devBase);
      const path = componentPath(id, include);
      return path === undefined ? null : compileFile(this, path);
    },
  };
}
