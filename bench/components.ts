/**
 * The benchmark components, built once per run from their text in
 * bench/components/*.wat (read from the source tree: tsc does not copy them
 * to dist/), and the raw core modules inside them for the floors.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { decodeComponent } from '../compiler/binary/decode.js';
import { REPO_ROOT } from '../test/paths.js';

export const COMPONENTS_DIR = join(REPO_ROOT, 'bench/components');

let built: Promise<Map<string, Uint8Array>> | undefined;

/** Every bench/components/<name>.wat as component bytes, by name (parsed once per run). */
export function benchComponents(): Promise<Map<string, Uint8Array>> {
  built ??= (async () => {
    const out = new Map<string, Uint8Array>();
    for (const file of readdirSync(COMPONENTS_DIR).filter((f) => f.endsWith('.wat')).sort()) {
      out.set(file.slice(0, -'.wat'.length), await parse(readFileSync(join(COMPONENTS_DIR, file), 'utf8')));
    }
    return out;
  })();
  return built;
}

export async function benchComponent(name: string): Promise<Uint8Array> {
  const bytes = (await benchComponents()).get(name);
  if (!bytes) throw new Error(`no bench component ${name} (bench/components/${name}.wat)`);
  return bytes;
}

/** The component's top-level core modules, compiled, in definition order. */
export async function coreModules(bytes: Uint8Array): Promise<WebAssembly.Module[]> {
  const mods = decodeComponent(bytes).defs.flatMap((d) => (d.kind === 'core-module' ? [d.module.bytes] : []));
  return Promise.all(mods.map((m) => WebAssembly.compile(m as Uint8Array<ArrayBuffer>)));
}

/** Instantiates core module `index` of the component directly, for a floor. */
export async function rawInstance(name: string, index: number, imports: WebAssembly.Imports = {}): Promise<WebAssembly.Exports> {
  const mods = await coreModules(await benchComponent(name));
  const mod = mods[index];
  if (!mod) throw new Error(`${name} has no core module ${index}`);
  return (await WebAssembly.instantiate(mod, imports)).exports;
}
