/**
 * The files a compiled component's JS loads, as bundler modules: its core
 * modules and, with shared threads, its worker script (`<name>.worker.js`,
 * self-contained: an asset like the `.wasm` files, its hashed URL handed to
 * the JS; the core modules reach workers in messages). Each file is a
 * virtual module, `\0canonjs-core:<key>/<file>` (key: a hash of the
 * component), whose default export is the file's URL; the generated JS
 * imports it (compile option `coreModuleImport`). In a build the file is an
 * asset emitted with `this.emitFile`, its URL
 * `import.meta.ROLLUP_FILE_URL_<ref>`; under Vite's dev server it is a path
 * that the dev middleware serves.
 */
import type { PluginContext } from './types.js';

const PREFIX = '\0canonjs-core:';
/** the dev server's path for core files, under Vite's `base` */
export const DEV_PATH = '@canonjs/';

interface CoreFile {
  file: string;
  bytes: Uint8Array;
}

/** Whether the generated JS loads `file` by URL: a core module or the worker script. */
const isLoadedFile = (file: string): boolean => file.endsWith('.wasm') || file.endsWith('.worker.js');

/** The dev server's Content-Type of a loaded file. */
export const contentType = (file: string): string => (file.endsWith('.js') ? 'text/javascript' : 'application/wasm');

export class CoreFiles {
  /** `<key>/<file>` → the file */
  private readonly files = new Map<string, CoreFile>();
  /** component path → the keys of its last compile */
  private readonly byComponent = new Map<string, string[]>();

  /** The specifier the generated JS imports `file`'s URL from. */
  specifier(key: string, file: string): string {
    return `${PREFIX}${key}/${file}`;
  }

  /** Whether `id` is one of the core file modules. */
  has(id: string): boolean {
    return id.startsWith(PREFIX) && this.files.has(id.slice(PREFIX.length));
  }

  /** Records the files a compiled component loads, dropping those of its previous compile. */
  set(path: string, key: string, files: Record<string, string | Uint8Array>): void {
    for (const old of this.byComponent.get(path) ?? []) this.files.delete(old);
    const keys: string[] = [];
    for (const [file, contents] of Object.entries(files)) {
      if (!isLoadedFile(file) || typeof contents === 'string') continue;
      this.files.set(`${key}/${file}`, { file, bytes: contents });
      keys.push(`${key}/${file}`);
    }
    this.byComponent.set(path, keys);
  }

  /** The code of the core file module `id`: its URL as the default export. */
  load(ctx: PluginContext, id: string, devBase: string | undefined): string {
    const rest = id.slice(PREFIX.length);
    const { file, bytes } = this.files.get(rest)!;
    if (devBase !== undefined) return `export default ${JSON.stringify(devBase + DEV_PATH + rest)};\n`;
    const ref = ctx.emitFile({ type: 'asset', name: file, source: bytes });
    return `export default import.meta.ROLLUP_FILE_URL_${ref};\n`;
  }

  /** The bytes the dev server sends for `<key>/<file>`, if it is a loaded file. */
  served(rest: string): Uint8Array | undefined {
    return this.files.get(rest)?.bytes;
  }
}
