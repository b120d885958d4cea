/**
 * The memory64 scenarios on Node 24 (installed by scripts/install-engines.sh
 * under .engines/; skipped when absent), where memory64 runs natively and
 * custom page sizes still do not: the output compiled here (Node 20) is
 * written to a scratch folder with scenarios.ts transpiled beside it, and a
 * Node 24 child runs every call and says which core module files it loaded.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { node24 } from '../stack-switching/node24.js';
import { REPO_ROOT } from '../paths.js';
import { tempDir } from '../tmp.js';
import { SCENARIOS } from './scenarios.js';

const MAIN = `
import { readFileSync } from 'node:fs';
import { SCENARIOS, runScenario } from './scenarios.js';
const out = { version: process.version, results: {} };
for (const [i, scenario] of SCENARIOS.entries()) {
  const dir = new URL('./c' + i + '/', import.meta.url);
  const { instantiate } = await import(new URL('c.js', dir));
  const loaded = [];
  const getCoreModule = (file) => { loaded.push(file); return WebAssembly.compile(readFileSync(new URL(file, dir))); };
  const results = await runScenario(scenario, (imports) => instantiate(imports, { getCoreModule }));
  out.results[scenario.component] = { results, loaded: [...new Set(loaded)].sort() };
}
console.log(JSON.stringify(out));
`;

describe.skipIf(!existsSync(node24))('memory64 and custom page sizes on Node 24', () => {
  test('every scenario gives what it gives on Node 20, memory64 natively, page sizes lowered', async () => {
    const dir = tempDir('memory64-node24');
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    const src = readFileSync(join(REPO_ROOT, 'test/memory64/scenarios.ts'), 'utf8');
    const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    writeFileSync(join(dir, 'scenarios.js'), js);
    for (const [i, scenario] of SCENARIOS.entries()) {
      const wat = readFileSync(join(REPO_ROOT, 'test/memory64', scenario.component), 'utf8');
      const { files } = await compile(await parse(wat), { name: 'c', instantiation: 'async', inlineCutoff: 0, asyncImports: scenario.asyncImports });
      mkdirSync(join(dir, `c${i}`));
      for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, `c${i}`, name), content);
    }
    writeFileSync(join(dir, 'main.mjs'), MAIN);
    const r = spawnSync(node24, [join(dir, 'main.mjs')], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    if (r.status !== 0 || !line.startsWith('{')) throw new Error(`node 24 child failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    const out = JSON.parse(line) as { version: string; results: Record<string, { results: unknown[]; loaded: string[] }> };
    expect(out.version).toMatch(/^v24\./);
    for (const scenario of SCENARIOS) expect(out.results[scenario.component]!.results).toEqual(scenario.calls.map((c) => c.expect));
    // memory64 alone: the modules as they are; any custom page size: lowered
    expect(out.results['mem64.wat']!.loaded).toEqual(['c.core.wasm', 'c.core2.wasm']);
    expect(out.results['async64.wat']!.loaded).toEqual(['c.core.wasm', 'c.core2.wasm']);
    // stack switching: JSPI on the module as it is
    expect(out.results['suspend64.wat']!.loaded).toEqual(['c.core.wasm', 'c.core2.wasm']);
    expect(out.results['pages.wat']!.loaded).toEqual(['c.core.lowered.wasm']);
    expect(out.results['mem64-pages.wat']!.loaded).toEqual(['c.core.lowered.wasm']);
  }, 120_000);
});
