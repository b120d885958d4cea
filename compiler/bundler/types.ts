/**
 * The slice of the Rollup plugin interface the canonjs plugin uses, written
 * out so that canonjs's published types need neither rollup nor vite
 * installed. Rollup, Rolldown and Vite all call a plugin object of this shape.
 */

/** What a bundler reports for a failed hook (Rollup's `RollupError`, the fields used here). */
export interface BundlerError {
  message: string;
  /** the module the error is about: the component file */
  id?: string;
  /** the catalogued code (`decode/bad-magic`, …) */
  pluginCode?: string;
  /** the component's byte offset as line 1, column = offset (the convention of wasm source maps) */
  loc?: { file: string; line: number; column: number };
  /** `{ code, offset }` of the CompileError */
  meta?: { code: string; offset: number | undefined };
  cause?: unknown;
}

/** The plugin context methods the hooks call (`this` in a hook). */
export interface PluginContext {
  emitFile(file: { type: 'asset'; name?: string; source: Uint8Array }): string;
  addWatchFile(path: string): void;
  error(error: BundlerError | string): never;
  resolve(source: string, importer: string | undefined, options?: { skipSelf?: boolean }): Promise<{ id: string; external?: boolean | string } | null>;
}

/** A loaded module: its code and source map. */
export interface LoadResult {
  code: string;
  map?: string;
}

/** Vite's resolved config, the fields used (Rollup never calls `configResolved`). */
export interface ViteConfig {
  command: 'build' | 'serve';
  base: string;
}

/** Vite's dev server, the part used: connect middlewares. */
export interface ViteDevServer {
  middlewares: {
    use(fn: (req: { url?: string }, res: DevResponse, next: () => void) => void): void;
  };
}

export interface DevResponse {
  statusCode: number;
  setHeader(name: string, value: string): void;
  end(body?: Uint8Array | string): void;
}

/** The plugin object: Rollup hooks, plus Vite's `enforce`, `configResolved` and `configureServer`. */
export interface CanonjsPlugin {
  name: string;
  enforce: 'pre';
  configResolved(config: ViteConfig): void;
  configureServer(server: ViteDevServer): void;
  resolveId(this: PluginContext, source: string, importer: string | undefined): Promise<string | null>;
  load(this: PluginContext, id: string): Promise<LoadResult | string | null>;
}
