/** What an example's README says its app prints: the fenced block after the line "prints". */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES } from './harness.js';

export function readmeOutput(example: string): string {
  const readme = readFileSync(join(EXAMPLES, example, 'README.md'), 'utf8');
  const m = /\nprints\n\n```\n([\s\S]*?)```\n/.exec(readme);
  if (!m) throw new Error(`examples/${example}/README.md has no "prints" block`);
  return m[1]!;
}
