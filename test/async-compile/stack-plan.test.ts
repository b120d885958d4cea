/**
 * Which core instances get stack switching (compiler/emit/async/suspend.ts),
 * seen through `compile`'s stack report and output files: only instances
 * importing something that can block; sync components are untouched.
 */
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, test } from 'vitest';
import { compile } from '../../compiler/index.js';

/** A stackful async export that waits on a waitable set (the wait can block). */
const WAITER = `(component
  (core module $Mem (memory (export "mem") 1))
  (core instance $mem (instantiate $Mem))
  (core func $wait (canon waitable-set.wait (memory (core memory $mem "mem"))))
  (core func $new (canon waitable-set.new))
  (core func $ret (canon task.return))
  (core module $M
    (import "" "wait" (func $wait (param i32 i32) (result i32)))
    (import "" "new" (func $new (result i32)))
    (import "" "ret" (func $ret))
    (func (export "run") (call $ret))
    (func (export "plain") (result i32) (i32.const 7)))
  (core instance $m (instantiate $M (with "" (instance
    (export "wait" (func $wait)) (export "new" (func $new)) (export "ret" (func $ret))))))
  (func (export "run") async (canon lift (core func $m "run") async))
)`;

const SYNC = `(component
  (core module $M (func (export "f") (result i32) (i32.const 1)))
  (core instance $m (instantiate $M))
  (func (export "f") (result u32) (canon lift (core func $m "f")))
)`;

describe('stack switching plan', () => {
  test('a sync component: no suspendable instance, no asyncified file, no stack-switching code', async () => {
    const r = await compile(await parse(SYNC), { name: 'c', typescript: false });
    expect(r.stack).toEqual({ instances: [], asyncified: [] });
    expect(Object.keys(r.files).some((f) => f.includes('.async.'))).toBe(false);
    expect(r.files['c.js']).not.toContain('stackMode');
  });

  test('an instance importing waitable-set.wait is suspendable; its entries go through promising', async () => {
    const r = await compile(await parse(WAITER), { name: 'c', typescript: false, inlineCutoff: 0 });
    expect(r.stack.instances).toEqual([{ instance: 1, module: 1, reasons: ['waitable-set.wait'], imports: ['.wait'] }]);
    expect(Object.keys(r.files).sort()).toEqual(['c.core.wasm', 'c.core2.async.wasm', 'c.core2.wasm', 'c.js', 'c.js.map']);
    const js = r.files['c.js'] as string;
    expect(js).toContain('pickStackSwitching("auto")');
    expect(js).toMatch(/stackSuspending\(suspender1, f\d+, "ii:i"\)/);
    expect(js).toMatch(/suspender1\.promising\(/);
    expect(js).toContain('suspendable: true');
  });

  test('stackSwitching picks what is shipped; a bad value is a compile error', async () => {
    const bytes = await parse(WAITER);
    const jspi = await compile(bytes, { name: 'c', typescript: false, inlineCutoff: 0, stackSwitching: 'jspi' });
    expect(Object.keys(jspi.files).filter((f) => f.endsWith('.wasm')).sort()).toEqual(['c.core.wasm', 'c.core2.wasm']);
    expect(jspi.stack.asyncified).toEqual([]);
    const asyncify = await compile(bytes, { name: 'c', typescript: false, inlineCutoff: 0, stackSwitching: 'asyncify' });
    expect(Object.keys(asyncify.files).filter((f) => f.endsWith('.wasm')).sort()).toEqual(['c.core.wasm', 'c.core2.async.wasm']);
    const out = asyncify.files['c.core2.async.wasm'] as Uint8Array;
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(out as Uint8Array<ArrayBuffer>)).map((e) => e.name);
    expect(exports).toEqual(expect.arrayContaining(['run', 'asyncify_start_unwind', 'asyncify_memory']));
    await expect(compile(bytes, { stackSwitching: 'fibers' as never })).rejects.toMatchObject({ code: 'compile/bad-option' });
  });

  test('asyncImports names a host import: its sync lower makes the importing instance suspendable', async () => {
    const HOST = `(component
      (import "h" (func $h (result u32)))
      (core func $hl (canon lower (func $h)))
      (core module $M (import "" "h" (func (result i32))) (func (export "f") (result i32) (call 0)))
      (core instance $m (instantiate $M (with "" (instance (export "h" (func $hl))))))
      (func (export "f") (result u32) (canon lift (core func $m "f")))
    )`;
    const bytes = await parse(HOST);
    expect((await compile(bytes, { typescript: false })).stack.instances).toEqual([]);
    const named = await compile(bytes, { typescript: false, asyncImports: ['h'] });
    expect(named.stack.instances.map((i) => i.reasons)).toEqual([['async import h']]);
  });
});
