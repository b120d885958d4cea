/**
 * Components with 64-bit memories (🐘) and custom page sizes, compiled and
 * run on this Node (20: neither feature, so the lowered core modules run;
 * the output picks them by feature detection). node24.test.ts runs the same
 * scenarios on Node 24, where memory64 runs natively.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, test } from 'vitest';
import { compile, type CompileOptions } from '../../compiler/compile.js';
import { REPO_ROOT } from '../paths.js';
import { SCENARIOS, runScenario } from './scenarios.js';

const DIR = join(REPO_ROOT, 'test/memory64');
const hasMemory64 = WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 5, 3, 1, 4, 0]));

/** Compiles `wat`; instantiate() records which core module files it loaded. */
async function build(wat: string, memoryLowering: 'auto' | 'always' | 'never' = 'auto', more: CompileOptions = {}) {
  const { files } = await compile(await parse(wat), { name: 'c', instantiation: 'async', inlineCutoff: 0, memoryLowering, ...more });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(files['c.js'] as string).toString('base64')}`);
  const loaded: string[] = [];
  const getCoreModule = (file: string) => {
    loaded.push(file);
    return WebAssembly.compile(files[file] as Uint8Array);
  };
  return { files, loaded, instantiate: (imports: object) => mod.instantiate(imports, { getCoreModule }) as Promise<Record<string, any>> };
}

const source = (file: string) => readFileSync(join(DIR, file), 'utf8');

describe('memory64 and custom page sizes on this engine', () => {
  for (const scenario of SCENARIOS) {
    test(`${scenario.component}: every call gives what it must`, async () => {
      const out = await build(source(scenario.component), 'auto', { asyncImports: scenario.asyncImports });
      expect(await runScenario(scenario, out.instantiate)).toEqual(scenario.calls.map((c) => c.expect));
      // Node 20 has neither feature: a module with a lowered twin loads only as that
      if (!hasMemory64) expect(out.loaded.filter((f) => f.replace(/\.wasm$/, '.lowered.wasm') in out.files)).toEqual([]);
    }, 60_000);
  }

  test('auto ships each module with a 64-bit memory twice; never ships it as it is, which this engine rejects if it lacks memory64', async () => {
    const auto = await build(source('mem64.wat'));
    expect(Object.keys(auto.files).filter((f) => f.endsWith('.wasm')).sort()).toEqual(['c.core.lowered.wasm', 'c.core.wasm', 'c.core2.lowered.wasm', 'c.core2.wasm']);
    const never = await build(source('mem64.wat'), 'never');
    expect(Object.keys(never.files).filter((f) => f.endsWith('.wasm')).sort()).toEqual(['c.core.wasm', 'c.core2.wasm']);
    if (!hasMemory64) await expect(never.instantiate({ log: () => '' })).rejects.toThrow(/memory64|memory limits/);
    const always = await build(source('pages.wat'), 'always');
    expect(Object.keys(always.files).filter((f) => f.endsWith('.wasm'))).toEqual(['c.core.lowered.wasm']);
    const e = await always.instantiate({});
    expect([e.size(), e.echo('ok'), e.size()]).toEqual([1000, 'ok', 1000]);
  }, 60_000);

  test('the glue keeps the i64 interface: pointers are bigints to core, realloc gets bigints', async () => {
    const { files } = await compile(await parse(source('mem64.wat')), { name: 'c', instantiation: 'async', inlineCutoff: 0 });
    const js = files['c.js'] as string;
    expect(js).toMatch(/memView64\(x\d*\)/);
    expect(js).toMatch(/addr64\(dv\d+\.getBigUint64\(/);
    // a component without 64-bit memories carries none of it
    const plain = await compile(await parse('(component (core module $m (func (export "f") (result i32) (i32.const 1))) (core instance $i (instantiate $m)) (func (export "f") (result u32) (canon lift (core func $i "f"))))'), { name: 'p' });
    expect(plain.files['p.js']).not.toMatch(/addr64|engineHasMemory/);
  }, 60_000);
});

describe('stack switching in a module with a 64-bit memory', () => {
  const wasmFiles = (files: Record<string, unknown>) => Object.keys(files).filter((f) => f.startsWith('c.core2')).sort();
  const opts = { name: 'c', inlineCutoff: 0, typescript: false, asyncImports: ['slow'] };

  test('asyncify runs on the lowered twin; JSPI on either variant', async () => {
    const bytes = await parse(source('suspend64.wat'));
    const auto = await compile(bytes, opts);
    expect(wasmFiles(auto.files)).toEqual(['c.core2.lowered.async.wasm', 'c.core2.lowered.wasm', 'c.core2.wasm']);
    expect(auto.stack.asyncified.map((a) => a.file)).toEqual(['c.core2.lowered.async.wasm']);
    // the asyncified module has a 32-bit memory: the driver's buffers need nothing new
    const mod = new WebAssembly.Module(auto.files['c.core2.lowered.async.wasm'] as Uint8Array<ArrayBuffer>);
    expect(WebAssembly.Module.exports(mod).map((e) => e.name)).toEqual(expect.arrayContaining(['asyncify_start_unwind', 'call-slow']));
    const asyncify = await compile(bytes, { ...opts, stackSwitching: 'asyncify' });
    expect(wasmFiles(asyncify.files)).toEqual(['c.core2.lowered.async.wasm']);
    const jspi = await compile(bytes, { ...opts, stackSwitching: 'jspi' });
    expect(wasmFiles(jspi.files)).toEqual(['c.core2.lowered.wasm', 'c.core2.wasm']);
    const always = await compile(bytes, { ...opts, memoryLowering: 'always' });
    expect(wasmFiles(always.files)).toEqual(['c.core2.lowered.async.wasm', 'c.core2.lowered.wasm']);
  }, 60_000);

  test('asyncify without the lowering, and stack switching with custom page sizes, are not compiled', async () => {
    const bytes = await parse(source('suspend64.wat'));
    await expect(compile(bytes, { ...opts, memoryLowering: 'never' })).rejects.toMatchObject({ code: 'compile/unsupported', message: expect.stringMatching(/asyncify of a core module with a 64-bit memory/) });
    expect(wasmFiles((await compile(bytes, { ...opts, memoryLowering: 'never', stackSwitching: 'jspi' })).files)).toEqual(['c.core2.wasm']);
    const paged = source('suspend64.wat').replace('(import "" "mem" (memory i64 1))', '(import "" "mem" (memory i64 1 (pagesize 1)))').replace('(memory (export "mem") i64 1)', '(memory (export "mem") i64 65536 (pagesize 1))');
    await expect(compile(await parse(paged), opts)).rejects.toMatchObject({ code: 'compile/unsupported', message: expect.stringMatching(/stack switching in a core module with a custom-page-size memory/) });
  }, 60_000);
});

describe('memory64 and custom page sizes: what is rejected, clearly', () => {
  test('an unknown memoryLowering mode', async () => {
    await expect(compile(await parse(source('pages-64k.wat')), { memoryLowering: 'sometimes' as never })).rejects.toMatchObject({ code: 'compile/bad-option' });
  });

  test('a module importing a memory of 1-byte pages cannot be lowered', async () => {
    const wat = `(component
      (core module $a (memory (export "mem") 10 (pagesize 1)))
      (core instance $a (instantiate $a))
      (core module $b (import "a" "mem" (memory 10 (pagesize 1))) (func (export "size") (result i32) (memory.size)))
      (core instance $b (instantiate $b (with "a" (instance $a))))
      (func (export "size") (result u32) (canon lift (core func $b "size"))))`;
    await expect(compile(await parse(wat))).rejects.toMatchObject({ code: 'compile/transform-failed', message: expect.stringMatching(/memory is imported/) });
  });
});
