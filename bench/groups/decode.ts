/**
 * Decoding speed on the largest real components (the jco runtime fixtures):
 * `decode` alone and `decode + validate`, in MB/s of input.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeComponent } from '../../compiler/binary/decode.js';
import { validateComponent } from '../../compiler/types/validate.js';
import { FIXTURES } from '../../test/paths.js';
import { measure, type Row, type Task } from '../harness.js';

/** How many of the largest fixtures to measure. */
const LARGEST = 4;

export async function decodeGroup(): Promise<Row[]> {
  const files = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.wasm'))
    .map((f) => ({ file: f, size: statSync(join(FIXTURES, f)).size }))
    .sort((a, b) => b.size - a.size)
    .slice(0, LARGEST);
  const tasks: Task[] = [];
  for (const { file } of files) {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, file)));
    tasks.push({ name: 'decode', input: file, bytes: bytes.length, run: () => decodeComponent(bytes) });
    tasks.push({
      name: 'decode + validate',
      input: file,
      bytes: bytes.length,
      run: () => validateComponent(decodeComponent(bytes)),
    });
  }
  return measure('decode', tasks);
}
