// After tsc: index the built runtime once (a compile then splices runtime
// pieces without parsing dist/runtime again), and bundle the CLI into one
// file, dist/canonjs.mjs (the `bin`): one module to load instead of ~140
// keeps `npx canonjs` quick to start. Dependencies stay external.
import { chmodSync } from 'node:fs';
import { build } from 'esbuild';
import { writeRuntimeIndex } from '../dist/compiler/emit/runtime-pieces.js';

const dist = new URL('../dist/', import.meta.url);
writeRuntimeIndex();
await build({
  entryPoints: [new URL('compiler/cli/main.js', dist).pathname],
  outfile: new URL('canonjs.mjs', dist).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
chmodSync(new URL('canonjs.mjs', dist), 0o755);
chmodSync(new URL('compiler/cli/main.js', dist), 0o755);
