/**
 * Where tests, the conformance runner and the bench find things. The shared,
 * read-only material (conformance suite, fixtures) lives beside the clone as
 * `../shared`; this is the one place that says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest folder above this file whose package.json is canonjs's
 * (this file also runs compiled, from dist/test/). */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = resolve(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'canonjs') return dir;
    if (dirname(dir) === dir) throw new Error(`no canonjs package.json above ${from}`);
  }
}

export const REPO_ROOT = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
export const SHARED = resolve(REPO_ROOT, '../shared');
export const CONFORMANCE = resolve(SHARED, 'conformance/component-model');
export const FIXTURES = resolve(SHARED, 'fixtures/jco-runtime');
