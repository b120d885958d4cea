/**
 * canonjs's front end alone on the largest jco-runtime fixtures: `decode`
 * and `decode + validate` (detail rows; jco has no separate step to compare).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeComponent } from '../../compiler/binary/decode.js';
import { validateComponent } from '../../compiler/types/validate.js';
import { FIXTURES } from '../../test/paths.js';
import { isNa, measure, na, type Comparison, type Row } from '../harness.js';

/** How many of the largest fixtures to measure. */
const LARGEST = 2;

export async function decodeGroup(): Promise<Row[]> {
  const files = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.wasm'))
    .map((f) => ({ file: f, size: statSync(join(FIXTURES, f)).size }))
    .sort((a, b) => b.size - a.size)
    .slice(0, LARGEST);
  const comparisons: Comparison[] = [];
  for (const { file } of files) {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, file)));
    const common = { input: file, ops: 1, jco: na(), floor: na(), detail: true };
    comparisons.push({ ...common, name: 'decode', canonjs: () => decodeComponent(bytes) });
    comparisons.push({ ...common, name: 'decode + validate', canonjs: () => validateComponent(decodeComponent(bytes)) });
  }
  const rows = await measure('decode', comparisons);
  // throughput, in 10^6 bytes per second of input
  return rows.map((r, i) => {
    const size = files[i >> 1]!.size;
    return isNa(r.canonjs) ? r : { ...r, note: `${(size / 1e6 / (r.canonjs.value / 1e9)).toFixed(1)} MB/s of ${(size / 1024).toFixed(1)} KiB` };
  });
}
