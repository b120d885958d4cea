// Uses the two thread components through their ES modules, on Node 20 or later:
//   npx canonjs compile examples/threads/coop.wasm -o examples/threads/out
//   npx canonjs compile examples/threads/parallel.wasm -o examples/threads/out
//   node examples/threads/app.mjs
import { availableParallelism } from 'node:os';
import { weave } from './out/coop.js';
import { parallelism, sumOfSquares } from './out/parallel.js';

// Cooperative threads: one JS thread, several component threads taking turns.
// weave is an async func: a Promise of the string. Calls may overlap: the
// component lets one in at a time (backpressure), the next waits its turn.
console.log(await weave(3, 4));
const [two, five] = await Promise.all([weave(2, 3), weave(5, 1)]);
console.log(two, five);

// Shared-everything threads: the same sum on 1 and on 4 workers, run in parallel
// on worker_threads over the component's shared memory. sum-of-squares is a sync
// func (the calling thread blocks in memory.atomic.wait32) returning a u64: a bigint.
const n = 1_000_000;
const expected = (BigInt(n) * BigInt(n + 1) * BigInt(2 * n + 1)) / 6n;
for (const workers of [1, 4]) {
  const sum = sumOfSquares(n, workers);
  console.log(`1² + … + ${n}² on ${workers} worker${workers > 1 ? 's' : ''}: ${sum} (${sum === expected ? 'right' : 'wrong'})`);
}
console.log(`thread.available_parallelism = os.availableParallelism(): ${parallelism() === availableParallelism()}`);
