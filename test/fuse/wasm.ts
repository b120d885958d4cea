/**
 * Two real core modules for fused-call tests: a callee (what component A
 * lifts) and a caller (what component B lowers an import into). In component
 * text the pair would be:
 *
 *   (component
 *     (component $A
 *       (core module $m ...callee below...)
 *       (core instance $i (instantiate $m ...))
 *       (func (export "echo") (param "s" string) (result string)
 *         (canon lift (core func $i "echo") (memory $i "memory") (realloc (func $i "realloc"))
 *           string-encoding=utf16 (post-return (func $i "post")))))
 *     (instance $a (instantiate $A))
 *     (component $B
 *       (import "echo" (func $echo (param "s" string) (result string)))
 *       (core func $lowered (canon lower (func $echo) (memory ...) (realloc ...) string-encoding=latin1+utf16))
 *       (core module $m ...caller below...) ...)
 *     (instance $b (instantiate $B (with "echo" (func $a "echo")))))
 *
 * The tests build the fused adapter for the `canon lower` of `echo` directly
 * over the two instantiated core modules, as the module emitter will.
 */
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { memView, type MemView } from '../../runtime/memory.js';

/** A bump realloc over the imported memory (grows it as needed), as a WAT fragment. */
const REALLOC = `
  (global $top (mut i32) (i32.const 1024))
  (func $realloc (export "realloc") (param $old i32) (param $osz i32) (param $align i32) (param $size i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $top) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $top (i32.add (local.get $p) (local.get $size)))
    (if (i32.gt_u (global.get $top) (i32.shl (memory.size) (i32.const 16)))
      (then (drop (memory.grow (i32.sub (i32.add (i32.shr_u (global.get $top) (i32.const 16)) (i32.const 1)) (memory.size))))))
    (if (local.get $old) (then
      (memory.copy (local.get $p) (local.get $old)
        (select (local.get $osz) (local.get $size) (i32.lt_u (local.get $osz) (local.get $size))))))
    (local.get $p))
  (func (export "reset") (global.set $top (i32.const 1024)))`;

/** Component A's core module: echo a string through a return area, count its units, pass chars, post-return. */
export const CALLEE_WAT = `(module
  (import "env" "memory" (memory 1))
  ${REALLOC}
  (global $posts (export "posts") (mut i32) (i32.const 0))
  (func (export "echo") (param i32 i32) (result i32)
    (i32.store (i32.const 16) (local.get 0))
    (i32.store (i32.const 20) (local.get 1))
    (i32.const 16))
  (func (export "units") (param i32 i32) (result i32) (local.get 1))
  (func (export "char") (param i32) (result i32) (local.get 0))
  (func (export "post") (param i32) (global.set $posts (i32.add (global.get $posts) (i32.const 1)))))`;

/** Component B's core module: calls its lowered imports. */
export const CALLER_WAT = `(module
  (import "env" "memory" (memory 1))
  (import "adapter" "echo" (func $echo (param i32 i32 i32)))
  (import "adapter" "units" (func $units (param i32 i32) (result i32)))
  (import "adapter" "char" (func $char (param i32) (result i32)))
  ${REALLOC}
  (func (export "run-echo") (param i32 i32 i32) (call $echo (local.get 0) (local.get 1) (local.get 2)))
  (func (export "run-units") (param i32 i32) (result i32) (call $units (local.get 0) (local.get 1)))
  (func (export "run-char") (param i32) (result i32) (call $char (local.get 0))))`;

export type Exports = Record<string, (...a: unknown[]) => number> & { posts: WebAssembly.Global };

export interface Instance {
  exports: Exports;
  memory: WebAssembly.Memory;
  mv: MemView;
  /** the instance's realloc, recording its calls */
  realloc: (old: number, oldSize: number, align: number, size: number) => number;
  reallocCalls: number[][];
}

let modules: Promise<[WebAssembly.Module, WebAssembly.Module]> | undefined;

function compiled(): Promise<[WebAssembly.Module, WebAssembly.Module]> {
  modules ??= Promise.all([parse(CALLEE_WAT), parse(CALLER_WAT)]).then(
    ([a, b]) => [new WebAssembly.Module(a as BufferSource), new WebAssembly.Module(b as BufferSource)],
  );
  return modules;
}

async function instance(
  module: WebAssembly.Module, memory: WebAssembly.Memory, imports: Record<string, Record<string, unknown>>, record: boolean,
): Promise<Instance> {
  const inst = await WebAssembly.instantiate(module, { ...imports, env: { memory } } as WebAssembly.Imports);
  const exports = inst.exports as unknown as Exports;
  const reallocCalls: number[][] = [];
  const realloc = record
    ? (...a: [number, number, number, number]) => (reallocCalls.push(a), exports.realloc!(...a))
    : (exports.realloc as Instance['realloc']);
  return { exports, memory, mv: memView(memory), realloc, reallocCalls };
}

const newMemory = () => new WebAssembly.Memory({ initial: 1, maximum: 1000 });

/**
 * Instantiates the callee, then the caller with `adapters(callee, callerSide)`
 * as its imports. `record`: the reallocs record their calls.
 */
export async function instantiatePair(
  adapters: (callee: Instance, caller: { mv: MemView; realloc: Instance['realloc'] }) => Record<string, unknown>,
  record = true,
): Promise<{ callee: Instance; caller: Instance }> {
  const [calleeModule, callerModule] = await compiled();
  const callee = await instance(calleeModule, newMemory(), {}, record);
  // the caller's memory is made first (it imports it); its realloc exists once it is instantiated
  const memory = newMemory();
  let caller: Instance | undefined;
  const side = { mv: memView(memory), realloc: (o: number, os: number, a: number, s: number) => caller!.realloc(o, os, a, s) };
  caller = await instance(callerModule, memory, { adapter: adapters(callee, side) }, record);
  // one MemView per memory: the adapter's and the instance's must be the same object
  caller.mv = side.mv;
  return { callee, caller };
}
