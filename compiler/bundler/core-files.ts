/**
 * Compiled components' core module files as bundler modules. Each file is a
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

  /** Records the `.wasm` files of a compiled component, dropping those of its previous compile. */
  set(path: string, key: string, files: Record<string, string | Uint8Array>): void {
    for (const old of this.byComponent.get(path) ?? []) this.files.delete(old);
    const keys: string[] = [];
    for (const [file, contents] of Object.entries(files)) {
      if (!file.endsWith('.wasm') || typeof contents === 'string') continue;
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

  /** The bytes the dev server sends for `<key>/<file>`, if it is a core file. */
  served(rest: string): Uint8Array | undefined {
    return this.files.get(rest)?.bytes;
  }
}
