/**
 * Runs an example the way its README does: compile the component to an ES
 * module in `out/` beside a copy of the example's app, then `node app.mjs`.
 * The copy lives under node_modules/.cache (inside the repository, so the
 * generated module's `@bytecodealliance/preview2-shim` imports resolve).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { compile, type CompileOptions } from '../../compiler/compile.js';
import { REPO_ROOT } from '../paths.js';

export const EXAMPLES = join(REPO_ROOT, 'examples');

export function exampleBytes(example: string, file: string): Uint8Array {
  return new Uint8Array(readFileSync(join(EXAMPLES, example, file)));
}

const staged: string[] = [];

/** Removes the scratch folders this file's tests made (call from afterAll). */
export function removeStaged(): void {
  for (const dir of staged.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Compiles `examples/<example>/<name>.wasm` into a scratch folder with the app; returns the folder. */
export async function stageExample(example: string, name: string, options: CompileOptions = {}): Promise<string> {
  const base = join(REPO_ROOT, 'node_modules', '.cache', 'canonjs-test');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, `${example}-`));
  staged.push(dir);
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  const { files } = await compile(exampleBytes(example, `${name}.wasm`), { name, ...options });
  mkdirSync(join(dir, 'out'));
  for (const [file, contents] of Object.entries(files)) writeFileSync(join(dir, 'out', file), contents);
  copyFileSync(join(EXAMPLES, example, 'app.mjs'), join(dir, 'app.mjs'));
  return dir;
}

/** `node app.mjs` in the folder: its exit code and output. */
export async function runApp(dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['app.mjs'], { cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}
