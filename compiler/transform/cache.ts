/**
 * The content-addressed cache of core-module transforms (asyncify): the key
 * is the SHA-256 of the input bytes, the pass's options and the versions of
 * the tool and of the pass pipeline, so an entry is either exactly right or
 * never found. Transforms are slow (asyncify: tens of seconds per MB) and
 * deterministic, so a repeated compile of the same component is instant.
 *
 * Where: $CANONJS_CACHE_DIR/<pass>, else $XDG_CACHE_HOME/canonjs/<pass>, else
 * the nearest node_modules/.cache/canonjs/<pass> above the working folder,
 * else ~/.cache/canonjs/<pass> (the same roots as `canonjs run`'s cache).
 * A damaged or unwritable cache is never an error: the transform just runs.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The folder holding cached outputs of the pass `pass`. */
export function transformCacheDir(pass: string, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  if (env.CANONJS_CACHE_DIR) return join(resolve(env.CANONJS_CACHE_DIR), pass);
  if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), 'canonjs', pass);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'canonjs', pass);
    if (dirname(dir) === dir) break;
  }
  return join(homedir(), '.cache', 'canonjs', pass);
}

/** The cache key of a transform: hex SHA-256 over the input and a canonical text of everything else it depends on. */
export function transformKey(input: Uint8Array, stamp: string): string {
  return createHash('sha256').update(stamp).update('\0').update(input).digest('hex');
}

/** The cached output for `key`, or undefined. */
export function cacheGet(dir: string, key: string): Uint8Array | undefined {
  try {
    const bytes = readFileSync(join(dir, `${key}.wasm`));
    // a truncated file cannot pass for an output: outputs are written whole and renamed into place
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch {
    return undefined;
  }
}

/** Stores `bytes` under `key`, atomically (write a temporary file, then rename); failures are ignored. */
export function cachePut(dir: string, key: string, bytes: Uint8Array): void {
  const tmp = join(dir, `${key}.${process.pid}.${Date.now()}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, bytes);
    renameSync(tmp, join(dir, `${key}.wasm`));
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing more to clean up
    }
  }
}
