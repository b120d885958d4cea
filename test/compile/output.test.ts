/** The compiled output as users get it: size, the CLI, ESM mode, traps and poisoning, reentrance. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, test } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { CompileError } from '../../compiler/errors/index.js';
import { FIXTURES, REPO_ROOT } from '../paths.js';
import { compileAndLoad } from './load.js';
import { tempDir } from '../tmp.js';

const CLI = join(REPO_ROOT, 'dist/canonjs.mjs');
const tmp = () => tempDir('test');

const ONE_FUNCTION = `(component
  (core module $m (func (export "f") (param i32) (result i32) local.get 0 i32.const 1 i32.add))
  (core instance $i (instantiate $m))
  (func (export "f") (param "x" u32) (result u32) (canon lift (core func $i "f"))))`;

describe('output size', () => {
  test('a one-function (u32) -> u32 component is at most 3 KB of JS, every JS file counted', async () => {
    const { files } = await compile(await parse(ONE_FUNCTION), { name: 'one' });
    const js = Object.entries(files).filter(([name]) => name.endsWith('.js'));
    const size = js.reduce((n, [, c]) => n + Buffer.byteLength(c as string), 0);
    expect(size).toBeLessThanOrEqual(3 * 1024);
  });
});

describe('canonjs compile (CLI)', () => {
  test('compiles a fixture; Node imports the ESM output, which imports nothing from canonjs', () => {
    const out = join(tmp(), 'adder');
    execFileSync(process.execPath, [CLI, 'compile', join(FIXTURES, 'adder.component.wasm'), '-o', out, '-q']);
    expect(readdirSync(out).sort()).toEqual(['adder.core.wasm', 'adder.d.ts', 'adder.js', 'adder.js.map']);
    const js = readFileSync(join(out, 'adder.js'), 'utf8');
    expect(js).not.toMatch(/\bimport\b[^;]*from/);
    writeFileSync(join(out, 'main.mjs'), `import * as m from './adder.js';\nconsole.log(m['docs:adder/add@0.1.0'].add(20, 22));\n`);
    expect(execFileSync(process.execPath, [join(out, 'main.mjs')], { encoding: 'utf8' }).trim()).toBe('42');
  });

  test('ESM mode takes imports from ES modules, re-mapped with --map', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    writeFileSync(join(dir, 'hello.mjs'), `export function helloWorld() { return 'hi from an ES module'; }\n`);
    execFileSync(process.execPath, [
      CLI, 'compile', join(FIXTURES, 'simple-nested.component.wasm'), '-o', out, '-q',
      '--map', 'calvinrp:test-async-funcs/*=../hello.mjs',
    ]);
    writeFileSync(join(out, 'main.mjs'), `import * as m from './simple-nested.js';\nconsole.log(m['calvinrp:test-async-funcs/hello@0.1.0'].helloWorld());\n`);
    expect(execFileSync(process.execPath, [join(out, 'main.mjs')], { encoding: 'utf8' }).trim()).toBe('hi from an ES module');
  });

  test('a malformed input: catalogued error, exit code 1, no output folder', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.wasm'), new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 0x07, 0x05, 0x01]));
    const r = spawnSync(process.execPath, [CLI, 'compile', join(dir, 'bad.wasm'), '-o', join(dir, 'out')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error decode\/[a-z-]+: .*\(at offset 0x[0-9a-f]+\)/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['bad.wasm']);
  });

  test('bad arguments: exit code 2 and a cli/bad-arguments error', () => {
    const r = spawnSync(process.execPath, [CLI, 'compile', 'x.wasm', '-o', 'y', '--instantiation', 'sync'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error cli\/bad-arguments:/);
  });
});

describe('programmatic compile', () => {
  test('bad options are catalogued errors', async () => {
    const bytes = await parse(ONE_FUNCTION);
    await expect(compile(bytes, { name: '../x' })).rejects.toMatchObject({ code: 'compile/bad-option' });
    await expect(compile(bytes, { instantiation: 'sync' as never })).rejects.toBeInstanceOf(CompileError);
  });
});

describe('traps', () => {
  test('a core trap throws a coded RuntimeError and poisons the instance', async () => {
    const { instantiate } = await compileAndLoad(await parse(`(component
      (core module $m (func (export "boom") unreachable) (func (export "ok") (result i32) i32.const 7))
      (core instance $i (instantiate $m))
      (func (export "boom") (canon lift (core func $i "boom")))
      (func (export "ok") (result u32) (canon lift (core func $i "ok"))))`));
    const e = await instantiate();
    expect(e.ok()).toBe(7);
    expect(() => e.boom()).toThrow(expect.objectContaining({ name: 'RuntimeError', code: 'trap/core' }));
    expect(() => e.ok()).toThrow(expect.objectContaining({ code: 'trap/poisoned' }));
    // a fresh instance is not poisoned
    expect((await instantiate()).ok()).toBe(7);
  });

  test('a TypeError at the boundary does not poison', async () => {
    const { instantiate } = await compileAndLoad(await parse(ONE_FUNCTION));
    const e = await instantiate();
    expect(() => e.f('1')).toThrow(expect.objectContaining({ code: 'type/u32', path: 'arg 0' }));
    expect(e.f(1)).toBe(2);
  });

  test('re-entering the instance from a host import traps (may_enter)', async () => {
    const { instantiate } = await compileAndLoad(await parse(`(component
      (import "cb" (func $cb))
      (core func $cb (canon lower (func $cb)))
      (core module $m (import "" "cb" (func $cb)) (func (export "run") call $cb) (func (export "noop")))
      (core instance $i (instantiate $m (with "" (instance (export "cb" (func $cb))))))
      (func (export "run") (canon lift (core func $i "run")))
      (func (export "noop") (canon lift (core func $i "noop"))))`));
    let exports: any;
    exports = await instantiate({ cb: () => exports.noop() });
    expect(() => exports.run()).toThrow(expect.objectContaining({ code: 'trap/cannot-enter' }));
  });
});

describe('source map', () => {
  test('glue maps to the byte offset of the definition it comes from in the component binary', async () => {
    const { decodeComponent } = await import('../../compiler/binary/decode.js');
    const { SourceMapConsumer } = await import('source-map-js');
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'adder.component.wasm')));
    const { files } = await compile(bytes, { name: 'adder', sourceName: '../adder.component.wasm' });
    const js = files['adder.js'] as string;
    expect(js.trimEnd().endsWith('//# sourceMappingURL=adder.js.map')).toBe(true);
    const map = JSON.parse(files['adder.js.map'] as string);
    expect(map.sources).toEqual(['../adder.component.wasm']);
    // the lift of `add` comes from the one `canon lift` of the component
    const lifts = decodeComponent(bytes).defs.filter((d) => d.kind === 'canon' && d.canon.name === 'lift');
    expect(lifts).toHaveLength(1);
    const lines = js.split('\n');
    const line = lines.findIndex((l) => l.includes('function add(')) + 1;
    const original = new SourceMapConsumer(map).originalPositionFor({ line, column: lines[line - 1]!.indexOf('function') });
    expect(original).toMatchObject({ source: '../adder.component.wasm', line: 1, column: lifts[0]!.offset });
  });
});
