/**
 * Stack switching with binaryen's asyncify on Node 20 (no JSPI): the
 * transform (compiler/transform/asyncify.ts) and the runtime driver
 * (runtime/async/asyncify.ts) on a hand-written core module.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompileError } from '../../compiler/errors/index.js';
import { asyncifyModule, asyncifyModuleWithStats } from '../../compiler/transform/asyncify.js';
import { AsyncifySuspender } from '../../runtime/async/asyncify.js';
import { CORE_WAT, EXPECTED, SUSPENDING_IMPORTS, runScenarios } from './scenarios.js';

let plain: Uint8Array;
let asyncified: Uint8Array;
let cacheDir: string;

beforeAll(async () => {
  cacheDir = mkdtempSync(join(tmpdir(), 'canonjs-asyncify-'));
  plain = await parse(CORE_WAT);
  asyncified = await asyncifyModule(plain, { imports: SUSPENDING_IMPORTS, exports: ['sum', 'deep', 'sum64', 'outer'], cacheDir });
});
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('asyncify transform', () => {
  it('adds the asyncify exports and keeps the module valid for Node 20', () => {
    expect(WebAssembly.validate(asyncified as Uint8Array<ArrayBuffer>)).toBe(true);
    const names = WebAssembly.Module.exports(new WebAssembly.Module(asyncified as Uint8Array<ArrayBuffer>)).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['sum', 'deep', 'asyncify_start_unwind', 'asyncify_stop_unwind', 'asyncify_start_rewind', 'asyncify_stop_rewind', 'asyncify_get_state']));
  });

  it('serves a repeated transform from the cache, and keys on the options', async () => {
    const again = await asyncifyModuleWithStats(plain, { imports: SUSPENDING_IMPORTS, exports: ['outer', 'sum', 'deep', 'sum64'], cacheDir });
    expect(again.cacheHit).toBe(true);
    expect(again.bytes).toEqual(asyncified);
    // the same imports in another order are the same key
    const reordered = await asyncifyModuleWithStats(plain, { imports: [...SUSPENDING_IMPORTS].reverse(), exports: ['sum', 'deep', 'sum64', 'outer'], cacheDir });
    expect(reordered.cacheHit).toBe(true);
    const narrower = await asyncifyModuleWithStats(plain, { imports: [{ module: 'env', name: 'get' }], cacheDir });
    expect(narrower.cacheHit).toBe(false);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.wasm'))).toHaveLength(2);
    const narrowerAgain = await asyncifyModuleWithStats(plain, { imports: [{ module: 'env', name: 'get' }], cacheDir });
    expect(narrowerAgain.cacheHit).toBe(true);
  });

  it('returns the input unchanged when no import can suspend', async () => {
    expect(await asyncifyModule(plain, { imports: [], cacheDir: false })).toBe(plain);
  });

  it('reports binaryen failures and missing exports as compile/transform-failed', async () => {
    const missing = asyncifyModule(plain, { imports: SUSPENDING_IMPORTS, exports: ['nope'], cacheDir: false, offset: 0x40 });
    await expect(missing).rejects.toBeInstanceOf(CompileError);
    await expect(missing).rejects.toMatchObject({ code: 'compile/transform-failed', offset: 0x40 });
    await expect(missing).rejects.toThrow(/asyncify transform failed: the module has no export named "nope"/);
    const star = asyncifyModule(plain, { imports: [{ module: 'env', name: 'g*' }], cacheDir: false });
    await expect(star).rejects.toMatchObject({ code: 'compile/transform-failed' });
  });

  it('fails cleanly on bytes binaryen cannot read, and keeps working afterwards', async () => {
    const garbage = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0x01, 0x05, 0x01, 0x60]);
    const bad = asyncifyModule(garbage, { imports: SUSPENDING_IMPORTS, cacheDir: false });
    await expect(bad).rejects.toMatchObject({ code: 'compile/transform-failed' });
    const ok = await asyncifyModule(plain, { imports: SUSPENDING_IMPORTS, cacheDir: false });
    expect(ok).toEqual(asyncified);
  });
});

describe('asyncify suspender (Node 20, in-process)', () => {
  it('suspends and resumes the wasm stack on Promises: loops, recursion, i64, nesting, rejections, reentry', async () => {
    const got = await runScenarios('asyncify', asyncified);
    expect(got).toMatchObject(EXPECTED);
    // without a suspension the asyncify entry returns its result directly
    expect(got.allSyncWasPromise).toBe(false);
  });

  it('traps where an entry that cannot suspend reaches a Promise', () => {
    const s = new AsyncifySuspender();
    const env = {
      get: s.suspending((i: number) => (i === 1 ? Promise.resolve(10) : i * 10)),
      get64: s.suspending(() => 0n, 'i:j'),
      host: s.suspending(() => 0),
      note: () => {},
    };
    const inst = new WebAssembly.Instance(new WebAssembly.Module(asyncified as Uint8Array<ArrayBuffer>), { env });
    s.attach(inst.exports);
    const sum = inst.exports.sum as (n: number) => number;
    expect(() => s.sync(sum)(3)).toThrow(expect.objectContaining({ code: 'trap/cannot-suspend-here' }));
    // a raw export call (no wrapper) is caught the same way
    expect(() => sum(3)).toThrow(expect.objectContaining({ code: 'trap/cannot-suspend-here' }));
    // and the instance still works through its promising entry
    expect(s.promising(sum)(1)).toBe(0);
  });

  it('puts each suspended stack in its own buffer of grown memory, reused afterwards', async () => {
    const s = new AsyncifySuspender({ interleave: true });
    const env = {
      get: s.suspending((i: number) => Promise.resolve(i)),
      get64: s.suspending(() => 0n, 'i:j'),
      host: s.suspending(() => 0),
      note: () => {},
    };
    const inst = new WebAssembly.Instance(new WebAssembly.Module(asyncified as Uint8Array<ArrayBuffer>), { env });
    s.attach(inst.exports);
    const mem = inst.exports.memory as WebAssembly.Memory;
    const sum = s.promising(inst.exports.sum as (n: number) => number);
    const pages0 = mem.buffer.byteLength / 65536;
    expect(await Promise.all([sum(3), sum(4), sum(5)])).toEqual([3, 6, 10]);
    expect(mem.buffer.byteLength / 65536).toBe(pages0 + 3);
    expect(await Promise.all([sum(3), sum(4)])).toEqual([3, 6]);
    expect(mem.buffer.byteLength / 65536).toBe(pages0 + 3);
    expect(s.suspended).toBe(0);
  });

  it('uses the alloc option for buffers when given', async () => {
    const allocs: number[] = [];
    const s = new AsyncifySuspender({ stackBytes: 4096, alloc: (n) => (allocs.push(n), 0x8000) });
    const env = {
      get: s.suspending((i: number) => Promise.resolve(i)),
      get64: s.suspending(() => 0n, 'i:j'),
      host: s.suspending(() => 0),
      note: () => {},
    };
    const inst = new WebAssembly.Instance(new WebAssembly.Module(asyncified as Uint8Array<ArrayBuffer>), { env });
    s.attach(inst.exports);
    const mem = inst.exports.memory as WebAssembly.Memory;
    const sum = s.promising(inst.exports.sum as (n: number) => number);
    expect(await sum(10)).toBe(45);
    expect(allocs).toEqual([4096]);
    expect(mem.buffer.byteLength).toBe(65536);
  });
});

describe('asyncify through a forwarding core instance', () => {
  // wit-component's layout: the main module imports a lowered function from a
  // "shim" module that forwards it with call_indirect through a table the
  // "fixup" module fills with the real (JS) function. The shim's frame has no
  // state, so the main module's asyncify state carries the unwind through it.
  const SHIM = `(module
    (type $t (func (param i32) (result i32)))
    (table (export "$imports") 1 1 funcref)
    (func (export "0") (param i32) (result i32) (call_indirect (type $t) (local.get 0) (i32.const 0))))`;
  const FIXUP = `(module
    (import "" "0" (func $f (param i32) (result i32)))
    (import "" "$imports" (table 1 1 funcref))
    (elem (i32.const 0) func $f))`;
  const MAIN = `(module
    (import "shim" "0" (func $get (param i32) (result i32)))
    (memory (export "memory") 1)
    (func (export "sum") (param $n i32) (result i32)
      (local $i i32) (local $acc i32)
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (local.set $acc (i32.add (local.get $acc) (call $get (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (local.get $acc)))`;

  it('suspends and resumes the main module across the shim frame', async () => {
    const main = await asyncifyModule(await parse(MAIN), { imports: [{ module: 'shim', name: '0' }], cacheDir: false });
    const mod = (text: string) => parse(text).then((b) => new WebAssembly.Module(b as Uint8Array<ArrayBuffer>));
    const shim = new WebAssembly.Instance(await mod(SHIM), {});
    const s = new AsyncifySuspender();
    const inst = new WebAssembly.Instance(new WebAssembly.Module(main as Uint8Array<ArrayBuffer>), { shim: shim.exports });
    s.attach(inst.exports);
    const get = s.suspending((i: number) => (i % 2 ? Promise.resolve(i * 10) : i * 10));
    new WebAssembly.Instance(await mod(FIXUP), { '': { '0': get, $imports: shim.exports.$imports } });
    const sum = s.promising(inst.exports.sum as (n: number) => number);
    expect(await sum(6)).toBe(150);
    expect(s.suspensions).toBe(3);
  });
});

describe('asyncify-imports with component-style import names', () => {
  it('instruments an import named like a lowered interface method', async () => {
    const module = 'wasi:io/streams@0.2.0';
    const name = '[method]output-stream.blocking-write-and-flush';
    const wat = `(module
      (import "${module}" "${name}" (func $w (param i32) (result i32)))
      (import "$root" "[waitable-set-wait]" (func $other (param i32) (result i32)))
      (memory (export "memory") 1)
      (func (export "run") (param i32) (result i32)
        (i32.add (call $w (local.get 0)) (call $w (i32.const 1)))))`;
    const out = await asyncifyModule(await parse(wat), { imports: [{ module, name }], cacheDir: false });
    const s = new AsyncifySuspender();
    const inst = new WebAssembly.Instance(new WebAssembly.Module(out as Uint8Array<ArrayBuffer>), {
      [module]: { [name]: s.suspending((x: number) => Promise.resolve(x * 2)) },
      $root: { '[waitable-set-wait]': () => 0 },
    });
    s.attach(inst.exports);
    expect(await s.promising(inst.exports.run as (x: number) => number)(20)).toBe(42);
    expect(s.suspensions).toBe(2);
  });
});
