/**
 * Loads a component the way a user's app does by default: ESM mode, WASI
 * imports from preview2-shim through the built-in provider table, and every
 * other import served by a JS host through `--map` (`name=./host.mjs#iN`).
 * The host objects come from the test; host.mjs hands them over through a
 * global keyed by the scratch folder, so every load is its own module graph.
 *
 * Scratch folders live under node_modules/.cache/canonjs-test so the
 * generated module's `@bytecodealliance/preview2-shim/*` imports resolve.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from '../../compiler/compile.js';
import { validate } from '../../compiler/index.js';
import { REPO_ROOT } from '../paths.js';

const staged: string[] = [];

export function removeStaged(): void {
  for (const dir of staged.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function scratchDir(prefix: string): string {
  const base = join(REPO_ROOT, 'node_modules', '.cache', 'canonjs-test');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, `${prefix}-`));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  staged.push(dir);
  return dir;
}

/**
 * Compiles `bytes` in ESM mode with the host's entries mapped to host.mjs,
 * imports the module and returns its namespace (the component's exports).
 * `host` is keyed by import name: an interface → object, a function → function,
 * a resource type → class.
 */
export async function loadWithHost(bytes: Uint8Array, host: Record<string, unknown>, name = 'component'): Promise<any> {
  const dir = scratchDir(name);
  const key = `canonjs.test.host:${dir}`;
  const map: Record<string, string> = {};
  const lines = [`const host = globalThis[Symbol.for(${JSON.stringify(key)})];`];
  validate(bytes)
    .imports.filter((i) => !i.name.startsWith('wasi:'))
    .forEach((i, n) => {
      map[i.name] = `./host.mjs#i${n}`;
      lines.push(`export const i${n} = host[${JSON.stringify(i.name)}];`);
    });
  const { files } = await compile(bytes, { name, map });
  for (const [file, contents] of Object.entries(files)) writeFileSync(join(dir, file), contents);
  writeFileSync(join(dir, 'host.mjs'), lines.join('\n') + '\n');
  (globalThis as Record<symbol, unknown>)[Symbol.for(key)] = host;
  return import(pathToFileURL(join(dir, `${name}.js`)).href);
}
