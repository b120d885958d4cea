/**
 * Loading core modules at instantiation: from their URL (beside the generated
 * JS, or where a bundler put them; fs in Node, fetch elsewhere), from inlined
 * base64, or from the host's `options.getCoreModule(fileName)`.
 */

/** Compiles the core module at `url` (absolute: the generated code resolves it against its own URL). */
export async function loadCoreModule(url: URL): Promise<WebAssembly.Module> {
  if (url.protocol === 'file:' && typeof process === 'object') {
    // out of bundlers' sight (no browser stub for node:fs): getBuiltinModule (Node >= 20.16), else a computed import
    const name = 'node:fs/promises';
    const fs = ((process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.(name) ?? (await import(name))) as typeof import('node:fs/promises');
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
