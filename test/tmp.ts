/**
 * Temporary folders for tests, removed when the test process exits, so runs
 * leave nothing behind in the system's temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
process.once('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh empty folder `canonjs-<prefix>-XXXXXX` in the system temp folder. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `canonjs-${prefix}-`));
  made.push(dir);
  return dir;
}
