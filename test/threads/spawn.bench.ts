/**
 * Spawn + join of one shared thread (test/threads/components.ts's
 * SPAWN_INDIRECT: `run(1)` spawns a thread that adds 1 and waits for it on
 * the main thread), and of eight at once. `npx vitest bench --run test/threads/`;
 * compare the median (p50) per iteration.
 */
import { bench, describe } from 'vitest';
import { SPAWN_INDIRECT } from './components.js';
import { threadComponent } from './encode.js';
import { compileToDir } from './load.js';

const out = await compileToDir(await threadComponent(SPAWN_INDIRECT));
const e = await out.instantiate({ log: () => {} });

describe('shared threads', () => {
  bench('spawn + join one thread', () => {
    if (e.run(1) !== 1) throw new Error('wrong sum');
  }, { iterations: 200, warmupIterations: 20 });

  bench('spawn + join eight threads', () => {
    if (e.run(8) !== 36) throw new Error('wrong sum');
  }, { iterations: 50, warmupIterations: 5 });
});
