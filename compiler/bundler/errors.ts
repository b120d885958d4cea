/**
 * A CompileError as a bundler error: the component file as the module, the
 * catalogued code, and the byte offset (in the message, and as line 1,
 * column = offset, the convention of wasm source maps).
 */
import { CompileError } from '../errors/index.js';
import type { BundlerError } from './types.js';

export function bundlerError(e: unknown, path: string): BundlerError | undefined {
  if (!(e instanceof CompileError)) return undefined;
  return {
    message: `${path}: ${e.code}: ${e.message}`,
    id: path,
    pluginCode: e.code,
    ...(e.offset === undefined ? {} : { loc: { file: path, line: 1, column: e.offset } }),
    meta: { code: e.code, offset: e.offset },
    cause: e,
  };
}
