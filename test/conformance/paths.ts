/**
 * Where things are, both from the sources (vitest) and from `dist/` (the
 * `npm run conformance` build): found by walking up to the package root.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'canonjs') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the canonjs package root');
    dir = up;
  }
}

/** The suite: `CONFORMANCE_SUITE`, or the shared checkout beside the repository. */
export function suiteDir(): string {
  return resolve(process.env.CONFORMANCE_SUITE ?? join(repoRoot(), '../shared/conformance/component-model'));
}

export function expectationsPath(): string {
  return join(repoRoot(), 'test/conformance/expectations.json');
}

/** git-ignored */
export function reportDir(): string {
  return join(repoRoot(), 'conformance-report');
}
