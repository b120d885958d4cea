/**
 * `npm run bench`: runs every benchmark group, prints a table and writes
 * bench/results/latest.{json,md} (and the README's Performance table).
 * A group is one file under groups/ returning rows; add new ones to GROUPS.
 */
import { REPO_ROOT } from '../test/paths.js';
import type { Row } from './harness.js';
import { decodeGroup } from './groups/decode.js';
import { consoleTable, results, writeResults } from './report.js';

const GROUPS: Record<string, () => Promise<Row[]>> = {
  decode: decodeGroup,
};

/** `npm run bench -- decode` runs only the named groups (and writes no results files). */
const only = process.argv.slice(2);
const rows: Row[] = [];
for (const [name, group] of Object.entries(GROUPS)) {
  if (only.length > 0 && !only.includes(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  rows.push(...(await group()));
}
process.stdout.write(consoleTable(rows));
if (only.length === 0) {
  writeResults(REPO_ROOT, results(rows));
  process.stdout.write('wrote bench/results/latest.json, latest.md and the README table\n');
}
