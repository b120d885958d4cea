/**
 * `npm run bench`: builds the benchmark components (bench/components/*.wat),
 * compiles them and the jco-runtime fixtures with canonjs and with jco, runs
 * every group, prints the table and writes bench/results/latest.{json,md}
 * and the README's Performance table. A group is one file under groups/
 * returning rows; add new ones to GROUPS.
 */
import { REPO_ROOT } from '../test/paths.js';
import { benchComponents } from './components.js';
import type { Row } from './harness.js';
import { asyncGroup } from './groups/async.js';
import { callsGroup } from './groups/calls.js';
import { compileGroup } from './groups/compile.js';
import { decodeGroup } from './groups/decode.js';
import { fusedGroup } from './groups/fused.js';
import { listsGroup } from './groups/lists.js';
import { resourcesGroup } from './groups/resources.js';
import { sizeGroup } from './groups/size.js';
import { stringsGroup } from './groups/strings.js';
import { variantsGroup } from './groups/variants.js';
import { consoleTable, results, writeResults } from './report.js';

const GROUPS: Record<string, () => Promise<Row[]>> = {
  calls: callsGroup,
  strings: stringsGroup,
  lists: listsGroup,
  variants: variantsGroup,
  resources: resourcesGroup,
  fused: fusedGroup,
  size: sizeGroup,
  compile: compileGroup,
  decode: decodeGroup,
  async: asyncGroup,
};

/** `npm run bench -- calls strings` runs only the named groups (and writes no results files). */
const only = process.argv.slice(2);
const unknown = only.filter((g) => !(g in GROUPS));
if (unknown.length) {
  process.stderr.write(`bench: unknown group ${unknown.join(', ')} (groups: ${Object.keys(GROUPS).join(', ')})\n`);
  process.exit(2);
}
const start = performance.now();
await benchComponents();
const rows: Row[] = [];
for (const [name, group] of Object.entries(GROUPS)) {
  if (only.length > 0 && !only.includes(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  rows.push(...(await group()));
}
const seconds = (performance.now() - start) / 1000;
process.stdout.write(consoleTable(rows));
process.stderr.write(`bench: ${seconds.toFixed(0)} s\n`);
if (only.length === 0) {
  writeResults(REPO_ROOT, results(rows, seconds));
  process.stdout.write('wrote bench/results/latest.json, latest.md and the README table\n');
}
