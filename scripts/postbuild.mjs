// After tsc: make the CLI executable and index the built runtime once, so a
// compile splices runtime pieces without parsing dist/runtime again.
import { chmodSync } from 'node:fs';
import { writeRuntimeIndex } from '../dist/compiler/emit/runtime-pieces.js';

chmodSync(new URL('../dist/compiler/cli/main.js', import.meta.url), 0o755);
writeRuntimeIndex();
