/** examples/threads: cooperative threads (🧵) and shared-everything threads (🧵②), used from a JS app. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { afterAll, describe, expect, test } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { validate } from '../../compiler/index.js';
import { compileAndLoad } from '../compile/load.js';
import { threadComponent } from '../threads/encode.js';
import { EXAMPLES, exampleBytes, removeStaged, runApp, stageExample } from './harness.js';
import { readmeOutput } from './readme.js';

const source = (name: string) => readFileSync(join(EXAMPLES, 'threads', `${name}.wat`), 'utf8');

describe('examples/threads', () => {
  afterAll(removeStaged);
  const coop = exampleBytes('threads', 'coop.wasm');
  const parallel = exampleBytes('threads', 'parallel.wasm');

  test('coop.wasm is built from coop.wat (rebuild: node examples/threads/build.js)', async () => {
    expect(Buffer.from(await parse(source('coop'))).equals(Buffer.from(coop))).toBe(true);
  });

  test("parallel.wasm is parallel.wat with the 🧵② built-ins in the spec's shared encoding", async () => {
    // build.js re-encodes on its own; test/threads/encode.ts is the tests' independent version
    expect(Buffer.from(await threadComponent(source('parallel'), true)).equals(Buffer.from(parallel))).toBe(true);
  });

  test('the exports, without imports', () => {
    const c = validate(coop);
    expect(c.imports).toEqual([]);
    expect(c.exports).toEqual([{ name: 'weave', kind: 'func', type: 'async func(workers: u32, rounds: u32) -> string' }]);
    const p = validate(parallel);
    expect(p.imports).toEqual([]);
    expect(p.exports).toEqual([
      { name: 'sum-of-squares', kind: 'func', type: 'func(n: u32, workers: u32) -> u64' },
      { name: 'parallelism', kind: 'func', type: 'func() -> u32' },
    ]);
  });

  test('app.mjs prints what its README says (Node 20: asyncify and worker_threads)', async () => {
    const dir = await stageExample('threads', 'coop');
    const { files } = await compile(parallel, { name: 'parallel' });
    expect(Object.keys(files)).toContain('parallel.worker.js');
    for (const [file, contents] of Object.entries(files)) writeFileSync(join(dir, 'out', file), contents);
    const r = await runApp(dir);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readmeOutput('threads'));
    expect(r.code).toBe(0);
  });

  test('weave: no worker or no round gives "", a lone worker needs no hand-over, 26 letters at most', async () => {
    const { instantiate } = await compileAndLoad(coop);
    const c = await instantiate();
    expect(await c.weave(0, 5)).toBe('');
    expect(await c.weave(4, 0)).toBe('');
    expect(await c.weave(1, 3)).toBe('aaa');
    expect(await c.weave(26, 2)).toBe('abcdefghijklmnopqrstuvwxyz'.repeat(2));
    await expect(c.weave(27, 1)).rejects.toThrow(WebAssembly.RuntimeError);
  });
});
