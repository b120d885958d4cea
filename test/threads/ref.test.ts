/**
 * `thread.spawn-ref shared`: the core module passes a typed function
 * reference `(ref null $ft)`, which Node 20's engine cannot compile (typed
 * function references came with V8 11.9), so the compiled output runs under
 * the Node 24 that scripts/install-engines.sh puts in .engines/ (skipped
 * when absent). Node 20 still compiles it: the component validates and the
 * glue is emitted.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { node24 } from '../stack-switching/node24.js';
import { tempDir } from '../tmp.js';
import { SPAWN_REF } from './components.js';
import { threadComponent } from './encode.js';

const CHILD = `
import { instantiate } from './t.js';
const code = (f) => { try { f(); return 'returned'; } catch (e) { return e.code ?? String(e); } };
const out = {};
const e = await instantiate();
out.sum = e.run(6);
out.again = e.run(2);
out.nullRef = code(() => (e2 => e2.spawnNull())(e));
const e3 = await instantiate();
out.hidden = code(() => e3.spawnHidden());
out.afterHidden = code(() => e3.run(1));
console.log(JSON.stringify(out));
`;

describe('thread.spawn-ref shared', () => {
  test('compiles on Node 20', async () => {
    const { files } = await compile(await threadComponent(SPAWN_REF), { name: 't', instantiation: 'async' });
    expect(files['t.js']).toMatch(/threadSpawnRef\(threads, 0, "i32", p0, p1\)/);
    expect(Object.keys(files)).toContain('t.worker.js');
  });

  test.skipIf(!existsSync(node24))('runs under Node 24: threads from a funcref add into shared memory; null and unreachable functions trap', async () => {
    const { files } = await compile(await threadComponent(SPAWN_REF), { name: 't', instantiation: 'async' });
    const dir = tempDir('threads-ref');
    for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
    writeFileSync(join(dir, 'main.mjs'), CHILD);
    const r = spawnSync(node24, [join(dir, 'main.mjs')], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    expect(line.startsWith('{'), `${r.stdout}\n${r.stderr}`).toBe(true);
    expect(JSON.parse(line)).toEqual({
      // run(n) adds 1..n onto what earlier runs left
      sum: 21,
      again: 24,
      nullRef: 'trap/thread-spawn-null-ref',
      // $hidden is neither exported nor in a table: a worker could not name it
      hidden: 'trap/thread-unreachable',
      afterHidden: 'trap/poisoned',
    });
  });
});
