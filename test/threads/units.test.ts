/**
 * The pieces of shared threads on their own: the memory-import patch of a
 * core module, the thread index table, a replica's non-shared import, and
 * what validation and compilation accept or reject.
 */
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, test } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { withMemoryImports } from '../../compiler/emit/threads/memory-import.js';
import { threadReplicate } from '../../runtime/threads/replica.js';
import { threadSlotAlloc, threadSlotFree, threadSlotsNew } from '../../runtime/threads/slots.js';
import type { ThreadContext } from '../../runtime/threads/spawn.js';
import type { ThreadShared } from '../../runtime/threads/plan.js';
import { compileAndLoad } from '../compile/load.js';
import { threadComponent } from './encode.js';

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return `${(e as { code?: string }).code}: ${(e as Error).message}`;
  }
  return 'compiled';
}

describe('the memory-import patch', () => {
  test("a module's shared memory becomes an import; everything else stays", async () => {
    const bytes = await parse(`(module
      (import "env" "f" (func $f))
      (memory (export "mem") 1 2 shared)
      (func (export "size") (result i32) (memory.size))
      (data (i32.const 16) "hi"))`);
    const patched = new WebAssembly.Module(withMemoryImports(bytes, 0));
    expect(WebAssembly.Module.imports(patched)).toEqual([
      { module: 'env', name: 'f', kind: 'function' },
      { module: 'canonjs:shared-memory', name: '0', kind: 'memory' },
    ]);
    expect(WebAssembly.Module.exports(patched)).toEqual([
      { name: 'mem', kind: 'memory' },
      { name: 'size', kind: 'function' },
    ]);
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
    const inst = new WebAssembly.Instance(patched, { env: { f() {} }, 'canonjs:shared-memory': { 0: memory } });
    expect(inst.exports.mem).toBe(memory);
    expect(new Uint8Array(memory.buffer, 16, 2)).toEqual(new Uint8Array([104, 105]));
  });

  test('a module without an import section gets one after its types', async () => {
    const bytes = await parse(`(module (memory (export "m") 1 1 shared) (func (export "f") (result i32) (i32.const 7)))`);
    const patched = new WebAssembly.Module(withMemoryImports(bytes, 0));
    expect(WebAssembly.Module.imports(patched)).toEqual([{ module: 'canonjs:shared-memory', name: '0', kind: 'memory' }]);
  });
});

describe('the thread index table', () => {
  test('hands out the lowest free index above 0, and reuses freed ones', () => {
    const slots = threadSlotsNew();
    expect([threadSlotAlloc(slots), threadSlotAlloc(slots), threadSlotAlloc(slots)]).toEqual([1, 2, 3]);
    threadSlotFree(slots, 2);
    expect(threadSlotAlloc(slots)).toBe(2);
    for (let i = 4; i < 40; i++) expect(threadSlotAlloc(slots)).toBe(i);
  });
});

describe('replicas', () => {
  test('an import that is not shared traps when a shared thread calls it, naming it', async () => {
    const module = await WebAssembly.compile(await parse(`(module (import "" "log" (func $log)) (func (export "go") (call $log)))`));
    const shared: ThreadShared = {
      worker: '',
      modules: [module],
      plan: [{ module: 0, args: [{ name: '', items: [['log', { kind: 'unshared', what: 'canon lower' }]] }], memories: [] }],
      memories: [],
      slots: {},
      parallelism: 1,
    };
    const replicas: WebAssembly.Instance[] = [];
    const ctx = { instance: (k: number) => replicas[k] } as unknown as ThreadContext;
    await threadReplicate(ctx, shared, replicas);
    let caught: unknown;
    try {
      (replicas[0]!.exports.go as () => void)();
    } catch (e) {
      caught = e;
    }
    expect((caught as { code: string }).code).toBe('trap/thread-unshared');
    expect((caught as Error).message).toMatch(/: canon lower$/);
  });
});

const SHARED_ONLY = (canons: string, module = '(core module $M)') => `
(component
  (core module $Libc (memory (export "mem") 1 1 shared) (table (export "table") 2 funcref) (table (export "ext") 2 externref))
  (core instance $libc (instantiate $Libc))
  (alias core export $libc "table" (core table $tbl))
  (alias core export $libc "ext" (core table $ext))
  (core type $ft (func (param i32)))
  (core type $ft2 (func (param i32 i32)))
  ${canons}
  ${module})`;

describe('validation and compilation', () => {
  test('thread.available-parallelism without `shared` compiles to the host value', async () => {
    const wat = `(component
      (core func $par (canon thread.available_parallelism))
      (core module $M (import "" "par" (func $par (result i32))) (func (export "p") (result i32) (call $par)))
      (core instance $m (instantiate $M (with "" (instance (export "par" (func $par))))))
      (func (export "p") (result u32) (canon lift (core func $m "p"))))`;
    const { instantiate, files } = await compileAndLoad(await threadComponent(wat, false));
    expect((await instantiate()).p()).toBeGreaterThanOrEqual(1);
    expect(Object.keys(files).some((f) => f.endsWith('.worker.js'))).toBe(false);
  });

  test('a spawn without `shared` is a cooperative thread: no worker file', async () => {
    const bytes = await threadComponent(SHARED_ONLY('(core func $s (canon thread.spawn-indirect $ft (core table $tbl)))'), false);
    const { files, js } = await compileAndLoad(bytes);
    expect(js).toContain('coopSpawnIndirect(');
    expect(Object.keys(files).some((f) => f.endsWith('.worker.js'))).toBe(false);
  });

  test('spawn-indirect needs a funcref table', async () => {
    const bytes = await threadComponent(SHARED_ONLY('(core func $s (canon thread.spawn-indirect $ft (core table $ext)))'));
    expect(await failure(compile(bytes))).toMatch(/^validate\/canon-requires-type: /);
  });

  test('a spawn function type must be (func (param i32))', async () => {
    const bytes = await threadComponent(SHARED_ONLY('(core func $s (canon thread.spawn-indirect $ft2 (core table $tbl)))'));
    expect(await failure(compile(bytes))).toMatch(/^validate\/canon-requires-type: .*\(func \(param i32\)\)/);
  });

  test('a shared memory a worker could not reach (not exported) is a compile error', async () => {
    const wat = SHARED_ONLY(
      '(core func $s (canon thread.spawn-indirect $ft (core table $tbl)))',
      `(core module $Hidden (memory 1 1 shared))
       (core instance $h (instantiate $Hidden))`,
    );
    expect(await failure(compile(await threadComponent(wat)))).toMatch(/^compile\/unsupported: .*shared memory 0 is not exported/);
  });
});
