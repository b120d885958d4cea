/**
 * The compile cache of `canonjs run`: a component compiles once; later runs
 * reuse the output. An entry is keyed by the component's SHA-256 and a stamp
 * of the compiler itself (its version and the sizes and times of its files),
 * so a changed compiler never serves stale output.
 *
 * Where: $CANONJS_CACHE_DIR, else $XDG_CACHE_HOME/canonjs, else the nearest
 * node_modules/.cache/canonjs above the working folder (the npm habit), else
 * ~/.cache/canonjs.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../../compile.js';
import { writeOutput } from '../output.js';
import { packageVersion } from '../version.js';

/** Base name of the compiled module in a cache entry. */
export const ENTRY_NAME = 'component';

export function cacheRoot(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  if (env.CANONJS_CACHE_DIR) return resolve(env.CANONJS_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), 'canonjs');
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'canonjs');
    if (dirname(dir) === dir) break;
  }
  return join(homedir(), '.cache', 'canonjs');
}

let stamp: string | undefined;

/**
 * The compiler's identity: its version, and the size and time of the file
 * running now and of the runtime index; every build rewrites both, so a
 * rebuilt compiler never reuses an older one's output.
 */
export function compilerStamp(): string {
  if (stamp !== undefined) return stamp;
  const self = fileURLToPath(import.meta.url);
  const hash = createHash('sha256').update(packageVersion());
  for (let dir = dirname(self); ; dir = dirname(dir)) {
    const index = join(dir, 'runtime-index.json');
    if (existsSync(index)) {
      for (const path of [self, index]) {
        const s = statSync(path);
        hash.update(`${path}\0${s.size}\0${s.mtimeMs}\n`);
      }
      break;
    }
    if (dirname(dir) === dir) {
      hash.update(self); // running from source: no build, no stable identity beyond the path
      break;
    }
  }
  return (stamp = hash.digest('hex').slice(0, 16));
}

/** The hex SHA-256 of the bytes. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface CacheEntry {
  /** the folder holding `component.js` and its core modules */
  dir: string;
  /** true when this call compiled it */
  fresh: boolean;
}

/**
 * The compiled `instantiate`-mode module of `bytes`, from the cache or
 * compiled now. A compile error is thrown (and nothing is cached).
 */
export async function cachedCompile(bytes: Uint8Array, options: { root?: string; useCache?: boolean } = {}): Promise<CacheEntry> {
  const root = options.root ?? cacheRoot();
  const dir = join(root, `${contentHash(bytes).slice(0, 32)}-${compilerStamp()}`);
  const done = join(dir, 'canonjs-cache.json');
  if (options.useCache !== false && existsSync(done)) {
    try {
      const meta = JSON.parse(readFileSync(done, 'utf8')) as { complete?: boolean };
      if (meta.complete) return { dir, fresh: false };
    } catch {
      // a damaged entry is rebuilt below
    }
  }
  const { files } = await compile(bytes, { name: ENTRY_NAME, instantiation: 'async', typescript: false });
  // The marker is written with the files (writeOutput moves them in together), so a
  // half-written entry is never taken for a whole one. package.json: the cache may
  // sit under node_modules, where Node would otherwise read .js as CommonJS.
  try {
    await writeOutput(dir, {
      ...files,
      'package.json': '{ "type": "module" }\n',
      'canonjs-cache.json': JSON.stringify({ complete: true, version: packageVersion() }) + '\n',
    });
  } catch (e) {
    if (!existsSync(done)) throw e; // else another run wrote the same entry first
  }
  return { dir, fresh: true };
}
