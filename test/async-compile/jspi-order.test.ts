/**
 * Under JSPI (Node 24) a stackful async export's task returns while its
 * stack is still running; the instance must be left as soon as that stack
 * returns from core, before the host sees the result: a sync call made
 * right after awaiting it enters the instance (no `trap/cannot-enter`).
 * Compiled here, run by the Node 24 child, which picks JSPI ('auto').
 */
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { node24 } from '../stack-switching/node24.js';
import { tempDir } from '../tmp.js';

const STACKFUL = `
(component
  (core func $ret (canon task.return (result u32)))
  (core func $yield (canon thread.yield))
  (core module $M
    (import "" "ret" (func $ret (param i32)))
    (import "" "yield" (func $yield (result i32)))
    (func (export "run") (param i32)
      (drop (call $yield))
      ;; returns from core right after task.return, on a resumed stack
      (call $ret (i32.add (local.get 0) (i32.const 1))))
    (func (export "get") (result i32) (i32.const 7)))
  (core instance $m (instantiate $M (with "" (instance (export "ret" (func $ret)) (export "yield" (func $yield))))))
  (func (export "run") async (param "x" u32) (result u32) (canon lift (core func $m "run") async))
  (func (export "get") (result u32) (canon lift (core func $m "get"))))`;

const MAIN = `
import { instantiate } from './c.js';
const m = await instantiate();
const out = [];
for (let i = 0; i < 3; i++) out.push(await m.run(i), await m.get());
console.log(JSON.stringify({ jspi: 'Suspending' in WebAssembly, out }));
`;

describe.skipIf(!existsSync(node24))('JSPI ordering on Node 24 (scripts/install-engines.sh)', () => {
  test('a sync call right after a stackful export resolved enters the instance', async () => {
    const dir = tempDir('jspi-order');
    const { files } = await compile(await parse(STACKFUL), { name: 'c', typescript: false });
    for (const [f, data] of Object.entries(files)) writeFileSync(join(dir, f), data);
    writeFileSync(join(dir, 'main.mjs'), MAIN);
    const r = spawnSync(node24, [join(dir, 'main.mjs')], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual({ jspi: true, out: [1, 7, 2, 7, 3, 7] });
  });
});
