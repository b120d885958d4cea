/**
 * Loading core modules at instantiation: from beside the generated JS (fs in
 * Node, fetch elsewhere), from inlined base64, or from the host's
 * `options.getCoreModule(fileName)`.
 */

/** Compiles the core module `file`, found beside the module whose URL is `base`. */
export async function loadCoreModule(file: string, base: string): Promise<WebAssembly.Module> {
  const url = new URL(file, base);
  if (url.protocol === 'file:' && typeof process === 'object' && process.versions?.node) {
    const fs = await import('node:fs/promises');
    return WebAssembly.compile(await fs.readFile(url));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot load core module ${url}: ${response.status} ${response.statusText}`);
  return WebAssembly.compile(await response.arrayBuffer());
}

/** Compiles a core module inlined in the generated JS as base64. */
export function compileInline(base64: string): Promise<WebAssembly.Module> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return WebAssembly.compile(bytes);
}
